"""The public e-diarium: no login, public titles, nothing a secret mark covers."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import render

from arenden.forms import SokForm
from arenden.services import sokning
from arenden.views.helpers import get_arende


@login_not_required
def lista(request):
    form = SokForm(request.GET)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    arenden = sokning.sok(q, publik=True).select_related("diarium")
    sida = Paginator(arenden, 50).get_page(request.GET.get("sida"))
    return render(request, "diarium/lista.html", {"form": form, "q": q, "sida": sida})


@login_not_required
def arende(request, slug):
    arende = get_arende(slug)
    handlingar = arende.handlingar.order_by("lopnummer")
    return render(
        request,
        "diarium/arende.html",
        {"arende": arende, "handlingar": handlingar},
    )
