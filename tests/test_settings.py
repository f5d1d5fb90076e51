"""Settings from the environment fail loudly on what they cannot use."""

import os
import subprocess
import sys

import pytest
from django.conf import settings


def _starta(**miljo):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.update(miljo)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**env, "DJANGO_SETTINGS_MODULE": "halsoval.settings"},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )


def test_production_refuses_to_start_without_a_secret_key():
    resultat = _starta()
    assert resultat.returncode != 0
    assert "SECRET_KEY saknas" in resultat.stderr


def test_a_bad_boolean_is_refused_with_its_name():
    resultat = _starta(SECRET_KEY="x", DEBUG="kanske")
    assert resultat.returncode != 0
    assert "DEBUG='kanske'" in resultat.stderr


def test_development_starts_without_a_secret_key():
    assert _starta(DEBUG="1").returncode == 0


def test_the_language_and_time_zone_are_swedish():
    assert settings.LANGUAGE_CODE == "sv"
    assert settings.TIME_ZONE == "Europe/Stockholm"


@pytest.mark.django_db
def test_pages_carry_a_csp_with_a_nonce(client):
    svar = client.get("/diarium/")
    csp = svar["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp
    nonce = csp.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in svar.text  # the htmx script carries it
    assert "unsafe-inline" not in csp
