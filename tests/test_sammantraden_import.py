"""The decisions imported from the seeds (RS 2019 §§ 130, 143, 218; SVOM § 46 and § 9)
on their cases and meetings, with what the sources say; no minutes for such meetings."""

import pytest
from django.utils.html import strip_tags

from arenden.models import Beslut, Sammantrade
from arenden.services import beslut as tjanst

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("arende", "rubriker"),
    [
        ("RS-554-2019", ["Regionstyrelsen 2019-08 (dag saknas i källan) § 130", "§ 143"]),
        ("RS-722-2019", ["Regionstyrelsen 2019-12 (dag saknas i källan) § 218"]),
    ],
)
def test_the_imported_decisions_are_on_their_cases(client, handlaggare, demodata, arende, rubriker):
    client.force_login(handlaggare)
    text = " ".join(strip_tags(client.get(f"/arenden/{arende}/").content.decode()).split())
    for rubrik in rubriker:
        assert rubrik in text, rubrik
    assert "Uppgift ur källa:" in text


def test_the_imported_meetings_show_their_decisions_and_say_there_are_no_minutes(
    client, politiker, demodata
):
    mote = Sammantrade.objects.get(organ__forkortning="SVOM", datum="2021-02-26")
    client.force_login(politiker)
    svar = client.get(f"/sammantraden/{mote.pk}/")
    assert svar.status_code == 200
    html = svar.content.decode()
    assert "§ 9" in html
    assert "anta den framarbetade projektplanen" in html
    assert "Inget protokoll skrivs ut för inlästa sammanträden" in html
    assert "Kallelse med handlingar" not in html
    # Politicians see imported meetings: they are decisions, not drafts.
    assert mote in client.get("/sammantraden/").context["tidigare"]


def test_nothing_is_recorded_on_an_imported_meeting(sekreterare, demodata):
    from django.core.exceptions import ValidationError

    mote = Sammantrade.objects.get(organ__forkortning="RS", datum="2019-08-01")
    with pytest.raises(ValidationError, match="Källan innehåller inget protokoll"):
        tjanst.registrera_narvaro(mote, [], anvandare=sekreterare)
    with pytest.raises(ValidationError, match="Källan innehåller inget protokoll"):
        tjanst.registrera_justering(
            mote, anvandare=sekreterare, justerad=mote.datum, justerare=[], forvaringsplats="x"
        )
    beslut = Beslut.objects.get(organ__forkortning="RS", ar=2019, paragraf=130)
    with pytest.raises(ValidationError, match="inläst ur en källa"):
        tjanst.registrera_rattelse(beslut, anvandare=sekreterare, text="x", skal="y")
