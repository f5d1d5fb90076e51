"""Sending the kallelse, building its bundle, and handing the bundle out."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from arenden.models import KallelsePaket
from arenden.services import behorighet, lasrum
from arenden.services import kallelse as kallelsetjanst
from arenden.services import sammantraden as tjanst
from arenden.views.sammantraden.hjalp import (
    fel_text,
    get_sammantrade,
    get_sammantrade_att_hantera,
)
from arenden.views.sammantraden.moten import far_hamta_kallelse, kallelsestatus


@require_POST
def skicka(request, pk):
    sammantrade = get_sammantrade_att_hantera(request, pk)
    try:
        tjanst.skicka_kallelse(sammantrade, anvandare=request.user)
    except ValidationError as fel:
        for text in fel_text(fel):
            messages.error(request, text)
        return redirect("sammantraden:dagordning", sammantrade.pk)
    messages.success(
        request,
        "Kallelsen är skickad: dagordningen är publicerad för organets ledamöter och "
        "ersättare, och kallelsen med handlingar byggs.",
    )
    return redirect(sammantrade)


@require_POST
def bygg(request, pk):
    sammantrade = get_sammantrade_att_hantera(request, pk)
    if sammantrade.status == sammantrade.Status.PLANERAT or sammantrade.importerat:
        messages.error(request, "Kallelsen har inte skickats; det finns inget att bygga.")
        return redirect(sammantrade)
    if sammantrade.status == sammantrade.Status.INSTALLT:
        messages.error(request, "Sammanträdet är inställt; kallelsen byggs inte om.")
        return redirect(sammantrade)
    kallelsetjanst.starta_bygge(sammantrade, anvandare=request.user)
    if request.htmx:
        return status(request, pk)
    messages.success(request, "Kallelsen med handlingar byggs.")
    return redirect(sammantrade)


@require_GET
def status(request, pk):
    """The progress fragment; answers 286 when done, which stops htmx's polling."""
    sammantrade = get_sammantrade(request, pk)
    sammanhang = {
        "sammantrade": sammantrade,
        "hantera": behorighet.kan_hantera_sammantraden(request.user),
        **kallelsestatus(request, sammantrade),
    }
    paket = sammanhang["paket"]
    klar = paket is None or paket.status != KallelsePaket.Status.PAGAR
    nu = paket.status if paket else ""
    # The live region speaks only when the state changes, not at every poll.
    if request.GET.get("kand", "") != nu:
        sammanhang["besked_oob"] = {
            KallelsePaket.Status.PAGAR: "Kallelsen byggs.",
            KallelsePaket.Status.KLAR: f"Kallelsen är klar: {paket.sidor} sidor." if paket else "",
            KallelsePaket.Status.MISSLYCKAD: "Kallelsen kunde inte byggas.",
        }.get(nu, "")
    return render(
        request,
        "sammantraden/sammantrade.html#kallelsestatus",
        sammanhang,
        status=286 if klar and request.htmx else 200,
    )


@require_GET
def pdf(request, pk):
    """The latest finished bundle, in the copy this reader may have."""
    sammantrade = get_sammantrade(request, pk)
    if not far_hamta_kallelse(request.user, sammantrade):
        raise PermissionDenied
    paket = kallelsetjanst.senaste_klara(sammantrade)
    if paket is None:
        raise Http404("Kallelsen är inte byggd ännu.")
    hemliga = list(kallelsetjanst.hemliga_handlingar(paket))
    if all(behorighet.kan_se_sekretess(request.user, h) for h in hemliga):
        for handling in hemliga:
            lasrum.logga_sekretessatkomst(
                request.user, handling, "hämtade kallelsen med handlingar"
            )
        fil = paket.fil
    elif {h.pk for h in hemliga} <= kallelsetjanst.utelamnade(paket):
        fil = paket.fil_utan_sekretess
    else:
        # Marked secret after the bundle was built: no copy of it leaves that out yet.
        messages.error(
            request,
            "En handling i kallelsen har sekretessmarkerats efter att kallelsen byggdes. "
            "Kallelsen kan hämtas när den har byggts om.",
        )
        return redirect(sammantrade)
    svar = FileResponse(
        fil.open("rb"),
        as_attachment=False,
        filename=f"kallelse-{sammantrade.organ.forkortning}-{sammantrade.datum:%Y-%m-%d}.pdf",
        content_type="application/pdf",
    )
    svar["Cache-Control"] = "private, no-store"
    return svar
