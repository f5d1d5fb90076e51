"""Correcting a case registered wrongly: its title, deciding organ and case type.

Through the domain function, with the before and after in the history and the search
documents rebuilt; the diarienummer never changes.
"""

import pytest
from django.utils import timezone

from arenden.models import Arende, Historik, Organ
from arenden.services import arenden as arendetjanst
from tests import factories

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


@pytest.fixture
def organ():
    return (
        factories.organ("RS", "Regionstyrelsen"),
        factories.organ("HSN", "Hälso- och sjukvårdsnämnden", Organ.Typ.NAMND),
    )


@pytest.fixture
def arende(organ):
    return factories.arende("Motion om tandvård", organ=organ[0])


def url(arende):
    return f"{arende.get_absolute_url()}ratta/"


def test_it_corrects_title_organ_and_type(client, arende, organ, registrator):
    nummer = arende.diarienummer
    client.force_login(registrator)
    svar = client.post(
        url(arende),
        {"titel": "Remiss om   tandvårdsstöd ", "organ": organ[1].pk, "typ": "remiss"},
    )
    assert svar.status_code == 302
    arende.refresh_from_db()
    assert (arende.titel, arende.organ, arende.typ) == (
        "Remiss om tandvårdsstöd",
        organ[1],
        Arende.Typ.REMISS,
    )
    assert arende.diarienummer == nummer
    post = Historik.objects.get(handelse="Ärendet rättades")
    assert post.anvandare == registrator
    assert ("titel", "Motion om tandvård", "Remiss om tandvårdsstöd") in post.andringar
    assert ("organ", str(organ[0]), str(organ[1])) in post.andringar
    assert ("typ", "arende", "remiss") in post.andringar
    sida = client.get(arende.get_absolute_url()).text
    assert "Ärendet är rättat." in sida
    assert "<dd>Remiss</dd>" in sida
    assert f"<dd>{organ[1]}</dd>" in sida


def test_the_corrected_title_is_found_and_the_old_is_not(client, arende, registrator):
    client.force_login(registrator)
    client.post(url(arende), {"titel": "Remiss om glasögonbidrag", "typ": "arende"})
    lista = client.get("/arenden/", {"q": "glasögonbidrag"}).text
    assert arende.diarienummer in lista
    assert "0 ärenden" in client.get("/arenden/", {"q": "tandvård"}).text
    # The public title was the title, so the public diary follows the correction.
    assert "Remiss om glasögonbidrag" in client.get("/diarium/", {"q": "glasögonbidrag"}).text


def test_a_public_title_of_its_own_is_kept(client, arende, registrator):
    arendetjanst.satt_publik_titel(arende, anvandare=registrator, publik_titel="Tandvårdsärende")
    client.force_login(registrator)
    client.post(url(arende), {"titel": "Motion om tandvårdsstöd", "typ": "motion"})
    arende.refresh_from_db()
    assert arende.publik_titel == "Tandvårdsärende"


def test_it_answers_htmx_with_the_header_and_the_history(client, arende, registrator):
    client.force_login(registrator)
    svar = client.post(url(arende), {"titel": "Motion om ögonvård", "typ": "motion"}, headers=HX)
    assert svar.status_code == 200
    assert svar.text.lstrip().startswith('<header id="arende-fakta"')
    assert "<h1>Motion om ögonvård</h1>" in svar.text
    assert 'hx-swap-oob="true"' in svar.text
    assert "Ärendet rättades" in svar.text


@pytest.mark.parametrize("titel", ["", "   ", "\t\n"])
def test_it_refuses_an_empty_title_and_keeps_what_was_chosen(
    client, arende, organ, registrator, titel
):
    client.force_login(registrator)
    svar = client.post(
        url(arende), {"titel": titel, "organ": organ[1].pk, "typ": "remiss"}, headers=HX
    )
    assert svar.status_code == 400
    assert "Ange ärendets titel." in svar.text
    assert f'<option value="{organ[1].pk}" selected>' in svar.text
    assert '<option value="remiss" selected>' in svar.text
    assert "<details open>" in svar.text
    arende.refresh_from_db()
    assert arende.titel == "Motion om tandvård"
    assert not Historik.objects.filter(handelse="Ärendet rättades").exists()


def test_it_refuses_an_unknown_organ_and_type(client, arende, registrator):
    client.force_login(registrator)
    svar = client.post(url(arende), {"titel": "Ny titel", "organ": 999, "typ": "hemligt"})
    assert svar.status_code == 400
    assert "Organet finns inte. Välj ett i listan." in svar.text
    assert "Välj en av ärendetyperna i listan." in svar.text
    assert 'value="Ny titel"' in svar.text
    arende.refresh_from_db()
    assert arende.titel == "Motion om tandvård"


def test_it_refuses_a_title_too_long(client, arende, registrator):
    client.force_login(registrator)
    svar = client.post(url(arende), {"titel": "x" * 501, "typ": "arende"})
    assert svar.status_code == 400
    assert "Titeln får vara högst 500 tecken." in svar.text


def test_a_motions_case_keeps_its_type(client, registrator):
    motion = factories.motion()
    client.force_login(registrator)
    svar = client.post(url(motion.arende), {"titel": "Motion om annat", "typ": "arende"})
    assert svar.status_code == 400
    assert "behåller sin ärendetyp" in svar.text
    motion.arende.refresh_from_db()
    assert motion.arende.typ == Arende.Typ.MOTION


def test_a_closed_case_can_be_corrected_like_its_public_title(client, arende, registrator):
    # Handläggare and public title may be changed on a closed case; so may a wrong title.
    arendetjanst.avsluta_arende(arende, anvandare=registrator, datum=timezone.localdate())
    client.force_login(registrator)
    assert "Rätta ärendet" in client.get(arende.get_absolute_url()).text
    client.post(url(arende), {"titel": "Motion om tandvårdsstöd", "typ": "motion"})
    arende.refresh_from_db()
    assert (arende.titel, arende.status) == ("Motion om tandvårdsstöd", Arende.Status.AVSLUTAT)


def test_the_domain_function_never_changes_the_diarienummer(arende, registrator):
    fore = arende.diarienummer
    rattat = arendetjanst.ratta_arende(
        arende, anvandare=registrator, titel="Annan titel", organ=None, typ="arende"
    )
    assert rattat.diarienummer == fore
    assert Arende.objects.get(pk=arende.pk).diarienummer == fore


@pytest.mark.parametrize("grupp", ["Politiker", None])
def test_it_is_forbidden_without_the_right(client, arende, grupp):
    client.force_login(factories.anvandare(grupp) if grupp else factories.anvandare())
    assert client.post(url(arende), {"titel": "Annat", "typ": "arende"}).status_code == 403
    arende.refresh_from_db()
    assert arende.titel == "Motion om tandvård"


def test_politicians_are_not_offered_the_form(client, arende, politiker):
    client.force_login(politiker)
    assert "Rätta ärendet" not in client.get(arende.get_absolute_url()).text


def test_it_answers_404_for_an_unknown_case(client, registrator):
    client.force_login(registrator)
    svar = client.post("/arenden/RS-4242-2020/ratta/", {"titel": "X", "typ": "arende"})
    assert svar.status_code == 404


def test_it_answers_405_to_get(client, arende, registrator):
    client.force_login(registrator)
    assert client.get(url(arende)).status_code == 405
