"""The one parser of diarienummer (and the other references running text makes).

A diarienummer is prefix/löpnummer/år: "RS/1450/2017". People write it in many ways
("RS 1450/2017", "RS1450/2017", "rs-1450-2017", "Dnr 4468-2017", "RS/1450/17"), so every
place that reads one (the search box, URLs, reference linking in texts) goes through
this module. Pure Python on purpose: the model layer, the markup function and scripts
all use it, and it must not need Django settings.

Two entry points with different tempers:

- `parse()` reads a string that *is* meant to be a diarienummer (a search query) and
  is generous: any case, optional separators, two-digit years, a "dnr" label. Where the
  text allows several readings it returns all of them, most likely first, and lets the
  caller look each one up.
- `find()` scans running text and is strict, because a false link in a decision text
  is worse than a missing one: prefixes must be written in capitals, a prefix-less
  number only counts after a "dnr"/"diarienummer" label, and a match must not touch
  the letters, digits, slashes or dashes of a larger token ("2021-02-26", "2020/21",
  "063-14 75 00").

Both only use regexes whose quantifiers are bounded and whose alternatives cannot
overlap in how they consume a run of characters, so run time is linear in the input:
a pasted 100 000-character body or a hostile query cannot make them backtrack
catastrophically. `parse()` also refuses anything longer than `MAX_QUERY_CHARS`
outright, since no diarienummer is that long.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "MAX_QUERY_CHARS",
    "MIN_YEAR",
    "MAX_YEAR",
    "PREFIX_RE",
    "Diarienummer",
    "Reference",
    "find",
    "parse",
    "parse_slug",
]

# Longer than any way of writing a diarienummer, with room for a "diarienummer:" label
# and stray whitespace.
MAX_QUERY_CHARS = 64
MIN_YEAR = 1900
MAX_YEAR = 2100

# What the parser can read back as a prefix: letters, optionally ending in up to two
# digits ("RS", "HSN", "RS1"). The Diarium model is wise to validate against it, since
# a prefix the parser cannot read can never be searched for or linked.
PREFIX_RE = re.compile(r"[A-ZÅÄÖ]{1,8}[0-9]{0,2}")

# Words people put in front of a number that are labels, not diarium prefixes.
_LABELS = frozenset({"DNR", "DIARIENR", "DIARIENUMMER", "NR", "ÄRENDE", "ÄRENDENR"})

_LABEL_RE = re.compile(r"(?:dnr|diarienr|diarienummer)\.?:?\s*(?=[0-9A-ZÅÄÖ])", re.I)

# The body of a query once any label is gone. Groups:
#   letters  the alphabetic part of a prefix
#   sep1     separator between letters and the first digit run (may be empty)
#   digits   first digit run: the löpnummer, or prefix digits + löpnummer when glued
#   sep1b    separator after prefix digits, present only for "RS1 12/2019" / "RS1/12/2019"
#   nr       the löpnummer in that case
#   year     two or four digits
_QUERY_RE = re.compile(
    r"""
    (?:(?P<letters>[A-ZÅÄÖ]{1,8})(?P<sep1>\s*[/-]\s*|\s+)?)?
    (?P<digits>[0-9]{1,10})
    (?:(?P<sep1b>\s*[/-]\s*|\s+)(?P<nr>[0-9]{1,10}))?
    \s*[/-]\s*
    (?P<year>[0-9]{4}|[0-9]{2})
    """,
    re.I | re.X,
)

_SLUG_RE = re.compile(
    r"(?:(?P<prefix>[A-ZÅÄÖ]{1,8}[0-9]{0,2})-)?(?P<nr>[0-9]{1,10})-(?P<year>[0-9]{4})", re.I
)


@dataclass(frozen=True, order=True)
class Diarienummer:
    """prefix/löpnummer/år.

    Ordering is register order, (prefix, år, löpnummer), so RS/2/2017 sorts before
    RS/1/2018 and a prefix-less number sorts first; comparing the declared fields in
    turn would put år after löpnummer and would fail on prefix None vs a string.
    """

    _sort_key: tuple[str, int, int] = field(init=False, repr=False)
    prefix: str | None
    lopnummer: int
    ar: int

    def __post_init__(self) -> None:
        prefix = self.prefix
        if prefix is not None:
            prefix = prefix.strip().upper()
            # "/" and "-" are the separators of the written form and of the slug.
            if not prefix or any(c in prefix for c in "/-") or any(c.isspace() for c in prefix):
                raise ValueError(f"Ogiltigt diarieprefix: {self.prefix!r}")
            object.__setattr__(self, "prefix", prefix)
        if isinstance(self.lopnummer, bool) or not isinstance(self.lopnummer, int):
            raise TypeError("lopnummer must be an int")
        if isinstance(self.ar, bool) or not isinstance(self.ar, int):
            raise TypeError("ar must be an int")
        if self.lopnummer < 1:
            raise ValueError(f"Löpnumret måste vara minst 1, inte {self.lopnummer}.")
        if not MIN_YEAR <= self.ar <= MAX_YEAR:
            raise ValueError(f"Årtalet {self.ar} ligger utanför {MIN_YEAR}–{MAX_YEAR}.")
        object.__setattr__(self, "_sort_key", (prefix or "", self.ar, self.lopnummer))

    def __str__(self) -> str:
        if self.prefix is None:
            return f"{self.lopnummer}/{self.ar}"
        return f"{self.prefix}/{self.lopnummer}/{self.ar}"

    @property
    def slug(self) -> str:
        """The URL form: "RS-1450-2017" (/arenden/RS-1450-2017/)."""
        return str(self).replace("/", "-")


RefKind = Literal["diarienummer", "paragraf", "forfattning", "utredning"]


@dataclass(frozen=True)
class Reference:
    """A reference found in running text; text[start:end] == self.text.

    value by kind:
      "diarienummer"  Diarienummer
      "paragraf"      (paragraf: int, Diarienummer), from "§ 130 (RS/554/2019)"
      "forfattning"   SFS number as a string, "1993:1652"
      "utredning"     normalised designation, "SOU 2020:19", "Ds 2019:3", "Prop. 2019/20:1"
    """

    start: int
    end: int
    kind: RefKind
    text: str
    value: object


def _known_prefixes(prefixes: Iterable[str] | None) -> list[str] | None:
    # Prefixes the parser could never read back are dropped rather than raising, so a
    # badly named diarium makes its own numbers unsearchable but not the whole search.
    if prefixes is None:
        return None
    seen: dict[str, None] = {}
    for p in prefixes:
        p = (p or "").strip().upper()
        if PREFIX_RE.fullmatch(p):
            seen.setdefault(p, None)
    return list(seen)


def _year(text: str) -> int | None:
    # Two-digit years are 20xx. The region's digital diarium starts decades after
    # 1999, so "RS/1450/17" is always 2017, never 1917; "RS/1/99" is 2099, which is
    # in range but simply won't exist.
    year = int(text)
    if len(text) == 2:
        year += 2000
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def _make(prefix: str | None, nr: str, year: int) -> Diarienummer | None:
    lopnummer = int(nr)
    if lopnummer < 1:
        return None
    return Diarienummer(prefix, lopnummer, year)


def parse(text: str, prefixes: Iterable[str] | None = None) -> list[Diarienummer]:
    """Every reading of `text` as one diarienummer, most likely first; [] if none.

    The whole string (surrounding whitespace aside) must be a diarienummer, with an
    optional "dnr"/"diarienummer" label: "RS/1450/2017", "RS 1450/2017", "RS-1450-2017",
    "rs/1450/2017", "RS1450/2017", "Dnr 4468-2017", "1450/2017", "RS/1450/17". The
    prefix comes back upper-case.

    `prefixes` are the diaria that exist, in order of preference. Without them any
    prefix of letters (optionally followed by up to two digits) is accepted. With them:

    - an explicit prefix must be one of them, otherwise there is no reading;
    - a number without prefix ("1450/2017") reads as each known prefix in the given
      order, then as the prefix-less number (which the caller may match on löpnummer
      and år alone);
    - a prefix glued to its number ("RS12/2019") reads first with the prefix as its
      letters only (RS/12/2019), then as every known prefix that also swallows leading
      digits (RS1/2/2019 when "RS1" is known).

    Two-digit years mean 20xx; years must fall in 1900–2100 and löpnummer be ≥ 1.
    """
    if not isinstance(text, str) or len(text) > MAX_QUERY_CHARS:
        return []
    body = text.strip()
    label = _LABEL_RE.match(body)
    if label:
        body = body[label.end() :]
    m = _QUERY_RE.fullmatch(body)
    if not m:
        return []
    year = _year(m["year"])
    if year is None:
        return []
    known = _known_prefixes(prefixes)
    letters = (m["letters"] or "").upper()
    digits = m["digits"]

    candidates: list[tuple[str | None, str]] = []
    if m["nr"] is not None:
        # "RS1 12/2019": the first digit run belongs to the prefix, which is only
        # possible when it was glued to the letters.
        if not letters or m["sep1"]:
            return []
        candidates.append((letters + digits, m["nr"]))
    elif not letters:
        if known:
            candidates.extend((p, digits) for p in known)
        candidates.append((None, digits))
    else:
        candidates.append((letters, digits))
        if not m["sep1"]:
            # Glued: leading digits may belong to a prefix such as "RS1".
            for cut in range(1, min(len(digits) - 1, 2) + 1):
                candidates.append((letters + digits[:cut], digits[cut:]))

    readings: list[Diarienummer] = []
    for prefix, nr in candidates:
        if prefix is not None:
            if prefix in _LABELS or not PREFIX_RE.fullmatch(prefix):
                continue
            if known is not None and prefix not in known:
                continue
            if known is None and prefix != letters and m["nr"] is None:
                # Without a list of diaria, "RS12/2019" is RS/12/2019; guessing at
                # prefixes that end in digits would only add noise.
                continue
        dnr = _make(prefix, nr, year)
        if dnr is not None and dnr not in readings:
            readings.append(dnr)
    return readings


def parse_slug(slug: str) -> Diarienummer | None:
    """The diarienummer a URL slug names ("RS-1450-2017"), or None.

    Case-insensitive and tolerant of leading zeros, so a view that wants one canonical
    URL should redirect when `slug != result.slug`.
    """
    if not isinstance(slug, str) or len(slug) > MAX_QUERY_CHARS:
        return None
    m = _SLUG_RE.fullmatch(slug)
    if not m:
        return None
    prefix = m["prefix"].upper() if m["prefix"] else None
    year = int(m["year"])
    if not MIN_YEAR <= year <= MAX_YEAR or int(m["nr"]) < 1:
        return None
    return Diarienummer(prefix, int(m["nr"]), year)


# --- running text --------------------------------------------------------------------

# Not glued to a larger token on the left...
_LB = r"(?<![\w/-])"
# ...nor on the right. A following ":3" is allowed ("RS/554/2019:3" names handling 3
# of the case, and linking the case is right); ".5" or ",5" would make it a number.
_RB = r"(?![\w/-]|[.,][0-9])"
_SP = r"[ \u00a0]"  # a space as typed, or the no-break space Word puts after "§"


def _dnr_pattern(tag: str) -> str:
    # Capital prefixes only: running text is full of words followed by numbers.
    prefix = r"[A-ZÅÄÖ]{1,8}"
    return (
        rf"(?:(?i:dnr|diarienr|diarienummer)\.?:?{_SP}?"
        rf"(?P<l{tag}>(?:{prefix}[0-9]{{0,2}}(?:/|-|{_SP})?)?[0-9]{{1,10}}[/-][0-9]{{4}})"
        rf"|(?P<u{tag}>{prefix}[0-9]{{0,2}}/[0-9]{{1,10}}/(?:[0-9]{{4}}|[0-9]{{2}})"
        rf"|{prefix}{_SP}?[0-9]{{1,10}}/[0-9]{{4}}))"
    )


_DNR_RE = re.compile(_LB + _dnr_pattern("") + _RB)
_PARAGRAF_RE = re.compile(
    rf"(?<![\w§])§{_SP}?(?P<par>[0-9]{{1,4}}),?{_SP}?\({_SP}?" + _dnr_pattern("p") + rf"{_SP}?\)"
)
_FORFATTNING_RE = re.compile(
    # "Lag (1993:1652)", "Kommunallagen (2017:725)", "förordning (2001:100)",
    # "lag 1930:173", "SFS 2009:400".
    rf"(?<![\w-])(?:(?P<name>\w{{0,40}}?(?:lag|lagen|förordning|förordningen|balk|balken))"
    rf"{_SP}?(?:\((?P<a>[0-9]{{4}}:[0-9]{{1,4}})\)|(?P<b>[0-9]{{4}}:[0-9]{{1,4}})(?![\w:]))"
    rf"|SFS{_SP}?(?P<c>[0-9]{{4}}:[0-9]{{1,4}})(?![\w:]))",
    re.I,
)
_UTREDNING_RE = re.compile(
    rf"(?<![\w.])(?P<series>SOU|Ds|DS|[Pp]rop\.|[Dd]ir\.){_SP}?"
    rf"(?P<num>[0-9]{{4}}(?:/[0-9]{{2}})?:[0-9]{{1,4}})(?![\w:])"
)
_SERIES = {"sou": "SOU", "ds": "Ds", "prop.": "Prop.", "dir.": "Dir."}


def _reading(text: str, prefixes: list[str] | None) -> Diarienummer | None:
    readings = parse(text, prefixes)
    # In running text a bare number is only accepted after a "dnr" label; pointing it
    # at a guessed diarium would be a false link, so it keeps its prefix-less reading.
    if readings and readings[-1].prefix is None:
        return readings[-1]
    return readings[0] if readings else None


def find(text: str, prefixes: Iterable[str] | None = None) -> list[Reference]:
    """References in running text, in text order, never overlapping.

    Kinds: "diarienummer" ("RS/554/2019", "RS722/2019", "RS 1450/2017",
    "dnr RS/730/2017" — the label is not part of the match — and "Dnr 4468-2017"),
    "paragraf" ("§ 130 (RS/554/2019)", "§218 (RS722/2019)"), "forfattning"
    ("Lag (1993:1652)", "Kommunallagen (2017:725)", "SFS 2009:400") and "utredning"
    ("SOU 2020:19", "Ds 2019:3", "Prop. 2019/20:1", "Dir. 2020:5").

    Where candidates overlap the longest wins, so a paragraf reference swallows the
    diarienummer inside it. With `prefixes`, only those diaria are recognised.
    """
    if not text:
        return []
    known = _known_prefixes(prefixes)
    found: list[Reference] = []

    for m in _PARAGRAF_RE.finditer(text):
        dnr_text = m["lp"] or m["up"]
        dnr = _reading(dnr_text, known)
        par = int(m["par"])
        if dnr is not None and par >= 1:
            found.append(Reference(m.start(), m.end(), "paragraf", m[0], (par, dnr)))

    for m in _DNR_RE.finditer(text):
        group = "l" if m["l"] is not None else "u"
        dnr = _reading(m[group], known)
        if dnr is not None:
            start, end = m.span(group)
            found.append(Reference(start, end, "diarienummer", m[group], dnr))

    for m in _FORFATTNING_RE.finditer(text):
        sfs = m["a"] or m["b"] or m["c"]
        found.append(Reference(m.start(), m.end(), "forfattning", m[0], sfs))

    for m in _UTREDNING_RE.finditer(text):
        value = f"{_SERIES[m['series'].lower()]} {m['num']}"
        found.append(Reference(m.start(), m.end(), "utredning", m[0], value))

    # Longest first, then leftmost; keep what doesn't collide with something kept.
    # `kept` stays sorted and non-overlapping, so its neighbours decide a collision.
    found.sort(key=lambda r: (r.start - r.end, r.start))
    kept: list[Reference] = []
    starts: list[int] = []
    for ref in found:
        i = bisect.bisect_left(starts, ref.start)
        if i > 0 and kept[i - 1].end > ref.start:
            continue
        if i < len(kept) and kept[i].start < ref.end:
            continue
        kept.insert(i, ref)
        starts.insert(i, ref.start)
    return kept
