"""Registering a motion at /motioner/ny/: number, deadline, referral, and every refusal."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from arenden.models import Arende, Handling, Historik, Motion, Person, Sammantrade
from arenden.services import motioner as motionstjanst
from tests import factories

pytestmark = pytest.mark.django_db
URL = "/motioner/ny/"
D = datetime.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _organ(db):
    return factories.motionsorgan()


@pytest.fixture(autouse=True)
def _klocka():
    with time_machine.travel("2026-05-04 10:00:00+02:00", tick=False):
        yield


def data(**andringar):
    falt = {
        "typ": "motion",
        "titel": "Motion om ny hälsoekonomisk budgetmodell",
        "vackt": "2026-04-28",
        "text": "Primärvården ska styra vårdkedjan.",
        "motionarer-TOTAL_FORMS": "1",
        "motionarer-INITIAL_FORMS": "0",
        "motionarer-0-namn": "Anna Hildebrand",
        "motionarer-0-parti": "MP",
        "yrkanden-TOTAL_FORMS": "1",
        "yrkanden-INITIAL_FORMS": "0",
        "yrkanden-0-text": "Region Jämtland Härjedalen upprättar en ny budgetmodell.",
    }
    falt.update(andringar)
    return {k: v for k, v in falt.items() if v is not None}


def test_it_registers_a_motion_with_number_deadline_and_referral(client, registrator):
    client.force_login(registrator)
    svar = client.post(URL, data())
    motion = Motion.objects.get()
    arende = motion.arende
    assert svar.status_code == 302
    assert svar["Location"] == "/motioner/RS-1-2026/"
    assert arende.diarienummer == "RS/1/2026"
    assert arende.typ == Arende.Typ.MOTION
    assert arende.organ.forkortning == "RF"
    assert motion.remitterad_till.forkortning == "RS"
    assert motion.vackt == D(2026, 4, 28)
    assert motion.besvaras_senast == D(2027, 4, 28)
    assert [str(m.person) for m in motion.motionarer.all()] == ["Anna Hildebrand (MP)"]
    assert [y.text for y in motion.yrkanden.all()] == [
        "Region Jämtland Härjedalen upprättar en ny budgetmodell."
    ]
    # The motion itself is the case's first, inkommande handling.
    handling = Handling.objects.get()
    assert handling.beteckning == "RS/1/2026:1"
    assert handling.riktning == "inkommande"
    assert handling.datum == D(2026, 4, 28)
    assert handling.avsandare_mottagare == "Anna Hildebrand (MP)"
    assert handling.beskrivning == "Motion om ny hälsoekonomisk budgetmodell"
    sida = client.get(svar["Location"]).text
    assert "RS/1/2026 registrerades" in sida
    assert "2027-04-28" in sida


def test_it_records_the_registration_in_the_history(client, registrator):
    client.force_login(registrator)
    client.post(URL, data())
    post = Historik.objects.get(objekt_typ="motion")
    assert post.anvandare == registrator
    assert post.efter["motionarer"] == ["Anna Hildebrand (MP)"]
    assert post.efter["besvaras_senast"] == "2027-04-28"
    assert "remitterades till regionstyrelsen" in post.handelse


def test_it_takes_several_motionarer_existing_and_new(client, registrator):
    befintlig = Person.objects.create(namn="Bo Berg", parti="S")
    client.force_login(registrator)
    svar = client.post(
        URL,
        data(
            **{
                "motionarer-TOTAL_FORMS": "3",
                "motionarer-0-person": str(befintlig.pk),
                "motionarer-0-namn": "",
                "motionarer-0-parti": "",
                "motionarer-1-namn": "Cecilia Ek",
                "motionarer-1-parti": "m",
                "motionarer-2-namn": "",
            }
        ),
    )
    assert svar.status_code == 302
    motion = Motion.objects.get()
    assert [str(m.person) for m in motion.motionarer.all()] == ["Bo Berg (S)", "Cecilia Ek (M)"]
    assert motion.motionarer.first().person == befintlig
    assert Handling.objects.get().avsandare_mottagare == "Bo Berg (S) och Cecilia Ek (M)"


def test_a_new_name_already_in_the_register_is_the_same_person(client, registrator):
    befintlig = Person.objects.create(namn="Anna Hildebrand", parti="MP")
    client.force_login(registrator)
    client.post(URL, data())
    assert Motion.objects.get().motionarer.get().person == befintlig
    assert Person.objects.count() == 1


def test_it_takes_several_yrkanden_and_skips_empty_rows(client, registrator):
    client.force_login(registrator)
    client.post(
        URL,
        data(
            **{
                "yrkanden-TOTAL_FORMS": "3",
                "yrkanden-0-text": "att utreda saken",
                "yrkanden-1-text": "   ",
                "yrkanden-2-text": "att återkomma till fullmäktige",
            }
        ),
    )
    assert [y.text for y in Motion.objects.get().yrkanden.all()] == [
        "att utreda saken",
        "att återkomma till fullmäktige",
    ]


def test_it_keeps_an_uploaded_motion_as_the_handlings_file(client, registrator):
    client.force_login(registrator)
    fil = SimpleUploadedFile("motion.pdf", PDF, content_type="application/pdf")
    svar = client.post(URL, data(text="", fil=fil))
    assert svar.status_code == 302
    handling = Handling.objects.get()
    assert handling.filtyp == "application/pdf"
    assert handling.filnamn == "motion.pdf"
    assert handling.fil.read() == PDF


def test_it_refuses_a_file_whose_content_is_not_an_allowed_type(client, registrator):
    client.force_login(registrator)
    fil = SimpleUploadedFile("motion.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    svar = client.post(URL, data(text="", fil=fil))
    assert svar.status_code == 400
    assert "Filtypen tillåts inte" in svar.text
    assert "Välj filen igen" in svar.text
    assert not Arende.objects.exists()


def test_it_sets_an_earlier_meeting_as_the_deadline(client, registrator):
    rf = factories.organ("RF")
    mote = Sammantrade.objects.create(organ=rf, datum=D(2027, 2, 16))
    client.force_login(registrator)
    svar = client.post(URL, data(besvaras_senast_sammantrade=str(mote.pk)))
    assert svar.status_code == 302
    motion = Motion.objects.get()
    assert motion.besvaras_senast_sammantrade == mote
    assert motion.besvaras_senast == D(2027, 4, 28)


def assert_refused(svar, meddelande, *behallet):
    assert svar.status_code == 400
    assert meddelande in svar.text
    for text in behallet:
        assert text in svar.text  # what the user typed is kept
    assert not Arende.objects.exists()
    assert not Motion.objects.exists()
    assert not Handling.objects.exists()


def test_it_refuses_a_vackt_date_in_the_future(client, registrator):
    client.force_login(registrator)
    svar = client.post(URL, data(vackt="2026-05-05"))
    assert_refused(
        svar,
        "Väckt-datum kan inte ligga i framtiden (i dag är det 2026-05-04).",
        'value="2026-05-05"',
        'value="Anna Hildebrand"',
    )


def test_it_refuses_a_missing_vackt_date(client, registrator):
    client.force_login(registrator)
    assert_refused(client.post(URL, data(vackt="")), "Ange datum då förslaget väcktes")


def test_it_refuses_a_malformed_vackt_date(client, registrator):
    client.force_login(registrator)
    assert_refused(client.post(URL, data(vackt="28/4 2026")), "Ange datumet som ÅÅÅÅ-MM-DD")


def test_it_refuses_a_deadline_meeting_before_vackt(client, registrator):
    mote = Sammantrade.objects.create(organ=factories.organ("RF"), datum=D(2026, 4, 20))
    client.force_login(registrator)
    svar = client.post(URL, data(besvaras_senast_sammantrade=str(mote.pk)))
    assert_refused(
        svar,
        "Sammanträdet 2026-04-20 ligger före väckt-datum 2026-04-28.",
        "Motion om ny hälsoekonomisk budgetmodell",
    )


def test_it_refuses_a_deadline_meeting_after_the_year(client, registrator):
    mote = Sammantrade.objects.create(organ=factories.organ("RF"), datum=D(2027, 6, 15))
    client.force_login(registrator)
    svar = client.post(URL, data(besvaras_senast_sammantrade=str(mote.pk)))
    assert_refused(svar, "ligger efter ettårsgränsen 2027-04-28")


def test_it_refuses_a_motion_without_a_motionar(client, registrator):
    client.force_login(registrator)
    svar = client.post(URL, data(**{"motionarer-0-namn": "", "motionarer-0-parti": ""}))
    assert_refused(svar, "Ange minst en motionär.", "Motion om ny hälsoekonomisk budgetmodell")


def test_it_refuses_a_new_motionar_without_party(client, registrator):
    client.force_login(registrator)
    svar = client.post(URL, data(**{"motionarer-0-parti": ""}))
    assert_refused(svar, "Ange partiet för Anna Hildebrand.", 'value="Anna Hildebrand"')


def test_it_refuses_a_row_with_both_a_person_and_a_new_name(client, registrator):
    befintlig = Person.objects.create(namn="Bo Berg", parti="S")
    client.force_login(registrator)
    svar = client.post(URL, data(**{"motionarer-0-person": str(befintlig.pk)}))
    assert_refused(svar, "Välj en person i listan eller skriv ett nytt namn, inte båda.")


def test_it_refuses_a_motion_without_a_yrkande(client, registrator):
    client.force_login(registrator)
    svar = client.post(URL, data(**{"yrkanden-0-text": "  "}))
    assert_refused(svar, "Ange minst ett yrkande (att-sats).", 'value="Anna Hildebrand"')


def test_it_refuses_a_motion_without_text_or_file(client, registrator):
    client.force_login(registrator)
    assert_refused(client.post(URL, data(text="")), "Skriv in motionstexten eller bifoga")


def test_it_shows_every_error_at_once(client, registrator):
    client.force_login(registrator)
    svar = client.post(
        URL,
        data(
            titel="",
            vackt="2027-01-01",
            **{"motionarer-0-namn": "", "motionarer-0-parti": "", "yrkanden-0-text": ""},
        ),
    )
    for meddelande in [
        "Ange titeln",
        "Väckt-datum kan inte ligga i framtiden",
        "Ange minst en motionär.",
        "Ange minst ett yrkande",
    ]:
        assert meddelande in svar.text
    assert 'href="#motionarer"' in svar.text and 'href="#id_vackt"' in svar.text


def test_it_refuses_a_tampered_formset(client, registrator):
    client.force_login(registrator)
    svar = client.post(URL, data(**{"motionarer-TOTAL_FORMS": None}))
    assert svar.status_code == 400
    assert not Motion.objects.exists()


def test_add_another_without_script_adds_a_row_and_keeps_the_text(client, registrator):
    client.force_login(registrator)
    svar = client.post(URL, data(atgard="fler_motionarer"))
    assert svar.status_code == 200
    assert 'name="motionarer-TOTAL_FORMS" value="2"' in svar.text
    assert "Motionär 2" in svar.text
    assert 'value="Anna Hildebrand"' in svar.text
    assert 'name="motionarer-1-person" autofocus' in svar.text
    assert "Formuläret innehåller fel" not in svar.text
    assert not Motion.objects.exists()
    # The row that came back is sent with the rest and the motion registers.
    svar = client.post(
        URL,
        data(
            **{
                "motionarer-TOTAL_FORMS": "2",
                "motionarer-INITIAL_FORMS": "1",
                "motionarer-1-namn": "Bo Berg",
                "motionarer-1-parti": "S",
            }
        ),
    )
    assert svar.status_code == 302
    assert Motion.objects.get().motionarer.count() == 2


def test_add_another_yrkande_without_script(client, registrator):
    client.force_login(registrator)
    svar = client.post(URL, data(atgard="fler_yrkanden"))
    assert 'name="yrkanden-TOTAL_FORMS" value="2"' in svar.text
    assert "Region Jämtland Härjedalen upprättar en ny budgetmodell." in svar.text
    assert 'name="yrkanden-1-text" cols="40" rows="2" maxlength="10000" autofocus' in svar.text


@pytest.mark.parametrize("grupp", ["Politiker", None])
def test_it_forbids_users_who_may_not_register(client, grupp):
    client.force_login(factories.anvandare(grupp) if grupp else factories.anvandare())
    assert client.get(URL).status_code == 403
    assert client.post(URL, data()).status_code == 403
    assert not Motion.objects.exists()


def test_it_redirects_anonymous_users_to_login(client):
    svar = client.get(URL)
    assert svar.status_code == 302
    assert svar["Location"].startswith("/login/")


def test_it_answers_405_to_other_methods(client, registrator):
    client.force_login(registrator)
    assert client.put(URL).status_code == 405
    assert client.delete(URL).status_code == 405


def test_the_form_is_labelled_and_swedish(client, registrator):
    client.force_login(registrator)
    sida = client.get(URL).text
    assert '<label for="id_titel">' in sida
    assert '<label for="id_motionarer-0-namn">' in sida
    assert "<legend>Motionärer</legend>" in sida
    assert 'data-formset="motionarer"' in sida
    assert 'src="/static/js/formset.js"' in sida
    assert "<script>" not in sida  # nothing inline: the CSP allows none


def test_many_motionarer_fit_the_handlings_sender_field(registrator):
    personer = [motionstjanst.NyPerson(f"Ledamot Nummer{i} Långtnamnsson", "S") for i in range(20)]
    motion = factories.motion(vackt=D(2026, 4, 28), motionarer=personer)
    assert motion.motionarer.count() == 20
    avsandare = motion.arende.handlingar.get().avsandare_mottagare
    assert len(avsandare) <= 300
    assert avsandare.startswith("Ledamot Nummer0 Långtnamnsson (S), ")
    assert avsandare.endswith(" m.fl.")
