"""Finding cases: a diarienummer in any form the parser knows, or words, plus filters.

Words are matched with PostgreSQL full-text search (the `swedish` configuration, so
"primärvården" finds "primärvård") against the search documents of services.sok and
ranked, heading matches first. On SQLite every word must occur in the text.
The internal list and the public diary use the same function; `publik` picks the
public, masked document.
"""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q, QuerySet, TextField, Value
from django.db.models.functions import Collate, Concat

from arenden.diarienummer import parse
from arenden.models import Arende, Diarium, Handling, Sokdokument
from arenden.services import behorighet
from arenden.services.sok import KONFIGURATION, SKRIVELSE_UTKAST_VIKT

# A search box is not a document: past this many words the rest adds nothing.
MAX_ORD = 16
# Letters and digits only: no tsquery operator, quote or backslash reaches the database
# as syntax, whatever the user typed.
_ORD = re.compile(r"[^\W_]+")
# The stemmer makes little of one or two letters, and a prefix that short matches
# half the register.
MIN_PREFIX = 3

# "" is the default: best match first for words, newest first otherwise.
ORDNINGAR = {
    "": "Bäst träff först",
    "nyast": "Nyast först",
    "aldst": "Äldst först",
    "titel": "Titel A–Ö",
}


@dataclass(frozen=True)
class Filter:
    diarium: Diarium | None = None
    ar: int | None = None
    status: str = ""
    typ: str = ""
    handlaggare: object = None
    organ: object = None

    def villkor(self) -> Q:
        villkor = Q()
        if self.diarium is not None:
            villkor &= Q(diarium=self.diarium)
        if self.ar:
            villkor &= Q(ar=self.ar)
        if self.status:
            villkor &= Q(status=self.status)
        if self.typ:
            villkor &= Q(typ=self.typ)
        if self.handlaggare is not None:
            villkor &= Q(handlaggare=self.handlaggare)
        if self.organ is not None:
            villkor &= Q(organ=self.organ)
        return villkor


@dataclass
class Tolkning:
    """What the query was read as: diarienummer, words, or nothing."""

    q: str
    nummer: list = field(default_factory=list)
    ord: list[str] = field(default_factory=list)

    @property
    def fritext(self) -> bool:
        return bool(self.ord)


def tolka(q: str) -> Tolkning:
    q = (q or "").strip()
    if not q:
        return Tolkning(q)
    nummer = parse(q, prefixes=list(Diarium.objects.values_list("prefix", flat=True)))
    if nummer:
        return Tolkning(q, nummer=nummer)
    return Tolkning(q, ord=_ORD.findall(q.casefold())[:MAX_ORD])


@dataclass
class Traffar:
    """What a search found: the cases in order, and how many to page through."""

    arenden: QuerySet
    antal: int
    # More than MAX_TRAFFAR matched: only the newest MAX_TRAFFAR are listed.
    fler: bool = False
    # Cases found by what a secrecy mark covers (see _hemliga); only for a reader who may
    # see it, and the list says so rather than showing the words.
    hemliga: frozenset = frozenset()


# More word matches than this are neither counted nor ranked: refine the search instead.
MAX_TRAFFAR = 1000


def sok(
    q: str,
    *,
    publik: bool,
    lasare=None,
    filter: Filter | None = None,
    ordning: str = "",
) -> Traffar:
    """Cases matching q and the filter, in the order asked for.

    `publik` searches only what the public diary may show; otherwise `lasare` decides
    whether drafts count. Lists and diarienummer searches are counted exactly; a word
    search counts at most MAX_TRAFFAR + 1 matches, and ranked by relevance (PostgreSQL)
    it ranks the newest MAX_TRAFFAR matches, so neither reads the whole register.
    """
    arenden = Arende.objects.all()
    filtrerat = filter is not None and bool(filter.villkor())
    if filtrerat:
        arenden = arenden.filter(filter.villkor())
    tolkning = tolka(q)
    if tolkning.nummer:
        villkor = Q()
        for nr in tolkning.nummer:
            if nr.prefix:
                villkor |= Q(diarienummer=str(nr))
            else:
                villkor |= Q(lopnummer=nr.lopnummer, ar=nr.ar)
        arenden = arenden.filter(villkor)
        return Traffar(_ordna(arenden, ordning), arenden.count())
    if tolkning.q and not tolkning.ord:
        # Only punctuation: nothing can match.
        return Traffar(arenden.none(), 0)
    if not tolkning.ord:
        return Traffar(_ordna(arenden, ordning), arenden.count())
    utkast = _utkast(publik, lasare)
    hemliga = [] if publik else _hemliga(arenden, tolkning.ord, lasare)
    if not _postgres():
        villkor = _textvillkor(tolkning.ord, publik=publik, utkast=utkast)
        arenden = arenden.filter(villkor | Q(pk__in=hemliga) if hemliga else villkor)
        return _begransade(_ordna(arenden, ordning), hemliga)
    falt = "publik_sv" if publik else "full_sv"
    fraga = _tsquery(tolkning.ord, utkast=utkast)
    if ordning not in ("", "relevans"):
        villkor = Q(**{f"sokdokument__{falt}": fraga})
        arenden = arenden.filter(villkor | Q(pk__in=hemliga) if hemliga else villkor)
        return _begransade(_ordna(arenden, ordning), hemliga)
    # Ranking reads every matching vector, and a common word is in a third of the
    # register. So the candidates are the newest matches, found by walking the register
    # backwards (ids follow registration), and only they are ranked.
    if filtrerat:
        kandidater = arenden.filter(**{f"sokdokument__{falt}": fraga}).order_by("-pk")
        kandidater = kandidater.values_list("pk", flat=True)
    else:
        kandidater = Sokdokument.objects.filter(**{falt: fraga}).order_by("-arende_id")
        kandidater = kandidater.values_list("arende_id", flat=True)
    pk = list(kandidater[: MAX_TRAFFAR + 1])
    # Secret matches first in the list of candidates, so a full page of word matches
    # cannot push them out; they rank last, having no words in the document.
    redan = set(pk)
    pk = [p for p in hemliga if p not in redan] + pk
    rangordnade = (
        Arende.objects.filter(pk__in=pk[:MAX_TRAFFAR])
        .annotate(rang=SearchRank(F(f"sokdokument__{falt}"), fraga))
        .order_by("-rang", "-ar", "-lopnummer")
    )
    return Traffar(
        rangordnade, min(len(pk), MAX_TRAFFAR), len(pk) > MAX_TRAFFAR, frozenset(hemliga)
    )


def _begransade(arenden: QuerySet, hemliga=()) -> Traffar:
    antal = arenden.order_by().values("pk")[: MAX_TRAFFAR + 1].count()
    if antal > MAX_TRAFFAR:
        return Traffar(arenden[:MAX_TRAFFAR], MAX_TRAFFAR, True, frozenset(hemliga))
    return Traffar(arenden, antal, hemliga=frozenset(hemliga))


def _hemliga(arenden: QuerySet, ord_: list[str], lasare) -> list[int]:
    """The cases (newest first) with a secret-marked handling whose description or
    sender/recipient holds every word, for a reader granted the right to see secret
    material; [] for anyone else.

    The search documents leave out what a mark covers, for everyone (services.sok), so
    these fields are searched directly: plain substrings, no Swedish word forms. Secret
    handlingar are few, and the reader's list shows no content of them (only that the
    match was there), so nothing is opened and nothing is logged; opening the case is.
    """
    # Without a handling, only the right granted per user answers yes (not a member's
    # right to the underlag on their own agenda, which is per handling).
    if lasare is None or not behorighet.kan_se_sekretess(lasare):
        return []
    villkor = Q()
    for o in ord_:
        if _postgres():
            villkor &= Q(beskrivning__icontains=o) | Q(avsandare_mottagare__icontains=o)
        else:
            villkor &= _nagot_falt(["beskrivning", "avsandare_mottagare"], o, relation="")
    traffade = Handling.objects.exclude(sekretess_bestammelse="").filter(villkor)
    arenden = arenden.filter(pk__in=traffade.values("arende_id")).order_by("-pk")
    return list(arenden.values_list("pk", flat=True)[:MAX_TRAFFAR])


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _utkast(publik: bool, lasare) -> bool:
    return not publik and lasare is not None and behorighet.kan_se_utkast(lasare)


def _tsquery(ord_: list[str], *, utkast: bool) -> SearchQuery:
    # Every word must match; the last is a prefix as well, so results follow the typing.
    # Without the right to see drafts, only weights A-C match (sok.py puts drafts in D).
    vikter = "" if utkast else "ABCD".replace(SKRIVELSE_UTKAST_VIKT, "")
    delar = []
    for i, o in enumerate(ord_):
        prefix = "*" if i == len(ord_) - 1 and len(o) >= MIN_PREFIX else ""
        flaggor = prefix + vikter
        delar.append(f"'{o}'" + (f":{flaggor}" if flaggor else ""))
    return SearchQuery(" & ".join(delar), search_type="raw", config=KONFIGURATION)


def _textvillkor(ord_: list[str], *, publik: bool, utkast: bool) -> Q:
    falt = ["publik_rubrik", "publiktext"] if publik else ["rubrik", "fulltext"]
    if utkast:
        falt.append("utkasttext")
    villkor = Q()
    for o in ord_:
        villkor &= _nagot_falt(falt, o)
    return villkor


def _nagot_falt(falt: list[str], ord_: str, relation: str = "sokdokument__") -> Q:
    # SQLite folds case for ASCII only: "översyn" must also find "Översyn" and "ÖVERSYN".
    villkor = Q()
    for namn in falt:
        for form in {ord_, ord_.capitalize(), ord_.upper()}:
            villkor |= Q(**{f"{relation}{namn}__icontains": form})
    return villkor


def _ordna(arenden: QuerySet, ordning: str) -> QuerySet:
    if ordning == "aldst":
        return arenden.order_by("ar", "lopnummer")
    if ordning == "titel":
        titel = Collate("titel", "sv-x-icu") if _postgres() else F("titel")
        return arenden.order_by(titel, "-ar", "-lopnummer")
    return arenden.order_by("-ar", "-lopnummer")


def snuttar(arenden: list[Arende], q: str, *, publik: bool, lasare=None) -> dict[int, list]:
    """Where the words were found, per case on the page: [(text, is_match), ...].

    Built from the same documents the search reads, so a snippet can only show what
    the reader could have matched: never a secret field, a draft for a reader without
    the right, or (in public) anything the public document leaves out.
    """
    tolkning = tolka(q)
    if not tolkning.ord or not arenden:
        return {}
    utkast = _utkast(publik, lasare)
    falt = "publiktext" if publik else "fulltext"
    dokument = Sokdokument.objects.filter(arende__in=[a.pk for a in arenden])
    if _postgres():
        start, stopp = "\x02", "\x03"
        text = F(falt)
        if utkast:
            text = Concat(F(falt), Value("\n"), F("utkasttext"), output_field=TextField())
        rader = dokument.annotate(
            snutt=SearchHeadline(
                text,
                _tsquery(tolkning.ord, utkast=True),
                config=KONFIGURATION,
                start_sel=start,
                stop_sel=stopp,
                max_words=18,
                min_words=8,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        ).values_list("arende_id", "snutt")
        return {pk: _delar(snutt, start, stopp) for pk, snutt in rader if start in (snutt or "")}
    falten = [falt, "utkasttext"] if utkast else [falt]
    resultat = {}
    for pk, *texter in dokument.values_list("arende_id", *falten):
        snutt = _enkel_snutt("\n".join(texter), tolkning.ord)
        if snutt:
            resultat[pk] = snutt
    return resultat


def _delar(snutt: str, start: str, stopp: str) -> list[tuple[str, bool]]:
    delar = []
    for bit in re.split(f"({start}[^{stopp}]*{stopp})", snutt):
        if not bit:
            continue
        if bit.startswith(start):
            delar.append((bit[1:-1], True))
        else:
            delar.append((bit, False))
    return delar


def _enkel_snutt(text: str, ord_: list[str], bredd: int = 60) -> list[tuple[str, bool]]:
    lagre = text.casefold()
    for o in ord_:
        i = lagre.find(o)
        if i >= 0:
            borja = max(0, i - bredd)
            slut = min(len(text), i + len(o) + bredd)
            fore = ("…" if borja else "") + text[borja:i]
            efter = text[i + len(o) : slut] + ("…" if slut < len(text) else "")
            return [(fore, False), (text[i : i + len(o)], True), (efter, False)]
    return []
