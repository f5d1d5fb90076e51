"""Hostile Markdown and pasted HTML are harmless on the page, in the preview and in the PDF."""

import io
import socket
from html.parser import HTMLParser

import pypdf
import pytest

from arenden.markup import render_markdown
from arenden.pdf import render as pdfrender
from arenden.pdf import tjansteskrivelse as tspdf
from arenden.services import tjansteskrivelser as tjanst
from tests import factories
from tests.test_markup import XSS_PAYLOADS, assert_safe
from tests.test_tjansteskrivelse_redigera import formular, url

pytestmark = pytest.mark.django_db

# What the document template adds around the sanitised bodies.
RAM_TAGGAR = {"article", "dl", "div", "dt", "dd", "h1", "h2", "h3", "section", "ol", "li", "p"}


class Dokumentet(HTMLParser):
    """The elements inside <article class="tjansteskrivelse">, as the browser sees them."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.djup = 0
        self.element = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article" and "tjansteskrivelse" in (attrs.get("class") or ""):
            self.djup = 1
            return
        if self.djup:
            self.element.append((tag, attrs))
            if tag not in ("br", "hr"):
                self.djup += 1

    def handle_endtag(self, tag):
        if self.djup and tag not in ("br", "hr"):
            self.djup -= 1


def assert_ofarligt(html: str) -> None:
    dokument = Dokumentet(html)
    assert dokument.element, "ingen tjänsteskrivelse i svaret"
    tillatna = {
        "p", "br", "strong", "em", "del", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
        "table", "thead", "tbody", "tr", "th", "td", "blockquote", "code", "pre", "a", "hr",
    } | RAM_TAGGAR  # fmt: skip
    for tag, attrs in dokument.element:
        assert tag in tillatna, tag
        for namn, varde in attrs.items():
            assert namn in {"href", "title", "rel", "class", "start"}, (tag, namn)
            lagt = "".join((varde or "").split()).lower()
            for farligt in ("javascript:", "vbscript:", "data:", "evil"):
                assert farligt not in lagt, (tag, namn, varde)


@pytest.fixture
def skrivelse(handlaggare, rs):
    return factories.tjansteskrivelse(factories.arende(), anvandare_=handlaggare)


# One user and one document for the whole list: creating users hashes passwords, and
# the payloads are what varies.
def test_the_preview_neutralises_every_payload(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    for payload in XSS_PAYLOADS:
        svar = client.post(
            url(skrivelse, "forhandsgranska"),
            formular(
                skrivelse, avsnitt_rubrik=["Rubrik"], avsnitt_text=[payload], attsats=[payload]
            ),
        )
        assert svar.status_code == 200, payload
        assert_ofarligt(svar.text)


def test_the_page_and_the_pdf_neutralise_every_payload(client, skrivelse, handlaggare, monkeypatch):
    data = tjanst.innehall(skrivelse)
    data["avsnitt"] = [{"rubrik": f"Försök {i}", "text": p} for i, p in enumerate(XSS_PAYLOADS)]
    data["attsatser"] = list(XSS_PAYLOADS[:10])
    tjanst.spara(skrivelse, data, anvandare=handlaggare, bas_version=skrivelse.version)

    client.force_login(handlaggare)
    sida = client.get(skrivelse.get_absolute_url())
    assert sida.status_code == 200
    assert_ofarligt(sida.text)

    forsok, nekade = [], []
    monkeypatch.setattr(
        socket.socket, "connect", lambda self, adress, *a, **k: forsok.append(adress)
    )
    original = pdfrender.StatiskaFiler.fetch

    def hamta(self, adress, *args, **kwargs):
        nekade.append(adress)
        return original(self, adress, *args, **kwargs)

    monkeypatch.setattr(pdfrender.StatiskaFiler, "fetch", hamta)
    svar = client.get(url(skrivelse, "pdf"))
    assert svar.status_code == 200
    assert forsok == []
    # Only the app's own stylesheet and fonts were asked for.
    assert all(a.startswith(pdfrender.STATIC_PREFIX) for a in nekade), nekade
    pdf = svar.content
    assert b"/JavaScript" not in pdf and b"/JS " not in pdf and b"/Launch" not in pdf
    for sida_ in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        for annotering in sida_.get("/Annots") or []:
            uri = str((annotering.get_object().get("/A") or {}).get("/URI", ""))
            assert uri == "" or uri.startswith(("http://", "https://", "mailto:")), uri
            assert "evil" not in uri


def test_pasted_html_arrives_harmless(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    for payload in XSS_PAYLOADS:
        svar = client.post(url(skrivelse, "klistra-in"), {"html": payload})
        assert svar.status_code == 200, payload
        assert_safe(render_markdown(svar.json()["markdown"]))


def test_a_pdf_straight_from_content_fetches_nothing_remote(monkeypatch, skrivelse):
    forsok = []
    monkeypatch.setattr(
        socket.socket, "connect", lambda self, adress, *a, **k: forsok.append(adress)
    )
    data = tjanst.innehall(skrivelse)
    data["avsnitt"] = [{"rubrik": "Bilder", "text": "![x](http://169.254.169.254/x.png)"}]
    tspdf.render_tjansteskrivelse(data)
    assert forsok == []
