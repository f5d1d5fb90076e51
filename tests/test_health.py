"""/health/: what the load balancer asks, answered with a status and one word."""

import pytest
from django.db import OperationalError, connection
from django.db.migrations.recorder import MigrationRecorder

from halsoval import views

pytestmark = pytest.mark.django_db
URL = "/health/"


def test_it_answers_ok_without_login(client):
    svar = client.get(URL)
    assert svar.status_code == 200
    assert svar.content == b"ok\n"
    assert svar["Content-Type"] == "text/plain; charset=utf-8"
    assert "no-store" in svar["Cache-Control"]


@pytest.fixture(autouse=True)
def _ny_process(monkeypatch):
    # Each test as a freshly started process that has not yet checked the migrations.
    monkeypatch.setattr(views, "_migrerad", False)


def test_it_answers_503_when_a_migration_is_not_applied(client):
    # Inside the test's transaction, so the record comes back afterwards.
    MigrationRecorder(connection).record_unapplied("sessions", "0001_initial")
    svar = client.get(URL)
    assert svar.status_code == 503
    assert svar.content == b"fel\n"


def test_it_answers_503_when_the_database_does_not_answer(client, monkeypatch):
    def borta(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", borta)
    svar = client.get(URL)
    assert svar.status_code == 503
    assert svar.content == b"fel\n"


def test_it_answers_the_balancer_over_plain_http(client, settings):
    # Everything else is redirected to HTTPS; a redirect would read as "down".
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(URL).status_code == 200
    assert client.get("/diarium/").status_code == 301


def test_it_answers_head_but_not_post(client):
    assert client.head(URL).status_code == 200
    assert client.post(URL).status_code == 405
