"""POST …/forhandsgranska/ and …/klistra-in/: the live preview and paste from Word/e-mail."""

import pytest

from arenden.markup import MAX_BODY_CHARS
from tests import factories
from tests.test_tjansteskrivelse_redigera import formular, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def skrivelse(handlaggare, rs):
    return factories.tjansteskrivelse(factories.arende(), anvandare_=handlaggare)


def test_the_preview_renders_markdown_through_the_one_markup_function(
    client, skrivelse, handlaggare
):
    client.force_login(handlaggare)
    svar = client.post(
        url(skrivelse, "forhandsgranska"),
        formular(
            skrivelse,
            avsnitt_rubrik=["Bakgrund"],
            avsnitt_text=[
                "Beslut § 130 (RS/554/2019) och **fet** enligt Lag (1993:1652) och "
                "SOU 2020:19.\n\n- ett\n  - ett a\n\n"
                "| Belopp | 2018 |\n| --- | --- |\n| **SUMMA** | **12,6** |"
            ],
            attsats=["Det här antas.", "Och det här."],
        ),
        headers={"HX-Request": "true"},
    )
    assert svar.status_code == 200
    html = svar.text
    assert "<html" not in html
    assert '<a href="/arenden/RS-554-2019/" class="ref ref-paragraf"' in html
    assert 'href="https://rkrattsbaser.gov.se/sfst?bet=1993:1652"' in html
    assert 'href="https://www.riksdagen.se/sv/sok/?q=SOU%202020%3A19"' in html
    assert "<strong>fet</strong>" in html
    assert "<ul>\n<li>ett a</li>" in html
    assert "<td><strong>SUMMA</strong></td>" in html
    assert '<ol class="attsatser">' in html


def test_the_preview_says_when_a_body_is_too_long(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    svar = client.post(
        url(skrivelse, "forhandsgranska"),
        formular(skrivelse, avsnitt_rubrik=["A"], avsnitt_text=["x" * (MAX_BODY_CHARS + 1)]),
    )
    assert svar.status_code == 200
    assert "Texten är för lång" in svar.text


WORD = (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{}</style>'
    "</head><body><h2>Bakgrund</h2><p class=MsoNormal><b>Viktigt:</b> primärvården.</p>"
    "<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]>"
    "<span>·<span>&nbsp;</span></span><![endif]>Första<o:p></o:p></p>"
    "<p class=MsoListParagraph style='mso-list:l0 level2 lfo1'><![if !supportLists]>"
    "<span>o<span>&nbsp;</span></span><![endif]>Underpunkt<o:p></o:p></p>"
    "<table><tr><td>Belopp</td><td>2018</td></tr><tr><td><b>SUMMA</b></td><td>12,6</td></tr>"
    "</table></body></html>"
)


def test_pasted_word_html_becomes_markdown(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    svar = client.post(url(skrivelse, "klistra-in"), {"html": WORD})
    assert svar.status_code == 200
    markdown = svar.json()["markdown"]
    assert "## Bakgrund" in markdown
    assert "**Viktigt:** primärvården." in markdown
    assert "- Första\n  - Underpunkt" in markdown
    assert "| **SUMMA** | 12,6 |" in markdown


def test_pasting_too_much_is_refused_with_a_message(client, skrivelse, handlaggare, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000_000
    client.force_login(handlaggare)
    svar = client.post(url(skrivelse, "klistra-in"), {"html": "<p>x</p>" * 200_000})
    assert svar.status_code == 400
    assert "för lång" in svar.json()["fel"]


@pytest.mark.parametrize("vad", ["forhandsgranska", "klistra-in"])
def test_it_forbids_those_who_do_not_write(client, skrivelse, vad):
    client.force_login(factories.anvandare("Politiker"))
    assert client.post(url(skrivelse, vad), formular(skrivelse)).status_code == 403


@pytest.mark.parametrize("vad", ["forhandsgranska", "klistra-in"])
def test_it_answers_404_for_an_unknown_tjansteskrivelse(client, skrivelse, handlaggare, vad):
    client.force_login(handlaggare)
    adress = f"/arenden/{skrivelse.arende.slug}/tjansteskrivelser/999999/{vad}/"
    assert client.post(adress, formular(skrivelse)).status_code == 404


@pytest.mark.parametrize("vad", ["forhandsgranska", "klistra-in"])
def test_it_answers_405_to_get(client, skrivelse, handlaggare, vad):
    client.force_login(handlaggare)
    assert client.get(url(skrivelse, vad)).status_code == 405
