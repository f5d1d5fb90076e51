"""`manage.py fakecases N`: synthetic cases that behave like registered ones."""

import io

import pytest
from django.core.management import CommandError, call_command

from arenden.models import Arende, Beslut, Handling, Sokdokument, Tjansteskrivelse
from arenden.services import sok
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_adds_cases_with_handlingar_documents_and_numbers_that_continue(client, registrator):
    utdata = io.StringIO()
    call_command("fakecases", "60", "--seed", "7", stdout=utdata)
    assert "60 ärenden tillagda" in utdata.getvalue()
    assert Arende.objects.count() == 60
    assert 3 * 60 <= Handling.objects.count() <= 7 * 60
    assert Tjansteskrivelse.objects.exists()
    assert Sokdokument.objects.count() == 60
    assert Beslut.objects.exclude(paragraf=None).exists()
    # Each year's numbers run 1..n without gaps, and the next registration continues.
    for ar in set(Arende.objects.values_list("ar", flat=True)):
        nummer = sorted(Arende.objects.filter(ar=ar).values_list("lopnummer", flat=True))
        assert nummer == list(range(1, len(nummer) + 1))
    senaste = Arende.objects.filter(ar=factories.arende().ar).order_by("-lopnummer")
    assert senaste[0].lopnummer == senaste.count()
    # The generated cases are found like any other.
    client.force_login(registrator)
    assert "0 ärenden" not in client.get("/arenden/", {"q": "primärvården"}).text


def test_it_keeps_secrets_and_private_names_off_the_public_documents():
    call_command("fakecases", "80", "--seed", "3", stdout=io.StringIO())
    assert Handling.objects.exclude(sekretess_bestammelse="").exists()
    assert Handling.objects.filter(avsandare_privatperson=True).exists()
    for dokument in Sokdokument.objects.select_related("arende"):
        handlingar = list(dokument.arende.handlingar.all())
        oppna = {h.beskrivning for h in handlingar if not h.sekretessmarkerad}
        for h in handlingar:
            if h.sekretessmarkerad and h.beskrivning not in oppna:
                assert h.beskrivning not in dokument.publiktext
                assert h.beskrivning not in dokument.fulltext
            if h.avsandare_privatperson:
                assert h.avsandare_mottagare not in dokument.publiktext
        assert sok.PERSONNUMMER.search(dokument.publiktext) is None


def test_it_refuses_a_count_below_one():
    with pytest.raises(CommandError):
        call_command("fakecases", "0", stdout=io.StringIO())
