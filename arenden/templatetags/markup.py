from django import template
from django.utils.safestring import mark_safe

from arenden.services.sok import maskera_personnummer

register = template.Library()


@register.filter
def markdown(text):
    """Stored Markdown as safe HTML, through the one sanitising function the PDF uses too."""
    from arenden.markup import render_markdown

    return mark_safe(render_markdown(text or ""))  # noqa: S308 - sanitised by nh3


@register.filter
def maskerad(text):
    return maskera_personnummer(text or "")


@register.filter
def saknas(varde, falt=None):
    return varde if varde else "uppgift saknas i källan"
