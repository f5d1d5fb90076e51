"""The pages every visitor meets, in a real Chromium: accessible and usable by keyboard."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_shows_the_public_diary_without_violations(page, axe, demodata):
    page.goto("/diarium/")
    assert page.get_by_role("heading", name="Publikt diarium").is_visible()
    axe(page)
    # The first Tab reaches the skip link, and it moves focus to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Hoppa till innehållet"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "innehall"
    page.get_by_role("link", name="RS/554/2019").click()
    assert page.get_by_role("heading", name="Styrgrupp Hälsoval 2021 - Rapport").is_visible()
    axe(page)


def test_it_logs_in_with_the_keyboard_alone(page, axe):
    factories.anvandare("Registrator", username="rut")
    page.goto("/login/")
    axe(page)
    # The user name field has focus when the page opens.
    page.keyboard.type("rut")
    page.keyboard.press("Tab")
    page.keyboard.type("ett-langt-losenord-123")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Välkommen")).to_be_visible()
    axe(page)


def test_it_registers_a_case_and_shows_it(page, axe, logga_in, rs):
    logga_in(page, factories.anvandare("Registrator"))
    page.goto("/arenden/ny/")
    axe(page)
    page.get_by_role("button", name="Registrera").click()
    # The error summary names the field and what the user typed is kept.
    assert page.get_by_role("alert").get_by_text("Ange ärendets titel.").is_visible()
    axe(page)
    page.get_by_label("Titel", exact=True).fill("Remiss om nära vård")
    page.get_by_role("button", name="Registrera").click()
    expect(page).to_have_url(re.compile(r"/arenden/RS-1-\d{4}/$"))
    assert page.get_by_role("heading", name="Remiss om nära vård").is_visible()
    axe(page)


def test_the_case_page_of_a_seed_has_no_violations(page, axe, logga_in, demodata):
    logga_in(page, factories.anvandare("Handläggare"))
    page.goto("/arenden/RS-203-2021/")
    axe(page)
    page.get_by_role("link", name="Gemensam plan i länet för vårdnivån primärvård").first.click()
    assert page.get_by_role("heading", name="Regiondirektörens förslag").is_visible()
    axe(page)
