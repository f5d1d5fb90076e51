"""The history's before and after values as a person reads them.

The history stores plain data (services.historik): foreign keys as their text, users
as their username, choices as their codes, a tjänsteskrivelse's sections as a list of
{"rubrik", "text"}. Here they become what the page shows: labels, names, lines.
"""

import datetime

from django import template
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from arenden.services import behorighet
from arenden.services.sok import maskera_personnummer

register = template.Library()

# A section's text is shown as its start: the whole text is in the document's versions.
AVSNITT_TECKEN = 120
# A plain value (a description, a reason) is shown whole up to this.
TEXT_TECKEN = 500
# A long list (att-satser, a distribution list) is cut after this many lines.
MAX_RADER = 12
_NAMN = "historik_anvandarnamn"


def _falt(objekt_typ: str, falt: str):
    try:
        return apps.get_model("arenden", objekt_typ)._meta.get_field(falt)
    except (LookupError, FieldDoesNotExist):
        return None


@register.filter
def faltnamn(falt: str, objekt_typ: str) -> str:
    """A changed field as a person reads it ("sekretessbestämmelse", not the column)."""
    field = _falt(objekt_typ, falt)
    if field is None:
        return falt.replace("_", " ")
    # A reverse relation (a tjänsteskrivelse's avsnitt) has no verbose_name of its own.
    namn = getattr(field, "verbose_name", None) or field.related_model._meta.verbose_name_plural
    return str(namn)


def _ar_anvandare(field) -> bool:
    return (
        field is not None
        and getattr(field, "many_to_one", False)
        and field.related_model is get_user_model()
    )


def _kort(text: str, tecken: int) -> str:
    # Line breaks (Markdown, a pasted list) read as spaces on one line.
    return Truncator(" ".join(str(text).split())).chars(tecken)


def _rad(del_) -> str:
    """One element of a stored list as one line."""
    if isinstance(del_, dict):
        if "rubrik" in del_:
            from arenden.markup import plain_text

            text = _kort(plain_text(del_.get("text") or ""), AVSNITT_TECKEN)
            return f"{del_['rubrik'] or '(utan rubrik)'}: {text or '(ingen text)'}"
        return ", ".join(_kort(v, TEXT_TECKEN) for v in del_.values() if v not in (None, ""))
    return _kort(del_, TEXT_TECKEN)


def text(varde, field=None, namn: dict | None = None) -> str | list[str]:
    """A stored value as text, or as lines for a list."""
    if varde is None or varde == "" or varde == []:
        return "–"
    if varde is True:
        return "ja"
    if varde is False:
        return "nej"
    if isinstance(varde, list):
        rader = [_rad(d) for d in varde]
        if len(rader) > MAX_RADER:
            rader = rader[:MAX_RADER] + [f"… och {len(rader) - MAX_RADER} till"]
        return rader
    if isinstance(varde, dict):
        return [f"{k.replace('_', ' ')}: {_rad(v)}" for k, v in varde.items()]
    if field is not None:
        if _ar_anvandare(field):
            return (namn or {}).get(varde) or str(varde)
        if field.choices:
            return str(dict(field.flatchoices).get(varde, varde))
        if isinstance(field, models.DateTimeField) and isinstance(varde, str):
            try:
                tid = datetime.datetime.fromisoformat(varde)
            except ValueError:
                return varde
            if timezone.is_aware(tid):
                tid = timezone.localtime(tid)
            return f"{tid:%Y-%m-%d %H:%M}"
    return _kort(varde, TEXT_TECKEN)


def anvandarnamn(poster) -> dict[str, str]:
    """Full names by username for every user a list of entries names, in one query."""
    anvandare = set()
    for post in poster:
        if getattr(post, "dold", ""):
            continue
        for falt, fore, efter in post.andringar:
            if _ar_anvandare(_falt(post.objekt_typ, falt)):
                anvandare |= {v for v in (fore, efter) if isinstance(v, str) and v}
    if not anvandare:
        return {}
    User = get_user_model()
    return {
        u.get_username(): u.get_full_name() or u.get_username()
        for u in User.objects.filter(**{f"{User.USERNAME_FIELD}__in": anvandare})
    }


def _html(varde) -> str:
    if isinstance(varde, list):
        return format_html(
            '<ul class="historikvarde">{}</ul>',
            format_html_join("", "<li>{}</li>", ((rad,) for rad in varde)),
        )
    return format_html("{}", varde)


@register.simple_tag(takes_context=True)
def historikandringar(context, post) -> list[tuple[str, str, str]]:
    """(field, before, after) as the reader reads them, for one entry of `historik`.

    The users are looked up once for the whole list the page shows. A tjänsteskrivelse's
    text is shown with personnummer masked to those who read it masked on its own page.
    """
    namn = context.render_context.get(_NAMN)
    if namn is None:
        namn = anvandarnamn(context.get("historik") or [post])
        context.render_context[_NAMN] = namn
    request = context.get("request")
    maskera = post.objekt_typ == "tjansteskrivelse" and not (
        request is not None and behorighet.kan_se_sekretess(request.user)
    )
    rader = []
    for falt, fore, efter in post.andringar:
        field = _falt(post.objekt_typ, falt)
        varden = []
        for varde in (fore, efter):
            visat = text(varde, field, namn)
            if maskera:
                visat = (
                    [maskera_personnummer(r) for r in visat]
                    if isinstance(visat, list)
                    else maskera_personnummer(visat)
                )
            varden.append(_html(visat))
        rader.append((faltnamn(falt, post.objekt_typ), *varden))
    return rader
