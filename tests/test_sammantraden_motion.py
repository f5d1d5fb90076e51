"""A motion through the meeting cycle: Regionstyrelsen prepares it on its own agenda and
proposes, regionfullmäktige decides with a motion outcome, and the motion closes."""

import datetime

import pytest
from django.utils import timezone

from arenden.models import Arende, Beslut, Sammantrade, Tjansteskrivelse
from arenden.services import motioner as motionstjanst
from arenden.services import sammantraden
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def motion(sekreterare):
    factories.motionsorgan()
    motion = factories.motion(vackt=timezone.localdate() - datetime.timedelta(days=200))
    skrivelse = motionstjanst.starta_svar(motion, anvandare=sekreterare, forslag="anse_besvarad")
    Tjansteskrivelse.objects.filter(pk=skrivelse.pk).update(status=Tjansteskrivelse.Status.KLAR)
    return motion


def _skicka(client, mote):
    assert client.post(f"/sammantraden/{mote.pk}/kallelse/skicka/").status_code == 302
    mote.refresh_from_db()
    assert mote.status == Sammantrade.Status.KALLELSE_SKICKAD


def _besluta(client, mote, punkt, utfall, text):
    return client.post(
        f"/sammantraden/{mote.pk}/punkter/{punkt.pk}/beslut/",
        {"utfall": utfall, "beslutstext": text},
    )


def test_it_takes_a_motion_from_regionstyrelsen_to_fullmaktige_and_closes_it(
    client, sekreterare, motion
):
    rf, rs = factories.motionsorgan()
    idag = timezone.localdate()
    client.force_login(sekreterare)

    # Regionstyrelsen's builder offers the motion remitted to it, though its case is RF's.
    rs_mote = factories.sammantrade(rs, datum=idag)
    svar = client.get(f"/sammantraden/{rs_mote.pk}/dagordning/")
    assert motion.arende in svar.context["arende_form"].fields["arende"].queryset
    assert f"{motion.arende.diarienummer} {motion.arende.titel}" in svar.content.decode()
    svar = client.post(
        f"/sammantraden/{rs_mote.pk}/dagordning/arende/", {"arende": motion.arende.pk}
    )
    assert svar.status_code == 302
    rs_punkt = rs_mote.dagordning.get()
    _skicka(client, rs_mote)

    # Regionstyrelsen prepares; it does not close the motion.
    svar = _besluta(client, rs_mote, rs_punkt, "anses_besvarad", "Motionen anses besvarad.")
    assert svar.status_code == 400
    assert "Regionstyrelsen bereder motionen, som avgörs av regionfullmäktige." in (
        svar.content.decode()
    )
    svar = _besluta(
        client,
        rs_mote,
        rs_punkt,
        "bifall",
        "Regionstyrelsen föreslår regionfullmäktige besluta att motionen anses besvarad.",
    )
    assert svar.status_code == 302
    rs_beslut = Beslut.objects.get(dagordningspunkt=rs_punkt)
    assert rs_beslut.forslag_till == rf
    motion.refresh_from_db()
    assert motion.oppen

    # The case waits in fullmäktige's queue and goes on to its next agenda.
    rf_mote = factories.sammantrade(rf, datum=idag)
    assert list(client.get("/sammantraden/organ/RF/ko/").context["ko"]) == [rs_beslut]
    svar = client.post(f"/sammantraden/{rf_mote.pk}/dagordning/fran-ko/{rs_beslut.pk}/")
    assert svar.status_code == 302
    rf_punkt = rf_mote.dagordning.get()
    assert (rf_punkt.arende, rf_punkt.fran_beslut) == (motion.arende, rs_beslut)
    _skicka(client, rf_mote)

    # Fullmäktige's form offers the motion outcomes first, and not bifall or avslag.
    url = f"/sammantraden/{rf_mote.pk}/punkter/{rf_punkt.pk}/beslut/"
    val = [v for v, _ in client.get(url).context["form"].fields["utfall"].choices]
    assert val[:5] == ["", "bifallen", "avslagen", "anses_besvarad", "avskriven"]
    assert "bifall" not in val and "avslag" not in val
    svar = _besluta(client, rf_mote, rf_punkt, "bifall", "Regionfullmäktige bifaller förslaget.")
    assert svar.status_code == 400
    assert "Välj bifallen, avslagen, anses besvarad eller avskriven för en motion." in (
        svar.content.decode()
    )
    assert not Beslut.objects.filter(dagordningspunkt=rf_punkt).exists()

    svar = _besluta(client, rf_mote, rf_punkt, "anses_besvarad", "Motionen anses besvarad.")
    assert svar.status_code == 302
    rf_beslut = Beslut.objects.get(dagordningspunkt=rf_punkt)
    motion.refresh_from_db()
    assert (motion.utfall, motion.beslut, motion.avslutad) == ("anses_besvarad", rf_beslut, idag)
    assert motion.arende.status == Arende.Status.AVSLUTAT
    html = client.get(motion.arende.get_absolute_url()).content.decode()
    assert "Regionstyrelsen föreslår regionfullmäktige besluta" in html
    assert "Motionen anses besvarad." in html


def test_a_case_proposed_to_fullmaktige_keeps_its_decision_when_taken_from_the_list(
    sekreterare, motion
):
    rf, rs = factories.motionsorgan()
    idag = timezone.localdate()
    rs_mote = factories.sammantrade(rs, datum=idag)
    rs_punkt = sammantraden.lagg_till_arende(rs_mote, motion.arende, anvandare=sekreterare)
    sammantraden.skicka_kallelse(rs_mote, anvandare=sekreterare)
    from arenden.services import beslut as beslutstjanst

    rs_punkt.refresh_from_db()
    rs_beslut = beslutstjanst.registrera_beslut(
        rs_punkt, anvandare=sekreterare, beslutstext="Föreslår.", utfall="bifall"
    )
    rf_mote = factories.sammantrade(rf, datum=idag + datetime.timedelta(days=14))
    # The case is fullmäktige's own, so its list offers it as well as the queue does.
    assert motion.arende in sammantraden.arenden_att_lagga_till(rf_mote)
    punkt = sammantraden.lagg_till_arende(rf_mote, motion.arende, anvandare=sekreterare)
    assert punkt.fran_beslut == rs_beslut
    assert list(beslutstjanst.ko(rf)) == []


def test_a_namnd_is_offered_the_medborgarforslag_handed_to_it(sekreterare):
    from arenden.models import Organ

    factories.motionsorgan()
    hsn = factories.organ("HSN", "Hälso- och sjukvårdsnämnden", Organ.Typ.NAMND)
    forslag = factories.motion(
        "Medborgarförslag om cykelparkering",
        typ="medborgarforslag",
        motionarer=[motionstjanst.NyPerson("Per Persson")],
    )
    motionstjanst.delegera(forslag, organ=hsn, anvandare=sekreterare)
    factories.klar_tjansteskrivelse(forslag.arende)
    mote = factories.sammantrade(hsn)
    assert list(sammantraden.arenden_att_lagga_till(mote)) == [forslag.arende]
    svom = factories.sammantrade(factories.organ("SVOM"))
    assert list(sammantraden.arenden_att_lagga_till(svom)) == []
