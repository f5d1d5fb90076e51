"""GET …/versioner/, …/versioner/<nr>/, …/versioner/<nr>/pdf/ and …/jamfor/."""

import pytest

from arenden.services import tjansteskrivelser as tjanst
from tests import factories
from tests.pdftext import pdf_till_text
from tests.test_tjansteskrivelse_redigera import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def skrivelse(handlaggare, rs):
    skrivelse = factories.tjansteskrivelse(
        factories.arende(),
        anvandare_=handlaggare,
        avsnitt=[("Bakgrund", "Styrgruppen har haft sex möten.\n\nRapporten bifogas.")],
    )
    data = tjanst.innehall(skrivelse)
    data["avsnitt"][0]["text"] = "Styrgruppen har haft åtta möten.\n\nRapporten bifogas."
    data["attsatser"] = ["Yttrandet antas.", "Rapporten läggs till handlingarna."]
    tjanst.spara(skrivelse, data, anvandare=handlaggare, bas_version=1)
    return skrivelse


def test_it_lists_every_version(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    sida = client.get(url(skrivelse, "versioner")).text
    assert "Version 1" in sida and "Version 2" in sida
    assert "Påbörjad" in sida and "Sparad" in sida
    assert 'name="fran" value="1" id="fran-1" checked' in sida
    assert 'name="till" value="2" id="till-2" checked' in sida


def test_it_shows_a_version_as_it_was_frozen(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    sida = client.get(url(skrivelse, "versioner/1")).text
    assert "sex möten" in sida and "åtta möten" not in sida
    assert "Rapporten läggs till handlingarna." not in sida


def test_it_prints_a_version_as_it_was_frozen(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    svar = client.get(url(skrivelse, "versioner/1/pdf"))
    assert svar["Content-Type"] == "application/pdf"
    assert "version%201.pdf" in svar["Content-Disposition"]
    text = pdf_till_text(svar.content)
    assert "sex möten" in text and "åtta" not in text


def test_it_compares_two_versions_side_by_side_with_changes_marked(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    sida = client.get(url(skrivelse, "jamfor") + "?fran=1&till=2").text
    assert "Jämför version 1 och 2" in sida
    assert '<del><span class="visuellt-dold">[borttaget: </span>sex' in sida
    assert '<ins><span class="visuellt-dold">[tillagt: </span>åtta' in sida
    assert "Ändrad" in sida and "Tillagd" in sida  # written labels, not colour alone
    assert "Att-sats 2: Rapporten läggs till handlingarna." in sida


def test_comparing_a_version_with_itself_says_so(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    assert "samma innehåll" in client.get(url(skrivelse, "jamfor") + "?fran=2&till=2").text


@pytest.mark.parametrize("fraga", ["", "?fran=1", "?fran=1&till=9", "?fran=x&till=2"])
def test_an_unknown_version_is_404(client, skrivelse, handlaggare, fraga):
    client.force_login(handlaggare)
    assert client.get(url(skrivelse, "jamfor") + fraga).status_code == 404


@pytest.mark.parametrize("vad", ["versioner", "versioner/1", "versioner/1/pdf", "jamfor"])
def test_drafts_are_hidden_from_those_who_may_not_see_them(client, skrivelse, vad):
    client.force_login(factories.anvandare("Politiker"))
    assert client.get(url(skrivelse, vad) + "?fran=1&till=2").status_code == 403


@pytest.mark.parametrize("vad", ["versioner", "versioner/1", "versioner/1/pdf", "jamfor"])
def test_reading_views_answer_405_to_post(client, skrivelse, handlaggare, vad):
    client.force_login(handlaggare)
    assert client.post(url(skrivelse, vad)).status_code == 405


def test_a_version_of_another_tjansteskrivelse_is_404(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    assert client.get(url(skrivelse, "versioner/7")).status_code == 404
