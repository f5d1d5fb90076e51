"""Comparing two versions of a tjänsteskrivelse: what politicians saw versus what changed.

Both versions are flattened to labelled lines of their Markdown source ("Titel: …",
"## Bakgrund", the body's lines, "Att-sats 2: …"), compared line by line with difflib,
and changed lines word by word, so a comma that moved is marked, not the whole
paragraph. The template shows the result side by side with <del>/<ins> and text
labels, never colour alone.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

_ORD = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)

_HUVUD = [
    ("titel", "Titel"),
    ("datum", "Datum"),
    ("avdelning", "Avdelning"),
    ("handlaggare_namn", "Handläggare"),
    ("handlaggare_telefon", "Tfn"),
    ("handlaggare_epost", "E-post"),
]


def rader(innehall: dict) -> list[str]:
    """The content as labelled lines, in document order."""
    ut: list[str] = []
    for falt, etikett in _HUVUD:
        ut.append(f"{etikett}: {innehall.get(falt) or ''}".rstrip())
    for avsnitt in innehall.get("avsnitt") or []:
        ut.append(f"## {avsnitt.get('rubrik') or ''}".rstrip())
        ut += [rad for rad in (avsnitt.get("text") or "").splitlines() if rad.strip()]
    if innehall.get("forslag_av") or innehall.get("attsatser"):
        ut.append(f"Förslag: {innehall.get('forslag_av') or ''}".rstrip())
    if innehall.get("forslag_inledning"):
        ut.append(f"Inledning: {innehall['forslag_inledning']}")
    for i, text in enumerate(innehall.get("attsatser") or [], start=1):
        forsta, *ovriga = [rad for rad in (text or "").splitlines() if rad.strip()] or [""]
        ut.append(f"Att-sats {i}: {forsta}".rstrip())
        ut += ovriga
    for person in innehall.get("undertecknare") or []:
        titel = f", {person['titel']}" if person.get("titel") else ""
        ut.append(f"I tjänsten: {person.get('namn') or ''}{titel}")
    for mottagare in innehall.get("utdrag_till") or []:
        ut.append(f"Utdrag till: {mottagare}")
    return ut


@dataclass(frozen=True)
class Bit:
    text: str
    andrad: bool = False


@dataclass
class Rad:
    """One row of the side-by-side view. `typ`: lika, andrad, tillagd, borttagen, utelamnad."""

    typ: str
    vanster: list[Bit] = field(default_factory=list)
    hoger: list[Bit] = field(default_factory=list)
    antal: int = 0  # for "utelamnad": how many unchanged lines are not shown

    @property
    def etikett(self) -> str:
        return {
            "andrad": "Ändrad",
            "tillagd": "Tillagd",
            "borttagen": "Borttagen",
        }.get(self.typ, "")


def _ordjamforelse(fore: str, efter: str) -> tuple[list[Bit], list[Bit]]:
    a, b = _ORD.findall(fore), _ORD.findall(efter)
    vanster: list[Bit] = []
    hoger: list[Bit] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            vanster.append(Bit("".join(a[i1:i2])))
            hoger.append(Bit("".join(b[j1:j2])))
            continue
        if i2 > i1:
            vanster.append(Bit("".join(a[i1:i2]), andrad=True))
        if j2 > j1:
            hoger.append(Bit("".join(b[j1:j2]), andrad=True))
    return vanster, hoger


def jamfor(fore: dict, efter: dict, *, sammanhang: int = 2) -> list[Rad]:
    """The rows of a side-by-side comparison; unchanged runs beyond `sammanhang` lines
    around a change are folded into one "utelamnad" row."""
    a, b = rader(fore), rader(efter)
    alla: list[Rad] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            alla += [Rad("lika", [Bit(rad)], [Bit(rad)]) for rad in a[i1:i2]]
        elif op == "delete":
            alla += [Rad("borttagen", [Bit(rad, True)], []) for rad in a[i1:i2]]
        elif op == "insert":
            alla += [Rad("tillagd", [], [Bit(rad, True)]) for rad in b[j1:j2]]
        else:
            gamla, nya = a[i1:i2], b[j1:j2]
            for k in range(max(len(gamla), len(nya))):
                if k < len(gamla) and k < len(nya):
                    vanster, hoger = _ordjamforelse(gamla[k], nya[k])
                    alla.append(Rad("andrad", vanster, hoger))
                elif k < len(gamla):
                    alla.append(Rad("borttagen", [Bit(gamla[k], True)], []))
                else:
                    alla.append(Rad("tillagd", [], [Bit(nya[k], True)]))
    return _vik(alla, sammanhang)


def _vik(alla: list[Rad], sammanhang: int) -> list[Rad]:
    andrade = [i for i, rad in enumerate(alla) if rad.typ != "lika"]
    synlig = set()
    for i in andrade:
        synlig.update(range(max(0, i - sammanhang), min(len(alla), i + sammanhang + 1)))
    ut: list[Rad] = []
    dolda = 0
    for i, rad in enumerate(alla):
        if i in synlig:
            if dolda:
                ut.append(Rad("utelamnad", antal=dolda))
                dolda = 0
            ut.append(rad)
        else:
            dolda += 1
    if dolda:
        ut.append(Rad("utelamnad", antal=dolda))
    return ut


def antal_andringar(rader_: list[Rad]) -> int:
    return sum(1 for rad in rader_ if rad.typ in ("andrad", "tillagd", "borttagen"))
