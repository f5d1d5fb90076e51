"""`make serve`'s rules: production refuses to start unsafe, and passes check --deploy."""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

NYCKEL = secrets.token_urlsafe(50)
PRODUKTION = {
    "SECRET_KEY": NYCKEL,
    "ALLOWED_HOSTS": "diariet.regionjh.se",
    "DATABASE_URL": "postgres://diariet@db.example:5432/diariet",
}


def _kor(kommando, **miljo):
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for this process; production never has it.
    bort = {
        "SECRET_KEY",
        "DEBUG",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "WEB_CONCURRENCY",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "SECURE_HSTS_SECONDS",
        "STORAGE_BACKEND",
        "STORAGE_OPTIONS",
    }
    env = {k: v for k, v in os.environ.items() if k not in bort}
    env.update({k: v for k, v in miljo.items() if v is not None})
    return subprocess.run(
        [sys.executable, *kommando],
        env={**env, "DJANGO_SETTINGS_MODULE": "halsoval.settings"},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=60,
    )


def _kontroll(**miljo):
    return _kor(["-m", "halsoval.produktion"], **{**PRODUKTION, **miljo})


def test_it_starts_with_a_complete_production_environment():
    resultat = _kontroll()
    assert resultat.returncode == 0, resultat.stderr
    assert resultat.stderr == ""


@pytest.mark.parametrize(
    "miljo,meddelande",
    [
        ({"DEBUG": "1"}, "DEBUG är på"),
        ({"SECRET_KEY": None}, "SECRET_KEY saknas"),
        ({"SECRET_KEY": "kort-nyckel"}, "SECRET_KEY är för kort"),
        ({"SECRET_KEY": "a" * 60}, "SECRET_KEY är för kort eller för enkel"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS saknas"),
        ({"ALLOWED_HOSTS": " "}, "ALLOWED_HOSTS saknas"),
        ({"DATABASE_URL": None}, "pekar inte ut PostgreSQL"),
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS=* godtar vilket värdnamn som helst"),
        ({"ALLOWED_HOSTS": "diariet.regionjh.se, *"}, "falskt Host-huvud"),
        ({"STORAGE_BACKEND": "storages.finns.inte.S3Storage"}, "går inte att läsa in"),
    ],
)
def test_it_refuses_to_start_unsafe_and_says_why_in_swedish(miljo, meddelande):
    resultat = _kontroll(**miljo)
    assert resultat.returncode == 1
    assert "Diariet startar inte i produktionsläge" in resultat.stderr
    assert meddelande in resultat.stderr
    assert "Traceback" not in resultat.stderr


def test_it_names_every_missing_setting_at_once():
    resultat = _kontroll(SECRET_KEY=None, ALLOWED_HOSTS=None)
    assert "SECRET_KEY saknas" in resultat.stderr
    assert "ALLOWED_HOSTS saknas" in resultat.stderr


def test_gunicorn_itself_refuses_debug():
    resultat = _kor(["-m", "gunicorn", "-c", "gunicorn.conf.py"], **PRODUKTION, DEBUG="1")
    assert resultat.returncode == 1
    assert "DEBUG är på" in resultat.stderr


def test_gunicorn_takes_its_worker_count_from_the_environment():
    resultat = _kor(
        ["-m", "gunicorn", "-c", "gunicorn.conf.py", "--print-config"],
        **PRODUKTION,
        WEB_CONCURRENCY="7",
    )
    assert resultat.returncode == 0, resultat.stderr
    rader = dict(
        (del_.strip() for del_ in rad.split("=", 1)) for rad in resultat.stdout.splitlines()
    )
    assert rader["workers"] == "7"
    assert rader["bind"] == "['127.0.0.1:8000']"
    assert int(rader["max_requests"]) > 0  # workers are recycled


def test_check_deploy_passes_with_production_settings():
    resultat = _kor(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUKTION)
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    assert "no issues (1 silenced)" in resultat.stdout


def test_only_the_defended_check_is_silenced():
    # security.W021 (HSTS preload) is defended in settings.py; anything more needs the same.
    assert settings.SILENCED_SYSTEM_CHECKS == ["security.W021"]


def _serve(**miljo):
    # Nothing answers on port 1: should serve.sh get past its checks, migrate fails at once.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "SECURE_HSTS_SECONDS"}
    }
    env.update(PRODUKTION, DATABASE_URL="postgres://diariet@127.0.0.1:1/diariet", PY=sys.executable)
    env.update(miljo)
    return subprocess.run(
        [str(settings.BASE_DIR / "scripts" / "serve.sh")],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
    )


def test_make_serve_stops_at_a_deployment_warning():
    # HSTS off is only a warning to Django; in production it is a reason not to start.
    resultat = _serve(SECURE_HSTS_SECONDS="0")
    assert resultat.returncode != 0
    assert "security.W004" in resultat.stdout + resultat.stderr
    assert "Migrerar databasen" not in resultat.stdout


def test_make_serve_logs_its_own_lines_as_json_with_the_time():
    resultat = _serve()
    # Past every check; the migration then fails on the unreachable database.
    assert resultat.returncode != 0
    rad = json.loads(resultat.stdout.splitlines()[0])
    assert rad["message"] == "Migrerar databasen."
    assert (rad["level"], rad["logger"]) == ("INFO", "serve")
    assert rad["time"].endswith("+00:00")
