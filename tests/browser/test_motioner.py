"""Motions in a real Chromium: registering and answering one, the list, the report; axe on each."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from arenden.models import Motion, Tjansteskrivelse
from arenden.services import motioner as motionstjanst
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_registers_and_answers_a_motion(page, axe, logga_in):
    factories.motionsorgan()
    logga_in(page, factories.anvandare("Nämndsekreterare"))
    page.goto("/motioner/ny/")
    expect(page.get_by_role("heading", name="Registrera motion")).to_be_visible()
    axe(page)

    # Sent empty: every rule answers at once, nothing is saved.
    page.get_by_role("button", name="Registrera").click()
    fel = page.get_by_role("alert")
    expect(fel.get_by_text("Ange minst en motionär.")).to_be_visible()
    expect(fel.get_by_text("Ange minst ett yrkande (att-sats).")).to_be_visible()
    axe(page)
    assert not Motion.objects.exists()

    page.get_by_label("Titel").fill("Motion om ny hälsoekonomisk budgetmodell")
    page.get_by_label("Väckt").fill(timezone.localdate().isoformat())
    page.get_by_label("Nytt namn").fill("Anna Hildebrand")
    page.get_by_label("Parti").fill("MP")
    # "Lägg till motionär" by keyboard: the new row opens and takes the focus.
    page.get_by_role("button", name="Lägg till motionär").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("group", name="Motionär 2")).to_be_visible()
    assert page.evaluate("() => document.activeElement.id") == "id_motionarer-1-person"
    expect(page.get_by_role("status").filter(has_text="Motionär 2 tillagd.")).to_be_attached()
    page.keyboard.press("Tab")
    page.keyboard.type("Bo Berg")
    page.keyboard.press("Tab")
    page.keyboard.type("S")
    page.get_by_label("Att-sats 1").fill(
        "att Region Jämtland Härjedalen upprättar en budget- och ersättningsmodell"
    )
    page.get_by_role("button", name="Lägg till att-sats").click()
    page.get_by_label("Att-sats 2").fill(
        "att primärvården blir styrande i vårdkedjan, först i\n  - Sveg\n  - Funäsdalen"
    )
    page.get_by_label("Motionstext").fill("Primärvården ska styra.")
    axe(page)
    page.get_by_role("button", name="Registrera").click()

    expect(page).to_have_url(re.compile(r"/motioner/RS-1-\d{4}/$"))
    rubrik = page.get_by_role("heading", name="Motion om ny hälsoekonomisk budgetmodell")
    expect(rubrik).to_be_visible()
    expect(page.get_by_text("Anna Hildebrand (MP), Bo Berg (S)")).to_be_visible()
    # The yrkande's sub-list stays a list, not "… först i - Sveg - Funäsdalen".
    yrkanden = page.locator("section", has=page.get_by_role("heading", name="Yrkanden"))
    expect(yrkanden.get_by_role("listitem").filter(has_text=re.compile(r"^Sveg$"))).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Starta svar").click()
    expect(
        page.get_by_role(
            "heading", name="Starta svar på motion om ny hälsoekonomisk budgetmodell", exact=True
        )
    ).to_be_visible()
    expect(
        page.get_by_role("listitem").filter(has_text=re.compile(r"^Funäsdalen”\.$"))
    ).to_be_visible()
    expect(page.get_by_label("Titel")).to_have_value(
        "Svar på motion från Anna Hildebrand (MP) och Bo Berg (S) om ny hälsoekonomisk budgetmodell"
    )
    axe(page)
    page.get_by_label("Anse besvarad").check()
    page.get_by_role("button", name="Skapa tjänsteskrivelse").click()

    skrivelse = Tjansteskrivelse.objects.get()
    expect(page).to_have_url(re.compile(re.escape(skrivelse.get_absolute_url())))
    assert [a.text for a in skrivelse.attsatser.all()] == ["Motionen anses besvarad."]
    assert skrivelse.forslag_inledning == "Regionstyrelsen föreslår regionfullmäktige"
    assert "Anna Hildebrand (MP) och Bo Berg (S) yrkar i en motion" in (
        skrivelse.avsnitt.get().text
    )
    expect(page.get_by_role("listitem").filter(has_text=re.compile(r"^Sveg$"))).to_be_visible()


def test_the_list_filters_in_place_and_the_url_follows(page, axe, logga_in):
    idag = timezone.localdate()
    factories.motion("Motion om försenad sak", vackt=idag - datetime.timedelta(days=400))
    factories.motion(
        "Motion om ny sak",
        vackt=idag,
        motionarer=[motionstjanst.NyPerson("Bo Berg", "S")],
    )
    logga_in(page, factories.anvandare("Politiker"))
    page.goto("/motioner/")
    expect(page.get_by_text("Försenad 35 dagar")).to_be_visible()
    axe(page)
    page.get_by_label("Frist").select_option("forsenade")
    expect(page).to_have_url(re.compile(r"frist=forsenade"))
    expect(page.locator("#tabell tbody tr")).to_have_count(1)
    expect(page.get_by_role("status")).to_have_text("1 motion.")
    expect(page.get_by_text("Motion om ny sak")).to_have_count(0)
    axe(page)


def test_the_report_saves_a_comment_in_place(page, axe, logga_in):
    motion = factories.motion(vackt=timezone.localdate() - datetime.timedelta(days=300))
    logga_in(page, factories.anvandare("Nämndsekreterare"))
    page.goto("/motioner/redovisning/")
    expect(page.get_by_role("heading", name="Redovisning av obesvarade motioner")).to_be_visible()
    axe(page)
    falt = page.get_by_label(f"Kommentar för {motion.arende.diarienummer}")
    falt.fill("Svar till regionfullmäktige i juni.")
    page.get_by_role("button", name=f"Spara kommentar för {motion.arende.diarienummer}").click()
    expect(page.get_by_text("Sparad.")).to_be_visible()
    motion.refresh_from_db()
    assert motion.redovisning_kommentar == "Svar till regionfullmäktige i juni."
    axe(page)


def test_the_secretariat_writes_a_motion_off_by_hand(page, axe, logga_in):
    motion = factories.motion(vackt=timezone.localdate() - datetime.timedelta(days=30))
    logga_in(page, factories.anvandare("Nämndsekreterare"))
    page.goto(motion.get_absolute_url())
    axe(page)
    page.get_by_role("link", name="Avsluta manuellt").click()
    axe(page)
    page.get_by_label("Avskriven").check()
    page.get_by_label("Anteckning").fill("Motionären har lämnat fullmäktige.")
    page.get_by_role("button", name="Avsluta").click()
    expect(page).to_have_url(re.compile(re.escape(motion.get_absolute_url()) + "$"))
    expect(page.get_by_text("Motionären har lämnat fullmäktige.")).to_be_visible()
    motion.refresh_from_db()
    assert motion.utfall == "avskriven"
    axe(page)


def test_the_secretariat_sets_the_meeting_it_is_due_by(page, axe, logga_in):
    from arenden.models import Sammantrade

    idag = timezone.localdate()
    motion = factories.motion(vackt=idag - datetime.timedelta(days=30))
    rf = factories.motionsorgan()[0]
    Sammantrade.objects.create(organ=rf, datum=idag + datetime.timedelta(days=60))
    sent = Sammantrade.objects.create(organ=rf, datum=idag + datetime.timedelta(days=400))
    logga_in(page, factories.anvandare("Nämndsekreterare"))
    page.goto(motion.get_absolute_url())
    falt = page.get_by_label("Ska besvaras senast vid")
    falt.select_option(label=f"Regionfullmäktige {sent.datum:%Y-%m-%d}")
    page.get_by_role("button", name="Spara sammanträdet").click()
    expect(page.get_by_role("alert").get_by_text("ligger efter ettårsgränsen")).to_be_visible()
    expect(page.get_by_label("Ska besvaras senast vid")).to_have_value(str(sent.pk))
    axe(page)
    mote = idag + datetime.timedelta(days=60)
    page.get_by_label("Ska besvaras senast vid").select_option(
        label=f"Regionfullmäktige {mote:%Y-%m-%d}"
    )
    page.get_by_role("button", name="Spara sammanträdet").click()
    expect(page).to_have_url(re.compile(re.escape(motion.get_absolute_url()) + "$"))
    expect(page.locator("#besvaras-senast")).to_contain_text(
        f"senast vid regionfullmäktige {mote:%Y-%m-%d}"
    )
    axe(page)
    motion.refresh_from_db()
    assert motion.besvaras_senast_sammantrade.datum == mote
