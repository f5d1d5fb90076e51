"""GET/POST /arenden/<slug>/tjansteskrivelser/<pk>/redigera/: the editor."""

import pytest

from arenden.markup import MAX_BODY_CHARS
from arenden.models import Historik, Sokdokument, Tjansteskrivelse
from arenden.services import granskning
from arenden.services import tjansteskrivelser as tjanst
from tests import factories

pytestmark = pytest.mark.django_db


def url(skrivelse, vad="redigera"):
    return f"/arenden/{skrivelse.arende.slug}/tjansteskrivelser/{skrivelse.pk}/{vad}/"


@pytest.fixture
def skrivelse(handlaggare):
    arende = factories.arende("Remiss om nära vård")
    return factories.tjansteskrivelse(
        arende,
        anvandare_=handlaggare,
        avsnitt=[("Bakgrund", "Första texten."), ("Ärendebeskrivning", "Andra texten.")],
        attsatser=["Yttrandet antas.", "Paragrafen justeras omedelbart."],
    )


def formular(skrivelse, **andringar):
    """What the editor posts for the document as it is saved, with changes."""
    data = tjanst.innehall(skrivelse)
    falt = {
        "bas_version": str(skrivelse.version),
        "titel": data["titel"],
        "datum": data["datum"] or "",
        "avdelning": data["avdelning"],
        "handlaggare_namn": data["handlaggare_namn"],
        "handlaggare_telefon": data["handlaggare_telefon"],
        "handlaggare_epost": data["handlaggare_epost"],
        "forslag_av": data["forslag_av"],
        "forslag_inledning": data["forslag_inledning"],
        "avsnitt_rubrik": [a["rubrik"] for a in data["avsnitt"]],
        "avsnitt_text": [a["text"] for a in data["avsnitt"]],
        "attsats": data["attsatser"],
        "undertecknare_namn": [u["namn"] for u in data["undertecknare"]],
        "undertecknare_titel": [u["titel"] for u in data["undertecknare"]],
        "utdrag": data["utdrag_till"],
    }
    falt.update(andringar)
    return falt


def test_it_shows_the_editor_with_the_saved_content(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    sida = client.get(url(skrivelse))
    assert sida.status_code == 200
    text = sida.text
    assert 'value="Yttrande över remiss om nära vård"' in text
    assert "Första texten." in text and "Paragrafen justeras omedelbart." in text
    assert 'list="vanliga-rubriker"' in text and "Barnrättsperspektiv" in text
    assert "Regionstyrelsen föreslår regionfullmäktige" in text  # offered lead-in
    assert "Förhandsgranskning" in text


def test_it_moves_a_section_up_without_saving(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    svar = client.post(url(skrivelse), formular(skrivelse, atgard="avsnitt-upp-1"))
    assert svar.status_code == 200
    text = svar.text
    assert text.index('value="Ärendebeskrivning"') < text.index('value="Bakgrund"')
    assert 'data-fokus="avsnitt-0-ner"' in text  # at the top, focus goes to "down"
    assert "flyttades uppåt, nu plats 1 av 2" in text
    skrivelse.refresh_from_db()
    assert [a.rubrik for a in skrivelse.avsnitt.all()] == ["Bakgrund", "Ärendebeskrivning"]


def test_it_answers_htmx_with_the_editor_fragment_only(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    svar = client.post(
        url(skrivelse),
        formular(skrivelse, atgard="lagg-till-avsnitt"),
        headers={"HX-Request": "true"},
    )
    assert svar.status_code == 200
    assert "<html" not in svar.text
    assert svar.text.count('name="avsnitt_rubrik"') == 3
    assert 'data-fokus="avsnitt-2-rubrik"' in svar.text
    assert svar["HX-Trigger"] == "forhandsgranska"


@pytest.mark.parametrize(
    ("atgard", "attsatser"),
    [
        ("attsats-ner-0", ["Paragrafen justeras omedelbart.", "Yttrandet antas."]),
        ("attsats-bort-0", ["Paragrafen justeras omedelbart."]),
        ("lagg-till-attsats", ["Yttrandet antas.", "Paragrafen justeras omedelbart.", ""]),
    ],
)
def test_it_reorders_adds_and_removes_att_satser(client, skrivelse, handlaggare, atgard, attsatser):
    client.force_login(handlaggare)
    svar = client.post(url(skrivelse), formular(skrivelse, atgard=atgard))
    visade = [
        rad.split(">", 1)[1].split("</textarea")[0] for rad in svar.text.split('name="attsats"')[1:]
    ]
    assert visade == attsatser


def test_it_saves_a_version_with_history_and_search(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    svar = client.post(
        url(skrivelse),
        formular(
            skrivelse,
            atgard="spara",
            avsnitt_rubrik=["Bakgrund", "Barnrättsperspektiv"],
            avsnitt_text=["Första texten.", "Barnen berörs av **vårdcentralernas** öppettider."],
            undertecknare_namn=["Hans Svensson"],
            undertecknare_titel=["Regiondirektör"],
            utdrag=["SVOM", "Länets kommuner"],
        ),
    )
    assert svar.status_code == 302
    skrivelse.refresh_from_db()
    assert skrivelse.version == 2
    assert [a.rubrik for a in skrivelse.avsnitt.all()] == ["Bakgrund", "Barnrättsperspektiv"]
    assert [str(u) for u in skrivelse.undertecknare.all()] == ["Hans Svensson, Regiondirektör"]
    assert [m.mottagare for m in skrivelse.utdrag_till.all()] == ["SVOM", "Länets kommuner"]
    assert list(skrivelse.versioner.values_list("nummer", "anledning")) == [
        (1, "Påbörjad"),
        (2, "Sparad"),
    ]
    post = Historik.objects.filter(objekt_typ="tjansteskrivelse").first()
    assert post.fore["avsnitt"][1]["rubrik"] == "Ärendebeskrivning"
    assert post.efter["avsnitt"][1]["rubrik"] == "Barnrättsperspektiv"
    # A draft is searchable, but only in the part readers without draft rights never match.
    dokument = Sokdokument.objects.get(arende=skrivelse.arende)
    assert "vårdcentralernas" in dokument.utkasttext
    assert "vårdcentralernas" not in dokument.fulltext


def test_the_page_after_a_save_names_the_stored_version(client, skrivelse, handlaggare):
    # The editor's script keeps the browser's copy of a submitted text until the next
    # page says the server stored it: a save can meet an expired session too.
    client.force_login(handlaggare)
    svar = client.post(url(skrivelse), formular(skrivelse, titel="Ny titel", atgard="spara"))
    assert svar["Location"] == url(skrivelse) + "?sparad=2"
    sida = client.get(svar["Location"]).text
    assert "Sparad som version 2." in sida
    assert 'data-sparad="2"' in sida and "data-postat" not in sida


def test_a_stale_or_made_up_saved_mark_confirms_nothing(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    client.post(url(skrivelse), formular(skrivelse, titel="Ny titel", atgard="spara"))
    skrivelse.refresh_from_db()
    client.force_login(factories.anvandare("Handläggare"))
    svar = client.post(url(skrivelse), formular(skrivelse, titel="Kollegans", atgard="spara"))
    assert svar["Location"].endswith("?sparad=3")
    client.force_login(handlaggare)
    for fraga in ("?sparad=2", "?sparad=9", "?sparad=x", "?sparad=²", ""):
        assert "data-sparad" not in client.get(url(skrivelse) + fraga).text, fraga


def test_a_refused_save_shows_the_posted_text_marked_as_posted(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    svar = client.post(url(skrivelse), formular(skrivelse, titel="", atgard="spara"))
    assert svar.status_code == 400
    assert 'data-postat="1"' in svar.text and "data-sparad" not in svar.text


def test_the_help_text_nests_lists_the_way_the_markup_does(client, skrivelse, handlaggare):
    from arenden.markup import render_markdown

    client.force_login(handlaggare)
    assert (
        "tre blanksteg före (knappen Öka indrag) för en underlista"
        in client.get(url(skrivelse)).text
    )
    # Three spaces, what the indent button adds, nest under both kinds of list; two
    # would not nest under a numbered one.
    for lista in ("- Punkt\n   - Under", "1. Punkt\n   - Under"):
        assert "<li>Punkt\n<ul>\n<li>Under</li>" in render_markdown(lista)
    assert "<li>Punkt\n<ul>" not in render_markdown("1. Punkt\n  - Under")


def test_a_second_save_meets_a_conflict_and_sees_the_difference(client, skrivelse, handlaggare):
    kollega = factories.anvandare("Handläggare")
    gammal = formular(skrivelse)  # both opened version 1
    client.force_login(kollega)
    client.post(url(skrivelse), {**gammal, "atgard": "spara", "titel": "Kollegans titel"})
    client.force_login(handlaggare)
    svar = client.post(url(skrivelse), {**gammal, "atgard": "spara", "titel": "Min titel"})
    assert svar.status_code == 409
    assert "Någon annan har sparat under tiden" in svar.text
    assert "Kollegans" in svar.text and "Min" in svar.text
    assert "<del>" in svar.text and "<ins>" in svar.text
    for val in ["Behåll min ändring", "Ta den sparade versionen", "Slå ihop för hand"]:
        assert val in svar.text
    skrivelse.refresh_from_db()
    assert skrivelse.titel == "Kollegans titel"  # not silently overwritten
    # What was typed is kept as the working copy.
    assert skrivelse.arbetskopior.get(anvandare=handlaggare).innehall["titel"] == "Min titel"


def test_keep_mine_after_a_conflict_saves_over_the_newer_version(client, skrivelse, handlaggare):
    kollega = factories.anvandare("Handläggare")
    gammal = formular(skrivelse)
    client.force_login(kollega)
    client.post(url(skrivelse), {**gammal, "atgard": "spara", "titel": "Kollegans titel"})
    client.force_login(handlaggare)
    konflikt = client.post(url(skrivelse), {**gammal, "atgard": "spara", "titel": "Min titel"})
    mina = konflikt.context["mina_json"]
    svar = client.post(
        url(skrivelse), {"innehall_json": mina, "bas_version": "2", "atgard": "spara"}
    )
    assert svar.status_code == 302
    skrivelse.refresh_from_db()
    assert skrivelse.titel == "Min titel"
    assert skrivelse.versioner.count() == 3  # all kept


def test_merge_by_hand_opens_the_editor_with_my_text_and_the_difference(
    client, skrivelse, handlaggare
):
    kollega = factories.anvandare("Handläggare")
    gammal = formular(skrivelse)
    client.force_login(kollega)
    client.post(url(skrivelse), {**gammal, "atgard": "spara", "titel": "Kollegans titel"})
    client.force_login(handlaggare)
    konflikt = client.post(url(skrivelse), {**gammal, "atgard": "spara", "titel": "Min titel"})
    svar = client.post(
        url(skrivelse),
        {
            "innehall_json": konflikt.context["mina_json"],
            "bas_version": "2",
            "sammanfoga": "1",
            "atgard": "visa",
        },
    )
    assert svar.status_code == 200
    assert 'value="Min titel"' in svar.text
    assert "Slå ihop för hand" in svar.text and "Kollegans" in svar.text
    assert 'name="bas_version" value="2"' in svar.text


def test_a_body_beyond_the_limit_is_refused_and_kept(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    lang = "Text " * (MAX_BODY_CHARS // 5 + 10)
    svar = client.post(
        url(skrivelse),
        formular(skrivelse, atgard="spara", avsnitt_text=["Första texten.", lang]),
    )
    assert svar.status_code == 400
    assert "Texten är för lång" in svar.text
    assert 'href="#avsnitt-1-text"' in svar.text
    assert lang.strip() in svar.text  # nothing typed is lost
    skrivelse.refresh_from_db()
    assert skrivelse.version == 1


def test_a_title_is_required(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    svar = client.post(url(skrivelse), formular(skrivelse, atgard="spara", titel="  "))
    assert svar.status_code == 400
    assert "Ange tjänsteskrivelsens titel." in svar.text


def test_a_document_under_review_is_not_edited(client, skrivelse, handlaggare):
    granskare = factories.anvandare("Nämndsekreterare")
    granskning.skicka_till_granskning(skrivelse, anvandare=handlaggare, granskare=granskare)
    client.force_login(handlaggare)
    svar = client.get(url(skrivelse))
    assert svar.status_code == 302
    assert svar["Location"] == skrivelse.get_absolute_url()
    post = client.post(url(skrivelse), formular(skrivelse, atgard="spara", titel="Ny"))
    assert post.status_code == 302
    assert Tjansteskrivelse.objects.get(pk=skrivelse.pk).titel != "Ny"


@pytest.mark.parametrize("grupp", ["Registrator", "Politiker"])
def test_it_forbids_those_who_do_not_write(client, skrivelse, grupp):
    client.force_login(factories.anvandare(grupp))
    assert client.get(url(skrivelse)).status_code == 403
    assert client.post(url(skrivelse), formular(skrivelse, atgard="spara")).status_code == 403


def test_it_answers_404_for_another_case(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    annat = factories.arende("Annat")
    adress = f"/arenden/{annat.slug}/tjansteskrivelser/{skrivelse.pk}/redigera/"
    assert client.get(adress).status_code == 404
    assert client.post(adress, formular(skrivelse, atgard="spara")).status_code == 404


def test_it_answers_405_to_other_methods(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    assert client.put(url(skrivelse)).status_code == 405
    assert client.delete(url(skrivelse)).status_code == 405


def test_a_malformed_form_is_a_bad_request(client, skrivelse, handlaggare):
    client.force_login(handlaggare)
    svar = client.post(url(skrivelse), formular(skrivelse, atgard="spara", avsnitt_text=["x"]))
    assert svar.status_code == 400
    assert client.post(url(skrivelse), {"atgard": "spara"}).status_code == 400
