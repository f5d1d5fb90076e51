"""The case history's before and after as a person reads them, not as stored data.

Sections as "Rubrik: text" lines, lists as lines, choice codes as their labels, users
by name; the masking of what a reader may not see stays as it was.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arenden.services import arenden as arendetjanst
from arenden.services import granskning, historik
from arenden.services import tjansteskrivelser as tjanst
from tests import factories

pytestmark = pytest.mark.django_db


def _historik(sida: str) -> str:
    return sida[sida.index('id="historik"') :]


def _utan_taggar(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def lasare():
    return factories.anvandare("Handläggare", "Registrator", se_sekretess=True)


@pytest.fixture
def arende():
    return factories.arende("Yttrande över remiss om nära vård")


def _spara(skrivelse, anvandare, **andrat):
    data = {**tjanst.innehall(skrivelse), **andrat}
    return tjanst.spara(skrivelse, data, anvandare=anvandare, bas_version=skrivelse.version)


def test_sections_and_lists_read_as_lines(client, arende, lasare):
    skrivelse = factories.tjansteskrivelse(
        arende, anvandare_=lasare, avsnitt=[("Ärendebeskrivning", "")]
    )
    skrivelse.refresh_from_db()
    _spara(
        skrivelse,
        lasare,
        avsnitt=[{"rubrik": "Ärendebeskrivning", "text": "Remissen gäller\n\n**nära vård**."}],
        utdrag_till=["Vårdförbundet", "SVOM"],
    )
    client.force_login(lasare)
    html = _historik(client.get(arende.get_absolute_url()).text)
    assert "{'rubrik'" not in html and "['" not in html and "\\n" not in html
    assert "<li>Ärendebeskrivning: (ingen text)</li>" in html
    assert "<li>Ärendebeskrivning: Remissen gäller nära vård.</li>" in html
    assert "<li>Vårdförbundet</li><li>SVOM</li>" in html


def test_a_long_section_is_shortened(client, arende, lasare):
    skrivelse = factories.tjansteskrivelse(arende, anvandare_=lasare)
    skrivelse.refresh_from_db()
    _spara(skrivelse, lasare, avsnitt=[{"rubrik": "Bakgrund", "text": "ord " * 200}])
    client.force_login(lasare)
    text = _utan_taggar(_historik(client.get(arende.get_absolute_url()).text))
    rad = re.search(r"Bakgrund: [^…]*…", text).group(0)
    assert len(rad) <= len("Bakgrund: ") + 120


def test_statuses_read_as_labels_and_users_by_name(client, arende, lasare):
    granskare = factories.anvandare(
        "Handläggare", username="a.granskare", first_name="Greta", last_name="Granskare"
    )
    skrivelse = factories.tjansteskrivelse(arende, anvandare_=lasare)
    granskning.skicka_till_granskning(skrivelse, anvandare=lasare, granskare=granskare)
    client.force_login(lasare)
    html = _historik(client.get(arende.get_absolute_url()).text)
    assert "<td>status</td><td>Utkast</td><td>Granskning</td>" in html
    assert "<td>Greta Granskare</td>" in html
    assert "a.granskare" not in html
    assert "<td>granskning</td>" not in html


def test_a_case_change_names_the_handlaggare_and_the_status(client, arende, lasare):
    handlaggare = factories.anvandare(
        "Handläggare", username="hanna.h", first_name="Hanna", last_name="Handläggare"
    )
    arendetjanst.byt_handlaggare(arende, anvandare=lasare, handlaggare=handlaggare)
    arendetjanst.andra_status(arende, anvandare=lasare, status="vilande")
    client.force_login(lasare)
    html = _historik(client.get(arende.get_absolute_url()).text)
    assert "<td>handläggare</td><td>–</td><td>Hanna Handläggare</td>" in html
    assert "<td>status</td><td>Pågående</td><td>Vilande</td>" in html
    assert "hanna.h" not in html


def test_a_user_no_longer_known_is_shown_by_the_stored_name(client, arende, lasare):
    historik.logga(
        anvandare=lasare,
        objekt=arende,
        arende=arende,
        handelse="Handläggaren byttes",
        fore={"handlaggare": "borttagen.person"},
        efter={"handlaggare": None},
    )
    client.force_login(lasare)
    html = _historik(client.get(arende.get_absolute_url()).text)
    assert "<td>handläggare</td><td>borttagen.person</td><td>–</td>" in html


def _fragor(client, url) -> int:
    with CaptureQueriesContext(connection) as fragor:
        client.get(url)
    return len(fragor.captured_queries)


def test_the_names_are_looked_up_once_for_the_page(client, arende, lasare):
    def byt(antal):
        for _ in range(antal):
            user = factories.anvandare("Handläggare")
            arendetjanst.byt_handlaggare(arende, anvandare=lasare, handlaggare=user)

    byt(2)
    client.force_login(lasare)
    client.get(arende.get_absolute_url())
    fore = _fragor(client, arende.get_absolute_url())
    byt(6)
    assert _fragor(client, arende.get_absolute_url()) == fore


def test_personnummer_in_a_documents_history_are_masked_as_on_its_page(client, arende, lasare):
    skrivelse = factories.tjansteskrivelse(arende, anvandare_=lasare)
    skrivelse.refresh_from_db()
    _spara(skrivelse, lasare, avsnitt=[{"rubrik": "Bakgrund", "text": "Gäller 19790101-1234."}])
    client.force_login(factories.anvandare("Handläggare"))
    html = _historik(client.get(arende.get_absolute_url()).text)
    assert "19790101-1234" not in html
    assert "Bakgrund: Gäller ÅÅMMDD-XXXX." in html
    client.force_login(lasare)
    assert "19790101-1234" in _historik(client.get(arende.get_absolute_url()).text)


def test_a_secret_handlings_values_stay_hidden(client, arende, registrator):
    handling = factories.handling(arende, beskrivning="Journal för patient")
    factories.sekretessmarkera(handling, anvandare_=registrator)
    client.force_login(registrator)
    html = _historik(client.get(arende.get_absolute_url()).text)
    assert "Uppgifterna omfattas av en sekretessmarkering och visas inte." in html
    assert "OSL 25 kap 1 §" not in html
