"""Closing a motion or medborgarförslag: by fullmäktige's decision or by hand, once.

A medborgarförslag's förslagsställare is told the outcome in a letter, registered in
the case as an utgående handling. The meetings' decision recording calls vid_beslut
for every decision it records.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from arenden.models import Arende, Beslut, Motion, Riktning
from arenden.models.beslut import MOTION_UTFALL
from arenden.services import arenden as arendetjanst
from arenden.services import historik, motioner


def avsluta(
    motion: Motion,
    *,
    anvandare,
    utfall: str,
    beslut: Beslut | None = None,
    datum: datetime.date | None = None,
    anteckning: str = "",
) -> Motion:
    """Close a motion with its outcome, once; a medborgarförslag's proposer is told."""
    if utfall not in MOTION_UTFALL:
        raise ValidationError(
            {"utfall": "Välj bifallen, avslagen, anses besvarad eller avskriven."}
        )
    idag = timezone.localdate()
    datum = datum or idag
    anteckning = (anteckning or "").strip()
    if datum > idag:
        raise ValidationError({"datum": "Beslutsdatum kan inte ligga i framtiden."})
    if motion.vackt and datum < motion.vackt:
        raise ValidationError(
            {"datum": f"Beslutsdatum kan inte ligga före väckt-datum {motion.vackt:%Y-%m-%d}."}
        )
    if beslut is not None and beslut.arende_id != motion.arende_id:
        raise ValidationError({"beslut": "Beslutet hör till ett annat ärende."})
    if not motion.oppen:
        _redanavslutad_form(motion)
    # Rendered before the lock: a slow PDF must not hold the motion and its case.
    brev = _brev(
        motion,
        utfall=utfall,
        beslut=beslut,
        datum=datum,
        anteckning=anteckning,
        anvandare=anvandare,
    )
    with transaction.atomic():
        motion = (
            Motion.objects.select_for_update(of=("self",))
            .select_related("arende")
            .get(pk=motion.pk)
        )
        if not motion.oppen:
            _redanavslutad_form(motion)
        fore = historik.ogonblicksbild(motion, motioner.MOTION_FALT)
        motion.utfall = utfall
        motion.beslut = beslut
        motion.avslutad = datum
        motion.avslut_anteckning = anteckning
        motion.save(update_fields=["utfall", "beslut", "avslutad", "avslut_anteckning"])
        historik.logga(
            anvandare=anvandare,
            objekt=motion,
            arende=motion.arende,
            handelse=f"{motioner.bestamd(motion)} avslutades: {utfall_text(motion)}",
            fore=fore,
            efter=historik.ogonblicksbild(motion, motioner.MOTION_FALT),
        )
        arendetjanst.andra_arende(
            motion.arende,
            anvandare=anvandare,
            handelse="Ärendet avslutades",
            status=Arende.Status.AVSLUTAT,
            avslutad=datum,
        )
        if motion.ar_medborgarforslag:
            _meddela(motion, anvandare=anvandare, brev=brev)
    return motion


def _redanavslutad_form(motion: Motion):
    raise ValidationError(
        f"{motioner.benamning(motion)} är redan {motioner.avslutad_form(motion)} "
        f"({utfall_text(motion)} {motion.avslutad:%Y-%m-%d}) och kan inte avslutas igen."
    )


def utfall_text(motion: Motion, utfall: str | None = None) -> str:
    """The outcome in lower case, agreeing with the noun: "bifallen" or "bifallet"."""
    utfall = motion.utfall if utfall is None else utfall
    if motion.ar_medborgarforslag:
        return _particip(utfall)
    return dict((u.value, u.label) for u in MOTION_UTFALL)[utfall].lower()


MEDDELANDE = "Meddelande om beslut"


def _brev(motion: Motion, *, utfall, beslut, datum, anteckning, anvandare):
    """The letter telling the förslagsställare the outcome, as a PDF file to register."""
    if not motion.ar_medborgarforslag:
        return None
    from arenden.pdf import PdfFel
    from arenden.pdf import motioner as motionspdf

    try:
        return motionspdf.meddelandefil(
            motion,
            utfall=utfall,
            beslut=beslut,
            datum=datum,
            anteckning=anteckning,
            anvandare=anvandare,
        )
    except PdfFel as fel:
        raise ValidationError(
            "Meddelandet till förslagsställaren kunde inte skapas som PDF, så "
            f"{motioner.bestamd(motion).lower()} avslutades inte. Försök igen. ({fel})"
        ) from fel


def _meddela(motion: Motion, *, anvandare, brev=None) -> None:
    # The förslagsställare is told the outcome in a letter, registered like any outgoing
    # document, under the private-person mark that keeps the name off the public diary.
    if brev is None:
        brev = _brev(
            motion,
            utfall=motion.utfall,
            beslut=motion.beslut,
            datum=motion.avslutad,
            anteckning=motion.avslut_anteckning,
            anvandare=anvandare,
        )
    arendetjanst.registrera_handling(
        motion.arende,
        anvandare=anvandare,
        riktning=Riktning.UTGAENDE,
        datum=timezone.localdate(),
        beskrivning=f"{MEDDELANDE}: medborgarförslaget {_particip(motion.utfall)}",
        avsandare_mottagare=motioner.ryms(
            [m.person.namn for m in motion.motionarer.select_related("person")], 300
        ),
        avsandare_privatperson=True,
        fil=brev,
    )


def meddelanden(motion: Motion):
    """The letters that told the förslagsställare the outcome, oldest first."""
    return motion.arende.handlingar.filter(
        riktning=Riktning.UTGAENDE, beskrivning__startswith=f"{MEDDELANDE}:", makulerad=False
    ).order_by("lopnummer")


def _particip(utfall: str) -> str:
    # Agreement with the neuter "medborgarförslaget".
    return {
        "bifallen": "bifallet",
        "avslagen": "avslaget",
        "anses_besvarad": "anses besvarat",
        "avskriven": "avskrivet",
    }[utfall]


def vid_beslut(beslut: Beslut, *, anvandare) -> Motion | None:
    """Close the motion a decision answers, when it is fullmäktige's with a motion outcome.

    The meetings' decision recording calls this for every decision it records. Only a
    motion outcome closes: a decision to approve ("bifall") the board's proposal that a
    motion "anses besvarad" does not make the motion bifallen. A medborgarförslag handed
    to a nämnd is closed by that nämnd's decision. A motion already closed by another
    decision, or by hand, is refused; the same decision recorded again before justering
    corrects the outcome, or reopens the motion if it no longer closes it.
    """
    if beslut.arende_id is None:
        return None
    motion = Motion.objects.filter(arende_id=beslut.arende_id).first()
    if motion is None:
        return None
    beslutar = (
        beslut.organ.forkortning == motioner.FULLMAKTIGE
        or beslut.organ_id == motion.delegerad_till_id
    )
    stanger = beslutar and beslut.utfall in MOTION_UTFALL
    if motion.beslut_id == beslut.pk:
        return _ratta(motion, beslut, anvandare=anvandare, stanger=stanger)
    if not stanger:
        return None
    datum = beslut.sammantrade.datum if beslut.sammantrade_id else None
    return avsluta(motion, anvandare=anvandare, utfall=beslut.utfall, beslut=beslut, datum=datum)


def _ratta(motion: Motion, beslut: Beslut, *, anvandare, stanger: bool) -> Motion:
    # The decision that closed the motion was recorded again (before justering): the
    # motion follows it. A letter already sent to a förslagsställare cannot be unsent, so
    # a changed outcome is told in a new one.
    brev = None
    if stanger and motion.ar_medborgarforslag and motion.utfall != beslut.utfall:
        brev = _brev(
            motion,
            utfall=beslut.utfall,
            beslut=beslut,
            datum=motion.avslutad,
            anteckning=motion.avslut_anteckning,
            anvandare=anvandare,
        )
    with transaction.atomic():
        motion = (
            Motion.objects.select_for_update(of=("self",))
            .select_related("arende")
            .get(pk=motion.pk)
        )
        if stanger and motion.utfall == beslut.utfall:
            return motion
        fore = historik.ogonblicksbild(motion, motioner.MOTION_FALT)
        if stanger:
            motion.utfall = beslut.utfall
            handelse = f"Utfallet rättades: {utfall_text(motion)}"
        else:
            motion.utfall, motion.avslutad, motion.beslut = "", None, None
            handelse = (
                f"{motioner.bestamd(motion)} öppnades igen: beslutet avslutar "
                f"{'det' if motion.ar_medborgarforslag else 'den'} inte längre"
            )
        motion.save(update_fields=["utfall", "avslutad", "beslut"])
        historik.logga(
            anvandare=anvandare,
            objekt=motion,
            arende=motion.arende,
            handelse=handelse,
            fore=fore,
            efter=historik.ogonblicksbild(motion, motioner.MOTION_FALT),
        )
        if not stanger:
            arendetjanst.andra_arende(
                motion.arende,
                anvandare=anvandare,
                handelse="Ärendet öppnades igen",
                status=Arende.Status.PAGAENDE,
                avslutad=None,
            )
        elif motion.ar_medborgarforslag:
            _meddela(motion, anvandare=anvandare, brev=brev)
    return motion
