from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from arenden import forms
from arenden.models import Arende, Handling, Tjansteskrivelse
from arenden.services import arenden as arendetjanst
from arenden.services import behorighet, sekretess, sokning
from arenden.views.helpers import (
    get_arende,
    get_arende_att_andra,
    htmx_fragment,
    postdata,
    varierar_med_htmx,
)

SIDSTORLEK = 25


def sokresultat(request, *, publik: bool):
    """The list and its search, shared by /arenden/ and the public /diarium/."""
    form = forms.SokForm(request.GET, publik=publik)
    q, urval, ordning = form.urval()
    if form.sokfel:
        # The text stays in the box (the form's raw value); nothing is searched.
        sida = Paginator(Arende.objects.none(), SIDSTORLEK).get_page(1)
        return {"form": form, "q": "", "sida": sida, "publik": publik, "fler": False}
    lasare = None if publik else request.user
    traffar = sokning.sok(q, publik=publik, lasare=lasare, filter=urval, ordning=ordning)
    arenden = traffar.arenden.select_related("diarium")
    if not publik:
        arenden = arenden.select_related("handlaggare")
    sidor = Paginator(arenden, SIDSTORLEK)
    sidor.count = traffar.antal  # counted once, within the cap
    sida = sidor.get_page(request.GET.get("sida"))
    snuttar = sokning.snuttar(list(sida), q, publik=publik, lasare=lasare)
    for arende in sida:
        arende.snutt = snuttar.get(arende.pk)
        arende.hemlig_traff = arende.pk in traffar.hemliga
    return {"form": form, "q": q, "sida": sida, "publik": publik, "fler": traffar.fler}


def lista(request):
    if not behorighet.kan_lasa(request.user):
        raise PermissionDenied
    mall = "arenden/lista.html"
    if htmx_fragment(request):
        mall += "#resultat"
    return varierar_med_htmx(render(request, mall, sokresultat(request, publik=False)))


@require_http_methods(["GET", "POST"])
def ny(request):
    if not behorighet.kan_registrera(request.user):
        raise PermissionDenied
    form = forms.RegistreraArendeForm(postdata(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            arende = arendetjanst.registrera_arende(
                diarium=data["diarium"],
                titel=data["titel"],
                publik_titel=data["publik_titel"],
                typ=data["typ"],
                organ=data["organ"],
                handlaggare=data["handlaggare"],
                anvandare=request.user,
            )
        except ValidationError as fel:
            form.add_error(None, fel)
        else:
            messages.success(request, f"Ärendet registrerades som {arende.diarienummer}.")
            return redirect(arende)
    return render(request, "arenden/ny.html", {"form": form}, status=400 if form.errors else 200)


def arende(request, slug):
    # Before the lookup, so an account without a role cannot probe which numbers exist.
    if not behorighet.kan_lasa(request.user):
        raise PermissionDenied
    return visa_arende(request, slug)


def visa_arende(request, slug, *, fragment=None, formular=None, besked="", status=200):
    """The case page, or one part of it for HTMX, with any bound forms given.

    `formular` replaces the blank form of that name (one with errors, say). A
    handling's own actions load on demand from its page (views.handlingar.visa), so
    the case page renders the same few forms however many handlingar it has.
    """
    arende = get_arende(
        slug,
        Arende.objects.select_related("organ", "handlaggare", "registrerad_av").prefetch_related(
            Prefetch("handlingar", Handling.objects.order_by("lopnummer")),
            Prefetch("relaterade", Arende.objects.select_related("diarium")),
        ),
    )
    user = request.user
    kan_andra = behorighet.kan_registrera(user)
    handlingar = sekretess.synliga(arende.handlingar.all(), user, vad="visade ärendesidan")
    skrivelser = arende.tjansteskrivelser.all()
    if not behorighet.kan_se_utkast(user):
        skrivelser = skrivelser.filter(status=Tjansteskrivelse.Status.KLAR)
    sammanhang = {
        "arende": arende,
        "handlingar": handlingar,
        "skrivelser": skrivelser,
        # Entries about what the reader may not see show who and when, not what.
        "historik": sekretess.synlig_historik(
            arende, arende.historik.select_related("anvandare")[:200], handlingar, user
        ),
        "kan_andra": kan_andra,
        "kan_se_sekretess": behorighet.kan_se_sekretess(user),
        "besked": besked,
        # A fragment carries the history and the message along, out of band.
        "oob": fragment is not None and htmx_fragment(request),
    }
    if kan_andra:
        sammanhang.update(
            {
                "handling_form": forms.RegistreraHandlingForm(),
                "handlaggare_form": forms.HandlaggareForm(
                    initial={"handlaggare": arende.handlaggare_id}
                ),
                "status_form": forms.StatusForm(initial={"status": arende.status}),
                "publik_titel_form": forms.PublikTitelForm(
                    initial={"publik_titel": arende.publik_titel}
                ),
                "avsluta_form": forms.AvslutaForm(),
                "ratta_form": forms.RattaArendeForm.for_arende(arende),
            }
        )
        sammanhang.update(formular or {})
    mall = "arenden/arende.html"
    if fragment and htmx_fragment(request):
        mall += f"#{fragment}"
    return varierar_med_htmx(render(request, mall, sammanhang, status=status))


def efter_andring(request, arende, *, fragment: str, besked: str, ankare: str = ""):
    """After a change: the updated part for HTMX, else back to the page (POST-redirect-GET)."""
    if htmx_fragment(request):
        return visa_arende(request, arende.slug, fragment=fragment, besked=besked)
    messages.success(request, besked)
    return redirect(arende.get_absolute_url() + (f"#{ankare}" if ankare else ""))


def _andring(request, slug, formklass, namn: str, utfor, besked: str):
    # The shape every case action shares: validate, change through the domain
    # function, answer with the header part; errors keep what the user typed.
    arende = get_arende_att_andra(request, slug)
    form = formklass(request.POST)
    if form.is_valid():
        try:
            utfor(arende, form.cleaned_data)
        except ValidationError as fel:
            _fel_till_form(form, fel)
        else:
            return efter_andring(request, arende, fragment="fakta", besked=besked)
    return visa_arende(request, slug, fragment="fakta", formular={namn: form}, status=400)


def _fel_till_form(form, fel: ValidationError):
    if hasattr(fel, "error_dict"):
        for falt, fellista in fel.error_dict.items():
            form.add_error(falt if falt in form.fields else None, fellista)
    else:
        form.add_error(None, fel)


@require_POST
def handlaggare(request, slug):
    return _andring(
        request,
        slug,
        forms.HandlaggareForm,
        "handlaggare_form",
        lambda a, d: arendetjanst.byt_handlaggare(
            a, anvandare=request.user, handlaggare=d["handlaggare"]
        ),
        "Handläggaren är sparad.",
    )


@require_POST
def status(request, slug):
    return _andring(
        request,
        slug,
        forms.StatusForm,
        "status_form",
        lambda a, d: arendetjanst.andra_status(a, anvandare=request.user, status=d["status"]),
        "Statusen är sparad.",
    )


@require_POST
def publik_titel(request, slug):
    return _andring(
        request,
        slug,
        forms.PublikTitelForm,
        "publik_titel_form",
        lambda a, d: arendetjanst.satt_publik_titel(
            a, anvandare=request.user, publik_titel=d["publik_titel"]
        ),
        "Den publika titeln är sparad.",
    )


@require_POST
def avsluta(request, slug):
    return _andring(
        request,
        slug,
        forms.AvslutaForm,
        "avsluta_form",
        lambda a, d: arendetjanst.avsluta_arende(a, anvandare=request.user, datum=d["datum"]),
        "Ärendet är avslutat.",
    )


@require_POST
def ratta(request, slug):
    return _andring(
        request,
        slug,
        forms.RattaArendeForm,
        "ratta_form",
        lambda a, d: arendetjanst.ratta_arende(
            a, anvandare=request.user, titel=d["titel"], organ=d["organ"], typ=d["typ"]
        ),
        "Ärendet är rättat.",
    )
