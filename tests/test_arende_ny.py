"""Registering a case at /arenden/ny/: the number, the redirect, and every refusal."""

import pytest
import time_machine
from django.utils import timezone

from arenden.models import Arende, Historik
from tests import factories

pytestmark = pytest.mark.django_db
URL = "/arenden/ny/"


@pytest.mark.parametrize("grupp", ["Registrator", "Handläggare", "Nämndsekreterare"])
def test_it_registers_for_every_registering_group(client, rs, grupp):
    client.force_login(factories.anvandare(grupp))
    svar = client.post(URL, {"diarium": rs.pk, "titel": "Remiss om nära vård", "typ": "remiss"})
    arende = Arende.objects.get()
    ar = timezone.localdate().year
    assert arende.diarienummer == f"RS/1/{ar}"
    assert svar.status_code == 302
    assert svar["Location"] == f"/arenden/RS-1-{ar}/"
    sida = client.get(svar["Location"])
    assert "Remiss om nära vård" in sida.text
    assert f"RS/1/{ar}" in sida.text


def test_it_gives_consecutive_numbers(client, registrator, rs):
    client.force_login(registrator)
    for titel in ["Första", "Andra", "Tredje"]:
        client.post(URL, {"diarium": rs.pk, "titel": titel, "typ": "arende"})
    assert sorted(Arende.objects.values_list("lopnummer", flat=True)) == [1, 2, 3]


def test_it_uses_the_stockholm_year_at_new_year(client, registrator, rs):
    # 23:30 UTC on New Year's Eve is already 00:30 on New Year's Day in Stockholm.
    with time_machine.travel("2026-12-31 23:30:00+00:00", tick=False):
        client.force_login(registrator)
        client.post(URL, {"diarium": rs.pk, "titel": "Nyårsärende", "typ": "arende"})
    assert Arende.objects.get().diarienummer == "RS/1/2027"


def test_it_records_the_registration_in_the_history(client, registrator, rs):
    client.force_login(registrator)
    client.post(URL, {"diarium": rs.pk, "titel": "Ärende med historik", "typ": "arende"})
    post = Historik.objects.get()
    assert post.anvandare == registrator
    assert post.efter["titel"] == "Ärende med historik"
    assert post.arende == Arende.objects.get()


def test_it_sets_the_public_title_to_the_title_when_left_empty(client, registrator, rs):
    client.force_login(registrator)
    client.post(URL, {"diarium": rs.pk, "titel": "Intern titel", "typ": "arende"})
    assert Arende.objects.get().publik_titel == "Intern titel"


@pytest.mark.parametrize("titel", ["", "    ", "\t\n"])
def test_it_refuses_a_missing_or_blank_title(client, registrator, rs, titel):
    client.force_login(registrator)
    svar = client.post(URL, {"diarium": rs.pk, "titel": titel, "publik_titel": "Behålls"})
    assert svar.status_code == 400
    assert "Ange ärendets titel." in svar.text
    assert 'value="Behålls"' in svar.text  # what the user typed is kept
    assert not Arende.objects.exists()


def test_it_refuses_a_diarium_that_does_not_exist(client, registrator, rs):
    client.force_login(registrator)
    svar = client.post(URL, {"diarium": 9999, "titel": "Ett ärende", "typ": "arende"})
    assert svar.status_code == 400
    assert "Diariet finns inte" in svar.text
    assert 'value="Ett ärende"' in svar.text
    assert not Arende.objects.exists()


@pytest.mark.parametrize("grupp", ["Politiker", None])
def test_it_forbids_users_outside_the_registering_groups(client, rs, grupp):
    user = factories.anvandare(grupp) if grupp else factories.anvandare()
    client.force_login(user)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"diarium": rs.pk, "titel": "X", "typ": "arende"}).status_code == 403
    assert not Arende.objects.exists()


def test_it_redirects_anonymous_users_to_login(client, rs):
    svar = client.get(URL)
    assert svar.status_code == 302
    assert svar["Location"].startswith("/login/")


def test_it_answers_405_to_other_methods(client, registrator):
    client.force_login(registrator)
    assert client.put(URL).status_code == 405
    assert client.delete(URL).status_code == 405


def test_the_form_is_swedish_and_labelled(client, registrator, rs):
    client.force_login(registrator)
    sida = client.get(URL).text
    assert '<html lang="sv">' in sida
    assert '<label for="id_titel">' in sida
    assert "Registrera" in sida


def test_an_empty_post_is_answered_with_the_missing_fields(client, registrator, rs):
    client.force_login(registrator)
    svar = client.post(URL, {})
    assert svar.status_code == 400
    assert "Ange ärendets titel." in svar.text
    assert not Arende.objects.exists()


def test_it_keeps_a_title_typed_with_extra_spaces_as_one_line(client, registrator, rs):
    client.force_login(registrator)
    client.post(
        URL,
        {
            "diarium": rs.pk,
            "titel": "  Motion om   fler\tvårdplatser \n",
            "publik_titel": "Motion  om\u00a0vårdplatser ",
            "typ": "motion",
        },
    )
    arende = Arende.objects.get()
    assert arende.titel == "Motion om fler vårdplatser"
    assert arende.publik_titel == "Motion om vårdplatser"


def test_the_domain_function_collapses_spaces_for_every_caller(rs):
    arende = factories.arende("Remiss   om\n nära vård")
    assert (arende.titel, arende.publik_titel) == ("Remiss om nära vård", "Remiss om nära vård")
