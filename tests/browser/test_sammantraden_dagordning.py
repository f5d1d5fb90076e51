"""The agenda builder in Chromium: add items with the forms and reorder by keyboard alone."""

import pytest
from playwright.sync_api import expect

from arenden.services import sammantraden
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_builds_an_agenda_and_reorders_it_by_keyboard(page, axe, logga_in):
    sekreterare = factories.anvandare("Nämndsekreterare")
    mote = factories.sammantrade(factories.organ("RS", "Regionstyrelsen"))
    arende = factories.arende("Rapport om primärvården", organ=mote.organ)
    factories.klar_tjansteskrivelse(arende)
    sammantraden.lagg_till_punkt(mote, anvandare=sekreterare, typ="procedur", rubrik="Upprop")
    logga_in(page, sekreterare)
    page.goto(f"/sammantraden/{mote.pk}/dagordning/")
    axe(page)

    page.get_by_label("Procedurpunkt").select_option("Val av justerare")
    page.get_by_role("button", name="Lägg till procedurpunkten").click()
    expect(page.locator(".dagordning > li")).to_have_count(2)
    page.get_by_label("Ärende", exact=True).select_option(
        label=f"{arende.diarienummer} {arende.titel}"
    )
    page.get_by_role("button", name="Lägg till ärendet").click()
    expect(page.locator(".dagordning > li")).to_have_count(3)
    axe(page)

    # The keyboard alone: focus the case's Up button and press it twice.
    punkt = mote.dagordning.get(arende=arende)
    upp = page.locator(f"#upp-{punkt.pk}")
    upp.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".dagordning > li").nth(1)).to_contain_text("Rapport om primärvården")
    # The move is announced; only then is the swap over and the next key meant for the
    # new button.
    expect(page.locator("#dagordning-besked")).to_have_text(
        "”Rapport om primärvården” är nu punkt 2."
    )
    # The fragment came back with the same button: the focus is still on it.
    expect(page.locator(f"#upp-{punkt.pk}")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator(".dagordning > li").first).to_contain_text("Rapport om primärvården")
    expect(page.locator("#dagordning-besked")).to_have_text(
        "”Rapport om primärvården” är nu punkt 1."
    )
    assert [p.rubrik for p in mote.dagordning.order_by("ordning")] == [
        "Rapport om primärvården",
        "Upprop",
        "Val av justerare",
    ]
    axe(page)


def test_it_reorders_by_dragging_with_the_mouse(page, logga_in):
    sekreterare = factories.anvandare("Nämndsekreterare")
    mote = factories.sammantrade(factories.organ("RS", "Regionstyrelsen"))
    for rubrik in ["Upprop", "Val av justerare", "Anmälningsärenden"]:
        sammantraden.lagg_till_punkt(mote, anvandare=sekreterare, typ="procedur", rubrik=rubrik)
    logga_in(page, sekreterare)
    page.goto(f"/sammantraden/{mote.pk}/dagordning/")
    sista = page.locator(".dagordning > li").nth(2)
    sista.drag_to(page.locator(".dagordning > li").first, target_position={"x": 20, "y": 5})
    expect(page.locator("#dagordning-besked")).to_have_text("Dagordningen är omordnad.")
    assert mote.dagordning.order_by("ordning").first().rubrik == "Anmälningsärenden"


def test_the_first_item_cannot_move_up_and_says_so(page, logga_in):
    sekreterare = factories.anvandare("Nämndsekreterare")
    mote = factories.sammantrade(factories.organ("RS", "Regionstyrelsen"))
    for rubrik in ["Upprop", "Val av justerare"]:
        sammantraden.lagg_till_punkt(mote, anvandare=sekreterare, typ="procedur", rubrik=rubrik)
    forsta = mote.dagordning.get(rubrik="Upprop")
    logga_in(page, sekreterare)
    page.goto(f"/sammantraden/{mote.pk}/dagordning/")
    anrop = []
    page.on("request", lambda r: anrop.append(r.url) if "/flytta/" in r.url else None)
    upp = page.locator(f"#upp-{forsta.pk}")
    expect(upp).to_have_attribute("aria-disabled", "true")
    upp.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#dagordning-besked")).to_have_text(
        "”Upprop” är redan första punkten och kan inte flyttas uppåt."
    )
    # Nothing was sent, and the focus stays where the keyboard user is.
    assert anrop == []
    expect(upp).to_be_focused()
    assert [p.rubrik for p in mote.dagordning.order_by("ordning")] == ["Upprop", "Val av justerare"]


def test_an_error_in_an_add_form_takes_the_focus_to_its_summary(page, axe, logga_in):
    sekreterare = factories.anvandare("Nämndsekreterare")
    mote = factories.sammantrade(factories.organ("RS", "Regionstyrelsen"))
    logga_in(page, sekreterare)
    page.goto(f"/sammantraden/{mote.pk}/dagordning/")
    # An empty rubrik is refused: the summary comes back, under the panel's h3.
    page.get_by_role("button", name="Lägg till informationen").click()
    sammanfattning = page.locator(".felsammanfattning")
    expect(sammanfattning).to_be_focused()
    expect(sammanfattning.locator("h4")).to_have_text("Formuläret innehåller fel")
    expect(sammanfattning).to_contain_text("Ange informationens rubrik.")
    axe(page)
