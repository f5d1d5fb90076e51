"""A tjänsteskrivelse registered as a secret-marked handling is secret underlag: the
organ's members (and those with the right to see secret material) read it, logged, in
the reading room and the kallelse; everybody else gets the copy without it and a
notice that it is left out under secrecy."""

import pytest

from arenden.models import KallelsePaket, Riktning, Sekretessatkomst
from arenden.services import kallelse, sammantraden
from tests import factories
from tests.pdftext import pdf_till_text

pytestmark = pytest.mark.django_db

MEMOTEXT = "Avtalet med vårdgivaren löper ut"


@pytest.fixture
def mote(sekreterare):
    mote = factories.sammantrade(factories.organ("RS", "Regionstyrelsen"))
    punkt = factories.arendepunkt(
        mote,
        titel="Avtal om hyrläkare",
        anvandare_=sekreterare,
        attsatser=["Regionstyrelsen godkänner avtalet."],
        avsnitt=[("Ärendebeskrivning", f"{MEMOTEXT} 2026-12-31.")],
    )
    factories.arendepunkt(mote, titel="Rapport om primärvården", anvandare_=sekreterare)
    mote.punkt = punkt
    return mote


def _markera_skrivelsen(punkt):
    # The memo as registered when it was finished, then secret-marked.
    handling = factories.handling(
        punkt.arende,
        riktning=Riktning.UPPRATTAD,
        beskrivning=f"Tjänsteskrivelse: {punkt.rubrik}",
        avsandare_mottagare="",
        tjansteskrivelse=punkt.tjansteskrivelse,
    )
    return factories.sekretessmarkera(handling, bestammelse="OSL 31 kap 16 §")


def _hamta(client, user, mote) -> bytes:
    client.force_login(user)
    svar = client.get(f"/sammantraden/{mote.pk}/kallelse.pdf")
    assert svar.status_code == 200
    return b"".join(svar.streaming_content)


def test_the_bundle_for_others_leaves_the_secret_memo_out(
    client, sekreterare, mote, omedelbara_uppgifter
):
    hemlig = _markera_skrivelsen(mote.punkt)
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    paket = kallelse.senaste(mote)
    assert paket.status == KallelsePaket.Status.KLAR, paket.fel
    assert paket.fil_utan_sekretess
    assert MEMOTEXT in pdf_till_text(paket.fil.read())
    utan = pdf_till_text(paket.fil_utan_sekretess.read())
    assert MEMOTEXT not in utan and "Regionstyrelsen godkänner avtalet." not in utan
    assert "Sekretessmarkerad tjänsteskrivelse" in utan
    assert "Tjänsteskrivelse: Avtal om hyrläkare är sekretessmarkerad (OSL 31 kap 16 §)" in (
        " ".join(utan.split())
    )
    assert "Rapport om primärvården" in utan  # the rest of the bundle is there

    # A politician outside the organ and a secretary without the right get the copy
    # without it, and nothing is logged for them.
    for user in (factories.ledamot(factories.organ("SVOM")), sekreterare):
        assert _hamta(client, user, mote) == paket.fil_utan_sekretess.open("rb").read()
    assert not Sekretessatkomst.objects.exists()

    # A member of the organ, and one granted the right, get all of it, logged.
    ledamot = factories.ledamot(mote.organ)
    assert _hamta(client, ledamot, mote) == paket.fil.open("rb").read()
    ratt = factories.anvandare("Registrator", se_sekretess=True)
    assert _hamta(client, ratt, mote) == paket.fil.open("rb").read()
    assert [
        (a.anvandare, a.handling, a.grund) for a in Sekretessatkomst.objects.order_by("pk")
    ] == [
        (ledamot, hemlig, Sekretessatkomst.Grund.LEDAMOT),
        (ratt, hemlig, Sekretessatkomst.Grund.BEHORIGHET),
    ]


def test_members_read_the_secret_memo_in_the_reading_room_logged(client, sekreterare, mote):
    hemlig = _markera_skrivelsen(mote.punkt)
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    sida = f"/sammantraden/{mote.pk}/punkter/{mote.punkt.pk}/"

    utanfor = factories.ledamot(factories.organ("SVOM"))
    client.force_login(utanfor)
    html = client.get(sida).content.decode()
    assert "Tjänsteskrivelsen är sekretessmarkerad (OSL 31 kap 16 §)" in html
    assert "och visas inte" in html and "Regionstyrelsen godkänner avtalet." not in html
    assert client.get(sida + "tjansteskrivelse.pdf").status_code == 403
    assert not Sekretessatkomst.objects.exists()

    ledamot = factories.ledamot(mote.organ, roll="ersattare")
    client.force_login(ledamot)
    html = client.get(sida).content.decode()
    assert "Regionstyrelsen godkänner avtalet." in html and MEMOTEXT in html
    assert "din läsning loggas" in html
    svar = client.get(sida + "tjansteskrivelse.pdf")
    assert svar.status_code == 200 and svar.content.startswith(b"%PDF")
    atkomster = Sekretessatkomst.objects.order_by("pk")
    assert [(a.anvandare, a.handling, a.grund, a.vad) for a in atkomster] == [
        (ledamot, hemlig, Sekretessatkomst.Grund.LEDAMOT, "läste tjänsteskrivelsen i läsrummet"),
        (ledamot, hemlig, Sekretessatkomst.Grund.LEDAMOT, "hämtade tjänsteskrivelsen som PDF"),
    ]


def test_a_mark_set_after_the_build_holds_the_bundle_back_until_it_is_rebuilt(
    client, sekreterare, mote, omedelbara_uppgifter
):
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    paket = kallelse.senaste(mote)
    assert paket.status == KallelsePaket.Status.KLAR and not paket.fil_utan_sekretess
    _markera_skrivelsen(mote.punkt)

    client.force_login(factories.anvandare("Politiker"))
    svar = client.get(f"/sammantraden/{mote.pk}/kallelse.pdf", follow=True)
    assert "har sekretessmarkerats efter att kallelsen byggdes" in svar.content.decode()
    assert svar.redirect_chain[-1][0] == f"/sammantraden/{mote.pk}/"
    # The secretariat is told the bundle is out of date, and a rebuild makes both copies.
    client.force_login(sekreterare)
    assert "Kallelsen stämmer inte längre med dagordningen." in (
        client.get(f"/sammantraden/{mote.pk}/").content.decode()
    )
    assert client.post(f"/sammantraden/{mote.pk}/kallelse/bygg/").status_code == 302
    assert kallelse.senaste(mote).fil_utan_sekretess
    client.force_login(factories.anvandare("Politiker"))
    assert client.get(f"/sammantraden/{mote.pk}/kallelse.pdf").status_code == 200
