from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_vary_headers

from arenden.diarienummer import parse_slug
from arenden.models import Arende, Handling
from arenden.services import behorighet


def get_arende(slug: str, queryset=None) -> Arende:
    """The case a URL names, or 404: an unknown or malformed diarienummer is not found."""
    nummer = parse_slug(slug)
    if nummer is None or nummer.prefix is None:
        raise Http404("Okänt diarienummer.")
    queryset = queryset if queryset is not None else Arende.objects.all()
    return get_object_or_404(queryset.select_related("diarium"), diarienummer=str(nummer))


def get_arende_att_andra(request, slug: str) -> Arende:
    """The case a registering user acts on: 403 for anyone else (before saying whether it
    exists), then 404 for an unknown number."""
    if not behorighet.kan_registrera(request.user):
        raise PermissionDenied
    return get_arende(slug)


def get_handling(arende: Arende, nummer: int) -> Handling:
    return get_object_or_404(arende.handlingar.select_related("arende"), lopnummer=nummer)


def htmx_fragment(request) -> bool:
    """An HTMX request that wants a fragment (not a history restore, which wants the page)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request


def varierar_med_htmx(svar):
    # The same URL answers a whole page or a fragment: caches must keep them apart.
    patch_vary_headers(svar, ("HX-Request",))
    return svar


def postdata(request):
    """The form data of a POST, else None for an unbound form.

    Not `postdata(request)`: an empty POST (a truncated body, a form with nothing
    filled in) must be a bound, invalid form that says what is missing, not a blank one.
    """
    return request.POST if request.method == "POST" else None
