"""The review of a tjänsteskrivelse: utkast → granskning → klar, and back.

A reviewer the author picks among Handläggare and Nämndsekreterare comments, approves
or sends it back. Every status change is a version; a finished document is registered
in its case as an upprättad handling carrying its PDF/A (OSL 5 kap 1 §).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from arenden.markup import MAX_BODY_CHARS, BodyTooLong
from arenden.models import Granskningskommentar, Riktning, Tjansteskrivelse
from arenden.services import behorighet, historik, sok, tjansteskrivelser

GRANSKARGRUPPER = ["Handläggare", "Nämndsekreterare"]


def _forfattare(skrivelse: Tjansteskrivelse) -> set[int]:
    return {pk for pk in (skrivelse.skapad_av_id, skrivelse.handlaggare_id) if pk is not None}


def ar_forfattare(skrivelse: Tjansteskrivelse, anvandare) -> bool:
    return getattr(anvandare, "pk", None) in _forfattare(skrivelse)


def mojliga_granskare(skrivelse: Tjansteskrivelse, anvandare=None):
    """Who may review: officials who write tjänsteskrivelser, never the document's
    author or handläggare, nor whoever sends it (a second pair of eyes)."""
    utom = _forfattare(skrivelse) | ({anvandare.pk} if getattr(anvandare, "pk", None) else set())
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=GRANSKARGRUPPER)
        .exclude(pk__in=utom)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def _byt_status(
    skrivelse: Tjansteskrivelse,
    *,
    anvandare,
    fran: str,
    till: str,
    handelse: str,
    granskare=None,
    bas_version: int | None = None,
    behorig=None,
) -> Tjansteskrivelse:
    # The status is part of the document: a status change is a version, and an editor
    # still open on the old one meets a conflict instead of overwriting it.
    skrivelse = tjansteskrivelser.las_for_andring(skrivelse, bas_version)
    # Who may act is read from the locked row, not from the caller's possibly old copy.
    if behorig is not None and not behorig(skrivelse):
        raise PermissionDenied
    if skrivelse.status != fran:
        raise tjansteskrivelser.FelStatus(
            f"Tjänsteskrivelsen har status {skrivelse.get_status_display().lower()}; "
            "sidan var inaktuell, ladda om den."
        )
    fore = historik.ogonblicksbild(skrivelse, ["status", "granskare", "version"])
    skrivelse.status = till
    if granskare is not None or till == Tjansteskrivelse.Status.UTKAST:
        skrivelse.granskare = granskare
    skrivelse.version += 1
    skrivelse.save()
    historik.logga(
        anvandare=anvandare,
        objekt=skrivelse,
        arende=skrivelse.arende,
        handelse=handelse,
        fore=fore,
        efter=historik.ogonblicksbild(skrivelse, ["status", "granskare", "version"]),
    )
    tjansteskrivelser.skapa_version(skrivelse, anvandare=anvandare, anledning=handelse)
    sok.uppdatera(skrivelse.arende)
    return skrivelse


def skicka_till_granskning(
    skrivelse: Tjansteskrivelse, *, anvandare, granskare, bas_version: int | None = None
) -> Tjansteskrivelse:
    if not behorighet.kan_skriva(anvandare):
        raise PermissionDenied
    if granskare is not None and ar_forfattare(skrivelse, granskare):
        raise ValidationError(
            {"granskare": "Den som skrivit tjänsteskrivelsen kan inte granska den själv."}
        )
    if (
        granskare is None
        or not mojliga_granskare(skrivelse, anvandare).filter(pk=granskare.pk).exists()
    ):
        raise ValidationError(
            {
                "granskare": "Välj en granskare bland handläggare och nämndsekreterare, "
                "någon annan än du själv."
            }
        )
    namn = granskare.get_full_name() or granskare.get_username()
    with transaction.atomic():
        return _byt_status(
            skrivelse,
            anvandare=anvandare,
            fran=Tjansteskrivelse.Status.UTKAST,
            till=Tjansteskrivelse.Status.GRANSKNING,
            handelse=f"Skickad till granskning hos {namn}",
            granskare=granskare,
            bas_version=bas_version,
        )


def far_kommentera(skrivelse: Tjansteskrivelse, anvandare) -> bool:
    """Under review the reviewer comments, and the author may answer; no one else."""
    return (
        skrivelse.status == Tjansteskrivelse.Status.GRANSKNING
        and behorighet.kan_skriva(anvandare)
        and (_ar_granskare(skrivelse, anvandare) or ar_forfattare(skrivelse, anvandare))
    )


def kommentera(skrivelse: Tjansteskrivelse, *, anvandare, text: str) -> Granskningskommentar:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Skriv en kommentar."})
    if len(text) > MAX_BODY_CHARS:
        raise ValidationError({"text": str(BodyTooLong(len(text)))})
    with transaction.atomic():
        # The status and the reviewer are read from the locked row: the page the
        # comment was written on may be older than a decision since.
        skrivelse = tjansteskrivelser.las_for_andring(skrivelse, None)
        if skrivelse.status != Tjansteskrivelse.Status.GRANSKNING:
            raise tjansteskrivelser.FelStatus(
                "Kommentarer skrivs medan tjänsteskrivelsen granskas; den har nu status "
                f"{skrivelse.get_status_display().lower()}."
            )
        if not far_kommentera(skrivelse, anvandare):
            raise PermissionDenied
        kommentar = Granskningskommentar.objects.create(
            tjansteskrivelse=skrivelse, forfattare=anvandare, text=text, version=skrivelse.version
        )
        historik.logga(
            anvandare=anvandare,
            objekt=skrivelse,
            arende=skrivelse.arende,
            handelse="Granskningskommentar",
            efter={"kommentar": text},
        )
    return kommentar


def _ar_granskare(skrivelse, anvandare) -> bool:
    return skrivelse.granskare_id is not None and skrivelse.granskare_id == anvandare.pk


def _far_godkanna(skrivelse, anvandare) -> bool:
    if not _ar_granskare(skrivelse, anvandare):
        return False
    if ar_forfattare(skrivelse, anvandare):
        # A reviewer picked before the author was excluded still cannot approve their
        # own text; sending it back stays open to them.
        raise ValidationError("Den som skrivit tjänsteskrivelsen kan inte godkänna den själv.")
    return True


def godkann(
    skrivelse: Tjansteskrivelse, *, anvandare, kommentar: str = "", bas_version=None
) -> Tjansteskrivelse:
    """The reviewer approves: the document is klar and registered in the case."""
    with transaction.atomic():
        skrivelse = _byt_status(
            skrivelse,
            anvandare=anvandare,
            fran=Tjansteskrivelse.Status.GRANSKNING,
            till=Tjansteskrivelse.Status.KLAR,
            handelse="Godkänd vid granskning och klar",
            bas_version=bas_version,
            behorig=lambda last: _far_godkanna(last, anvandare),
        )
        Granskningskommentar.objects.create(
            tjansteskrivelse=skrivelse,
            forfattare=anvandare,
            typ=Granskningskommentar.Typ.GODKAND,
            text=(kommentar or "").strip(),
            version=skrivelse.version,
        )
        _registrera(skrivelse, anvandare)
    return skrivelse


def skicka_tillbaka(
    skrivelse: Tjansteskrivelse, *, anvandare, kommentar: str, bas_version=None
) -> Tjansteskrivelse:
    """The reviewer sends the draft back to its author, saying why."""
    kommentar = (kommentar or "").strip()
    if not kommentar:
        raise ValidationError({"kommentar": "Skriv vad som behöver ändras."})
    with transaction.atomic():
        skrivelse = _byt_status(
            skrivelse,
            anvandare=anvandare,
            fran=Tjansteskrivelse.Status.GRANSKNING,
            till=Tjansteskrivelse.Status.UTKAST,
            handelse="Skickad tillbaka från granskning",
            bas_version=bas_version,
            behorig=lambda last: _ar_granskare(last, anvandare),
        )
        Granskningskommentar.objects.create(
            tjansteskrivelse=skrivelse,
            forfattare=anvandare,
            typ=Granskningskommentar.Typ.TILLBAKA,
            text=kommentar,
            version=skrivelse.version,
        )
    return skrivelse


def ateroppna(skrivelse: Tjansteskrivelse, *, anvandare, bas_version=None) -> Tjansteskrivelse:
    """A finished document back to draft for changes; what was registered stays."""
    if not behorighet.kan_skriva(anvandare):
        raise PermissionDenied
    with transaction.atomic():
        handelse = "Öppnad för ändring"
        if tjansteskrivelser.ar_last(skrivelse):
            handelse = "Öppnad för ändring efter utskick eller beslut"
        return _byt_status(
            skrivelse,
            anvandare=anvandare,
            fran=Tjansteskrivelse.Status.KLAR,
            till=Tjansteskrivelse.Status.UTKAST,
            handelse=handelse,
            bas_version=bas_version,
        )


def _registrera(skrivelse: Tjansteskrivelse, anvandare) -> None:
    # Registered without delay when it is finished (OSL 5 kap 1 §); a revised version
    # finished later is a new upprättad handling, so the diary shows both. The handling
    # holds the document itself: the PDF/A of the version frozen now.
    from arenden.pdf import tjansteskrivelse as tspdf
    from arenden.pdf.render import PdfFel
    from arenden.services.arenden import registrera_handling

    tidigare = skrivelse.handlingar.exists()
    frusen = skrivelse.versioner.order_by("-nummer").first()
    beskrivning = f"Tjänsteskrivelse: {skrivelse.titel}"
    if tidigare:
        beskrivning = f"Reviderad tjänsteskrivelse (version {frusen.nummer}): {skrivelse.titel}"
    try:
        fil = tspdf.arkivexemplar(skrivelse, frusen)
    except PdfFel as fel:
        # Raised inside the approval's transaction: nothing is changed, nothing half done.
        raise ValidationError(
            "Tjänsteskrivelsen kunde inte göras till PDF och är därför varken godkänd eller "
            "registrerad. Försök igen om en stund."
        ) from fel
    # The new handling carries the document's full text: an earlier version's secrecy
    # mark goes with it, or the revision would be open where the original was guarded.
    markerad = skrivelse.handlingar.exclude(sekretess_bestammelse="").order_by("-lopnummer").first()
    sekretess = None
    if markerad is not None:
        sekretess = {
            "bestammelse": markerad.sekretess_bestammelse,
            "myndighet": markerad.sekretess_myndighet,
            "avsandare": markerad.sekretess_avsandare,
            "beskrivning": markerad.sekretess_beskrivning,
        }
    registrera_handling(
        skrivelse.arende,
        anvandare=anvandare,
        riktning=Riktning.UPPRATTAD,
        datum=timezone.localdate(),
        beskrivning=beskrivning[:500],
        tjansteskrivelse=skrivelse,
        fil=fil,
        sekretess=sekretess,
    )
