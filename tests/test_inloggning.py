"""Everything but the public pages needs a login; the admin edits reference data only."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/arenden/", "/arenden/ny/", "/sammantraden/"])
def test_it_redirects_anonymous_users_to_login(client, url):
    svar = client.get(url)
    assert svar.status_code == 302
    assert svar["Location"].startswith("/login/")


@pytest.mark.parametrize("url", ["/diarium/", "/login/"])
def test_public_pages_need_no_login(client, url):
    assert client.get(url).status_code == 200


def test_login_with_the_right_password(client):
    user = factories.anvandare("Registrator", username="rut")
    svar = client.post("/login/", {"username": "rut", "password": "ett-langt-losenord-123"})
    assert svar.status_code == 302
    assert client.get("/").context["user"] == user


def test_login_with_a_wrong_password_says_so_in_swedish(client):
    factories.anvandare(username="rut")
    svar = client.post("/login/", {"username": "rut", "password": "fel"})
    assert svar.status_code == 200
    assert "användarnamn och lösenord" in svar.text.lower()
    assert 'value="rut"' in svar.text


def test_the_start_page_shows_each_role_its_own_panels(client):
    client.force_login(factories.anvandare("Handläggare"))
    assert "Mina ärenden" in client.get("/").text
    client.force_login(factories.anvandare("Registrator"))
    assert "Senast registrerade" in client.get("/").text
    client.force_login(factories.anvandare("Politiker"))
    sida = client.get("/").text
    assert "Kommande sammanträden" in sida and "Mina ärenden" not in sida


def test_the_admin_cannot_change_registered_data(admin_client):
    arende = factories.arende()
    assert admin_client.get("/admin/arenden/arende/").status_code == 200
    svar = admin_client.post(f"/admin/arenden/arende/{arende.pk}/change/", {"titel": "Ändrad"})
    arende.refresh_from_db()
    assert arende.titel != "Ändrad"
    assert svar.status_code == 403
    assert admin_client.get("/admin/arenden/arende/add/").status_code == 403


def test_the_admin_edits_reference_data_in_swedish(admin_client):
    sida = admin_client.get("/admin/arenden/organ/add/")
    assert sida.status_code == 200
    assert "Lägg till organ" in sida.text


def test_the_admin_refuses_a_diarium_prefix_the_parser_cannot_read(admin_client):
    svar = admin_client.post("/admin/arenden/diarium/add/", {"prefix": "R-S", "namn": "Fel"})
    assert svar.status_code == 200
    assert "Prefixet ska vara" in svar.text
    svar = admin_client.post("/admin/arenden/diarium/add/", {"prefix": "HSN", "namn": "Rätt"})
    assert svar.status_code == 302
