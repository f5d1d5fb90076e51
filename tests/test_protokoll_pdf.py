"""The minutes as PDF/A: the header, each § with what was decided and how, and the footer
the justerare sign on every page."""

import io
import re

import pypdf
import pytest
from django.utils import timezone

from arenden.models import Sammantrade
from arenden.services import beslut as tjanst
from arenden.services import sammantraden
from tests import factories
from tests.pdftext import pdf_till_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def mote(sekreterare):
    import datetime

    organ = factories.organ("RS", "Regionstyrelsen")
    mote = factories.sammantrade(
        organ,
        datum=timezone.localdate(),
        sluttid=datetime.time(12, 0),
        justering_plats="Regionkansliet, Östersund",
        sekreterare=factories.person("Sara Sekreterare"),
    )
    anna = factories.ledamot(organ, namn="Anna Ordförande", funktion="Ordförande").person
    bo = factories.ledamot(organ, namn="Bo Ledamot").person
    cia = factories.ledamot(organ, "ersattare", namn="Cia Ersättare").person
    mote.justerare.set([bo])
    punkt = factories.arendepunkt(mote, titel="Rapport om primärvården", anvandare_=sekreterare)
    factories.pdf_handling(punkt.arende, beskrivning="Styrgruppens rapport")
    punkt.underlag.set(punkt.arende.handlingar.exclude(fil=""))
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    tjanst.registrera_narvaro(
        mote,
        [
            {"person": anna, "narvarande": True},
            {"person": bo, "narvarande": False},
            {"person": cia, "narvarande": True, "tjanstgor_for": bo},
        ],
        anvandare=sekreterare,
    )
    punkt.refresh_from_db()
    tjanst.registrera_beslut(
        punkt,
        anvandare=sekreterare,
        beslutstext="Regionstyrelsen godkänner rapporten.",
        utfall="bifall",
        beslutsunderlag=tjanst.standardunderlag_text(punkt),
        utdrag_till=["Hälso- och sjukvårdsdirektören"],
        yrkanden=[(anna, "Bifall till förslaget.")],
        voteringar=[tjanst.Votes(ja=1, nej=1)],
        reservationer=[(cia, "Vi ville ha en annan ordning.")],
        protokollsanteckningar=[(anna, "Uppföljning i höst.")],
    )
    mote.refresh_from_db()
    return mote


def test_the_minutes_have_header_paragraphs_and_footer(client, sekreterare, mote):
    client.force_login(sekreterare)
    svar = client.get(f"/sammantraden/{mote.pk}/protokoll.pdf")
    assert svar.status_code == 200 and svar["Content-Type"] == "application/pdf"
    lasare = pypdf.PdfReader(io.BytesIO(svar.content))
    assert "/StructTreeRoot" in lasare.trailer["/Root"]  # tagged
    text = " ".join(pdf_till_text(svar.content, layout=True).split())
    for vantat in [
        "Protokoll",
        "Organ Regionstyrelsen",
        f"Datum {mote.datum:%Y-%m-%d}",
        "Tid kl. 09.00–12.00",
        "Plats Regionens hus, sal Storsjön",
        "Beslutande Anna Ordförande (S), ordförande",
        "Tjänstgörande ersättare Cia Ersättare (S) för Bo Ledamot (S)",
        "Sekreterare Sara Sekreterare",
        "Justerare Bo Ledamot (S)",
        "Justeringens plats och tid Regionkansliet, Östersund",
        "§ 1 Rapport om primärvården",
        "Dnr RS/1/",
        "Beslutsunderlag",
        "Styrgruppens rapport",
        "Yrkanden Anna Ordförande (S): Bifall till förslaget.",
        "1 ja, 1 nej, 0 avstår.",
        "Beslut Regionstyrelsen godkänner rapporten.",
        "Cia Ersättare (S) reserverar sig mot beslutet: Vi ville ha en annan ordning.",
        "Protokollsanteckningar Anna Ordförande (S): Uppföljning i höst.",
        "Utdrag till • Hälso- och sjukvårdsdirektören",
        "Protokollet är inte justerat.",
        "Justerares signatur Utdragsbestyrkande Sida 1 (1)",
    ]:
        assert vantat in text, vantat
    # pdftotext's layout mode closes the gap after "§" in the header's narrow column.
    assert re.search(r"Paragrafer § ?1 Beslutande", text)


def test_no_minutes_are_printed_for_an_imported_meeting(client, sekreterare, demodata):
    importerat = Sammantrade.objects.exclude(kalla="").filter(beslut__isnull=False).first()
    client.force_login(sekreterare)
    svar = client.get(f"/sammantraden/{importerat.pk}/protokoll.pdf", follow=True)
    assert "Inget protokoll skrivs ut för ett inläst sammanträde" in svar.content.decode()
    assert svar.redirect_chain[-1][0] == f"/sammantraden/{importerat.pk}/"


def test_the_minutes_are_for_the_secretariat(client, politiker, mote):
    client.force_login(politiker)
    assert client.get(f"/sammantraden/{mote.pk}/protokoll.pdf").status_code == 403
    client.force_login(factories.anvandare("Nämndsekreterare"))
    assert client.get("/sammantraden/99999/protokoll.pdf").status_code == 404
    assert client.post(f"/sammantraden/{mote.pk}/protokoll.pdf").status_code == 405


def test_every_page_of_long_minutes_carries_its_number_and_the_total(client, sekreterare, mote):
    punkt = mote.dagordning.get()
    stycken = [
        f"{i}. Regionstyrelsen ger regiondirektören i uppdrag att följa upp primärvårdens "
        "tillgänglighet, kontinuitet och samverkan med kommunerna och återrapportera."
        for i in range(1, 61)
    ]
    tjanst.registrera_beslut(
        punkt, anvandare=sekreterare, beslutstext="\n\n".join(stycken), utfall="bifall"
    )
    client.force_login(sekreterare)
    pdf = client.get(f"/sammantraden/{mote.pk}/protokoll.pdf").content
    sidor = pdf_till_text(pdf, layout=True).split("\f")
    sidor = [s for s in sidor if s.strip()]
    totalt = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert totalt >= 3 and len(sidor) == totalt
    for nummer, sida in enumerate(sidor, start=1):
        rad = " ".join(sida.split())
        assert f"Justerares signatur Utdragsbestyrkande Sida {nummer} ({totalt})" in rad, nummer
    assert "60. Regionstyrelsen ger regiondirektören" in " ".join(sidor[-1].split())
