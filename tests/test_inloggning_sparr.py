"""Login throttling (django-axes): per user name and per address, with a cool-off."""

import datetime

import pytest
import time_machine
from django.test import RequestFactory

from halsoval.sakerhet import klientadress
from tests import factories

pytestmark = pytest.mark.django_db
URL = "/login/"
RATT = "ett-langt-losenord-123"


def _logga_in(client, anvandarnamn, losenord, adress="10.0.0.1"):
    return client.post(URL, {"username": anvandarnamn, "password": losenord}, REMOTE_ADDR=adress)


def test_it_locks_a_user_name_after_five_failures_from_any_address(client):
    factories.anvandare(username="rut")
    for n in range(4):
        assert _logga_in(client, "rut", "fel", adress=f"10.0.1.{n}").status_code == 200
    # The fifth failure locks, and says so at once.
    assert _logga_in(client, "rut", "fel", adress="10.0.1.9").status_code == 429
    svar = _logga_in(client, "rut", RATT, adress="10.0.2.1")
    assert svar.status_code == 429
    assert "För många misslyckade inloggningsförsök" in svar.text
    assert "spärrad i 15 minuter" in svar.text
    assert 'value="rut"' in svar.text  # the login page again, the name kept
    assert "_auth_user_id" not in client.session


def test_it_locks_an_address_after_five_failures_whatever_the_names(client):
    factories.anvandare(username="rut")
    for n in range(5):
        _logga_in(client, f"gissning{n}", "fel", adress="10.0.3.3")
    assert _logga_in(client, "rut", RATT, adress="10.0.3.3").status_code == 429
    # Another address and the user name are still free.
    assert _logga_in(client, "rut", RATT, adress="10.0.4.4").status_code == 302


def test_it_lets_the_user_in_after_the_cool_off(client):
    factories.anvandare(username="rut")
    with time_machine.travel("2026-03-02 08:00 +01:00", tick=False) as resa:
        for _ in range(5):
            _logga_in(client, "rut", "fel")
        assert _logga_in(client, "rut", RATT).status_code == 429
        resa.shift(datetime.timedelta(minutes=16))
        assert _logga_in(client, "rut", RATT).status_code == 302


def test_a_colleagues_login_from_the_same_address_leaves_the_failures(client):
    # The insider's round: four guesses at rut, then into their own account from the
    # same machine, which must not wipe rut's count.
    factories.anvandare(username="rut")
    factories.anvandare(username="olle")
    for _ in range(4):
        assert _logga_in(client, "rut", "fel", adress="10.0.5.5").status_code == 200
    assert _logga_in(client, "olle", RATT, adress="10.0.5.5").status_code == 302
    client.logout()
    assert _logga_in(client, "rut", "fel", adress="10.0.6.6").status_code == 429
    assert _logga_in(client, "rut", RATT, adress="10.0.6.6").status_code == 429


def test_a_user_who_mistyped_and_got_in_starts_afresh_after_the_cool_off(client):
    # Failures are not wiped by the successful login (see AXES_RESET_ON_SUCCESS); they
    # expire with the cool-off, so a typo this morning never counts this afternoon.
    factories.anvandare(username="rut")
    with time_machine.travel("2026-03-02 08:00 +01:00", tick=False) as resa:
        for _ in range(4):
            _logga_in(client, "rut", "fel")
        assert _logga_in(client, "rut", RATT).status_code == 302
        client.logout()
        resa.shift(datetime.timedelta(minutes=16))
        for _ in range(4):
            assert _logga_in(client, "rut", "fel").status_code == 200
        assert _logga_in(client, "rut", RATT).status_code == 302


def test_a_single_typo_before_logging_in_never_locks_anyone_out(client):
    factories.anvandare(username="rut")
    with time_machine.travel("2026-03-02 08:00 +01:00", tick=False) as resa:
        for _ in range(3):  # three mornings' worth of typos in one quarter of an hour
            _logga_in(client, "rut", "fel")
            assert _logga_in(client, "rut", RATT).status_code == 302
            client.logout()
            resa.shift(datetime.timedelta(minutes=4))
        assert _logga_in(client, "rut", RATT).status_code == 302


def test_it_ignores_x_forwarded_for_without_trusted_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert klientadress(request) == "10.9.9.9"


def test_it_reads_the_client_behind_the_trusted_proxy(settings):
    # The client wrote the leftmost entry itself; the balancer appended the real one.
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.7"
    )
    assert klientadress(request) == "192.0.2.7"
