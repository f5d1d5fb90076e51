"""Justering, anslag and the rest of the meeting pages in Chromium, each checked by axe."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from arenden.models import Organ
from arenden.services import beslut as tjanst
from arenden.services import sammantraden
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_justerar_and_the_notice_appears_on_the_anslagstavla(page, axe, logga_in, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    sekreterare = factories.anvandare("Nämndsekreterare")
    organ = factories.organ("RS", "Regionstyrelsen")
    factories.organ("RF", "Regionfullmäktige", Organ.Typ.FULLMAKTIGE)
    mote = factories.sammantrade(organ, datum=timezone.localdate())
    justerare = factories.ledamot(organ, namn="Jonas Justerare").person
    punkt = factories.arendepunkt(
        mote, anvandare_=sekreterare, forslag_inledning="Regionstyrelsen föreslår regionfullmäktige"
    )
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    tjanst.registrera_beslut(
        punkt, anvandare=sekreterare, beslutstext="Förslaget bifalls.", utfall="bifall",
        utdrag_till=["Ekonomidirektören"],
    )  # fmt: skip
    logga_in(page, sekreterare)

    for url in ["/sammantraden/", "/sammantraden/ny/", f"/sammantraden/{mote.pk}/andra/",
                "/sammantraden/organ/RS/", "/sammantraden/organ/RF/ko/"]:  # fmt: skip
        page.goto(url)
        axe(page)
    expect(page.get_by_role("cell", name=punkt.arende.diarienummer)).to_be_visible()

    page.goto(f"/sammantraden/{mote.pk}/justering/")
    axe(page)
    page.get_by_label(str(justerare)).check()
    page.get_by_label("Protokollet förvaras").fill("Regionkansliet, Östersund")
    page.get_by_role("button", name="Registrera justeringen").click()
    expect(page.get_by_text("§ 1 är justerade och låsta.")).to_be_visible()
    expect(page.get_by_text("Sista dag att överklaga")).to_be_visible()
    expect(page.get_by_text("Protokollsutdrag:")).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Registrera rättelse av § 1").click()
    axe(page)

    page.context.clear_cookies()
    page.goto("/anslagstavla/")
    expect(page.get_by_role("heading", name="Anslagstavla")).to_be_visible()
    expect(page.get_by_text("Justerat protokoll regionstyrelsen")).to_be_visible()
    axe(page)
