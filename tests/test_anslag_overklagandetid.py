"""The appeal period: three weeks from the anslag, moved to the next working day when it
ends on a Saturday, Sunday, public holiday, midsommarafton, julafton or nyårsafton
(lag 1930:173), with the Swedish calendar of the holidays package."""

import datetime

import pytest

from arenden.services import anslag

D = datetime.date


@pytest.mark.parametrize(
    ("uppsatt", "sista_dag", "varfor"),
    [
        (D(2020, 3, 10), D(2020, 3, 31), "a Tuesday three weeks on: the region's own example"),
        (D(2026, 12, 3), D(2026, 12, 28), "julafton, juldagen, annandag jul, Sunday"),
        (D(2026, 12, 10), D(2027, 1, 4), "nyårsafton, nyårsdagen, a weekend"),
        (D(2026, 5, 29), D(2026, 6, 22), "midsommarafton, midsommardagen, a Sunday"),
        (D(2026, 3, 14), D(2026, 4, 7), "påskafton, påskdagen, annandag påsk"),
        (D(2026, 5, 16), D(2026, 6, 8), "nationaldagen on a Saturday"),
        (D(2026, 4, 23), D(2026, 5, 15), "Kristi himmelsfärdsdag"),
        (D(2026, 2, 7), D(2026, 3, 2), "an ordinary Saturday"),
    ],
)
def test_the_last_day_moves_to_the_next_working_day(uppsatt, sista_dag, varfor):
    assert anslag.overklagas_senast(uppsatt) == sista_dag, varfor


def test_days_before_holidays_are_working_days():
    # Trettondagsafton and the "dag före" half days are ordinary days under 1930:173.
    assert anslag.ar_arbetsdag(D(2026, 1, 5))
    assert anslag.ar_arbetsdag(D(2026, 12, 23))
    assert not anslag.ar_arbetsdag(D(2026, 12, 24))
    assert not anslag.ar_arbetsdag(D(2026, 6, 19))
    assert not anslag.ar_arbetsdag(D(2026, 12, 31))


def test_the_anslag_must_go_up_by_the_second_day_after_justering():
    assert anslag.anslag_senast(D(2026, 5, 12)) == D(2026, 5, 15)  # Kristi himmelsfärdsdag
    assert anslag.anslag_senast(D(2026, 3, 2)) == D(2026, 3, 4)
