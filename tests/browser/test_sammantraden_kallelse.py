"""Sending the kallelse in Chromium, and watching its bundle being built."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from arenden.models import KallelsePaket, Sammantrade
from arenden.services import sammantraden
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_sends_the_kallelse_and_shows_the_build_progress(page, axe, logga_in):
    sekreterare = factories.anvandare("Nämndsekreterare")
    mote = factories.sammantrade(factories.organ("RS", "Regionstyrelsen"))
    sammantraden.lagg_till_punkt(mote, anvandare=sekreterare, typ="procedur", rubrik="Upprop")
    factories.arendepunkt(mote, anvandare_=sekreterare)
    logga_in(page, sekreterare)
    page.goto(f"/sammantraden/{mote.pk}/dagordning/")
    page.get_by_role("button", name="Skicka kallelsen").click()

    expect(page.get_by_role("status").first).to_contain_text("Kallelsen är skickad")
    mote.refresh_from_db()
    assert mote.status == Sammantrade.Status.KALLELSE_SKICKAD
    # The tasks wait in the database for a worker: the page shows the progress bar.
    framsteg = page.get_by_label("Kallelsen byggs")
    expect(framsteg).to_be_visible()
    assert framsteg.evaluate("e => e.tagName") == "PROGRESS"
    expect(page.get_by_text("0 av 2 delar klara (0 %)")).to_be_visible()
    axe(page)

    # A worker runs the tasks; the polling page notices and says so in its live region.
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    paket = KallelsePaket.objects.get()
    assert paket.status == KallelsePaket.Status.KLAR
    expect(page.get_by_role("link", name="Kallelsen som PDF")).to_be_visible(timeout=15_000)
    expect(page.locator("#kallelsebesked")).to_have_text(f"Kallelsen är klar: {paket.sidor} sidor.")
    assert page.locator("#kallelsebesked").get_attribute("aria-live") == "polite"
    expect(framsteg).to_have_count(0)
    axe(page)


def test_it_explains_a_refused_kallelse(page, logga_in):
    sekreterare = factories.anvandare("Nämndsekreterare")
    mote = factories.sammantrade(factories.organ("RS", "Regionstyrelsen"))
    logga_in(page, sekreterare)
    page.goto(f"/sammantraden/{mote.pk}/dagordning/")
    page.get_by_role("button", name="Skicka kallelsen").click()
    expect(
        page.get_by_text("Dagordningen är tom. Lägg till punkter innan kallelsen skickas.")
    ).to_be_visible()
