"""POST …/granskning/, …/kommentera/, …/godkann/, …/tillbaka/, …/ateroppna/ and the page."""

import pytest

from arenden.models import Handling, Tjansteskrivelse
from tests import factories
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
