"""Compare the seed fixtures (Markdown in JSON) with the source documents (plain text).

The sources are hard-wrapped, carry stray spaces, "•" bullets, tabs and a little HTML;
the fixtures hold the same words as Markdown. Both sides are reduced to bare words in
the same way, so a check can ask "is this source paragraph in what we stored?" without
caring how either side marks it up. The DB test and the PDF read-back test reuse this,
which is why nothing here imports Django.
"""

import json
import os
import re
import unicodedata
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parent.parent
FIXTURE_DIR = REPO / "fixtures" / "seeds"


def _source_dir() -> Path:
    # The sources live beside the repository (DESIGN.md: ../shared/seeds). A checkout
    # elsewhere can point at them, or vendor them under fixtures/seeds/kallor/.
    if env := os.environ.get("SEED_SOURCE_DIR"):
        return Path(env)
    vendored = FIXTURE_DIR / "kallor"
    if vendored.is_dir():
        return vendored
    return REPO.parent / "shared" / "seeds"


SOURCE_DIR = _source_dir()

# Header labels printed by the app's template rather than stored with the value, so
# they are dropped from the source side only. An empty "E-post:" thus vanishes, which
# is right: the fixture stores null there.
SOURCE_LABELS = ("Tfn:", "E-post:")

# Fixed labels the app prints above the signatories and the distribution list; the
# fixtures store only the entries, so fixture_text() puts the labels back.
LABEL_SIGNATORIES = "I tjänsten"
LABEL_DISTRIBUTION = "Utdrag till"

_DIARIENUMMER_LINE = re.compile(r"^\s*[A-ZÅÄÖ]+/\d+/\d{4}\s*$")
_TRAILING_DATE = re.compile(r"^(.*\S)\s+(\d{4}-\d{2}-\d{2})\s*$")

_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t:|-]*-{3,}[ \t:|-]*$", re.MULTILINE)
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+", re.MULTILINE)
_BULLET = re.compile(r"^[ \t]*[•*-][ \t]+", re.MULTILINE)
_NUMBERED = re.compile(r"^[ \t]*\d+[.)][ \t]+", re.MULTILINE)
_INLINE_TAG = re.compile(r"</?(?:b|i|em|strong|u|span|a|sub|sup)\b[^>]*>", re.IGNORECASE)
_OTHER_TAG = re.compile(r"<[^<>\n]+>")
_BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_UNDERSCORE_EMPHASIS = re.compile(r"(?<!\w)_+|_+(?!\w)")
_WHITESPACE = re.compile(r"\s+")

_LIST_MARKER = re.compile(r"^[ \t]*(?:[•*-]|\d+[.)])[ \t]+")


def normalise(text: str) -> str:
    """Reduce text to its words: markup gone, all whitespace one space, case kept.

    Dashes and quotes are left alone on purpose: the sources mix ” and ", – and -,
    and the fixtures must keep them as written, so unifying them would hide errors.
    """
    # NFKC so that text read back from a PDF (ligatures, NBSP, composed ä) compares
    # equal to what was stored.
    text = unicodedata.normalize("NFKC", text).replace("\r\n", "\n")
    # Line-start markup first, while the line starts still exist.
    text = _TABLE_RULE.sub(" ", text)
    text = _HEADING.sub("", text)
    text = _BULLET.sub("", text)
    text = _NUMBERED.sub("", text)
    text = "\n".join(
        line.replace("|", " ") if line.lstrip().startswith("|") else line
        for line in text.split("\n")
    )
    # Inline tags sit inside sentences ("av <i>patientkontrakt</i> för"), so they vanish;
    # block tags separate words, so they become a space.
    text = _INLINE_TAG.sub("", text)
    text = _OTHER_TAG.sub(" ", text)
    text = _BACKSLASH_ESCAPE.sub(r"\1", text)
    text = text.replace("*", "")
    text = _UNDERSCORE_EMPHASIS.sub("", text)
    return _WHITESPACE.sub(" ", text).strip()


class Source(NamedTuple):
    """A source split into its header (date, department, handläggare, diarienummer)
    and its body (title onwards), each as normalised paragraphs."""

    header: list[str]
    body: list[str]


def _strip_label(line: str) -> str:
    stripped = line.strip()
    for label in SOURCE_LABELS:
        if stripped.startswith(label):
            return stripped[len(label) :]
    return line


def _blocks(text: str) -> list[list[str]]:
    # A line of only spaces counts as blank: seed 002 separates paragraphs that way.
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _units(block: list[str]) -> list[str]:
    """Split a block into table rows and list items; other lines are wrapped prose.

    A list item runs on over the following lines until the next marker, because seed
    002 wraps its "•" items at 80 characters.
    """
    units: list[list[str]] = []
    current: list[str] = []
    for line in block:
        if "\t" in line or line.lstrip().startswith("|"):
            if current:
                units.append(current)
            units.append([line])
            current = []
        elif _LIST_MARKER.match(line):
            if current:
                units.append(current)
            current = [line]
        else:
            current.append(line)
    if current:
        units.append(current)
    return ["\n".join(unit) for unit in units]


def _header_units(block: list[str]) -> list[str]:
    # Seed 003 prints the date on the department's line ("… avdelningen 2018-04-04");
    # the fixture stores them as two fields, so the date becomes its own unit.
    units: list[str] = []
    current: list[str] = []
    for line in block:
        line = _strip_label(line)
        if match := _TRAILING_DATE.match(line):
            current.append(match.group(1))
            units.extend(["\n".join(current), match.group(2)])
            current = []
        else:
            current.append(line)
    if current:
        units.append("\n".join(current))
    return units


def read_source(path: Path | str) -> Source:
    """The source as normalised paragraphs, header and body apart.

    The header is everything up to the first line that is nothing but a diarienummer;
    a source without one (seed 002) has no header. Header fields are checked for
    presence only, since the sources order them differently (seed 003 puts the
    department before the date) and the app prints them in one fixed order.
    """
    blocks = _blocks(Path(path).read_text(encoding="utf-8"))
    split = next(
        (
            i + 1
            for i, block in enumerate(blocks)
            if any(_DIARIENUMMER_LINE.match(line) for line in block)
        ),
        0,
    )
    header = [u for block in blocks[:split] for u in _header_units(block)]
    body = [u for block in blocks[split:] for u in _units(block)]
    return Source(
        header=[p for p in map(normalise, header) if p],
        body=[p for p in map(normalise, body) if p],
    )


def source_paragraphs(path: Path | str) -> list[str]:
    """Every normalised paragraph of the source, in file order.

    Paragraphs are blank-line separated; each table row and each list item is its own
    paragraph. Where a source splits one att-sats across a blank line (seed 002), the
    fragments are separate paragraphs and each must be found on its own.
    """
    source = read_source(path)
    return source.header + source.body


def missing_paragraphs(source_path: Path | str, stored_text: str) -> list[str]:
    """The normalised source paragraphs that do not occur in normalise(stored_text).

    "Tfn:" and "E-post:" (SOURCE_LABELS) are stripped from the source lines before
    comparing, because the fixtures store the values only.
    """
    haystack = normalise(stored_text)
    return [p for p in source_paragraphs(source_path) if p not in haystack]


def fixture_text(seed: dict) -> str:
    """One seed fixture flattened in document order, blank-line separated.

    The labels "I tjänsten" and "Utdrag till" are added when their lists are non-empty,
    as the printed memo shows them; everything else comes from the fixture.
    """
    ts = seed["tjansteskrivelse"]
    parts = [
        ts["datum"],
        ts["avdelning"],
        ts["handlaggare_namn"],
        ts["handlaggare_telefon"],
        ts["handlaggare_epost"],
        seed["diarienummer"],
        ts["titel"],
    ]
    for avsnitt in ts["avsnitt"]:
        parts += [avsnitt["rubrik"], avsnitt["text"]]
    parts += [ts["forslag_av"], ts["forslag_inledning"], *ts["attsatser"]]
    if ts["undertecknare"]:
        parts.append(LABEL_SIGNATORIES)
        for person in ts["undertecknare"]:
            parts += [person["namn"], person["titel"]]
    if ts["utdrag_till"]:
        parts += [LABEL_DISTRIBUTION, *ts["utdrag_till"]]
    return "\n\n".join(part for part in parts if part)


def first_out_of_order(needles: list[str], haystack: str) -> str | None:
    """The first needle not found after the previous one, or None when all are in order.

    Both sides are normalised, so raw Markdown, source text or PDF text can be passed.
    Earliest matches are taken, which finds an ordering whenever one exists.
    """
    hay = normalise(haystack)
    position = 0
    for needle in needles:
        found = hay.find(normalise(needle), position)
        if found < 0:
            return needle
        position = found + len(normalise(needle))
    return None


def in_order(needles: list[str], haystack: str) -> bool:
    """True when every needle occurs in haystack, each after the one before."""
    return first_out_of_order(needles, haystack) is None


def load_seed(index: int) -> dict:
    return json.loads((FIXTURE_DIR / f"{index:03d}.json").read_text(encoding="utf-8"))


def source_path(seed: dict) -> Path:
    return SOURCE_DIR / seed["kallfil"]
