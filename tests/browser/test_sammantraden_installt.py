"""Calling a meeting off in Chromium: the link, the reason, the notice, all WCAG 2.1 AA."""

import pytest
from playwright.sync_api import expect

from arenden.services import sammantraden
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_calls_a_meeting_off_with_a_reason(page, axe, logga_in):
    sekreterare = factories.anvandare("Nämndsekreterare")
    mote = factories.sammantrade(factories.organ("RS", "Regionstyrelsen"))
    factories.arendepunkt(mote, anvandare_=sekreterare)
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    logga_in(page, sekreterare)
    page.goto(f"/sammantraden/{mote.pk}/")
    page.get_by_role("link", name="Ställ in sammanträdet").click()
    axe(page)
    page.get_by_role("button", name="Ställ in sammanträdet").click()
    expect(page.locator(".felsammanfattning")).to_contain_text(
        "Ange varför sammanträdet ställs in."
    )
    axe(page)
    page.get_by_label("Varför ställs sammanträdet in?").fill("Ordföranden är sjuk.")
    page.get_by_role("button", name="Ställ in sammanträdet").click()
    expect(page.locator("#installt")).to_contain_text("Sammanträdet är inställt.")
    expect(page.locator("#installt")).to_contain_text("Ordföranden är sjuk.")
    axe(page)
