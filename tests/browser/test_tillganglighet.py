"""The accessibility statement and the error pages, in Chromium: axe-clean and keyboard-usable."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_statement_is_reached_from_every_footer_and_has_no_violations(page, axe):
    page.goto("/diarium/")
    page.get_by_role("contentinfo").get_by_role("link", name="Tillgänglighetsredogörelse").click()
    rubrik = page.get_by_role("heading", level=1)
    assert rubrik.inner_text() == "Tillgänglighetsredogörelse för Diariet"
    axe(page)
    # The parts DIGG's model asks for, in that order.
    rubriker = page.get_by_role("heading", level=2).all_inner_texts()
    assert rubriker == [
        "Hur tillgänglig är webbplatsen?",
        "Vad kan du göra om du inte kan använda delar av webbplatsen?",
        "Rapportera brister i webbplatsens tillgänglighet",
        "Tillsyn",
        "Teknisk information om webbplatsens tillgänglighet",
        "Hur vi testat webbplatsen",
    ]


def test_the_statement_is_usable_by_keyboard_alone(page):
    page.goto("/tillganglighet/")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Hoppa till innehållet"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "innehall"
    # From the content, Tab reaches the contact and the DIGG links, each with a visible focus.
    nadda = []
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement === document.body"):
            break
        nadda.append(page.evaluate("() => document.activeElement.textContent.trim()"))
        assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") not in (
            "none",
            "",
        ), nadda[-1]
    assert "region@regionjh.se" in nadda
    assert "anmälan om bristande tillgänglighet på digg.se" in nadda


@pytest.mark.parametrize("url", ["/finns-inte/", "/diarium/?q=%ff"])
def test_the_error_pages_have_no_violations(page, axe, url):
    svar = page.goto(url)
    assert svar.status in (400, 404)
    axe(page)


def test_the_page_for_a_forms_address_has_no_violations_and_leads_back(page, axe, logga_in):
    from tests import factories

    arende = factories.arende()
    logga_in(page, factories.anvandare("Registrator"))
    svar = page.goto(f"{arende.get_absolute_url()}avsluta/")
    assert svar.status == 405
    axe(page)
    page.get_by_role("link", name="Till sidan där formuläret finns").click()
    assert page.get_by_role("heading", level=1).inner_text() == arende.titel
