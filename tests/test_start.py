"""The start page after login: what each role comes back for."""

import datetime

import pytest
from django.utils import timezone

from arenden.models import Organ, Person, Sammantrade, Tjansteskrivelse, Uppdrag
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_handlaggare_sees_their_cases_and_drafts(client, handlaggare):
    mitt = factories.arende("Mitt ärende om tandvård", handlaggare=handlaggare)
    factories.arende("Någon annans ärende")
    Tjansteskrivelse.objects.create(arende=mitt, titel="Mitt utkast", handlaggare=handlaggare)
    client.force_login(handlaggare)
    sida = client.get("/").text
    assert "Mitt ärende om tandvård" in sida
    assert "Någon annans ärende" not in sida
    assert "Mitt utkast" in sida
    assert "Kommande sammanträden" not in sida


def test_a_handlaggare_with_many_cases_gets_a_link_to_the_filtered_list(client, handlaggare):
    for i in range(12):
        factories.arende(f"Ärende {i}", handlaggare=handlaggare)
    client.force_login(handlaggare)
    sida = client.get("/").text
    assert f"?handlaggare={handlaggare.username}&amp;status=pagaende" in sida
    assert "Alla 12 pågående ärenden" in sida


def test_a_registrator_sees_the_latest_registrations_with_secrets_masked(client, registrator):
    arende = factories.arende("Senaste ärendet")
    factories.handling(arende, beskrivning="Vanlig skrivelse")
    hemlig = factories.handling(arende, beskrivning="Journal för patient")
    factories.sekretessmarkera(hemlig, anvandare_=registrator)
    behorig = factories.anvandare("Registrator", se_sekretess=True)
    client.force_login(behorig)
    sida = client.get("/").text
    assert "Senaste ärendet" in sida
    assert "Vanlig skrivelse" in sida
    assert "Journal för patient" not in sida
    assert "Sekretessmarkerad handling" in sida


def test_a_politician_sees_the_meetings_of_their_own_organs(client, politiker):
    idag = timezone.localdate()
    rs, rf = factories.organ("RS"), factories.organ("RF", typ=Organ.Typ.FULLMAKTIGE)
    skickad = Sammantrade.Status.KALLELSE_SKICKAD  # politicians see meetings once called
    dag = datetime.timedelta(days=1)
    Sammantrade.objects.create(organ=rs, datum=idag + 7 * dag, plats="Rum A", status=skickad)
    Sammantrade.objects.create(organ=rf, datum=idag + 9 * dag, plats="Rum B", status=skickad)
    Sammantrade.objects.create(organ=rs, datum=idag - 7 * dag, plats="Rum C", status=skickad)
    Sammantrade.objects.create(organ=rs, datum=idag + 8 * dag, plats="Rum D")
    person = Person.objects.create(namn="Per Politiker", anvandare=politiker)
    Uppdrag.objects.create(organ=rs, person=person, roll="ledamot", fran=idag)
    client.force_login(politiker)
    sida = client.get("/").text
    assert "Rum A" in sida
    assert "Rum B" not in sida  # not their organ
    assert "Rum C" not in sida  # already held
    assert "Rum D" not in sida  # no kallelse yet
    assert "Mina utkast" not in sida


def test_a_secretary_sees_all_upcoming_meetings(client, sekreterare):
    idag = timezone.localdate()
    Sammantrade.objects.create(organ=factories.organ("RS"), datum=idag, plats="Rum A")
    Sammantrade.objects.create(organ=factories.organ("RF"), datum=idag, plats="Rum B")
    client.force_login(sekreterare)
    sida = client.get("/").text
    assert "Rum A" in sida and "Rum B" in sida


def test_a_user_without_a_role_is_told_so(client, utan_roll):
    client.force_login(utan_roll)
    assert "Ditt konto har ingen roll ännu." in client.get("/").text


def test_meeting_times_are_written_the_swedish_way(client, sekreterare):
    Sammantrade.objects.create(
        organ=factories.organ("RS"),
        datum=timezone.localdate(),
        starttid=datetime.time(9, 0),
        plats="Rum A",
    )
    client.force_login(sekreterare)
    sida = client.get("/").text
    assert "kl. 09.00" in sida
    assert "09:00" not in sida
