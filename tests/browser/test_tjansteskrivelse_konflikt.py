"""Two officials save the same draft: the second sees what changed and chooses."""

import re

import pytest
from playwright.sync_api import expect

from arenden.models import Tjansteskrivelse
from arenden.services import tjansteskrivelser as tjanst
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def skrivelse(rs):
    forfattare = factories.anvandare("Handläggare")
    return factories.tjansteskrivelse(
        factories.arende(),
        anvandare_=forfattare,
        avsnitt=[("Bakgrund", "Styrgruppen har haft sex möten.")],
    )


def kollegan_sparar(skrivelse, text):
    kollega = factories.anvandare("Nämndsekreterare", first_name="Sara", last_name="Sekreterare")
    data = tjanst.innehall(skrivelse)
    data["avsnitt"][0]["text"] = text
    tjanst.spara(skrivelse, data, anvandare=kollega, bas_version=skrivelse.version)


def test_the_second_save_shows_the_difference_and_keeps_mine(page, axe, logga_in, skrivelse):
    jag = factories.anvandare("Handläggare")
    logga_in(page, jag)
    page.goto(skrivelse.get_absolute_url() + "redigera/")
    kollegan_sparar(skrivelse, "Styrgruppen har haft åtta möten.")
    page.get_by_label("Text, avsnitt 1").fill("Styrgruppen har haft sju möten.")
    page.get_by_role("button", name="Spara som ny version").click()

    expect(page.get_by_role("heading", name="Någon annan har sparat under tiden")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("Sara Sekreterare")
    tabell = page.get_by_role("table", name=re.compile("Vad som skiljer"))
    expect(tabell.locator("del", has_text="åtta")).to_be_visible()
    expect(tabell.locator("ins", has_text="sju")).to_be_visible()
    expect(tabell.get_by_role("rowheader", name="Ändrad", exact=True)).to_be_visible()
    axe(page)
    assert Tjansteskrivelse.objects.get().avsnitt.get().text == "Styrgruppen har haft åtta möten."

    page.get_by_role("button", name="Behåll min ändring").click()
    expect(page.get_by_text(re.compile(r"Sparad som version \d+\."))).to_be_visible()
    assert Tjansteskrivelse.objects.get().avsnitt.get().text == "Styrgruppen har haft sju möten."


def test_merging_by_hand_shows_both(page, axe, logga_in, skrivelse):
    jag = factories.anvandare("Handläggare")
    logga_in(page, jag)
    page.goto(skrivelse.get_absolute_url() + "redigera/")
    kollegan_sparar(skrivelse, "Styrgruppen har haft åtta möten.")
    page.get_by_label("Text, avsnitt 1").fill("Styrgruppen har haft sju möten.")
    page.get_by_role("button", name="Spara som ny version").click()
    page.get_by_role("button", name="Slå ihop för hand").click()
    expect(page.get_by_role("heading", name="Slå ihop för hand")).to_be_visible()
    expect(page.get_by_label("Text, avsnitt 1")).to_have_value("Styrgruppen har haft sju möten.")
    axe(page)
    page.get_by_label("Text, avsnitt 1").fill(
        "Styrgruppen har haft åtta möten, varav ett digitalt."
    )
    page.get_by_role("button", name="Spara som ny version").click()
    expect(page.get_by_text(re.compile(r"Sparad som version \d+\."))).to_be_visible()
    assert "varav ett digitalt" in Tjansteskrivelse.objects.get().avsnitt.get().text


def test_taking_theirs_discards_mine(page, logga_in, skrivelse):
    jag = factories.anvandare("Handläggare")
    logga_in(page, jag)
    page.goto(skrivelse.get_absolute_url() + "redigera/")
    kollegan_sparar(skrivelse, "Styrgruppen har haft åtta möten.")
    page.get_by_label("Text, avsnitt 1").fill("Styrgruppen har haft sju möten.")
    page.get_by_role("button", name="Spara som ny version").click()
    page.get_by_role("button", name="Ta den sparade versionen").click()
    expect(page.get_by_label("Text, avsnitt 1")).to_have_value("Styrgruppen har haft åtta möten.")
    expect(page.get_by_text("Du har osparade ändringar")).to_have_count(0)
