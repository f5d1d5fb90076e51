"""The one-year rule (Kommunallagen 5 kap 35 §): leap days, year ends, an earlier meeting."""

import datetime

import pytest
import time_machine

from arenden.models import Sammantrade
from arenden.services import motioner as motionstjanst
from arenden.services import motionsavslut, motionsredovisning
from tests import factories

D = datetime.date


@pytest.mark.parametrize(
    ("vackt", "senast"),
    [
        (D(2025, 3, 14), D(2026, 3, 14)),
        # Väckt on a leap day: the next year has no 29 February; 28 February keeps the
        # deadline inside the law's year.
        (D(2024, 2, 29), D(2025, 2, 28)),
        (D(2028, 2, 29), D(2029, 2, 28)),
        # The day before and after a leap day count a plain year.
        (D(2024, 2, 28), D(2025, 2, 28)),
        (D(2024, 3, 1), D(2025, 3, 1)),
        # Into a leap year: 28 February stays 28 February, 1 March stays 1 March.
        (D(2023, 2, 28), D(2024, 2, 28)),
        (D(2023, 3, 1), D(2024, 3, 1)),
        # Year ends.
        (D(2025, 12, 31), D(2026, 12, 31)),
        (D(2026, 1, 1), D(2027, 1, 1)),
    ],
)
def test_it_gives_the_deadline_one_year_after_vackt(vackt, senast):
    assert motionstjanst.besvaras_senast(vackt) == senast


def test_it_does_not_move_a_weekend_deadline():
    # 2026-03-14 is a Saturday: the year is a target for fullmäktige's own work.
    assert motionstjanst.besvaras_senast(D(2025, 3, 14)) == D(2026, 3, 14)


@pytest.mark.django_db
def test_it_stores_the_deadline_when_a_leap_day_motion_is_registered():
    with time_machine.travel("2024-03-05 10:00:00+01:00", tick=False):
        motion = factories.motion(vackt=D(2024, 2, 29))
    assert motion.besvaras_senast == D(2025, 2, 28)


@pytest.mark.django_db
def test_it_counts_vackt_today_in_stockholm_at_new_year():
    # 23:30 UTC on New Year's Eve is already New Year's Day in Stockholm: a motion väckt
    # that day is not in the future, and its deadline is a year later.
    with time_machine.travel("2026-12-31 23:30:00+00:00", tick=False):
        motion = factories.motion(vackt=D(2027, 1, 1))
    assert motion.besvaras_senast == D(2028, 1, 1)
    assert motion.arende.diarienummer.endswith("/2027")


@pytest.mark.django_db
def test_the_earlier_meeting_is_the_deadline_that_counts():
    rf, _ = factories.motionsorgan()
    mote = Sammantrade.objects.create(organ=rf, datum=D(2026, 11, 20))
    with time_machine.travel("2026-03-01 12:00:00+01:00", tick=False):
        motion = factories.motion(vackt=D(2026, 2, 10), besvaras_senast_sammantrade=mote)
    assert motion.besvaras_senast == D(2027, 2, 10)
    assert motionstjanst.frist(motion) == D(2026, 11, 20)
    annoterad = motionsredovisning.motioner().get(pk=motion.pk)
    assert annoterad.frist == D(2026, 11, 20)


@pytest.mark.django_db
def test_the_database_column_and_the_function_agree_without_a_meeting():
    with time_machine.travel("2026-03-01 12:00:00+01:00", tick=False):
        motion = factories.motion(vackt=D(2026, 2, 10))
    assert motionsredovisning.motioner().get(pk=motion.pk).frist == D(2027, 2, 10)
    assert motionstjanst.frist(motion) == D(2027, 2, 10)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("idag", "kod", "text"),
    [
        (D(2027, 2, 11), "forsenad", "Försenad 1 dag"),
        (D(2027, 3, 12), "forsenad", "Försenad 30 dagar"),
        (D(2027, 2, 10), "snart", "Frist i dag"),
        (D(2027, 2, 9), "snart", "Frist om 1 dag"),
        (D(2026, 12, 12), "snart", "Frist om 60 dagar"),
        (D(2026, 12, 11), "", ""),
    ],
)
def test_it_says_in_words_whether_a_motion_is_overdue_or_due_soon(idag, kod, text):
    with time_machine.travel("2026-03-01 12:00:00+01:00", tick=False):
        motion = factories.motion(vackt=D(2026, 2, 10))
    lage = motionstjanst.fristlage(motion, idag)
    assert (lage.kod, lage.text) == (kod, text)


@pytest.mark.django_db
def test_a_closed_motion_is_never_overdue():
    with time_machine.travel("2026-03-01 12:00:00+01:00", tick=False):
        motion = factories.motion(vackt=D(2026, 2, 10))
        motion = motionsavslut.avsluta(
            motion, anvandare=None, utfall="avskriven", anteckning="Motionären avgick."
        )
    assert motionstjanst.fristlage(motion, D(2030, 1, 1)).kod == ""


@pytest.mark.django_db
def test_the_database_refuses_a_deadline_before_vackt():
    from django.db import IntegrityError, transaction

    with time_machine.travel("2026-03-01 12:00:00+01:00", tick=False):
        motion = factories.motion(vackt=D(2026, 2, 10))
    motion.besvaras_senast = D(2026, 2, 9)
    with pytest.raises(IntegrityError), transaction.atomic():
        motion.save()
