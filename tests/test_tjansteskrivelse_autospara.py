"""POST …/autospara/ and …/arbetskopia/slang/: the working copy that keeps what was typed."""

import pytest

from arenden.markup import MAX_BODY_CHARS
from arenden.models import Arbetskopia
from tests import factories
from tests.test_tjansteskrivelse_redigera import formular, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def skrivelse(handlaggare, rs):
    return factories.tjansteskrivelse(factories.arende(), anvandare_=handlaggare)


def test_it_keeps_what_was_typed_as_the_users_working_copy(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    svar = client.post(url(skrivelse, "autospara"), formular(skrivelse, titel="Halvskriven"))
    assert svar.status_code == 200
    assert "sparades automatiskt" in svar.text
    # The mark the editor's script trusts, and only then forgets the browser's copy.
    assert svar["X-Autosparad"] == "1"
    kopia = Arbetskopia.objects.get(tjansteskrivelse=skrivelse, anvandare=handlaggare)
    assert kopia.innehall["titel"] == "Halvskriven"
    assert kopia.bas_version == 1
    skrivelse.refresh_from_db()
    assert skrivelse.titel != "Halvskriven"  # not a version
    assert skrivelse.versioner.count() == 1


def test_the_editor_offers_the_copy_back_and_restores_it(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    client.post(url(skrivelse, "autospara"), formular(skrivelse, titel="Halvskriven"))
    sida = client.get(url(skrivelse)).text
    assert "Du har osparade ändringar" in sida
    assert "Återställ mina ändringar" in sida
    aterstalld = client.get(url(skrivelse) + "?arbetskopia=aterstall").text
    assert 'value="Halvskriven"' in aterstalld
    assert "Du har osparade ändringar" not in aterstalld


def test_discarding_the_copy(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    client.post(url(skrivelse, "autospara"), formular(skrivelse, titel="Halvskriven"))
    svar = client.post(url(skrivelse, "arbetskopia/slang"))
    assert svar.status_code == 302
    assert not Arbetskopia.objects.exists()


def test_saving_removes_the_copy(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    client.post(url(skrivelse, "autospara"), formular(skrivelse, titel="Halvskriven"))
    client.post(url(skrivelse), formular(skrivelse, titel="Färdig", atgard="spara"))
    assert not Arbetskopia.objects.exists()


def test_an_over_long_body_is_not_stored_and_the_user_is_told(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    svar = client.post(
        url(skrivelse, "autospara"),
        formular(skrivelse, avsnitt_text=["x" * (MAX_BODY_CHARS + 1)]),
    )
    assert svar.status_code == 400
    assert "Texten är för lång" in svar.text and "Texten finns kvar här" in svar.text
    assert "X-Autosparad" not in svar
    assert not Arbetskopia.objects.exists()


def test_an_expired_session_gets_the_login_page_without_the_saved_mark(client, skrivelse):
    # What htmx follows to after the redirect: a 200 that stored nothing.
    svar = client.post(url(skrivelse, "autospara"), formular(skrivelse), follow=True)
    assert svar.status_code == 200
    assert svar.redirect_chain[0][0].startswith("/login/")
    assert "X-Autosparad" not in svar
    assert not Arbetskopia.objects.exists()


def test_a_document_no_longer_a_draft_is_not_autosaved_and_not_marked(
    client, skrivelse, handlaggare
):
    from arenden.services import granskning

    granskning.skicka_till_granskning(
        skrivelse, anvandare=handlaggare, granskare=factories.anvandare("Handläggare")
    )
    client.force_login(handlaggare)
    svar = client.post(url(skrivelse, "autospara"), formular(skrivelse, titel="Halvskriven"))
    assert svar.status_code == 403
    assert "X-Autosparad" not in svar
    assert not Arbetskopia.objects.exists()


@pytest.mark.parametrize("vad", ["autospara", "arbetskopia/slang"])
def test_it_forbids_those_who_do_not_write(client, skrivelse, vad):
    client.force_login(factories.anvandare("Registrator"))
    svar = client.post(url(skrivelse, vad), formular(skrivelse))
    assert svar.status_code == 403
    assert "X-Autosparad" not in svar


@pytest.mark.parametrize("vad", ["autospara", "arbetskopia/slang"])
def test_it_answers_404_for_another_case(client, skrivelse, handlaggare, vad):
    client.force_login(handlaggare)
    annat = factories.arende("Annat")
    adress = f"/arenden/{annat.slug}/tjansteskrivelser/{skrivelse.pk}/{vad}/"
    assert client.post(adress, formular(skrivelse)).status_code == 404


@pytest.mark.parametrize("vad", ["autospara", "arbetskopia/slang"])
def test_it_answers_405_to_get(client, skrivelse, handlaggare, vad):
    client.force_login(handlaggare)
    assert client.get(url(skrivelse, vad)).status_code == 405
