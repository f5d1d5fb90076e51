"""One helper per object: each answers 404 for what does not exist and 403 for what the
user may not do, in that order for reading and the other way round for changing (a
user without the right learns nothing about which meetings exist)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404

from arenden.models import Beslut, Dagordningspunkt, Sammantrade
from arenden.services import behorighet, lasrum


def get_sammantrade(request, pk) -> Sammantrade:
    sammantrade = get_object_or_404(
        Sammantrade.objects.select_related("organ", "ordforande", "sekreterare"), pk=pk
    )
    if not lasrum.kan_se_sammantrade(request.user, sammantrade):
        raise PermissionDenied
    return sammantrade


def get_sammantrade_att_hantera(request, pk) -> Sammantrade:
    if not behorighet.kan_hantera_sammantraden(request.user):
        raise PermissionDenied
    return get_object_or_404(
        Sammantrade.objects.select_related("organ", "ordforande", "sekreterare"), pk=pk
    )


def get_punkt(request, sammantrade: Sammantrade, ppk) -> Dagordningspunkt:
    """An item the user may see; a closed item of another organ is not there for them."""
    punkt = get_object_or_404(
        sammantrade.dagordning.select_related(
            "arende", "tjansteskrivelse_version", "fran_beslut__organ", "fran_beslut__sammantrade"
        ),
        pk=ppk,
    )
    if not punkt.offentlig and not lasrum.ser_slutna_punkter(request.user, sammantrade):
        raise Http404("Punkten finns inte.")
    return punkt


def get_beslut(sammantrade: Sammantrade, bpk) -> Beslut:
    return get_object_or_404(sammantrade.beslut.select_related("arende", "organ"), pk=bpk)


def tjanstefel(form, fel: ValidationError) -> None:
    """A service's refusal onto the form: by field where it names one the form has."""
    if hasattr(fel, "error_dict"):
        for falt, lista in fel.error_dict.items():
            form.add_error(falt if falt in form.fields else None, lista)
    else:
        form.add_error(None, fel)


def fel_text(fel: ValidationError) -> list[str]:
    if hasattr(fel, "error_dict"):
        return [m for lista in fel.message_dict.values() for m in lista]
    return fel.messages


def htmx_fragment(request) -> bool:
    """An HTMX request that wants a fragment (not a history restore, which wants the page)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request
