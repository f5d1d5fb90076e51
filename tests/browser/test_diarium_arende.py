"""The case page in Chromium: registering a handling and marking it secret, in place."""

import re

import pytest
from playwright.sync_api import expect

from arenden.models import Arende
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_case_and_a_handling_are_registered_and_a_mistake_is_explained(page, axe, logga_in, rs):
    logga_in(page, factories.anvandare("Registrator"))
    page.goto("/arenden/ny/")
    page.get_by_label("Titel", exact=True).fill("Remiss om nära vård")
    page.get_by_role("button", name="Registrera").click()
    expect(page.get_by_role("heading", name="Remiss om nära vård")).to_be_visible()
    arende = Arende.objects.get()
    axe(page)
    page.locator("summary", has_text="Registrera handling").click()
    formular = page.locator("#handlingar form")
    formular.get_by_label("Inkommande").check()
    formular.get_by_label("Avsändare eller mottagare").fill("Socialstyrelsen")
    formular.get_by_role("button", name="Registrera handling").click()
    # The error summary takes focus, names the field, and what was typed stays.
    sammanfattning = page.locator(".felsammanfattning")
    expect(sammanfattning).to_be_focused()
    expect(sammanfattning).to_contain_text("Ange kort vad handlingen gäller.")
    expect(formular.get_by_label("Avsändare eller mottagare")).to_have_value("Socialstyrelsen")
    axe(page)
    sammanfattning.get_by_role("link", name=re.compile("Kort beskrivning")).click()
    expect(formular.get_by_label("Kort beskrivning")).to_be_focused()
    page.keyboard.type("Remissvar om nationella riktlinjer")
    page.keyboard.press("Enter")
    rad = page.locator("#handling-1")
    expect(rad).to_contain_text("Remissvar om nationella riktlinjer")
    expect(page.locator("#besked")).to_contain_text(
        f"Handling {arende.diarienummer}:1 är registrerad."
    )
    expect(page.locator("#historik")).to_contain_text(
        f"Handling {arende.diarienummer}:1 registrerades"
    )
    expect(page).to_have_url(re.compile(re.escape(arende.get_absolute_url()) + "(#.*)?$"))
    axe(page)


def test_a_secret_mark_hides_the_handling_from_a_politician_and_the_public(
    page, axe, logga_in, rs, _chromium, live_server
):
    arende = factories.arende("Klagomål på vården")
    factories.handling(
        arende, beskrivning="Journal för Kalle Karlsson", avsandare_mottagare="Doktor Ek"
    )
    logga_in(page, factories.anvandare("Registrator", se_sekretess=True))
    page.goto(arende.get_absolute_url())
    page.get_by_role("link", name="Åtgärder för handling 1").click()
    atgarder = page.locator("#atgarder-1")
    expect(atgarder.get_by_label("Bestämmelse", exact=True)).to_be_visible()
    expect(page.locator("#atgarder-1 [autofocus]")).to_be_focused()
    axe(page)
    atgarder.get_by_label("Bestämmelse", exact=True).select_option("OSL 25 kap 1 §")
    atgarder.get_by_role("button", name="Sekretessmarkera").click()
    expect(page.locator("#handling-1")).to_contain_text("Sekretessmarkerad: OSL 25 kap 1 §")
    expect(page.locator("#handling-1")).to_contain_text("Journal för Kalle Karlsson")
    axe(page)

    politiker = _chromium.new_context(base_url=live_server.url, locale="sv-SE")
    sida = logga_in(politiker.new_page(), factories.anvandare("Politiker"))
    sida.goto(arende.get_absolute_url())
    expect(sida.locator("#handling-1")).to_contain_text("Sekretessmarkerad")
    expect(sida.locator("main")).not_to_contain_text("Kalle Karlsson")
    expect(sida.locator("main")).not_to_contain_text("Doktor Ek")
    axe(sida)
    politiker.close()

    page.context.clear_cookies()
    page.goto(arende.get_public_url())
    expect(page.locator("main")).to_contain_text("Sekretessmarkerad handling")
    expect(page.locator("main")).to_contain_text(f"{arende.diarienummer}:1")
    expect(page.locator("main")).not_to_contain_text("Kalle Karlsson")
    axe(page)


def test_case_actions_work_with_the_keyboard(page, axe, logga_in, rs):
    arende = factories.arende("Översyn av primärvården")
    logga_in(page, factories.anvandare("Handläggare"))
    page.goto(arende.get_absolute_url())
    summary = page.locator("summary", has_text="Ändra status")
    summary.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # Pågående -> Vilande
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#arende-fakta")).to_contain_text("Vilande")
    expect(page.locator("#historik")).to_contain_text("Ärendets status ändrades")
    axe(page)


def test_a_wrongly_registered_case_is_corrected_in_place(page, axe, logga_in, rs):
    organ = factories.organ("HSN", "Hälso- och sjukvårdsnämnden")
    arende = factories.arende("Motion om   tandvård")
    logga_in(page, factories.anvandare("Registrator"))
    page.goto(arende.get_absolute_url())
    page.locator("summary", has_text="Rätta ärendet").click()
    formular = page.locator("#arende-fakta form", has_text="Spara rättelsen")
    formular.get_by_label("Titel", exact=True).fill("   ")
    formular.get_by_label("Beslutande organ").select_option(label=str(organ))
    formular.get_by_role("button", name="Spara rättelsen").click()
    sammanfattning = page.locator(".felsammanfattning")
    expect(sammanfattning).to_be_focused()
    expect(sammanfattning).to_contain_text("Ange ärendets titel.")
    formular = page.locator("#arende-fakta form", has_text="Spara rättelsen")
    expect(formular.get_by_label("Beslutande organ")).to_have_value(str(organ.pk))
    axe(page)
    sammanfattning.get_by_role("link", name=re.compile("Titel")).click()
    page.keyboard.type("Remiss om tandvårdsstöd")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Remiss om tandvårdsstöd")
    expect(page.locator("#arende-fakta")).to_contain_text(str(organ))
    expect(page.locator("#arende-fakta")).to_contain_text(arende.diarienummer)
    expect(page.locator("#historik")).to_contain_text("Ärendet rättades")
    axe(page)
