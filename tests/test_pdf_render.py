"""The PDF core: archival and tagged, Swedish, fonts embedded, and it fetches nothing remote."""

import io
import socket

import pypdf
import pytest

from arenden.pdf import render as pdfrender
from tests.pdftext import pdf_till_text

MALL = """{% extends "pdf/bas.html" %}
{% block innehall %}<h1>Gemensam plan för vårdnivån primärvård</h1>
<p>Åtgärder för ökad tillgänglighet i Härjedalen.</p>
<img src="http://169.254.169.254/latest/meta-data/" alt="">
<img src="file:///etc/passwd" alt="">
<link rel="stylesheet" href="https://example.com/evil.css">
<p style="background: url('http://example.com/x.png')">Slut.</p>
{% endblock %}"""


@pytest.fixture
def mall(settings, tmp_path):
    (tmp_path / "pdf_test.html").write_text(MALL, encoding="utf-8")
    motor = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**motor, "DIRS": [*motor["DIRS"], tmp_path]}]
    return "pdf_test.html"


@pytest.fixture
def inget_natverk(monkeypatch):
    forsok = []

    def vagra(self, adress, *args, **kwargs):
        forsok.append(adress)
        raise OSError("nätverket är avstängt i testet")

    monkeypatch.setattr(socket.socket, "connect", vagra)
    return forsok


def test_it_renders_pdf_a_tagged_in_swedish(mall, inget_natverk):
    pdf = pdfrender.render_pdf(mall, {}, titel="Gemensam plan", amne="RS/203/2021")
    lasare = pypdf.PdfReader(io.BytesIO(pdf))
    katalog = lasare.trailer["/Root"]
    assert katalog["/Lang"] == "sv"
    assert "/StructTreeRoot" in katalog  # tagged
    assert lasare.metadata.title == "Gemensam plan"
    assert lasare.metadata.subject == "RS/203/2021"
    xmp = katalog["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp
    assert 'pdfaid:conformance="A"' in xmp


def test_it_embeds_the_shipped_font(mall, inget_natverk):
    pdf = pdfrender.render_pdf(mall, {}, titel="T")
    lasare = pypdf.PdfReader(io.BytesIO(pdf))
    typsnitt = set()
    for sida in lasare.pages:
        for f in sida["/Resources"]["/Font"].values():
            f = f.get_object()
            typsnitt.add(str(f["/BaseFont"]))
            beskrivning = f["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in beskrivning  # embedded, not referenced
    assert any("Liberation-Sans" in namn for namn in typsnitt)


def test_it_makes_no_network_request_and_refuses_remote_resources(mall, inget_natverk):
    hamtare = pdfrender.StatiskaFiler()
    for url in [
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "https://example.com/evil.css",
        pdfrender.STATIC_PREFIX + "../../settings.py",
        "data:text/css,body{}",
    ]:
        with pytest.raises(ValueError):
            hamtare.fetch(url)
    pdfrender.render_pdf(mall, {}, titel="T")
    assert inget_natverk == []


def test_the_text_reads_back_with_swedish_letters(mall, inget_natverk):
    text = pdf_till_text(pdfrender.render_pdf(mall, {}, titel="T"))
    assert "Gemensam plan för vårdnivån primärvård" in text
    assert "Åtgärder för ökad tillgänglighet i Härjedalen." in text
    assert "Sida 1 (1)" in text


def test_it_embeds_an_attachment(mall, inget_natverk):
    pdf = pdfrender.render_pdf(
        mall, {}, titel="T", bilagor=[("arende.json", b'{"diarienummer": "RS/1/2026"}', "Data")]
    )
    lasare = pypdf.PdfReader(io.BytesIO(pdf))
    assert lasare.attachments["arende.json"] == [b'{"diarienummer": "RS/1/2026"}']
