"""What a justering locks: justerade minutes take no new decisions, and an omedelbar
justering locks what its § prints (the attendance, the meeting's day, time and place,
its agenda item) while the rest of the meeting goes on. A correction is a rättelse."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from arenden.models import Beslut, Dagordningspunkt, Sammantrade
from arenden.services import beslut as tjanst
from arenden.services import sammantraden
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def mote(sekreterare):
    mote = factories.sammantrade(
        factories.organ("RS", "Regionstyrelsen"), datum=timezone.localdate(), plats="Sal A"
    )
    for titel in ("Rapport om primärvården", "Remiss om nära vård"):
        factories.arendepunkt(mote, titel=titel, anvandare_=sekreterare)
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    mote.anna = factories.ledamot(mote.organ, namn="Anna Ledamot").person
    mote.bo = factories.ledamot(mote.organ, namn="Bo Ledamot").person
    mote.cia = factories.ledamot(mote.organ, "ersattare", namn="Cia Ersättare").person
    tjanst.registrera_narvaro(
        mote,
        [{"person": mote.anna, "narvarande": True}, {"person": mote.bo, "narvarande": True}],
        anvandare=sekreterare,
    )
    mote.forsta, mote.andra = mote.dagordning.order_by("ordning")
    mote.refresh_from_db()
    return mote


def _besluta(punkt, sekreterare, **falt):
    falt.setdefault("beslutstext", "Regionstyrelsen godkänner rapporten.")
    falt.setdefault("utfall", "bifall")
    return tjanst.registrera_beslut(punkt, anvandare=sekreterare, **falt)


def _justera(mote, sekreterare, beslut=None):
    return tjanst.registrera_justering(
        mote,
        anvandare=sekreterare,
        justerad=timezone.localdate(),
        justerare=[mote.anna],
        forvaringsplats="Regionkansliet, Östersund",
        beslut=beslut,
        omedelbar=beslut is not None,
    )


def test_justerade_minutes_take_no_new_decision(client, sekreterare, mote):
    _besluta(mote.forsta, sekreterare)
    _justera(mote, sekreterare)
    mote.refresh_from_db()
    assert mote.status == Sammantrade.Status.JUSTERAT
    client.force_login(sekreterare)
    # The undecided item offers no "Protokollför" once the minutes are justerade.
    html = client.get(f"/sammantraden/{mote.pk}/").content.decode()
    assert "Protokollför" not in html
    svar = client.post(
        f"/sammantraden/{mote.pk}/punkter/{mote.andra.pk}/beslut/",
        {"utfall": "bifall", "beslutstext": "Ett beslut i efterhand."},
    )
    assert svar.status_code == 400
    assert (
        "Protokollet är justerat och inga beslut kan protokollföras eller ändras i det. "
        "Ett fel i en justerad paragraf rättas med en rättelse."
    ) in svar.content.decode()
    assert Beslut.objects.count() == 1
    Sammantrade.objects.filter(pk=mote.pk).update(status=Sammantrade.Status.ANSLAGET)
    with pytest.raises(ValidationError, match="Protokollet är justerat"):
        _besluta(mote.andra, sekreterare)


def test_protokollfor_is_offered_while_the_minutes_are_open(client, sekreterare, mote):
    client.force_login(sekreterare)
    html = client.get(f"/sammantraden/{mote.pk}/").content.decode()
    assert html.count("Protokollför<span") == 2


def test_an_omedelbar_justering_locks_the_attendance(sekreterare, mote):
    paragraf = _besluta(mote.forsta, sekreterare)
    _justera(mote, sekreterare, beslut=[paragraf])
    with pytest.raises(ValidationError) as fel:
        tjanst.registrera_narvaro(
            mote,
            [
                {"person": mote.anna, "narvarande": True},
                {"person": mote.bo, "narvarande": False},
                {"person": mote.cia, "narvarande": True, "tjanstgor_for": mote.bo},
            ],
            anvandare=sekreterare,
        )
    assert fel.value.messages == [
        f"§ {paragraf.paragraf} är justerad och anger vilka som var närvarande. Närvaron kan "
        "inte ändras nu; en ersättare som tjänstgör i en senare paragraf anges i den "
        "paragrafens beslut."
    ]
    assert sorted(str(n.person) for n in mote.narvaro.all()) == [
        "Anna Ledamot (S)",
        "Bo Ledamot (S)",
    ]
    # Who serves in the § still open is recorded with its decision.
    andra = _besluta(mote.andra, sekreterare, tjanstgoring=[(mote.cia, mote.bo)])
    assert [(t.ersattare, t.ersatter) for t in andra.tjanstgoring.all()] == [(mote.cia, mote.bo)]


def test_an_omedelbar_justering_locks_the_meetings_day_time_and_place(client, sekreterare, mote):
    paragraf = _besluta(mote.forsta, sekreterare)
    _justera(mote, sekreterare, beslut=[paragraf])
    with pytest.raises(ValidationError, match="§ 1 är justerad och anger sammanträdets plats"):
        sammantraden.andra_sammantrade(mote, anvandare=sekreterare, plats="Sal B")
    with pytest.raises(ValidationError, match="starttid"):
        sammantraden.andra_sammantrade(mote, anvandare=sekreterare, starttid=datetime.time(10, 0))
    # The meeting goes on: its end time is filled in once, the next justering planned.
    sammantraden.andra_sammantrade(
        mote,
        anvandare=sekreterare,
        sluttid=datetime.time(16, 0),
        justering_plats="Regionkansliet",
        justering_datum=mote.datum + datetime.timedelta(days=7),
    )
    with pytest.raises(ValidationError, match="sluttid"):
        sammantraden.andra_sammantrade(mote, anvandare=sekreterare, sluttid=datetime.time(17, 0))

    # The form says so and keeps what was typed.
    client.force_login(sekreterare)
    svar = client.post(
        f"/sammantraden/{mote.pk}/andra/",
        {
            "datum": f"{mote.datum:%Y-%m-%d}",
            "starttid": "09:00",
            "sluttid": "16:00",
            "plats": "Sal B",
        },
    )
    assert svar.status_code == 400
    html = svar.content.decode()
    assert (
        "§ 1 är justerad och anger sammanträdets plats. Det kan inte ändras nu; ett fel i en "
        "justerad paragraf rättas med en rättelse."
    ) in html
    assert 'value="Sal B"' in html
    mote.refresh_from_db()
    assert (mote.plats, mote.sluttid) == ("Sal A", datetime.time(16, 0))


def test_an_omedelbar_justering_locks_its_agenda_item(client, sekreterare, mote):
    paragraf = _besluta(mote.forsta, sekreterare)
    _justera(mote, sekreterare, beslut=[paragraf])
    client.force_login(sekreterare)
    prefix = f"p{mote.forsta.pk}"
    svar = client.post(
        f"/sammantraden/{mote.pk}/dagordning/{mote.forsta.pk}/andra/",
        {f"{prefix}-rubrik": mote.forsta.rubrik, f"{prefix}-nummer": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert svar.status_code == 400
    assert (
        "Punkten är protokollförd som § 1, som är justerad: den kan inte ändras. "
        "Registrera en rättelse av paragrafen i stället."
    ) in svar.content.decode()
    mote.forsta.refresh_from_db()
    assert mote.forsta.offentlig is True
    # The item not yet justerad is still open to change.
    sammantraden.andra_punkt(
        mote.andra,
        anvandare=sekreterare,
        rubrik=mote.andra.rubrik,
        nummer="",
        offentlig=False,
        notering="Ej offentlig enligt beslut vid sammanträdet",
    )
    assert Dagordningspunkt.objects.get(pk=mote.andra.pk).offentlig is False


def test_an_omedelbar_justering_leaves_the_meeting_open_for_the_rest(sekreterare, mote):
    # § 1 justerad at once while the second case is still to be decided: the meeting
    # goes on, and the minutes are justerade as a whole only at the end.
    forsta = _besluta(mote.forsta, sekreterare)
    _justera(mote, sekreterare, beslut=[forsta])
    mote.refresh_from_db()
    assert mote.status == Sammantrade.Status.GENOMFORT
    andra = _besluta(mote.andra, sekreterare, beslutstext="Remissen besvaras.")
    assert andra.paragraf == forsta.paragraf + 1
    _justera(mote, sekreterare)
    mote.refresh_from_db()
    assert mote.status == Sammantrade.Status.JUSTERAT
