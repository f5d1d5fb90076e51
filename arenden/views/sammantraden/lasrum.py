"""The politicians' reading room: an item's frozen proposal and its papers, PDF a tap away.

What a member reads is the version frozen when the kallelse went out, never the
draft being edited since. Secret underlag opens only for those with a ground to see
it, and every opening is logged.
"""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from arenden import dokument
from arenden.services import behorighet, lasrum
from arenden.services import kallelse as kallelsetjanst
from arenden.views.sammantraden.hjalp import get_punkt, get_sammantrade


@require_GET
def punkt(request, pk, ppk):
    sammantrade = get_sammantrade(request, pk)
    punkt = get_punkt(request, sammantrade, ppk)
    hemliga = lasrum.hemlig_skrivelse(punkt)
    # Only the frozen version: before the kallelse the memo may still be a draft.
    version = punkt.tjansteskrivelse_version
    if not lasrum.far_se_skrivelsen(request.user, punkt, hemliga):
        version = None
    ts = None
    if version is not None:
        for handling in hemliga:
            lasrum.logga_sekretessatkomst(
                request.user, handling, "läste tjänsteskrivelsen i läsrummet"
            )
        ts = version.innehall
        if maskeras(request.user):
            ts = dokument.maskera(ts)
    underlag = list(lasrum_underlag(punkt))
    for handling in underlag:
        handling.far_ses = not handling.sekretessmarkerad or behorighet.kan_se_sekretess(
            request.user, handling
        )
    grannar = list(lasrum.synliga_punkter(request.user, sammantrade).order_by("ordning"))
    index = next(i for i, p in enumerate(grannar) if p.pk == punkt.pk)
    return render(
        request,
        "sammantraden/punkt.html",
        {
            "sammantrade": sammantrade,
            "punkt": punkt,
            "ts": ts,
            "hemlig_skrivelse": punkt.tjansteskrivelse_version_id and version is None,
            "skrivelsens_sekretess": ", ".join(sorted({h.sekretess_bestammelse for h in hemliga})),
            "version": version,
            "underlag": underlag,
            "forra": grannar[index - 1] if index > 0 else None,
            "nasta": grannar[index + 1] if index + 1 < len(grannar) else None,
            "beslutet": getattr(punkt, "beslut", None),
        },
    )


def maskeras(user) -> bool:
    # As on the tjänsteskrivelse's own page: personnummer in full only for those with
    # the right to see secret material.
    return not behorighet.kan_se_sekretess(user)


def lasrum_underlag(punkt):
    return punkt.underlag.filter(makulerad=False).select_related("arende").order_by("lopnummer")


@require_GET
def tjansteskrivelse_pdf(request, pk, ppk):
    sammantrade = get_sammantrade(request, pk)
    punkt = get_punkt(request, sammantrade, ppk)
    if punkt.tjansteskrivelse_version is None:
        raise Http404("Ingen tjänsteskrivelse är fryst för punkten ännu.")
    hemliga = lasrum.hemlig_skrivelse(punkt)
    if not lasrum.far_se_skrivelsen(request.user, punkt, hemliga):
        raise PermissionDenied
    for handling in hemliga:
        lasrum.logga_sekretessatkomst(request.user, handling, "hämtade tjänsteskrivelsen som PDF")
    pdf = kallelsetjanst.tjansteskrivelse_pdf(
        punkt.tjansteskrivelse_version, maskerad=maskeras(request.user)
    )
    svar = HttpResponse(pdf, content_type="application/pdf")
    namn = f"tjansteskrivelse-{punkt.arende.slug if punkt.arende_id else punkt.pk}.pdf"
    svar["Content-Disposition"] = f'inline; filename="{namn}"'
    svar["Cache-Control"] = "private, no-store"
    return svar


@require_GET
def underlag(request, pk, ppk, hpk):
    sammantrade = get_sammantrade(request, pk)
    punkt = get_punkt(request, sammantrade, ppk)
    handling = get_object_or_404(lasrum_underlag(punkt), pk=hpk)
    if not handling.fil:
        raise Http404("Handlingen har ingen fil.")
    if handling.sekretessmarkerad:
        if not behorighet.kan_se_sekretess(request.user, handling):
            raise PermissionDenied
        lasrum.logga_sekretessatkomst(request.user, handling, "läste underlaget i läsrummet")
    svar = FileResponse(
        handling.fil.open("rb"),
        as_attachment=False,
        filename=handling.filnamn or handling.beteckning,
        content_type=handling.filtyp or "application/octet-stream",
    )
    svar["Cache-Control"] = "private, no-store"
    return svar
