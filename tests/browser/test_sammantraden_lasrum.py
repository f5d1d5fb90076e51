"""The politicians' reading room on a phone-sized screen: meeting, items, proposal, PDF."""

import pytest
from playwright.sync_api import expect

from arenden.services import sammantraden
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

TELEFON = {"width": 375, "height": 740}


def test_a_member_reads_the_proposal_on_a_phone(page, axe, logga_in):
    sekreterare = factories.anvandare("Nämndsekreterare")
    organ = factories.organ("RS", "Regionstyrelsen")
    mote = factories.sammantrade(organ)
    sammantraden.lagg_till_punkt(mote, anvandare=sekreterare, typ="procedur", rubrik="Upprop")
    punkt = factories.arendepunkt(
        mote,
        titel="Gemensam plan för vårdnivån primärvård",
        anvandare_=sekreterare,
        attsatser=["Planen antas.", "Medel avsätts för en projektledare."],
    )
    factories.pdf_handling(punkt.arende, beskrivning="Projektplan")
    factories.pdf_handling(
        punkt.arende, beskrivning="Uppgifter om enskild", sekretess="OSL 21 kap 1 §"
    )
    punkt.underlag.set(punkt.arende.handlingar.exclude(fil=""))
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    ledamot = factories.ledamot(organ)

    page.set_viewport_size(TELEFON)
    logga_in(page, ledamot)
    page.goto("/sammantraden/")
    page.get_by_role("link", name=f"{mote.datum:%Y-%m-%d}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Regionstyrelsen")
    axe(page)
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")

    page.get_by_role("link", name="Gemensam plan för vårdnivån primärvård").click()
    expect(page.get_by_role("heading", name="Regiondirektörens förslag")).to_be_visible()
    expect(page.get_by_text("Medel avsätts för en projektledare.")).to_be_visible()
    expect(page.get_by_role("link", name="Tjänsteskrivelsen som PDF")).to_be_visible()
    # The member may open the secret paper on the agenda; the page says it is logged.
    expect(page.get_by_role("link", name="Uppgifter om enskild")).to_be_visible()
    expect(page.get_by_text("din läsning loggas")).to_be_visible()
    axe(page)
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    # The target is large enough for a thumb.
    hojd = page.get_by_role("link", name="Tjänsteskrivelsen som PDF").bounding_box()["height"]
    assert hojd >= 40

    with page.expect_response(lambda r: r.url.endswith("tjansteskrivelse.pdf")) as svar:
        page.evaluate(
            "url => fetch(url)",
            f"/sammantraden/{mote.pk}/punkter/{punkt.pk}/tjansteskrivelse.pdf",
        )
    assert svar.value.status == 200
    assert svar.value.headers["content-type"] == "application/pdf"
    page.get_by_role("link", name="← Punkt 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Upprop")
    axe(page)
