"""The case page at /arenden/<prefix>-<nr>-<år>/."""

import pytest

from arenden.models import Tjansteskrivelse
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_shows_the_case_with_its_handlingar(client, registrator):
    arende = factories.arende("Gemensam plan för primärvård", anvandare_=registrator)
    factories.handling(arende, beskrivning="Remissvar från kommunen")
    client.force_login(registrator)
    sida = client.get(arende.get_absolute_url())
    assert sida.status_code == 200
    assert "Gemensam plan för primärvård" in sida.text
    assert "Remissvar från kommunen" in sida.text
    assert "Ärendet registrerades" in sida.text  # the history


@pytest.mark.parametrize("slug", ["RS-99999-2017", "XX-1-2017", "inte-ett-nummer", "RS-1-20a7"])
def test_it_answers_404_for_an_unknown_diarienummer(client, registrator, slug):
    factories.arende()
    client.force_login(registrator)
    assert client.get(f"/arenden/{slug}/").status_code == 404


def test_it_requires_login(client):
    arende = factories.arende()
    assert client.get(arende.get_absolute_url()).status_code == 302


def test_it_hides_drafts_from_politicians(client, politiker, handlaggare):
    arende = factories.arende()
    Tjansteskrivelse.objects.create(arende=arende, titel="Hemligt utkast om budget")
    client.force_login(politiker)
    assert "Hemligt utkast om budget" not in client.get(arende.get_absolute_url()).text
    client.force_login(handlaggare)
    assert "Hemligt utkast om budget" in client.get(arende.get_absolute_url()).text


def test_it_masks_a_secret_handling_for_users_without_the_right(client, politiker):
    arende = factories.arende()
    handling = factories.handling(arende, beskrivning="Patientjournal för Kalle")
    handling.sekretess_bestammelse = "OSL 25 kap 1 §"
    handling.save()
    client.force_login(politiker)
    sida = client.get(arende.get_absolute_url()).text
    assert "Patientjournal för Kalle" not in sida
    assert "Sekretessmarkerad" in sida


def test_the_number_of_queries_does_not_grow_with_the_handlingar(client, registrator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    behorig = factories.anvandare("Registrator", se_sekretess=True)

    def fragor(arende):
        with CaptureQueriesContext(connection) as fangat:
            assert client.get(arende.get_absolute_url()).status_code == 200
        return len(fangat)

    client.force_login(behorig)
    liten, stor = factories.arende("Litet"), factories.arende("Stort")
    for arende, antal in [(liten, 1), (stor, 12)]:
        for i in range(antal):
            h = factories.handling(arende, beskrivning=f"Handling {i}")
            factories.sekretessmarkera(h, anvandare_=registrator)
    assert fragor(liten) == fragor(stor)


def test_it_shows_decisions_with_their_paragraph_and_meeting(client, handlaggare):
    import datetime

    from arenden.models import Beslut, Sammantrade

    arende = factories.arende("Ärende med beslut")
    organ = factories.organ("RS")
    mote = Sammantrade.objects.create(organ=organ, datum=datetime.date(2026, 3, 17))
    Beslut.objects.create(
        organ=organ, ar=2026, paragraf=42, sammantrade=mote, arende=arende, beslutstext="Bifall."
    )
    client.force_login(handlaggare)
    sida = client.get(arende.get_absolute_url()).text
    assert "2026-03-17</a> § 42" in sida
    assert "Bifall." in sida


def _sparat_utkast(arende, handlaggare):
    """A draft saved through the editor's path, so its text is in the history."""
    from arenden.services import tjansteskrivelser

    skrivelse = factories.tjansteskrivelse(
        arende, anvandare_=handlaggare, titel="Utkast om nedlagd vårdcentral"
    )
    data = tjansteskrivelser.innehall(skrivelse)
    data["avsnitt"] = [{"rubrik": "Bakgrund", "text": "Vårdcentralen i Hammarstrand stängs."}]
    tjansteskrivelser.spara(skrivelse, data, anvandare=handlaggare, bas_version=skrivelse.version)
    return skrivelse


def test_it_keeps_a_saved_drafts_text_out_of_the_history_for_politicians(
    client, politiker, handlaggare
):
    arende = factories.arende()
    _sparat_utkast(arende, handlaggare)
    client.force_login(politiker)
    sida = client.get(arende.get_absolute_url()).text
    assert "Hammarstrand" not in sida
    assert "nedlagd vårdcentral" not in sida
    assert "Händelse i en tjänsteskrivelse som inte är klar" in sida
    client.force_login(handlaggare)
    sida = client.get(arende.get_absolute_url()).text
    assert "Hammarstrand" in sida  # those who may see drafts see the change
    assert "nedlagd vårdcentral" in sida


def test_it_keeps_a_secret_tjansteskrivelse_out_of_the_history(client, registrator, handlaggare):
    from arenden.services import tjansteskrivelser

    arende = factories.arende()
    skrivelse = _sparat_utkast(arende, handlaggare)
    handling = factories.handling(
        arende, beskrivning="Tjänsteskrivelse", tjansteskrivelse=skrivelse
    )
    factories.sekretessmarkera(handling, anvandare_=registrator)
    client.force_login(handlaggare)  # may see drafts, not secret material
    sida = client.get(arende.get_absolute_url()).text
    assert "Hammarstrand" not in sida
    assert "Händelse i en sekretessmarkerad tjänsteskrivelse" in sida
    behorig = factories.anvandare("Handläggare", se_sekretess=True)
    client.force_login(behorig)
    assert "Hammarstrand" in client.get(arende.get_absolute_url()).text
    assert tjansteskrivelser.far_se(skrivelse, behorig)
