"""GET /arenden/<slug>/tjansteskrivelser/<pk>/pdf/: the PDF, as the reader may see it."""

import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from arenden.models import Tjansteskrivelse
from arenden.pdf import cache as pdfcache
from arenden.pdf import tjansteskrivelse as tspdf
from arenden.services import tjansteskrivelser
from tests import factories
from tests.pdftext import pdf_till_text

pytestmark = pytest.mark.django_db


def url(skrivelse):
    return f"/arenden/{skrivelse.arende.slug}/tjansteskrivelser/{skrivelse.pk}/pdf/"


@pytest.fixture
def seed0(demodata):
    return Tjansteskrivelse.objects.get(kalla__startswith="000_")


@pytest.fixture
def utkast(handlaggare):
    arende = factories.arende("Remiss om nära vård")
    return factories.tjansteskrivelse(arende, anvandare_=handlaggare)


def test_it_serves_the_pdf_inline_with_a_sensible_name(client, seed0, politiker):
    client.force_login(politiker)
    svar = client.get(url(seed0))
    assert svar.status_code == 200
    assert svar["Content-Type"] == "application/pdf"
    disposition = svar["Content-Disposition"]
    assert disposition.startswith("inline;")
    assert "RS-1450-2017" in disposition and ".pdf" in disposition
    assert "private" in svar["Cache-Control"]
    assert "Motionen anses besvarad." in pdf_till_text(svar.content)


def test_it_forbids_a_draft_to_someone_who_may_not_see_drafts(client, utkast, politiker):
    client.force_login(politiker)
    assert client.get(url(utkast)).status_code == 403


def test_it_serves_a_draft_to_an_official(client, utkast, registrator):
    client.force_login(registrator)
    svar = client.get(url(utkast))
    assert svar.status_code == 200
    assert "Utkast, ej färdigställd" in pdf_till_text(svar.content)


def test_it_answers_404_for_a_tjansteskrivelse_of_another_case(client, seed0, registrator):
    client.force_login(registrator)
    annat = factories.arende("Ett annat ärende")
    for adress in [
        f"/arenden/{annat.slug}/tjansteskrivelser/{seed0.pk}/pdf/",
        f"/arenden/{seed0.arende.slug}/tjansteskrivelser/99999/pdf/",
        f"/arenden/RS-9999-2001/tjansteskrivelser/{seed0.pk}/pdf/",
    ]:
        assert client.get(adress).status_code == 404, adress


def test_it_answers_405_to_a_post(client, seed0, registrator):
    client.force_login(registrator)
    assert client.post(url(seed0)).status_code == 405


def test_it_sends_an_anonymous_visitor_to_the_login(client, seed0):
    svar = client.get(url(seed0))
    assert svar.status_code == 302
    assert svar["Location"].startswith("/login/")


def test_a_secret_marked_tjansteskrivelse_is_only_for_those_with_the_right(
    client, seed0, registrator
):
    seed0.handlingar.update(sekretess_bestammelse="OSL 21 kap 1 §")
    client.force_login(registrator)
    assert client.get(url(seed0)).status_code == 403
    client.force_login(factories.anvandare("Registrator", se_sekretess=True))
    assert client.get(url(seed0)).status_code == 200


def test_it_is_rendered_once_and_then_served_from_the_shared_cache(
    client, seed0, politiker, monkeypatch
):
    renderingar = []
    original = tspdf.render_tjansteskrivelse

    def raknad(*args, **kwargs):
        renderingar.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(tspdf, "render_tjansteskrivelse", raknad)
    client.force_login(politiker)
    forsta = client.get(url(seed0)).content
    andra = client.get(url(seed0)).content
    assert forsta == andra
    assert len(renderingar) == 1
    namn = tspdf.cachenamn(tjansteskrivelser.innehall(seed0), maskerad=True)
    assert namn.startswith("pdfcache/")
    assert default_storage.exists(namn)


def test_masked_and_full_renderings_are_cached_apart(client, seed0, politiker):
    seed0.avsnitt.update(text="Motionären har personnummer 19121212-1212.")
    client.force_login(politiker)
    maskerad = pdf_till_text(client.get(url(seed0)).content)
    client.force_login(factories.anvandare("Registrator", se_sekretess=True))
    full = pdf_till_text(client.get(url(seed0)).content)
    assert "19121212-1212" not in maskerad and "ÅÅMMDD-XXXX" in maskerad
    assert "19121212-1212" in full


def test_a_half_written_cache_file_is_never_served(client, seed0, politiker):
    # Another process may still be writing the file: the storage writes in place.
    namn = tspdf.cachenamn(tjansteskrivelser.innehall(seed0), maskerad=True)
    default_storage.save(namn, ContentFile(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog"))
    client.force_login(politiker)
    svar = client.get(url(seed0))
    assert svar.status_code == 200
    assert svar.content.rstrip().endswith(b"%%EOF")
    assert "Motionen anses besvarad." in pdf_till_text(svar.content)


def test_a_broken_cache_file_left_behind_is_replaced(client, seed0, politiker):
    namn = tspdf.cachenamn(tjansteskrivelser.innehall(seed0), maskerad=True)
    default_storage.save(namn, ContentFile(b"%PDF-1.7\ntrasig"))
    gammal = time.time() - 3600
    os.utime(default_storage.path(namn), (gammal, gammal))
    client.force_login(politiker)
    client.get(url(seed0))
    with default_storage.open(namn, "rb") as fil:
        assert pdfcache.hel_pdf(fil.read())


def test_two_renders_at_once_leave_one_cache_file(seed0, monkeypatch):
    innehall = tjansteskrivelser.innehall(seed0)
    namn = tspdf.cachenamn(innehall, maskerad=False)
    pdf = tspdf.render_tjansteskrivelse(innehall)
    default_storage.save(namn, ContentFile(pdf))

    class Sen:
        """The storage as seen by a process that checked just before the other saved."""

        def __getattr__(self, attr):
            return getattr(default_storage, attr)

        def exists(self, namn):
            return False

    monkeypatch.setattr(pdfcache, "default_storage", Sen())
    pdfcache.spara(namn, pdf)
    mapp, filer = default_storage.listdir(tspdf.CACHEMAPP)
    assert filer == [namn.rsplit("/", 1)[1]]
