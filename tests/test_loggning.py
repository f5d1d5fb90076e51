"""One structured log line per request: request id, user, path, status, duration."""

import json
import logging

import pytest
from django.conf import settings

from halsoval.loggning import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db


def _rader(caplog):
    return [r for r in caplog.records if r.name == "diariet.http"]


def test_it_logs_each_request_once_with_its_fields(client, caplog):
    caplog.set_level(logging.INFO, logger="diariet.http")
    svar = client.get("/diarium/")
    (rad,) = _rader(caplog)
    assert (rad.method, rad.path, rad.status, rad.user) == ("GET", "/diarium/", 200, None)
    assert rad.duration_ms >= 0
    assert rad.request_id == svar["X-Request-ID"]
    assert len(rad.request_id) == 32


def test_it_logs_who_made_the_request(client, registrator, caplog):
    caplog.set_level(logging.INFO, logger="diariet.http")
    client.force_login(registrator)
    client.get("/arenden/")
    assert _rader(caplog)[-1].user == registrator.username


def test_it_keeps_the_balancers_request_id(client, caplog):
    caplog.set_level(logging.INFO, logger="diariet.http")
    svar = client.get("/diarium/", headers={"X-Request-ID": "lb-4f3a9c1e-77"})
    assert svar["X-Request-ID"] == "lb-4f3a9c1e-77"
    assert _rader(caplog)[-1].request_id == "lb-4f3a9c1e-77"


@pytest.mark.parametrize("skrap", ["kort", "a" * 200, "id med mellanslag", "ett\u00e5id-12345"])
def test_it_replaces_a_request_id_it_cannot_trust(client, skrap):
    svar = client.get("/diarium/", headers={"X-Request-ID": skrap})
    assert svar["X-Request-ID"] != skrap
    assert len(svar["X-Request-ID"]) == 32


def test_it_leaves_the_query_string_out(client, caplog):
    # A search in the public diary may hold a private person's name.
    caplog.set_level(logging.INFO, logger="diariet.http")
    client.get("/diarium/", {"q": "Anna Andersson"})
    rad = _rader(caplog)[-1]
    assert rad.path == "/diarium/"
    assert "Andersson" not in rad.getMessage()


def test_it_logs_a_client_error_as_a_warning(client, caplog):
    caplog.set_level(logging.INFO, logger="diariet.http")
    client.get("/finns-inte/")
    rad = _rader(caplog)[-1]
    assert (rad.status, rad.levelname) == (404, "WARNING")


def test_the_json_line_holds_the_fields_on_one_line():
    post = logging.LogRecord("diariet.http", logging.INFO, __file__, 1, "GET / 200", (), None)
    post.path, post.status, post.user, post.duration_ms = "/", 200, "rut", 12.5
    RequestIdFilter().filter(post)
    try:
        raise ValueError("två\nrader")
    except ValueError:
        import sys

        post.exc_info = sys.exc_info()
    text = JsonFormatter().format(post)
    assert "\n" not in text
    data = json.loads(text)
    assert data["path"] == "/" and data["status"] == 200 and data["user"] == "rut"
    assert data["request_id"] == "-" and data["level"] == "INFO"
    assert "ValueError" in data["exception"]


def test_production_logs_json_to_stdout():
    assert settings.LOG_FORMAT == "json"
    handler = settings.LOGGING["handlers"]["console"]
    assert handler["stream"] == "ext://sys.stdout"
    assert handler["formatter"] == "json"


@pytest.mark.parametrize("url", ["/health/", "/diarium/", "/tillganglighet/"])
def test_it_logs_the_user_on_a_public_page_too(client, registrator, caplog, url):
    # Public pages never ask who is logged in; the log line still says it.
    caplog.set_level(logging.INFO, logger="diariet.http")
    client.force_login(registrator)
    client.get(url)
    assert _rader(caplog)[-1].user == registrator.username


def test_it_logs_no_user_for_a_stale_session(client, registrator, caplog):
    caplog.set_level(logging.INFO, logger="diariet.http")
    client.force_login(registrator)
    registrator.set_password("ett-helt-nytt-losenord-9")  # other sessions end
    registrator.save()
    client.get("/health/")
    assert _rader(caplog)[-1].user is None
