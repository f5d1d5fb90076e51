"""The agenda builder: cases with a ready tjänsteskrivelse, fixed procedural items,
information, order by keyboard and by dragging, notes, public and closed items."""

import pytest
from django.core.exceptions import ValidationError

from arenden.models import Dagordningspunkt, Historik, Sammantrade
from arenden.services import sammantraden
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def mote():
    return factories.sammantrade(factories.organ("RS", "Regionstyrelsen"))


def _url(mote, rest=""):
    return f"/sammantraden/{mote.pk}/dagordning/{rest}"


def _ordning(mote):
    return list(mote.dagordning.order_by("ordning").values_list("nummer", "rubrik"))


def test_it_adds_a_case_whose_tjansteskrivelse_is_klar(client, sekreterare, mote):
    arende = factories.arende("Rapport om primärvården", organ=mote.organ)
    skrivelse = factories.klar_tjansteskrivelse(arende)
    bilaga = factories.pdf_handling(arende, beskrivning="Rapport från styrgruppen")
    factories.handling(arende, beskrivning="Ett mejl utan fil")
    client.force_login(sekreterare)
    svar = client.post(_url(mote, "arende/"), {"arende": arende.pk, "offentlig": "on"})
    assert svar.status_code == 302
    punkt = mote.dagordning.get()
    assert (punkt.nummer, punkt.rubrik, punkt.arende, punkt.tjansteskrivelse) == (
        "1",
        "Rapport om primärvården",
        arende,
        skrivelse,
    )
    # The case's PDF papers go with it by default.
    assert list(punkt.underlag.all()) == [bilaga]
    assert punkt.tjansteskrivelse_version is None  # frozen when the kallelse goes out
    assert Historik.objects.filter(handelse=f"{arende.diarienummer} lades på dagordningen").exists()


def test_it_refuses_a_case_without_a_ready_tjansteskrivelse(client, sekreterare, mote):
    arende = factories.arende("Utkast", organ=mote.organ)
    factories.tjansteskrivelse(arende)  # a draft
    client.force_login(sekreterare)
    svar = client.post(_url(mote, "arende/"), {"arende": arende.pk})
    assert svar.status_code == 400
    assert "ingen klar tjänsteskrivelse" in svar.content.decode()
    assert not mote.dagordning.exists()
    with pytest.raises(ValidationError, match="har ingen klar tjänsteskrivelse"):
        sammantraden.lagg_till_arende(mote, arende, anvandare=sekreterare)


def test_only_the_organs_open_cases_with_a_ready_memo_are_offered(sekreterare, mote):
    klar = factories.arende("Klar", organ=mote.organ)
    factories.klar_tjansteskrivelse(klar)
    annat_organ = factories.arende("Annat organ", organ=factories.organ("SVOM"))
    factories.klar_tjansteskrivelse(annat_organ)
    utkast = factories.arende("Utkast", organ=mote.organ)
    factories.tjansteskrivelse(utkast)
    assert list(sammantraden.arenden_att_lagga_till(mote)) == [klar]
    sammantraden.lagg_till_arende(mote, klar, anvandare=sekreterare)
    assert list(sammantraden.arenden_att_lagga_till(mote)) == []


def test_it_adds_procedural_and_information_items(client, sekreterare, mote):
    client.force_login(sekreterare)
    for rubrik in ["Upprop", "Val av justerare", "Godkännande av dagordning"]:
        assert client.post(_url(mote, "ny/procedur/"), {"rubrik": rubrik}).status_code == 302
    svar = client.post(
        _url(mote, "ny/information/"),
        {"rubrik": "Regiondirektören informerar", "beskrivning": "Om läget i vården."},
    )
    assert svar.status_code == 302
    assert _ordning(mote) == [
        ("1", "Upprop"),
        ("2", "Val av justerare"),
        ("3", "Godkännande av dagordning"),
        ("4", "Regiondirektören informerar"),
    ]
    info = mote.dagordning.get(typ=Dagordningspunkt.Typ.INFORMATION)
    assert info.beskrivning == "Om läget i vården." and info.offentlig is False


def test_it_refuses_an_unknown_or_repeated_procedural_item(client, sekreterare, mote):
    client.force_login(sekreterare)
    client.post(_url(mote, "ny/procedur/"), {"rubrik": "Upprop"})
    svar = client.post(_url(mote, "ny/procedur/"), {"rubrik": "Upprop"})
    assert svar.status_code == 400
    assert "”Upprop” finns redan på dagordningen." in svar.content.decode()
    svar = client.post(_url(mote, "ny/procedur/"), {"rubrik": "Fika"})
    assert svar.status_code == 400
    assert "Välj en av de fasta procedurpunkterna." in svar.content.decode()
    svar = client.post(_url(mote, "ny/information/"), {"rubrik": ""})
    assert svar.status_code == 400
    assert "Ange informationens rubrik." in svar.content.decode()
    assert mote.dagordning.count() == 1


def test_it_moves_an_item_with_the_keyboards_buttons(client, sekreterare, mote):
    for rubrik in ["Upprop", "Val av justerare", "Anmälningsärenden"]:
        sammantraden.lagg_till_punkt(mote, anvandare=sekreterare, typ="procedur", rubrik=rubrik)
    sista = mote.dagordning.get(rubrik="Anmälningsärenden")
    client.force_login(sekreterare)
    svar = client.post(
        _url(mote, f"{sista.pk}/flytta/"), {"riktning": "upp"}, HTTP_HX_REQUEST="true"
    )
    assert svar.status_code == 200
    html = svar.content.decode()
    # The fragment comes back with the same button ids, so the focus stays on the item,
    # and the move is said in the live region.
    assert "<html" not in html and '<section id="dagordning"' in html
    assert f'id="upp-{sista.pk}"' in html
    assert "”Anmälningsärenden” är nu punkt 2." in html
    assert _ordning(mote) == [
        ("1", "Upprop"),
        ("2", "Anmälningsärenden"),
        ("3", "Val av justerare"),
    ]
    # Without HTMX the same form posts and comes back to the page.
    svar = client.post(_url(mote, f"{sista.pk}/flytta/"), {"riktning": "ned"})
    assert svar.status_code == 302
    assert _ordning(mote)[2] == ("3", "Anmälningsärenden")
    # Past the end nothing moves, and the answer says why.
    svar = client.post(
        _url(mote, f"{sista.pk}/flytta/"), {"riktning": "ned"}, HTTP_HX_REQUEST="true"
    )
    assert svar.status_code == 400
    assert "”Anmälningsärenden” är redan sista punkten och kan inte flyttas nedåt." in (
        svar.content.decode()
    )
    assert _ordning(mote)[2] == ("3", "Anmälningsärenden")
    svar = client.post(_url(mote, f"{sista.pk}/flytta/"), {"riktning": "snett"})
    assert svar.status_code == 400


def test_it_puts_the_items_in_a_dragged_order(client, sekreterare, mote):
    for rubrik in ["Upprop", "Val av justerare", "Anmälningsärenden"]:
        sammantraden.lagg_till_punkt(mote, anvandare=sekreterare, typ="procedur", rubrik=rubrik)
    a, b, c = mote.dagordning.order_by("ordning")
    client.force_login(sekreterare)
    svar = client.post(
        _url(mote, "ordning/"), {"ordning": f"{c.pk},{a.pk},{b.pk}"}, HTTP_HX_REQUEST="true"
    )
    assert svar.status_code == 200
    assert _ordning(mote) == [
        ("1", "Anmälningsärenden"),
        ("2", "Upprop"),
        ("3", "Val av justerare"),
    ]
    ordnad = Historik.objects.get(handelse="Dagordningen ordnades om")
    assert ordnad.efter["ordning"][0] == "1. Anmälningsärenden"
    # A stale page's order (an item missing) is refused, not half applied.
    svar = client.post(
        _url(mote, "ordning/"), {"ordning": f"{a.pk},{b.pk}"}, HTTP_HX_REQUEST="true"
    )
    assert svar.status_code == 400
    assert "Ordningen stämmer inte med dagordningen" in svar.content.decode()
    assert _ordning(mote)[0] == ("1", "Anmälningsärenden")


def test_it_edits_an_items_number_note_and_publicity(client, sekreterare, mote):
    punkt = factories.arendepunkt(mote, anvandare_=sekreterare)
    client.force_login(sekreterare)
    svar = client.get(_url(mote, f"{punkt.pk}/andra/"), HTTP_HX_REQUEST="true")
    assert svar.status_code == 200 and "Spara punkten" in svar.content.decode()
    prefix = f"p{punkt.pk}"
    svar = client.post(
        _url(mote, f"{punkt.pk}/andra/"),
        {
            f"{prefix}-nummer": "7a",
            f"{prefix}-rubrik": "Rapport om primärvården",
            f"{prefix}-notering": "Bordlagt 12 december",
        },
        HTTP_HX_REQUEST="true",
    )
    assert svar.status_code == 200
    punkt.refresh_from_db()
    assert (punkt.nummer, punkt.notering, punkt.offentlig) == ("7a", "Bordlagt 12 december", False)
    assert "Bordlagt 12 december" in svar.content.decode()
    svar = client.post(_url(mote, f"{punkt.pk}/andra/"), {f"{prefix}-rubrik": ""})
    assert svar.status_code == 400
    assert "Ange punktens rubrik." in svar.content.decode()


def test_it_removes_an_item_only_before_the_kallelse(client, sekreterare, mote):
    upprop = sammantraden.lagg_till_punkt(
        mote, anvandare=sekreterare, typ="procedur", rubrik="Upprop"
    )
    punkt = factories.arendepunkt(mote, anvandare_=sekreterare)
    client.force_login(sekreterare)
    assert client.post(_url(mote, f"{upprop.pk}/ta-bort/")).status_code == 302
    assert _ordning(mote) == [("1", punkt.rubrik)]
    Sammantrade.objects.filter(pk=mote.pk).update(status=Sammantrade.Status.KALLELSE_SKICKAD)
    svar = client.post(_url(mote, f"{punkt.pk}/ta-bort/"), HTTP_HX_REQUEST="true")
    assert svar.status_code == 400
    assert "Skriv i noteringen att den utgår." in svar.content.decode()
    assert mote.dagordning.count() == 1


def test_a_justerad_meetings_agenda_is_locked(sekreterare, mote):
    Sammantrade.objects.filter(pk=mote.pk).update(status=Sammantrade.Status.JUSTERAT)
    with pytest.raises(ValidationError, match="dagordningen kan inte ändras"):
        sammantraden.lagg_till_punkt(mote, anvandare=sekreterare, typ="procedur", rubrik="Upprop")


def test_the_builder_offers_fullmaktiges_queue(client, sekreterare):
    from arenden.models import Organ

    rf = factories.organ("RF", "Regionfullmäktige", Organ.Typ.FULLMAKTIGE)
    mote = factories.sammantrade(rf)
    client.force_login(sekreterare)
    svar = client.get(_url(mote))
    assert svar.status_code == 200
    assert "ko" in svar.context


@pytest.mark.parametrize(
    ("rest", "data"),
    [
        ("arende/", {}),
        ("ny/procedur/", {"rubrik": "Upprop"}),
        ("ny/information/", {"rubrik": "Info"}),
        ("ordning/", {"ordning": ""}),
        ("{p}/flytta/", {"riktning": "upp"}),
        ("{p}/andra/", {}),
        ("{p}/ta-bort/", {}),
        ("fran-ko/{p}/", {}),
    ],
)
def test_every_agenda_action_is_403_404_and_405(client, sekreterare, politiker, mote, rest, data):
    punkt = sammantraden.lagg_till_punkt(
        mote, anvandare=sekreterare, typ="procedur", rubrik="Upprop"
    )
    url = _url(mote, rest.format(p=punkt.pk))
    client.force_login(politiker)
    assert client.post(url, data).status_code == 403
    client.force_login(factories.anvandare("Handläggare"))
    assert client.post(url, data).status_code == 403
    client.force_login(sekreterare)
    okant = url.replace(f"/sammantraden/{mote.pk}/", "/sammantraden/99999/")
    assert client.post(okant, data).status_code == 404
    if "{p}" in rest:
        assert client.post(url.replace(str(punkt.pk), "99999"), data).status_code == 404
    assert client.delete(url).status_code == 405
    if rest != "{p}/andra/":
        assert client.get(url).status_code == 405


def test_the_builder_page_is_403_for_politicians(client, politiker, mote):
    client.force_login(politiker)
    assert client.get(_url(mote)).status_code == 403


def _andra(client, mote, punkt, **falt):
    prefix = f"p{punkt.pk}"
    data = {f"{prefix}-rubrik": punkt.rubrik, f"{prefix}-offentlig": "on"}
    data |= {f"{prefix}-{k}": v for k, v in falt.items()}
    return client.post(_url(mote, f"{punkt.pk}/andra/"), data, HTTP_HX_REQUEST="true")


def test_a_number_set_by_hand_is_kept_when_items_move(client, sekreterare, mote):
    for rubrik in ["Upprop", "Val av justerare", "Anmälningsärenden", "Delegationsbeslut"]:
        sammantraden.lagg_till_punkt(mote, anvandare=sekreterare, typ="procedur", rubrik=rubrik)
    upprop, val, anm, deleg = mote.dagordning.order_by("ordning")
    client.force_login(sekreterare)
    assert _andra(client, mote, anm, nummer="2a").status_code == 200
    assert _ordning(mote) == [
        ("1", "Upprop"),
        ("2", "Val av justerare"),
        ("2a", "Anmälningsärenden"),
        ("3", "Delegationsbeslut"),
    ]
    # Only the running numbers follow the order; "2a" stays what the secretary set.
    client.post(_url(mote, f"{deleg.pk}/flytta/"), {"riktning": "upp"})
    client.post(_url(mote, f"{val.pk}/ta-bort/"))
    assert _ordning(mote) == [
        ("1", "Upprop"),
        ("2", "Delegationsbeslut"),
        ("2a", "Anmälningsärenden"),
    ]
    ny = sammantraden.lagg_till_punkt(
        mote, anvandare=sekreterare, typ="information", rubrik="Regiondirektören informerar"
    )
    assert ny.nummer == "3"

    # A number already used, or a running number that is not the item's place, is refused
    # with what to do instead; an empty number gives the item back to the running ones.
    svar = _andra(client, mote, ny, nummer="2a")
    assert svar.status_code == 400
    assert "Nummer 2a har redan punkten ”Anmälningsärenden”." in svar.content.decode()
    svar = _andra(client, mote, ny, nummer="7")
    assert svar.status_code == 400
    assert "Punkten har löpnummer 3 efter sin plats." in svar.content.decode()
    assert _andra(client, mote, anm, nummer="").status_code == 200
    assert _ordning(mote) == [
        ("1", "Upprop"),
        ("2", "Delegationsbeslut"),
        ("3", "Anmälningsärenden"),
        ("4", "Regiondirektören informerar"),
    ]


def test_moving_items_after_the_kallelse_says_it_must_be_sent_again(client, sekreterare, mote):
    forsta = factories.arendepunkt(mote, titel="Rapport om primärvården", anvandare_=sekreterare)
    andra = factories.arendepunkt(mote, titel="Remiss om nära vård", anvandare_=sekreterare)
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    client.force_login(sekreterare)
    varning = "Kallelsen stämmer inte längre med dagordningen."
    assert varning not in client.get(_url(mote)).content.decode()
    assert varning not in client.get(f"/sammantraden/{mote.pk}/").content.decode()

    svar = client.post(
        _url(mote, f"{andra.pk}/flytta/"), {"riktning": "upp"}, HTTP_HX_REQUEST="true"
    )
    assert svar.status_code == 200
    html = svar.content.decode()
    assert (
        "”Remiss om nära vård” är nu punkt 1. Kallelsen är redan skickad: skicka den på nytt "
        "så att ledamöterna får den nya ordningen."
    ) in html
    assert varning in html
    assert varning in client.get(f"/sammantraden/{mote.pk}/").content.decode()
    assert _ordning(mote) == [("1", "Remiss om nära vård"), ("2", "Rapport om primärvården")]

    # Sent again, the bundle is built from the agenda as it is.
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    assert varning not in client.get(_url(mote)).content.decode()
    assert forsta.pk in [d["punkt"] for d in kallelse_delar(mote)]


def kallelse_delar(mote):
    from arenden.services import kallelse

    return kallelse.senaste(mote).manifest["delar"]


def test_the_agenda_keeps_its_order_once_the_meeting_is_held(client, sekreterare, mote):
    for rubrik in ["Upprop", "Val av justerare"]:
        sammantraden.lagg_till_punkt(mote, anvandare=sekreterare, typ="procedur", rubrik=rubrik)
    upprop, val = mote.dagordning.order_by("ordning")
    client.force_login(sekreterare)
    for status, datum in [
        (Sammantrade.Status.GENOMFORT, mote.datum),
        (Sammantrade.Status.KALLELSE_SKICKAD, mote.datum.replace(year=mote.datum.year - 1)),
    ]:
        Sammantrade.objects.filter(pk=mote.pk).update(status=status, datum=datum)
        svar = client.post(
            _url(mote, "ordning/"), {"ordning": f"{val.pk},{upprop.pk}"}, HTTP_HX_REQUEST="true"
        )
        assert svar.status_code == 400
        assert "Sammanträdet har hållits: föredragningslistan är den som kallelsen hade." in (
            svar.content.decode()
        )
        assert _ordning(mote) == [("1", "Upprop"), ("2", "Val av justerare")]
        # Nor does the page offer to move them.
        html = client.get(_url(mote)).content.decode()
        assert f'id="upp-{upprop.pk}"' not in html and 'draggable="true"' not in html
