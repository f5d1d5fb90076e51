"""Words about motions that must agree with what they describe, for the templates."""

from django import template

from arenden.services import motioner, motionsavslut

register = template.Library()


@register.filter
def i_mening(namn):
    """An organ's name mid-sentence: "regionstyrelsen", "SVOM" (never lowercased whole)."""
    return motioner.i_mening(str(namn or ""))


@register.filter
def utfall(motion):
    """A closed motion's outcome agreeing with its noun: "Bifallen" motion, "Bifallet"
    medborgarförslag; "" while it is open."""
    if not motion.utfall:
        return ""
    text = motionsavslut.utfall_text(motion)
    return text[:1].upper() + text[1:]
