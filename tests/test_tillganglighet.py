"""/tillganglighet/: the accessibility statement lag 2018:1937 requires, public."""

import pytest

pytestmark = pytest.mark.django_db
URL = "/tillganglighet/"


def test_it_is_public_and_follows_diggs_model(client):
    sida = client.get(URL)
    assert sida.status_code == 200
    text = " ".join(sida.text.split())
    assert "lagen (2018:1937) om tillgänglighet till digital offentlig service" in text
    assert "delvis förenlig" in text
    assert "Myndigheten för digital förvaltning (DIGG)" in text
    assert "axe-core" in text and "Chromium" in text and "tangentbord" in text
    assert '<time datetime="2026-11-22">' in text


def test_it_names_the_regions_contact(client, settings):
    settings.KONTAKT_EPOST = "tillganglighet@regionjh.se"
    sida = client.get(URL).text
    assert 'href="mailto:tillganglighet@regionjh.se"' in sida


@pytest.mark.parametrize("url", ["/diarium/", "/login/", "/finns-inte/"])
def test_every_page_links_to_it_from_the_footer(client, url):
    assert 'href="/tillganglighet/">Tillgänglighetsredogörelse</a>' in client.get(url).text


def test_it_answers_405_to_post(client):
    assert client.post(URL).status_code == 405


def test_what_it_says_of_uploaded_files_holds(client):
    # "publiceras inte": the public diary names the handling but offers no file, and
    # the file's own address asks for a login.
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests import factories

    text = " ".join(client.get(URL).text.split())
    assert "Filer som laddas upp till ett ärende, till exempel bilagor" in text
    assert "publiceras inte" in text
    arende = factories.arende()
    handling = factories.handling(
        arende, fil=SimpleUploadedFile("bilaga.pdf", b"%PDF-1.4\n%%EOF\n"), beskrivning="Bilaga"
    )
    publik = client.get(f"/diarium/{arende.slug}/").text
    assert "Bilaga" in publik
    assert handling.get_fil_url() not in publik and "bilaga.pdf" not in publik
    svar = client.get(handling.get_fil_url())
    assert svar.status_code == 302 and svar["Location"].startswith("/login/")
