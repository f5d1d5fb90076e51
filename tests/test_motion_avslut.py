"""Closing a motion: by fullmäktige's decision (vid_beslut) or by hand, and only once."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from arenden.models import Arende, Beslut, Historik, Motion, Organ, Sammantrade
from arenden.services import motioner as motionstjanst
from arenden.services import motionsavslut
from tests import factories

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def _klocka():
    with time_machine.travel("2026-06-20 10:00:00+02:00", tick=False):
        yield


@pytest.fixture
def motion(db):
    return factories.motion(vackt=D(2026, 1, 15))


@pytest.fixture
def rf(db):
    return factories.motionsorgan()[0]


def rf_beslut(motion, rf, utfall="bifallen", paragraf=88, datum=None):
    datum = datum or D(2026, 6, 16)
    mote = Sammantrade.objects.get_or_create(organ=rf, datum=datum)[0]
    return Beslut.objects.create(
        organ=rf,
        ar=datum.year,
        paragraf=paragraf,
        sammantrade=mote,
        arende=motion.arende,
        utfall=utfall,
    )


@pytest.mark.parametrize("utfall", ["bifallen", "avslagen", "anses_besvarad", "avskriven"])
def test_fullmaktiges_decision_closes_the_motion(motion, rf, sekreterare, utfall):
    beslut = rf_beslut(motion, rf, utfall)
    stangd = motionsavslut.vid_beslut(beslut, anvandare=sekreterare)
    motion.refresh_from_db()
    assert stangd == motion
    assert motion.utfall == utfall
    assert motion.beslut == beslut
    assert motion.avslutad == D(2026, 6, 16)  # the meeting's day, not the day it was typed
    assert motion.arende.status == Arende.Status.AVSLUTAT
    assert motion.arende.avslutad == D(2026, 6, 16)


def test_it_logs_the_closing(motion, rf, sekreterare):
    motionsavslut.vid_beslut(rf_beslut(motion, rf, "avslagen"), anvandare=sekreterare)
    post = Historik.objects.get(handelse="Motionen avslutades: avslagen")
    assert post.anvandare == sekreterare
    assert post.fore["utfall"] == "" and post.efter["utfall"] == "avslagen"
    assert post.efter["beslut"] == "RF 2026 § 88"
    assert Historik.objects.filter(handelse="Ärendet avslutades").exists()


def test_closing_twice_is_refused(motion, rf, sekreterare):
    motionsavslut.vid_beslut(rf_beslut(motion, rf, "bifallen"), anvandare=sekreterare)
    andra = rf_beslut(motion, rf, "avslagen", paragraf=89)
    with pytest.raises(ValidationError, match="är redan avslutad .bifallen 2026-06-16."):
        motionsavslut.vid_beslut(andra, anvandare=sekreterare)
    motion.refresh_from_db()
    assert motion.utfall == "bifallen"
    assert motion.beslut.paragraf == 88


def test_the_same_decision_recorded_again_corrects_the_outcome(motion, rf, sekreterare):
    # Before justering the meetings' recording may record a § again with a new outcome.
    beslut = rf_beslut(motion, rf, "bifallen")
    motionsavslut.vid_beslut(beslut, anvandare=sekreterare)
    beslut.utfall = "avslagen"
    beslut.save()
    assert motionsavslut.vid_beslut(beslut, anvandare=sekreterare).utfall == "avslagen"
    motion.refresh_from_db()
    assert (motion.utfall, motion.beslut, motion.avslutad) == ("avslagen", beslut, D(2026, 6, 16))
    post = Historik.objects.get(handelse="Utfallet rättades: avslagen")
    assert (post.fore["utfall"], post.efter["utfall"]) == ("bifallen", "avslagen")
    # Recorded again unchanged: nothing happens.
    antal = Historik.objects.count()
    motionsavslut.vid_beslut(beslut, anvandare=sekreterare)
    assert Historik.objects.count() == antal


def test_the_same_decision_no_longer_closing_reopens_the_motion(motion, rf, sekreterare):
    beslut = rf_beslut(motion, rf, "bifallen")
    motionsavslut.vid_beslut(beslut, anvandare=sekreterare)
    beslut.utfall = "aterremiss"
    beslut.save()
    motionsavslut.vid_beslut(beslut, anvandare=sekreterare)
    motion.refresh_from_db()
    assert motion.oppen and motion.beslut is None and motion.avslutad is None
    assert motion.arende.status == Arende.Status.PAGAENDE
    assert motion.arende.avslutad is None
    assert Historik.objects.filter(handelse__startswith="Motionen öppnades igen").exists()


def test_a_corrected_outcome_is_told_to_the_proposer_again(rf, sekreterare):
    from arenden.models import Handling

    forslag = factories.motion(
        "Medborgarförslag om x",
        typ="medborgarforslag",
        vackt=D(2026, 1, 15),
        motionarer=[motionstjanst.NyPerson("Kalle Karlsson")],
    )
    beslut = rf_beslut(forslag, rf, "bifallen")
    motionsavslut.vid_beslut(beslut, anvandare=sekreterare)
    beslut.utfall = "anses_besvarad"
    beslut.save()
    motionsavslut.vid_beslut(beslut, anvandare=sekreterare)
    assert list(
        Handling.objects.filter(riktning="utgaende").values_list("beskrivning", flat=True)
    ) == [
        "Meddelande om beslut: medborgarförslaget bifallet",
        "Meddelande om beslut: medborgarförslaget anses besvarat",
    ]


@pytest.mark.parametrize("utfall", ["bifall", "avslag", "aterremiss", "bordlaggning", ""])
def test_a_decision_without_a_motion_outcome_leaves_it_open(motion, rf, sekreterare, utfall):
    # Approving a proposal that a motion "anses besvarad" is "bifall" of the proposal,
    # not a motion bifallen; återremiss and bordläggning keep it open.
    beslut = rf_beslut(motion, rf, utfall)
    assert motionsavslut.vid_beslut(beslut, anvandare=sekreterare) is None
    motion.refresh_from_db()
    assert motion.oppen


def test_regionstyrelsens_decision_does_not_close_it(motion, sekreterare):
    rs = Organ.objects.get(forkortning="RS")
    beslut = Beslut.objects.create(
        organ=rs, ar=2026, paragraf=120, arende=motion.arende, utfall="anses_besvarad"
    )
    assert motionsavslut.vid_beslut(beslut, anvandare=sekreterare) is None
    motion.refresh_from_db()
    assert motion.oppen


def test_a_decision_in_a_case_without_a_motion_is_ignored(rf, sekreterare):
    arende = factories.arende()
    beslut = Beslut.objects.create(organ=rf, ar=2026, paragraf=5, arende=arende, utfall="bifallen")
    assert motionsavslut.vid_beslut(beslut, anvandare=sekreterare) is None
    beslut_utan = Beslut.objects.create(organ=rf, ar=2026, paragraf=6, utfall="bifallen")
    assert motionsavslut.vid_beslut(beslut_utan, anvandare=sekreterare) is None


def test_a_decision_without_a_meeting_closes_on_todays_date(motion, rf, sekreterare):
    beslut = Beslut.objects.create(
        organ=rf, ar=2026, paragraf=7, arende=motion.arende, utfall="avskriven"
    )
    assert motionsavslut.vid_beslut(beslut, anvandare=sekreterare).avslutad == D(2026, 6, 20)


def test_the_database_refuses_a_half_closed_motion(motion):
    from django.db import IntegrityError, transaction

    motion.utfall = "bifallen"  # without a date
    with pytest.raises(IntegrityError), transaction.atomic():
        motion.save()
    motion.refresh_from_db()
    motion.avslutad = D(2026, 6, 1)  # a date without an outcome
    with pytest.raises(IntegrityError), transaction.atomic():
        motion.save()
    motion.refresh_from_db()
    motion.utfall, motion.avslutad = "bifall", D(2026, 6, 1)  # a decision's, not a motion's
    with pytest.raises(IntegrityError), transaction.atomic():
        motion.save()


# --- The secretariat's manual close at /motioner/<nr>/avsluta/ ---------------------------


def url(motion):
    return f"/motioner/{motion.arende.slug}/avsluta/"


def test_the_secretariat_writes_a_motion_off(client, motion, sekreterare):
    client.force_login(sekreterare)
    svar = client.post(
        url(motion),
        {"utfall": "avskriven", "datum": "2026-06-16", "anteckning": "Motionären har avgått."},
    )
    assert svar.status_code == 302
    assert svar["Location"] == motion.get_absolute_url()
    motion.refresh_from_db()
    assert motion.utfall == "avskriven"
    assert motion.avslutad == D(2026, 6, 16)
    assert motion.avslut_anteckning == "Motionären har avgått."
    sida = client.get(motion.get_absolute_url()).text
    assert "Avskriven" in sida and "Motionären har avgått." in sida


def test_the_manual_close_may_name_fullmaktiges_decision(client, motion, rf, sekreterare):
    beslut = rf_beslut(motion, rf, "")
    client.force_login(sekreterare)
    client.post(
        url(motion),
        {"utfall": "anses_besvarad", "datum": "2026-06-16", "beslut": beslut.pk, "anteckning": "x"},
    )
    motion.refresh_from_db()
    assert motion.beslut == beslut


def test_the_manual_close_offers_only_this_cases_decisions(client, motion, rf, sekreterare):
    annan = factories.motion("Motion om annat", vackt=D(2026, 1, 2))
    fel_beslut = rf_beslut(annan, rf, "", paragraf=3)
    client.force_login(sekreterare)
    svar = client.post(
        url(motion),
        {"utfall": "bifallen", "datum": "2026-06-16", "beslut": fel_beslut.pk, "anteckning": "x"},
    )
    assert svar.status_code == 400
    assert "Beslutet finns inte i ärendet" in svar.text
    motion.refresh_from_db()
    assert motion.oppen


@pytest.mark.parametrize(
    ("post", "meddelande"),
    [
        ({"datum": "2026-06-16", "anteckning": "x"}, "Välj bifallen, avslagen"),
        ({"utfall": "bifall", "datum": "2026-06-16", "anteckning": "x"}, "Välj bifallen, avslagen"),
        ({"utfall": "avskriven", "datum": "2026-06-21", "anteckning": "x"}, "i framtiden"),
        ({"utfall": "avskriven", "datum": "2026-01-14", "anteckning": "x"}, "före väckt-datum"),
        ({"utfall": "avskriven", "datum": "2026-06-16"}, "Skriv en anteckning om avslutet."),
        ({"utfall": "avskriven", "anteckning": "x"}, "Ange beslutsdatum."),
    ],
)
def test_the_manual_close_refuses_bad_input(client, motion, sekreterare, post, meddelande):
    client.force_login(sekreterare)
    svar = client.post(url(motion), post)
    assert svar.status_code == 400
    assert meddelande in svar.text
    motion.refresh_from_db()
    assert motion.oppen


def test_the_manual_close_refuses_closing_twice(client, motion, sekreterare):
    client.force_login(sekreterare)
    forsta = {"utfall": "avskriven", "datum": "2026-06-16", "anteckning": "x"}
    client.post(url(motion), forsta)
    svar = client.post(url(motion), {**forsta, "utfall": "bifallen"})
    assert svar.status_code == 400
    assert "är redan avslutad (avskriven 2026-06-16) och kan inte avslutas igen." in svar.text
    motion.refresh_from_db()
    assert motion.utfall == "avskriven"


@pytest.mark.parametrize("grupp", ["Registrator", "Handläggare", "Politiker"])
def test_the_manual_close_is_forbidden_outside_the_secretariat(client, motion, grupp):
    client.force_login(factories.anvandare(grupp))
    assert client.get(url(motion)).status_code == 403
    data = {"utfall": "avskriven", "datum": "2026-06-16", "anteckning": "x"}
    svar = client.post(url(motion), data)
    assert svar.status_code == 403
    assert Motion.objects.get().oppen


def test_the_manual_close_answers_404_and_405(client, motion, sekreterare):
    client.force_login(sekreterare)
    assert client.get("/motioner/RS-424242-2026/avsluta/").status_code == 404
    assert client.get(f"/motioner/{factories.arende().slug}/avsluta/").status_code == 404
    assert client.put(url(motion)).status_code == 405
    assert client.delete(url(motion)).status_code == 405


def test_the_motion_page_offers_the_actions_by_permission(client, motion, sekreterare, politiker):
    client.force_login(politiker)
    sida = client.get(motion.get_absolute_url()).text
    assert "Avsluta manuellt" not in sida and "Starta svar" not in sida
    client.force_login(sekreterare)
    sida = client.get(motion.get_absolute_url()).text
    assert "Avsluta manuellt" in sida and "Starta svar" in sida
