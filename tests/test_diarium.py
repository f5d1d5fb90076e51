"""The public e-diarium at /diarium/: no login, public titles, no secrets, no private names."""

import pytest

from arenden.services import arenden as arendetjanst
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_lists_cases_without_login(client):
    arende = factories.arende("Intern titel", publik_titel="Publik titel om primärvård")
    sida = client.get("/diarium/")
    assert sida.status_code == 200
    assert arende.diarienummer in sida.text
    assert "Publik titel om primärvård" in sida.text
    assert "Intern titel" not in sida.text


@pytest.mark.parametrize("q", ["RS/{nr}/{ar}", "RS {nr}/{ar}", "{nr}/{ar}", "RS{nr}/{ar}"])
def test_it_finds_a_case_by_diarienummer_in_every_form(client, q):
    arende = factories.arende("Sökbart ärende")
    factories.arende("Ett annat ärende")
    sida = client.get("/diarium/", {"q": q.format(nr=arende.lopnummer, ar=arende.ar)})
    assert "Sökbart ärende" in sida.text
    assert "Ett annat ärende" not in sida.text


def test_it_finds_a_case_by_words_of_its_public_title(client):
    factories.arende("Plan för nära vård")
    factories.arende("Budget för tandvården")
    sida = client.get("/diarium/", {"q": "nära vård"})
    assert "Plan för nära vård" in sida.text
    assert "Budget för tandvården" not in sida.text


def test_it_does_not_find_words_only_in_the_internal_title(client):
    factories.arende("Hemlig intern rubrik", publik_titel="Offentlig rubrik")
    assert "Offentlig rubrik" not in client.get("/diarium/", {"q": "Hemlig"}).text


@pytest.mark.parametrize(
    "q", ["'", '"', "%", "_", "\\", "' OR 1=1 --", "x" * 10_000, "RS/%/2017", "; DROP TABLE x"]
)
def test_odd_search_input_answers_normally(client, q):
    factories.arende("Vanligt ärende")
    svar = client.get("/diarium/", {"q": q})
    assert svar.status_code == 200
    assert "Inga ärenden hittades." in svar.text
    assert "Vanligt ärende" not in svar.text


def test_a_search_over_the_limit_says_so_and_lists_nothing(client):
    factories.arende("Vanligt ärende")
    svar = client.get("/diarium/", {"q": "vård " * 2_001})
    assert svar.status_code == 200
    assert "Sökningen är för lång" in svar.text
    assert "Vanligt ärende" not in svar.text
    assert 'value="vård vård' in svar.text


def test_a_secret_handling_shows_only_date_and_number(client):
    arende = factories.arende()
    handling = factories.handling(
        arende, beskrivning="Läkarintyg för patient", avsandare_mottagare="Doktor Ek"
    )
    handling.sekretess_bestammelse = "OSL 25 kap 1 §"
    handling.save()
    sida = client.get(arende.get_public_url()).text
    assert handling.beteckning in sida
    assert "Läkarintyg för patient" not in sida
    assert "Doktor Ek" not in sida
    assert "Sekretessmarkerad handling" in sida


def test_a_private_persons_name_is_not_shown(client):
    arende = factories.arende()
    factories.handling(arende, avsandare_mottagare="Kalle Karlsson", avsandare_privatperson=True)
    sida = client.get(arende.get_public_url()).text
    assert "Kalle Karlsson" not in sida
    assert "Privatperson" in sida


def test_a_personnummer_is_masked(client):
    arende = factories.arende("Ärende om 19121212-1212", publik_titel="Ansökan från 121212-1212")
    factories.handling(arende, beskrivning="Intyg 19121212-1212")
    sida = client.get(arende.get_public_url()).text
    assert "1212-1212" not in sida and "121212-1212" not in sida
    assert "ÅÅMMDD-XXXX" in sida


def test_a_personnummer_is_not_searchable_in_the_public_diary(client):
    factories.arende("X", publik_titel="Ansökan från 121212-1212")
    assert "Ansökan" not in client.get("/diarium/", {"q": "121212-1212"}).text


def test_an_unknown_case_answers_404(client):
    assert client.get("/diarium/RS-424242-2020/").status_code == 404


def test_a_new_public_title_reaches_the_diary(client, registrator):
    arende = factories.arende("Gammal titel")
    arendetjanst.andra_arende(arende, anvandare=registrator, publik_titel="Ny publik titel")
    assert "Ny publik titel" in client.get("/diarium/", {"q": "publik"}).text


def test_it_answers_htmx_with_the_shared_result_fragment(client):
    factories.arende("X", publik_titel="Plan för nära vård")
    svar = client.get("/diarium/", {"q": "nära"}, headers={"HX-Request": "true"})
    assert "<html" not in svar.text
    assert '<div id="resultat">' in svar.text
    assert "Plan för nära vård" in svar.text
    assert "HX-Request" in svar["Vary"]


def test_it_filters_and_names_no_officials(client, handlaggare):
    factories.arende("A", publik_titel="Motion om kollektivtrafik", typ="motion")
    factories.arende("B", publik_titel="Remiss om kollektivtrafik", typ="remiss")
    sida = client.get("/diarium/", {"q": "kollektivtrafik", "typ": "motion"}).text
    assert "Motion om kollektivtrafik" in sida
    assert "Remiss om kollektivtrafik" not in sida
    assert 'name="handlaggare"' not in sida
    assert handlaggare.username not in sida


def test_a_voided_handling_stays_as_voided_without_its_description(client, registrator):
    arende = factories.arende()
    handling = factories.handling(arende, beskrivning="Fel skrivelse")
    arendetjanst.makulera_handling(handling, anvandare=registrator, orsak="Fel ärende")
    sida = client.get(arende.get_public_url()).text
    assert handling.beteckning in sida
    assert "Makulerad" in sida
    assert "Fel skrivelse" not in sida


def test_a_private_persons_handling_keeps_its_description_off_the_diary(client):
    arende = factories.arende("Klagomål", publik_titel="Klagomål på vården")
    factories.handling(
        arende,
        beskrivning="Klagomål från Kalle Karlsson om väntetider",
        avsandare_mottagare="Kalle Karlsson",
        avsandare_privatperson=True,
    )
    factories.handling(arende, beskrivning="Yttrande från IVO", avsandare_mottagare="IVO")
    sida = client.get(arende.get_public_url()).text
    assert "Kalle" not in sida
    assert "Beskrivning visas inte (privatperson)" in sida
    assert "Yttrande från IVO" in sida  # others' descriptions stay
    assert "Klagomål på vården" not in client.get("/diarium/", {"q": "Karlsson"}).text
    assert "Klagomål på vården" not in client.get("/diarium/", {"q": "väntetider"}).text
    sok = client.get("/diarium/", {"q": "Klagomål"}).text
    assert "Klagomål på vården" in sok and "Kalle" not in sok


def test_inside_the_register_the_description_is_shown(client, registrator):
    arende = factories.arende("Klagomål")
    factories.handling(arende, beskrivning="Klagomål om väntetider", avsandare_privatperson=True)
    client.force_login(registrator)
    assert "Klagomål om väntetider" in client.get(arende.get_absolute_url()).text
    assert "Klagomål" in client.get("/arenden/", {"q": "väntetider"}).text
