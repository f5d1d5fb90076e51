from django.shortcuts import render
from django.utils import timezone

from arenden.models import Arende, Tjansteskrivelse
from arenden.services import behorighet, lasrum


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
        # A meeting whose kallelse is not out is a draft, not for politicians' eyes.
        sammanhang["kommande"] = (
            lasrum.synliga_sammantraden(user)
            .filter(datum__gte=timezone.localdate())
            .select_related("organ")
            .order_by("datum")[:10]
        )
    return render(request, "start/start.html", sammanhang)
