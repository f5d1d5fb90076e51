from django.shortcuts import render
from django.utils import timezone

from arenden.models import Arende, Sammantrade, Tjansteskrivelse
from arenden.services import behorighet, motioner


def start(request):
    user = request.user
    roller = behorighet.roller(user)
    sammanhang = {"roller": roller}
    if "Handläggare" in roller:
        sammanhang["mina_arenden"] = Arende.objects.filter(
            handlaggare=user, status=Arende.Status.PAGAENDE
        ).select_related("diarium")[:20]
        sammanhang["mina_utkast"] = (
            Tjansteskrivelse.objects.filter(handlaggare=user)
            .exclude(status=Tjansteskrivelse.Status.KLAR)
            .select_related("arende")[:20]
        )
    if "Registrator" in roller:
        sammanhang["senaste"] = Arende.objects.select_related("diarium").order_by("-registrerad")[
            :20
        ]
    if roller & {"Nämndsekreterare", "Politiker"}:
        sammanhang["kommande"] = (
            Sammantrade.objects.filter(datum__gte=timezone.localdate())
            .select_related("organ")
            .order_by("datum")[:10]
        )
    sammanhang["motionspanel"] = motioner.startpanel(user)
    return render(request, "start/start.html", sammanhang)
