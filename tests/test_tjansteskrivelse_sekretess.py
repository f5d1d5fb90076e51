"""Opening a secret-marked tjänsteskrivelse: every opening is logged, on every view."""

import pytest

from arenden.models import Sekretessatkomst
from arenden.services import granskning
from tests import factories
from tests.test_tjansteskrivelse_redigera import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def klar(handlaggare, rs):
    """A finished memo, v1 påbörjad, v2 granskning, v3 klar, registered as a handling."""
    skrivelse = factories.tjansteskrivelse(factories.arende(), anvandare_=handlaggare)
    granskare = factories.anvandare("Nämndsekreterare")
    granskning.skicka_till_granskning(skrivelse, anvandare=handlaggare, granskare=granskare)
    granskning.godkann(skrivelse, anvandare=granskare)
    return skrivelse


@pytest.fixture
def hemlig(klar):
    factories.sekretessmarkera(klar.handlingar.get(), bestammelse="OSL 21 kap 1 §")
    return klar


@pytest.fixture
def behorig(db):
    return factories.anvandare("Handläggare", se_sekretess=True)


OPPNINGAR = [
    ("", "visade tjänsteskrivelsen"),
    ("pdf/", "öppnade tjänsteskrivelsen som PDF"),
    ("versioner/1/", "visade version 1 av tjänsteskrivelsen"),
    ("versioner/3/pdf/", "öppnade version 3 av tjänsteskrivelsen som PDF"),
    ("jamfor/?fran=1&till=3", "jämförde version 1 och 3 av tjänsteskrivelsen"),
]


@pytest.mark.parametrize(("vad", "logg"), OPPNINGAR)
def test_every_opening_of_a_secret_one_is_logged(client, hemlig, behorig, vad, logg):
    client.force_login(behorig)
    assert client.get(hemlig.get_absolute_url() + vad).status_code == 200
    atkomst = Sekretessatkomst.objects.get()
    assert atkomst.anvandare == behorig
    assert atkomst.handling == hemlig.handlingar.get()
    assert atkomst.vad == logg
    assert atkomst.grund == Sekretessatkomst.Grund.BEHORIGHET


def test_opening_it_in_the_editor_is_logged(client, hemlig, behorig):
    granskning.ateroppna(hemlig, anvandare=behorig)
    client.force_login(behorig)
    assert client.get(url(hemlig)).status_code == 200
    assert Sekretessatkomst.objects.get().vad == "öppnade tjänsteskrivelsen för redigering"


ADRESSER = [vad for vad, _ in OPPNINGAR]


@pytest.mark.parametrize("vad", ADRESSER)
def test_a_refused_opening_logs_nothing(client, hemlig, vad):
    client.force_login(factories.anvandare("Handläggare"))
    assert client.get(hemlig.get_absolute_url() + vad).status_code == 403
    assert not Sekretessatkomst.objects.exists()


@pytest.mark.parametrize("vad", ADRESSER)
def test_an_open_one_is_not_logged(client, klar, behorig, vad):
    client.force_login(behorig)
    assert client.get(klar.get_absolute_url() + vad).status_code == 200
    assert not Sekretessatkomst.objects.exists()


def test_the_list_of_versions_opens_no_content_and_is_not_logged(client, hemlig, behorig):
    client.force_login(behorig)
    assert client.get(hemlig.get_absolute_url() + "versioner/").status_code == 200
    assert not Sekretessatkomst.objects.exists()
