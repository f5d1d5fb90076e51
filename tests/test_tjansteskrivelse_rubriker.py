"""Headings inside a section's text sit below the section heading: page, preview and PDF."""

import io
import re

import pypdf
import pytest

from arenden.pdf import tjansteskrivelse as tspdf
from arenden.services import tjansteskrivelser as tjanst
from tests import factories
from tests.test_tjansteskrivelse_redigera import formular, url

pytestmark = pytest.mark.django_db

# What Word's "Rubrik 1" and "Rubrik 2" become when pasted, and what the toolbar writes.
TEXT = "# Från Word\n\nBrödtext.\n\n## Underrubrik\n\nMer text."


@pytest.fixture
def skrivelse(handlaggare, rs):
    return factories.tjansteskrivelse(
        factories.arende(),
        anvandare_=handlaggare,
        avsnitt=[("Bakgrund", TEXT), ("Sammanfattning", "Kort.")],
    )


def rubriker(html: str) -> list[tuple[str, str]]:
    return re.findall(r"<(h[1-6])[^>]*>([^<]*)</h[1-6]>", html)


def test_the_page_puts_a_bodys_headings_under_the_section_heading(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    sida = client.get(skrivelse.get_absolute_url())
    assert sida.status_code == 200
    ordning = rubriker(sida.text)
    assert [r for r in ordning if r[0] == "h1"] == [("h1", skrivelse.titel)]
    start = ordning.index(("h2", "Bakgrund"))
    assert ordning[start : start + 4] == [
        ("h2", "Bakgrund"),
        ("h3", "Från Word"),
        ("h4", "Underrubrik"),
        ("h2", "Sammanfattning"),
    ]


def test_the_preview_puts_them_one_level_below_its_own_section_heading(
    client, skrivelse, handlaggare
):
    client.force_login(handlaggare)
    svar = client.post(
        url(skrivelse, "forhandsgranska"),
        formular(skrivelse, avsnitt_rubrik=["Bakgrund"], avsnitt_text=[TEXT]),
        headers={"HX-Request": "true"},
    )
    assert svar.status_code == 200
    assert rubriker(svar.text)[:4] == [
        ("h2", skrivelse.titel),
        ("h3", "Bakgrund"),
        ("h4", "Från Word"),
        ("h5", "Underrubrik"),
    ]


def _storlekar(pdf: bytes) -> dict[str, float]:
    """The printed size of each line of text, in points."""
    storlek: dict[str, float] = {}

    def besok(text, cm, tm, typsnitt, fontstorlek):
        if text.strip():
            storlek.setdefault(text.strip(), round(fontstorlek * tm[3] * cm[3], 1))

    for sida in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        sida.extract_text(visitor_text=besok)
    return storlek


def test_the_pdf_never_prints_a_bodys_heading_larger_than_its_section_heading(skrivelse):
    storlek = _storlekar(tspdf.render_tjansteskrivelse(tjanst.innehall(skrivelse)))
    assert storlek[skrivelse.titel] > storlek["Bakgrund"]
    assert storlek["Bakgrund"] > storlek["Från Word"] >= storlek["Underrubrik"]
    assert storlek["Från Word"] >= storlek["Brödtext."]
