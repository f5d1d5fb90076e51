"""A database that does not answer gives a clean Swedish 503, never a stack trace."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import InterfaceError, OperationalError

from arenden.services import sokning

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    # As in production: the handler's answer, not the exception re-raised into the test.
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("fel", [OperationalError, InterfaceError])
def test_it_answers_503_when_the_database_goes_away_in_a_view(client, monkeypatch, fel):
    def borta(*args, **kwargs):
        raise fel("server closed the connection unexpectedly")

    monkeypatch.setattr(sokning, "sok", borta)
    svar = client.get("/diarium/")
    assert svar.status_code == 503
    assert svar["Retry-After"] == "10"
    assert "Tjänsten är tillfälligt otillgänglig" in svar.text
    assert "server closed" not in svar.text
    assert "Traceback" not in svar.text


def test_it_answers_503_when_the_session_cannot_be_read(client, registrator, monkeypatch):
    # The session and the user live in the database: the failure comes before any view.
    client.force_login(registrator)

    def borta(self):
        raise OperationalError("connection refused")

    monkeypatch.setattr(SessionStore, "load", borta)
    svar = client.get("/arenden/")
    assert svar.status_code == 503
    assert "Diariet kan inte nå sin databas" in svar.text
    assert '<html lang="sv">' in svar.text


def test_any_other_error_is_a_swedish_500_without_details(client, monkeypatch):
    def trasig(*args, **kwargs):
        raise ValueError("hemlig intern detalj")

    monkeypatch.setattr(sokning, "sok", trasig)
    svar = client.get("/diarium/")
    assert svar.status_code == 500
    assert "Något gick fel" in svar.text
    assert "hemlig intern detalj" not in svar.text


def test_it_answers_503_when_the_session_cannot_be_saved(client, registrator, monkeypatch):
    # The database goes away after the view: Django reports the failed session save
    # as a 400, which would tell the user the form was wrong.
    client.force_login(registrator)

    def borta(self, must_create=False):
        try:
            raise OperationalError("server closed the connection unexpectedly")
        except OperationalError:
            from django.contrib.sessions.backends.base import UpdateError

            raise UpdateError  # noqa: B904 - as Django's own session backend does

    monkeypatch.setattr(SessionStore, "save", borta)
    svar = client.get("/arenden/")
    assert svar.status_code == 503
    assert "se efter i ärendelistan" in svar.text


def test_a_session_deleted_by_another_request_is_still_a_400(client, registrator, monkeypatch):
    from django.contrib.sessions.backends.base import UpdateError

    client.force_login(registrator)

    def raderad(self, must_create=False):
        raise UpdateError

    monkeypatch.setattr(SessionStore, "save", raderad)
    assert client.get("/arenden/").status_code == 400
