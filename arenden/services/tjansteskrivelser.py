"""Tjänsteskrivelser: their content as one document, drafting, versions and who sees what.

The review flow (utkast → granskning → klar) and registering a finished document are
in services.granskning.

Every change goes through a function here, which writes the history and updates the
case's search document; views, commands and other helpers (motions, meetings) call
them and never write the models directly.

The content of a document is a plain dict (`innehall()`): what a version freezes, a
working copy holds, the editor posts, a comparison reads and the PDF prints.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

from arenden.markup import MAX_BODY_CHARS, BodyTooLong
from arenden.models import (
    Arbetskopia,
    Attsats,
    Avsnitt,
    Beslut,
    Dagordningspunkt,
    Handling,
    Person,
    Sammantrade,
    Tjansteskrivelse,
    TjansteskrivelseVersion,
    Undertecknare,
    UtdragMottagare,
)
from arenden.services import behorighet, historik, sekretess, sok

HUVUDFALT = [
    "titel",
    "datum",
    "avdelning",
    "handlaggare_namn",
    "handlaggare_telefon",
    "handlaggare_epost",
    "saknas_i_kallan",
    "forslag_av",
    "forslag_inledning",
    "status",
]

# The header and förslag fields an official edits, with the longest value each model
# field takes.
REDIGERBARA_FALT = {
    "titel": 500,
    "avdelning": 200,
    "handlaggare_namn": 200,
    "handlaggare_telefon": 50,
    "handlaggare_epost": 200,
    "forslag_av": 200,
    "forslag_inledning": 300,
}
MAX_RUBRIK = 300
MAX_UNDERTECKNARE_TITEL = 300
MAX_MOTTAGARE = 300
# Far beyond any real memo; keeps one request from writing thousands of rows.
MAX_DELAR = 100

VANLIGA_RUBRIKER = [
    "Ärendebeskrivning",
    "Bakgrund",
    "Sammanfattning",
    "Ekonomiska konsekvenser",
    "Barnrättsperspektiv",
    "Beslutsunderlag",
]
FORSLAG_AV = ["Regiondirektörens förslag", "Förslag till beslut"]
FORSLAG_INLEDNINGAR = ["Regionstyrelsen föreslår regionfullmäktige", "Regionstyrelsen beslutar"]


class Konflikt(Exception):
    """Someone else saved the document after the editor loaded it."""

    def __init__(self, skrivelse: Tjansteskrivelse):
        self.skrivelse = skrivelse
        super().__init__(
            f"Tjänsteskrivelsen har sparats av någon annan (nu version {skrivelse.version})."
        )


class FelStatus(ValidationError):
    pass


# --- content -------------------------------------------------------------------------


def innehall(skrivelse: Tjansteskrivelse) -> dict:
    """The whole document as plain data: what a version freezes and a comparison reads."""
    data = {}
    for falt in HUVUDFALT:
        varde = getattr(skrivelse, falt)
        data[falt] = varde.isoformat() if hasattr(varde, "isoformat") else varde
    data["diarienummer"] = skrivelse.arende.diarienummer
    data["avsnitt"] = [
        {"rubrik": rubrik, "text": text}
        for rubrik, text in _ordnade(skrivelse, "avsnitt", "rubrik", "text")
    ]
    data["attsatser"] = [text for (text,) in _ordnade(skrivelse, "attsatser", "text")]
    data["undertecknare"] = [
        {"namn": namn, "titel": titel}
        for namn, titel in _ordnade(skrivelse, "undertecknare", "namn", "titel")
    ]
    data["utdrag_till"] = [m for (m,) in _ordnade(skrivelse, "utdrag_till", "mottagare")]
    return data


def _ordnade(skrivelse, relation, *falt):
    # Prefetched rows are used as they are (sorted here); otherwise one ordered query
    # for the values alone, since the cached PDF's key is computed on every request.
    cache = getattr(skrivelse, "_prefetched_objects_cache", {})
    if relation in cache:
        rader = sorted(cache[relation], key=lambda rad: rad.ordning)
        return [tuple(getattr(rad, f) for f in falt) for rad in rader]
    return getattr(skrivelse, relation).order_by("ordning").values_list(*falt)


def med_sekretess(queryset):
    """Tjänsteskrivelser annotated with whether one of their handlingar is secret-marked."""
    return queryset.annotate(
        hemlig_handling=Exists(
            Handling.objects.filter(tjansteskrivelse=OuterRef("pk")).exclude(
                sekretess_bestammelse=""
            )
        )
    )


def skapa_version(skrivelse: Tjansteskrivelse, *, anvandare, anledning: str):
    with transaction.atomic():
        senaste = skrivelse.versioner.aggregate(m=Max("nummer"))["m"] or 0
        return TjansteskrivelseVersion.objects.create(
            tjansteskrivelse=skrivelse,
            nummer=senaste + 1,
            innehall=innehall(skrivelse),
            anledning=anledning[:200],
            skapad_av=anvandare if getattr(anvandare, "is_authenticated", False) else None,
        )


def kontrollera_innehall(data: dict) -> dict[str, str]:
    """What is wrong with edited content, by field key; {} when it can be saved.

    The keys are the editor's field ids ("avsnitt-2-text"), so the error summary can
    link each message to its field.
    """
    fel: dict[str, str] = {}
    if not (data.get("titel") or "").strip():
        fel["titel"] = "Ange tjänsteskrivelsens titel."
    for falt, langd in REDIGERBARA_FALT.items():
        if len(data.get(falt) or "") > langd:
            fel[falt] = f"Högst {langd} tecken."
    datum = data.get("datum")
    if datum:
        try:
            datetime.date.fromisoformat(datum)
        except (TypeError, ValueError):
            fel["datum"] = "Ange datum som ÅÅÅÅ-MM-DD, till exempel 2026-03-14."
    for lista in ("avsnitt", "attsatser", "undertecknare", "utdrag_till"):
        if len(data.get(lista) or []) > MAX_DELAR:
            fel[lista] = f"Högst {MAX_DELAR} delar."
    for i, avsnitt in enumerate(data.get("avsnitt") or []):
        if len(avsnitt.get("rubrik") or "") > MAX_RUBRIK:
            fel[f"avsnitt-{i}-rubrik"] = f"Rubriken får vara högst {MAX_RUBRIK} tecken."
        text = avsnitt.get("text") or ""
        if len(text) > MAX_BODY_CHARS:
            fel[f"avsnitt-{i}-text"] = str(BodyTooLong(len(text)))
        elif text.strip() and not (avsnitt.get("rubrik") or "").strip():
            fel[f"avsnitt-{i}-rubrik"] = "Ge avsnittet en rubrik."
    for i, text in enumerate(data.get("attsatser") or []):
        if len(text or "") > MAX_BODY_CHARS:
            fel[f"attsats-{i}"] = str(BodyTooLong(len(text)))
    for i, person in enumerate(data.get("undertecknare") or []):
        if len(person.get("namn") or "") > 200:
            fel[f"undertecknare-{i}-namn"] = "Högst 200 tecken."
        if len(person.get("titel") or "") > MAX_UNDERTECKNARE_TITEL:
            fel[f"undertecknare-{i}-titel"] = f"Högst {MAX_UNDERTECKNARE_TITEL} tecken."
    for i, mottagare in enumerate(data.get("utdrag_till") or []):
        if len(mottagare or "") > MAX_MOTTAGARE:
            fel[f"utdrag-{i}"] = f"Högst {MAX_MOTTAGARE} tecken."
    return fel


def _skriv_innehall(skrivelse: Tjansteskrivelse, data: dict) -> None:
    """Write edited content onto the document and replace its ordered parts."""
    for falt in REDIGERBARA_FALT:
        setattr(skrivelse, falt, (data.get(falt) or "").strip())
    skrivelse.datum = datetime.date.fromisoformat(data["datum"]) if data.get("datum") else None
    # A header value an official has now filled in is no longer missing from the source.
    skrivelse.saknas_i_kallan = [
        falt
        for falt in skrivelse.saknas_i_kallan or []
        if falt == "diarienummer" or not getattr(skrivelse, falt, None)
    ]
    skrivelse.avsnitt.all().delete()
    skrivelse.attsatser.all().delete()
    skrivelse.undertecknare.all().delete()
    skrivelse.utdrag_till.all().delete()
    Avsnitt.objects.bulk_create(
        Avsnitt(tjansteskrivelse=skrivelse, ordning=i, rubrik=rubrik, text=text)
        for i, (rubrik, text) in enumerate(
            (
                ((a.get("rubrik") or "").strip(), a.get("text") or "")
                for a in data.get("avsnitt") or []
            ),
            start=1,
        )
    )
    Attsats.objects.bulk_create(
        Attsats(tjansteskrivelse=skrivelse, ordning=i, text=text)
        for i, text in enumerate((t for t in data.get("attsatser") or [] if t.strip()), start=1)
    )
    personer = _personer_med_namn(u.get("namn") for u in data.get("undertecknare") or [])
    Undertecknare.objects.bulk_create(
        Undertecknare(
            tjansteskrivelse=skrivelse,
            ordning=i,
            namn=u["namn"].strip(),
            titel=(u.get("titel") or "").strip(),
            person=personer.get(u["namn"].strip()),
        )
        for i, u in enumerate(
            (u for u in data.get("undertecknare") or [] if (u.get("namn") or "").strip()),
            start=1,
        )
    )
    UtdragMottagare.objects.bulk_create(
        UtdragMottagare(tjansteskrivelse=skrivelse, ordning=i, mottagare=m.strip())
        for i, m in enumerate((m for m in data.get("utdrag_till") or [] if m.strip()), start=1)
    )


def _personer_med_namn(namn: Iterable[str | None]) -> dict[str, Person]:
    # A signatory picked from the register keeps the link; a typed name that matches
    # exactly one person gets it too. Two people of the same name stay unlinked.
    sokta = {n.strip() for n in namn if n and n.strip()}
    if not sokta:
        return {}
    traffar: dict[str, list[Person]] = {}
    for person in Person.objects.filter(namn__in=sokta):
        traffar.setdefault(person.namn, []).append(person)
    return {n: p[0] for n, p in traffar.items() if len(p) == 1}


# --- creating ------------------------------------------------------------------------


def forifyllt_huvud(arende, anvandare) -> dict:
    """Header values for a new tjänsteskrivelse: today, and the handläggare's profile.

    The case's own handläggare is the one the memo names, whoever starts it; their
    Person gives name, avdelning, phone and e-mail. Without one, the author's own
    profile (or at least their name) is used.
    """
    ansvarig = getattr(arende, "handlaggare", None) if arende is not None else None
    person = Person.objects.filter(anvandare=ansvarig).first() if ansvarig else None
    if person is None and getattr(anvandare, "is_authenticated", False):
        person = Person.objects.filter(anvandare=anvandare).first()
    namn = ""
    if person is not None:
        namn = person.namn
    elif getattr(anvandare, "is_authenticated", False):
        namn = anvandare.get_full_name() or anvandare.get_username()
    return {
        "datum": timezone.localdate().isoformat(),
        "avdelning": person.avdelning if person else "",
        "handlaggare_namn": namn,
        "handlaggare_telefon": person.telefon if person else "",
        "handlaggare_epost": person.epost if person else "",
    }


def skapa_tjansteskrivelse(
    arende,
    *,
    anvandare,
    titel: str | None = None,
    forslag_inledning: str = "",
    attsatser: Sequence[str] = (),
    avsnitt: Sequence[tuple[str, str] | dict] = (),
    forslag_av: str = "Regiondirektörens förslag",
    huvud: dict | None = None,
) -> Tjansteskrivelse:
    """Start a tjänsteskrivelse in a case, as a draft, its header filled in.

    The header comes from the case (diarienummer, title) and the author's Person
    profile (avdelning, telefon, e-post); `huvud` overrides any of those values.
    `avsnitt` are (rubrik, text) pairs or {"rubrik", "text"} dicts; `attsatser` are
    Markdown. Without sections the draft starts with an empty "Ärendebeskrivning".
    The motions helper calls this to prefill an answer to a motion.
    """
    delar = [
        {"rubrik": a["rubrik"], "text": a.get("text", "")}
        if isinstance(a, dict)
        else {"rubrik": a[0], "text": a[1]}
        for a in avsnitt
    ] or [{"rubrik": "Ärendebeskrivning", "text": ""}]
    data = {
        **forifyllt_huvud(arende, anvandare),
        **(huvud or {}),
        "titel": (titel if titel is not None else arende.titel) or "",
        "forslag_av": forslag_av,
        "forslag_inledning": forslag_inledning,
        "avsnitt": delar,
        "attsatser": list(attsatser),
        "undertecknare": [],
        "utdrag_till": [],
    }
    fel = kontrollera_innehall(data)
    if fel:
        raise ValidationError(fel)
    inloggad = anvandare if getattr(anvandare, "is_authenticated", False) else None
    with transaction.atomic():
        skrivelse = Tjansteskrivelse(
            arende=arende,
            titel="",
            status=Tjansteskrivelse.Status.UTKAST,
            handlaggare=inloggad,
            skapad_av=inloggad,
        )
        skrivelse.save()
        _skriv_innehall(skrivelse, data)
        skrivelse.save()
        efter = innehall(skrivelse)
        historik.logga(
            anvandare=anvandare,
            objekt=skrivelse,
            arende=arende,
            handelse=f"Tjänsteskrivelsen ”{skrivelse.titel}” påbörjades",
            efter=efter,
        )
        skapa_version(skrivelse, anvandare=anvandare, anledning="Påbörjad")
        sok.uppdatera(arende)
    return skrivelse


# --- locks ---------------------------------------------------------------------------


def utskick(skrivelse: Tjansteskrivelse):
    """The agenda items of sent kallelser that carry this document, oldest first."""
    return (
        skrivelse.dagordningspunkter.exclude(sammantrade__status=Sammantrade.Status.PLANERAT)
        .select_related("sammantrade__organ", "tjansteskrivelse_version")
        .order_by("sammantrade__datum")
    )


def ar_last(skrivelse: Tjansteskrivelse) -> bool:
    """On a sent kallelse or behind a decision: what was sent or decided is frozen."""
    return (
        utskick(skrivelse).exists()
        or Beslut.objects.filter(dagordningspunkt__tjansteskrivelse=skrivelse).exists()
    )


def lasta_versionen(skrivelse: Tjansteskrivelse) -> int | None:
    """The version number the politicians received (the latest sent), if any."""
    for punkt in utskick(skrivelse).reverse():
        if punkt.tjansteskrivelse_version_id:
            return punkt.tjansteskrivelse_version.nummer
    return None


def far_redigera(skrivelse: Tjansteskrivelse, anvandare) -> bool:
    """Drafts are edited by those who write tjänsteskrivelser, and only as drafts:
    under review the reviewer reads a fixed text; a finished one is reopened first."""
    return behorighet.kan_skriva(anvandare) and skrivelse.status == Tjansteskrivelse.Status.UTKAST


def ar_hemlig(skrivelse: Tjansteskrivelse) -> bool:
    """Registered as a secret-marked handling (med_sekretess() annotates it in the query)."""
    hemlig = getattr(skrivelse, "hemlig_handling", None)
    if hemlig is None:
        hemlig = skrivelse.handlingar.exclude(sekretess_bestammelse="").exists()
    return hemlig


def _far_se_hemlig(skrivelse: Tjansteskrivelse, anvandare) -> bool:
    return not ar_hemlig(skrivelse) or behorighet.kan_se_sekretess(anvandare)


def far_se(skrivelse: Tjansteskrivelse, anvandare) -> bool:
    """May this user read the tjänsteskrivelse as it is now (page and PDF)?

    Drafts and documents under review are for those who may see drafts. A document
    registered as a secret-marked handling is for those with the right to see secret
    material, on every page and in every PDF alike. Its versions are judged one by one
    (synliga_versioner).
    """
    if skrivelse.status != Tjansteskrivelse.Status.KLAR and not behorighet.kan_se_utkast(anvandare):
        return False
    return _far_se_hemlig(skrivelse, anvandare)


def synliga_versioner(skrivelse: Tjansteskrivelse, anvandare):
    """The versions this user may read.

    Those who may see drafts read every version. Everyone else reads a version by its
    own status, not the document's present one: the finished versions, and those frozen
    on a sent kallelse, so a politician keeps what they were sent after the document is
    reopened, and never reads the draft that came before it was finished.
    """
    versioner = skrivelse.versioner.all()
    if not _far_se_hemlig(skrivelse, anvandare):
        return versioner.none()
    if behorighet.kan_se_utkast(anvandare):
        return versioner
    skickad = Dagordningspunkt.objects.filter(tjansteskrivelse_version=OuterRef("pk")).exclude(
        sammantrade__status=Sammantrade.Status.PLANERAT
    )
    return versioner.filter(Q(innehall__status=Tjansteskrivelse.Status.KLAR) | Exists(skickad))


def logga_lasning(skrivelse: Tjansteskrivelse, anvandare, *, vad: str) -> None:
    """Log an opening of a secret-marked tjänsteskrivelse, once per marked handling.

    The caller has checked that the user may read it; without a ground for every
    marked handling the opening is refused rather than left unlogged.
    """
    if not ar_hemlig(skrivelse):
        return
    for handling in skrivelse.handlingar.exclude(sekretess_bestammelse=""):
        if not sekretess.logga_atkomst(anvandare, handling, vad=vad[:100]):
            raise PermissionDenied


def registrerad_version(handling) -> TjansteskrivelseVersion | None:
    """The frozen version a tjänsteskrivelse's upprättad handling registered.

    Frozen in the same transaction, just before the handling was registered.
    """
    if handling.tjansteskrivelse_id is None:
        return None
    return (
        TjansteskrivelseVersion.objects.filter(
            tjansteskrivelse_id=handling.tjansteskrivelse_id, skapad__lte=handling.registrerad
        )
        .order_by("-nummer")
        .first()
    )


def maskeras_for(skrivelse: Tjansteskrivelse, anvandare) -> bool:
    """Whether personnummer in the text are masked for this user.

    Only people with the right to see secret material read them in full; the PDF cache
    keeps the masked and the full rendering apart.
    """
    return not behorighet.kan_se_sekretess(anvandare)


# --- saving --------------------------------------------------------------------------


def las_for_andring(skrivelse: Tjansteskrivelse, bas_version: int | None) -> Tjansteskrivelse:
    """The document locked for update; Konflikt if it moved on since `bas_version`."""
    last = (
        Tjansteskrivelse.objects.select_for_update().select_related("arende").get(pk=skrivelse.pk)
    )
    if bas_version is not None and last.version != bas_version:
        raise Konflikt(last)
    return last


def spara(
    skrivelse: Tjansteskrivelse, data: dict, *, anvandare, bas_version: int
) -> TjansteskrivelseVersion:
    """Save edited content as a new version.

    `bas_version` is the document version the editor started from; if someone saved in
    between, Konflikt is raised and nothing is written, so the second save never
    silently overwrites the first. A document already sent with a kallelse or behind a
    decision keeps what was sent in its versions; the new version says it came after.
    """
    fel = kontrollera_innehall(data)
    if fel:
        raise ValidationError(fel)
    with transaction.atomic():
        skrivelse = las_for_andring(skrivelse, bas_version)
        if not far_redigera(skrivelse, anvandare):
            raise PermissionDenied
        fore = innehall(skrivelse)
        _skriv_innehall(skrivelse, data)
        efter = innehall(skrivelse)
        if efter == fore:
            Arbetskopia.objects.filter(tjansteskrivelse=skrivelse, anvandare=anvandare).delete()
            return skrivelse.versioner.order_by("-nummer").first()
        skrivelse.version += 1
        skrivelse.save()
        anledning = "Sparad"
        if ar_last(skrivelse):
            anledning = "Ändrad efter utskick eller beslut"
        historik.logga(
            anvandare=anvandare,
            objekt=skrivelse,
            arende=skrivelse.arende,
            handelse=f"Tjänsteskrivelsen ”{skrivelse.titel}” ändrades ({anledning.lower()})",
            fore=fore,
            efter=efter,
        )
        version = skapa_version(skrivelse, anvandare=anvandare, anledning=anledning)
        Arbetskopia.objects.filter(tjansteskrivelse=skrivelse, anvandare=anvandare).delete()
        sok.uppdatera(skrivelse.arende)
    return version


def autospara(skrivelse: Tjansteskrivelse, data: dict, *, anvandare, bas_version: int):
    """Keep the user's unsaved edits. Not a version and not history: nothing is decided."""
    Arbetskopia.objects.update_or_create(
        tjansteskrivelse=skrivelse,
        anvandare=anvandare,
        defaults={"innehall": data, "bas_version": bas_version},
    )


def arbetskopia(skrivelse: Tjansteskrivelse, anvandare) -> Arbetskopia | None:
    """The user's working copy, if it differs from the saved document."""
    kopia = Arbetskopia.objects.filter(tjansteskrivelse=skrivelse, anvandare=anvandare).first()
    if kopia is None:
        return None
    if jamforbar(kopia.innehall) == jamforbar(innehall(skrivelse)):
        kopia.delete()
        return None
    return kopia


def slang_arbetskopia(skrivelse: Tjansteskrivelse, anvandare) -> None:
    Arbetskopia.objects.filter(tjansteskrivelse=skrivelse, anvandare=anvandare).delete()


def jamforbar(data: dict) -> dict:
    """The editable part of the content, for telling whether two copies differ."""
    return {
        **{falt: (data.get(falt) or "").strip() for falt in REDIGERBARA_FALT},
        "datum": data.get("datum") or "",
        "avsnitt": [
            {"rubrik": (a.get("rubrik") or "").strip(), "text": a.get("text") or ""}
            for a in data.get("avsnitt") or []
        ],
        "attsatser": [t for t in data.get("attsatser") or [] if t.strip()],
        "undertecknare": [
            {"namn": (u.get("namn") or "").strip(), "titel": (u.get("titel") or "").strip()}
            for u in data.get("undertecknare") or []
            if (u.get("namn") or "").strip()
        ],
        "utdrag_till": [m.strip() for m in data.get("utdrag_till") or [] if m.strip()],
    }
