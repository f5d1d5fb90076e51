"""Fullmäktige's decision, recorded at its meeting, closes the motion it answers."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from arenden.models import Beslut, Motion, Organ, Sammantrade
from arenden.services import beslut as beslutstjanst
from arenden.services import sammantraden
from tests import factories

pytestmark = pytest.mark.django_db


def _rf_mote_med(motion, sekreterare):
    rf = Organ.objects.get(forkortning="RF")
    mote = factories.sammantrade(rf, datum=timezone.localdate())
    factories.klar_tjansteskrivelse(
        motion.arende,
        forslag_inledning="Regionstyrelsen föreslår regionfullmäktige",
        attsatser=("Motionen anses besvarad.",),
    )
    punkt = sammantraden.lagg_till_arende(mote, motion.arende, anvandare=sekreterare)
    Sammantrade.objects.filter(pk=mote.pk).update(status=Sammantrade.Status.KALLELSE_SKICKAD)
    sammantraden._frys(punkt, sekreterare)
    return punkt


def test_recording_fullmaktiges_decision_closes_the_motion(sekreterare):
    motion = factories.motion()
    punkt = _rf_mote_med(motion, sekreterare)
    beslut = beslutstjanst.registrera_beslut(
        punkt,
        anvandare=sekreterare,
        beslutstext="Motionen anses besvarad.",
        utfall="anses_besvarad",
    )
    motion.refresh_from_db()
    assert motion.utfall == "anses_besvarad"
    assert motion.beslut == beslut
    assert motion.avslutad == timezone.localdate()


def test_a_motion_closed_by_hand_is_not_closed_again_by_a_decision(sekreterare):
    from arenden.services import motioner

    motion = factories.motion()
    punkt = _rf_mote_med(motion, sekreterare)
    motioner.avsluta(motion, anvandare=sekreterare, utfall="avskriven")
    with pytest.raises(ValidationError):
        beslutstjanst.registrera_beslut(
            punkt, anvandare=sekreterare, beslutstext="Motionen bifalls.", utfall="bifallen"
        )
    # Nothing half-done: the refused decision left no § behind.
    assert not Beslut.objects.filter(dagordningspunkt=punkt).exists()
    assert Motion.objects.get(pk=motion.pk).utfall == "avskriven"
