"""A form's address opened in the browser: a Swedish 405 page, not a blank one.

It happens after logging in again when the session expired: the login returns the
user to the address they posted to, now with GET.
"""

import pytest

from halsoval.middleware import formularsida
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def arende():
    arende = factories.arende()
    factories.handling(arende)
    return arende


def test_it_explains_and_links_to_the_page_of_the_form(client, arende, registrator):
    client.force_login(registrator)
    svar = client.get(f"{arende.get_absolute_url()}handlingar/1/makulera/")
    assert svar.status_code == 405
    assert svar["Allow"] == "POST"
    assert svar["Content-Type"].startswith("text/html")
    assert '<html lang="sv">' in svar.text
    assert "Den här adressen tar bara emot formulär" in svar.text
    lank = f'<a href="{arende.get_absolute_url()}handlingar/1/">Till sidan där formuläret finns</a>'
    assert lank in svar.text
    assert svar["Cache-Control"] == "no-store"


def test_after_logging_in_again_the_user_reads_the_page(client, arende, registrator):
    adress = f"{arende.get_absolute_url()}avsluta/"
    svar = client.post(adress, {"datum": "2026-01-01"})
    assert svar.status_code == 302 and svar["Location"].startswith("/login/")
    client.force_login(registrator)
    svar = client.get(adress)
    assert svar.status_code == 405
    assert f'<a href="{arende.get_absolute_url()}">' in svar.text


def test_it_links_past_an_address_that_is_itself_a_form(arende):
    bas = arende.get_absolute_url()
    assert formularsida(f"{bas}handlingar/1/sekretess/hav/") == f"{bas}handlingar/1/"
    assert formularsida(f"{bas}handlingar/1/makulera/") == f"{bas}handlingar/1/"
    assert formularsida(f"{bas}status/") == bas
    assert formularsida("/logout/") == "/"
    assert formularsida("//example.com/arenden/RS-1-2026/status/") == "/"


def test_a_class_based_view_gets_the_page_too(client, registrator):
    client.force_login(registrator)
    svar = client.get("/logout/")
    assert svar.status_code == 405
    assert "Den här adressen tar bara emot formulär" in svar.text
    assert '<a href="/">Till sidan där formuläret finns</a>' in svar.text


def test_another_refused_method_is_explained_without_the_form_link(client, registrator, rs):
    client.force_login(registrator)
    svar = client.put("/arenden/ny/")
    assert svar.status_code == 405
    assert svar["Allow"] == "GET, POST"
    assert "Adressen kan inte användas så" in svar.text
    assert "Till sidan där formuläret finns" not in svar.text


def test_the_page_carries_the_security_headers(client, arende, registrator):
    client.force_login(registrator)
    svar = client.get(f"{arende.get_absolute_url()}status/")
    assert svar.status_code == 405
    assert "Content-Security-Policy" in svar.headers
    assert svar["X-Frame-Options"] == "DENY"
