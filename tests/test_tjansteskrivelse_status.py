"""POST …/granskning/, …/kommentera/, …/godkann/, …/tillbaka/, …/ateroppna/ and the page."""

import pytest

from arenden.models import Handling, Tjansteskrivelse
from tests import factories
from tests.pdftext import pdf_till_text
from tests.test_tjansteskrivelse_redigera import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def granskare(db):
    return factories.anvandare("Nämndsekreterare", first_name="Sara", last_name="Sekreterare")


@pytest.fixture
def skrivelse(handlaggare, rs):
    return factories.tjansteskrivelse(factories.arende(), anvandare_=handlaggare)


def status(skrivelse):
    return Tjansteskrivelse.objects.get(pk=skrivelse.pk).status


def test_the_author_picks_a_reviewer_who_approves(client, skrivelse, handlaggare, granskare):
    client.force_login(handlaggare)
    sida = client.get(skrivelse.get_absolute_url()).text
    assert "Sara Sekreterare" in sida and "Skicka till granskning" in sida
    svar = client.post(url(skrivelse, "granskning"), {"granskare": granskare.pk, "bas_version": 1})
    assert svar.status_code == 302
    assert status(skrivelse) == "granskning"
    client.force_login(granskare)
    sida = client.get(skrivelse.get_absolute_url()).text
    assert "Godkänn" in sida and "Skicka tillbaka" in sida
    client.post(url(skrivelse, "kommentera"), {"text": "Tydligare förslag, tack."})
    client.post(url(skrivelse, "godkann"), {"bas_version": 2, "kommentar": "Nu bra."})
    assert status(skrivelse) == "klar"
    assert Handling.objects.filter(tjansteskrivelse=skrivelse, riktning="upprattad").exists()
    sida = client.get(skrivelse.get_absolute_url()).text
    assert "Tydligare förslag, tack." in sida and "Nu bra." in sida


def _godkand(client, skrivelse, handlaggare, granskare):
    client.force_login(handlaggare)
    client.post(url(skrivelse, "granskning"), {"granskare": granskare.pk, "bas_version": 1})
    client.force_login(granskare)
    client.post(url(skrivelse, "godkann"), {"bas_version": 2})
    assert status(skrivelse) == "klar"
    return Handling.objects.get(tjansteskrivelse=skrivelse, riktning="upprattad")


def test_the_registered_handling_holds_the_finished_document_as_pdf(
    client, handlaggare, granskare, rs
):
    skrivelse = factories.tjansteskrivelse(
        factories.arende(),
        anvandare_=handlaggare,
        titel="Yttrande över remiss om nära vård",
        attsatser=["Regionstyrelsen antar yttrandet.", "Paragrafen justeras omedelbart."],
    )
    handling = _godkand(client, skrivelse, handlaggare, granskare)
    assert handling.filtyp == "application/pdf" and handling.sha256
    assert handling.filnamn.endswith("Yttrande över remiss om nära vård version 3.pdf")
    # Downloaded as anyone who reads the register would, through the handling's file view.
    client.force_login(factories.anvandare("Politiker"))
    svar = client.get(handling.get_fil_url())
    assert svar.status_code == 200
    text = " ".join(pdf_till_text(b"".join(svar.streaming_content)).split())
    assert "Yttrande över remiss om nära vård" in text
    assert "1. Regionstyrelsen antar yttrandet. 2. Paragrafen justeras omedelbart." in text
    assert "Utkast" not in text
    # The version frozen at klar, however the document changes later.
    version = skrivelse.versioner.get(nummer=3)
    assert version.innehall["status"] == "klar"


def test_the_registered_pdf_is_guarded_by_the_handlings_secrecy_mark(
    client, skrivelse, handlaggare, granskare
):
    handling = _godkand(client, skrivelse, handlaggare, granskare)
    handling.sekretess_bestammelse = "OSL 21 kap 1 §"
    handling.save()
    client.force_login(factories.anvandare("Registrator"))
    assert client.get(handling.get_fil_url()).status_code == 403
    client.force_login(factories.anvandare("Registrator", se_sekretess=True))
    assert client.get(handling.get_fil_url()).status_code == 200


def test_a_revision_keeps_the_secrecy_mark_of_the_version_before(
    client, skrivelse, handlaggare, granskare
):
    forsta = _godkand(client, skrivelse, handlaggare, granskare)
    forsta.sekretess_bestammelse = "OSL 21 kap 1 §"
    forsta.sekretess_myndighet = "Regionstyrelsen"
    forsta.save()
    behorig = factories.anvandare("Handläggare", se_sekretess=True)
    client.force_login(behorig)
    client.post(url(skrivelse, "ateroppna"), {"bas_version": 3})
    # A secret document is reviewed by someone who may read it.
    granskare_ = factories.anvandare("Nämndsekreterare", se_sekretess=True)
    client.post(url(skrivelse, "granskning"), {"granskare": granskare_.pk, "bas_version": 4})
    client.force_login(granskare_)
    client.post(url(skrivelse, "godkann"), {"bas_version": 5})
    assert status(skrivelse) == "klar"
    andra = skrivelse.handlingar.order_by("lopnummer").last()
    assert andra.pk != forsta.pk and andra.fil
    assert andra.sekretess_bestammelse == "OSL 21 kap 1 §"
    assert andra.sekretess_myndighet == "Regionstyrelsen"
    client.force_login(factories.anvandare("Politiker"))
    assert client.get(andra.get_fil_url()).status_code == 403


def test_an_approval_whose_pdf_cannot_be_made_changes_nothing(
    client, skrivelse, handlaggare, granskare, monkeypatch
):
    from arenden.pdf import tjansteskrivelse as tspdf
    from arenden.pdf.render import PdfFel

    def trasig(*args, **kwargs):
        raise PdfFel("PDF:en kunde inte skapas: test")

    monkeypatch.setattr(tspdf, "render_tjansteskrivelse", trasig)
    client.force_login(handlaggare)
    client.post(url(skrivelse, "granskning"), {"granskare": granskare.pk, "bas_version": 1})
    client.force_login(granskare)
    svar = client.post(url(skrivelse, "godkann"), {"bas_version": 2}, follow=True)
    assert "kunde inte göras till PDF" in svar.text
    assert status(skrivelse) == "granskning"
    assert not Handling.objects.filter(tjansteskrivelse=skrivelse).exists()


def test_the_reviewer_sends_back_with_a_reason(client, skrivelse, handlaggare, granskare):
    client.force_login(handlaggare)
    client.post(url(skrivelse, "granskning"), {"granskare": granskare.pk})
    client.force_login(granskare)
    svar = client.post(url(skrivelse, "tillbaka"), {"kommentar": ""}, follow=True)
    assert "Skriv vad som behöver ändras." in svar.text
    assert status(skrivelse) == "granskning"
    client.post(url(skrivelse, "tillbaka"), {"kommentar": "Barnrättsperspektivet saknas."})
    assert status(skrivelse) == "utkast"


def test_without_a_reviewer_nothing_happens_and_the_user_is_told(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    svar = client.post(url(skrivelse, "granskning"), {"granskare": ""}, follow=True)
    assert "Välj en granskare" in svar.text
    assert status(skrivelse) == "utkast"


def test_a_stale_page_cannot_change_the_status(client, skrivelse, handlaggare, granskare):
    client.force_login(handlaggare)
    client.post(url(skrivelse, "granskning"), {"granskare": granskare.pk, "bas_version": 1})
    client.force_login(granskare)
    svar = client.post(url(skrivelse, "godkann"), {"bas_version": 1}, follow=True)
    assert "hade ändrats" in svar.text
    assert status(skrivelse) == "granskning"


def test_only_the_reviewer_approves(client, skrivelse, handlaggare, granskare):
    client.force_login(handlaggare)
    client.post(url(skrivelse, "granskning"), {"granskare": granskare.pk})
    assert client.post(url(skrivelse, "godkann")).status_code == 403
    assert client.post(url(skrivelse, "tillbaka"), {"kommentar": "x"}).status_code == 403
    assert status(skrivelse) == "granskning"


def test_reopening_a_finished_one(client, skrivelse, handlaggare, granskare):
    client.force_login(handlaggare)
    client.post(url(skrivelse, "granskning"), {"granskare": granskare.pk})
    client.force_login(granskare)
    client.post(url(skrivelse, "godkann"))
    client.force_login(handlaggare)
    client.post(url(skrivelse, "ateroppna"))
    assert status(skrivelse) == "utkast"


def test_a_colleague_sending_it_is_not_offered_the_author(
    client, skrivelse, handlaggare, granskare
):
    kollega = factories.anvandare("Handläggare", first_name="Kalle", last_name="Kollega")
    client.force_login(kollega)
    sida = client.get(skrivelse.get_absolute_url())
    erbjudna = set(sida.context["granskare_val"])
    assert granskare in erbjudna
    assert handlaggare not in erbjudna and kollega not in erbjudna
    svar = client.post(url(skrivelse, "granskning"), {"granskare": handlaggare.pk}, follow=True)
    assert "kan inte granska den själv" in svar.text
    assert status(skrivelse) == "utkast"


def test_only_the_reviewer_and_the_author_may_comment(client, skrivelse, handlaggare, granskare):
    client.force_login(handlaggare)
    client.post(url(skrivelse, "granskning"), {"granskare": granskare.pk})
    annan = factories.anvandare("Handläggare")
    client.force_login(annan)
    assert 'name="text"' not in client.get(skrivelse.get_absolute_url()).text
    assert client.post(url(skrivelse, "kommentera"), {"text": "Obehörig."}).status_code == 403
    for vem in (granskare, handlaggare):
        client.force_login(vem)
        assert 'name="text"' in client.get(skrivelse.get_absolute_url()).text
        client.post(url(skrivelse, "kommentera"), {"text": f"Från {vem.pk}."})
    texter = set(skrivelse.kommentarer.values_list("text", flat=True))
    assert texter == {f"Från {granskare.pk}.", f"Från {handlaggare.pk}."}


def test_a_comment_on_a_document_no_longer_under_review_is_refused_with_a_reason(
    client, skrivelse, handlaggare
):
    client.force_login(handlaggare)
    svar = client.post(url(skrivelse, "kommentera"), {"text": "Sen kommentar."}, follow=True)
    assert "Kommentarer skrivs medan tjänsteskrivelsen granskas" in svar.text
    assert not skrivelse.kommentarer.exists()


VYER = ["granskning", "kommentera", "godkann", "tillbaka", "ateroppna"]


@pytest.mark.parametrize("vad", VYER)
@pytest.mark.parametrize("grupp", ["Registrator", "Politiker"])
def test_it_forbids_those_who_do_not_write(client, skrivelse, vad, grupp):
    client.force_login(factories.anvandare(grupp))
    assert client.post(url(skrivelse, vad), {"text": "x", "kommentar": "x"}).status_code == 403


@pytest.mark.parametrize("vad", VYER)
def test_it_answers_404_for_another_case(client, skrivelse, handlaggare, vad):
    client.force_login(handlaggare)
    annat = factories.arende("Annat")
    adress = f"/arenden/{annat.slug}/tjansteskrivelser/{skrivelse.pk}/{vad}/"
    assert client.post(adress).status_code == 404


@pytest.mark.parametrize("vad", VYER)
def test_it_answers_405_to_get(client, skrivelse, handlaggare, vad):
    client.force_login(handlaggare)
    assert client.get(url(skrivelse, vad)).status_code == 405


def test_the_registered_pdf_masks_personnummer_as_the_documents_own_page_does(
    client, handlaggare, granskare, rs
):
    skrivelse = factories.tjansteskrivelse(
        factories.arende(),
        anvandare_=handlaggare,
        titel="Yttrande om patientärende",
        attsatser=["Regionstyrelsen besvarar skrivelsen från 19790101-1234."],
    )
    handling = _godkand(client, skrivelse, handlaggare, granskare)

    def nedladdad(user):
        client.force_login(user)
        svar = client.get(handling.get_fil_url())
        assert svar.status_code == 200
        return " ".join(pdf_till_text(b"".join(svar.streaming_content)).split())

    politiker = nedladdad(factories.anvandare("Politiker"))
    assert "19790101-1234" not in politiker
    assert "Regionstyrelsen besvarar skrivelsen från" in politiker
    assert "19790101-1234" in nedladdad(factories.anvandare("Registrator", se_sekretess=True))


def test_the_handling_page_links_to_the_tjansteskrivelse(client, skrivelse, handlaggare, granskare):
    handling = _godkand(client, skrivelse, handlaggare, granskare)
    sida = client.get(handling.get_absolute_url()).content.decode()
    assert f'href="{skrivelse.get_absolute_url()}"' in sida
