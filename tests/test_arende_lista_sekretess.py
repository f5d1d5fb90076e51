"""Finding a secret handling by what its mark covers, in /arenden/, for the one who may.

The search documents leave out what a mark covers, for everyone; a reader granted the
right to see secret material finds such a handling's case by its description or sender,
and the list says where the match was without showing it.
"""

import pytest

from arenden.models import Sekretessatkomst
from arenden.services import arenden as arendetjanst
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def hemlig():
    arende = factories.arende("Klagomål på vården")
    handling = factories.handling(
        arende, beskrivning="Journalkopia för Kalle Karlsson", avsandare_mottagare="Doktor Ekström"
    )
    factories.sekretessmarkera(handling)
    factories.arende("Budget för tandvården")
    return arende


@pytest.fixture
def behorig():
    return factories.anvandare("Registrator", se_sekretess=True)


@pytest.mark.parametrize("q", ["journalkopia", "Kalle Karlsson", "ekström", "JOURNALKOPIA kalle"])
def test_a_reader_who_may_see_secrets_finds_the_case(client, hemlig, behorig, q):
    client.force_login(behorig)
    sida = client.get("/arenden/", {"q": q}).text
    assert hemlig.diarienummer in sida
    assert "1 ärende" in sida
    assert "Träff i en sekretessmarkerad handling." in sida
    # The list shows where, not what: the covered words appear only as typed in the box.
    assert "Doktor Ekström" not in sida and "Journalkopia för" not in sida


def test_the_search_opens_nothing_and_logs_nothing(client, hemlig, behorig):
    client.force_login(behorig)
    client.get("/arenden/", {"q": "journalkopia"})
    assert not Sekretessatkomst.objects.exists()


@pytest.mark.parametrize("grupp", ["Registrator", "Handläggare", "Politiker"])
def test_others_do_not_find_it(client, hemlig, grupp):
    client.force_login(factories.anvandare(grupp))
    sida = client.get("/arenden/", {"q": "journalkopia"}).text
    assert hemlig.diarienummer not in sida
    assert "0 ärenden" in sida


def test_the_public_diary_does_not_find_it(client, hemlig, behorig):
    client.force_login(behorig)
    assert hemlig.diarienummer not in client.get("/diarium/", {"q": "journalkopia"}).text


def test_the_filters_still_apply(client, hemlig, behorig):
    arendetjanst.andra_status(hemlig, anvandare=behorig, status="vilande")
    client.force_login(behorig)
    assert "0 ärenden" in client.get("/arenden/", {"q": "journalkopia", "status": "pagaende"}).text
    sida = client.get("/arenden/", {"q": "journalkopia", "status": "vilande"}).text
    assert hemlig.diarienummer in sida


@pytest.mark.parametrize("ordning", ["", "nyast", "aldst", "titel"])
def test_it_is_found_in_every_order_beside_word_matches(client, hemlig, behorig, ordning):
    annat = factories.arende("Journalkopia som rutin")
    client.force_login(behorig)
    sida = client.get("/arenden/", {"q": "journalkopia", "ordning": ordning}).text
    assert hemlig.diarienummer in sida and annat.diarienummer in sida
    assert "2 ärenden" in sida


def test_a_lifted_mark_leaves_the_words_to_the_ordinary_search(client, hemlig, behorig):
    from arenden.services import sekretess

    sekretess.hav(hemlig.handlingar.get(), anvandare=behorig)
    client.force_login(factories.anvandare("Registrator"))
    sida = client.get("/arenden/", {"q": "journalkopia"}).text
    assert hemlig.diarienummer in sida
    assert "Träff i en sekretessmarkerad handling." not in sida
