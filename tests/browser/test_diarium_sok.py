"""Searching the diary in Chromium: results follow the typing, the URL follows the search."""

import re

import pytest
from playwright.sync_api import expect

from arenden.services import arenden as arendetjanst
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def tabba_till(page, text: str, *, max_steg: int = 40):
    """Press Tab until the focused element's text is `text`: what a keyboard user does."""
    for _ in range(max_steg):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent.trim()") == text:
            return
    raise AssertionError(f"Tab nådde aldrig {text!r}")


def test_results_follow_the_typing_and_the_url_can_be_shared(page, axe, logga_in, rs):
    plan = factories.arende("Plan för nära vård")
    factories.arende("Budget för tandvården")
    logga_in(page, factories.anvandare("Handläggare"))
    page.goto("/arenden/")
    expect(page.locator("#antal")).to_have_text(re.compile("2 ärenden"))
    axe(page)
    page.get_by_label("Sök på diarienummer eller ord").press_sequentially("tandv", delay=60)
    expect(page.locator("#antal")).to_have_text(re.compile("1 ärende för ”tandv”"))
    expect(page.locator("#resultat")).not_to_contain_text("Plan för nära vård")
    expect(page).to_have_url(re.compile(r"/arenden/\?q=tandv$"))
    # A filter narrows at once, and the URL says so too.
    arendetjanst.andra_status(plan, anvandare=None, status="vilande")
    page.get_by_label("Status").select_option("vilande")
    expect(page).to_have_url(re.compile(r"\?q=tandv&status=vilande$"))
    expect(page.locator("#antal")).to_have_text(re.compile("0 ärenden"))
    page.get_by_label("Sök på diarienummer eller ord").fill("")
    expect(page).to_have_url(re.compile(r"\?status=vilande$"))
    expect(page.locator("#resultat")).to_contain_text(plan.diarienummer)
    axe(page)
    # The shared link opens the same list.
    page.goto(page.url)
    expect(page.get_by_label("Status")).to_have_value("vilande")


def test_a_case_is_found_and_opened_with_the_keyboard_alone(page, axe, logga_in, rs):
    arende = factories.arende("Remiss om läkemedelsförsörjning")
    factories.arende("Något helt annat")
    logga_in(page, factories.anvandare("Registrator"))
    page.goto("/arenden/")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the search box comes first in the content
    page.keyboard.type(f"{arende.lopnummer}/{arende.ar}")
    page.keyboard.press("Enter")
    expect(page.locator("#antal")).to_have_text(re.compile("1 ärende"))
    tabba_till(page, arende.diarienummer)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Remiss om läkemedelsförsörjning")).to_be_visible()
    axe(page)


def test_the_public_diary_searches_as_you_type_without_violations(page, axe, rs):
    factories.arende("Intern titel", publik_titel="Ansökan om bidrag till kulturhus")
    factories.arende("Annat ärende")
    page.goto("/diarium/")
    axe(page)
    page.get_by_label("Sök på diarienummer eller ord").press_sequentially("kultur", delay=60)
    expect(page.locator("#antal")).to_have_text(re.compile("1 ärende"))
    expect(page.locator("#resultat")).to_contain_text("Ansökan om bidrag till kulturhus")
    expect(page.locator("#resultat")).not_to_contain_text("Intern titel")
    axe(page)
