"""The public e-diarium: no login, public titles, nothing a secret mark covers."""

from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch
from django.shortcuts import render

from arenden.models import Arende, Beslut, Handling
from arenden.views.arenden import sokresultat
from arenden.views.helpers import get_arende, htmx_fragment, varierar_med_htmx


@login_not_required
def lista(request):
    # The internal list's search and partial, on the public document.
    mall = "diarium/lista.html"
    if htmx_fragment(request):
        mall = "arenden/lista.html#resultat"
    return varierar_med_htmx(render(request, mall, sokresultat(request, publik=True)))


@login_not_required
def arende(request, slug):
    arende = get_arende(
        slug,
        Arende.objects.prefetch_related(
            Prefetch("handlingar", Handling.objects.order_by("lopnummer")),
            Prefetch(
                "beslut",
                Beslut.objects.filter(justerad=True).select_related("organ", "sammantrade"),
            ),
        ),
    )
    return render(
        request,
        "diarium/arende.html",
        {"arende": arende, "handlingar": arende.handlingar.all(), "beslut": arende.beslut.all()},
    )
