"""/sammantraden/: the list, planning and editing a meeting, an organ's members, the queue."""

import datetime

import pytest
from django.utils import timezone

from arenden.models import Historik, Organ, Sammantrade
from arenden.services import sammantraden
from tests import factories

pytestmark = pytest.mark.django_db


def _rs():
    return factories.organ("RS", "Regionstyrelsen")


def test_it_lists_coming_and_past_meetings_for_the_secretariat(client, sekreterare):
    idag = timezone.localdate()
    factories.sammantrade(_rs(), datum=idag + datetime.timedelta(days=10))
    factories.sammantrade(_rs(), datum=idag - datetime.timedelta(days=30))
    client.force_login(sekreterare)
    svar = client.get("/sammantraden/")
    assert svar.status_code == 200
    assert svar.context["kommande"].count() == 1
    assert svar.context["tidigare"].count() == 1
    assert "Planera sammanträde" in svar.content.decode()


def test_a_politician_sees_no_unsent_agenda(client, politiker):
    factories.sammantrade(_rs())
    skickat = factories.sammantrade(_rs(), status=Sammantrade.Status.KALLELSE_SKICKAD)
    client.force_login(politiker)
    svar = client.get("/sammantraden/")
    assert list(svar.context["kommande"]) == [skickat]
    assert "Planera sammanträde" not in svar.content.decode()


def test_it_filters_by_organ(client, sekreterare):
    rs = factories.sammantrade(_rs())
    factories.sammantrade(factories.organ("RF", "Regionfullmäktige", Organ.Typ.FULLMAKTIGE))
    client.force_login(sekreterare)
    assert list(client.get("/sammantraden/?organ=RS").context["kommande"]) == [rs]


def test_it_plans_a_meeting(client, sekreterare):
    organ = _rs()
    ordforande = factories.person("Anna Ordförande")
    factories.uppdrag(organ, ordforande, funktion="Ordförande")
    client.force_login(sekreterare)
    svar = client.post(
        "/sammantraden/ny/",
        {
            "organ": organ.pk,
            "datum": "2030-05-14",
            "starttid": "09:00",
            "sluttid": "16:00",
            "plats": "Regionens hus, sal Storsjön",
            "ordforande": ordforande.pk,
            "justering_plats": "Regionkansliet, Östersund",
            "justering_datum": "2030-05-21",
        },
    )
    sammantrade = Sammantrade.objects.get()
    assert svar.status_code == 302
    assert svar["Location"] == f"/sammantraden/{sammantrade.pk}/dagordning/"
    assert sammantrade.status == Sammantrade.Status.PLANERAT
    assert sammantrade.ordforande == ordforande
    assert sammantrade.sluttid == datetime.time(16, 0)
    post = Historik.objects.get(objekt_typ="sammantrade", objekt_id=str(sammantrade.pk))
    assert post.handelse == "Sammanträdet planerades"
    assert post.anvandare == sekreterare


def test_it_refuses_a_meeting_that_ends_before_it_starts(client, sekreterare):
    client.force_login(sekreterare)
    svar = client.post(
        "/sammantraden/ny/",
        {"organ": _rs().pk, "datum": "2030-05-14", "starttid": "13:00", "sluttid": "09:00"},
    )
    assert svar.status_code == 400
    assert "Sluttiden måste vara efter starttiden." in svar.content.decode()
    assert not Sammantrade.objects.exists()


def test_it_refuses_justering_before_the_meeting(client, sekreterare):
    client.force_login(sekreterare)
    svar = client.post(
        "/sammantraden/ny/",
        {"organ": _rs().pk, "datum": "2030-05-14", "justering_datum": "2030-05-01"},
    )
    assert svar.status_code == 400
    assert "Protokollet kan inte justeras före sammanträdet." in svar.content.decode()


def test_planning_is_403_for_others_and_405_for_other_methods(client, politiker, handlaggare):
    for user in (politiker, handlaggare):
        client.force_login(user)
        assert client.get("/sammantraden/ny/").status_code == 403
        assert client.post("/sammantraden/ny/", {"organ": _rs().pk}).status_code == 403
    client.force_login(factories.anvandare("Nämndsekreterare"))
    assert client.delete("/sammantraden/ny/").status_code == 405


def test_it_edits_a_meeting_with_history(client, sekreterare):
    sammantrade = factories.sammantrade(_rs(), plats="Sal A")
    client.force_login(sekreterare)
    svar = client.post(
        f"/sammantraden/{sammantrade.pk}/andra/",
        {"datum": f"{sammantrade.datum:%Y-%m-%d}", "starttid": "10:00", "plats": "Sal B"},
    )
    assert svar.status_code == 302
    sammantrade.refresh_from_db()
    assert sammantrade.plats == "Sal B"
    post = Historik.objects.filter(handelse="Sammanträdets uppgifter ändrades").get()
    assert post.fore["plats"] == "Sal A" and post.efter["plats"] == "Sal B"


def test_a_sent_meeting_is_not_moved_to_another_day(client, sekreterare):
    sammantrade = factories.sammantrade(_rs(), status=Sammantrade.Status.KALLELSE_SKICKAD)
    client.force_login(sekreterare)
    nytt = sammantrade.datum + datetime.timedelta(days=1)
    svar = client.post(f"/sammantraden/{sammantrade.pk}/andra/", {"datum": f"{nytt:%Y-%m-%d}"})
    assert svar.status_code == 400
    assert "Kallelsen är skickad med ett annat datum" in svar.content.decode()
    sammantrade.refresh_from_db()
    assert sammantrade.datum != nytt


def test_editing_is_403_404_and_405(client, sekreterare, politiker):
    sammantrade = factories.sammantrade(_rs())
    client.force_login(politiker)
    assert client.get(f"/sammantraden/{sammantrade.pk}/andra/").status_code == 403
    assert client.post(f"/sammantraden/{sammantrade.pk}/andra/", {}).status_code == 403
    client.force_login(sekreterare)
    assert client.post("/sammantraden/99999/andra/", {}).status_code == 404
    assert client.put(f"/sammantraden/{sammantrade.pk}/andra/").status_code == 405


def test_an_imported_meeting_is_not_edited(sekreterare, demodata):
    importerat = Sammantrade.objects.exclude(kalla="").first()
    with pytest.raises(Exception, match="inläst ur en källa"):
        sammantraden.andra_sammantrade(importerat, anvandare=sekreterare, plats="Ny plats")


def test_it_shows_the_members_of_an_organ_with_their_terms(client, politiker):
    organ = _rs()
    nu = factories.person("Nils Nuvarande", parti="C")
    forr = factories.person("Frida Förra", parti="L")
    factories.uppdrag(organ, nu, funktion="Ordförande")
    factories.uppdrag(
        organ, forr, "ersattare", fran=datetime.date(2019, 1, 1), till=datetime.date(2022, 12, 31)
    )
    client.force_login(politiker)
    svar = client.get("/sammantraden/organ/RS/")
    assert svar.status_code == 200
    assert [u.person for u in svar.context["nuvarande"]] == [nu]
    assert [u.person for u in svar.context["tidigare"]] == [forr]
    assert "2019-01-01–2022-12-31" in svar.content.decode()
    assert client.get("/sammantraden/organ/XYZ/").status_code == 404


def test_the_queue_is_for_the_secretariat(client, politiker, sekreterare):
    factories.organ("RF", "Regionfullmäktige", Organ.Typ.FULLMAKTIGE)
    client.force_login(politiker)
    assert client.get("/sammantraden/organ/RF/ko/").status_code == 403
    client.force_login(sekreterare)
    assert client.get("/sammantraden/organ/RF/ko/").status_code == 200
    assert client.get("/sammantraden/organ/XYZ/ko/").status_code == 404


def test_the_start_page_shows_a_politician_only_sent_meetings(client, politiker):
    factories.sammantrade(_rs())
    skickat = factories.sammantrade(_rs(), status=Sammantrade.Status.KALLELSE_SKICKAD)
    client.force_login(politiker)
    assert list(client.get("/").context["kommande"]) == [skickat]


def test_the_list_names_chair_and_secretary(client, sekreterare):
    factories.sammantrade(
        _rs(),
        ordforande=factories.person("Anna Ordförande", parti="S"),
        sekreterare=factories.person("Sara Sekreterare"),
    )
    client.force_login(sekreterare)
    html = client.get("/sammantraden/").content.decode()
    assert '<th scope="col">Ordförande</th><th scope="col">Sekreterare</th>' in html
    assert "<td>Anna Ordförande (S)</td>" in html and "<td>Sara Sekreterare</td>" in html


def test_planning_preselects_the_board_whose_diarium_this_is(client, sekreterare):
    # Regionfullmäktige comes first in the list; the register serves Regionstyrelsen.
    rf = factories.organ("RF", "Regionfullmäktige", Organ.Typ.FULLMAKTIGE)
    rs = factories.organ("RS", "Regionstyrelsen")
    factories.diarium("RS", "Regionstyrelsens diarium")
    client.force_login(sekreterare)
    html = client.get("/sammantraden/ny/").content.decode()
    assert f'<option value="{rs.pk}" selected>' in html
    assert f'<option value="{rf.pk}" selected>' not in html
    # Coming from one organ's list, that organ is chosen.
    html = client.get("/sammantraden/ny/?organ=RF").content.decode()
    assert f'<option value="{rf.pk}" selected>' in html
