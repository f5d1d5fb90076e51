"""Recording a decision at the meeting in Chromium: attendance, then the § itself."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from arenden.models import Beslut
from arenden.services import sammantraden
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_records_attendance_and_a_decision(page, axe, logga_in):
    sekreterare = factories.anvandare("Nämndsekreterare")
    organ = factories.organ("RS", "Regionstyrelsen")
    mote = factories.sammantrade(organ, datum=timezone.localdate())
    anna = factories.ledamot(organ, namn="Anna Andersson", funktion="Ordförande").person
    bo = factories.ledamot(organ, namn="Bo Berg").person
    factories.ledamot(organ, "ersattare", namn="Cia Ek")
    punkt = factories.arendepunkt(
        mote, titel="Rapport om primärvården", anvandare_=sekreterare,
        attsatser=["Rapporten godkänns."], utdrag_till=["Hälso- och sjukvårdsdirektören"],
    )  # fmt: skip
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    logga_in(page, sekreterare)

    page.goto(f"/sammantraden/{mote.pk}/narvaro/")
    axe(page)
    page.get_by_label("Bo Berg (S) närvarande").uncheck()
    page.get_by_label("Cia Ek (S) närvarande").check()
    page.get_by_label("Cia Ek (S) tjänstgör för").select_option(label=str(bo))
    page.get_by_role("button", name="Spara närvaron").click()
    expect(page.get_by_text("Närvaron är sparad.")).to_be_visible()

    page.get_by_role("link", name="Protokollför punkt 1").click()
    axe(page)
    # Prefilled from the frozen proposal.
    expect(page.get_by_label("Beslut", exact=True)).to_have_value("Rapporten godkänns.")
    expect(page.get_by_label("Utdrag till")).to_have_value("Hälso- och sjukvårdsdirektören")
    page.get_by_role("button", name="Protokollför beslutet").click()
    # Without an outcome the form says what is missing and keeps the text.
    expect(page.get_by_role("alert")).to_contain_text("Välj beslutets utfall.")
    axe(page)
    page.get_by_label("Utfall").select_option("bifall")
    page.get_by_label("Yrkande 1 av").select_option(label=str(anna))
    page.get_by_role("textbox", name="Yrkande 1 (frivilligt)").fill("Bifall till förslaget.")
    page.get_by_role("button", name="Protokollför beslutet").click()

    expect(page.get_by_text("Beslutet är protokollfört som § 1.")).to_be_visible()
    beslut = Beslut.objects.get()
    assert (beslut.paragraf, beslut.utfall, beslut.dagordningspunkt) == (1, "bifall", punkt)
    assert [(t.ersattare.namn, t.ersatter.namn) for t in beslut.tjanstgoring.all()] == [
        ("Cia Ek", "Bo Berg")
    ]
    expect(page.locator(f"#beslut-{beslut.pk}")).to_contain_text("Rapporten godkänns.")
    axe(page)
