"""Calling a meeting off before it is held: the reason and the history, its cases free for
a later meeting (fullmäktige's back in its queue), the reading room and the
anslagstavla saying it is inställt rather than letting it vanish."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from arenden.models import Historik, Organ, Sammantrade
from arenden.services import beslut as beslutstjanst
from arenden.services import sammantraden
from tests import factories

pytestmark = pytest.mark.django_db

ANLEDNING = "Ordföranden är sjuk; ärendena tas upp den 16 december."


@pytest.fixture
def rs():
    return factories.organ("RS", "Regionstyrelsen")


@pytest.fixture
def mote(rs, sekreterare):
    """An RS meeting whose kallelse has gone out, with a case and a procedural item."""
    mote = factories.sammantrade(rs)
    mote.punkt = factories.arendepunkt(
        mote, titel="Rapport om primärvården", anvandare_=sekreterare
    )
    sammantraden.lagg_till_punkt(mote, anvandare=sekreterare, typ="procedur", rubrik="Upprop")
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    mote.refresh_from_db()
    return mote


def _url(mote):
    return f"/sammantraden/{mote.pk}/stall-in/"


def test_it_calls_a_sent_meeting_off_with_its_reason_and_history(client, sekreterare, mote):
    client.force_login(sekreterare)
    html = client.get(mote.get_absolute_url()).content.decode()
    assert f'href="{_url(mote)}"' in html
    svar = client.get(_url(mote))
    assert svar.status_code == 200
    assert mote.punkt.arende.diarienummer in svar.content.decode()

    svar = client.post(_url(mote), {"anledning": ANLEDNING}, follow=True)
    assert svar.redirect_chain[-1][0] == mote.get_absolute_url()
    html = svar.content.decode()
    assert "Sammanträdet är inställt." in html and ANLEDNING in html
    mote.refresh_from_db()
    assert mote.status == Sammantrade.Status.INSTALLT
    assert mote.installt is not None and mote.installt_anledning == ANLEDNING
    # Nothing registered is lost: the agenda stays as it was.
    assert [p.rubrik for p in mote.dagordning.order_by("ordning")] == [
        "Rapport om primärvården",
        "Upprop",
    ]
    post = Historik.objects.get(objekt_typ="sammantrade", handelse="Sammanträdet ställdes in")
    assert post.fore == {"status": "Kallelse skickad"}
    assert post.efter["status"] == "Inställt" and post.efter["anledning"] == ANLEDNING
    assert post.efter["ärenden"] == [mote.punkt.arende.diarienummer]
    # The case's own history says it is free for a later meeting.
    assert mote.punkt.arende.historik.filter(
        handelse__contains="ställdes in; ärendet kan läggas på ett senare sammanträde"
    ).exists()
    # The tools for a meeting to be held are gone from its page.
    assert f'href="{_url(mote)}"' not in html
    assert f"/sammantraden/{mote.pk}/justering/" not in html
    assert "Bygg kallelsen på nytt" not in html


def test_its_cases_can_go_on_a_later_meeting(client, rs, sekreterare, mote):
    sammantraden.stall_in(mote, anvandare=sekreterare, anledning=ANLEDNING)
    senare = factories.sammantrade(rs, datum=timezone.localdate() + datetime.timedelta(days=14))
    assert mote.punkt.arende in sammantraden.arenden_att_lagga_till(senare)
    punkt = sammantraden.lagg_till_arende(senare, mote.punkt.arende, anvandare=sekreterare)
    assert punkt.nummer == "1"


def test_fullmaktiges_case_goes_back_to_its_queue_and_the_board_says_inställt(client, sekreterare):
    rf = factories.organ("RF", "Regionfullmäktige", Organ.Typ.FULLMAKTIGE)
    rs_mote = factories.sammantrade(
        factories.organ("RS", "Regionstyrelsen"), datum=timezone.localdate()
    )
    punkt = factories.arendepunkt(
        rs_mote,
        anvandare_=sekreterare,
        forslag_inledning="Regionstyrelsen föreslår regionfullmäktige",
    )
    sammantraden.skicka_kallelse(rs_mote, anvandare=sekreterare)
    punkt.refresh_from_db()
    forslag = beslutstjanst.registrera_beslut(
        punkt, anvandare=sekreterare, beslutstext="RS föreslår RF att anta.", utfall="bifall"
    )
    rf_mote = factories.sammantrade(rf, datum=timezone.localdate() + datetime.timedelta(days=10))
    sammantraden.lagg_till_arende(rf_mote, forslag.arende, anvandare=sekreterare)
    sammantraden.skicka_kallelse(rf_mote, anvandare=sekreterare)
    assert list(beslutstjanst.ko(rf)) == []
    assert "Sammanträdet är offentligt." in client.get("/anslagstavla/").content.decode()

    sammantraden.stall_in(rf_mote, anvandare=sekreterare, anledning=ANLEDNING)
    assert list(beslutstjanst.ko(rf)) == [forslag]
    html = client.get("/anslagstavla/").content.decode()
    assert f"Regionfullmäktiges sammanträde {rf_mote.datum:%Y-%m-%d} är inställt" in html
    assert ANLEDNING in html and "Sammanträdet är offentligt." not in html
    # From the queue onto the next meeting, as any proposal.
    nasta = factories.sammantrade(rf, datum=timezone.localdate() + datetime.timedelta(days=40))
    client.force_login(sekreterare)
    svar = client.post(f"/sammantraden/{nasta.pk}/dagordning/fran-ko/{forslag.pk}/")
    assert svar.status_code == 302
    assert nasta.dagordning.get().fran_beslut == forslag
    assert list(beslutstjanst.ko(rf)) == []


def test_the_reading_room_shows_it_as_inställt(client, rs, sekreterare, mote):
    ledamot = factories.ledamot(rs)
    sammantraden.stall_in(mote, anvandare=sekreterare, anledning=ANLEDNING)
    client.force_login(ledamot)
    svar = client.get("/sammantraden/")
    assert mote in svar.context["kommande"]
    assert "Inställt" in svar.content.decode()
    html = client.get(mote.get_absolute_url()).content.decode()
    assert "Sammanträdet är inställt." in html and ANLEDNING in html
    html = client.get(f"/sammantraden/{mote.pk}/punkter/{mote.punkt.pk}/").content.decode()
    assert "Sammanträdet är inställt." in html


def test_a_meeting_called_off_before_its_kallelse_stays_a_draft(client, politiker, sekreterare):
    mote = factories.sammantrade(factories.organ("RS", "Regionstyrelsen"))
    sammantraden.stall_in(mote, anvandare=sekreterare, anledning=ANLEDNING)
    client.force_login(politiker)
    assert mote not in client.get("/sammantraden/").context["kommande"]
    assert client.get(mote.get_absolute_url()).status_code == 403


def test_a_meeting_held_cannot_be_called_off(client, rs, sekreterare):
    mote = factories.sammantrade(rs, datum=timezone.localdate())
    punkt = factories.arendepunkt(mote, anvandare_=sekreterare)
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    punkt.refresh_from_db()
    beslutstjanst.registrera_beslut(punkt, anvandare=sekreterare, beslutstext="X", utfall="bifall")
    client.force_login(sekreterare)
    assert f'href="{_url(mote)}"' not in client.get(mote.get_absolute_url()).content.decode()
    html = client.get(_url(mote)).content.decode()
    assert "Sammanträdet har hållits" in html and 'name="anledning"' not in html
    svar = client.post(_url(mote), {"anledning": ANLEDNING})
    assert svar.status_code == 400
    assert "Ett sammanträde som har hållits kan inte ställas in." in svar.content.decode()
    mote.refresh_from_db()
    assert mote.status == Sammantrade.Status.GENOMFORT and mote.installt_anledning == ""


def test_it_needs_a_reason_and_keeps_nothing_half_done(client, sekreterare, mote):
    client.force_login(sekreterare)
    svar = client.post(_url(mote), {"anledning": "   "})
    assert svar.status_code == 400
    assert "Ange varför sammanträdet ställs in." in svar.content.decode()
    mote.refresh_from_db()
    assert mote.status == Sammantrade.Status.KALLELSE_SKICKAD
    assert not Historik.objects.filter(handelse="Sammanträdet ställdes in").exists()


def test_a_meeting_called_off_is_not_changed_afterwards(client, sekreterare, mote):
    sammantraden.stall_in(mote, anvandare=sekreterare, anledning=ANLEDNING)
    mote.refresh_from_db()
    ataganden = [
        lambda: sammantraden.stall_in(mote, anvandare=sekreterare, anledning="Igen"),
        lambda: sammantraden.andra_sammantrade(mote, anvandare=sekreterare, plats="Annan sal"),
        lambda: sammantraden.lagg_till_punkt(
            mote, anvandare=sekreterare, typ="procedur", rubrik="Val av justerare"
        ),
        lambda: sammantraden.flytta(mote.punkt, 1, anvandare=sekreterare),
        lambda: sammantraden.skicka_kallelse(mote, anvandare=sekreterare),
        lambda: beslutstjanst.registrera_narvaro(mote, [], anvandare=sekreterare),
    ]
    for atgard in ataganden:
        with pytest.raises(ValidationError, match="ställdes in"):
            atgard()
    with pytest.raises(ValidationError, match="Sammanträdet är inställt"):
        beslutstjanst.registrera_beslut(
            mote.punkt, anvandare=sekreterare, beslutstext="X", utfall="bifall"
        )
    client.force_login(sekreterare)
    svar = client.post(f"/sammantraden/{mote.pk}/kallelse/bygg/", follow=True)
    assert "Sammanträdet är inställt; kallelsen byggs inte om." in svar.content.decode()


def test_editing_a_sent_meeting_points_to_calling_it_off(client, sekreterare, mote):
    client.force_login(sekreterare)
    svar = client.post(
        f"/sammantraden/{mote.pk}/andra/",
        {"datum": f"{mote.datum + datetime.timedelta(days=1):%Y-%m-%d}", "starttid": "09:00"},
    )
    html = svar.content.decode()
    assert "Ställ in sammanträdet och planera ett nytt" in html
    assert f'href="{_url(mote)}"' in html


def test_an_imported_meeting_is_not_called_off(sekreterare, demodata):
    importerat = Sammantrade.objects.exclude(kalla="").first()
    with pytest.raises(ValidationError, match="inläst ur en källa"):
        sammantraden.stall_in(importerat, anvandare=sekreterare, anledning=ANLEDNING)


def test_calling_off_is_403_404_and_405(client, sekreterare, politiker, handlaggare, mote):
    for user in (politiker, handlaggare):
        client.force_login(user)
        assert client.get(_url(mote)).status_code == 403
        assert client.post(_url(mote), {"anledning": ANLEDNING}).status_code == 403
    client.force_login(sekreterare)
    assert client.post("/sammantraden/99999/stall-in/", {"anledning": "x"}).status_code == 404
    assert client.put(_url(mote)).status_code == 405
    assert client.delete(_url(mote)).status_code == 405
    mote.refresh_from_db()
    assert mote.status == Sammantrade.Status.KALLELSE_SKICKAD
