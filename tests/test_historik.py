"""The append-only history: written by the domain functions, never changed or deleted."""

import pytest
from django.db import DatabaseError, connection, transaction

from arenden.models import Historik
from arenden.services import arenden as arendetjanst
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_change_is_recorded_with_before_and_after(registrator):
    arende = factories.arende("Före", anvandare_=registrator)
    arendetjanst.andra_arende(arende, anvandare=registrator, titel="Efter")
    post = Historik.objects.filter(arende=arende).first()
    assert post.anvandare == registrator
    assert post.andringar == [("titel", "Före", "Efter")]


def test_a_change_that_changes_nothing_is_not_recorded(registrator):
    arende = factories.arende("Samma")
    antal = Historik.objects.count()
    arendetjanst.andra_arende(arende, anvandare=registrator, titel="Samma")
    assert Historik.objects.count() == antal


def test_the_diarienummer_cannot_be_changed(registrator):
    arende = factories.arende()
    with pytest.raises(ValueError):
        arendetjanst.andra_arende(arende, anvandare=registrator, diarienummer="RS/9/2020")


def test_the_model_refuses_update_and_delete():
    post = Historik.objects.filter(arende=factories.arende()).get()
    post.handelse = "förfalskad"
    with pytest.raises(ValueError):
        post.save()
    with pytest.raises(ValueError):
        post.delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigger finns bara i PostgreSQL")
def test_postgresql_refuses_update_and_delete_even_in_bulk():
    factories.arende()
    with pytest.raises(DatabaseError), transaction.atomic():
        Historik.objects.update(handelse="förfalskad")
    with pytest.raises(DatabaseError), transaction.atomic():
        Historik.objects.all().delete()
    assert Historik.objects.exclude(handelse="förfalskad").count() == Historik.objects.count()


def test_a_secret_handlings_history_does_not_show_its_contents(client, politiker, registrator):
    arende = factories.arende()
    handling = factories.handling(arende, beskrivning="Ursprunglig beskrivning")
    from arenden.services import historik

    fore = historik.ogonblicksbild(handling, ["beskrivning"])
    handling.beskrivning = "Känslig uppgift om patient"
    handling.sekretess_bestammelse = "OSL 25 kap 1 §"
    handling.save()
    historik.logga(
        anvandare=registrator,
        objekt=handling,
        arende=arende,
        handelse="Handlingen ändrades",
        fore=fore,
        efter=historik.ogonblicksbild(handling, ["beskrivning"]),
    )
    client.force_login(politiker)
    assert "Känslig uppgift om patient" not in client.get(arende.get_absolute_url()).text


def test_the_case_page_names_changed_fields_as_people_read_them(client, registrator):
    arende = factories.arende()
    handling = factories.handling(arende)
    factories.sekretessmarkera(handling, anvandare_=registrator)
    behorig = factories.anvandare("Registrator", se_sekretess=True)
    client.force_login(behorig)
    sida = client.get(arende.get_absolute_url()).text
    assert "<td>sekretessbestämmelse</td><td>–</td><td>OSL 25 kap 1 §</td>" in sida
    assert "sekretess_bestammelse" not in sida


@pytest.mark.django_db
def test_a_long_event_is_shortened_to_fit_the_column():
    from arenden.services import historik

    arende = factories.arende()
    post = historik.logga(
        anvandare=None, objekt=arende, arende=arende, handelse="Tjänsteskrivelsen ”" + "x" * 200
    )
    post.refresh_from_db()
    assert len(post.handelse) == 100
    assert post.handelse.startswith("Tjänsteskrivelsen ”xxx") and post.handelse.endswith("…")
