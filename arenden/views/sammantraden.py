from django.shortcuts import get_object_or_404, render

from arenden.models import Sammantrade


def lista(request):
    sammantraden = Sammantrade.objects.select_related("organ").order_by("-datum")
    return render(request, "sammantraden/lista.html", {"sammantraden": sammantraden})


def sammantrade(request, pk):
    sammantrade = get_object_or_404(Sammantrade.objects.select_related("organ"), pk=pk)
    beslut = sammantrade.beslut.select_related("arende").order_by("paragraf")
    return render(
        request,
        "sammantraden/sammantrade.html",
        {"sammantrade": sammantrade, "beslut": beslut},
    )
