from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from arenden.forms import RegistreraArendeForm, SokForm
from arenden.models import Arende, Beslut, Handling
from arenden.services import arenden as arendetjanst
from arenden.services import behorighet, sokning
from arenden.views.helpers import get_arende


def lista(request):
    form = SokForm(request.GET)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    arenden = sokning.sok(q, publik=False).select_related("diarium", "handlaggare")
    sida = Paginator(arenden, 50).get_page(request.GET.get("sida"))
    return render(request, "arenden/lista.html", {"form": form, "q": q, "sida": sida})


@require_http_methods(["GET", "POST"])
def ny(request):
    if not behorighet.kan_registrera(request.user):
        raise PermissionDenied
    form = RegistreraArendeForm(request.POST or None)
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
            return redirect(arende)
    return render(request, "arenden/ny.html", {"form": form}, status=400 if form.errors else 200)


def arende(request, slug):
    arende = get_arende(
        slug,
        Arende.objects.select_related("organ", "handlaggare", "registrerad_av").prefetch_related(
            Prefetch("handlingar", Handling.objects.order_by("lopnummer")),
            Prefetch("beslut", Beslut.objects.select_related("organ", "sammantrade")),
            "relaterade",
        ),
    )
    skrivelser = arende.tjansteskrivelser.all()
    if not behorighet.kan_se_utkast(request.user):
        skrivelser = skrivelser.filter(status="klar")
    return render(
        request,
        "arenden/arende.html",
        {
            "arende": arende,
            "handlingar": arende.handlingar.all(),
            "skrivelser": skrivelser.prefetch_related(
                "avsnitt", "attsatser", "undertecknare", "utdrag_till"
            ),
            "beslut": arende.beslut.all(),
            "historik": arende.historik.select_related("anvandare")[:200],
            "kan_se_sekretess": behorighet.kan_se_sekretess(request.user),
            # History entries of secret handlingar show who and when, not what.
            "hemliga_handlingar": {
                str(h.pk) for h in arende.handlingar.all() if h.sekretessmarkerad
            },
        },
    )
