from django import template
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

register = template.Library()


@register.filter
def faltnamn(falt: str, objekt_typ: str) -> str:
    """A changed field as a person reads it ("sekretessbestämmelse", not the column)."""
    try:
        modell = apps.get_model("arenden", objekt_typ)
        field = modell._meta.get_field(falt)
    except (LookupError, FieldDoesNotExist):
        return falt.replace("_", " ")
    # A reverse relation (a tjänsteskrivelse's avsnitt) has no verbose_name of its own.
    namn = getattr(field, "verbose_name", None) or field.related_model._meta.verbose_name_plural
    return str(namn)


@register.filter
def varde(varde) -> str:
    if varde is None or varde == "":
        return "–"
    if varde is True:
        return "ja"
    if varde is False:
        return "nej"
    return str(varde)
