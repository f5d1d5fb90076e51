"""Secrecy marks (OSL 5 kap 5 §) and what a reader may see of a marked handling.

A mark is a warning, not a decision: it names the provision, the date and the
authority, and we keep who set it. Hiding what a mark covers is our access policy;
`synliga` is where every page asks what one reader may see, and where every
opening of secret material is logged.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from arenden.models import Handling, Sekretessatkomst
from arenden.services import behorighet, historik, sok

# The provisions a region's registry marks most often; anything else is free text.
BESTAMMELSER = [
    ("OSL 21 kap 1 §", "OSL 21 kap 1 § – hälsa eller sexualliv"),
    ("OSL 21 kap 3 §", "OSL 21 kap 3 § – skyddad adress och identitet"),
    ("OSL 21 kap 7 §", "OSL 21 kap 7 § – personuppgifter i strid med dataskyddet"),
    ("OSL 25 kap 1 §", "OSL 25 kap 1 § – hälso- och sjukvård"),
    ("OSL 26 kap 1 §", "OSL 26 kap 1 § – socialtjänst"),
    ("OSL 18 kap 8 §", "OSL 18 kap 8 § – säkerhets- och bevakningsåtgärder"),
    ("OSL 19 kap 1 §", "OSL 19 kap 1 § – myndighetens affärsverksamhet"),
    ("OSL 19 kap 3 §", "OSL 19 kap 3 § – upphandling"),
    ("OSL 31 kap 16 §", "OSL 31 kap 16 § – enskildas affärsförhållanden"),
    ("OSL 39 kap 3 §", "OSL 39 kap 3 § – personaladministration"),
]

SEKRETESS_FALT = [
    "sekretess_bestammelse",
    "sekretess_datum",
    "sekretess_myndighet",
    "sekretess_satt_av",
    "sekretess_avsandare",
    "sekretess_beskrivning",
]


def markera(
    handling: Handling,
    *,
    anvandare,
    bestammelse: str,
    datum: datetime.date | None = None,
    myndighet: str,
    avsandare: bool = True,
    beskrivning: bool = True,
) -> Handling:
    """Set (or change) the mark on a handling, with the history and the search documents."""
    bestammelse = (bestammelse or "").strip()
    myndighet = (myndighet or "").strip()
    fel = {}
    if not bestammelse:
        fel["bestammelse"] = "Ange vilken bestämmelse i OSL markeringen avser."
    if not myndighet:
        fel["myndighet"] = "Ange vilken myndighet som satte markeringen."
    if fel:
        raise ValidationError(fel)
    return _andra(
        handling,
        anvandare=anvandare,
        handelse="sekretessmarkerades",
        sekretess_bestammelse=bestammelse[:200],
        sekretess_datum=datum or timezone.localdate(),
        sekretess_myndighet=myndighet[:200],
        sekretess_satt_av=anvandare if getattr(anvandare, "is_authenticated", False) else None,
        sekretess_avsandare=avsandare,
        sekretess_beskrivning=beskrivning,
    )


def hav(handling: Handling, *, anvandare) -> Handling:
    """Lift the mark. Only someone who may see the contents can judge that they may be shown."""
    if not handling.sekretessmarkerad:
        raise ValidationError("Handlingen är inte sekretessmarkerad.")
    return _andra(
        handling,
        anvandare=anvandare,
        handelse="fick sin sekretessmarkering hävd",
        sekretess_bestammelse="",
        sekretess_datum=None,
        sekretess_myndighet="",
        sekretess_satt_av=None,
        sekretess_avsandare=True,
        sekretess_beskrivning=True,
    )


def _andra(handling: Handling, *, anvandare, handelse: str, **varden) -> Handling:
    with transaction.atomic():
        handling = Handling.objects.select_for_update().select_related("arende").get(pk=handling.pk)
        fore = historik.ogonblicksbild(handling, SEKRETESS_FALT)
        for namn, varde in varden.items():
            setattr(handling, namn, varde)
        handling.save(update_fields=list(varden))
        efter = historik.ogonblicksbild(handling, SEKRETESS_FALT)
        if fore != efter:
            historik.logga(
                anvandare=anvandare,
                objekt=handling,
                arende=handling.arende,
                handelse=f"Handling {handling.beteckning} {handelse}",
                fore=fore,
                efter=efter,
            )
            sok.uppdatera(handling.arende)
    return handling


@dataclass
class Synlig:
    """One handling as one reader may see it: None where the mark hides a field."""

    handling: Handling
    avsandare_mottagare: str | None
    beskrivning: str | None
    fil_synlig: bool
    makulerad_orsak: str | None

    @property
    def dold(self) -> bool:
        """Something is hidden from this reader."""
        return self.avsandare_mottagare is None or self.beskrivning is None or not self.fil_synlig

    def __getattr__(self, namn):
        # Everything the mark does not cover (number, date, direction, the mark itself)
        # reads straight from the handling.
        handling = self.__dict__.get("handling")
        if handling is None or namn.startswith("__"):
            raise AttributeError(namn)
        return getattr(handling, namn)


def synliga(handlingar, lasare, *, vad: str) -> list[Synlig]:
    """What `lasare` may see of each handling; logs every secret one shown to them.

    `vad` says in the log what was opened ("visade ärendesidan").
    """
    resultat, atkomster = [], []
    for h in handlingar:
        if not h.sekretessmarkerad:
            resultat.append(
                Synlig(h, h.avsandare_mottagare, h.beskrivning, True, h.makulerad_orsak)
            )
            continue
        grund = behorighet.sekretessgrund(lasare, h)
        if grund is not None:
            resultat.append(
                Synlig(h, h.avsandare_mottagare, h.beskrivning, True, h.makulerad_orsak)
            )
            atkomster.append(Sekretessatkomst(anvandare=lasare, handling=h, vad=vad, grund=grund))
            continue
        resultat.append(
            Synlig(
                h,
                None if h.sekretess_avsandare else h.avsandare_mottagare,
                None if h.sekretess_beskrivning else h.beskrivning,
                False,
                # A reason for voiding may quote what the mark hides.
                None if h.sekretess_beskrivning else h.makulerad_orsak,
            )
        )
    if atkomster:
        Sekretessatkomst.objects.bulk_create(atkomster)
    return resultat


def logga_atkomst(lasare, handling: Handling, *, vad: str) -> bool:
    """Whether `lasare` may open this secret handling; logs the opening when they may."""
    grund = behorighet.sekretessgrund(lasare, handling)
    if grund is None:
        return False
    Sekretessatkomst.objects.create(anvandare=lasare, handling=handling, vad=vad, grund=grund)
    return True
