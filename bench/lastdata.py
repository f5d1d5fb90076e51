"""Data for the load test: the demo data, a modest register and a meeting with its kallelse.

Made through the domain functions, as registrations are, so numbering, history
and search documents are what production would hold. `manage.py fakecases`
(when the project has it) is preferred for the register; this is the fallback.
The meeting is always built here, the way the secretariat builds one: thirty
cases, each with an inkommande PDF as underlag and a tjänsteskrivelse written by
the handläggare and approved by the nämndsekreterare, put on the agenda after the
procedural items, and the kallelse sent (which freezes every memo and queues the
bundle's tasks). The demo politician sits in Regionstyrelsen as a ledamot.

Run in a process configured for the bench database; prints what the load test
needs as JSON.
"""

import datetime
import json
import random
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

ROT = Path(__file__).resolve().parent.parent
PUNKTER = 30
# Tells the load test's meeting from the demo's and fakecases' when run again.
PLATS = "Regionens hus, sal Storsjön, Östersund (lasttest)"
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
    """A scanned letter: one A4 page, a line of text and a grey image of `storlek` bytes.

    A real PDF (the kallelse bundle opens and merges every underlag), its size mostly
    an image that does not compress, as a scan's does.
    """
    bredd = 500
    hojd = max(1, storlek // bredd)
    bild = bytes(random.getrandbits(8) for _ in range(bredd * hojd))
    text = b"BT /F1 11 Tf 56 790 Td (Skrivelse till Region Jamtland Harjedalen) Tj ET\n"
    text += b"q 480 0 0 300 56 460 cm /Skanning Do Q\n"
    objekt = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> /XObject << /Skanning 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length %d >>\nstream\n"
        % (bredd, hojd, len(bild))
        + bild
        + b"\nendstream",
    ]
    ut = bytearray(b"%PDF-1.4\n%\xe5\xe4\xf6\n")
    platser = []
    for nummer, innehall in enumerate(objekt, start=1):
        platser.append(len(ut))
        ut += b"%d 0 obj\n" % nummer + innehall + b"\nendobj\n"
    xref = len(ut)
    ut += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objekt) + 1)
    ut += b"".join(b"%010d 00000 n \n" % plats for plats in platser)
    ut += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objekt) + 1,
        xref,
    )
    return bytes(ut)


def _handling(arende, registrator, fil=None, beskrivning=None):
    from arenden.models import Riktning
    from arenden.services import arenden as arendetjanst

    return arendetjanst.registrera_handling(
        arende,
        anvandare=registrator,
        riktning=Riktning.INKOMMANDE,
        datum=None,
        beskrivning=beskrivning or f"Skrivelse om {random.choice(ORD['amne'])}",
        avsandare_mottagare=random.choice(ORD["avsandare"]),
        fil=fil,
    )


def _seedtexter() -> list[dict]:
    # The real memos, so each item is as long as a real one.
    texter = []
    for namn in ["000", "001", "002", "003", "004"]:
        data = json.loads((ROT / "fixtures" / "seeds" / f"{namn}.json").read_text("utf-8"))
        texter.append(data["tjansteskrivelse"])
    return texter


def _ledig_dag(organ) -> datetime.date:
    """The first day from tomorrow with no meeting of the organ.

    Never the 20th: fakecases plans a meeting of the board on the 20th of every month,
    and may be run after this on the same database.
    """
    from arenden.models import Sammantrade

    dag = timezone.localdate() + datetime.timedelta(days=1)
    while dag.day == 20 or Sammantrade.objects.filter(organ=organ, datum=dag).exists():
        dag += datetime.timedelta(days=1)
    return dag


def motesdagen(rs, diarium, pdf: bytes):
    """The meeting every politician opens on the morning, its kallelse sent."""
    from django.contrib.auth import get_user_model

    from arenden.models import Person, Sammantrade, Uppdrag
    from arenden.services import arenden as arendetjanst
    from arenden.services import granskning, lasrum, sammantraden, tjansteskrivelser

    befintligt = Sammantrade.objects.filter(organ=rs, plats=PLATS).first()
    if befintligt is not None:
        return befintligt
    anvandare = get_user_model().objects.in_bulk(
        ["registrator", "handlaggare", "sekreterare", "politiker"], field_name="username"
    )
    registrator, handlaggare = anvandare["registrator"], anvandare["handlaggare"]
    sekreterare, politiker = anvandare["sekreterare"], anvandare["politiker"]
    person, _ = Person.objects.get_or_create(
        anvandare=politiker, defaults={"namn": "Per Politiker", "titel": "Regionråd"}
    )
    Uppdrag.objects.get_or_create(
        organ=rs,
        person=person,
        roll=Uppdrag.Roll.LEDAMOT,
        defaults={"fran": datetime.date(2023, 1, 1)},
    )
    datum = _ledig_dag(rs)
    mote = sammantraden.skapa_sammantrade(
        organ=rs,
        datum=datum,
        starttid=datetime.time(9, 0),
        sluttid=datetime.time(16, 0),
        plats=PLATS,
        ordforande=Person.objects.filter(namn="Olle Ordförande", anvandare=None).first(),
        sekreterare=Person.objects.filter(anvandare=sekreterare).first(),
        justering_plats="Regionkansliet, Östersund",
        justering_datum=datum + datetime.timedelta(days=7),
        anvandare=sekreterare,
    )
    for rubrik in sammantraden.PROCEDURPUNKTER[:3]:
        sammantraden.lagg_till_punkt(mote, anvandare=sekreterare, typ="procedur", rubrik=rubrik)
    texter = _seedtexter()
    for i in range(PUNKTER):
        ts = texter[i % len(texter)]
        titel = f"{random.choice(ORD['inledning'])} {random.choice(ORD['amne'])} ({i + 1})"
        arende = arendetjanst.registrera_arende(
            diarium=diarium, titel=titel, organ=rs, anvandare=registrator
        )
        _handling(
            arende,
            registrator,
            SimpleUploadedFile(f"Skrivelse {i + 1}.pdf", pdf),
            beskrivning=f"Skrivelse om {titel[0].lower()}{titel[1:]}",
        )
        skrivelse = tjansteskrivelser.skapa_tjansteskrivelse(
            arende,
            anvandare=handlaggare,
            titel=titel,
            avsnitt=ts["avsnitt"],
            attsatser=ts["attsatser"] or ["Informationen läggs till handlingarna."],
            forslag_inledning=ts["forslag_inledning"] or "",
        )
        skrivelse = granskning.skicka_till_granskning(
            skrivelse, anvandare=handlaggare, granskare=sekreterare
        )
        granskning.godkann(skrivelse, anvandare=sekreterare)
        sammantraden.lagg_till_arende(mote, arende, anvandare=sekreterare)
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    mote.refresh_from_db()
    if not lasrum.ar_ledamot(politiker, rs, mote.datum):
        raise RuntimeError("politiker är inte ledamot i regionstyrelsen på mötesdagen")
    return mote


def skapa(antal: int, med_fakecases: bool) -> dict:
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from arenden import demodata
    from arenden.models import Arende, Dagordningspunkt, Diarium, Handling, Organ
    from arenden.services import arenden as arendetjanst

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
    rs = Organ.objects.get(forkortning="RS")
    mote = motesdagen(rs, diarium, pdf)
    punkter = list(
        mote.dagordning.filter(typ=Dagordningspunkt.Typ.ARENDE)
        .select_related("tjansteskrivelse_version")
        .order_by("ordning")
    )
    # The PDFs a politician downloads on the morning: the frozen memos of the agenda,
    # from the reading room, as sent with the kallelse.
    pdf_url = [
        reverse("sammantraden:punkt_pdf", args=[mote.pk, p.pk])
        for p in punkter
        if p.tjansteskrivelse_version_id
    ]
    return {
        "sammantrade": mote.pk,
        "datum": f"{mote.datum:%Y-%m-%d}",
        "pdf": pdf_url,
        "arenden": Arende.objects.count(),
        "handlingar": Handling.objects.count(),
        "punkter": mote.dagordning.count(),
        "underlag": sum(p.underlag.count() for p in punkter),
    }


if __name__ == "__main__":
    import sys

    import django

    django.setup()
    print(json.dumps(skapa(int(sys.argv[1]), sys.argv[2] == "1")))
