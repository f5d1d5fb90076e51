"""Attendance at a meeting: present ledamöter, and ersättare serving for absent ones."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from arenden.models import Narvaro, Sammantrade
from arenden.services import beslut as tjanst
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def mote():
    mote = factories.sammantrade(
        factories.organ("RS", "Regionstyrelsen"),
        datum=timezone.localdate(),
        status=Sammantrade.Status.KALLELSE_SKICKAD,
    )
    mote.anna = factories.ledamot(mote.organ, namn="Anna Andersson", funktion="Ordförande").person
    mote.bo = factories.ledamot(mote.organ, namn="Bo Berg").person
    mote.cia = factories.ledamot(mote.organ, "ersattare", namn="Cia Ek").person
    return mote


def test_it_records_who_was_there_and_who_served(client, sekreterare, mote):
    client.force_login(sekreterare)
    svar = client.get(f"/sammantraden/{mote.pk}/narvaro/")
    assert svar.status_code == 200
    # Ledamöter are ticked as present to start with; ersättare are not.
    form = svar.context["form"]
    assert form[f"narvarande_{mote.anna.pk}"].initial is True
    assert form[f"narvarande_{mote.cia.pk}"].initial is False
    html = svar.content.decode()
    assert "Anna Andersson" in html and "Cia Ek" in html
    svar = client.post(
        f"/sammantraden/{mote.pk}/narvaro/",
        {
            f"narvarande_{mote.anna.pk}": "on",
            f"narvarande_{mote.cia.pk}": "on",
            f"tjanstgor_{mote.cia.pk}": mote.bo.pk,
            f"anteckning_{mote.cia.pk}": "§§ 1–5",
        },
    )
    assert svar.status_code == 302
    rader = {n.person: n for n in Narvaro.objects.filter(sammantrade=mote)}
    assert rader[mote.anna].narvarande and rader[mote.anna].funktion == "Ordförande"
    assert not rader[mote.bo].narvarande
    assert rader[mote.cia].tjanstgor_for == mote.bo and rader[mote.cia].anteckning == "§§ 1–5"
    assert set(tjanst.beslutande(mote)) == {mote.anna, mote.cia}


def test_an_ersattare_cannot_serve_for_a_present_ledamot(client, sekreterare, mote):
    client.force_login(sekreterare)
    svar = client.post(
        f"/sammantraden/{mote.pk}/narvaro/",
        {
            f"narvarande_{mote.bo.pk}": "on",
            f"narvarande_{mote.cia.pk}": "on",
            f"tjanstgor_{mote.cia.pk}": mote.bo.pk,
        },
    )
    assert svar.status_code == 400
    assert "Cia Ek (S) kan inte tjänstgöra för en ledamot som är närvarande." in (
        svar.content.decode()
    )
    assert not Narvaro.objects.exists()


def test_an_absent_ersattare_cannot_serve(sekreterare, mote):
    with pytest.raises(ValidationError, match="kan inte tjänstgöra utan att vara närvarande"):
        tjanst.registrera_narvaro(
            mote,
            [{"person": mote.cia, "narvarande": False, "tjanstgor_for": mote.bo}],
            anvandare=sekreterare,
        )


def test_attendance_is_locked_once_the_minutes_are_justerade(sekreterare, mote):
    Sammantrade.objects.filter(pk=mote.pk).update(status=Sammantrade.Status.JUSTERAT)
    with pytest.raises(ValidationError, match="närvaron är låst"):
        tjanst.registrera_narvaro(
            mote, [{"person": mote.anna, "narvarande": True}], anvandare=sekreterare
        )


def test_attendance_is_403_404_and_405(client, sekreterare, politiker, mote):
    url = f"/sammantraden/{mote.pk}/narvaro/"
    client.force_login(politiker)
    assert client.get(url).status_code == 403
    assert client.post(url, {}).status_code == 403
    client.force_login(sekreterare)
    assert client.post("/sammantraden/99999/narvaro/", {}).status_code == 404
    assert client.patch(url).status_code == 405
