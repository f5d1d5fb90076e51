"""Data for the load test: the demo data, a modest register and a full meeting.

Made through the domain functions, as registrations are, so numbering, history
and search documents are what production would hold. `manage.py fakecases`
(when the project has it) is preferred; this is the fallback. Run in a process
configured for the bench database; prints what the load test needs as JSON.
"""

import json
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

ORD = {
    "inledning": ["Remiss om", "Motion om", "Avtal om", "Uppföljning av", "Svar på skrivelse om"],
    "amne": [
        "primärvårdens tillgänglighet",
        "nära vård i Härjedalen",
        "ambulanssjukvård i fjällen",
        "hälsoekonomisk budgetmodell",
        "vårdval Jämtlands län",
        "kollektivtrafik till Östersunds sjukhus",
        "tandvård för unga vuxna",
        "digitala vårdbesök",
        "upphandling av laboratorietjänster",
        "regional utvecklingsstrategi",
    ],
    "avsandare": ["Socialstyrelsen", "Östersunds kommun", "Inspektionen för vård och omsorg"],
}


def _pdf(storlek: int) -> bytes:
    # A PDF as a scanned letter is: a header, one large stream, a trailer.
    huvud = b"%PDF-1.4\n1 0 obj << /Length " + str(storlek).encode() + b" >>\nstream\n"
    return huvud + bytes(random.getrandbits(8) for _ in range(storlek)) + b"\nendstream\n%%EOF\n"


def _handling(arende, registrator, fil=None):
    from arenden.models import Riktning
    from arenden.services import arenden as arendetjanst

    arendetjanst.registrera_handling(
        arende,
        anvandare=registrator,
        riktning=Riktning.INKOMMANDE,
        datum=None,
        beskrivning=f"Skrivelse om {random.choice(ORD['amne'])}",
        avsandare_mottagare=random.choice(ORD["avsandare"]),
        fil=fil,
    )


def skapa(antal: int, med_fakecases: bool) -> dict:
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from arenden import demodata
    from arenden.models import (
        Arende,
        Beslut,
        Diarium,
        Handling,
        Organ,
        Sammantrade,
        Tjansteskrivelse,
    )
    from arenden.services import arenden as arendetjanst
    from arenden.services import numrering, tjansteskrivelser

    random.seed(2026)
    demodata.ladda()
    registrator = get_user_model().objects.get(username="registrator")
    diarium = Diarium.objects.get(prefix="RS")
    pdf = _pdf(150_000)
    if not med_fakecases:
        for n in range(antal):
            titel = f"{random.choice(ORD['inledning'])} {random.choice(ORD['amne'])} ({n})"
            arende = arendetjanst.registrera_arende(
                diarium=diarium, titel=titel, anvandare=registrator
            )
            for _ in range(random.randint(1, 3)):
                _handling(arende, registrator)
    # The downloads: a scanned letter of 150 kB on fifty cases.
    if Handling.objects.exclude(fil="").count() < 20:
        for n, arende in enumerate(Arende.objects.order_by("-pk")[:50]):
            _handling(arende, registrator, SimpleUploadedFile(f"Skrivelse {n}.pdf", pdf))
    # The meeting every politician opens on the morning: thirty items.
    rs = Organ.objects.get(forkortning="RS")
    idag = timezone.localdate()
    mote, skapat = Sammantrade.objects.get_or_create(
        organ=rs,
        datum=idag,
        defaults={"plats": "Regionens hus, Östersund", "status": "kallelse_skickad"},
    )
    if skapat:
        for arende in Arende.objects.order_by("-pk")[:30]:
            with transaction.atomic():
                paragraf = numrering.nasta_nummer(numrering.paragrafserie("RS"), idag.year)
                Beslut.objects.create(
                    organ=rs,
                    ar=idag.year,
                    paragraf=paragraf,
                    sammantrade=mote,
                    arende=arende,
                    rubrik=arende.titel,
                    forslag="Regionstyrelsen föreslår regionfullmäktige besluta\n\n"
                    "1. att godkänna förslaget.\n2. att uppdra åt regiondirektören att "
                    "återrapportera senast i december.",
                    beslutstext="Regionstyrelsen beslutar enligt förslaget.",
                )
    # The PDFs a politician downloads: the tjänsteskrivelser they may read. Until the
    # app had a PDF view, a handling's stored file stood in; it still does as a fallback.
    politiker = get_user_model().objects.get(username="politiker")
    # Twenty of them: the memos of one meeting's agenda, give or take.
    pdf_url = [
        reverse("arenden:tjansteskrivelse_pdf", args=[t.arende.slug, t.pk])
        for t in Tjansteskrivelse.objects.select_related("arende").order_by("-pk")
        if tjansteskrivelser.far_se(t, politiker)
    ][:20]
    if not pdf_url:
        pdf_url = [
            h.get_fil_url() for h in Handling.objects.exclude(fil="").select_related("arende")[:50]
        ]
    return {
        "sammantrade": mote.pk,
        "pdf": pdf_url,
        "arenden": Arende.objects.count(),
        "handlingar": Handling.objects.count(),
        "beslut_pa_motet": mote.beslut.count(),
    }


if __name__ == "__main__":
    import sys

    import django

    django.setup()
    print(json.dumps(skapa(int(sys.argv[1]), sys.argv[2] == "1")))
