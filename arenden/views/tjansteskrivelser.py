"""Reading a tjänsteskrivelse: the page, its PDF, its versions and comparing them."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.utils.timezone import localtime
from django.views.decorators.http import require_GET

from arenden.diarienummer import parse_slug
from arenden.dokument import dokument, maskera
from arenden.models import Tjansteskrivelse
from arenden.pdf.tjansteskrivelse import filnamn, pdf_for_innehall, pdf_for_skrivelse
from arenden.services import behorighet, granskning, jamforelse
from arenden.services import tjansteskrivelser as tjanst


def _get_skrivelse_att_lasa(request, slug, pk, *, versioner: bool = False) -> Tjansteskrivelse:
    """The tjänsteskrivelse the URL names, 404 if it is not in that case, 403 if the
    user may not read it (a draft without the right to see drafts, a secret one).

    With `versioner` the document's present status does not decide: the version views
    judge each version by its own (services.tjansteskrivelser.synliga_versioner), so a
    reader may still open the version they were sent after the document was reopened.

    One query for the document, its case and whether it is secret: the cached PDF is
    served from here, and every query counts against its 30 ms.
    """
    nummer = parse_slug(slug)
    if nummer is None or nummer.prefix is None:
        raise Http404("Okänt diarienummer.")
    skrivelse = get_object_or_404(
        tjanst.med_sekretess(
            Tjansteskrivelse.objects.select_related("arende__diarium", "granskare")
        ),
        arende__diarienummer=str(nummer),
        pk=pk,
    )
    if versioner:
        if not tjanst.synliga_versioner(skrivelse, request.user).exists():
            raise PermissionDenied
    elif not tjanst.far_se(skrivelse, request.user):
        raise PermissionDenied
    return skrivelse


def _las_innehall(skrivelse, innehall, user) -> dict:
    return maskera(innehall) if tjanst.maskeras_for(skrivelse, user) else innehall


@require_GET
def visa(request, slug, pk):
    skrivelse = _get_skrivelse_att_lasa(request, slug, pk)
    user = request.user
    tjanst.logga_lasning(skrivelse, user, vad="visade tjänsteskrivelsen")
    innehall = tjanst.innehall(skrivelse)
    versioner = list(skrivelse.versioner.order_by("-nummer").values("nummer", "anledning"))
    kan_skriva = behorighet.kan_skriva(user)
    last_version = tjanst.lasta_versionen(skrivelse)
    return render(
        request,
        "tjansteskrivelser/visa.html",
        {
            "arende": skrivelse.arende,
            "skrivelse": skrivelse,
            "dok": dokument(_las_innehall(skrivelse, innehall, user)),
            "senaste_version": versioner[0]["nummer"] if versioner else None,
            "antal_versioner": tjanst.synliga_versioner(skrivelse, user).count(),
            "kan_skriva": kan_skriva,
            "kan_redigera": tjanst.far_redigera(skrivelse, user),
            "ar_granskare": skrivelse.granskare_id == user.pk,
            "granskare_val": granskning.mojliga_granskare(skrivelse, user) if kan_skriva else [],
            "far_kommentera": granskning.far_kommentera(skrivelse, user),
            "kommentarer": skrivelse.kommentarer.select_related("forfattare")
            if behorighet.kan_se_utkast(user)
            else [],
            "last": tjanst.ar_last(skrivelse),
            "utskick": tjanst.utskick(skrivelse),
            "last_version": last_version,
            "andrad_efter_utskick": last_version is not None
            and versioner
            and versioner[0]["nummer"] > last_version,
            "har_arbetskopia": kan_skriva
            and skrivelse.arbetskopior.filter(anvandare=user).exists(),
        },
    )


def _pdfsvar(data: bytes, namn: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, namn)
    # A draft changes and what a user may see depends on who asks: never a shared cache.
    response["Cache-Control"] = "private, no-cache"
    return response


@require_GET
def pdf(request, slug, pk):
    skrivelse = _get_skrivelse_att_lasa(request, slug, pk)
    tjanst.logga_lasning(skrivelse, request.user, vad="öppnade tjänsteskrivelsen som PDF")
    return _pdfsvar(pdf_for_skrivelse(skrivelse, anvandare=request.user), filnamn(skrivelse))


@require_GET
def versioner(request, slug, pk):
    # Only a list of versions (number, date, who, why): no content is opened, so
    # nothing is logged here; every view of a version's text is.
    skrivelse = _get_skrivelse_att_lasa(request, slug, pk, versioner=True)
    alla = list(
        tjanst.synliga_versioner(skrivelse, request.user)
        .select_related("skapad_av")
        .order_by("-nummer")
    )
    return render(
        request,
        "tjansteskrivelser/versioner.html",
        {
            "arende": skrivelse.arende,
            "skrivelse": skrivelse,
            "versioner": alla,
            "fran": alla[1].nummer if len(alla) > 1 else None,
            "till": alla[0].nummer if alla else None,
            "last_version": tjanst.lasta_versionen(skrivelse),
        },
    )


def _get_version(request, skrivelse, nummer):
    """404 for a version the document does not have, 403 for one the user may not read."""
    frusen = get_object_or_404(skrivelse.versioner.select_related("skapad_av"), nummer=nummer)
    if not tjanst.synliga_versioner(skrivelse, request.user).filter(pk=frusen.pk).exists():
        raise PermissionDenied
    return frusen


@require_GET
def version(request, slug, pk, nummer):
    skrivelse = _get_skrivelse_att_lasa(request, slug, pk, versioner=True)
    frusen = _get_version(request, skrivelse, nummer)
    tjanst.logga_lasning(
        skrivelse, request.user, vad=f"visade version {frusen.nummer} av tjänsteskrivelsen"
    )
    return render(
        request,
        "tjansteskrivelser/version.html",
        {
            "arende": skrivelse.arende,
            "skrivelse": skrivelse,
            "version": frusen,
            "dok": dokument(_las_innehall(skrivelse, frusen.innehall, request.user)),
        },
    )


@require_GET
def version_pdf(request, slug, pk, nummer):
    skrivelse = _get_skrivelse_att_lasa(request, slug, pk, versioner=True)
    frusen = _get_version(request, skrivelse, nummer)
    tjanst.logga_lasning(
        skrivelse,
        request.user,
        vad=f"öppnade version {frusen.nummer} av tjänsteskrivelsen som PDF",
    )
    data = pdf_for_innehall(frusen.innehall, maskerad=tjanst.maskeras_for(skrivelse, request.user))
    return _pdfsvar(data, filnamn(skrivelse, frusen.nummer))


@require_GET
def jamfor(request, slug, pk):
    skrivelse = _get_skrivelse_att_lasa(request, slug, pk, versioner=True)
    try:
        fran_nr, till_nr = int(request.GET["fran"]), int(request.GET["till"])
    except (KeyError, ValueError):
        raise Http404("Ange två versioner att jämföra.") from None
    fran = _get_version(request, skrivelse, fran_nr)
    till = _get_version(request, skrivelse, till_nr)
    tjanst.logga_lasning(
        skrivelse,
        request.user,
        vad=f"jämförde version {fran.nummer} och {till.nummer} av tjänsteskrivelsen",
    )
    rader = jamforelse.jamfor(
        _las_innehall(skrivelse, fran.innehall, request.user),
        _las_innehall(skrivelse, till.innehall, request.user),
    )
    return render(
        request,
        "tjansteskrivelser/jamfor.html",
        {
            "arende": skrivelse.arende,
            "skrivelse": skrivelse,
            "fran": fran,
            "till": till,
            "rader": rader,
            "fran_rubrik": f"Version {fran.nummer} ({localtime(fran.skapad):%Y-%m-%d %H:%M})",
            "till_rubrik": f"Version {till.nummer} ({localtime(till.skapad):%Y-%m-%d %H:%M})",
            "beskrivning": f"Ändringar från version {fran.nummer} till version {till.nummer}",
            "antal_andringar": jamforelse.antal_andringar(rader),
            "versioner": tjanst.synliga_versioner(skrivelse, request.user)
            .order_by("-nummer")
            .values_list("nummer", flat=True),
        },
    )
