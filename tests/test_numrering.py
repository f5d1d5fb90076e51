"""Diarienummer and § numbers: per series and year, consecutive, never reused, race-free."""

import threading

import pytest
from django.db import connections, transaction

from arenden.models import Arende, Nummerserie
from arenden.services import numrering
from tests import factories


@pytest.mark.django_db
def test_it_runs_per_diarium_and_year():
    with transaction.atomic():
        assert numrering.nasta_nummer("diarium:RS", 2026) == 1
        assert numrering.nasta_nummer("diarium:RS", 2026) == 2
        assert numrering.nasta_nummer("diarium:RF", 2026) == 1
        assert numrering.nasta_nummer("diarium:RS", 2027) == 1


@pytest.mark.django_db(transaction=True)
def test_it_refuses_to_allocate_outside_a_transaction():
    with pytest.raises(RuntimeError):
        numrering.nasta_nummer("diarium:RS", 2026)


@pytest.mark.django_db
def test_a_rolled_back_registration_gives_its_number_back():
    with transaction.atomic():
        assert numrering.nasta_nummer("diarium:RS", 2026) == 1
    try:
        with transaction.atomic():
            assert numrering.nasta_nummer("diarium:RS", 2026) == 2
            raise RuntimeError("registreringen misslyckades")
    except RuntimeError:
        pass
    with transaction.atomic():
        assert numrering.nasta_nummer("diarium:RS", 2026) == 2


@pytest.mark.django_db
def test_an_imported_number_is_never_handed_out_again():
    numrering.reservera_nummer("diarium:RS", 2017, 1450)
    with transaction.atomic():
        assert numrering.nasta_nummer("diarium:RS", 2017) == 1451
    # Reserving a lower number later does not move the series back.
    numrering.reservera_nummer("diarium:RS", 2017, 2)
    assert Nummerserie.objects.get(serie="diarium:RS", ar=2017).senaste == 1451


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_get_distinct_consecutive_numbers():
    """At least 20 registrations at the same instant: distinct numbers, no gaps.

    Each thread has its own connection. On PostgreSQL the counter row lock
    serialises them; on SQLite (a file test database) the IMMEDIATE transactions do.
    """
    diarium = factories.diarium("RS")
    antal = 24
    start = threading.Barrier(antal)
    fel = []

    def registrera(i):
        try:
            start.wait()
            factories.arende(f"Samtidigt ärende {i}")
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            fel.append(exc)
        finally:
            connections.close_all()

    tradar = [threading.Thread(target=registrera, args=(i,)) for i in range(antal)]
    for t in tradar:
        t.start()
    for t in tradar:
        t.join()
    assert fel == []
    nummer = sorted(Arende.objects.filter(diarium=diarium).values_list("lopnummer", flat=True))
    assert nummer == list(range(1, antal + 1))
