"""The production static pipeline: collectstatic with hashed names, served by WhiteNoise.

The rest of the suite serves static files from the source tree (tests/conftest.py);
here they go the way `make serve` sends them: the storage the settings choose without
DEBUG, collected into STATIC_ROOT, and WhiteNoise reading that folder when it starts.
"""

import re

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client, override_settings

import halsoval.settings as produktion

pytestmark = pytest.mark.django_db
SIDOR = ["/diarium/", "/login/", "/tillganglighet/"]
# ManifestStaticFilesStorage's names: app.3f9c2a1b7d4e.css
HASHAT = re.compile(r"^/static/.+\.[0-9a-f]{12}\.[a-z0-9]+$")
ETT_AR = 365 * 24 * 3600


def _produktionslagring() -> dict:
    assert produktion.STORAGES["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    return {"staticfiles": produktion.STORAGES["staticfiles"]}


@pytest.fixture(scope="module")
def samlade(tmp_path_factory):
    # Once for the module: compressing the fonts and the admin's scripts takes seconds.
    katalog = tmp_path_factory.mktemp("static")
    with override_settings(
        STORAGES={**django_settings.STORAGES, **_produktionslagring()}, STATIC_ROOT=katalog
    ):
        call_command("collectstatic", "--noinput", verbosity=0)
    return katalog


@pytest.fixture
def klient(settings, samlade):
    settings.STORAGES = {**settings.STORAGES, **_produktionslagring()}
    settings.STATIC_ROOT = samlade
    settings.DEBUG = False
    del settings.WHITENOISE_AUTOREFRESH  # production: WhiteNoise's own default, off
    # A new client is a new handler: its WhiteNoise reads STATIC_ROOT as it starts.
    return Client()


def _statiska(html: str) -> set[str]:
    return set(re.findall(r'(?:href|src)="(/static/[^"]+)"', html))


def test_every_page_names_hashed_files_that_are_served_for_a_year(klient):
    sett = set()
    for url in SIDOR:
        svar = klient.get(url)
        assert svar.status_code == 200, url
        filer = _statiska(svar.text)
        assert any(f.endswith(".css") for f in filer), url
        assert any(f.endswith(".js") for f in filer), url
        sett |= filer
    for fil in sorted(sett):
        assert HASHAT.match(fil), fil
        svar = klient.get(fil)
        assert svar.status_code == 200, fil
        cache = svar["Cache-Control"]
        assert f"max-age={10 * ETT_AR}" in cache and "immutable" in cache, (fil, cache)


def test_the_stylesheets_fonts_are_hashed_and_compressed_copies_served(klient):
    (css,) = [f for f in _statiska(klient.get("/diarium/").text) if "/app." in f]
    svar = klient.get(css, headers={"accept-encoding": "gzip"})
    assert svar["Content-Encoding"] == "gzip"
    text = klient.get(css).getvalue().decode()
    typsnitt = re.findall(r"url\([\"']?([^\"')]+\.ttf)", text)
    assert typsnitt
    for namn in typsnitt:
        url = namn if namn.startswith("/") else css.rsplit("/", 1)[0] + "/" + namn
        url = re.sub(r"/[^/]+/\.\./", "/", url)
        assert HASHAT.match(url), url
        assert klient.get(url).status_code == 200, url


def test_an_unhashed_name_is_served_but_not_cached_for_long(klient):
    svar = klient.get("/static/css/app.css")
    assert svar.status_code == 200
    assert "immutable" not in svar["Cache-Control"]


def test_no_file_outside_static_root_is_served(klient):
    assert klient.get("/static/..%2F..%2Fhalsoval%2Fsettings.py").status_code == 404
