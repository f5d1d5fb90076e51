import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import retarget

from arenden import forms
from arenden.pdf.tjansteskrivelse import pdf_for_innehall
from arenden.services import arenden as arendetjanst
from arenden.services import behorighet, sekretess, tjansteskrivelser
from arenden.services.filer import StorleksgransHandler
from arenden.views.arenden import _fel_till_form, efter_andring, visa_arende
from arenden.views.helpers import (
    get_arende,
    get_arende_att_andra,
    get_handling,
    htmx_fragment,
    varierar_med_htmx,
)


@csrf_exempt
def registrera(request, slug):
    # The size limit must be in place before anything reads the body, which the CSRF
    # check would do; so the check runs inside, after the handler is installed.
    request.upload_handlers.insert(0, StorleksgransHandler(request))
    return _registrera(request, slug)


@require_POST
@csrf_protect
def _registrera(request, slug):
    arende = get_arende_att_andra(request, slug)
    form = forms.RegistreraHandlingForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            handling = arendetjanst.registrera_handling(
                arende,
                anvandare=request.user,
                riktning=data["riktning"],
                datum=data["datum"],
                avsandare_mottagare=data["avsandare_mottagare"],
                avsandare_privatperson=data["avsandare_privatperson"],
                beskrivning=data["beskrivning"],
                fil=data["fil"] or None,
                sekretess=data["sekretess"],
            )
        except ValidationError as fel:
            _fel_till_form(form, fel)
        else:
            return efter_andring(
                request,
                arende,
                fragment="handlingar",
                besked=f"Handling {handling.beteckning} är registrerad.",
                ankare=f"handling-{handling.lopnummer}",
            )
    return visa_arende(
        request, slug, fragment="handlingar", formular={"handling_form": form}, status=400
    )


@require_GET
def visa(request, slug, nummer):
    """One handling with its actions. HTMX loads just the actions into the case page's row."""
    if not behorighet.kan_lasa(request.user):
        raise PermissionDenied
    arende = get_arende(slug)
    handling = get_handling(arende, nummer)
    return _visa(request, arende, handling)


def _visa(request, arende, handling, *, formular=None, besked="", status=200):
    (synlig,) = sekretess.synliga([handling], request.user, vad="visade handlingen")
    kan_andra = behorighet.kan_registrera(request.user)
    prefix = f"h{handling.lopnummer}"
    sammanhang = {
        "arende": arende,
        "h": synlig,
        "kan_andra": kan_andra,
        "kan_se_sekretess": behorighet.kan_se_sekretess(request.user, handling),
        "sekretess_form": forms.SekretessForm(prefix=prefix),
        "makulera_form": forms.MakuleraForm(prefix=prefix),
        "besked": besked,
        **(formular or {}),
    }
    if htmx_fragment(request):
        sammanhang["inline"] = True
        svar = render(request, "arenden/handling.html#atgarder", sammanhang, status=status)
        if status >= 400:
            # The forms were posted from the case page's row: errors go back there.
            svar = retarget(svar, f"#atgarder-{handling.lopnummer}")
            svar["HX-Reswap"] = "innerHTML"
        return varierar_med_htmx(svar)
    return varierar_med_htmx(render(request, "arenden/handling.html", sammanhang, status=status))


def _radatgard(request, slug, nummer, formklass, namn: str, utfor, besked: str):
    # A handling's actions: prefixed by its number so every id on the case page is unique.
    arende = get_arende_att_andra(request, slug)
    handling = get_handling(arende, nummer)
    form = formklass(request.POST, prefix=f"h{nummer}") if formklass else None
    if form is None or form.is_valid():
        try:
            utfor(handling, form.cleaned_data if form else {})
        except ValidationError as fel:
            if form is None or not hasattr(fel, "error_dict"):
                # About the handling's state, not a field: said above the forms.
                return _visa(request, arende, handling, besked=fel.messages[0], status=400)
            _fel_till_form(form, fel)
        else:
            return efter_andring(
                request,
                arende,
                fragment="handlingar",
                besked=besked.format(beteckning=handling.beteckning),
                ankare=f"handling-{nummer}",
            )
    return _visa(request, arende, handling, formular={namn: form}, status=400)


@require_POST
def markera(request, slug, nummer):
    arende = get_arende_att_andra(request, slug)
    handling = get_handling(arende, nummer)
    if not sekretess.far_andra_markering(handling, request.user):
        # A changed mark may hide less than before: only someone who may see it judges that.
        return _visa(request, arende, handling, besked=sekretess.ANDRA_MARKERING_NEKAS, status=403)
    return _radatgard(
        request,
        slug,
        nummer,
        forms.SekretessForm,
        "sekretess_form",
        lambda h, d: sekretess.markera(
            h,
            anvandare=request.user,
            bestammelse=d["bestammelse"],
            datum=d["datum"],
            myndighet=d["myndighet"],
            avsandare=d["omfattar_avsandare"],
            beskrivning=d["omfattar_beskrivning"],
        ),
        "Handling {beteckning} är sekretessmarkerad.",
    )


@require_POST
def hav(request, slug, nummer):
    # Lifting a mark releases what it hid: only someone who may see it can judge that.
    arende = get_arende_att_andra(request, slug)
    handling = get_handling(arende, nummer)
    if not behorighet.kan_se_sekretess(request.user, handling):
        raise PermissionDenied
    return _radatgard(
        request,
        slug,
        nummer,
        None,
        "",
        lambda h, d: sekretess.hav(h, anvandare=request.user),
        "Sekretessmarkeringen på handling {beteckning} är hävd.",
    )


@require_POST
def makulera(request, slug, nummer):
    return _radatgard(
        request,
        slug,
        nummer,
        forms.MakuleraForm,
        "makulera_form",
        lambda h, d: arendetjanst.makulera_handling(h, anvandare=request.user, orsak=d["orsak"]),
        "Handling {beteckning} är makulerad.",
    )


@require_GET
def fil(request, slug, nummer):
    """A handling's file, only through here: the storage is outside every web root."""
    if not behorighet.kan_lasa(request.user):
        raise PermissionDenied
    arende = get_arende(slug)
    handling = get_handling(arende, nummer)
    if not handling.fil:
        raise Http404("Handlingen har ingen fil.")
    if handling.sekretessmarkerad and not sekretess.logga_atkomst(
        request.user, handling, vad="laddade ned filen"
    ):
        raise PermissionDenied
    innehall = handling.fil.open("rb")
    version = tjansteskrivelser.registrerad_version(handling)
    if version is not None and tjansteskrivelser.maskeras_for(
        handling.tjansteskrivelse, request.user
    ):
        # A registered tjänsteskrivelse is printed from its frozen version: those who may
        # not read personnummer get the same masked rendering as on its own page.
        innehall = io.BytesIO(pdf_for_innehall(version.innehall, maskerad=True))
    svar = FileResponse(
        innehall,
        as_attachment=True,
        filename=handling.filnamn or f"{handling.beteckning}",
        content_type=handling.filtyp or "application/octet-stream",
    )
    svar["Cache-Control"] = "private, no-store"
    return svar
