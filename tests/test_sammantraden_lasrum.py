"""The politicians' reading room: the frozen proposal and the papers of a sent kallelse;
members of the organ read the secret underlag on their own agenda (logged), nobody
else gains it; closed items and drafts stay out of view."""

import datetime

import pytest

from arenden.models import Sammantrade, Sekretessatkomst, Uppdrag
from arenden.services import behorighet, sammantraden
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def rs():
    return factories.organ("RS", "Regionstyrelsen")


@pytest.fixture
def mote(rs, sekreterare):
    mote = factories.sammantrade(rs)
    punkt = factories.arendepunkt(
        mote,
        titel="Rapport om primärvården",
        anvandare_=sekreterare,
        attsatser=["Rapporten godkänns.", "Styrgruppen får fortsatt uppdrag."],
    )
    factories.pdf_handling(punkt.arende, beskrivning="Styrgruppens rapport")
    hemlig = factories.pdf_handling(
        punkt.arende, beskrivning="Uppgifter om enskild", sekretess="OSL 21 kap 1 §"
    )
    punkt.underlag.set(punkt.arende.handlingar.exclude(fil=""))
    stangd = factories.arendepunkt(mote, titel="Förhandling om hyresavtal", anvandare_=sekreterare)
    sammantraden.andra_punkt(
        stangd, anvandare=sekreterare, rubrik=stangd.rubrik, nummer="2", offentlig=False,
        notering="",
    )  # fmt: skip
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    mote.punkt, mote.stangd, mote.hemlig = punkt, stangd, hemlig
    return mote


def _punkt_url(mote, punkt, rest=""):
    return f"/sammantraden/{mote.pk}/punkter/{punkt.pk}/{rest}"


def test_a_member_reads_the_frozen_proposal_and_its_papers(client, rs, mote):
    ledamot = factories.ledamot(rs)
    client.force_login(ledamot)
    mote.punkt.tjansteskrivelse.attsatser.update(text="Ändrat efter utskick.")
    svar = client.get(_punkt_url(mote, mote.punkt))
    assert svar.status_code == 200
    html = svar.content.decode()
    assert "Rapporten godkänns." in html and "Styrgruppen får fortsatt uppdrag." in html
    assert "Ändrat efter utskick." not in html
    assert "Styrgruppens rapport" in html
    assert f'href="/sammantraden/{mote.pk}/punkter/{mote.punkt.pk}/tjansteskrivelse.pdf"' in html
    svar = client.get(_punkt_url(mote, mote.punkt, "tjansteskrivelse.pdf"))
    assert svar.status_code == 200 and svar["Content-Type"] == "application/pdf"
    assert svar.content.startswith(b"%PDF")


def test_the_meeting_page_is_calm_and_lists_the_items(client, rs, mote):
    client.force_login(factories.ledamot(rs))
    svar = client.get(f"/sammantraden/{mote.pk}/")
    assert svar.status_code == 200
    html = svar.content.decode()
    assert "Rapport om primärvården" in html and "Förhandling om hyresavtal" in html
    assert "Sekreterarens verktyg" not in html
    assert "Du är ledamot eller ersättare i Regionstyrelsen" in html


def test_a_member_reads_secret_underlag_and_the_opening_is_logged(client, rs, mote):
    ledamot = factories.ledamot(rs, roll="ersattare")
    client.force_login(ledamot)
    svar = client.get(_punkt_url(mote, mote.punkt))
    assert "din läsning loggas" in svar.content.decode()
    svar = client.get(_punkt_url(mote, mote.punkt, f"underlag/{mote.hemlig.pk}/"))
    assert svar.status_code == 200
    atkomst = Sekretessatkomst.objects.get()
    assert (atkomst.anvandare, atkomst.handling, atkomst.grund) == (
        ledamot,
        mote.hemlig,
        Sekretessatkomst.Grund.LEDAMOT,
    )
    # Downloading it from the case's own list gives the same ground.
    svar = client.get(mote.hemlig.get_fil_url())
    assert svar.status_code == 200
    assert Sekretessatkomst.objects.filter(grund=Sekretessatkomst.Grund.LEDAMOT).count() == 2


def test_nobody_outside_the_organ_gains_the_secret_underlag(client, mote, registrator):
    for user in (
        factories.ledamot(factories.organ("SVOM")),
        factories.anvandare("Politiker"),
        factories.anvandare("Nämndsekreterare"),
    ):
        client.force_login(user)
        assert (
            client.get(_punkt_url(mote, mote.punkt, f"underlag/{mote.hemlig.pk}/")).status_code
            == 403
        )
        assert not behorighet.kan_se_sekretess(user, mote.hemlig)
    assert not Sekretessatkomst.objects.exists()
    # Those granted the right see it on that ground.
    ratt = factories.anvandare("Registrator", se_sekretess=True)
    client.force_login(ratt)
    assert (
        client.get(_punkt_url(mote, mote.punkt, f"underlag/{mote.hemlig.pk}/")).status_code == 200
    )
    assert Sekretessatkomst.objects.get().grund == Sekretessatkomst.Grund.BEHORIGHET


def test_membership_counts_only_on_the_meeting_day(rs, mote):
    ledamot = factories.ledamot(rs)
    Uppdrag.objects.filter(person__anvandare=ledamot).update(
        till=mote.datum - datetime.timedelta(days=1)
    )
    assert not behorighet.kan_se_sekretess(ledamot, mote.hemlig)
    Uppdrag.objects.filter(person__anvandare=ledamot).update(
        fran=mote.datum + datetime.timedelta(days=1), till=None
    )
    assert not behorighet.kan_se_sekretess(ledamot, mote.hemlig)


def test_an_unsent_agenda_opens_nothing(rs, sekreterare):
    utkast = factories.sammantrade(rs)
    punkt = factories.arendepunkt(utkast, anvandare_=sekreterare)
    hemlig = factories.pdf_handling(punkt.arende, sekretess="OSL 21 kap 1 §")
    punkt.underlag.set([hemlig])
    assert not behorighet.kan_se_sekretess(factories.ledamot(rs), hemlig)


def test_a_politician_cannot_see_a_draft_agenda(client, rs, sekreterare):
    utkast = factories.sammantrade(rs)
    punkt = factories.arendepunkt(utkast, anvandare_=sekreterare)
    client.force_login(factories.ledamot(rs))
    assert client.get(f"/sammantraden/{utkast.pk}/").status_code == 403
    assert client.get(_punkt_url(utkast, punkt)).status_code == 403
    assert utkast.status == Sammantrade.Status.PLANERAT


def test_closed_items_of_another_organ_are_not_there(client, mote):
    client.force_login(factories.ledamot(factories.organ("SVOM")))
    svar = client.get(f"/sammantraden/{mote.pk}/")
    assert svar.status_code == 200
    html = svar.content.decode()
    assert "Rapport om primärvården" in html
    assert "Förhandling om hyresavtal" not in html
    assert client.get(_punkt_url(mote, mote.stangd)).status_code == 404
    assert client.get(_punkt_url(mote, mote.stangd, "tjansteskrivelse.pdf")).status_code == 404


def test_members_and_officials_see_closed_items(client, rs, mote, handlaggare):
    for user in (factories.ledamot(rs), handlaggare):
        client.force_login(user)
        assert client.get(_punkt_url(mote, mote.stangd)).status_code == 200


def test_personnummer_are_masked_for_politicians(client, rs, sekreterare):
    mote = factories.sammantrade(rs)
    factories.arendepunkt(
        mote,
        anvandare_=sekreterare,
        avsnitt=[("Bakgrund", "Patienten 19121212-1212 har klagat.")],
    )
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    punkt = mote.dagordning.get()
    client.force_login(factories.ledamot(rs))
    html = client.get(_punkt_url(mote, punkt)).content.decode()
    assert "19121212-1212" not in html and "ÅÅMMDD-XXXX" in html


def test_reading_room_views_are_404_for_unknown_and_405_for_posts(client, rs, mote):
    client.force_login(factories.ledamot(rs))
    assert client.get("/sammantraden/99999/").status_code == 404
    assert (
        client.get(_punkt_url(mote, mote.punkt).replace(str(mote.punkt.pk), "99999")).status_code
        == 404
    )
    assert client.get(_punkt_url(mote, mote.punkt, "underlag/99999/")).status_code == 404
    for rest in ("", "tjansteskrivelse.pdf", f"underlag/{mote.hemlig.pk}/"):
        assert client.post(_punkt_url(mote, mote.punkt, rest)).status_code == 405


def test_a_user_without_any_reading_right_is_refused(client, mote, utan_roll):
    client.force_login(utan_roll)
    assert client.get(f"/sammantraden/{mote.pk}/").status_code == 403
    assert client.get(_punkt_url(mote, mote.punkt)).status_code == 403


def test_an_underlag_without_a_file_is_404(client, rs, mote, sekreterare):
    utan_fil = factories.handling(mote.punkt.arende, beskrivning="Mejl")
    mote.punkt.underlag.add(utan_fil)
    client.force_login(sekreterare)
    assert client.get(_punkt_url(mote, mote.punkt, f"underlag/{utan_fil.pk}/")).status_code == 404
