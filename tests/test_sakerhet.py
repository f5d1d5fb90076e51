"""Security headers, cookies, session expiry, passwords and the absence of inline script."""

import datetime
import re
from pathlib import Path

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests import factories

pytestmark = pytest.mark.django_db
LOSENORD = "ett-langt-losenord-123"


def test_it_sends_the_security_headers_on_a_secure_request(client):
    svar = client.get("/diarium/", secure=True)
    assert svar["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert svar["X-Content-Type-Options"] == "nosniff"
    assert svar["Referrer-Policy"] == "same-origin"
    assert svar["X-Frame-Options"] == "DENY"
    assert svar["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in svar["Content-Security-Policy"]
    assert "object-src 'none'" in svar["Content-Security-Policy"]


def test_it_redirects_plain_http_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    svar = client.get("/diarium/")
    assert svar.status_code == 301
    assert svar["Location"] == "https://testserver/diarium/"


def test_the_cookies_are_secure_httponly_and_same_site(client):
    factories.anvandare("Registrator", username="rut")
    client.get("/login/", secure=True)
    csrf = client.cookies["csrftoken"]
    # HttpOnly too: the scripts read the token from the form, never from the cookie.
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    svar = client.post(
        "/login/", {"username": "rut", "password": LOSENORD}, secure=True, follow=False
    )
    assert svar.status_code == 302
    session = svar.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


def test_it_logs_out_after_an_hour_without_activity(client, registrator):
    with time_machine.travel("2026-03-02 08:00 +01:00", tick=False) as resa:
        client.force_login(registrator)
        assert client.get("/arenden/").status_code == 200
        resa.shift(datetime.timedelta(minutes=61))
        svar = client.get("/arenden/")
    assert svar.status_code == 302
    assert svar["Location"].startswith("/login/")


def test_activity_keeps_the_session_alive(client, registrator):
    with time_machine.travel("2026-03-02 08:00 +01:00", tick=False) as resa:
        client.force_login(registrator)
        for _ in range(4):  # two hours in all, never an hour idle
            resa.shift(datetime.timedelta(minutes=30))
            assert client.get("/arenden/").status_code == 200


@pytest.mark.parametrize(
    "losenord", ["kort-ord", "123456789012345", "password1234", "registrator-rut"]
)
def test_weak_passwords_are_refused(losenord):
    user = factories.anvandare(username="registrator-rut")
    with pytest.raises(ValidationError):
        validate_password(losenord, user)


def test_a_long_unusual_password_is_accepted():
    validate_password("Storsjöodjuret simmar 2026")


MALLAR = sorted((Path(settings.BASE_DIR) / "templates").rglob("*.html"))


@pytest.mark.parametrize("mall", MALLAR, ids=lambda p: p.name)
def test_no_template_has_inline_style_or_event_handlers(mall):
    # The CSP allows no inline style attribute and no handler attribute, nonce or not.
    text = mall.read_text(encoding="utf-8")
    assert not re.search(r"\sstyle\s*=", text)
    assert not re.search(r"\son[a-z]+\s*=", text)
    assert "javascript:" not in text
    for tagg in re.findall(r"<(?:script|style)\b[^>]*>", text):
        assert "src=" in tagg or "nonce=" in tagg, tagg


def _sidor():
    from arenden.models import Arende, Sammantrade, Tjansteskrivelse

    sidor = ["/", "/arenden/", "/arenden/ny/", "/sammantraden/", "/diarium/", "/tillganglighet/"]
    for arende in Arende.objects.all():
        sidor += [arende.get_absolute_url(), f"/diarium/{arende.slug}/"]
    sidor += [f"/sammantraden/{s.pk}/" for s in Sammantrade.objects.all()]
    sidor += [
        f"/arenden/{t.arende.slug}/tjansteskrivelser/{t.pk}/"
        for t in Tjansteskrivelse.objects.select_related("arende")
    ]
    return sidor


def test_no_rendered_page_has_inline_script_or_style_without_the_nonce(client, demodata):
    # The seed cases bring tables, emphasis and nested lists through the markup function.
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="sekreterare"))
    sidor = _sidor()
    assert len(sidor) > 15
    for url in sidor:
        svar = client.get(url)
        assert svar.status_code == 200, url
        nonce = re.search(r"'nonce-([^']+)'", svar["Content-Security-Policy"]).group(1)
        soup = BeautifulSoup(svar.text, "html.parser")
        for tagg in soup.find_all(True):
            assert "style" not in tagg.attrs, (url, str(tagg)[:80])
            assert not [a for a in tagg.attrs if a.startswith("on")], (url, str(tagg)[:80])
        for tagg in soup.find_all(["script", "style"]):
            assert tagg.get("src") or tagg.get("nonce") == nonce, (url, str(tagg)[:80])


def _onormal_forfragan(client, settings, vad):
    # The three refusals BadInputMiddleware makes before any view runs.
    settings.MAX_REQUEST_BYTES = 10_000
    if vad == "för stor":
        return client.post("/arenden/ny/", {"titel": "x" * 20_000}, secure=True)
    if vad == "oläslig längd":
        return client.generic("POST", "/arenden/ny/", b"x", CONTENT_LENGTH="mycket", secure=True)
    return client.get("/diarium/?q=%ff", secure=True)


@pytest.mark.parametrize(
    "vad,status", [("för stor", 413), ("oläslig längd", 400), ("inte utf-8", 400)]
)
def test_a_refused_request_carries_the_security_headers_too(client, settings, vad, status):
    svar = _onormal_forfragan(client, settings, vad)
    assert svar.status_code == status
    assert svar["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert svar["X-Content-Type-Options"] == "nosniff"
    assert svar["Referrer-Policy"] == "same-origin"
    assert svar["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in svar["Content-Security-Policy"]
    assert "default-src 'self'" in svar["Content-Security-Policy"]
