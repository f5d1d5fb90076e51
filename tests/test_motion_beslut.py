"""Fullmäktige's decision recorded at the meeting closes the motion it answers."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from arenden.models import Arende, Beslut, Sammantrade, Tjansteskrivelse
from arenden.services import beslut as beslutstjanst
from arenden.services import motioner as motionstjanst
from arenden.services import motionsavslut, sammantraden
from tests import factories

pytestmark = pytest.mark.django_db


def pa_fullmaktiges_dagordning(motion, sekreterare):
    """The motion answered, its memo ready and on a called meeting of fullmäktige."""
    rf, _ = factories.motionsorgan()
    skrivelse = motionstjanst.starta_svar(motion, anvandare=sekreterare, forslag="anse_besvarad")
    Tjansteskrivelse.objects.filter(pk=skrivelse.pk).update(status=Tjansteskrivelse.Status.KLAR)
    mote = factories.sammantrade(rf, datum=timezone.localdate())
    punkt = sammantraden.lagg_till_arende(mote, motion.arende, anvandare=sekreterare)
    Sammantrade.objects.filter(pk=mote.pk).update(status=Sammantrade.Status.KALLELSE_SKICKAD)
    sammantraden._frys(punkt, sekreterare)
    punkt.refresh_from_db()
    return punkt


@pytest.fixture
def motion(db):
    return factories.motion(vackt=timezone.localdate() - datetime.timedelta(days=200))


def besluta(punkt, sekreterare, utfall):
    return beslutstjanst.registrera_beslut(
        punkt, anvandare=sekreterare, beslutstext="Motionen anses besvarad.", utfall=utfall
    )


def test_recording_fullmaktiges_decision_closes_the_motion(motion, sekreterare):
    punkt = pa_fullmaktiges_dagordning(motion, sekreterare)
    beslut = besluta(punkt, sekreterare, "anses_besvarad")
    motion.refresh_from_db()
    assert motion.utfall == "anses_besvarad"
    assert motion.beslut == beslut
    assert motion.avslutad == punkt.sammantrade.datum
    assert motion.arende.status == Arende.Status.AVSLUTAT


def test_approving_the_proposal_is_refused_for_the_motion_outcome(motion, sekreterare):
    # Bifall to the board's proposal would leave the motion open without a word: at
    # fullmäktige the motion's own outcome is required.
    punkt = pa_fullmaktiges_dagordning(motion, sekreterare)
    for utfall in ("bifall", "avslag"):
        with pytest.raises(ValidationError) as fel:
            besluta(punkt, sekreterare, utfall)
        assert fel.value.message_dict["utfall"] == [
            "Välj bifallen, avslagen, anses besvarad eller avskriven för en motion."
        ]
    assert not Beslut.objects.filter(dagordningspunkt=punkt).exists()
    motion.refresh_from_db()
    assert motion.oppen


def test_recording_again_before_justering_corrects_the_motion(motion, sekreterare):
    punkt = pa_fullmaktiges_dagordning(motion, sekreterare)
    besluta(punkt, sekreterare, "anses_besvarad")
    beslut = besluta(punkt, sekreterare, "avslagen")
    motion.refresh_from_db()
    assert (motion.utfall, motion.beslut) == ("avslagen", beslut)
    besluta(punkt, sekreterare, "aterremiss")
    motion.refresh_from_db()
    assert motion.oppen and motion.arende.status == Arende.Status.PAGAENDE


def test_a_decision_on_a_motion_closed_by_hand_is_refused_and_not_recorded(motion, sekreterare):
    punkt = pa_fullmaktiges_dagordning(motion, sekreterare)
    motionsavslut.avsluta(motion, anvandare=sekreterare, utfall="avskriven", anteckning="x")
    with pytest.raises(ValidationError, match="redan avslutad"):
        besluta(punkt, sekreterare, "bifallen")
    assert not Beslut.objects.filter(dagordningspunkt=punkt).exists()
    motion.refresh_from_db()
    assert motion.utfall == "avskriven"
