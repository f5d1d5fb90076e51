"""Reading a tjänsteskrivelse: the page, its PDF."""

import re

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from arenden.dokument import dokument
from arenden.models import Tjansteskrivelse
from arenden.pdf.tjansteskrivelse import pdf_for_skrivelse
from arenden.services import tjansteskrivelser
from arenden.views.helpers import get_arende


def _get_skrivelse_att_lasa(request, slug, pk) -> Tjansteskrivelse:
    """The tjänsteskrivelse the URL names, 404 if it is not in that case, 403 if the
    user may not read it (a draft without the right to see drafts, a secret one)."""
    arende = get_arende(slug)
    skrivelse = get_object_or_404(
        Tjansteskrivelse.objects.select_related("arende").prefetch_related(
            "avsnitt", "attsatser", "undertecknare", "utdrag_till"
        ),
        arende=arende,
        pk=pk,
    )
    if not tjansteskrivelser.far_se(skrivelse, request.user):
        raise PermissionDenied
    return skrivelse


@require_GET
def visa(request, slug, pk):
    skrivelse = _get_skrivelse_att_lasa(request, slug, pk)
    dok = dokument(
        tjansteskrivelser.innehall(skrivelse),
        maskerad=tjansteskrivelser.maskeras_for(skrivelse, request.user),
    )
    return render(
        request,
        "tjansteskrivelser/visa.html",
        {"arende": skrivelse.arende, "skrivelse": skrivelse, "dok": dok},
    )


_OTILLATET_I_FILNAMN = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def _filnamn(skrivelse: Tjansteskrivelse) -> str:
    titel = " ".join(_OTILLATET_I_FILNAMN.sub(" ", skrivelse.titel).split())[:100].strip()
    return f"{skrivelse.arende.slug} Tjänsteskrivelse {titel}".strip() + ".pdf"


@require_GET
def pdf(request, slug, pk):
    skrivelse = _get_skrivelse_att_lasa(request, slug, pk)
    data = pdf_for_skrivelse(skrivelse, anvandare=request.user)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, _filnamn(skrivelse))
    # A draft changes and what a user may see depends on who asks: never a shared cache.
    response["Cache-Control"] = "private, no-cache"
    return response
