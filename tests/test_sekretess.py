"""Secrecy marks and what they hide: every page, search, snippet, download and history entry.

The right to see secret material is granted per user (arenden.se_sekretess); roles
alone never give it. Every opening by someone who has it is logged.
"""

import pytest

from arenden.models import Handling, Historik, Sekretessatkomst
from tests import factories

pytestmark = pytest.mark.django_db

HEMLIGT = "Journalanteckning om Kalle Karlsson"
AVSANDARE = "Doktor Ekström"


@pytest.fixture
def arende():
    return factories.arende("Klagomål på vården", publik_titel="Klagomål på vården")


@pytest.fixture
def hemlig(arende, registrator):
    handling = factories.handling(
        arende, beskrivning=HEMLIGT, avsandare_mottagare=AVSANDARE, fil=_pdf()
    )
    return factories.sekretessmarkera(handling, anvandare_=registrator)


@pytest.fixture
def behorig(db):
    return factories.anvandare("Registrator", se_sekretess=True)


def _pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("journal.pdf", factories.pdf(b"hemlig journal"))


ROLLER = ["Registrator", "Handläggare", "Nämndsekreterare", "Politiker", None]
# Those who read the internal register at all; an account without a role gets 403
# on every internal page (tests/test_utan_roll.py).
LASARE = ROLLER[:-1]


def _anvandare(grupp):
    return factories.anvandare(grupp) if grupp else factories.anvandare()


# --- the case page -------------------------------------------------------------------


@pytest.mark.parametrize("grupp", LASARE)
def test_the_case_page_hides_what_the_mark_covers_from_every_role(client, arende, hemlig, grupp):
    client.force_login(_anvandare(grupp))
    sida = client.get(arende.get_absolute_url()).text
    assert HEMLIGT not in sida
    assert AVSANDARE not in sida
    assert hemlig.get_fil_url() not in sida
    assert "Sekretessmarkerad: OSL 25 kap 1 §" in sida
    assert not Sekretessatkomst.objects.exists()


def test_the_case_page_shows_and_logs_it_for_a_user_with_the_right(client, arende, hemlig, behorig):
    client.force_login(behorig)
    sida = client.get(arende.get_absolute_url()).text
    assert HEMLIGT in sida
    assert AVSANDARE in sida
    assert hemlig.get_fil_url() in sida
    atkomst = Sekretessatkomst.objects.get()
    assert atkomst.anvandare == behorig
    assert atkomst.handling == hemlig
    assert atkomst.vad == "visade ärendesidan"
    assert atkomst.grund == Sekretessatkomst.Grund.BEHORIGHET


def test_a_mark_may_leave_the_sender_visible(client, arende, registrator, handlaggare):
    handling = factories.handling(arende, beskrivning=HEMLIGT, avsandare_mottagare="IVO")
    factories.sekretessmarkera(handling, anvandare_=registrator, avsandare=False)
    client.force_login(handlaggare)
    sida = client.get(arende.get_absolute_url()).text
    assert "IVO" in sida
    assert HEMLIGT not in sida


def test_the_history_of_a_secret_handling_shows_who_and_when_but_not_what(
    client, arende, hemlig, handlaggare, registrator
):
    from arenden.services import arenden as arendetjanst

    arendetjanst.makulera_handling(hemlig, anvandare=registrator, orsak=f"Fel ärende: {HEMLIGT}")
    client.force_login(handlaggare)
    sida = client.get(arende.get_absolute_url()).text
    assert f"Handling {hemlig.beteckning} sekretessmarkerades" in sida
    assert f"Handling {hemlig.beteckning} makulerades" in sida
    assert HEMLIGT not in sida
    assert "Uppgifterna omfattas av en sekretessmarkering och visas inte." in sida


# --- downloads by guessed URL ------------------------------------------------------


@pytest.mark.parametrize("grupp", ROLLER)
def test_the_file_is_refused_to_every_role_without_the_right(client, hemlig, grupp):
    client.force_login(_anvandare(grupp))
    assert client.get(hemlig.get_fil_url()).status_code == 403
    assert not Sekretessatkomst.objects.exists()


def test_the_file_is_refused_to_anonymous_users(client, hemlig):
    svar = client.get(hemlig.get_fil_url())
    assert svar.status_code == 302
    assert svar["Location"].startswith("/login/")


def test_the_file_is_served_and_logged_for_a_user_with_the_right(client, hemlig, behorig):
    client.force_login(behorig)
    svar = client.get(hemlig.get_fil_url())
    assert svar.status_code == 200
    assert b"hemlig journal" in b"".join(svar.streaming_content)
    assert svar["Cache-Control"] == "private, no-store"
    assert Sekretessatkomst.objects.get().vad == "laddade ned filen"


@pytest.mark.parametrize("nummer", [2, 99])
def test_a_guessed_handling_number_answers_404(client, hemlig, behorig, nummer):
    client.force_login(behorig)
    slug = hemlig.arende.slug
    assert client.get(f"/arenden/{slug}/handlingar/{nummer}/fil/").status_code == 404


# --- search and the public diary ------------------------------------------------------


@pytest.mark.parametrize("grupp", LASARE)
def test_search_never_finds_or_shows_a_secret_field(client, arende, hemlig, grupp):
    client.force_login(_anvandare(grupp))
    sida = client.get("/arenden/", {"q": "Journalanteckning"}).text
    assert "Klagomål på vården" not in sida
    assert HEMLIGT not in sida
    assert "Kalle" not in client.get("/arenden/", {"q": "Klagomål"}).text


def test_search_by_a_user_with_the_right_does_not_show_secret_snippets(
    client, arende, hemlig, behorig
):
    client.force_login(behorig)
    sida = client.get("/arenden/", {"q": "Ekström"}).text
    assert AVSANDARE not in sida
    assert not Sekretessatkomst.objects.exists()


def test_the_public_diary_shows_only_date_and_number(client, arende, hemlig):
    sida = client.get(arende.get_public_url()).text
    assert hemlig.beteckning in sida
    assert hemlig.datum.isoformat() in sida
    assert HEMLIGT not in sida
    assert AVSANDARE not in sida
    assert "journal.pdf" not in sida and "/fil/" not in sida
    assert "Sekretessmarkerad handling" in sida
    assert "Klagomål" not in client.get("/diarium/", {"q": "Journalanteckning"}).text


def test_a_mark_with_a_visible_sender_still_shows_only_date_and_number_in_public(
    client, arende, registrator
):
    handling = factories.handling(arende, beskrivning=HEMLIGT, avsandare_mottagare="IVO")
    factories.sekretessmarkera(handling, anvandare_=registrator, avsandare=False)
    sida = client.get(arende.get_public_url()).text
    assert "IVO" not in sida


# --- setting and lifting the mark -------------------------------------------------------


def markera_url(handling):
    return f"{handling.arende.get_absolute_url()}handlingar/{handling.lopnummer}/sekretess/"


def test_it_marks_a_handling_with_provision_date_and_authority(client, arende, handlaggare):
    handling = factories.handling(arende, beskrivning=HEMLIGT)
    client.force_login(handlaggare)
    svar = client.post(
        markera_url(handling),
        {
            "h1-bestammelse": "OSL 21 kap 1 §",
            "h1-datum": "2026-01-15",
            "h1-myndighet": "Region Jämtland Härjedalen",
            "h1-omfattar_avsandare": "on",
            "h1-omfattar_beskrivning": "on",
        },
    )
    assert svar.status_code == 302
    handling.refresh_from_db()
    assert handling.sekretess_bestammelse == "OSL 21 kap 1 §"
    assert handling.sekretess_datum.isoformat() == "2026-01-15"
    assert handling.sekretess_myndighet == "Region Jämtland Härjedalen"
    assert handling.sekretess_satt_av == handlaggare
    post = Historik.objects.get(handelse=f"Handling {handling.beteckning} sekretessmarkerades")
    assert post.anvandare == handlaggare
    assert post.efter["sekretess_bestammelse"] == "OSL 21 kap 1 §"
    assert post.fore["sekretess_bestammelse"] == ""
    # The search documents follow at once.
    assert "Klagomål" not in client.get("/arenden/", {"q": "Journalanteckning"}).text


def test_it_takes_a_provision_in_free_text(client, arende, registrator):
    handling = factories.handling(arende)
    client.force_login(registrator)
    client.post(
        markera_url(handling),
        {
            "h1-bestammelse": "annan",
            "h1-annan": "OSL 30 kap 23 §",
            "h1-datum": "2026-01-15",
            "h1-myndighet": "Regionstyrelsen",
        },
    )
    handling.refresh_from_db()
    assert handling.sekretess_bestammelse == "OSL 30 kap 23 §"
    assert not handling.sekretess_avsandare  # unticked: the sender stays visible


def test_it_explains_what_is_missing_and_keeps_the_input(client, arende, registrator):
    handling = factories.handling(arende)
    client.force_login(registrator)
    svar = client.post(
        markera_url(handling),
        {"h1-bestammelse": "annan", "h1-datum": "2026-01-15", "h1-myndighet": "Egen myndighet"},
        headers={"HX-Request": "true"},
    )
    assert svar.status_code == 400
    assert "Skriv vilken bestämmelse markeringen avser." in svar.text
    assert 'href="#id_h1-annan"' in svar.text
    assert 'value="Egen myndighet"' in svar.text
    assert svar["HX-Retarget"] == "#atgarder-1"  # back into the row it was posted from
    handling.refresh_from_db()
    assert not handling.sekretessmarkerad


def test_lifting_a_mark_needs_the_right_to_see_it(client, hemlig, handlaggare, behorig):
    url = markera_url(hemlig) + "hav/"
    client.force_login(handlaggare)
    assert client.post(url).status_code == 403
    assert Handling.objects.get(pk=hemlig.pk).sekretessmarkerad
    client.force_login(behorig)
    svar = client.post(url, headers={"HX-Request": "true"})
    assert svar.status_code == 200
    hemlig.refresh_from_db()
    assert not hemlig.sekretessmarkerad
    assert Historik.objects.filter(
        handelse=f"Handling {hemlig.beteckning} fick sin sekretessmarkering hävd",
        anvandare=behorig,
    ).exists()
    assert "Klagomål" in client.get("/diarium/", {"q": "Journalanteckning"}).text


@pytest.mark.parametrize("slut", ["", "hav/"])
@pytest.mark.parametrize("grupp", ["Politiker", None])
def test_marking_is_forbidden_without_the_right_to_register(client, hemlig, grupp, slut):
    client.force_login(_anvandare(grupp))
    assert client.post(markera_url(hemlig) + slut, {}).status_code == 403


@pytest.mark.parametrize("slut", ["", "hav/"])
def test_marking_an_unknown_handling_or_case_answers_404(client, hemlig, behorig, slut):
    client.force_login(behorig)
    slug = hemlig.arende.slug
    assert client.post(f"/arenden/{slug}/handlingar/9/sekretess/{slut}").status_code == 404
    assert client.post(f"/arenden/RS-999-2020/handlingar/1/sekretess/{slut}").status_code == 404


@pytest.mark.parametrize("slut", ["", "hav/"])
def test_marking_answers_405_to_get(client, hemlig, behorig, slut):
    client.force_login(behorig)
    assert client.get(markera_url(hemlig) + slut).status_code == 405


def test_without_js_a_mistake_comes_back_on_the_handlings_page(client, arende, registrator):
    handling = factories.handling(arende)
    client.force_login(registrator)
    svar = client.post(markera_url(handling), {"h1-bestammelse": "", "h1-myndighet": "X"})
    assert svar.status_code == 400
    assert f"Handling 1 i {arende.diarienummer}" in svar.text
    assert "Välj vilken bestämmelse markeringen avser." in svar.text


@pytest.mark.parametrize("grupp", LASARE)
def test_the_handlings_page_hides_what_the_mark_covers(client, hemlig, grupp):
    client.force_login(_anvandare(grupp))
    sida = client.get(hemlig.get_absolute_url())
    assert sida.status_code == 200
    assert HEMLIGT not in sida.text and AVSANDARE not in sida.text
    assert hemlig.get_fil_url() not in sida.text
    assert not Sekretessatkomst.objects.exists()


def test_the_handlings_page_logs_an_authorised_opening(client, hemlig, behorig):
    client.force_login(behorig)
    sida = client.get(hemlig.get_absolute_url(), headers={"HX-Request": "true"})
    assert "Häv sekretessmarkeringen" in sida.text
    assert Sekretessatkomst.objects.get().vad == "visade handlingen"


def test_changing_an_existing_mark_needs_the_right_to_see_it(client, hemlig, registrator):
    # A registrator without the right could otherwise narrow the mark and release
    # the description and the sender.
    client.force_login(registrator)
    svar = client.post(
        markera_url(hemlig),
        {"h1-bestammelse": "OSL 25 kap 1 §", "h1-datum": "2026-01-15", "h1-myndighet": "RJH"},
    )
    assert svar.status_code == 403
    assert "Bara den som har rätt att se sekretessmarkerade uppgifter kan ändra" in svar.text
    assert HEMLIGT not in svar.text
    hemlig.refresh_from_db()
    assert hemlig.sekretess_avsandare and hemlig.sekretess_beskrivning
    assert hemlig.sekretess_myndighet == "Region Jämtland Härjedalen"
    assert not Historik.objects.filter(fore__sekretess_bestammelse="OSL 25 kap 1 §").exists()


def test_the_domain_function_refuses_it_too(hemlig, registrator):
    from django.core.exceptions import PermissionDenied

    from arenden.services import sekretess

    with pytest.raises(PermissionDenied):
        sekretess.markera(
            hemlig,
            anvandare=registrator,
            bestammelse="OSL 25 kap 1 §",
            myndighet="RJH",
            avsandare=False,
            beskrivning=False,
        )
    with pytest.raises(PermissionDenied):
        sekretess.hav(hemlig, anvandare=registrator)
    assert Handling.objects.get(pk=hemlig.pk).sekretess_beskrivning


def test_a_user_with_the_right_may_change_an_existing_mark(client, hemlig, behorig):
    client.force_login(behorig)
    svar = client.post(
        markera_url(hemlig),
        {"h1-bestammelse": "OSL 21 kap 1 §", "h1-datum": "2026-01-15", "h1-myndighet": "RJH"},
    )
    assert svar.status_code == 302
    hemlig.refresh_from_db()
    assert hemlig.sekretess_bestammelse == "OSL 21 kap 1 §"
    assert not hemlig.sekretess_beskrivning  # unticked: now shown


@pytest.mark.parametrize("grupp", LASARE)
def test_search_leaves_out_the_text_of_a_secret_tjansteskrivelse(
    client, arende, registrator, grupp
):
    from arenden.services import sok

    skrivelse = factories.klar_tjansteskrivelse(
        arende, avsnitt=[("Bakgrund", "Patienten fick en ryggmärgsskada vid operationen.")]
    )
    sok.uppdatera(arende)  # the factory sets the status directly
    client.force_login(_anvandare(grupp))
    assert "Klagomål på vården" in client.get("/arenden/", {"q": "ryggmärgsskada"}).text
    handling = factories.handling(
        arende, beskrivning="Tjänsteskrivelse", riktning="upprattad", tjansteskrivelse=skrivelse
    )
    factories.sekretessmarkera(handling, anvandare_=registrator)
    sida = client.get("/arenden/", {"q": "ryggmärgsskada"}).text
    assert "Klagomål på vården" not in sida
    assert "ryggmärgsskada" not in client.get("/arenden/", {"q": "Klagomål"}).text
