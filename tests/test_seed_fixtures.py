"""The seed fixtures hold the five source memos word for word, in order, nothing added.

Runs without Django: `pytest -p no:django tests/test_seed_fixtures.py`.
"""

import copy
import json
import re

import pytest

from tests.seedtext import (
    FIXTURE_DIR,
    SOURCE_DIR,
    first_out_of_order,
    fixture_text,
    in_order,
    load_seed,
    missing_paragraphs,
    normalise,
    read_source,
    source_paragraphs,
    source_path,
)

SEED_INDEXES = range(5)

SEED_KEYS = {"kallfil", "diarienummer", "arende", "tjansteskrivelse"}
ARENDE_KEYS = {"titel", "arendetyp", "anteckning"}
TS_KEYS = {
    "titel",
    "datum",
    "avdelning",
    "handlaggare_namn",
    "handlaggare_telefon",
    "handlaggare_epost",
    "saknas_i_kallan",
    "avsnitt",
    "forslag_av",
    "forslag_inledning",
    "attsatser",
    "undertecknare",
    "utdrag_till",
}
HEADER_FIELDS = (
    "datum",
    "avdelning",
    "handlaggare_namn",
    "handlaggare_telefon",
    "handlaggare_epost",
)


@pytest.fixture(scope="module", autouse=True)
def _sources_present():
    # Failing rather than skipping: a skipped fidelity check looks like a passing one.
    assert SOURCE_DIR.is_dir(), f"source documents not found in {SOURCE_DIR}; set SEED_SOURCE_DIR"


def seed(index):
    return load_seed(index)


def paragraphs_of(stored):
    """Stored units the way a reader meets them: paragraphs, list items, table rows."""
    units = []
    for block in re.split(r"\n\s*\n", fixture_text(stored)):
        units += block.split("\n") if _is_list_or_table(block) else [block]
    return [u for u in map(normalise, units) if u]


def _is_list_or_table(block):
    return all(re.match(r"\s*(?:[-*•|]|\d+\.)\s", line) for line in block.split("\n"))


def test_it_has_one_fixture_per_source_in_filename_order():
    sources = sorted(p.name for p in SOURCE_DIR.glob("*.txt"))
    assert len(sources) == 5
    assert [seed(i)["kallfil"] for i in SEED_INDEXES] == sources


@pytest.mark.parametrize("index", SEED_INDEXES)
def test_it_uses_exactly_the_agreed_keys(index):
    stored = seed(index)
    assert set(stored) == SEED_KEYS
    assert set(stored["arende"]) == ARENDE_KEYS
    assert set(stored["tjansteskrivelse"]) == TS_KEYS
    for avsnitt in stored["tjansteskrivelse"]["avsnitt"]:
        assert set(avsnitt) == {"rubrik", "text"}
    for person in stored["tjansteskrivelse"]["undertecknare"]:
        assert set(person) == {"namn", "titel"}


@pytest.mark.parametrize("index", SEED_INDEXES)
def test_every_source_paragraph_is_stored(index):
    stored = seed(index)
    assert missing_paragraphs(source_path(stored), fixture_text(stored)) == []


@pytest.mark.parametrize("index", SEED_INDEXES)
def test_source_paragraphs_keep_their_order(index):
    stored = seed(index)
    body = read_source(source_path(stored)).body
    assert first_out_of_order(body, fixture_text(stored)) is None


@pytest.mark.parametrize("index", SEED_INDEXES)
def test_nothing_is_added_to_the_source(index):
    # The reverse direction: every stored paragraph, list item and table row must be
    # text from the source, so an invented sentence or a "fixed" spelling fails.
    stored = seed(index)
    path = source_path(stored)
    whole_source = " ".join(source_paragraphs(path))
    labels = {"I tjänsten", "Utdrag till"}
    invented = [u for u in paragraphs_of(stored) if u not in whole_source and u not in labels]
    assert invented == []


@pytest.mark.parametrize("index", SEED_INDEXES)
def test_missing_header_fields_are_null_and_listed(index):
    stored = seed(index)
    ts = stored["tjansteskrivelse"]
    null_fields = [f for f in HEADER_FIELDS if ts[f] is None]
    if stored["diarienummer"] is None:
        null_fields.append("diarienummer")
    assert sorted(ts["saknas_i_kallan"]) == sorted(null_fields)


@pytest.mark.parametrize("index", SEED_INDEXES)
def test_wraps_and_source_debris_are_gone(index):
    ts = seed(index)["tjansteskrivelse"]
    one_liners = [ts["titel"], ts["avdelning"], *ts["utdrag_till"]]
    one_liners += [v for p in ts["undertecknare"] for v in p.values()]
    one_liners += [a["rubrik"] for a in ts["avsnitt"]]
    for value in filter(None, one_liners):
        assert value == value.strip() and "\n" not in value, value
    for text in [a["text"] for a in ts["avsnitt"]] + ts["attsatser"]:
        assert "•" not in text
        assert "\t" not in text
        assert not re.search(r"<[a-z/]", text), "HTML left in Markdown"
        assert not re.search(r"[ \t]+$", text, re.MULTILINE), "trailing spaces"


def test_seed_000_is_a_motion_answered():
    stored = seed(0)
    assert stored["arende"]["arendetyp"] == "motion"
    ts = stored["tjansteskrivelse"]
    assert ts["forslag_inledning"] == "Regionstyrelsen föreslår regionfullmäktige"
    assert ts["attsatser"] == ["Motionen anses besvarad."]
    assert ts["utdrag_till"] == [
        "Chef Hälso- och sjukvårdspolitiska avdelningen",
        "Anna Hildebrand (MP)",
    ]
    # Typographic quotes are part of the text as written.
    assert "”Region Jämtland Härjedalen upprättar" in ts["avsnitt"][0]["text"]


def test_seed_001_has_no_email():
    ts = seed(1)["tjansteskrivelse"]
    assert ts["handlaggare_epost"] is None
    assert "handlaggare_epost" in ts["saknas_i_kallan"]
    assert ts["handlaggare_telefon"] == "063-14 77 62"
    assert ts["undertecknare"][1] == {
        "namn": "Anna Frisk",
        "titel": "Chef Hälso- och sjukvårdspolitiska avdelningen",
    }


def test_seed_002_has_no_header_and_joins_split_att_satser():
    stored = seed(2)
    ts = stored["tjansteskrivelse"]
    assert stored["diarienummer"] is None
    assert ts["datum"] is None and ts["handlaggare_namn"] is None and ts["avdelning"] is None
    assert ts["attsatser"] == [
        "Förfrågningsunderlag Region Jämtland Härjedalen 2021 med bilagor fastställs",
        "Behov av en central budget inom Regionstyrelsens ansvarsområde med 21 miljoner "
        "kronor ska beaktas i samband med beredning av Regionplan 2021.",
    ]
    bullets = [line for line in ts["avsnitt"][0]["text"].split("\n") if line.startswith("- ")]
    assert len(bullets) == 5
    assert bullets[3].endswith("Lag (1993:1651) om läkarvårdsersättning (LOL) tas bort")


def test_seed_003_keeps_table_headings_and_nested_list():
    stored = seed(3)
    ts = stored["tjansteskrivelse"]
    assert ts["titel"] == "Underlag användning av nationell satsning Patientmiljarden"
    assert [a["rubrik"] for a in ts["avsnitt"]] == [
        "Bakgrund",
        "Mer information",
        "Förslag om medlens användning",
    ]
    bakgrund, _, forslag = (a["text"] for a in ts["avsnitt"])
    assert "| **SUMMA** | **12,6** | **12,5** | **12,4** |" in bakgrund.split("\n")
    assert "| Införande av *patientkontrakt* för patienter" in bakgrund
    assert "- Nya arbetssätt t.ex.:\n  - införande av lättakut" in forslag
    assert forslag.startswith("### ***OBS! ansvar för hela primärvården oavsett utförare.***")
    assert "**Hela beloppet kronor**" in forslag and "**12 miljoner**" in forslag
    assert ts["forslag_av"] is None and ts["attsatser"] == []
    assert ts["undertecknare"] == [] and ts["utdrag_till"] == []
    assert sorted(ts["saknas_i_kallan"]) == ["handlaggare_epost", "handlaggare_telefon"]


def test_seed_003_markdown_renders_as_table_and_nested_list():
    markdown_it = pytest.importorskip("markdown_it")
    md = markdown_it.MarkdownIt("commonmark").enable("table")
    bakgrund, _, forslag = (a["text"] for a in seed(3)["tjansteskrivelse"]["avsnitt"])
    table = md.render(bakgrund)
    assert table.count("<tr>") == 4
    assert "<strong>SUMMA</strong>" in table and "<em>patientkontrakt</em>" in table
    html = md.render(forslag)
    assert re.search(r"Nya arbetssätt t\.ex\.:\s*<ul>\s*<li>införande av lättakut", html)


def test_seed_004_att_sats_1_holds_the_three_goals():
    attsatser = seed(4)["tjansteskrivelse"]["attsatser"]
    assert len(attsatser) == 6
    lead, sub_list = attsatser[0].split("\n\n")
    assert lead == "Följande mål för god och nära vård antas:"
    items = sub_list.split("\n")
    assert len(items) == 3 and all(item.startswith("- ") for item in items)
    assert attsatser[4].startswith("Finansiering sker genom avsatta medel")


# The checker must be able to fail, or a green run proves nothing.


def _drop_paragraph(text, index):
    paragraphs = text.split("\n\n")
    del paragraphs[index]
    return "\n\n".join(paragraphs)


@pytest.mark.parametrize("index", SEED_INDEXES)
def test_checker_notices_a_dropped_section_paragraph(index):
    stored = copy.deepcopy(seed(index))
    avsnitt = stored["tjansteskrivelse"]["avsnitt"][0]
    dropped = normalise(avsnitt["text"].split("\n\n")[1])
    avsnitt["text"] = _drop_paragraph(avsnitt["text"], 1)
    missing = missing_paragraphs(source_path(stored), fixture_text(stored))
    assert missing and all(dropped.find(m) >= 0 or m.find(dropped) >= 0 for m in missing)


@pytest.mark.parametrize("index", [0, 1, 2, 4])
def test_checker_notices_a_dropped_att_sats_or_distribution_entry(index):
    stored = copy.deepcopy(seed(index))
    stored["tjansteskrivelse"]["attsatser"].pop()
    assert missing_paragraphs(source_path(stored), fixture_text(stored))
    stored = copy.deepcopy(seed(index))
    stored["tjansteskrivelse"]["utdrag_till"].pop(0)
    assert missing_paragraphs(source_path(stored), fixture_text(stored))


def test_checker_notices_a_dropped_nested_list_item_and_table_row():
    stored = copy.deepcopy(seed(3))
    forslag = stored["tjansteskrivelse"]["avsnitt"][2]
    forslag["text"] = forslag["text"].replace(
        "  - fler digitala kontaktvägar för patienterna\n", ""
    )
    assert missing_paragraphs(source_path(stored), fixture_text(stored)) == [
        "fler digitala kontaktvägar för patienterna"
    ]
    stored = copy.deepcopy(seed(3))
    bakgrund = stored["tjansteskrivelse"]["avsnitt"][0]
    bakgrund["text"] = re.sub(r"\n\| \*\*SUMMA\*\*.*", "", bakgrund["text"])
    assert missing_paragraphs(source_path(stored), fixture_text(stored)) == ["SUMMA 12,6 12,5 12,4"]


def test_checker_notices_a_changed_word_and_a_missing_header_value():
    stored = copy.deepcopy(seed(0))
    ts = stored["tjansteskrivelse"]
    ts["avsnitt"][0]["text"] = ts["avsnitt"][0]["text"].replace("71 procent", "72 procent")
    assert len(missing_paragraphs(source_path(stored), fixture_text(stored))) == 1
    stored = copy.deepcopy(seed(0))
    stored["tjansteskrivelse"]["handlaggare_epost"] = None
    assert missing_paragraphs(source_path(stored), fixture_text(stored))


def test_checker_notices_swapped_paragraphs():
    stored = copy.deepcopy(seed(1))
    avsnitt = stored["tjansteskrivelse"]["avsnitt"][0]
    paragraphs = avsnitt["text"].split("\n\n")
    paragraphs[1], paragraphs[2] = paragraphs[2], paragraphs[1]
    avsnitt["text"] = "\n\n".join(paragraphs)
    text = fixture_text(stored)
    assert missing_paragraphs(source_path(stored), text) == []
    assert not in_order(read_source(source_path(stored)).body, text)


def test_checker_notices_an_invented_sentence():
    stored = copy.deepcopy(seed(4))
    stored["tjansteskrivelse"]["attsatser"].append("Ärendet anses besvarat.")
    whole_source = " ".join(source_paragraphs(source_path(stored)))
    assert "Ärendet anses besvarat." not in whole_source
    assert "Ärendet anses besvarat." in paragraphs_of(stored)


# normalise() and in_order() are shared with the DB and PDF tests; pin their behaviour.


def test_normalise_folds_whitespace_and_drops_markup():
    assert normalise("  a\u00a0b\tc\n\nd  ") == "a b c d"
    assert normalise("## Rubrik\n\n### ***OBS!***") == "Rubrik OBS!"
    assert normalise("<b>SUMMA</b>\t<i>x</i>") == "SUMMA x"
    assert normalise("| a | **b** |\n| --- | --- |\n| c | d |") == "a b c d"
    assert normalise("• ett\n- två\n  - tre\n* fyra\n1. fem\n12) sex") == "ett två tre fyra fem sex"
    assert normalise("_kursiv_ och snake_case") == "kursiv och snake_case"


def test_normalise_keeps_case_dashes_and_quotes():
    text = 'Anna Hildebrand (mp) – ”fast kapitering” - "nära" 2021- 2023 1,5 miljoner'
    assert normalise(text) == text


def test_normalise_keeps_numbers_that_are_not_list_markers():
    assert normalise("1,5 miljoner kronor") == "1,5 miljoner kronor"
    assert normalise("2021-12-31 gäller") == "2021-12-31 gäller"


def test_in_order():
    assert in_order(["ett", "tre"], "ett två tre")
    assert not in_order(["tre", "ett"], "ett två tre")
    assert not in_order(["ett", "ett"], "ett två")
    assert first_out_of_order(["ett", "fyra"], "ett två") == "fyra"


# beslut.json: the decisions, meetings and motion the memos cite.


def _beslut():
    return json.loads((FIXTURE_DIR / "beslut.json").read_text(encoding="utf-8"))


def _quotes(kalla):
    """(seed index, quoted text) for every "seed NNN …: '…'" citation in a kalla string."""
    found = []
    for chunk in re.split(r"(?=seed \d{3})", kalla):
        match = re.match(r"seed (\d{3})", chunk)
        if match:
            found += [(int(match.group(1)), q) for q in re.findall(r"'([^']+)'", chunk)]
    return found


def test_beslut_has_the_required_decisions():
    decided = {(b["organ"], b["ar"], b["paragraf"]): b for b in _beslut()["beslut"]}
    expected = {
        ("RS", 2019, 130): ("2019-08-01", "manad", "RS/554/2019"),
        ("RS", 2019, 143): ("2019-09-01", "manad", "RS/554/2019"),
        ("RS", 2019, 218): ("2019-12-01", "manad", "RS/722/2019"),
        ("SVOM", 2020, 46): ("2020-11-06", "dag", None),
        ("SVOM", 2021, 9): ("2021-02-26", "dag", None),
    }
    for key, (datum, precision, arende) in expected.items():
        beslut = decided[key]
        assert (beslut["sammantrade_datum"], beslut["datum_precision"], beslut["arende"]) == (
            datum,
            precision,
            arende,
        )
    svom_9 = decided[("SVOM", 2021, 9)]["beslutstext"]
    assert "rekommendation" in svom_9 and "anta den framarbetade projektplanen" in svom_9


def test_every_beslut_meets_on_a_listed_sammantrade():
    data = _beslut()
    meetings = {(m["organ"], m["datum"], m["datum_precision"]) for m in data["sammantraden"]}
    for beslut in data["beslut"]:
        meeting = (beslut["organ"], beslut["sammantrade_datum"], beslut["datum_precision"])
        assert meeting in meetings
        assert beslut["sammantrade_datum"].startswith(str(beslut["ar"]))


def test_beslut_citations_are_quoted_from_the_sources():
    data = _beslut()
    records = data["sammantraden"] + data["beslut"] + data["motioner"]
    for record in records:
        quotes = _quotes(record["kalla"])
        assert quotes, record["kalla"]
        for index, quote in quotes:
            source = " ".join(source_paragraphs(source_path(seed(index))))
            assert normalise(quote) in source, quote


def test_the_motion_yrkande_is_quoted_from_seed_000():
    (motion,) = _beslut()["motioner"]
    assert motion["arende"] == "RS/1450/2017"
    assert motion["motionarer"] == [{"namn": "Anna Hildebrand", "parti": "MP"}]
    assert motion["vackt"] is None
    source = " ".join(source_paragraphs(source_path(seed(0))))
    for yrkande in motion["yrkanden"]:
        assert f"yrkar i en motion att ”{normalise(yrkande)}”" in source


def test_cited_cases_without_source_text_are_noted():
    cases = {c["diarienummer"]: c for c in _beslut()["arenden_utan_kalltext"]}
    assert set(cases) == {"RS/722/2019", "RS/730/2017"}
    assert all(c["anteckning"] for c in cases.values())
