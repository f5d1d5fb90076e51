"""services.jamforelse: two versions as labelled lines, compared line by line and word by word."""

from arenden.services import jamforelse

FORE = {
    "titel": "Styrgrupp Hälsoval 2021 - Rapport",
    "datum": "2020-05-11",
    "avsnitt": [{"rubrik": "Ärendebeskrivning", "text": "Rad ett.\nRad två om sex möten."}],
    "forslag_av": "Regiondirektörens förslag",
    "attsatser": ["Styrgruppen upplöses.", "Frågan överförs."],
    "undertecknare": [{"namn": "Hans Svensson", "titel": "Regiondirektör"}],
    "utdrag_till": ["Beställarchef"],
}


def test_the_lines_name_what_they_are():
    assert jamforelse.rader(FORE) == [
        "Titel: Styrgrupp Hälsoval 2021 - Rapport",
        "Datum: 2020-05-11",
        "Avdelning:",
        "Handläggare:",
        "Tfn:",
        "E-post:",
        "## Ärendebeskrivning",
        "Rad ett.",
        "Rad två om sex möten.",
        "Förslag: Regiondirektörens förslag",
        "Att-sats 1: Styrgruppen upplöses.",
        "Att-sats 2: Frågan överförs.",
        "I tjänsten: Hans Svensson, Regiondirektör",
        "Utdrag till: Beställarchef",
    ]


def test_a_changed_word_is_marked_alone():
    efter = {
        **FORE,
        "avsnitt": [{"rubrik": "Ärendebeskrivning", "text": "Rad ett.\nRad två om åtta möten."}],
    }
    [andrad] = [
        r for r in jamforelse.jamfor(FORE, efter) if r.typ != "lika" and r.typ != "utelamnad"
    ]
    assert andrad.typ == "andrad"
    assert [b.text for b in andrad.vanster if b.andrad] == ["sex"]
    assert [b.text for b in andrad.hoger if b.andrad] == ["åtta"]
    assert "".join(b.text for b in andrad.hoger) == "Rad två om åtta möten."


def test_added_and_removed_lines():
    efter = {
        **FORE,
        "attsatser": ["Styrgruppen upplöses."],
        "utdrag_till": ["Beställarchef", "SVOM"],
    }
    typer = [
        (r.typ, r.etikett)
        for r in jamforelse.jamfor(FORE, efter)
        if r.typ not in ("lika", "utelamnad")
    ]
    assert typer == [("borttagen", "Borttagen"), ("tillagd", "Tillagd")]


def test_unchanged_runs_are_folded_around_the_changes():
    efter = {**FORE, "utdrag_till": ["SVOM"]}
    rader = jamforelse.jamfor(FORE, efter, sammanhang=1)
    assert rader[0].typ == "utelamnad" and rader[0].antal == 12
    assert jamforelse.antal_andringar(rader) == 1


def test_identical_versions_have_no_changes():
    rader = jamforelse.jamfor(FORE, FORE)
    assert jamforelse.antal_andringar(rader) == 0
    assert [r.typ for r in rader] == ["utelamnad"]
