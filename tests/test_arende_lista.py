"""The case list at /arenden/: search as you type, filters, sorting, pages, fragments."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arenden.models import Arende, Tjansteskrivelse
from arenden.services import arenden as arendetjanst
from arenden.services import sok
from tests import factories

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


@pytest.fixture
def inloggad(client, handlaggare):
    client.force_login(handlaggare)
    return client


def test_it_requires_login(client):
    svar = client.get("/arenden/")
    assert svar.status_code == 302
    assert svar["Location"].startswith("/login/")


def test_it_finds_words_in_titles_handlingar_and_tjansteskrivelser(inloggad):
    a = factories.arende("Plan för nära vård")
    b = factories.arende("Budget för tandvården")
    factories.handling(b, beskrivning="Remissvar om ambulansflyg")
    c = factories.arende("Motion om kultur")
    skrivelse = Tjansteskrivelse.objects.create(arende=c, titel="Svar", status="klar")
    skrivelse.avsnitt.create(ordning=1, rubrik="Bakgrund", text="Om **folkbibliotek** i länet.")
    sok.uppdatera(c)
    assert a.diarienummer in inloggad.get("/arenden/", {"q": "nära"}).text
    sida = inloggad.get("/arenden/", {"q": "ambulansflyg"}).text
    assert b.diarienummer in sida and a.diarienummer not in sida
    assert c.diarienummer in inloggad.get("/arenden/", {"q": "folkbibliotek"}).text


@pytest.mark.parametrize(
    "q", ["RS/{nr}/{ar}", "RS {nr}/{ar}", "{nr}/{ar}", "rs-{nr}-{ar}", "Dnr RS {nr}/{ar}"]
)
def test_it_finds_a_case_by_diarienummer_in_every_form(inloggad, q):
    factories.arende("Ett annat ärende")
    arende = factories.arende("Sökbart ärende")
    sida = inloggad.get("/arenden/", {"q": q.format(nr=arende.lopnummer, ar=arende.ar)}).text
    assert "Sökbart ärende" in sida
    assert "Ett annat ärende" not in sida
    assert "1 ärende" in sida


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ordformer kräver PostgreSQL")
def test_it_finds_swedish_word_forms_and_ranks_heading_matches_first(inloggad):
    brodtext = factories.arende("Ekonomisk uppföljning")
    factories.handling(brodtext, beskrivning="Bilaga om primärvårdens kostnader")
    rubrik = factories.arende("Översyn av primärvården")
    sida = inloggad.get("/arenden/", {"q": "primärvård"}).text
    assert sida.index(rubrik.diarienummer) < sida.index(brodtext.diarienummer)
    assert "<mark>primärvårdens</mark>" in sida  # the snippet says where the word was


def test_it_ignores_case_in_swedish_letters(inloggad):
    factories.arende("Översyn av ÄLDREVÅRDEN")
    assert "Översyn av" in inloggad.get("/arenden/", {"q": "översyn äldrevården"}).text


def test_it_matches_the_last_word_as_a_prefix_while_typing(inloggad):
    factories.arende("Riktlinjer för läkemedelsförsörjning")
    assert "Riktlinjer" in inloggad.get("/arenden/", {"q": "läkemedels"}).text


@pytest.mark.parametrize(
    "q",
    ["'", '"', "%", "_", "\\", "' OR 1=1 --", "x" * 10_000, "RS/%/2017", "; DROP TABLE x",
     "primär:* & !vård", "a | b", "((", "’”", "🙂"],
)  # fmt: skip
def test_odd_search_input_answers_normally(inloggad, q):
    factories.arende("Vanligt ärende")
    svar = inloggad.get("/arenden/", {"q": q})
    assert svar.status_code == 200
    # Searched as text, matching nothing: not the whole list, and no error.
    assert "Inga ärenden hittades." in svar.text
    assert "Vanligt ärende" not in svar.text
    assert "0 ärenden" in svar.text
    assert Arende.objects.count() == 1


def test_it_keeps_what_was_typed_in_the_box(inloggad):
    svar = inloggad.get("/arenden/", {"q": '\' OR "1"=1 <b>'})
    assert 'value="&#x27; OR &quot;1&quot;=1 &lt;b&gt;"' in svar.text


@pytest.mark.parametrize(
    ("q", "besked"),
    [
        ("x" * 10_001, "Sökningen är för lång: högst 10000 tecken, du skrev 10001."),
        ("vård\x00", "Sökningen innehåller ett tecken som inte går att söka på"),
    ],
)
def test_a_search_that_cannot_be_searched_says_why_and_lists_nothing(inloggad, q, besked):
    factories.arende("Vanligt ärende")
    for svar in [
        inloggad.get("/arenden/", {"q": q}),
        inloggad.get("/arenden/", {"q": q}, headers=HX),
    ]:
        assert svar.status_code == 200
        assert besked in svar.text
        assert "Vanligt ärende" not in svar.text  # not the whole list as if it matched
        assert "Ingen sökning gjordes." in svar.text
    assert q[:50] in inloggad.get("/arenden/", {"q": q}).text  # kept in the box


def test_a_percent_sign_is_not_a_wildcard(inloggad):
    factories.arende("Vanligt ärende")
    assert "0 ärenden" in inloggad.get("/arenden/", {"q": "%"}).text


def test_it_answers_htmx_with_only_the_result_fragment(inloggad):
    factories.arende("Plan för nära vård")
    svar = inloggad.get("/arenden/", {"q": "nära"}, headers=HX)
    assert svar.status_code == 200
    assert "<html" not in svar.text
    assert '<div id="resultat">' in svar.text
    assert 'id="antal"' in svar.text and 'hx-swap-oob="innerHTML"' in svar.text
    assert "HX-Request" in svar["Vary"]


def test_a_history_restore_gets_the_whole_page(inloggad):
    svar = inloggad.get(
        "/arenden/", {"q": "nära"}, headers={**HX, "HX-History-Restore-Request": "true"}
    )
    assert "<html" in svar.text


def test_the_search_box_updates_as_you_type_and_keeps_the_url(inloggad):
    sida = inloggad.get("/arenden/", {"q": "vård", "status": "pagaende"}).text
    assert 'hx-trigger="input changed delay:300ms, search"' in sida
    assert 'hx-push-url="true"' in sida
    assert 'value="vård"' in sida
    assert '<option value="pagaende" selected>' in sida


def test_it_filters_by_status_year_type_handlaggare_organ_and_diarium(inloggad, handlaggare):
    factories.organ("RF", "Regionfullmäktige")
    ratt = factories.arende("Rätt ärende", typ="motion", handlaggare=handlaggare)
    arendetjanst.andra_arende(ratt, anvandare=None, organ=factories.organ("RF"))
    factories.arende("Fel typ", handlaggare=handlaggare)
    factories.arende("Fel handläggare", typ="motion")
    vilande = factories.arende("Sovande ärende", typ="motion", handlaggare=handlaggare)
    arendetjanst.andra_status(vilande, anvandare=None, status="vilande")
    sida = inloggad.get(
        "/arenden/",
        {
            "typ": "motion",
            "handlaggare": handlaggare.username,
            "status": "pagaende",
            "ar": ratt.ar,
            "organ": "RF",
            "diarium": "RS",
        },
    ).text
    assert "Rätt ärende" in sida
    for annat in ["Fel typ", "Fel handläggare", "Sovande ärende"]:
        assert annat not in sida


def test_an_unknown_filter_value_is_ignored(inloggad):
    factories.arende("Ett ärende")
    sida = inloggad.get("/arenden/", {"ar": "tjugo", "status": "x", "handlaggare": "ingen"})
    assert sida.status_code == 200
    assert "Ett ärende" in sida.text


def test_it_sorts_oldest_first_and_by_title(inloggad):
    for titel in ["Beta", "Alfa", "Östlig", "Ärende"]:
        factories.arende(titel)
    sida = inloggad.get("/arenden/", {"ordning": "aldst"}).text
    assert sida.index("Beta") < sida.index("Alfa") < sida.index("Östlig")
    sida = inloggad.get("/arenden/", {"ordning": "titel"}).text
    assert sida.index("Alfa") < sida.index("Beta")


def test_it_pages_with_the_query_kept(inloggad, settings):
    for i in range(30):
        factories.arende(f"Ärende nummer {i}")
    sida = inloggad.get("/arenden/", {"q": "nummer", "status": "pagaende"}).text
    assert "30 ärenden" in sida and "visar 1–25" in sida
    # The link a user follows keeps the query: exactly one "?" before it.
    assert 'href="?q=nummer&amp;status=pagaende&amp;sida=2"' in sida
    sida2 = inloggad.get("/arenden/", {"q": "nummer", "status": "pagaende", "sida": 2}).text
    assert "visar 26–30" in sida2


def test_the_number_of_queries_does_not_grow_with_the_rows(inloggad):
    def fragor(q):
        with CaptureQueriesContext(connection) as fangat:
            assert inloggad.get("/arenden/", {"q": q}).status_code == 200
        return len(fangat)

    factories.handling(factories.arende("Enda sällsynta"), beskrivning="Remiss om vård")
    en = fragor("vård"), fragor("")
    for i in range(20):
        factories.handling(factories.arende(f"Ärende {i}"), beskrivning="Remiss om vård")
    assert (fragor("vård"), fragor("")) == en


def test_drafts_are_found_by_those_who_may_see_them_only(client, handlaggare, politiker):
    arende = factories.arende("Ärende med utkast")
    skrivelse = Tjansteskrivelse.objects.create(arende=arende, titel="Utkast", status="utkast")
    skrivelse.avsnitt.create(ordning=1, rubrik="Bakgrund", text="Hemlig strategi för ortopedin")
    sok.uppdatera(arende)
    client.force_login(handlaggare)
    assert "Ärende med utkast" in client.get("/arenden/", {"q": "ortopedin"}).text
    client.force_login(politiker)
    sida = client.get("/arenden/", {"q": "ortopedin"}).text
    assert "Ärende med utkast" not in sida
    assert "Hemlig strategi" not in sida
