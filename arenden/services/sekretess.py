"""Secrecy marks (OSL 5 kap 5 §) and what a reader may see of a marked handling.

A mark is a warning, not a decision: it names the provision, the date and the
authority, and we keep who set it. Hiding what a mark covers is our access policy;
`synliga` is where every page asks what one reader may see, and where every
opening of secret material is logged.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
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
    """Set (or change) the mark on a handling, with the history and the search documents.

    Changing an existing mark can narrow what it hides, which releases it: like
    lifting, only someone who may see the contents may do that.
    """
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
        kontroll=_far_andra_markering,
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
        kontroll=_far_andra_markering,
        handelse="fick sin sekretessmarkering hävd",
        sekretess_bestammelse="",
        sekretess_datum=None,
        sekretess_myndighet="",
        sekretess_satt_av=None,
        sekretess_avsandare=True,
        sekretess_beskrivning=True,
    )


ANDRA_MARKERING_NEKAS = (
    "Handlingen är redan sekretessmarkerad. Bara den som har rätt att se "
    "sekretessmarkerade uppgifter kan ändra markeringen."
)


def far_andra_markering(handling: Handling, anvandare) -> bool:
    """Whether `anvandare` may set a mark on this handling as it now stands."""
    return not handling.sekretessmarkerad or behorighet.kan_se_sekretess(anvandare, handling)


def _far_andra_markering(handling: Handling, anvandare) -> None:
    if not far_andra_markering(handling, anvandare):
        raise PermissionDenied(ANDRA_MARKERING_NEKAS)


def _andra(handling: Handling, *, anvandare, handelse: str, kontroll=None, **varden) -> Handling:
    with transaction.atomic():
        handling = Handling.objects.select_for_update().select_related("arende").get(pk=handling.pk)
        # Who may act is read from the locked row, not from the caller's possibly old copy.
        if kontroll is not None:
            kontroll(handling, anvandare)
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
            # A tjänsteskrivelse registered here is searched under its own case.
            skrivelse = handling.tjansteskrivelse
            if skrivelse is not None and skrivelse.arende_id != handling.arende_id:
                sok.uppdatera(skrivelse.arende)
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


@dataclass
class SynligPost:
    """One history entry as one reader may see it.

    `dold` says why the before and after values are not shown ("" when they are);
    `handelse` is the event text, replaced when it could name what is hidden.
    """

    post: object
    handelse: str
    dold: str = ""

    def __getattr__(self, namn):
        post = self.__dict__.get("post")
        if post is None or namn.startswith("__"):
            raise AttributeError(namn)
        return getattr(post, namn)


HISTORIK_SEKRETESS = "Uppgifterna omfattas av en sekretessmarkering och visas inte."
HISTORIK_UTKAST = "Tjänsteskrivelsens text visas för den som får se utkast."
# A draft's title may say what it proposes; a secret one's what the mark covers.
HANDELSE_UTKAST = "Händelse i en tjänsteskrivelse som inte är klar"
HANDELSE_SEKRETESS = "Händelse i en sekretessmarkerad tjänsteskrivelse"


def synlig_historik(arende, poster, synliga_handlingar: list[Synlig], lasare) -> list[SynligPost]:
    """What `lasare` may see of a case's history.

    The history keeps full values (a saved draft's text, a handling's description
    before it was marked), so the case page filters them here: entries about a
    handling whose contents are hidden from the reader, or about a tjänsteskrivelse
    the reader may not read (a draft, or one registered as a secret handling), show
    who and when, not what. Without the right to see drafts the text of no
    tjänsteskrivelse's edits is shown: even a finished one's history holds its drafts.
    """
    from arenden.models import Tjansteskrivelse
    from arenden.services import tjansteskrivelser

    dolda_handlingar = {str(h.pk) for h in synliga_handlingar if h.dold}
    far_se_utkast = behorighet.kan_se_utkast(lasare)
    far_se_sekretess = behorighet.kan_se_sekretess(lasare)
    # Per tjänsteskrivelse: None if readable, else (replacement event text, why hidden).
    skrivelser = {}
    for s in tjansteskrivelser.med_sekretess(arende.tjansteskrivelser.all()):
        if tjansteskrivelser.far_se(s, lasare):
            skrivelser[str(s.pk)] = None
        elif s.hemlig_handling and not far_se_sekretess:
            skrivelser[str(s.pk)] = (HANDELSE_SEKRETESS, HISTORIK_SEKRETESS)
        else:
            skrivelser[str(s.pk)] = (HANDELSE_UTKAST, HISTORIK_UTKAST)
    resultat = []
    for post in poster:
        if post.objekt_typ == "handling" and post.objekt_id in dolda_handlingar:
            resultat.append(SynligPost(post, post.handelse, HISTORIK_SEKRETESS))
        elif post.objekt_typ == Tjansteskrivelse._meta.model_name:
            # One not among the case's own is treated as unreadable.
            dold = skrivelser.get(post.objekt_id, (HANDELSE_UTKAST, HISTORIK_UTKAST))
            if dold is not None:
                resultat.append(SynligPost(post, *dold))
            elif not far_se_utkast:
                resultat.append(SynligPost(post, post.handelse, HISTORIK_UTKAST))
            else:
                resultat.append(SynligPost(post, post.handelse))
        else:
            resultat.append(SynligPost(post, post.handelse))
    return resultat
