"""The secretariat's start-page panel: overdue motions and those due within 60 days."""

import datetime

import pytest
import time_machine

from arenden.services import motionsavslut
from tests import factories

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def _klocka():
    with time_machine.travel("2026-06-01 10:00:00+02:00", tick=False):
        yield


@pytest.fixture
def motioner(db):
    return [
        factories.motion("Motion om försenad sak", vackt=D(2025, 5, 2)),
        factories.motion("Motion om snar sak", vackt=D(2025, 7, 31)),
        factories.motion("Motion om sak inom 61 dagar", vackt=D(2025, 8, 1)),
        motionsavslut.avsluta(
            factories.motion("Motion om avgjord sak", vackt=D(2025, 5, 1)),
            anvandare=None,
            utfall="avskriven",
        ),
    ]


def test_the_secretary_sees_overdue_and_due_soon(client, sekreterare, motioner):
    client.force_login(sekreterare)
    sida = client.get("/").text
    assert "Motioner med frist" in sida
    forsenade, snart = sida.split("Försenade (")[1].split("Frist inom 60 dagar (")
    assert "Motion om försenad sak" in forsenade and "Försenad, frist 2026-05-02" in forsenade
    assert "Motion om snar sak" in snart and "Frist 2026-07-31" in snart
    assert "Motion om sak inom 61 dagar" not in sida
    assert "Motion om avgjord sak" not in sida
    assert forsenade.startswith("1)") and snart.startswith("1)")


def test_an_empty_panel_says_so(client, sekreterare):
    client.force_login(sekreterare)
    sida = client.get("/").text
    assert "Inga försenade motioner." in sida
    assert "Inga motioner med frist inom 60 dagar." in sida


@pytest.mark.parametrize("grupp", ["Registrator", "Handläggare", "Politiker"])
def test_others_do_not_get_the_panel(client, motioner, grupp):
    client.force_login(factories.anvandare(grupp))
    assert "Motioner med frist" not in client.get("/").text


def test_the_counts_are_of_all_even_when_the_panel_shows_the_first(
    client, sekreterare, motioner, monkeypatch
):
    from arenden.services import motionsredovisning

    factories.motion("Motion om ännu en försenad sak", vackt=D(2025, 5, 20))
    monkeypatch.setattr(motionsredovisning, "PANEL_RADER", 1)
    client.force_login(sekreterare)
    sida = client.get("/").text
    assert "Försenade (2)" in sida
    assert "Motion om försenad sak" in sida and "Motion om ännu en försenad sak" not in sida
    assert 'href="/motioner/?frist=forsenade">Visa alla 2 försenade</a>' in sida
    assert "Frist inom 60 dagar (1)" in sida
    assert "?frist=snart" not in sida  # all of them are shown already
