"""Bad input gets a clean 4xx and a log line: never a 500, never a file outside the storage."""

import logging

import pytest
from django.test import Client

from arenden.models import Arende

pytestmark = pytest.mark.django_db
NY = "/arenden/ny/"


@pytest.fixture
def client(client):
    # As in production: whatever the handler answers, not an exception in the test.
    client.raise_request_exception = False
    return client


def _accessrad(caplog):
    return [r for r in caplog.records if r.name == "diariet.http"][-1]


def test_it_refuses_an_oversized_body_before_reading_it(client, registrator, rs, settings, caplog):
    caplog.set_level(logging.INFO)
    settings.MAX_REQUEST_BYTES = 10_000
    client.force_login(registrator)
    svar = client.post(NY, {"diarium": rs.pk, "titel": "x" * 20_000, "typ": "arende"})
    assert svar.status_code == 413
    assert "För stor förfrågan" in svar.text
    assert _accessrad(caplog).status == 413
    assert not Arende.objects.exists()


def test_it_refuses_a_body_that_lies_about_its_length(client, registrator):
    client.force_login(registrator)
    svar = client.generic(
        "POST",
        NY,
        b"titel=x",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(10**12),
    )
    assert svar.status_code == 413


def test_it_refuses_an_unreadable_content_length(client, registrator):
    client.force_login(registrator)
    svar = client.generic("POST", NY, b"titel=x", CONTENT_LENGTH="mycket")
    assert svar.status_code == 400


def test_it_refuses_form_fields_beyond_the_memory_limit(client, registrator, rs, settings):
    # Under the upload limit but more form text than any form needs.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client.force_login(registrator)
    svar = client.post(NY, {"diarium": rs.pk, "titel": "x" * 20_000, "typ": "arende"})
    assert svar.status_code == 400
    assert not Arende.objects.exists()


@pytest.mark.parametrize(
    "innehallstyp,kropp",
    [
        ("multipart/form-data", b"--\r\nnagot"),
        ("multipart/form-data; boundary=", b"--\r\n"),
        ("multipart/form-data; boundary=\xff\xfe", b"--\xff\xfe\r\n\r\n"),
    ],
)
def test_it_refuses_malformed_multipart(client, registrator, caplog, innehallstyp, kropp):
    caplog.set_level(logging.INFO)
    client.force_login(registrator)
    svar = client.generic("POST", NY, kropp, content_type=innehallstyp)
    assert svar.status_code == 400
    assert _accessrad(caplog).status == 400
    assert not Arende.objects.exists()


def test_a_truncated_multipart_body_is_read_as_far_as_it_goes(client, registrator):
    # Django reads a body cut off mid-part as the fields that arrived (here none),
    # as it does when a browser's upload is interrupted: the form answers, no 500.
    client.force_login(registrator)
    svar = client.generic(
        "POST",
        NY,
        b"--grans\r\nContent-Disposition: form-data",
        content_type="multipart/form-data; boundary=grans",
    )
    assert svar.status_code < 500
    assert not Arende.objects.exists()


@pytest.mark.parametrize("fragor", ["q=%ff", "q=%c3", "q=RS%2F1%2F2026%e9", "sida=%80"])
def test_it_refuses_a_query_string_that_is_not_utf8(client, caplog, fragor):
    caplog.set_level(logging.INFO)
    svar = client.get(f"/diarium/?{fragor}")
    assert svar.status_code == 400
    assert "Felaktig adress" in svar.text
    assert _accessrad(caplog).status == 400


def test_it_accepts_proper_utf8_in_the_query_string(client):
    assert client.get("/diarium/?q=v%C3%A5rd").status_code == 200


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _multipart(falt: dict, filhuvud: str, innehall: bytes) -> bytes:
    # Built by hand: Django's test client sends only the base name of a file, and a
    # browser or a script may send anything.
    delar = [
        f'--grans\r\nContent-Disposition: form-data; name="{namn}"\r\n\r\n{varde}\r\n'.encode()
        for namn, varde in falt.items()
    ]
    delar.append(
        f'--grans\r\nContent-Disposition: form-data; name="fil"; {filhuvud}\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + innehall
        + b"\r\n"
    )
    return b"".join(delar) + b"--grans--\r\n"


@pytest.mark.parametrize(
    "filhuvud",
    [
        'filename="../../x.pdf"',
        'filename="..\\..\\x.pdf"',
        "filename*=UTF-8''..%2F..%2Fx.pdf",
        'filename="/tmp/../../x.pdf"',
    ],
)
def test_an_upload_named_with_a_path_is_stored_inside_the_storage(
    client, registrator, rs, filhuvud
):
    from pathlib import Path

    from django.core.files.storage import default_storage
    from django.utils import timezone

    from tests import factories

    arende = factories.arende()
    client.force_login(registrator)
    falt = {
        "riktning": "inkommande",
        "datum": timezone.localdate().isoformat(),
        "avsandare_mottagare": "Socialstyrelsen",
        "beskrivning": "Bilaga med konstigt namn",
    }
    svar = client.generic(
        "POST",
        f"{arende.get_absolute_url()}handlingar/",
        _multipart(falt, filhuvud, PDF),
        content_type="multipart/form-data; boundary=grans",
    )
    assert svar.status_code == 302
    handling = arende.handlingar.get()
    rot = Path(default_storage.location).resolve()
    lagrad = Path(default_storage.path(handling.fil.name)).resolve()
    assert lagrad.is_relative_to(rot) and lagrad.read_bytes() == PDF
    assert not (rot.parent / "x.pdf").exists() and not (rot.parent.parent / "x.pdf").exists()
    assert handling.filnamn == "x.pdf"
    nedladdning = client.get(handling.get_fil_url())
    assert nedladdning["Content-Disposition"] == 'attachment; filename="x.pdf"'


@pytest.mark.parametrize(
    "url",
    [
        "/arenden/RS-1-2026/handlingar/..%2F..%2F..%2Fetc%2Fpasswd/fil/",
        "/arenden/..%2F..%2Fetc%2Fpasswd/handlingar/1/fil/",
        "/arenden/RS-1-2026/handlingar/1/fil/..%2F..%2Fsettings.py",
    ],
)
def test_a_traversal_in_a_url_matches_no_route(client, registrator, url):
    # The URL patterns take a slug and a number, never a path: these reach no view,
    # and the 404 is the router's. The traversal that reaches a view is the upload above.
    client.force_login(registrator)
    svar = client.get(url)
    assert svar.status_code == 404
    assert "Sidan finns inte" in svar.text


def test_whitenoise_serves_no_file_outside_the_static_folders(client):
    # WhiteNoise maps /static/… to files itself, before any URL pattern.
    svar = client.get("/static/..%2F..%2Fhalsoval%2Fsettings.py")
    assert svar.status_code == 404
    assert "SECRET_KEY" not in svar.text


def test_it_refuses_a_forged_csrf_token(registrator, rs, caplog):
    caplog.set_level(logging.INFO)
    client = Client(enforce_csrf_checks=True)
    client.force_login(registrator)
    client.get(NY)  # sets the real csrftoken cookie
    svar = client.post(
        NY,
        {"diarium": rs.pk, "titel": "Förfalskat", "typ": "arende", "csrfmiddlewaretoken": "x" * 64},
    )
    assert svar.status_code == 403
    assert "Formuläret kunde inte skickas" in svar.text
    assert any(r.name == "django.security.csrf" for r in caplog.records)
    assert _accessrad(caplog).status == 403
    assert not Arende.objects.exists()


def test_it_refuses_a_post_without_a_csrf_token(registrator, rs):
    client = Client(enforce_csrf_checks=True)
    client.force_login(registrator)
    svar = client.post(NY, {"diarium": rs.pk, "titel": "Utan token", "typ": "arende"})
    assert svar.status_code == 403
    assert not Arende.objects.exists()


@pytest.mark.parametrize("vard", ["evil.example", "diariet.regionjh.se.evil.example", "a b"])
def test_it_refuses_a_foreign_host_header(client, caplog, vard):
    caplog.set_level(logging.INFO)
    svar = client.get("/diarium/", headers={"host": vard})
    assert svar.status_code == 400
    assert "Felaktig förfrågan" in svar.text
    assert any(r.name == "django.security.DisallowedHost" for r in caplog.records)
    assert _accessrad(caplog).status == 400


def test_a_null_byte_in_a_form_is_a_form_error(client, registrator, rs):
    client.force_login(registrator)
    svar = client.post(NY, {"diarium": rs.pk, "titel": "Null\x00byte", "typ": "arende"})
    assert svar.status_code == 400
    assert not Arende.objects.exists()
