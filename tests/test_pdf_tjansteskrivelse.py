"""The tjänsteskrivelse PDF: every seed prints in full and in order, archival and tagged."""

import io
import json
import re
import socket

import pypdf
import pytest

from arenden.models import Tjansteskrivelse
from arenden.pdf import tjansteskrivelse as tspdf
from arenden.services import tjansteskrivelser
from tests import seedtext
from tests.pdftext import pdf_till_text

pytestmark = pytest.mark.django_db

SEEDS = [0, 1, 2, 3, 4]

# What the page's running head prints on every page; it lands in the extracted text
# wherever a page breaks, so it is taken out before comparing with the source.
_SIDHUVUD = re.compile(
    r"^(?:Region Jämtland Härjedalen)?\s*(?:Tjänsteskrivelse [A-ZÅÄÖ]+/\d+/\d{4})?"
    r"(?: – Utkast, ej färdigställd)?\s*(?:Sida \d+ \(\d+\))?$"
)
# WeasyPrint writes a page's list markers after its text, so in content-stream order
# they stand alone at the end of the page; the numbering is checked on its own below.
_MARKOR = re.compile(r"^(?:\d+\.|[•◦▪])$")


# Labels the template prints before a stored value; seedtext drops them from the source
# side for the same reason (seedtext.SOURCE_LABELS).
_ETIKETT = re.compile(r"^(?:Tfn|E-post): ?")


def brodtext(pdf: bytes) -> str:
    return "\n".join(
        _ETIKETT.sub("", rad)
        for rad in pdf_till_text(pdf, raw=True).splitlines()
        if not (_SIDHUVUD.match(rad.strip()) or _MARKOR.match(rad.strip()))
    )


@pytest.fixture
def inget_natverk(monkeypatch):
    forsok = []

    def vagra(self, adress, *args, **kwargs):
        forsok.append(adress)
        raise OSError("nätverket är avstängt i testet")

    monkeypatch.setattr(socket.socket, "connect", vagra)
    return forsok


def seed_skrivelse(seed: int) -> Tjansteskrivelse:
    fixture = seedtext.load_seed(seed)
    return Tjansteskrivelse.objects.get(kalla__startswith=fixture["kallfil"])


@pytest.mark.parametrize("seed", SEEDS)
def test_it_prints_every_paragraph_of_each_seed_in_order(demodata, inget_natverk, seed):
    skrivelse = seed_skrivelse(seed)
    pdf = tspdf.render_tjansteskrivelse(tjansteskrivelser.innehall(skrivelse))
    text = brodtext(pdf)
    kalla = seedtext.source_path(seedtext.load_seed(seed))
    assert seedtext.missing_paragraphs(kalla, text) == []
    # Header fields are printed in one fixed order; from the title on, the order is the
    # source's: sections, att-satser, "I tjänsten" with its people, "Utdrag till".
    assert seedtext.first_out_of_order(seedtext.read_source(kalla).body, text) is None
    assert inget_natverk == []


def test_it_numbers_several_att_satser_and_leaves_a_single_one_unnumbered(demodata):
    ensam = pdf_till_text(
        tspdf.render_tjansteskrivelse(tjansteskrivelser.innehall(seed_skrivelse(0)))
    )
    assert "Regiondirektörens förslag\nRegionstyrelsen föreslår regionfullmäktige\n" in ensam
    assert "\nMotionen anses besvarad." in ensam
    assert "1. Motionen" not in ensam
    flera = pdf_till_text(
        tspdf.render_tjansteskrivelse(tjansteskrivelser.innehall(seed_skrivelse(1)))
    )
    assert "1. Styrgrupp för Hälsoval 2021" in flera
    assert "3. Frågan om politisk styrgrupp" in flera


def test_it_prints_the_page_number_on_every_page(demodata):
    pdf = tspdf.render_tjansteskrivelse(tjansteskrivelser.innehall(seed_skrivelse(4)))
    sidor = pypdf.PdfReader(io.BytesIO(pdf)).pages
    assert len(sidor) >= 2
    for nummer, sida in enumerate(sidor, start=1):
        assert f"Sida {nummer} ({len(sidor)})" in sida.extract_text()


def test_it_says_what_the_source_lacked(demodata):
    text = pdf_till_text(
        tspdf.render_tjansteskrivelse(tjansteskrivelser.innehall(seed_skrivelse(2)))
    )
    assert text.count("uppgift saknas i källan") == 5  # datum, avdelning, handläggare, tfn, e-post
    seed1 = pdf_till_text(
        tspdf.render_tjansteskrivelse(tjansteskrivelser.innehall(seed_skrivelse(1)))
    )
    assert "E-post: uppgift saknas i källan" in seed1
    assert "Tfn: 063-14 77 62" in seed1


def test_it_is_pdf_a_3a_tagged_swedish_with_title_subject_and_the_content_as_json(demodata):
    skrivelse = seed_skrivelse(0)
    innehall = tjansteskrivelser.innehall(skrivelse)
    lasare = pypdf.PdfReader(io.BytesIO(tspdf.render_tjansteskrivelse(innehall)))
    katalog = lasare.trailer["/Root"]
    assert katalog["/Lang"] == "sv"
    assert "/StructTreeRoot" in katalog
    assert katalog["/MarkInfo"]["/Marked"]
    xmp = katalog["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="A"' in xmp
    assert lasare.metadata.title == skrivelse.titel
    assert lasare.metadata.subject == "RS/1450/2017"
    [bilaga] = lasare.attachments[tspdf.JSONBILAGA]
    assert json.loads(bilaga) == innehall


def _ord_med_typsnitt(pdf: bytes) -> list[tuple[str, str]]:
    """Each piece of text in the PDF with the font it is set in, in content order."""
    ut: list[tuple[str, str]] = []

    def besok(text, cm, tm, typsnitt, storlek):
        if text.strip() and typsnitt:
            ut.append((text.strip(), str(typsnitt.get("/BaseFont"))))

    for sida in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        sida.extract_text(visitor_text=besok)
    return ut


def test_it_embeds_the_shipped_font_and_fetches_nothing(demodata, inget_natverk):
    pdf = tspdf.render_tjansteskrivelse(tjansteskrivelser.innehall(seed_skrivelse(3)))
    typsnitt = set()
    for sida in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        for f in sida["/Resources"]["/Font"].values():
            f = f.get_object()
            typsnitt.add(str(f["/BaseFont"]))
            assert "/FontFile2" in f["/DescendantFonts"][0].get_object()["/FontDescriptor"]
    assert all("Liberation-Sans" in namn for namn in typsnitt)
    assert inget_natverk == []


def test_seed_003s_sum_row_prints_in_bold_and_an_ordinary_row_does_not(demodata):
    pdf = tspdf.render_tjansteskrivelse(tjansteskrivelser.innehall(seed_skrivelse(3)))
    ord_ = _ord_med_typsnitt(pdf)
    texter = [text for text, _ in ord_]
    summa = texter.index("SUMMA")
    assert texter[summa : summa + 4] == ["SUMMA", "12,6", "12,5", "12,4"]
    for text, typsnitt in ord_[summa : summa + 4]:
        assert typsnitt.endswith("Liberation-Sans-Bold"), (text, typsnitt)
    rad = texter.index("Införande av förstärkt vårdgaranti för primärvården")
    assert texter[rad : rad + 4] == [
        "Införande av förstärkt vårdgaranti för primärvården",
        "6,3",
        "6,2",
        "6,2",
    ]
    for text, typsnitt in ord_[rad : rad + 4]:
        assert typsnitt.endswith("+Liberation-Sans"), (text, typsnitt)


def test_i_tjansten_is_set_like_the_other_headings(demodata):
    ord_ = dict(
        _ord_med_typsnitt(
            tspdf.render_tjansteskrivelse(tjansteskrivelser.innehall(seed_skrivelse(0)))
        )
    )
    assert ord_["I tjänsten"].endswith("Liberation-Sans-Bold")
    assert ord_["I tjänsten"] == ord_["Utdrag till"] == ord_["Regiondirektörens förslag"]


def _sida_med(sidor: list[str], text: str) -> int:
    [nummer] = [i for i, sida in enumerate(sidor) if text in " ".join(sida.split())]
    return nummer


@pytest.mark.parametrize("seed", [0, 1, 2, 4])
def test_the_signatures_never_stand_alone_on_a_page(demodata, seed):
    innehall = tjansteskrivelser.innehall(seed_skrivelse(seed))
    pdf = tspdf.render_tjansteskrivelse(innehall)
    sidor = [sida.extract_text() for sida in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    signaturer = _sida_med(sidor, innehall["undertecknare"][0]["namn"])
    # The end of the förslag and "Utdrag till" are on the page the signatures are on.
    sista_attsats = " ".join(innehall["attsatser"][-1].split()[-4:])
    assert _sida_med(sidor, sista_attsats) == signaturer
    assert _sida_med(sidor, "Utdrag till") == signaturer


def test_it_renders_with_the_production_static_storage(demodata, settings):
    # Production names static files by their hashed copies; the PDF must still find its
    # stylesheet and fonts without a collectstatic run.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    pdf = tspdf.render_tjansteskrivelse(tjansteskrivelser.innehall(seed_skrivelse(0)))
    sida = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    namn = {str(f.get_object()["/BaseFont"]) for f in sida["/Resources"]["/Font"].values()}
    assert any("Liberation-Sans" in n for n in namn)
    assert "Sida 1 (" in pdf_till_text(pdf)


def test_a_frozen_version_prints_as_frozen(demodata):
    skrivelse = seed_skrivelse(0)
    version = skrivelse.versioner.get()
    skrivelse.attsatser.update(text="Motionen bifalles.")
    text = pdf_till_text(tspdf.render_tjansteskrivelse(version.innehall))
    assert "Motionen anses besvarad." in text
    assert "bifalles" not in text


def test_masking_hides_personnummer_in_the_text_and_the_embedded_json(demodata):
    innehall = tjansteskrivelser.innehall(seed_skrivelse(0))
    innehall["avsnitt"][0]["text"] += "\n\nFörslagsställaren har personnummer 19121212-1212."
    maskerad = tspdf.render_tjansteskrivelse(innehall, maskerad=True)
    assert "1212-1212" not in pdf_till_text(maskerad)
    assert "ÅÅMMDD-XXXX" in pdf_till_text(maskerad)
    [bilaga] = pypdf.PdfReader(io.BytesIO(maskerad)).attachments[tspdf.JSONBILAGA]
    assert "1212-1212" not in bilaga.decode()
    assert "19121212-1212" in pdf_till_text(tspdf.render_tjansteskrivelse(innehall))


def test_references_link_to_the_public_diary_when_the_address_is_known(demodata, settings):
    settings.WEBBADRESS = "https://diariet.example.se"
    pdf = tspdf.render_tjansteskrivelse(tjansteskrivelser.innehall(seed_skrivelse(1)))
    lankar = set()
    for sida in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        for annotering in sida.get("/Annots") or []:
            handling = annotering.get_object().get("/A")
            if handling and "/URI" in handling:
                lankar.add(str(handling["/URI"]))
    assert lankar == {
        "https://diariet.example.se/diarium/RS-554-2019/",
        "https://rkrattsbaser.gov.se/sfst?bet=1993:1652",
        "https://rkrattsbaser.gov.se/sfst?bet=1993:1651",
    }


def pdf_lankar(pdf: bytes) -> set[str]:
    lankar = set()
    for sida in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        for annotering in sida.get("/Annots") or []:
            handling = annotering.get_object().get("/A") or {}
            if "/URI" in handling:
                lankar.add(str(handling["/URI"]))
    return lankar


def test_cases_stay_text_without_a_public_address(demodata, settings):
    settings.WEBBADRESS = ""
    pdf = tspdf.render_tjansteskrivelse(tjansteskrivelser.innehall(seed_skrivelse(1)))
    assert not any("diarium" in lank for lank in pdf_lankar(pdf))
    assert "§ 130 (RS/554/2019)" in pdf_till_text(pdf)


def test_reports_link_to_the_riksdag(demodata):
    pdf = tspdf.render_tjansteskrivelse(tjansteskrivelser.innehall(seed_skrivelse(4)))
    assert "https://www.riksdagen.se/sv/sok/?q=SOU%202020%3A19" in pdf_lankar(pdf)


def test_a_draft_says_so_on_every_page(demodata):
    innehall = tjansteskrivelser.innehall(seed_skrivelse(4))
    innehall["status"] = "utkast"
    pdf = tspdf.render_tjansteskrivelse(innehall)
    for sida in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        assert "Utkast, ej färdigställd" in sida.extract_text()
    klar = tspdf.render_tjansteskrivelse(tjansteskrivelser.innehall(seed_skrivelse(4)))
    assert "Utkast" not in pdf_till_text(klar)


# --- the cache key -------------------------------------------------------------------


@pytest.fixture
def nyckel(demodata):
    """The cache key of seed 000 as the code, settings and files stand when called."""
    innehall = tjansteskrivelser.innehall(seed_skrivelse(0))

    def nyckel_():
        tspdf._kodversion.cache_clear()
        return tspdf.cachenyckel(innehall, maskerad=False)

    yield nyckel_
    tspdf._kodversion.cache_clear()


def test_the_cache_key_follows_the_organisation_in_the_header(nyckel, settings):
    fore = nyckel()
    settings.ORGANISATION = "Region Västernorrland"
    assert nyckel() != fore


def test_the_cache_key_follows_the_template(nyckel, monkeypatch):
    fore = nyckel()
    monkeypatch.setattr(tspdf, "MALL", "pdf/utdrag.html")
    assert nyckel() != fore


def test_the_cache_key_follows_the_print_stylesheet(nyckel, monkeypatch):
    from arenden.pdf import render

    fore = nyckel()
    las = render._las

    def andrad(sokvag):
        data = las(sokvag)
        return data + b"\nh1 { color: red; }\n" if sokvag.endswith("print.css") else data

    monkeypatch.setattr(render, "_las", andrad)
    assert nyckel() != fore


@pytest.mark.parametrize("fil", ["render.py", "diarienummer.py", "markup.py", "dokument.py"])
def test_the_cache_key_follows_the_code_that_shapes_the_pdf(nyckel, monkeypatch, fil):
    # render.py holds the variant, the tagging and the fetcher; diarienummer.py decides
    # which references become links.
    from pathlib import Path

    fore = nyckel()
    las = Path.read_bytes

    def andrad(sokvag):
        data = las(sokvag)
        return data + b"\n# changed\n" if sokvag.name == fil else data

    monkeypatch.setattr(Path, "read_bytes", andrad)
    assert nyckel() != fore


def test_the_cache_key_stays_for_the_same_inputs(nyckel):
    assert nyckel() == nyckel()
