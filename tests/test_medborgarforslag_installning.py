"""Whether the region accepts medborgarförslag is fullmäktige's choice: the setting
MEDBORGARFORSLAG. Off, none is registered and the form does not offer one."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import override_settings

from arenden.models import Arende, Motion
from arenden.services import motioner as motionstjanst
from tests import factories

pytestmark = pytest.mark.django_db
D = datetime.date
AV = override_settings(MEDBORGARFORSLAG=False)


@pytest.fixture(autouse=True)
def _klocka():
    with time_machine.travel("2026-05-04 10:00:00+02:00", tick=False):
        yield


def post(typ="medborgarforslag", **extra):
    return {
        "typ": typ,
        "titel": "Medborgarförslag om parkering",
        "vackt": "2026-05-01",
        "text": "Fler platser.",
        "motionarer-TOTAL_FORMS": "1",
        "motionarer-INITIAL_FORMS": "0",
        "motionarer-0-namn": "Kalle Karlsson",
        "motionarer-0-parti": "S" if typ == "motion" else "",
        "yrkanden-TOTAL_FORMS": "1",
        "yrkanden-INITIAL_FORMS": "0",
        "yrkanden-0-text": "att parkeringen byggs ut",
        **extra,
    }


def test_by_default_the_form_offers_medborgarforslag(client, registrator):
    factories.motionsorgan()
    client.force_login(registrator)
    sida = client.get("/motioner/ny/").text
    assert 'value="medborgarforslag"' in sida
    assert "Beslutet överlämnat till" in sida


@AV
def test_off_the_form_does_not_offer_it(client, registrator):
    factories.motionsorgan()
    client.force_login(registrator)
    sida = client.get("/motioner/ny/").text
    assert 'value="medborgarforslag"' not in sida
    assert "Medborgarförslag" not in sida.split("<form")[1].split("</form>")[0]
    assert "Beslutet överlämnat till" not in sida
    assert '<input type="hidden" name="typ" value="motion"' in sida


@AV
def test_off_a_posted_medborgarforslag_is_refused_and_nothing_saved(client, registrator):
    factories.motionsorgan()
    client.force_login(registrator)
    svar = client.post("/motioner/ny/", post())
    assert svar.status_code == 400
    assert "Regionen tar inte emot medborgarförslag." in svar.text
    assert 'value="Medborgarförslag om parkering"' in svar.text  # what was typed is kept
    assert not Motion.objects.exists() and not Arende.objects.exists()


@AV
def test_off_the_service_refuses_it_too(registrator):
    factories.motionsorgan()
    with pytest.raises(ValidationError, match="Regionen tar inte emot medborgarförslag"):
        motionstjanst.registrera_motion(
            anvandare=registrator,
            typ="medborgarforslag",
            titel="Medborgarförslag om x",
            vackt=D(2026, 5, 1),
            text="x",
            motionarer=[motionstjanst.NyPerson("Kalle Karlsson")],
            yrkanden=["x"],
        )
    assert not Motion.objects.exists()


@AV
def test_off_motions_are_registered_as_before(client, registrator):
    factories.motionsorgan()
    client.force_login(registrator)
    svar = client.post("/motioner/ny/", post("motion", titel="Motion om parkering"))
    assert svar.status_code == 302
    assert Motion.objects.get().typ == "motion"


@AV
def test_off_the_report_has_no_medborgarforslag_section(client, politiker):
    factories.motion(vackt=D(2026, 5, 1))
    client.force_login(politiker)
    sida = client.get("/motioner/redovisning/").text
    assert "Motioner (1)" in sida
    assert "Medborgarförslag (" not in sida and "Inga obesvarade medborgarförslag" not in sida


@AV
def test_off_those_registered_before_are_still_reported(client, politiker):
    with override_settings(MEDBORGARFORSLAG=True):
        factories.motion(
            "Medborgarförslag om x",
            typ="medborgarforslag",
            vackt=D(2026, 5, 1),
            motionarer=[motionstjanst.NyPerson("Kalle Karlsson")],
        )
    client.force_login(politiker)
    assert "Medborgarförslag (1)" in client.get("/motioner/redovisning/").text
