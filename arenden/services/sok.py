"""Search documents per case: one full, one public and masked.

What enters which document is decided here, once, for the domain functions
(`uppdatera`) and for bulk loaders (`texter` + `uppdatera_vektorer`) alike:

- Nothing a secrecy mark covers enters any document, so no search hit and no
  snippet can reveal it to anyone; that includes a tjänsteskrivelse registered as a
  secret-marked handling.
- Drafts of tjänsteskrivelser enter the full document under their own weight (D),
  so a reader without the right to see drafts searches with a query that only
  matches weights A–C (services.sokning) and never sees a draft's snippet.
- The public document holds the public title and what the public diary shows:
  no private persons' names (nor the descriptions of their handlingar), no voided or
  secret handlingar, personnummer masked.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchVector
from django.db import connection

from arenden.models import Arende, Sokdokument

# A personnummer as people write it: 790101-1234, 19790101-1234, 790101 1234,
# 790101–1234 (a dash from Word), 19790101 - 1234, 1979 01 01-1234; the day may be a
# samordningsnummer's (+60). Month and day must be possible, and a slash on either side
# means a diarienummer (RS/1450/2017), so numbers, dates and the seeds' phone numbers
# (063-14 75 00) are left alone.
_MELLANRUM = "[ \u00a0]"
_STRECK = "[-+\u2010\u2011\u2012\u2013\u2014\u2212]"
PERSONNUMMER = re.compile(
    r"(?<![\d/])"
    rf"(?:19|20)?\d{{2}}{_MELLANRUM}?"
    rf"(?:0[1-9]|1[0-2]){_MELLANRUM}?"
    r"(?:0[1-9]|[12]\d|3[01]|[6-8]\d|9[01])"
    rf"(?:{_MELLANRUM}*{_STRECK}{_MELLANRUM}*|{_MELLANRUM}?)"
    r"\d{4}(?![\d/])"
)
KONFIGURATION = "swedish"


def maskera_personnummer(text: str) -> str:
    """Anything that looks like a personnummer is masked on public pages."""
    return PERSONNUMMER.sub("ÅÅMMDD-XXXX", text or "")


@dataclass(frozen=True)
class Texter:
    rubrik: str
    fulltext: str
    utkasttext: str
    publik_rubrik: str
    publiktext: str


def _rad(delar: Iterable[str]) -> str:
    return "\n".join(filter(None, delar))


def texter(
    arende: Arende,
    handlingar: Iterable,
    skrivelser: Iterable[tuple[str, bool, list[str]]] = (),
) -> Texter:
    """The texts of one case's search documents. Pure: reads only what it is given.

    `skrivelser` are (title, finished, plain texts[, secret]) per tjänsteskrivelse;
    secret means it is registered as a secret-marked handling, and then none of it
    enters any document, like the handling itself.
    """
    # The bare löpnummer too, so "1450" finds RS/1450/2017 as a word.
    rubrik = [arende.diarienummer, str(arende.lopnummer), arende.titel]
    if arende.publik_titel != arende.titel:
        rubrik.append(arende.publik_titel)
    full, publik = [], []
    for handling in handlingar:
        if handling.sekretessmarkerad:
            if not handling.sekretess_beskrivning:
                full.append(handling.beskrivning)
            if not handling.sekretess_avsandare:
                full.append(handling.avsandare_mottagare)
            # OSL 5 kap 2 §: the public diary shows only date and number of a secret one.
            continue
        full += [handling.beskrivning, handling.avsandare_mottagare]
        # A private person's handling is often described by their name ("Klagomål
        # från Kalle Karlsson"), so its description stays off the web as the name does.
        if not handling.makulerad and not handling.avsandare_privatperson:
            publik += [handling.beskrivning, handling.avsandare_mottagare]
    utkast = []
    for titel, klar, delar, *hemlig in skrivelser:
        if hemlig and hemlig[0]:
            continue
        mal = full if klar else utkast
        mal.append(titel)
        mal += delar
    return Texter(
        rubrik=_rad(rubrik),
        fulltext=_rad(full),
        utkasttext=_rad(utkast),
        publik_rubrik=maskera_personnummer(
            _rad([arende.diarienummer, str(arende.lopnummer), arende.publik_titel])
        ),
        publiktext=maskera_personnummer(_rad(publik)),
    )


def _skrivelser(arende: Arende):
    from django.db.models import Exists, OuterRef

    from arenden.markup import plain_text
    from arenden.models import Handling, Tjansteskrivelse

    hemlig = Handling.objects.filter(tjansteskrivelse=OuterRef("pk")).exclude(
        sekretess_bestammelse=""
    )
    skrivelser = arende.tjansteskrivelser.annotate(hemlig=Exists(hemlig))
    for skrivelse in skrivelser.prefetch_related("avsnitt", "attsatser"):
        if skrivelse.hemlig:
            yield skrivelse.titel, skrivelse.status == Tjansteskrivelse.Status.KLAR, [], True
            continue
        delar = []
        for avsnitt in skrivelse.avsnitt.all():
            delar += [avsnitt.rubrik, plain_text(avsnitt.text)]
        delar.append(skrivelse.forslag_inledning)
        delar += [plain_text(attsats.text) for attsats in skrivelse.attsatser.all()]
        yield skrivelse.titel, skrivelse.status == Tjansteskrivelse.Status.KLAR, delar, False


def uppdatera(arende: Arende) -> Sokdokument:
    """Rebuild one case's documents; every domain function that changes a case calls this."""
    t = texter(arende, arende.handlingar.all(), _skrivelser(arende))
    dokument, _ = Sokdokument.objects.update_or_create(
        arende=arende,
        defaults={
            "rubrik": t.rubrik,
            "fulltext": t.fulltext,
            "utkasttext": t.utkasttext,
            "publik_rubrik": t.publik_rubrik,
            "publiktext": t.publiktext,
        },
    )
    uppdatera_vektorer(Sokdokument.objects.filter(pk=dokument.pk))
    return dokument


def uppdatera_vektorer(dokument) -> int:
    """Recompute the vectors of a queryset of documents from their text, in the database.

    One UPDATE for any number of rows, so a bulk loader calls it per batch. No-op on
    databases without full-text search.
    """
    if connection.vendor != "postgresql":
        return 0
    return dokument.update(
        full_sv=_vektor("rubrik", "A")
        + _vektor("fulltext", "B")
        + _vektor("utkasttext", SKRIVELSE_UTKAST_VIKT),
        publik_sv=_vektor("publik_rubrik", "A") + _vektor("publiktext", "B"),
    )


# Weight of draft text in the full vector; readers without the right to see drafts
# search only weights A–C.
SKRIVELSE_UTKAST_VIKT = "D"


def _vektor(falt: str, vikt: str):
    return SearchVector(falt, config=KONFIGURATION, weight=vikt)
