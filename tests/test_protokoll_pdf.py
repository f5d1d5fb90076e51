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
    # pdftotext's layout mode closes the gap after "§" in the header's narrow column;
    # its raw mode keeps the text as written. One § is "Paragraf", not "Paragrafer".
    assert re.search(r"Paragraf § ?1 Beslutande", text)
    assert "Paragraf § 1\n" in pdf_till_text(svar.content, raw=True)


def test_no_minutes_are_printed_for_an_imported_meeting(client, sekreterare, demodata):
    importerat = Sammantrade.objects.exclude(kalla="").filter(beslut__isnull=False).first()
    client.force_login(sekreterare)
    svar = client.get(f"/sammantraden/{importerat.pk}/protokoll.pdf", follow=True)
    assert "Inget protokoll skrivs ut för ett inläst sammanträde" in svar.content.decode()
    assert svar.redirect_chain[-1][0] == f"/sammantraden/{importerat.pk}/"


def test_minutes_not_yet_justerade_are_for_the_secretariat(client, politiker, mote, utan_roll):
    client.force_login(politiker)
    svar = client.get(f"/sammantraden/{mote.pk}/protokoll.pdf", follow=True)
    assert svar["Content-Type"].startswith("text/html")
    assert "Protokollet är inte justerat ännu." in svar.content.decode()
    client.force_login(utan_roll)
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


@pytest.fixture
def justerat(sekreterare):
    """RS minutes with two §§, the second closed, justerade as a whole and posted."""
    organ = factories.organ("RS", "Regionstyrelsen")
    mote = factories.sammantrade(organ, datum=timezone.localdate())
    oppen = factories.arendepunkt(mote, titel="Rapport om primärvården", anvandare_=sekreterare)
    stangd = factories.arendepunkt(mote, titel="Förhandling om hyresavtal", anvandare_=sekreterare)
    sammantraden.andra_punkt(
        stangd, anvandare=sekreterare, rubrik=stangd.rubrik, nummer="", offentlig=False,
        notering="",
    )  # fmt: skip
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    for punkt, text in [
        (oppen, "Ersättning till 19121212-1212 beviljas."),
        (stangd, "Hyresavtalet godkänns."),
    ]:
        punkt.refresh_from_db()
        tjanst.registrera_beslut(
            punkt, anvandare=sekreterare, beslutstext=text, utfall="bifall",
            utdrag_till=["Ekonomidirektören"],
        )  # fmt: skip
    tjanst.registrera_justering(
        mote,
        anvandare=sekreterare,
        justerad=timezone.localdate(),
        justerare=[factories.ledamot(organ, namn="Jonas Justerare").person],
        forvaringsplats="Regionkansliet, Östersund",
        anslag_uppsatt=timezone.localdate(),
    )
    mote.refresh_from_db()
    return mote


def test_a_politician_reads_the_justerade_minutes(client, politiker, justerat):
    client.force_login(politiker)
    html = client.get(f"/sammantraden/{justerat.pk}/").content.decode()
    assert f'href="/sammantraden/{justerat.pk}/protokoll.pdf"' in html
    svar = client.get(f"/sammantraden/{justerat.pk}/protokoll.pdf")
    assert svar.status_code == 200 and svar["Content-Type"] == "application/pdf"
    assert svar["Cache-Control"] == "private, no-store"
    text = pdf_till_text(svar.content)
    # As on the anslagstavla: the closed § left out, personnummer masked.
    assert "Rapport om primärvården" in text and "Protokollet är inte justerat" not in text
    assert "Förhandling om hyresavtal" not in text and "Hyresavtalet godkänns." not in text
    assert "19121212-1212" not in text and "ÅÅMMDD-XXXX" in text
    assert "Paragraf § 1\n" in pdf_till_text(svar.content, raw=True)


def test_a_member_of_the_organ_reads_its_closed_paragraphs_too(client, justerat):
    ledamot = factories.ledamot(justerat.organ)
    client.force_login(ledamot)
    svar = client.get(f"/sammantraden/{justerat.pk}/protokoll.pdf")
    assert svar.status_code == 200
    text = pdf_till_text(svar.content)
    assert "Förhandling om hyresavtal" in text and "Hyresavtalet godkänns." in text
    assert "19121212-1212" not in text
    assert "Paragrafer §§ 1–2\n" in pdf_till_text(svar.content, raw=True)


def test_the_extract_names_its_one_paragraph_in_the_singular(justerat, sekreterare):
    from arenden.services import utdrag

    beslut = justerat.beslut.get(paragraf=2)
    handling = utdrag.skapa(beslut.pk, anvandare_id=sekreterare.pk)
    text = pdf_till_text(handling.fil.read(), raw=True)
    assert "Paragraf § 2\n" in text and "Paragrafer" not in text
