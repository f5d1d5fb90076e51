"""The case page's actions: handläggare, status, public title, closing, voiding a handling.

Each is an HTMX form that answers with its part of the page, and a plain POST that
redirects back; each writes the history and refuses 403/404/405.
"""

import pytest
from django.utils import timezone

from arenden.models import Arende, Historik
from tests import factories

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


@pytest.fixture
def arende():
    return factories.arende("Översyn av primärvården")


def test_it_changes_the_handlaggare(client, arende, registrator, handlaggare):
    client.force_login(registrator)
    svar = client.post(f"{arende.get_absolute_url()}handlaggare/", {"handlaggare": handlaggare.pk})
    assert svar.status_code == 302
    arende.refresh_from_db()
    assert arende.handlaggare == handlaggare
    post = Historik.objects.get(handelse="Handläggaren byttes")
    assert post.anvandare == registrator
    assert post.andringar == [("handlaggare", None, str(handlaggare))]


def test_it_refuses_a_handlaggare_who_is_not_one(client, arende, registrator, politiker):
    client.force_login(registrator)
    svar = client.post(
        f"{arende.get_absolute_url()}handlaggare/", {"handlaggare": politiker.pk}, headers=HX
    )
    assert svar.status_code == 400
    assert "Handläggaren finns inte. Välj en i listan." in svar.text
    assert svar.text.lstrip().startswith('<header id="arende-fakta"')
    arende.refresh_from_db()
    assert arende.handlaggare is None


def test_it_changes_the_status_and_answers_htmx_with_the_header(client, arende, handlaggare):
    client.force_login(handlaggare)
    svar = client.post(f"{arende.get_absolute_url()}status/", {"status": "vilande"}, headers=HX)
    assert svar.status_code == 200
    assert "<dd>Vilande</dd>" in svar.text
    assert 'hx-swap-oob="true"' in svar.text  # the history follows
    assert "Statusen är sparad." in svar.text
    assert Arende.objects.get().status == "vilande"


def test_it_closes_and_reopens_the_case(client, arende, registrator):
    client.force_login(registrator)
    idag = timezone.localdate().isoformat()
    svar = client.post(f"{arende.get_absolute_url()}avsluta/", {"datum": idag})
    assert svar.status_code == 302
    arende.refresh_from_db()
    assert arende.status == Arende.Status.AVSLUTAT
    assert arende.avslutad.isoformat() == idag
    assert "Återuppta ärendet" in client.get(arende.get_absolute_url()).text
    client.post(f"{arende.get_absolute_url()}status/", {"status": "pagaende"})
    arende.refresh_from_db()
    assert (arende.status, arende.avslutad) == (Arende.Status.PAGAENDE, None)
    handelser = set(Historik.objects.values_list("handelse", flat=True))
    assert {"Ärendet avslutades", "Ärendet återupptogs"} <= handelser


def test_it_refuses_to_close_in_the_future(client, arende, registrator):
    client.force_login(registrator)
    imorgon = (timezone.localdate() + timezone.timedelta(days=1)).isoformat()
    svar = client.post(f"{arende.get_absolute_url()}avsluta/", {"datum": imorgon})
    assert svar.status_code == 400
    assert "Avslutsdatumet kan inte ligga i framtiden." in svar.text
    assert f'value="{imorgon}"' in svar.text
    assert Arende.objects.get().status == Arende.Status.PAGAENDE


def test_it_sets_the_public_title_and_the_diary_follows(client, arende, registrator):
    client.force_login(registrator)
    client.post(
        f"{arende.get_absolute_url()}publik-titel/",
        {"publik_titel": "Ärende om vårdens organisation"},
    )
    arende.refresh_from_db()
    assert arende.publik_titel == "Ärende om vårdens organisation"
    assert arende.titel == "Översyn av primärvården"
    publik = client.get("/diarium/", {"q": "organisation"}).text
    assert "Ärende om vårdens organisation" in publik
    assert "0 ärenden" in client.get("/diarium/", {"q": "Översyn"}).text


def test_it_refuses_an_empty_public_title(client, arende, registrator):
    client.force_login(registrator)
    svar = client.post(f"{arende.get_absolute_url()}publik-titel/", {"publik_titel": "   "})
    assert svar.status_code == 400
    assert "Ange den publika titeln." in svar.text
    # Without JS the whole page comes back, with each part once.
    assert svar.text.count('id="historik"') == 1
    assert svar.text.count('id="besked"') == 1


def makulera_url(handling):
    return f"{handling.arende.get_absolute_url()}handlingar/{handling.lopnummer}/makulera/"


def test_it_voids_a_handling_that_stays_visible_as_voided(client, arende, registrator):
    handling = factories.handling(arende, beskrivning="Felregistrerad skrivelse")
    client.force_login(registrator)
    svar = client.post(makulera_url(handling), {"h1-orsak": "Hör till RS/2/2026"}, headers=HX)
    assert svar.status_code == 200
    assert "Felregistrerad skrivelse" in svar.text
    assert "Makulerad</span>: Hör till RS/2/2026" in svar.text
    handling.refresh_from_db()
    assert handling.makulerad and handling.makulerad_av == registrator
    assert Historik.objects.filter(handelse=f"Handling {handling.beteckning} makulerades").exists()
    assert "Makulerad" in client.get(arende.get_public_url()).text


def test_it_needs_a_reason_to_void(client, arende, registrator):
    handling = factories.handling(arende)
    client.force_login(registrator)
    svar = client.post(makulera_url(handling), {"h1-orsak": ""})
    assert svar.status_code == 400
    assert "Ange varför handlingen makuleras." in svar.text
    handling.refresh_from_db()
    assert not handling.makulerad


def test_it_does_not_void_twice(client, arende, registrator):
    handling = factories.handling(arende)
    client.force_login(registrator)
    client.post(makulera_url(handling), {"h1-orsak": "Fel"})
    svar = client.post(makulera_url(handling), {"h1-orsak": "Igen"})
    assert svar.status_code == 400
    assert "Handlingen är redan makulerad." in svar.text


ATGARDER = [
    ("handlaggare/", {"handlaggare": ""}),
    ("status/", {"status": "vilande"}),
    ("publik-titel/", {"publik_titel": "Ny"}),
    ("avsluta/", {"datum": "2026-01-01"}),
    ("handlingar/1/makulera/", {"h1-orsak": "Fel"}),
]


@pytest.mark.parametrize(("slut", "data"), ATGARDER)
@pytest.mark.parametrize("grupp", ["Politiker", None])
def test_every_action_is_forbidden_without_the_right(client, arende, slut, data, grupp):
    factories.handling(arende)
    client.force_login(factories.anvandare(grupp) if grupp else factories.anvandare())
    fore = Historik.objects.count()
    assert client.post(arende.get_absolute_url() + slut, data).status_code == 403
    assert Historik.objects.count() == fore


@pytest.mark.parametrize(("slut", "data"), ATGARDER)
def test_every_action_answers_404_for_an_unknown_case(client, registrator, slut, data):
    client.force_login(registrator)
    assert client.post(f"/arenden/RS-4242-2020/{slut}", data).status_code == 404


def test_voiding_an_unknown_handling_answers_404(client, arende, registrator):
    client.force_login(registrator)
    assert client.post(f"{arende.get_absolute_url()}handlingar/7/makulera/").status_code == 404


@pytest.mark.parametrize(("slut", "data"), ATGARDER)
def test_every_action_answers_405_to_get(client, arende, registrator, slut, data):
    factories.handling(arende)
    client.force_login(registrator)
    assert client.get(arende.get_absolute_url() + slut).status_code == 405


def test_politicians_see_no_action_forms(client, arende, politiker):
    factories.handling(arende)
    client.force_login(politiker)
    sida = client.get(arende.get_absolute_url()).text
    assert "Åtgärder" not in sida
    assert "Registrera handling" not in sida
    assert "/status/" not in sida


def test_a_public_title_typed_with_extra_spaces_is_kept_as_one_line(client, arende, registrator):
    client.force_login(registrator)
    client.post(f"{arende.get_absolute_url()}publik-titel/", {"publik_titel": " Ärende  om\tvård "})
    arende.refresh_from_db()
    assert arende.publik_titel == "Ärende om vård"
