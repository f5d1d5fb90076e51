"""Drafting a tjänsteskrivelse in a real Chromium: keyboard, preview, paste, accessibility."""

import re

import pytest
from playwright.sync_api import expect

from arenden.models import Person, Tjansteskrivelse
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

WORD_HTML = (
    "<html><body><h2>Bakgrund</h2><p class=MsoNormal><b>Viktigt:</b> primärvården.</p>"
    "<ul><li>Första</li><li>Andra<ul><li>Underpunkt</li></ul></li></ul>"
    "<table><tr><td>Belopp</td><td>2018</td></tr><tr><td><b>SUMMA</b></td><td>12,6</td></tr>"
    "</table><script>alert(1)</script></body></html>"
)


@pytest.fixture
def handlaggare(db):
    user = factories.anvandare("Handläggare", first_name="Annika", last_name="Jonsson")
    Person.objects.create(
        namn="Annika Jonsson",
        avdelning="Hälso- och sjukvårdspolitiska avdelningen",
        telefon="063-14 75 00",
        epost="annika.jonsson@regionjh.se",
        anvandare=user,
    )
    Person.objects.create(namn="Hans Svensson", titel="Regiondirektör")
    return user


def test_it_drafts_a_tjansteskrivelse_by_keyboard(page, axe, logga_in, handlaggare, rs):
    arende = factories.arende("Motion om ny hälsoekonomisk budgetmodell")
    logga_in(page, handlaggare)
    page.goto(arende.get_absolute_url())
    page.get_by_role("link", name="Ny tjänsteskrivelse").click()
    axe(page)
    # The header is prefilled from the case and the official's profile.
    expect(page.get_by_text("Hälso- och sjukvårdspolitiska avdelningen")).to_be_visible()
    page.get_by_label("Titel").fill("Svar på motion om ny hälsoekonomisk budgetmodell")
    page.get_by_role("button", name="Påbörja tjänsteskrivelsen").click()
    expect(page).to_have_url(re.compile(r"/redigera/$"))
    expect(page.get_by_label("Telefon")).to_have_value("063-14 75 00")
    axe(page)

    page.get_by_label("Text, avsnitt 1").fill("Anna Hildebrand yrkar i en motion att …")
    # A second section, added and named with the keyboard alone.
    page.get_by_role("button", name="Lägg till avsnitt").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#avsnitt-1-rubrik")).to_be_focused()
    page.keyboard.type("Bakgrund")
    page.keyboard.press("Tab")  # past the formatting buttons to the text
    page.get_by_label("Text, avsnitt 2").fill("I september 2015 fattade styrelsen beslut.")

    # Move "Bakgrund" first: the move button keeps focus on the moved section.
    page.get_by_role("button", name="Flytta upp avsnittet Bakgrund").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#avsnitt-0-rubrik")).to_have_value("Bakgrund")
    expect(page.locator("#avsnitt-1-rubrik")).to_have_value("Ärendebeskrivning")
    expect(page.locator("#avsnitt-0-ner")).to_be_focused()
    expect(page.locator("#redigerare-status")).to_contain_text("flyttades uppåt")
    # What was typed survived the move.
    expect(page.locator("#avsnitt-1-text")).to_have_value("Anna Hildebrand yrkar i en motion att …")

    # An att-sats and a signatory picked from the register, its title filled in.
    page.get_by_role("button", name="Lägg till att-sats").click()
    expect(page.locator("#attsats-0")).to_be_focused()
    page.keyboard.type("Motionen anses besvarad.")
    page.get_by_label("Inledning").fill("Regionstyrelsen föreslår regionfullmäktige")
    page.get_by_role("button", name="Lägg till undertecknare").click()
    namn = page.locator("#undertecknare-0-namn")
    expect(namn).to_be_focused()
    namn.fill("Hans Svensson")
    namn.dispatch_event("change")
    expect(page.locator("#undertecknare-0-titel")).to_have_value("Regiondirektör")
    axe(page)

    page.get_by_role("button", name="Spara som ny version").click()
    expect(page.get_by_text("Sparad som version 2.")).to_be_visible()
    skrivelse = Tjansteskrivelse.objects.get()
    assert [a.rubrik for a in skrivelse.avsnitt.all()] == ["Bakgrund", "Ärendebeskrivning"]
    assert [a.text for a in skrivelse.attsatser.all()] == ["Motionen anses besvarad."]
    assert [str(u) for u in skrivelse.undertecknare.all()] == ["Hans Svensson, Regiondirektör"]


def test_the_preview_follows_the_text(page, logga_in, handlaggare, rs):
    skrivelse = factories.tjansteskrivelse(factories.arende(), anvandare_=handlaggare)
    logga_in(page, handlaggare)
    page.goto(skrivelse.get_absolute_url() + "redigera/")
    forhands = page.locator("#forhandsgranskning")
    page.get_by_label("Text, avsnitt 1").fill("Beslut § 130 (RS/554/2019) om **styrgrupp**.")
    expect(forhands.locator("strong", has_text="styrgrupp")).to_be_visible()
    expect(forhands.get_by_role("link", name="§ 130 (RS/554/2019)")).to_have_attribute(
        "href", "/arenden/RS-554-2019/"
    )
    # The formatting buttons write Markdown the preview shows at once.
    falt = page.get_by_label("Text, avsnitt 1")
    falt.fill("")
    page.get_by_role("group", name=re.compile("Formatering, avsnitt")).get_by_role(
        "button", name="Punktlista"
    ).click()
    expect(falt).to_have_value("- ")
    page.keyboard.type("Första punkten")
    expect(forhands.locator("li", has_text="Första punkten")).to_be_visible()
    # Autosave keeps it as the user's working copy.
    expect(page.locator("#autosparstatus")).to_contain_text("sparades automatiskt")
    assert skrivelse.arbetskopior.get(anvandare=handlaggare).innehall["avsnitt"][0]["text"]


def test_pasted_rich_text_becomes_markdown(page, logga_in, handlaggare, rs):
    skrivelse = factories.tjansteskrivelse(factories.arende(), anvandare_=handlaggare)
    logga_in(page, handlaggare)
    page.goto(skrivelse.get_absolute_url() + "redigera/")
    falt = page.get_by_label("Text, avsnitt 1")
    falt.fill("")
    falt.focus()
    page.evaluate(
        """([selektor, html]) => {
            const falt = document.querySelector(selektor);
            const data = new DataTransfer();
            data.setData('text/html', html);
            data.setData('text/plain', 'Bakgrund Viktigt: primärvården.');
            falt.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true,
                                                            cancelable: true}));
        }""",
        ["#avsnitt-0-text", WORD_HTML],
    )
    expect(falt).to_have_value(re.compile(r"^## Bakgrund"))
    varde = falt.input_value()
    assert "**Viktigt:** primärvården." in varde
    assert "- Första\n- Andra\n  - Underpunkt" in varde
    assert "| **SUMMA** | 12,6 |" in varde
    assert "script" not in varde
    forhands = page.locator("#forhandsgranskning")
    expect(forhands.locator("td", has_text="12,6")).to_be_visible()
    expect(forhands.get_by_role("heading", name="Bakgrund")).to_be_visible()


def test_nothing_typed_is_lost_when_the_network_fails(page, logga_in, handlaggare, rs):
    skrivelse = factories.tjansteskrivelse(factories.arende(), anvandare_=handlaggare)
    logga_in(page, handlaggare)
    redigera = skrivelse.get_absolute_url() + "redigera/"
    page.goto(redigera)
    page.route("**/autospara/", lambda route: route.abort())
    page.get_by_label("Text, avsnitt 1").fill("Text som skrevs när nätet var nere.")
    expect(page.locator("#autosparstatus")).to_contain_text("Kunde inte nå servern")
    page.unroute("**/autospara/")
    # Leaving and coming back: the browser's copy is offered and restored.
    page.goto(skrivelse.get_absolute_url())
    page.goto(redigera)
    page.get_by_role("button", name="Återställ texten").click()
    expect(page.get_by_label("Text, avsnitt 1")).to_have_value(
        "Text som skrevs när nätet var nere."
    )


def _reserv(page, skrivelse):
    return page.evaluate(
        "(nyckel) => window.localStorage.getItem(nyckel)",
        f"diariet-reserv-tjansteskrivelse-{skrivelse.pk}",
    )


def _utloggad():
    # As when the session expires: the browser still sends its cookie, the server no
    # longer knows it.
    from django.contrib.sessions.models import Session

    Session.objects.all().delete()


def test_an_expired_session_does_not_pass_for_an_autosave(page, logga_in, handlaggare, rs):
    skrivelse = factories.tjansteskrivelse(factories.arende(), anvandare_=handlaggare)
    logga_in(page, handlaggare)
    redigera = skrivelse.get_absolute_url() + "redigera/"
    page.goto(redigera)
    _utloggad()
    page.get_by_label("Text, avsnitt 1").fill("Text skriven efter att sessionen gått ut.")
    status = page.locator("#autosparstatus")
    expect(status).to_have_text(
        "Inte sparat – du kan ha blivit utloggad. Texten finns kvar i den här webbläsaren."
    )
    # The login page it was redirected to is not shown in the status line ...
    expect(status.locator("form")).to_have_count(0)
    # ... and the browser keeps the text.
    assert "sessionen+g%C3%A5tt+ut" in _reserv(page, skrivelse)
    assert not skrivelse.arbetskopior.exists()
    logga_in(page, handlaggare)
    page.goto(redigera)
    page.get_by_role("button", name="Återställ texten").click()
    falt = page.get_by_label("Text, avsnitt 1")
    expect(falt).to_have_value("Text skriven efter att sessionen gått ut.")
    # Stored on the server at last, the browser's copy is let go.
    falt.press("End")
    falt.type(" Nu inloggad.")
    expect(page.locator("#autosparstatus")).to_contain_text("sparades automatiskt")
    page.wait_for_function(
        "(nyckel) => window.localStorage.getItem(nyckel) === null",
        arg=f"diariet-reserv-tjansteskrivelse-{skrivelse.pk}",
    )
    assert skrivelse.arbetskopior.get().innehall["avsnitt"][0]["text"].endswith("Nu inloggad.")


def test_a_save_keeps_the_browsers_copy_until_the_server_has_the_text(
    page, logga_in, handlaggare, rs
):
    skrivelse = factories.tjansteskrivelse(factories.arende(), anvandare_=handlaggare)
    logga_in(page, handlaggare)
    redigera = skrivelse.get_absolute_url() + "redigera/"
    page.goto(redigera)
    page.route("**/autospara/", lambda route: route.abort())  # only the save may store it
    page.get_by_label("Text, avsnitt 1").fill("Första försöket att spara.")
    _utloggad()
    page.get_by_role("button", name="Spara som ny version").click()
    expect(page).to_have_url(re.compile(r"/login/"))
    assert "F%C3%B6rsta+f%C3%B6rs%C3%B6ket" in _reserv(page, skrivelse)
    assert skrivelse.versioner.count() == 1
    # Back in, the text is offered; saved for real, the copy is gone.
    logga_in(page, handlaggare)
    page.goto(redigera)
    page.get_by_role("button", name="Återställ texten").click()
    falt = page.get_by_label("Text, avsnitt 1")
    expect(falt).to_have_value("Första försöket att spara.")
    page.get_by_role("button", name="Spara som ny version").click()
    expect(page.get_by_text("Sparad som version 2.")).to_be_visible()
    page.wait_for_function(
        "(nyckel) => window.localStorage.getItem(nyckel) === null",
        arg=f"diariet-reserv-tjansteskrivelse-{skrivelse.pk}",
    )
    expect(page.get_by_role("button", name="Återställ texten")).to_have_count(0)
    assert skrivelse.avsnitt.get().text == "Första försöket att spara."


def test_a_paste_whose_markup_holds_no_text_inserts_the_plain_text(page, logga_in, handlaggare, rs):
    skrivelse = factories.tjansteskrivelse(factories.arende(), anvandare_=handlaggare)
    logga_in(page, handlaggare)
    page.goto(skrivelse.get_absolute_url() + "redigera/")
    falt = page.get_by_label("Text, avsnitt 1")
    falt.fill("")
    falt.focus()
    page.evaluate(
        """(selektor) => {
            const data = new DataTransfer();
            data.setData('text/html', '<img src="https://example.invalid/bild.png">');
            data.setData('text/plain', 'Bildtexten som vanlig text');
            document.querySelector(selektor).dispatchEvent(new ClipboardEvent('paste',
                {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        "#avsnitt-0-text",
    )
    expect(falt).to_have_value("Bildtexten som vanlig text")


def test_text_typed_while_a_paste_converts_is_kept_whole(page, logga_in, handlaggare, rs):
    skrivelse = factories.tjansteskrivelse(factories.arende(), anvandare_=handlaggare)
    logga_in(page, handlaggare)
    page.goto(skrivelse.get_absolute_url() + "redigera/")
    vantande = []
    page.route("**/klistra-in/", lambda route: vantande.append(route))
    falt = page.get_by_label("Text, avsnitt 1")
    falt.fill("Början.")
    falt.press("End")
    page.evaluate(
        """(selektor) => {
            const data = new DataTransfer();
            data.setData('text/html', '<p><b>Inklistrat</b></p>');
            data.setData('text/plain', 'Inklistrat');
            document.querySelector(selektor).dispatchEvent(new ClipboardEvent('paste',
                {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        "#avsnitt-0-text",
    )
    falt.type(" Skrivet under tiden.")
    for _ in range(100):  # the held request reaches the route while the page runs
        if vantande:
            break
        page.wait_for_timeout(50)
    vantande[0].continue_()
    # The pasted text goes where the caret is now, not into the middle of the words.
    expect(falt).to_have_value("Början. Skrivet under tiden.**Inklistrat**")


@pytest.mark.parametrize("till_titeln", ["klick", "tabb"])
def test_a_signatorys_filled_in_title_is_replaced_by_typing_not_doubled(
    page, logga_in, handlaggare, rs, till_titeln
):
    skrivelse = factories.tjansteskrivelse(factories.arende(), anvandare_=handlaggare)
    logga_in(page, handlaggare)
    page.goto(skrivelse.get_absolute_url() + "redigera/")
    page.get_by_role("button", name="Lägg till undertecknare").click()
    namn = page.locator("#undertecknare-0-namn")
    titel = page.locator("#undertecknare-0-titel")
    expect(namn).to_be_focused()
    page.keyboard.type("Hans Svensson")
    # Leaving the name fills in the title; the official, not seeing it yet, types it.
    if till_titeln == "klick":
        titel.click()
    else:
        page.keyboard.press("Tab")
    expect(titel).to_be_focused()
    expect(titel).to_have_value("Regiondirektör")
    page.keyboard.type("Regiondirektör")
    expect(titel).to_have_value("Regiondirektör")
    # What the official typed is theirs: leaving and changing the name again keeps it.
    titel.fill("Tillförordnad regiondirektör")
    namn.fill("Hans Svensson ")
    namn.dispatch_event("change")
    expect(titel).to_have_value("Tillförordnad regiondirektör")
    titel.click()
    page.keyboard.press("End")
    page.keyboard.type(" (tf)")
    expect(titel).to_have_value("Tillförordnad regiondirektör (tf)")
