"""An account outside every group reads only the public pages (DESIGN §3, issue 3).

A login is not a role: the internal register (case lists, case and handling pages,
files) answers 403 to such a user, before saying whether the case exists.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from arenden.services import behorighet
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def handling(db):
    arende = factories.arende("Plan för primärvården")
    return factories.handling(
        arende,
        beskrivning="Remissvar från kommunen",
        fil=SimpleUploadedFile("remissvar.pdf", factories.pdf(b"svar")),
    )


def _sidor(handling):
    return [
        "/arenden/",
        "/arenden/?q=primärvården",
        handling.arende.get_absolute_url(),
        handling.get_absolute_url(),
        handling.get_fil_url(),
    ]


def test_every_internal_page_answers_403(client, handling, utan_roll):
    client.force_login(utan_roll)
    for url in _sidor(handling):
        svar = client.get(url)
        assert svar.status_code == 403, url
        assert "Du har inte behörighet" in svar.content.decode()
        assert "Remissvar från kommunen" not in svar.content.decode()


def test_an_unknown_case_is_403_too_so_numbers_cannot_be_probed(client, handling, utan_roll):
    client.force_login(utan_roll)
    assert client.get("/arenden/RS-9999-2020/").status_code == 403
    assert client.get(f"{handling.arende.get_absolute_url()}handlingar/9/").status_code == 403


def test_the_public_diary_still_answers(client, handling, utan_roll):
    client.force_login(utan_roll)
    assert client.get("/diarium/").status_code == 200
    assert client.get(handling.arende.get_public_url()).status_code == 200


@pytest.mark.parametrize("grupp", ["Registrator", "Handläggare", "Nämndsekreterare", "Politiker"])
def test_every_role_reads_them(client, handling, grupp):
    user = factories.anvandare(grupp)
    assert behorighet.kan_lasa(user)
    client.force_login(user)
    for url in _sidor(handling):
        assert client.get(url).status_code == 200, url


def test_the_helper_refuses_anonymous_and_roleless_users(utan_roll):
    from django.contrib.auth.models import AnonymousUser

    assert not behorighet.kan_lasa(utan_roll)
    assert not behorighet.kan_lasa(AnonymousUser())


def test_meetings_motions_and_tjansteskrivelser_answer_403_too(client, utan_roll):
    motion = factories.motion()
    arende = factories.arende("Rapport om vårdnivån")
    skrivelse = factories.klar_tjansteskrivelse(arende)
    sammantrade = factories.sammantrade()
    client.force_login(utan_roll)
    for url in [
        "/sammantraden/",
        sammantrade.get_absolute_url(),
        "/motioner/",
        "/motioner/ny/",
        "/motioner/redovisning/",
        motion.get_absolute_url(),
        skrivelse.get_absolute_url(),
        f"{skrivelse.get_absolute_url()}pdf/",
    ]:
        svar = client.get(url)
        assert svar.status_code == 403, url
        assert "Rapport om vårdnivån" not in svar.content.decode(), url


def test_the_start_page_says_the_account_has_no_role_and_logging_out_works(client, utan_roll):
    client.force_login(utan_roll)
    svar = client.get("/")
    assert svar.status_code == 200
    sida = svar.content.decode()
    assert "Ditt konto har ingen roll ännu" in sida
    assert 'action="/arenden/"' not in sida  # no search form that would only say 403
    client.post("/logout/")
    assert client.get("/").status_code == 302


def test_the_public_pages_need_no_role(client, utan_roll):
    client.force_login(utan_roll)
    for url in ["/anslagstavla/", "/tillganglighet/", "/health/"]:
        assert client.get(url).status_code == 200, url


def test_the_menu_offers_no_internal_page_to_an_account_without_a_role(client, utan_roll):
    client.force_login(utan_roll)
    meny = client.get("/").content.decode()
    for adress in ('href="/arenden/"', 'href="/motioner/"', 'href="/sammantraden/"'):
        assert adress not in meny
    assert 'href="/diarium/"' in meny


def test_the_menu_offers_the_register_to_a_politician(client):
    client.force_login(factories.anvandare("Politiker"))
    meny = client.get("/").content.decode()
    assert 'href="/arenden/"' in meny and 'href="/sammantraden/"' in meny
