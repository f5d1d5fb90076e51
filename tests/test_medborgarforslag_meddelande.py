"""The letter that tells a förslagsställare the outcome: a PDF in the region's layout,
registered as the utgående handling's file, linked on the motion page, never public."""

import datetime
import io

import pypdf
import pytest
import time_machine
from django.core.exceptions import ValidationError

from arenden.models import Beslut, Handling, Sammantrade
from arenden.pdf import PdfFel
from arenden.services import motioner as motionstjanst
from arenden.services import motionsavslut
from tests import factories
from tests.pdftext import pdf_till_text

pytestmark = pytest.mark.django_db
D = datetime.date
NAMN = "Kalle Karlsson"


@pytest.fixture(autouse=True)
def _klocka():
    with time_machine.travel("2026-06-20 10:00:00+02:00", tick=False):
        yield


@pytest.fixture
def forslag(db):
    return factories.motion(
        "Medborgarförslag om fler laddstolpar vid vårdcentralerna",
        typ="medborgarforslag",
        vackt=D(2026, 1, 15),
        motionarer=[motionstjanst.NyPerson(NAMN)],
        yrkanden=["Regionen bygger laddstolpar vid alla vårdcentraler."],
    )


def rf_beslut(forslag, utfall="bifallen", paragraf=88):
    rf = factories.motionsorgan()[0]
    mote = Sammantrade.objects.get_or_create(organ=rf, datum=D(2026, 6, 16))[0]
    return Beslut.objects.create(
        organ=rf,
        ar=2026,
        paragraf=paragraf,
        sammantrade=mote,
        arende=forslag.arende,
        utfall=utfall,
        beslutstext="Medborgarförslaget bifalls.",
    )


def brev(forslag) -> Handling:
    return Handling.objects.get(arende=forslag.arende, riktning="utgaende")


def text(handling) -> str:
    # Raw order is the document's order: "Till" is followed by the name, not by the
    # date printed beside it.
    with handling.fil.open("rb") as fil:
        return " ".join(pdf_till_text(fil.read(), raw=True).split())


def test_fullmaktiges_decision_sends_a_letter_with_the_outcome_and_paragraph(forslag, sekreterare):
    motionsavslut.vid_beslut(rf_beslut(forslag), anvandare=sekreterare)
    handling = brev(forslag)
    assert handling.fil and handling.filtyp == "application/pdf"
    assert handling.filnamn == f"meddelande-om-beslut-{forslag.arende.slug}.pdf"
    assert handling.avsandare_privatperson is True
    innehall = text(handling)
    assert f"TILL {NAMN}" in innehall  # the label is in capitals, as in the memo's header
    assert "Regionfullmäktige beslutade 2026-06-16, § 88, att bifalla medborgarförslaget" in (
        innehall
    )
    assert "Utfall Bifallet" in innehall
    assert "Paragraf § 88" in innehall
    assert forslag.arende.diarienummer in innehall
    assert "Medborgarförslag om fler laddstolpar vid vårdcentralerna" in innehall
    assert "Medborgarförslaget bifalls." in innehall  # the decision's own words
    assert "laglighetsprövning" in innehall


def test_the_letter_is_in_the_regions_layout(forslag, sekreterare):
    motionsavslut.vid_beslut(rf_beslut(forslag), anvandare=sekreterare)
    with brev(forslag).fil.open("rb") as fil:
        pdf = fil.read()
    katalog = pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert katalog["/Lang"] == "sv"
    assert "/StructTreeRoot" in katalog  # tagged
    xmp = katalog["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="A"' in xmp  # archival
    innehall = text(brev(forslag))
    # The running page header: the region, the kind of letter and its diarienummer.
    sidhuvud = f"Region Jämtland Härjedalen Meddelande om beslut {forslag.arende.diarienummer}"
    assert f"{sidhuvud} Sida 1 (1)" in innehall


@pytest.mark.parametrize(
    ("utfall", "mening"),
    [
        ("avslagen", "Medborgarförslaget har avslagits 2026-06-19."),
        ("anses_besvarad", "Medborgarförslaget anses besvarat 2026-06-19."),
        ("avskriven", "Medborgarförslaget har skrivits av från vidare handläggning 2026-06-19."),
    ],
)
def test_a_manual_close_sends_the_outcome_and_the_note(forslag, sekreterare, utfall, mening):
    motionsavslut.avsluta(
        forslag,
        anvandare=sekreterare,
        utfall=utfall,
        datum=D(2026, 6, 19),
        anteckning="Enligt regionfullmäktiges beslut 2026-06-16 § 91.",
    )
    innehall = text(brev(forslag))
    assert mening in innehall
    assert "Enligt regionfullmäktiges beslut 2026-06-16 § 91." in innehall
    assert "laglighetsprövning" not in innehall  # no registered decision to point to


def test_the_letter_is_signed_by_the_secretary_when_known(forslag, sekreterare):
    from arenden.models import Person

    Person.objects.create(namn="Sara Sekreterare", titel="Nämndsekreterare", anvandare=sekreterare)
    motionsavslut.avsluta(forslag, anvandare=sekreterare, utfall="avslagen", anteckning="x")
    assert "Med vänlig hälsning Sara Sekreterare Nämndsekreterare" in text(brev(forslag))


def test_a_corrected_outcome_gets_a_letter_of_its_own(forslag, sekreterare):
    beslut = rf_beslut(forslag)
    motionsavslut.vid_beslut(beslut, anvandare=sekreterare)
    beslut.utfall = "anses_besvarad"
    beslut.save()
    motionsavslut.vid_beslut(beslut, anvandare=sekreterare)
    forsta, andra = Handling.objects.filter(riktning="utgaende").order_by("lopnummer")
    assert "att bifalla medborgarförslaget" in text(forsta)
    assert "att medborgarförslaget ska anses besvarat" in text(andra)


def test_a_letter_that_cannot_be_made_closes_nothing(forslag, sekreterare, monkeypatch):
    def trasig(*args, **kwargs):
        raise PdfFel("typsnittet saknas")

    monkeypatch.setattr("arenden.pdf.motioner.meddelande_pdf", trasig)
    with pytest.raises(ValidationError, match="kunde inte skapas som PDF"):
        motionsavslut.avsluta(forslag, anvandare=sekreterare, utfall="avslagen", anteckning="x")
    forslag.refresh_from_db()
    assert forslag.oppen
    assert not Handling.objects.filter(riktning="utgaende").exists()


def test_the_motion_page_links_the_letter(client, forslag, sekreterare):
    motionsavslut.vid_beslut(rf_beslut(forslag), anvandare=sekreterare)
    handling = brev(forslag)
    client.force_login(sekreterare)
    sida = client.get(forslag.get_absolute_url()).text
    assert "Meddelande till förslagsställaren" in sida
    assert f'href="{handling.get_fil_url()}"' in sida
    svar = client.get(handling.get_fil_url())
    assert svar.status_code == 200
    assert svar["Content-Type"] == "application/pdf"
    nedladdad = " ".join(pdf_till_text(b"".join(svar.streaming_content)).split())
    assert "att bifalla medborgarförslaget" in nedladdad


def test_the_public_diary_names_neither_the_proposer_nor_offers_the_letter(
    client, forslag, sekreterare
):
    motionsavslut.vid_beslut(rf_beslut(forslag), anvandare=sekreterare)
    handling = brev(forslag)
    sida = client.get(forslag.arende.get_public_url()).text
    assert "Utgående" in sida  # the letter is registered and listed
    assert NAMN not in sida
    assert handling.get_fil_url() not in sida
    # The file is behind the login, as every handling's file is.
    assert client.get(handling.get_fil_url()).status_code == 302


def test_a_motion_gets_no_letter(sekreterare):
    motion = factories.motion(vackt=D(2026, 1, 15))
    motionsavslut.avsluta(motion, anvandare=sekreterare, utfall="avslagen", anteckning="x")
    assert not Handling.objects.filter(riktning="utgaende").exists()
