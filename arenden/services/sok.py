"""Search documents per case: one full, one public and masked.

What enters which document is decided here, once, for the domain functions
(`uppdatera`) and for bulk loaders (`texter` + `uppdatera_vektorer`) alike:

- Nothing a secrecy mark covers enters any document, so no search hit and no
  snippet can reveal it to anyone.
- Drafts of tjänsteskrivelser enter the full document under their own weight (D),
  so a reader without the right to see drafts searches with a query that only
  matches weights A–C (services.sokning) and never sees a draft's snippet.
- The public document holds the public title and what the public diary shows:
  no private persons' names, no voided or secret handlingar, personnummer masked.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchVector
from django.db import connection

from arenden.models import Arende, Sokdokument

PERSONNUMMER = re.compile(r"(?<!\d)(?:19|20)?(\d{2})(\d{2})(\d{2})[-+ ]?(\d{4})(?!\d)")
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

    `skrivelser` are (title, finished, plain texts) per tjänsteskrivelse.
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
        if not handling.makulerad:
            publik.append(handling.beskrivning)
            if not handling.avsandare_privatperson:
                publik.append(handling.avsandare_mottagare)
    utkast = []
    for titel, klar, delar in skrivelser:
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
    from arenden.markup import plain_text
    from arenden.models import Tjansteskrivelse

    for skrivelse in arende.tjansteskrivelser.prefetch_related("avsnitt", "attsatser"):
        delar = []
        for avsnitt in skrivelse.avsnitt.all():
            delar += [avsnitt.rubrik, plain_text(avsnitt.text)]
        delar.append(skrivelse.forslag_inledning)
        delar += [plain_text(attsats.text) for attsats in skrivelse.attsatser.all()]
        yield skrivelse.titel, skrivelse.status == Tjansteskrivelse.Status.KLAR, delar


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
