"""GET/POST /arenden/<slug>/tjansteskrivelser/ny/: start a tjänsteskrivelse from the case."""

import pytest

from arenden.models import Person, Tjansteskrivelse
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def arende(rs):
    return factories.arende("Remiss om nära vård")


def url(arende):
    return f"/arenden/{arende.slug}/tjansteskrivelser/ny/"


def test_the_case_page_offers_a_new_tjansteskrivelse_to_writers(client, arende, handlaggare):
    client.force_login(handlaggare)
    assert url(arende) in client.get(arende.get_absolute_url()).text
    client.force_login(factories.anvandare("Registrator"))
    assert url(arende) not in client.get(arende.get_absolute_url()).text


def test_it_shows_the_prefilled_header(client, arende, handlaggare):
    Person.objects.create(namn="Hanna Handläggare", avdelning="Regionstaben", anvandare=handlaggare)
    client.force_login(handlaggare)
    sida = client.get(url(arende)).text
    assert 'value="Remiss om nära vård"' in sida
    assert "Regionstaben" in sida and "Hanna Handläggare" in sida


def test_it_starts_a_draft_and_opens_the_editor(client, arende, handlaggare):
    client.force_login(handlaggare)
    svar = client.post(url(arende), {"titel": "Yttrande över remissen"})
    skrivelse = Tjansteskrivelse.objects.get(arende=arende)
    assert svar.status_code == 302
    assert svar["Location"] == f"/arenden/{arende.slug}/tjansteskrivelser/{skrivelse.pk}/redigera/"
    assert skrivelse.titel == "Yttrande över remissen"
    assert skrivelse.skapad_av == handlaggare


def test_it_needs_a_title(client, arende, handlaggare):
    client.force_login(handlaggare)
    svar = client.post(url(arende), {"titel": " "})
    assert svar.status_code == 400
    assert "Ange tjänsteskrivelsens titel." in svar.text
    assert not Tjansteskrivelse.objects.exists()


@pytest.mark.parametrize("grupp", ["Registrator", "Politiker"])
def test_it_forbids_those_who_do_not_write(client, arende, grupp):
    client.force_login(factories.anvandare(grupp))
    assert client.get(url(arende)).status_code == 403
    assert client.post(url(arende), {"titel": "X"}).status_code == 403
    assert not Tjansteskrivelse.objects.exists()


def test_it_answers_404_for_an_unknown_case(client, handlaggare, rs):
    client.force_login(handlaggare)
    assert (
        client.post("/arenden/RS-9999-2001/tjansteskrivelser/ny/", {"titel": "X"}).status_code
        == 404
    )


def test_it_answers_405_to_other_methods(client, arende, handlaggare):
    client.force_login(handlaggare)
    assert client.put(url(arende)).status_code == 405
