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
