"""The one diarienummer parser: query forms, ambiguity, slugs and references in running text.

Pure Python: runs with `-p no:django`.
"""

import time

import pytest

from arenden.diarienummer import Diarienummer, Reference, find, parse, parse_slug

RS_1450 = Diarienummer("RS", 1450, 2017)


# --- the value object ------------------------------------------------------------------


def test_it_formats_and_slugs():
    assert str(RS_1450) == "RS/1450/2017"
    assert RS_1450.slug == "RS-1450-2017"
    assert str(Diarienummer(None, 1450, 2017)) == "1450/2017"
    assert Diarienummer(None, 1450, 2017).slug == "1450-2017"


def test_it_upper_cases_the_prefix():
    assert Diarienummer("rs", 1, 2019) == Diarienummer("RS", 1, 2019)
    assert Diarienummer("rs", 1, 2019).prefix == "RS"


def test_it_is_hashable_and_equal_by_value():
    assert {RS_1450, Diarienummer("RS", 1450, 2017)} == {RS_1450}
    assert repr(RS_1450) == "Diarienummer(prefix='RS', lopnummer=1450, ar=2017)"


def test_it_sorts_in_register_order():
    numbers = [
        Diarienummer("RS", 1, 2018),
        Diarienummer("RS", 10, 2017),
        Diarienummer("RS", 2, 2017),
        Diarienummer(None, 5, 2017),
        Diarienummer("HSN", 3, 2020),
    ]
    assert [str(n) for n in sorted(numbers)] == [
        "5/2017",
        "HSN/3/2020",
        "RS/2/2017",
        "RS/10/2017",
        "RS/1/2018",
    ]


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("RS", 0, 2019), ValueError),
        (("RS", -1, 2019), ValueError),
        (("RS", 1, 1899), ValueError),
        (("RS", 1, 2101), ValueError),
        (("", 1, 2019), ValueError),
        (("R/S", 1, 2019), ValueError),
        (("R-S", 1, 2019), ValueError),
        (("R S", 1, 2019), ValueError),
        (("RS", "1", 2019), TypeError),
        (("RS", 1, 2019.0), TypeError),
        (("RS", True, 2019), TypeError),
    ],
)
def test_it_refuses_impossible_numbers(args, error):
    with pytest.raises(error):
        Diarienummer(*args)


# --- parse(): query strings ------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "RS/1450/2017",
        "RS 1450/2017",
        "RS-1450-2017",
        "rs/1450/2017",
        "Rs/1450/2017",
        "  RS/1450/2017\n",
        "RS1450/2017",
        "RS/1450/17",
        "RS 1450-2017",
        "RS / 1450 / 2017",
        "RS/01450/2017",
        "dnr RS/1450/2017",
        "Dnr: RS 1450/2017",
        "DIARIENUMMER RS-1450-2017",
    ],
)
def test_it_reads_every_written_form(query):
    assert parse(query) == [RS_1450]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("RS722/2019", "RS/722/2019"),
        ("RS2771/2017", "RS/2771/2017"),
        ("RS/554/2019", "RS/554/2019"),
        ("HSN/12/2020", "HSN/12/2020"),
        ("rf 3/2021", "RF/3/2021"),
        ("RS/1/00", "RS/1/2000"),
        ("RS1/12/2019", "RS1/12/2019"),
        ("RS1 12/2019", "RS1/12/2019"),
    ],
)
def test_it_reads_prefixed_forms(query, expected):
    assert [str(d) for d in parse(query)] == [expected]


@pytest.mark.parametrize(
    "query", ["1450/2017", "4468-2017", "Dnr 4468-2017", "dnr. 4468-2017", "1450/17"]
)
def test_a_number_without_prefix_has_no_prefix(query):
    readings = parse(query)
    assert len(readings) == 1
    assert readings[0].prefix is None
    assert readings[0].ar == 2017


def test_two_digit_years_are_this_century():
    assert parse("RS/1450/17") == [RS_1450]
    assert parse("RS/1/99") == [Diarienummer("RS", 1, 2099)]


def test_a_number_without_prefix_reads_as_every_known_prefix_then_as_itself():
    assert [str(d) for d in parse("1450/2017", prefixes=["RS", "HSN"])] == [
        "RS/1450/2017",
        "HSN/1450/2017",
        "1450/2017",
    ]


def test_known_prefixes_are_deduplicated_and_case_insensitive():
    assert [str(d) for d in parse("1/2019", prefixes=["rs", "RS", " RS "])] == [
        "RS/1/2019",
        "1/2019",
    ]


def test_a_glued_prefix_ending_in_a_digit_gives_every_reading():
    assert [str(d) for d in parse("RS12/2019", prefixes=["RS", "RS1"])] == [
        "RS/12/2019",
        "RS1/2/2019",
    ]
    # Without a list of diaria a glued number is read with a letters-only prefix.
    assert [str(d) for d in parse("RS12/2019")] == ["RS/12/2019"]
    # Only RS1 known: the letters-only reading names no diarium.
    assert [str(d) for d in parse("RS12/2019", prefixes=["RS1"])] == ["RS1/2/2019"]


def test_a_split_never_leaves_an_empty_or_zero_lopnummer():
    assert [str(d) for d in parse("RS1/2019", prefixes=["RS", "RS1"])] == ["RS/1/2019"]
    assert [str(d) for d in parse("RS10/2019", prefixes=["RS", "RS1"])] == ["RS/10/2019"]


def test_an_unknown_prefix_has_no_reading_when_the_diaria_are_known():
    assert parse("XY/1/2019", prefixes=["RS"]) == []
    assert parse("XY/1/2019") == [Diarienummer("XY", 1, 2019)]


def test_readings_are_unique():
    readings = parse("1/2019", prefixes=["RS", "RS"])
    assert len(readings) == len(set(readings))


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "2017",
        "1450",
        "RS",
        "RS/1450",
        "hälsoval",
        "Styrgrupp Hälsoval 2021",
        "RS/0/2019",
        "RS/1/1899",
        "RS/1/2101",
        "RS/1/201",
        "RS/1/20170",
        "RS 1/12/2019",
        "1/12/2019",
        "2021-02-26",
        "063-14 75 00",
        "21 miljoner",
        "§ 130",
        "Lag (1993:1652)",
        "SOU 2020:19",
        "RS/1450/2017 RS/1451/2017",
        "RS/1450/2017; DROP TABLE arenden_arende;--",
        "' OR 1=1 --",
        "RS/1450/2017' OR '1'='1",
        "<script>alert(1)</script>",
        "nr 12/2019",
        "dnr",
        "RS_1450_2017",
        "RS.1450.2017",
        "ABCDEFGHIJ/1/2019",
    ],
)
def test_it_returns_nothing_for_what_is_not_a_diarienummer(query):
    assert parse(query) == []


@pytest.mark.parametrize(
    "query",
    [
        "1" * 10_000,
        "RS/" * 3_400,
        "RS" + "1" * 9_998,
        "a" * 10_000,
        " " * 9_990 + "RS/1/2019",
        "1/" * 5_000,
        "RS 1" * 2_500,
        "dnr " * 2_500,
    ],
)
def test_long_input_is_refused_quickly(query):
    started = time.perf_counter()
    assert parse(query) == []
    assert time.perf_counter() - started < 0.05


def test_it_tolerates_non_strings():
    assert parse(None) == []  # type: ignore[arg-type]
    assert parse_slug(None) is None  # type: ignore[arg-type]


# --- slugs -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        RS_1450,
        Diarienummer("HSN", 1, 2020),
        Diarienummer("RS1", 2, 2019),
        Diarienummer(None, 7, 2021),
    ],
)
def test_slug_round_trips(number):
    assert parse_slug(number.slug) == number
    assert parse(number.slug) == [number]
    assert parse(str(number)) == [number]


def test_parse_slug_is_lenient_so_views_can_redirect_to_the_canonical_form():
    parsed = parse_slug("rs-01450-2017")
    assert parsed == RS_1450
    assert parsed.slug == "RS-1450-2017"


@pytest.mark.parametrize(
    "slug",
    [
        "",
        "RS",
        "RS-1450",
        "RS/1450/2017",
        "RS-1450-17",
        "RS-0-2017",
        "RS-1-1800",
        "RS--1450-2017",
        "RS-1450-2017-",
        "RS-1450-2017/",
        "RS 1450 2017",
        "-1450-2017",
        "../etc/passwd",
        "RS-1450-2017" * 10,
    ],
)
def test_parse_slug_refuses_what_is_not_a_slug(slug):
    assert parse_slug(slug) is None


# --- find(): references in running text --------------------------------------------------

# Sentences copied from the seed tjänsteskrivelser (../shared/seeds/), kept here as
# literals so the suite does not depend on files outside the repository.
SEED_001 = (
    "Regionstyrelsen beslutade i augusti 2019 § 130 (RS/554/2019) om inrättande av en "
    "styrgrupp för Hälsoval Region Jämtland Härjedalen 2021. Direktiv för styrgruppen "
    "fastställdes av styrelsen i september samma år § 143 (RS/554/2019)."
)
SEED_001_LAG = (
    "Regionstyrelsen bör också värdera om också de andra vårdvalen och arbetet med andra "
    "privata vårdgivare bör ingå i en sådan styrgrupps uppdrag, t ex fysioterapeuter "
    "verksamma inom Lag (1993:1652) om fysioterapiersättning (LOF) och allmänläkare enligt "
    "Lag (1993:1651) om läkarvårdsersättning (LOL). Frågan bör avgöras senast innan "
    "årsskiftet 2020/21 eftersom det är behov av löpande avstämningar i vårdvalsfrågorna mm."
)
SEED_002 = (
    "Regionstyrelsen fattade beslut i december §218 (RS722/2019) och verkställde före årsskiftet."
)
SEED_003 = (
    "Överenskommelsen om Patientmiljard för att förbättra tillgänglighet och samordning i "
    "hälso- och sjukvård finns i helhet i diarienummer RS2771/2017. Kostnader för "
    "aktiviteter inom denna satsning ska registreras till objekt 9916."
)
SEED_004 = (
    'Utredningen "SOU 2020:19 God och nära vård – En reform för ett hållbart hälso- och '
    'sjukvårdssystem" lägger stort fokus på samverkan. SVOM beslutade 6 november 2020, § 46 '
    "om mål för god och nära vård. Vid mötet 2021-02-26 § 9 förtydligades att detta beslut "
    "var en rekommendation, samt att Hemsjukvårdsavtalet (dnr RS/730/2017) förlängs ett år "
    "till och med 2021-12-31. 4. 1,5 miljoner kronor avsätts till en projektledare."
)
SEED_HEADER = "2021-03-08\n\nSekretariatet\nCharlotte Funseth\nTfn: 063-14 75 51\n\nRS/203/2021"


def summary(text, prefixes=None):
    refs = find(text, prefixes)
    for ref in refs:
        assert text[ref.start : ref.end] == ref.text
    return [(r.kind, r.text, r.value) for r in refs]


def test_it_finds_decision_references_in_seed_001():
    dnr554 = Diarienummer("RS", 554, 2019)
    assert summary(SEED_001) == [
        ("paragraf", "§ 130 (RS/554/2019)", (130, dnr554)),
        ("paragraf", "§ 143 (RS/554/2019)", (143, dnr554)),
    ]


def test_it_finds_statutes_but_not_the_financial_year():
    assert summary(SEED_001_LAG) == [
        ("forfattning", "Lag (1993:1652)", "1993:1652"),
        ("forfattning", "Lag (1993:1651)", "1993:1651"),
    ]


def test_it_finds_a_decision_reference_written_without_spaces_or_slash():
    assert summary(SEED_002) == [
        ("paragraf", "§218 (RS722/2019)", (218, Diarienummer("RS", 722, 2019)))
    ]


def test_it_finds_a_glued_diarienummer():
    assert summary(SEED_003) == [("diarienummer", "RS2771/2017", Diarienummer("RS", 2771, 2017))]


def test_it_finds_sou_and_a_labelled_diarienummer_but_no_dates():
    assert summary(SEED_004) == [
        ("utredning", "SOU 2020:19", "SOU 2020:19"),
        ("diarienummer", "RS/730/2017", Diarienummer("RS", 730, 2017)),
    ]


def test_it_finds_the_header_number_but_not_the_date_or_phone():
    assert summary(SEED_HEADER) == [("diarienummer", "RS/203/2021", Diarienummer("RS", 203, 2021))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("se RS/554/2019.", ("diarienummer", "RS/554/2019", "RS/554/2019")),
        ("(RS 1450/2017)", ("diarienummer", "RS 1450/2017", "RS/1450/2017")),
        ("ärendet RS/1450/17 avslutas", ("diarienummer", "RS/1450/17", "RS/1450/2017")),
        ("handling RS/554/2019:3 kom in", ("diarienummer", "RS/554/2019", "RS/554/2019")),
        ("Dnr 4468-2017", ("diarienummer", "4468-2017", "4468/2017")),
        ("dnr RS/730/2017", ("diarienummer", "RS/730/2017", "RS/730/2017")),
        ("diarienummer: RS-12-2020", ("diarienummer", "RS-12-2020", "RS/12/2020")),
        ("§ 130 (RS/554/2019)", ("paragraf", "§ 130 (RS/554/2019)", "130 RS/554/2019")),
        ("§\u00a0130 (RS/554/2019)", ("paragraf", "§\u00a0130 (RS/554/2019)", "130 RS/554/2019")),
        ("§ 5, (dnr RS/1/2020)", ("paragraf", "§ 5, (dnr RS/1/2020)", "5 RS/1/2020")),
        ("Lag (1993:1652)", ("forfattning", "Lag (1993:1652)", "1993:1652")),
        ("enligt lag (2017:725)", ("forfattning", "lag (2017:725)", "2017:725")),
        ("Kommunallagen (2017:725)", ("forfattning", "Kommunallagen (2017:725)", "2017:725")),
        ("sekretesslagen (2009:400)", ("forfattning", "sekretesslagen (2009:400)", "2009:400")),
        ("förordning (2001:100)", ("forfattning", "förordning (2001:100)", "2001:100")),
        ("(lag 1930:173)", ("forfattning", "lag 1930:173", "1930:173")),
        ("SFS 2009:400", ("forfattning", "SFS 2009:400", "2009:400")),
        ("SOU 2020:19", ("utredning", "SOU 2020:19", "SOU 2020:19")),
        ("Ds 2019:3", ("utredning", "Ds 2019:3", "Ds 2019:3")),
        ("prop. 2019/20:1", ("utredning", "prop. 2019/20:1", "Prop. 2019/20:1")),
    ],
)
def test_it_finds_each_form(text, expected):
    refs = find(text)
    assert len(refs) == 1
    ref = refs[0]
    value = ref.value
    if ref.kind == "paragraf":
        value = f"{value[0]} {value[1]}"
    elif ref.kind == "diarienummer":
        value = str(value)
    assert (ref.kind, ref.text, value) == expected
    assert text[ref.start : ref.end] == ref.text


@pytest.mark.parametrize(
    "text",
    [
        "ABCRS/1/2019x",
        "RS/1/2019x",
        "xRS/1/2019",
        "RS/1/2019/3",
        "RS/1/2019-01",
        "RS/1/2019.5",
        "2021-02-26",
        "mötet 2021-02-26 § 9 förtydligades",
        "Tfn: 063-14 75 00",
        "21 miljoner kronor",
        "2021/22",
        "årsskiftet 2020/21",
        "verksamhetsåret 2019/2020",
        "1450/2017",
        "4468-2017",
        "rs/1450/2017",
        "Bilaga 3/2019",
        "§§ 1-22",
        "§ 46 om mål",
        "1,5 miljoner",
        "SOU2020:19x",
        "lagen gäller 2017:725",
        "flaggan (2017:725)x",
        "https://example.org/RS/1/2019",
        "RS/1/1899",
        "RS/0/2019",
    ],
)
def test_it_does_not_match_inside_larger_tokens_or_on_lookalikes(text):
    assert find(text) == []


def test_a_paragraf_reference_swallows_its_diarienummer():
    refs = find("beslut § 130 (RS/554/2019) och RS/554/2019")
    assert [(r.kind, r.text) for r in refs] == [
        ("paragraf", "§ 130 (RS/554/2019)"),
        ("diarienummer", "RS/554/2019"),
    ]


def test_references_are_in_text_order_and_do_not_overlap():
    text = "SOU 2020:19, RS/1/2020, Lag (1993:1652), § 2 (RS/3/2021), Ds 2019:3 och RS 4/2022"
    refs = find(text)
    assert [r.kind for r in refs] == [
        "utredning",
        "diarienummer",
        "forfattning",
        "paragraf",
        "utredning",
        "diarienummer",
    ]
    for before, after in zip(refs, refs[1:], strict=False):
        assert before.end <= after.start


def test_references_are_value_objects():
    ref = find("RS/1/2020")[0]
    assert ref == Reference(0, 9, "diarienummer", "RS/1/2020", Diarienummer("RS", 1, 2020))


def test_known_prefixes_restrict_running_text():
    text = "SKL/15/2019 och RS/1/2020 och LOF 12/2019"
    assert [r.text for r in find(text)] == ["SKL/15/2019", "RS/1/2020", "LOF 12/2019"]
    assert [r.text for r in find(text, prefixes=["RS"])] == ["RS/1/2020"]


def test_a_known_prefix_does_not_match_inside_a_longer_word():
    assert find("ABCRS/1/2019", prefixes=["RS"]) == []
    assert find("ABCRS/1/2019x") == []


def test_a_glued_number_in_running_text_takes_the_most_likely_reading():
    [ref] = find("se RS12/2019", prefixes=["RS", "RS1"])
    assert ref.value == Diarienummer("RS", 12, 2019)


def test_a_labelled_bare_number_keeps_no_prefix_even_when_diaria_are_known():
    [ref] = find("Dnr 4468-2017", prefixes=["RS"])
    assert ref.value == Diarienummer(None, 4468, 2017)


def test_find_on_empty_text():
    assert find("") == []


@pytest.mark.parametrize(
    "text",
    [
        "Regionstyrelsen beslutade § 130 (RS/554/2019) enligt Lag (1993:1652). " * 1_400,
        "a" * 100_000,
        "1" * 100_000,
        "RS" * 50_000,
        "/1" * 50_000,
        "§ 1 (" * 20_000,
        "lag" * 33_000,
        "RS 1" * 25_000,
        "dnr " * 25_000,
        "1/" * 50_000,
        "SOU " * 25_000,
    ],
)
def test_find_is_linear_on_long_and_hostile_text(text):
    started = time.perf_counter()
    find(text)
    assert time.perf_counter() - started < 1.0


def test_find_returns_every_reference_in_a_long_text():
    text = "Se § 130 (RS/554/2019) och Lag (1993:1652). " * 2_000
    refs = find(text)
    assert len(refs) == 4_000
    assert {r.kind for r in refs} == {"paragraf", "forfattning"}
