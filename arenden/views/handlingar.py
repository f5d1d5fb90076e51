from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from arenden.models import Sekretessatkomst
from arenden.services import behorighet
from arenden.views.helpers import get_arende


@require_GET
def fil(request, slug, nummer):
    """A handling's file, only through here: the storage is outside every web root."""
    arende = get_arende(slug)
    handling = get_object_or_404(arende.handlingar, lopnummer=nummer)
    if not handling.fil:
        raise Http404("Handlingen har ingen fil.")
    if handling.sekretessmarkerad:
        grund = behorighet.sekretessgrund(request.user, handling)
        if grund is None:
            raise PermissionDenied
        Sekretessatkomst.objects.create(
            anvandare=request.user, handling=handling, vad="laddade ned filen", grund=grund
        )
    svar = FileResponse(
        handling.fil.open("rb"),
        as_attachment=True,
        filename=handling.filnamn or f"{handling.beteckning}",
        content_type=handling.filtyp or "application/octet-stream",
    )
    svar["Cache-Control"] = "private, no-store"
    return svar
