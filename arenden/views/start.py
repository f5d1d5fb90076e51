from django.shortcuts import render
from django.utils import timezone

from arenden.models import Arende, Handling, Tjansteskrivelse, Uppdrag
from arenden.services import behorighet, lasrum, motioner

ANTAL = 10


def start(request):
    """What each role comes back for: a handläggare's own work, the registry's latest
    entries, the meetings ahead. A user with several roles sees each part."""
    user = request.user
    roller = behorighet.roller(user)
    sammanhang = {"roller": roller}
    if "Handläggare" in roller:
        mina = Arende.objects.filter(handlaggare=user, status=Arende.Status.PAGAENDE)
        sammanhang["mina_arenden"] = mina.order_by("-ar", "-lopnummer")[:ANTAL]
        sammanhang["mina_antal"] = mina.count()
        sammanhang["mina_utkast"] = (
            Tjansteskrivelse.objects.filter(handlaggare=user)
            .exclude(status=Tjansteskrivelse.Status.KLAR)
            .select_related("arende")
            .order_by("-andrad")[:ANTAL]
        )
    if "Registrator" in roller:
        sammanhang["senaste"] = Arende.objects.order_by("-registrerad")[:ANTAL]
        # The start page shows no covered field even to those who may see it: opening a
        # secret handling is done on its page, where it is logged.
        sammanhang["senaste_handlingar"] = Handling.objects.select_related("arende").order_by(
            "-registrerad", "-pk"
        )[:ANTAL]
    if roller & {"Nämndsekreterare", "Politiker"}:
        # A meeting whose kallelse is not out is a draft, not for politicians' eyes.
        kommande = lasrum.synliga_sammantraden(user).filter(datum__gte=timezone.localdate())
        if "Nämndsekreterare" not in roller:
            # A politician's own organs first; someone with no seat on record sees all.
            organ = Uppdrag.objects.filter(person__anvandare=user, till__isnull=True).values_list(
                "organ", flat=True
            )
            if organ.exists():
                kommande = kommande.filter(organ__in=organ)
        sammanhang["kommande"] = kommande.select_related("organ").order_by("datum", "starttid")[
            :ANTAL
        ]
    sammanhang["motionspanel"] = motioner.startpanel(user)
    return render(request, "start/start.html", sammanhang)
