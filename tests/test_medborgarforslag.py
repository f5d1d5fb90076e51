"""Medborgarförslag: a private person's proposal, the same one-year rule, the name kept off
every public page, a decision that may be handed to a nämnd, and the proposer told."""

import datetime

import pytest
import time_machine

from arenden.models import (
    Arende,
    Beslut,
    Handling,
    Historik,
    Motion,
    Organ,
    Person,
    Sokdokument,
)
from arenden.services import motioner as motionstjanst
from arenden.services import motionsavslut
from tests import factories

pytestmark = pytest.mark.django_db
D = datetime.date
NAMN = "Kalle Karlsson"


@pytest.fixture(autouse=True)
def _klocka():
    with time_machine.travel("2026-05-04 10:00:00+02:00", tick=False):
        yield


@pytest.fixture
def forslag(db):
    return factories.motion(
        "Medborgarförslag om fler laddstolpar vid vårdcentralerna",
        typ="medborgarforslag",
        vackt=D(2026, 5, 3),
        motionarer=[motionstjanst.NyPerson(NAMN)],
        yrkanden=["Regionen bygger laddstolpar vid alla vårdcentraler."],
    )


@pytest.fixture
def hsn(db):
    return factories.organ("HSN", "Hälso- och sjukvårdsnämnden", Organ.Typ.NAMND)


def test_it_registers_the_proposer_as_a_private_person(forslag):
    assert forslag.arende.typ == Arende.Typ.MEDBORGARFORSLAG
    assert forslag.besvaras_senast == D(2027, 5, 3)
    person = forslag.motionarer.get().person
    assert person.namn == NAMN
    assert person.privatperson is True
    handling = forslag.arende.handlingar.get()
    assert handling.avsandare_mottagare == NAMN
    assert handling.avsandare_privatperson is True


def test_it_registers_through_the_form(client, registrator):
    factories.motionsorgan()
    client.force_login(registrator)
    svar = client.post(
        "/motioner/ny/",
        {
            "typ": "medborgarforslag",
            "titel": "Medborgarförslag om parkering",
            "vackt": "2026-05-01",
            "text": "Fler platser.",
            "motionarer-TOTAL_FORMS": "1",
            "motionarer-INITIAL_FORMS": "0",
            "motionarer-0-namn": NAMN,
            "yrkanden-TOTAL_FORMS": "1",
            "yrkanden-INITIAL_FORMS": "0",
            "yrkanden-0-text": "att parkeringen byggs ut",
        },
    )
    assert svar.status_code == 302
    assert Person.objects.get(namn=NAMN).privatperson is True


def test_a_councillor_cannot_be_the_proposer(client, registrator):
    factories.motionsorgan()
    politiker = Person.objects.create(namn="Bo Berg", parti="S")
    with pytest.raises(Exception, match="förtroendevald"):
        motionstjanst.registrera_motion(
            anvandare=registrator,
            typ="medborgarforslag",
            titel="Medborgarförslag om x",
            vackt=D(2026, 5, 1),
            text="x",
            motionarer=[politiker],
            yrkanden=["x"],
        )
    assert not Motion.objects.exists()


def test_the_public_diary_never_shows_the_proposers_name(client, forslag):
    sida = client.get(forslag.arende.get_public_url()).text
    assert "fler laddstolpar" in sida
    assert NAMN not in sida
    assert "Privatperson" in sida
    assert NAMN not in client.get("/diarium/").text
    assert "fler laddstolpar" not in client.get("/diarium/", {"q": "Karlsson"}).text


def test_the_public_search_document_does_not_carry_the_name(forslag):
    dokument = Sokdokument.objects.get(arende=forslag.arende)
    assert NAMN not in dokument.publiktext and NAMN not in dokument.publik_rubrik
    assert "laddstolpar" in dokument.publik_rubrik  # the case is still found by its title
    assert NAMN in dokument.fulltext  # officials still find it


def test_the_answer_leaves_the_proposer_out(forslag, handlaggare):
    assert motionstjanst.svarstitel(forslag) == (
        "Svar på medborgarförslag om fler laddstolpar vid vårdcentralerna"
    )
    skrivelse = motionstjanst.starta_svar(forslag, anvandare=handlaggare, forslag="anse_besvarad")
    assert skrivelse.attsatser.get().text == "Medborgarförslaget anses besvarat."
    text = skrivelse.avsnitt.get().text
    assert text.startswith("I ett medborgarförslag föreslås att ”Regionen bygger")
    assert NAMN not in text and NAMN not in skrivelse.titel
    assert not skrivelse.utdrag_till.exists()
    assert NAMN not in Sokdokument.objects.get(arende=forslag.arende).publiktext


def test_the_proposer_is_told_the_outcome(client, forslag, sekreterare):
    motionsavslut.avsluta(
        forslag, anvandare=sekreterare, utfall="bifallen", anteckning="RF 2026-05-04 § 3"
    )
    meddelande = Handling.objects.get(arende=forslag.arende, riktning="utgaende")
    assert meddelande.beskrivning == "Meddelande om beslut: medborgarförslaget bifallet"
    assert meddelande.avsandare_mottagare == NAMN
    assert meddelande.avsandare_privatperson is True
    assert meddelande.datum == D(2026, 5, 4)
    sida = client.get(forslag.arende.get_public_url()).text
    assert "Utgående" in sida
    assert NAMN not in sida
    assert NAMN not in Sokdokument.objects.get(arende=forslag.arende).publiktext


def test_a_motion_gets_no_notification_letter(sekreterare):
    motion = factories.motion(vackt=D(2026, 5, 1))
    motionsavslut.avsluta(motion, anvandare=sekreterare, utfall="avslagen", anteckning="x")
    assert not Handling.objects.filter(riktning="utgaende").exists()


def test_the_decision_may_be_handed_to_a_namnd_which_then_closes_it(forslag, hsn, sekreterare):
    motionstjanst.delegera(forslag, organ=hsn, anvandare=sekreterare)
    forslag.refresh_from_db()
    assert forslag.delegerad_till == hsn
    beslut = Beslut.objects.create(
        organ=hsn, ar=2026, paragraf=12, arende=forslag.arende, utfall="avslagen"
    )
    stangd = motionsavslut.vid_beslut(beslut, anvandare=sekreterare)
    assert stangd.utfall == "avslagen"
    assert stangd.beslut == beslut


def test_another_namnds_decision_does_not_close_it(forslag, hsn, sekreterare):
    motionstjanst.delegera(forslag, organ=hsn, anvandare=sekreterare)
    annan = factories.organ("TN", "Tandvårdsnämnden", Organ.Typ.NAMND)
    beslut = Beslut.objects.create(
        organ=annan, ar=2026, paragraf=4, arende=forslag.arende, utfall="bifallen"
    )
    assert motionsavslut.vid_beslut(beslut, anvandare=sekreterare) is None
    forslag.refresh_from_db()
    assert forslag.oppen


def test_a_motion_cannot_be_handed_to_a_namnd(hsn, sekreterare):
    motion = factories.motion(vackt=D(2026, 5, 1))
    with pytest.raises(Exception, match="avgörs av fullmäktige"):
        motionstjanst.delegera(motion, organ=hsn, anvandare=sekreterare)


def test_the_delegation_is_in_the_history(forslag, hsn, sekreterare):
    motionstjanst.delegera(forslag, organ=hsn, anvandare=sekreterare)
    post = forslag.arende.historik.get(handelse="Beslutet överlämnades")
    assert post.fore == {"delegerad_till": None}
    assert post.efter == {"delegerad_till": "Hälso- och sjukvårdsnämnden"}
    assert post.anvandare == sekreterare


def test_the_delegate_view(client, forslag, hsn, sekreterare):
    client.force_login(sekreterare)
    url = f"/motioner/{forslag.arende.slug}/delegera/"
    svar = client.post(url, {"organ": hsn.pk})
    assert svar.status_code == 302
    forslag.refresh_from_db()
    assert forslag.delegerad_till == hsn
    assert "Hälso- och sjukvårdsnämnden" in client.get(forslag.get_absolute_url()).text
    assert client.post(url, {"organ": 999999}).status_code == 302
    forslag.refresh_from_db()
    assert forslag.delegerad_till == hsn


def test_the_delegate_view_refuses_403_404_405(client, forslag, hsn, handlaggare, sekreterare):
    url = f"/motioner/{forslag.arende.slug}/delegera/"
    client.force_login(handlaggare)
    assert client.post(url, {"organ": hsn.pk}).status_code == 403
    client.force_login(sekreterare)
    assert client.post("/motioner/RS-999-2026/delegera/", {"organ": hsn.pk}).status_code == 404
    assert client.get(url).status_code == 405
    forslag.refresh_from_db()
    assert forslag.delegerad_till is None


def test_the_report_writes_privatperson(client, forslag, sekreterare):
    client.force_login(sekreterare)
    sida = client.get("/motioner/redovisning/").text
    assert "fler laddstolpar" in sida
    assert "Privatperson" in sida
    assert NAMN not in sida


def test_closing_by_hand_names_it_a_medborgarforslag(client, forslag, sekreterare):
    client.force_login(sekreterare)
    url = f"/motioner/{forslag.arende.slug}/avsluta/"
    data = {"utfall": "avskriven", "datum": "2026-05-04", "anteckning": "Förslaget återkallat."}
    sida = client.post(url, data, follow=True).text
    assert "Medborgarförslaget avslutades." in sida
    assert "Motionen avslutades" not in sida
    assert "Medborgarförslaget är inte avslutat" not in sida
    svar = client.post(url, {**data, "utfall": "bifallen"})
    assert svar.status_code == 400
    assert f"Medborgarförslaget {forslag.arende.diarienummer} är redan avslutat (avskrivet " in (
        svar.text
    )
    assert "Redan avslutat: avskrivet" in svar.text


def test_closing_by_hand_offers_the_outcomes_in_the_neuter(client, forslag, sekreterare):
    client.force_login(sekreterare)
    url = f"/motioner/{forslag.arende.slug}/avsluta/"
    sida = client.get(url).text
    for val in ["Bifallet", "Avslaget", "Anses besvarat", "Avskrivet"]:
        assert f">{val}</label>" in sida
    assert ">Bifallen</label>" not in sida
    svar = client.post(url, {"datum": "2026-05-04", "anteckning": "x"})
    assert "Välj bifallet, avslaget, anses besvarat eller avskrivet." in svar.text


def test_a_closed_medborgarforslag_agrees_with_its_noun(client, forslag, sekreterare):
    motionsavslut.avsluta(
        forslag, anvandare=sekreterare, utfall="anses_besvarad", anteckning="Besvarat."
    )
    client.force_login(sekreterare)
    sida = client.get(forslag.get_absolute_url()).text
    assert "<dt>Utfall</dt><dd>Anses besvarat</dd>" in sida
    assert "Avslutat: anses besvarat." in sida
    assert "Anses besvarad" not in sida and "Avslutad:" not in sida
    assert Historik.objects.filter(
        handelse="Medborgarförslaget avslutades: anses besvarat"
    ).exists()


def test_the_pages_use_the_neuter_for_an_open_medborgarforslag(client, forslag, sekreterare):
    client.force_login(sekreterare)
    sida = client.get(forslag.get_absolute_url()).text
    assert "Medborgarförslaget är inte avslutat. Det avslutas när" in sida
    assert "Förslagets text" in sida and "Motionstext" not in sida
    motionstjanst.starta_svar(forslag, anvandare=sekreterare, forslag="avsla")
    sida = client.get(f"/motioner/{forslag.arende.slug}/svar/").text
    assert "Medborgarförslaget har redan ett svar" in sida
