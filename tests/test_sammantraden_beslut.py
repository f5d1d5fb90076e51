"""Recording decisions at the meeting: § numbers per organ and year, allocated when the
decision is recorded; yrkanden, votes, reservations, jäv, notes; the chain on to
fullmäktige; nothing recorded on justerade minutes."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connections
from django.utils import timezone

from arenden.models import Arende, Beslut, Historik, Organ, Sammantrade
from arenden.services import beslut as tjanst
from arenden.services import sammantraden
from tests import factories

pytestmark = pytest.mark.django_db


def _mote(organ=None, datum=None, sekreterare=None, antal=1, **ts):
    organ = organ or factories.organ("RS", "Regionstyrelsen")
    mote = factories.sammantrade(organ, datum=datum or timezone.localdate())
    for i in range(antal):
        factories.arendepunkt(mote, titel=f"Ärende {i + 1}", anvandare_=sekreterare, **ts)
    Sammantrade.objects.filter(pk=mote.pk).update(status=Sammantrade.Status.KALLELSE_SKICKAD)
    for punkt in mote.dagordning.all():
        sammantraden._frys(punkt, sekreterare)
    mote.refresh_from_db()
    return mote


def _beslut(punkt, anvandare, **falt):
    falt.setdefault("beslutstext", "Regionstyrelsen godkänner rapporten.")
    falt.setdefault("utfall", "bifall")
    return tjanst.registrera_beslut(punkt, anvandare=anvandare, **falt)


def test_it_records_the_decision_under_the_next_paragraph(client, sekreterare):
    mote = _mote(sekreterare=sekreterare, antal=2)
    forsta, andra = mote.dagordning.order_by("ordning")
    client.force_login(sekreterare)
    svar = client.post(
        f"/sammantraden/{mote.pk}/punkter/{andra.pk}/beslut/",
        {"utfall": "bifall", "beslutstext": "Bifall.", "utdrag_till": "Ekonomidirektören\n\nSVOM"},
    )
    beslut = Beslut.objects.get()
    assert svar.status_code == 302
    assert svar["Location"] == f"/sammantraden/{mote.pk}/#beslut-{beslut.pk}"
    # The § is given when the decision is recorded, not by the agenda's order.
    assert (beslut.organ, beslut.ar, beslut.paragraf) == (mote.organ, mote.datum.year, 1)
    assert beslut.arende == andra.arende and beslut.dagordningspunkt == andra
    assert beslut.utdrag_till == ["Ekonomidirektören", "SVOM"]
    assert beslut.forslag == "Regionstyrelsen godkänner rapporten."
    assert _beslut(forsta, sekreterare).paragraf == 2
    mote.refresh_from_db()
    assert mote.status == Sammantrade.Status.GENOMFORT
    assert Historik.objects.filter(arende=andra.arende, handelse=f"Beslut {beslut} protokollfördes")


def test_paragraphs_run_per_organ_and_year(sekreterare):
    rs = factories.organ("RS", "Regionstyrelsen")
    svom = factories.organ("SVOM", "SVOM", Organ.Typ.SAMVERKANSORGAN)
    idag = timezone.localdate()
    a = _mote(rs, sekreterare=sekreterare, antal=2)
    b = _mote(svom, sekreterare=sekreterare)
    tidigare = _mote(rs, datum=idag.replace(year=idag.year - 1, day=1), sekreterare=sekreterare)
    nummer = [
        (x.organ.forkortning, x.ar, x.paragraf)
        for x in [
            _beslut(a.dagordning.first(), sekreterare),
            _beslut(b.dagordning.first(), sekreterare),
            _beslut(tidigare.dagordning.first(), sekreterare),
            _beslut(a.dagordning.last(), sekreterare),
        ]
    ]
    assert nummer == [
        ("RS", idag.year, 1),
        ("SVOM", idag.year, 1),
        ("RS", idag.year - 1, 1),
        ("RS", idag.year, 2),
    ]


def test_paragraphs_continue_after_the_imported_ones(sekreterare, demodata):
    rs = Organ.objects.get(forkortning="RS")
    mote = _mote(rs, datum=datetime.date(2019, 12, 17), sekreterare=sekreterare)
    assert _beslut(mote.dagordning.get(), sekreterare).paragraf == 219


@pytest.mark.django_db(transaction=True)
def test_decisions_recorded_at_the_same_instant_get_distinct_paragraphs():
    sekreterare = factories.anvandare("Nämndsekreterare")
    antal = 8
    moten = [_mote(sekreterare=sekreterare) for _ in range(antal)]
    start = threading.Barrier(antal)
    fel = []

    def registrera(mote):
        try:
            start.wait()
            _beslut(mote.dagordning.get(), sekreterare)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            fel.append(exc)
        finally:
            connections.close_all()

    tradar = [threading.Thread(target=registrera, args=(m,)) for m in moten]
    for t in tradar:
        t.start()
    for t in tradar:
        t.join()
    assert fel == []
    assert sorted(Beslut.objects.values_list("paragraf", flat=True)) == list(range(1, antal + 1))


def test_the_form_is_prefilled_from_the_frozen_proposal(client, sekreterare):
    mote = _mote(
        sekreterare=sekreterare,
        forslag_inledning="Regionstyrelsen föreslår regionfullmäktige",
        attsatser=["Anta planen.", "Avsätta medel."],
        utdrag_till=["Hälso- och sjukvårdsdirektören", "SVOM"],
    )
    punkt = mote.dagordning.get()
    factories.pdf_handling(punkt.arende, beskrivning="Projektplan")
    punkt.underlag.set(punkt.arende.handlingar.exclude(fil=""))
    client.force_login(sekreterare)
    form = client.get(f"/sammantraden/{mote.pk}/punkter/{punkt.pk}/beslut/").context["form"]
    assert form.initial["beslutstext"] == (
        "Regionstyrelsen föreslår regionfullmäktige\n\n1. Anta planen.\n2. Avsätta medel."
    )
    assert form.initial["utdrag_till"] == "Hälso- och sjukvårdsdirektören\nSVOM"
    datum = punkt.tjansteskrivelse_version.innehall["datum"]
    assert datum
    assert form.initial["beslutsunderlag"] == f"Tjänsteskrivelse {datum}\nProjektplan"


def test_it_records_yrkanden_votes_reservations_jav_and_notes(client, sekreterare):
    mote = _mote(sekreterare=sekreterare)
    punkt = mote.dagordning.get()
    anna, bo, cia = (factories.ledamot(mote.organ).person for _ in range(3))
    ersattare = factories.ledamot(mote.organ, roll="ersattare").person
    tjanst.registrera_narvaro(
        mote,
        [
            {"person": anna, "narvarande": True},
            {"person": bo, "narvarande": True},
            {"person": cia, "narvarande": True},
            {"person": ersattare, "narvarande": True},
        ],
        anvandare=sekreterare,
    )
    client.force_login(sekreterare)
    svar = client.post(
        f"/sammantraden/{mote.pk}/punkter/{punkt.pk}/beslut/",
        {
            "utfall": "bifall",
            "beslutstext": "Regionstyrelsen godkänner rapporten.",
            "yrkande_0_person": anna.pk,
            "yrkande_0_text": "Bifall till förslaget.",
            "yrkande_1_person": bo.pk,
            "yrkande_1_text": "Avslag.",
            "propositionsordning": "Ordföranden ställer proposition på bifall mot avslag.",
            "votering_1": "on",
            "votering_1_fraga": "Ja för bifall, nej för avslag",
            f"votering_1_rost_{anna.pk}": "ja",
            f"votering_1_rost_{bo.pk}": "nej",
            f"votering_1_rost_{ersattare.pk}": "ja",
            "jav": [cia.pk],
            "tjanstgoring_0_ersattare": ersattare.pk,
            "tjanstgoring_0_ersatter": cia.pk,
            "reservation_0_person": bo.pk,
            "reservation_0_motivering": "Till förmån för eget yrkande.",
            "anteckning_0_person": anna.pk,
            "anteckning_0_text": "Frågan följs upp i höst.",
        },
    )
    assert svar.status_code == 302, svar.content.decode()[-2000:]
    beslut = Beslut.objects.get()
    assert [(y.person, y.text) for y in beslut.yrkanden.all()] == [
        (anna, "Bifall till förslaget."),
        (bo, "Avslag."),
    ]
    votering = beslut.voteringar.get()
    # Called by name: the totals are counted from the members' votes.
    assert (votering.ja, votering.nej, votering.avstar) == (2, 1, 0)
    assert {(r.person, r.rost) for r in votering.roster.all()} == {
        (anna, "ja"),
        (bo, "nej"),
        (ersattare, "ja"),
    }
    assert [j.person for j in beslut.jav.all()] == [cia]
    assert [(t.ersattare, t.ersatter) for t in beslut.tjanstgoring.all()] == [(ersattare, cia)]
    assert [(r.person, r.motivering) for r in beslut.reservationer.all()] == [
        (bo, "Till förmån för eget yrkande.")
    ]
    assert beslut.protokollsanteckningar.get().text == "Frågan följs upp i höst."
    assert beslut.propositionsordning.startswith("Ordföranden ställer proposition")


def test_it_records_more_than_one_vote_in_a_paragraph(client, sekreterare):
    mote = _mote(sekreterare=sekreterare)
    punkt = mote.dagordning.get()
    for _ in range(3):
        factories.ledamot(mote.organ)
    url = f"/sammantraden/{mote.pk}/punkter/{punkt.pk}/beslut/"
    client.force_login(sekreterare)
    # First whether to send it back, then on the matter itself.
    svar = client.post(
        url,
        {
            "utfall": "bifall",
            "beslutstext": "Regionstyrelsen godkänner rapporten.",
            "votering_1": "on",
            "votering_1_fraga": "Ja för att avgöra i dag, nej för återremiss",
            "votering_1_ja": "2",
            "votering_1_nej": "1",
            "votering_2": "on",
            "votering_2_fraga": "Ja för bifall, nej för avslag",
            "votering_2_ja": "2",
            "votering_2_avstar": "1",
        },
    )
    assert svar.status_code == 302, svar.content.decode()[-2000:]
    beslut = Beslut.objects.get()
    assert [(v.ordning, v.fraga, v.ja, v.nej, v.avstar) for v in beslut.voteringar.all()] == [
        (1, "Ja för att avgöra i dag, nej för återremiss", 2, 1, 0),
        (2, "Ja för bifall, nej för avslag", 2, 0, 1),
    ]
    # Opened again, the form holds both votes and one empty block for a third.
    form = client.get(url).context["form"]
    assert [v["nummer"] for v in form.voteringar] == [1, 2, 3]
    assert form["votering_2_fraga"].value() == "Ja för bifall, nej för avslag"
    assert form["votering_2_avstar"].value() == 1
    assert not form["votering_3"].value()


def test_a_member_with_jav_takes_no_part(sekreterare):
    mote = _mote(sekreterare=sekreterare)
    punkt = mote.dagordning.get()
    anna, bo = (factories.ledamot(mote.organ).person for _ in range(2))
    tjanst.registrera_narvaro(
        mote,
        [{"person": anna, "narvarande": True}, {"person": bo, "narvarande": True}],
        anvandare=sekreterare,
    )
    with pytest.raises(ValidationError) as fel:
        _beslut(
            punkt,
            sekreterare,
            jav=[bo],
            voteringar=[tjanst.Votes(roster={anna: "ja", bo: "nej"})],
            reservationer=[(bo, "")],
        )
    assert fel.value.messages == [
        f"{bo} har anmält jäv och deltar inte i beslutet.",
        f"{bo} har anmält jäv och kan inte reservera sig.",
    ]
    assert not Beslut.objects.exists()  # nothing half-done


def test_votes_cannot_outnumber_those_taking_part(sekreterare):
    mote = _mote(sekreterare=sekreterare)
    anna = factories.ledamot(mote.organ).person
    tjanst.registrera_narvaro(mote, [{"person": anna, "narvarande": True}], anvandare=sekreterare)
    with pytest.raises(ValidationError, match="Voteringen har 3 röster men bara 1 ledamöter"):
        _beslut(mote.dagordning.get(), sekreterare, voteringar=[tjanst.Votes(ja=2, nej=1)])


def test_recording_again_before_justering_keeps_the_paragraph(sekreterare):
    mote = _mote(sekreterare=sekreterare)
    punkt = mote.dagordning.get()
    forsta = _beslut(punkt, sekreterare, yrkanden=[(None, "Bifall.")])
    andra = _beslut(punkt, sekreterare, beslutstext="Ändrad text.", utfall="aterremiss")
    assert andra.pk == forsta.pk and andra.paragraf == forsta.paragraf
    assert andra.beslutstext == "Ändrad text." and not andra.yrkanden.exists()
    assert Historik.objects.filter(handelse=f"Beslut {andra} ändrades före justering").exists()


def test_it_refuses_a_decision_on_justerade_minutes(client, sekreterare):
    mote = _mote(sekreterare=sekreterare)
    punkt = mote.dagordning.get()
    beslut = _beslut(punkt, sekreterare)
    Beslut.objects.filter(pk=beslut.pk).update(justerad=True)
    client.force_login(sekreterare)
    svar = client.post(
        f"/sammantraden/{mote.pk}/punkter/{punkt.pk}/beslut/",
        {"utfall": "avslag", "beslutstext": "Avslag."},
    )
    assert svar.status_code == 400
    assert "§ 1 är justerad och kan inte ändras. Registrera en rättelse i stället." in (
        svar.content.decode()
    )
    beslut.refresh_from_db()
    assert beslut.utfall == "bifall"


def test_it_refuses_before_the_meeting_day_and_without_a_kallelse(sekreterare):
    imorgon = timezone.localdate() + datetime.timedelta(days=1)
    mote = _mote(datum=imorgon, sekreterare=sekreterare)
    with pytest.raises(ValidationError, match="Beslut protokollförs på sammanträdesdagen"):
        _beslut(mote.dagordning.get(), sekreterare)
    Sammantrade.objects.filter(pk=mote.pk).update(status=Sammantrade.Status.PLANERAT)
    with pytest.raises(ValidationError, match="Kallelsen har inte skickats"):
        _beslut(mote.dagordning.get(), sekreterare, idag=imorgon)


def test_it_refuses_an_empty_decision_and_a_missing_outcome(client, sekreterare):
    mote = _mote(sekreterare=sekreterare)
    punkt = mote.dagordning.get()
    client.force_login(sekreterare)
    svar = client.post(f"/sammantraden/{mote.pk}/punkter/{punkt.pk}/beslut/", {"beslutstext": ""})
    assert svar.status_code == 400
    html = svar.content.decode()
    assert "Skriv beslutet." in html and "Välj beslutets utfall." in html
    assert not Beslut.objects.exists()


def test_motion_outcomes_are_for_motions(sekreterare):
    mote = _mote(sekreterare=sekreterare)
    punkt = mote.dagordning.get()
    with pytest.raises(ValidationError, match="Utfallet gäller motioner"):
        _beslut(punkt, sekreterare, utfall="anses_besvarad")
    Arende.objects.filter(pk=punkt.arende_id).update(typ=Arende.Typ.MOTION)
    assert _beslut(punkt, sekreterare, utfall="anses_besvarad").utfall == "anses_besvarad"


def test_a_proposal_to_fullmaktige_goes_to_its_queue_and_on_to_its_agenda(client, sekreterare):
    rf = factories.organ("RF", "Regionfullmäktige", Organ.Typ.FULLMAKTIGE)
    mote = _mote(
        sekreterare=sekreterare, forslag_inledning="Regionstyrelsen föreslår regionfullmäktige"
    )
    punkt = mote.dagordning.get()
    rs_beslut = _beslut(punkt, sekreterare, beslutstext="Regionstyrelsen föreslår RF att anta.")
    assert rs_beslut.forslag_till == rf
    assert list(tjanst.ko(rf)) == [rs_beslut]
    rf_mote = factories.sammantrade(rf, datum=timezone.localdate() + datetime.timedelta(days=30))
    assert tjanst.nasta_sammantrade(rf) == rf_mote

    client.force_login(sekreterare)
    assert [b for b in client.get("/sammantraden/organ/RF/ko/").context["ko"]] == [rs_beslut]
    svar = client.post(f"/sammantraden/{rf_mote.pk}/dagordning/fran-ko/{rs_beslut.pk}/")
    assert svar.status_code == 302
    rf_punkt = rf_mote.dagordning.get()
    assert rf_punkt.arende == punkt.arende and rf_punkt.fran_beslut == rs_beslut
    assert list(tjanst.ko(rf)) == []

    # Fullmäktige decides; the case page shows both decisions.
    Sammantrade.objects.filter(pk=rf_mote.pk).update(
        status=Sammantrade.Status.KALLELSE_SKICKAD, datum=timezone.localdate()
    )
    sammantraden._frys(rf_punkt, sekreterare)
    rf_punkt.refresh_from_db()
    assert "Regionstyrelsen" in tjanst.standardunderlag_text(rf_punkt).splitlines()[0]
    rf_beslut = _beslut(rf_punkt, sekreterare, beslutstext="Regionfullmäktige antar planen.")
    assert rf_beslut.forslag_till is None and rf_beslut.paragraf == 1
    html = client.get(punkt.arende.get_absolute_url()).content.decode()
    assert "Regionstyrelsen föreslår RF att anta." in html
    assert "Regionfullmäktige antar planen." in html


def test_a_refused_proposal_goes_nowhere(sekreterare):
    factories.organ("RF", "Regionfullmäktige", Organ.Typ.FULLMAKTIGE)
    mote = _mote(
        sekreterare=sekreterare, forslag_inledning="Regionstyrelsen föreslår regionfullmäktige"
    )
    assert _beslut(mote.dagordning.get(), sekreterare, utfall="aterremiss").forslag_till is None


def test_the_decision_view_is_403_404_and_405(client, sekreterare, politiker):
    mote = _mote(sekreterare=sekreterare)
    punkt = mote.dagordning.get()
    url = f"/sammantraden/{mote.pk}/punkter/{punkt.pk}/beslut/"
    client.force_login(politiker)
    assert client.get(url).status_code == 403
    assert client.post(url, {"utfall": "bifall", "beslutstext": "x"}).status_code == 403
    client.force_login(sekreterare)
    assert client.post(url.replace(str(punkt.pk), "99999"), {}).status_code == 404
    assert client.post(f"/sammantraden/99999/punkter/{punkt.pk}/beslut/", {}).status_code == 404
    assert client.delete(url).status_code == 405
    assert not Beslut.objects.exists()


def test_before_the_meeting_day_the_form_says_so_and_offers_nothing_to_fill_in(client, sekreterare):
    imorgon = timezone.localdate() + datetime.timedelta(days=1)
    mote = _mote(datum=imorgon, sekreterare=sekreterare)
    punkt = mote.dagordning.get()
    url = f"/sammantraden/{mote.pk}/punkter/{punkt.pk}/beslut/"
    client.force_login(sekreterare)
    assert url not in client.get(mote.get_absolute_url()).content.decode()
    svar = client.get(url)
    assert svar.status_code == 200
    html = svar.content.decode()
    regel = (
        f"Sammanträdet är {imorgon:%Y-%m-%d}. Beslut protokollförs på sammanträdesdagen "
        "eller senare."
    )
    assert regel in html
    assert 'name="beslutstext"' not in html and "Protokollför beslutet" not in html
    svar = client.post(url, {"utfall": "bifall", "beslutstext": "Godkänns."})
    assert svar.status_code == 400 and regel in svar.content.decode()
    assert not Beslut.objects.exists()
    # Attendance may still be prepared before the day, as before.
    assert client.get(f"/sammantraden/{mote.pk}/narvaro/").status_code == 200


def test_a_justerad_paragraph_opens_no_form_but_points_to_a_rattelse(client, sekreterare):
    mote = _mote(sekreterare=sekreterare)
    punkt = mote.dagordning.get()
    beslut = _beslut(punkt, sekreterare)
    Beslut.objects.filter(pk=beslut.pk).update(justerad=True)
    client.force_login(sekreterare)
    html = client.get(f"/sammantraden/{mote.pk}/punkter/{punkt.pk}/beslut/").content.decode()
    assert "§ 1 är justerad och kan inte ändras." in html
    assert 'name="beslutstext"' not in html
    assert f"/sammantraden/{mote.pk}/beslut/{beslut.pk}/rattelse/" in html


def _procedurpunkt(sekreterare, rubrik="Val av justerare"):
    mote = _mote(sekreterare=sekreterare, antal=0)
    return sammantraden.lagg_till_punkt(mote, anvandare=sekreterare, typ="procedur", rubrik=rubrik)


def test_a_procedural_item_is_offered_a_plain_decision_or_a_note(client, sekreterare):
    punkt = _procedurpunkt(sekreterare)
    url = f"/sammantraden/{punkt.sammantrade_id}/punkter/{punkt.pk}/beslut/"
    client.force_login(sekreterare)
    svar = client.get(url)
    val = [v for v, _ in svar.context["form"].fields["utfall"].choices]
    assert val == ["", "beslut", "anteckning"]
    html = svar.content.decode()
    assert "Beslut enligt beslutstexten" in html and "Lades till handlingarna" in html
    assert ">Bifall<" not in html and ">Anses besvarad<" not in html
    svar = client.post(
        url, {"utfall": "beslut", "beslutstext": "Till justerare utses Bo Ledamot (S)."}
    )
    assert svar.status_code == 302
    beslut = Beslut.objects.get()
    assert beslut.utfall == "" and beslut.beslutstext == "Till justerare utses Bo Ledamot (S)."
    # Opened again, the form shows the plain decision chosen.
    assert client.get(url).context["form"]["utfall"].value() == "beslut"
    html = client.get(f"/sammantraden/{punkt.sammantrade_id}/").content.decode()
    assert "Till justerare utses Bo Ledamot (S)." in html and "Bifall" not in html


def test_a_procedural_item_is_not_bifallen(client, sekreterare):
    punkt = _procedurpunkt(sekreterare, "Anmälningsärenden")
    with pytest.raises(ValidationError, match="Procedurpunkten har inget förslag att bifalla"):
        _beslut(punkt, sekreterare, utfall="bifall")
    assert _beslut(punkt, sekreterare, utfall="anteckning").utfall == "anteckning"
    client.force_login(sekreterare)
    svar = client.post(
        f"/sammantraden/{punkt.sammantrade_id}/punkter/{punkt.pk}/beslut/",
        {"utfall": "bifallen", "beslutstext": "Anmälningarna läggs till handlingarna."},
    )
    assert svar.status_code == 400
    assert "Procedurpunkten har inget förslag att bifalla eller avslå." in svar.content.decode()
