"""Demo members and meetings, so `make run` shows the meeting cycle. Idempotent.

The people here are made up for the demo and named as such; the real documents name
no members of the board. The demo politician sits in Regionstyrelsen, so logging in
as `politiker` opens the reading room of its meetings.
"""

import datetime

from django.utils import timezone

from arenden.models import Arende, Organ, Person, Sammantrade, Uppdrag
from arenden.services import sammantraden

LEDAMOTER = [
    # (name, role, function)
    ("Olle Ordförande", Uppdrag.Roll.LEDAMOT, "Ordförande"),
    ("Vera Vice", Uppdrag.Roll.LEDAMOT, "Vice ordförande"),
    ("Lena Ledamot", Uppdrag.Roll.LEDAMOT, ""),
    ("Erik Ersättare", Uppdrag.Roll.ERSATTARE, ""),
]
MANDATPERIOD_FRAN = datetime.date(2023, 1, 1)


def ladda(organ: dict[str, Organ], anvandare: dict) -> int:
    """Members for RS and RF, and one planned RS meeting with the seed cases on it."""
    for forkortning in ("RS", "RF"):
        for namn, roll, funktion in LEDAMOTER:
            person, _ = Person.objects.get_or_create(namn=namn, anvandare=None)
            _uppdrag(organ[forkortning], person, roll, funktion)
    politiker = anvandare["politiker"]
    person, _ = Person.objects.get_or_create(
        anvandare=politiker, defaults={"namn": "Per Politiker", "titel": "Regionråd"}
    )
    _uppdrag(organ["RS"], person, Uppdrag.Roll.LEDAMOT, "")
    sekreterare, _ = Person.objects.get_or_create(
        anvandare=anvandare["sekreterare"],
        defaults={"namn": "Sara Sekreterare", "titel": "Nämndsekreterare"},
    )
    idag = timezone.localdate()
    if Sammantrade.objects.filter(organ=organ["RS"], datum__gte=idag, kalla="").exists():
        return 0
    mote = sammantraden.skapa_sammantrade(
        organ=organ["RS"],
        datum=idag + datetime.timedelta(days=14),
        starttid=datetime.time(9, 0),
        sluttid=datetime.time(16, 0),
        plats="Regionens hus, sal Storsjön, Östersund",
        ordforande=Person.objects.get(namn="Olle Ordförande", anvandare=None),
        sekreterare=sekreterare,
        justering_plats="Regionkansliet, Östersund",
        justering_datum=idag + datetime.timedelta(days=21),
        anvandare=anvandare["sekreterare"],
    )
    for rubrik in sammantraden.PROCEDURPUNKTER[:3]:
        sammantraden.lagg_till_punkt(
            mote, anvandare=anvandare["sekreterare"], typ="procedur", rubrik=rubrik
        )
    for dnr in ("RS/554/2019", "RS/203/2021"):
        arende = Arende.objects.filter(diarienummer=dnr, organ=organ["RS"]).first()
        if arende is not None and sammantraden.klar_tjansteskrivelse(arende):
            sammantraden.lagg_till_arende(mote, arende, anvandare=anvandare["sekreterare"])
    return 1


def _uppdrag(organ, person, roll, funktion):
    # Open-ended, so the demo's meetings fall within the term whenever it is run.
    Uppdrag.objects.get_or_create(
        organ=organ,
        person=person,
        roll=roll,
        defaults={"funktion": funktion, "fran": MANDATPERIOD_FRAN},
    )
