"""Where the motions stand: the list, the beredning, the report to fullmäktige, the start page.

Reads only; the rules it applies (the deadline, what "open" means) come from
services.motioner.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from arenden.models import (
    Beslut,
    Dagordningspunkt,
    Motion,
    Motionar,
    MotionTyp,
    Sammantrade,
    Tjansteskrivelse,
)
from arenden.services import motioner as regler
from arenden.services import motionsavslut


def motioner() -> QuerySet[Motion]:
    """Every motion with what the lists show, and its deadline as `frist`."""
    return regler.med_frist(
        Motion.objects.select_related(
            "arende__diarium",
            "besvaras_senast_sammantrade__organ",
            "delegerad_till",
            "remitterad_till",
            "beslut__organ",
        ).prefetch_related(
            Prefetch("motionarer", Motionar.objects.select_related("person")),
            Prefetch(
                "arende__tjansteskrivelser", Tjansteskrivelse.objects.order_by("skapad", "pk")
            ),
        )
    )


def oppna() -> QuerySet[Motion]:
    return motioner().filter(utfall="")


def forsenade(idag: datetime.date | None = None) -> QuerySet[Motion]:
    return oppna().filter(frist__lt=idag or timezone.localdate())


def snart_forfallna(idag: datetime.date | None = None) -> QuerySet[Motion]:
    idag = idag or timezone.localdate()
    return oppna().filter(
        frist__gte=idag, frist__lte=idag + datetime.timedelta(days=regler.VARNING_DAGAR)
    )


def filtrera(
    *,
    status: str = "",
    typ: str = "",
    parti: str = "",
    ar: int | None = None,
    frist: str = "",
    ordning: str = "frist",
    idag: datetime.date | None = None,
) -> QuerySet[Motion]:
    """The list at /motioner/ with its filters; unknown deadlines sort last."""
    idag = idag or timezone.localdate()
    urval = motioner()
    if status == "oppna":
        urval = urval.filter(utfall="")
    elif status == "avslutade":
        urval = urval.exclude(utfall="")
    elif status:
        urval = urval.filter(utfall=status)
    if typ:
        urval = urval.filter(typ=typ)
    if parti:
        urval = urval.filter(
            Exists(Motionar.objects.filter(motion=OuterRef("pk"), person__parti__iexact=parti))
        )
    if ar:
        # An imported motion may lack its väckt date; its case's year stands in for it.
        urval = urval.filter(Q(vackt__year=ar) | Q(vackt__isnull=True, arende__ar=ar))
    if frist == "forsenade":
        urval = urval.filter(utfall="", frist__lt=idag)
    elif frist == "snart":
        urval = urval.filter(
            utfall="",
            frist__gte=idag,
            frist__lte=idag + datetime.timedelta(days=regler.VARNING_DAGAR),
        )
    sortering = (
        F("frist").desc(nulls_last=True) if ordning == "-frist" else F("frist").asc(nulls_last=True)
    )
    return urval.order_by(sortering, "arende__ar", "arende__lopnummer")


def partier() -> list[str]:
    """The parties of every motionär, for the list's filter."""
    return list(
        Motionar.objects.exclude(person__parti="")
        .values_list("person__parti", flat=True)
        .distinct()
        .order_by("person__parti")
    )


def ar() -> list[int]:
    vackta = {d.year for d in Motion.objects.dates("vackt", "year")}
    okanda = set(Motion.objects.filter(vackt__isnull=True).values_list("arende__ar", flat=True))
    return sorted(vackta | okanda, reverse=True)


# --- Beredning ------------------------------------------------------------------------


@dataclass(frozen=True)
class Beredning:
    steg: int
    text: str


def beredningslage(motion: Motion) -> Beredning:
    """How far the beredning has come, derived from the memo, the agendas and decisions.

    From furthest back: no memo, a memo in draft, in review or ready, on Regionstyrelsen's
    agenda, decided by Regionstyrelsen, on the deciding body's agenda.
    """
    if not motion.oppen:
        avslutad = regler.avslutad_form(motion).capitalize()
        return Beredning(9, f"{avslutad}: {motionsavslut.utfall_text(motion)}")
    beslutande = {regler.FULLMAKTIGE}
    if motion.delegerad_till_id:
        beslutande.add(motion.delegerad_till.forkortning)
    punkter = list(
        # A cancelled meeting took the motion no further: it waits for a later one.
        Dagordningspunkt.objects.filter(arende=motion.arende_id)
        .exclude(sammantrade__status=Sammantrade.Status.INSTALLT)
        .select_related("sammantrade__organ")
        .order_by("-sammantrade__datum")
    )
    for punkt in punkter:
        mote = punkt.sammantrade
        if mote.organ.forkortning in beslutande:
            return Beredning(
                7, f"På dagordningen för {regler.i_mening(mote.organ.namn)} {mote.datum_text}"
            )
    beslut_rs = (
        Beslut.objects.filter(arende=motion.arende_id, organ__forkortning=regler.STYRELSEN)
        .select_related("sammantrade")
        .order_by("-ar", "-paragraf")
        .first()
    )
    if beslut_rs is not None:
        nar = beslut_rs.sammantrade.datum_text if beslut_rs.sammantrade else str(beslut_rs.ar)
        paragraf = f" § {beslut_rs.paragraf}" if beslut_rs.paragraf else ""
        return Beredning(6, f"Beslutad av regionstyrelsen {nar}{paragraf}")
    for punkt in punkter:
        if punkt.sammantrade.organ.forkortning == regler.STYRELSEN:
            return Beredning(
                5, f"På dagordningen för regionstyrelsen {punkt.sammantrade.datum_text}"
            )
    skrivelse = regler.svar(motion)
    if skrivelse is None:
        return Beredning(0, "Ingen tjänsteskrivelse påbörjad")
    steg = {
        Tjansteskrivelse.Status.UTKAST: 1,
        Tjansteskrivelse.Status.GRANSKNING: 2,
        Tjansteskrivelse.Status.KLAR: 3,
    }.get(skrivelse.status, 1)
    return Beredning(steg, f"Tjänsteskrivelse: {skrivelse.get_status_display().lower()}")


# --- The report -----------------------------------------------------------------------


@dataclass(frozen=True)
class Redovisningsrad:
    motion: Motion
    motionarer: str
    frist: datetime.date | None
    fristlage: regler.Fristlage
    beredning: Beredning


def redovisning(idag: datetime.date | None = None) -> dict:
    """ "Redovisning av obesvarade motioner": every open motion and medborgarförslag.

    The report goes to fullmäktige's public agenda, so a förslagsställare is written
    as "Privatperson" here too, as in the public diary.
    """
    idag = idag or timezone.localdate()
    rader = {MotionTyp.MOTION: [], MotionTyp.MEDBORGARFORSLAG: []}
    for motion in oppna().order_by(F("frist").asc(nulls_last=True), "arende__ar"):
        rader[motion.typ].append(redovisningsrad(motion, idag))
    return {
        "datum": idag,
        "motioner": rader[MotionTyp.MOTION],
        "medborgarforslag": rader[MotionTyp.MEDBORGARFORSLAG],
        "nasta_redovisning": nasta_redovisning(idag),
        "redovisningar_per_ar": settings.MOTION_REDOVISNINGAR_PER_AR,
    }


def redovisningsrad(motion: Motion, idag: datetime.date | None = None) -> Redovisningsrad:
    return Redovisningsrad(
        motion=motion,
        motionarer=regler.motionarer_text(motion, publik=True),
        frist=regler.frist(motion),
        fristlage=regler.fristlage(motion, idag),
        beredning=beredningslage(motion),
    )


def nasta_redovisning(
    idag: datetime.date | None = None, per_ar: int | None = None
) -> datetime.date:
    """The day the next report of unanswered motions is due.

    The arbetsordning's number of reports a year splits the calendar year into equal
    periods, each reported by its last day: twice a year means by 30 June and by
    31 December. (Which meeting of fullmäktige receives it is the presidium's choice.)
    """
    per_ar = settings.MOTION_REDOVISNINGAR_PER_AR if per_ar is None else per_ar
    if per_ar not in (1, 2, 3, 4, 6, 12):
        raise ImproperlyConfigured(
            f"MOTION_REDOVISNINGAR_PER_AR={per_ar}: ange 1, 2, 3, 4, 6 eller 12 gånger per år."
        )
    idag = idag or timezone.localdate()
    manader = 12 // per_ar
    for slutmanad in range(manader, 13, manader):
        sista = _sista_dagen(idag.year, slutmanad)
        if sista >= idag:
            return sista
    raise AssertionError("december avslutar alltid en period")  # pragma: no cover


def _sista_dagen(ar: int, manad: int) -> datetime.date:
    if manad == 12:
        return datetime.date(ar, 12, 31)
    return datetime.date(ar, manad + 1, 1) - datetime.timedelta(days=1)


# --- The start page -------------------------------------------------------------------

PANEL_RADER = 20


def startpanel(user) -> dict | None:
    """Overdue motions and those due within 60 days, for whoever runs the meetings."""
    if not user.has_perm("arenden.hantera_sammantraden"):
        return None
    idag = timezone.localdate()
    # The panel shows the first few; the counts are of all, so none is missed unseen.
    return {
        "forsenade": list(forsenade(idag).order_by("frist")[:PANEL_RADER]),
        "snart": list(snart_forfallna(idag).order_by("frist")[:PANEL_RADER]),
        "antal_forsenade": forsenade(idag).count(),
        "antal_snart": snart_forfallna(idag).count(),
        "varning_dagar": regler.VARNING_DAGAR,
        "idag": idag,
    }
