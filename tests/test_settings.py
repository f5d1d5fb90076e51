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


def test_every_variable_the_settings_read_is_in_the_readme():
    import re
    from pathlib import Path

    rot = Path(settings.BASE_DIR)
    lasta = set(
        re.findall(r'env_[a-z_]+\(\s*"([A-Z_]+)"', (rot / "halsoval" / "settings.py").read_text())
    )
    lasta |= set(re.findall(r'_heltal\("([A-Z_]+)"', (rot / "gunicorn.conf.py").read_text()))
    lasta |= set(re.findall(r"\$\{([A-Z_]+):-", (rot / "scripts" / "serve.sh").read_text()))
    lasta.discard("PY")  # which python serve.sh runs: .venv's, set only by the benchmarks
    assert {"SECURE_SSL_REDIRECT", "TASKS_BACKEND", "STORAGE_OPTIONS", "WEB_CONCURRENCY"} <= lasta
    readme = (rot / "README.md").read_text()
    assert sorted(n for n in lasta if f"`{n}`" not in readme) == []


def _lagring(**miljo):
    env = {k: v for k, v in os.environ.items() if k not in {"STORAGE_BACKEND", "STORAGE_OPTIONS"}}
    env.update(SECRET_KEY="x", **miljo)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import json; from django.conf import settings; "
            "print(json.dumps(settings.STORAGES['default'], default=str))",
        ],
        env={**env, "DJANGO_SETTINGS_MODULE": "halsoval.settings"},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )


def test_object_storage_is_chosen_from_the_environment():
    import json

    resultat = _lagring(
        STORAGE_BACKEND="storages.backends.s3.S3Storage",
        STORAGE_OPTIONS='{"bucket_name": "diariet", "default_acl": "private"}',
    )
    assert resultat.returncode == 0, resultat.stderr
    assert json.loads(resultat.stdout) == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": "diariet", "default_acl": "private"},
    }


def test_the_disk_is_the_default_storage():
    import json

    lagring = json.loads(_lagring(FILES_ROOT="/srv/diariet/filer").stdout)
    assert lagring["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert lagring["OPTIONS"]["location"] == "/srv/diariet/filer"


@pytest.mark.parametrize("varde", ['{"bucket_name": ', '["diariet"]'])
def test_storage_options_that_are_not_a_json_object_are_refused(varde):
    resultat = _lagring(STORAGE_OPTIONS=varde)
    assert resultat.returncode != 0
    assert "STORAGE_OPTIONS" in resultat.stderr and "JSON" in resultat.stderr
    assert "ImproperlyConfigured" in resultat.stderr


def _manage(*argv):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "manage.py", *argv],
        env={**env, "DJANGO_SETTINGS_MODULE": "halsoval.settings"},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )


def test_the_migrations_check_runs_on_a_fresh_clone_without_a_key():
    resultat = _manage("makemigrations", "--check", "--dry-run")
    assert resultat.returncode == 0, resultat.stderr
    assert "No changes detected" in resultat.stdout


@pytest.mark.parametrize("argv", [["migrate", "--plan"], ["check", "--deploy"]])
def test_commands_that_touch_data_or_judge_the_key_still_need_one(argv):
    resultat = _manage(*argv)
    assert resultat.returncode != 0
    assert "SECRET_KEY saknas" in resultat.stderr
