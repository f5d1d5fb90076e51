"""The document view, its versions and a comparison, in a real Chromium: no WCAG violations."""

import re

import pytest
from playwright.sync_api import expect

from arenden.services import granskning
from arenden.services import tjansteskrivelser as tjanst
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_document_versions_and_comparison_are_accessible(page, axe, logga_in, demodata):
    from arenden.models import Tjansteskrivelse

    skrivelse = Tjansteskrivelse.objects.get(arende__diarienummer="RS/554/2019")
    user = factories.anvandare("Handläggare")
    granskning.ateroppna(skrivelse, anvandare=user)
    skrivelse.refresh_from_db()
    data = tjanst.innehall(skrivelse)
    data["attsatser"][1] = "Regionstyrelsen ser mycket positivt på arbetsgruppens förslag."
    tjanst.spara(skrivelse, data, anvandare=user, bas_version=skrivelse.version)

    logga_in(page, user)
    page.goto(skrivelse.get_absolute_url())
    expect(page.get_by_role("heading", name="Styrgrupp Hälsoval 2021 - Rapport")).to_be_visible()
    expect(page.get_by_role("link", name="§ 130 (RS/554/2019)").first).to_be_visible()
    axe(page)

    page.get_by_role("link", name=re.compile(r"Versioner \(3\)")).click()
    axe(page)
    page.get_by_role("button", name="Jämför valda versioner").click()
    expect(page.get_by_role("heading", name="Jämför version 2 och 3")).to_be_visible()
    expect(page.locator("ins", has_text="mycket")).to_be_visible()
    axe(page)

    page.goto(skrivelse.get_absolute_url() + "versioner/1/")
    expect(page.get_by_text("Regionstyrelsen ser positivt på arbetsgruppens")).to_be_visible()
    axe(page)
