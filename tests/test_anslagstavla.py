"""/anslagstavla/: public, no login. The notice of each justering while its appeal period
runs, and fullmäktige's coming meetings."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from arenden.models import Organ, Sammantrade
from arenden.services import beslut as tjanst
from arenden.services import sammantraden
from tests import factories
from tests.pdftext import pdf_till_text

pytestmark = pytest.mark.django_db


def _justerat_mote(sekreterare, datum, **beslutsfalt):
    mote = factories.sammantrade(factories.organ("RS", "Regionstyrelsen"), datum=datum)
    with time_machine.travel(datetime.datetime.combine(datum, datetime.time(10)), tick=False):
        for titel in ("Rapport om primärvården", "Förhandling om hyresavtal"):
            factories.arendepunkt(mote, titel=titel, anvandare_=sekreterare)
        sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
        ledamot = factories.ledamot(mote.organ).person
        for punkt in mote.dagordning.order_by("ordning"):
            tjanst.registrera_beslut(
                punkt,
                anvandare=sekreterare,
                beslutstext=beslutsfalt.get("beslutstext", f"Beslut om {punkt.rubrik.lower()}."),
                utfall="bifall",
            )
        justering = tjanst.registrera_justering(
            mote,
            anvandare=sekreterare,
            justerad=datum,
            justerare=[ledamot],
            forvaringsplats="Regionkansliet, Östersund",
            anslag_uppsatt=datum,
        )
    return mote, justering


def test_it_shows_the_notice_while_the_appeal_period_runs(client, sekreterare):
    mote, justering = _justerat_mote(sekreterare, datetime.date(2026, 12, 3))
    with time_machine.travel(datetime.datetime(2026, 12, 10, 12), tick=False):
        svar = client.get("/anslagstavla/")
    assert svar.status_code == 200
    html = svar.content.decode()
    assert "Justerat protokoll regionstyrelsen 2026-12-03 §§ 1–2" in html
    assert "Datum då anslaget sätts upp</dt><dd>2026-12-03" in html
    # Three weeks ends on julafton; juldagen, annandag jul and a Sunday follow.
    assert "Sista dag att överklaga</dt><dd>2026-12-28" in html
    assert "Datum då anslaget tas ned</dt><dd>2026-12-29" in html
    assert "Förvaringsplats för protokollet</dt><dd>Regionkansliet, Östersund" in html
    with time_machine.travel(datetime.datetime(2026, 12, 29, 12), tick=False):
        assert "2026-12-03 §§ 1–2" not in client.get("/anslagstavla/").content.decode()
    with time_machine.travel(datetime.datetime(2026, 12, 2, 12), tick=False):
        assert "2026-12-03 §§ 1–2" not in client.get("/anslagstavla/").content.decode()


def test_the_public_minutes_are_masked_and_leave_closed_items_out(client, sekreterare):
    idag = timezone.localdate()
    mote, justering = _justerat_mote(
        sekreterare, idag, beslutstext="Ersättning till 19121212-1212 beviljas."
    )
    stangd = mote.dagordning.get(rubrik="Förhandling om hyresavtal")
    stangd.offentlig = False
    stangd.save()
    svar = client.get(f"/anslagstavla/{justering.pk}/protokoll.pdf")
    assert svar.status_code == 200
    text = pdf_till_text(svar.content)
    assert "Rapport om primärvården" in text
    assert "Förhandling om hyresavtal" not in text
    assert "19121212-1212" not in text and "ÅÅMMDD-XXXX" in text
    assert "Justerares signatur" in text
    # Rendered once: the second request reads the stored copy.
    assert client.get(f"/anslagstavla/{justering.pk}/protokoll.pdf").content == svar.content


def test_minutes_not_yet_posted_are_not_public(client, sekreterare):
    framtid = timezone.localdate() + datetime.timedelta(days=3)
    mote, justering = _justerat_mote(sekreterare, framtid)
    assert client.get(f"/anslagstavla/{justering.pk}/protokoll.pdf").status_code == 404
    assert client.get("/anslagstavla/99999/protokoll.pdf").status_code == 404
    assert client.post(f"/anslagstavla/{justering.pk}/protokoll.pdf").status_code == 405


def test_it_announces_fullmaktiges_coming_meetings(client, sekreterare):
    rf = factories.organ("RF", "Regionfullmäktige", Organ.Typ.FULLMAKTIGE)
    mote = factories.sammantrade(rf, datum=timezone.localdate() + datetime.timedelta(days=10))
    sammantraden.lagg_till_punkt(mote, anvandare=sekreterare, typ="procedur", rubrik="Upprop")
    sammantraden.lagg_till_punkt(
        mote, anvandare=sekreterare, typ="information", rubrik="Personalärende", offentlig=False
    )
    html = client.get("/anslagstavla/").content.decode()
    assert "Regionfullmäktiges sammanträde" not in html  # not before the kallelse
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    html = client.get("/anslagstavla/").content.decode()
    assert f"Regionfullmäktiges sammanträde {mote.datum:%Y-%m-%d}" in html
    assert "Regionens hus, sal Storsjön" in html and "Upprop" in html
    assert "Personalärende" not in html
    mote.refresh_from_db()
    assert mote.status == Sammantrade.Status.KALLELSE_SKICKAD


def test_the_board_is_public_and_read_only(client):
    assert client.get("/anslagstavla/").status_code == 200
    assert client.post("/anslagstavla/").status_code == 405


def test_the_kungorelse_numbers_items_as_the_agenda_does(client, sekreterare):
    rf = factories.organ("RF", "Regionfullmäktige", Organ.Typ.FULLMAKTIGE)
    mote = factories.sammantrade(rf, datum=timezone.localdate() + datetime.timedelta(days=10))
    for typ, rubrik, offentlig in [
        ("procedur", "Upprop", True),
        ("information", "Personalärende", False),
        ("information", "Regiondirektören informerar", True),
        ("procedur", "Val av justerare", True),
    ]:
        sammantraden.lagg_till_punkt(
            mote, anvandare=sekreterare, typ=typ, rubrik=rubrik, offentlig=offentlig
        )
    info = mote.dagordning.get(rubrik="Regiondirektören informerar")
    sammantraden.andra_punkt(
        info, anvandare=sekreterare, rubrik=info.rubrik, nummer="2a", offentlig=True, notering=""
    )
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    html = client.get("/anslagstavla/").content.decode()
    # The closed item keeps its number on the agenda; the public ones are numbered as
    # the kallelse numbers them, "2a" included.
    assert "<li>1. Upprop</li>" in html
    assert "<li>2a. Regiondirektören informerar</li>" in html
    assert "<li>3. Val av justerare</li>" in html
    assert "Personalärende" not in html
