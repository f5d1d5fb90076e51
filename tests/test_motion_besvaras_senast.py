"""Setting the earlier "ska besvaras senast vid" meeting after registration: the
presidium usually decides it when the motion is allocated. The same rules as at
registration, the change in the history, and only for those who may register."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from arenden.models import Historik, Sammantrade
from arenden.services import motioner as motionstjanst
from arenden.services import motionsavslut
from tests import factories

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def _klocka():
    with time_machine.travel("2026-03-10 10:00:00+01:00", tick=False):
        yield


@pytest.fixture
def motion(db):
    return factories.motion(vackt=D(2026, 2, 1))  # due 2027-02-01 by law


@pytest.fixture
def moten(db):
    rf, rs = factories.motionsorgan()
    return {
        "juni": Sammantrade.objects.create(organ=rf, datum=D(2026, 6, 16)),
        "november": Sammantrade.objects.create(organ=rf, datum=D(2026, 11, 24)),
        "for_sent": Sammantrade.objects.create(organ=rf, datum=D(2027, 2, 15)),
        "for_tidigt": Sammantrade.objects.create(organ=rf, datum=D(2026, 1, 20)),
        "styrelsen": Sammantrade.objects.create(organ=rs, datum=D(2026, 5, 5)),
    }


def url(motion):
    return f"/motioner/{motion.arende.slug}/besvaras-senast/"


def test_the_secretary_sets_the_meeting_and_it_is_in_the_history(
    client, motion, moten, sekreterare
):
    client.force_login(sekreterare)
    svar = client.post(url(motion), {"besvaras_senast_sammantrade": moten["juni"].pk})
    assert svar.status_code == 302
    assert svar["Location"] == motion.get_absolute_url()
    motion.refresh_from_db()
    assert motion.besvaras_senast_sammantrade == moten["juni"]
    assert motion.besvaras_senast == D(2027, 2, 1)  # the legal date stays
    post = Historik.objects.get(handelse="Sammanträdet då motionen ska besvaras senast ändrades")
    assert post.anvandare == sekreterare
    assert post.fore == {"besvaras_senast_sammantrade": None}
    assert post.efter == {"besvaras_senast_sammantrade": "Regionfullmäktige 2026-06-16"}
    sida = client.get(motion.get_absolute_url()).text
    assert "ska besvaras senast vid regionfullmäktige 2026-06-16." in sida
    assert "senast vid regionfullmäktige 2026-06-16" in sida


def test_the_earlier_meeting_becomes_the_deadline_in_the_list(client, motion, moten, sekreterare):
    client.force_login(sekreterare)
    client.post(url(motion), {"besvaras_senast_sammantrade": moten["juni"].pk})
    rad = motionstjanst.med_frist(type(motion).objects.filter(pk=motion.pk)).get()
    assert rad.frist == D(2026, 6, 16)


def test_a_registrator_may_change_it_and_clear_it(client, motion, moten, registrator):
    client.force_login(registrator)
    client.post(url(motion), {"besvaras_senast_sammantrade": moten["juni"].pk})
    client.post(url(motion), {"besvaras_senast_sammantrade": moten["november"].pk})
    motion.refresh_from_db()
    assert motion.besvaras_senast_sammantrade == moten["november"]
    svar = client.post(url(motion), {"besvaras_senast_sammantrade": ""}, follow=True)
    motion.refresh_from_db()
    assert motion.besvaras_senast_sammantrade is None
    assert "ska besvaras inom ett år från väckt, senast 2027-02-01." in svar.text
    assert Historik.objects.filter(
        handelse="Sammanträdet då motionen ska besvaras senast togs bort"
    ).exists()


@pytest.mark.parametrize(
    ("mote", "meddelande"),
    [
        ("for_sent", "Sammanträdet 2027-02-15 ligger efter ettårsgränsen 2027-02-01."),
        ("for_tidigt", "Sammanträdet 2026-01-20 ligger före väckt-datum 2026-02-01."),
    ],
)
def test_a_meeting_outside_the_year_is_refused_and_the_choice_kept(
    client, motion, moten, sekreterare, mote, meddelande
):
    client.force_login(sekreterare)
    client.post(url(motion), {"besvaras_senast_sammantrade": moten["juni"].pk})
    svar = client.post(url(motion), {"besvaras_senast_sammantrade": moten[mote].pk})
    assert svar.status_code == 400
    assert meddelande in svar.text
    assert "Formuläret innehåller fel" in svar.text
    assert f'<option value="{moten[mote].pk}" selected>' in svar.text  # what was chosen
    motion.refresh_from_db()
    assert motion.besvaras_senast_sammantrade == moten["juni"]  # nothing changed


def test_a_meeting_of_another_organ_is_not_offered_and_refused(client, motion, moten, sekreterare):
    client.force_login(sekreterare)
    sida = client.get(motion.get_absolute_url()).text
    assert f'<option value="{moten["juni"].pk}"' in sida
    assert f'<option value="{moten["styrelsen"].pk}"' not in sida
    svar = client.post(url(motion), {"besvaras_senast_sammantrade": moten["styrelsen"].pk})
    assert svar.status_code == 400
    assert "Sammanträdet finns inte. Välj ett i listan." in svar.text
    with pytest.raises(ValidationError, match="regionfullmäktiges sammanträden"):
        motionstjanst.satt_besvaras_senast_sammantrade(
            motion, sammantrade=moten["styrelsen"], anvandare=sekreterare
        )
    motion.refresh_from_db()
    assert motion.besvaras_senast_sammantrade is None


def test_a_closed_motion_keeps_its_deadline(client, motion, moten, sekreterare):
    motionsavslut.avsluta(motion, anvandare=sekreterare, utfall="avskriven", anteckning="x")
    client.force_login(sekreterare)
    assert "Spara sammanträdet" not in client.get(motion.get_absolute_url()).text
    svar = client.post(url(motion), {"besvaras_senast_sammantrade": moten["juni"].pk})
    assert svar.status_code == 400
    assert "är redan avslutad; fristen ändras inte längre." in svar.text
    motion.refresh_from_db()
    assert motion.besvaras_senast_sammantrade is None


def test_the_form_is_offered_to_those_who_may_register(client, motion, moten, politiker):
    for grupp in ["Registrator", "Handläggare", "Nämndsekreterare"]:
        client.force_login(factories.anvandare(grupp))
        assert "Spara sammanträdet" in client.get(motion.get_absolute_url()).text, grupp
    client.force_login(politiker)
    assert "Spara sammanträdet" not in client.get(motion.get_absolute_url()).text


def test_it_is_forbidden_to_politicians(client, motion, moten, politiker):
    client.force_login(politiker)
    svar = client.post(url(motion), {"besvaras_senast_sammantrade": moten["juni"].pk})
    assert svar.status_code == 403
    motion.refresh_from_db()
    assert motion.besvaras_senast_sammantrade is None


def test_it_answers_404_and_405(client, motion, moten, sekreterare):
    client.force_login(sekreterare)
    data = {"besvaras_senast_sammantrade": moten["juni"].pk}
    assert client.post("/motioner/RS-424242-2026/besvaras-senast/", data).status_code == 404
    annat = factories.arende()
    assert client.post(f"/motioner/{annat.slug}/besvaras-senast/", data).status_code == 404
    assert client.get(url(motion)).status_code == 405
    motion.refresh_from_db()
    assert motion.besvaras_senast_sammantrade is None


def test_it_needs_a_login(client, motion, moten):
    svar = client.post(url(motion), {"besvaras_senast_sammantrade": moten["juni"].pk})
    assert svar.status_code == 302
    assert "/login/" in svar["Location"]
