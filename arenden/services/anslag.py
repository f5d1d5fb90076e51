"""The digital anslagstavla and the appeal period.

Kommunallagen (2017:725): the justering of minutes is announced on the anslagstavla
no later than the second day after it (8 kap 12 §), and a decision may be appealed
within three weeks from the day of that announcement (13 kap 5 §). Lag (1930:173) om
beräkning av lagstadgad tid: a period whose last day falls on a Saturday, Sunday or
other public holiday, midsommarafton, julafton or nyårsafton ends on the next
working day instead. The anslag stays up until the appeal period has run out.
"""

import datetime
from functools import cache

import holidays
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from arenden.models import Justering, Organ, Sammantrade
from arenden.services import historik

OVERKLAGANDETID = datetime.timedelta(weeks=3)
ANSLAG_SENAST_DAGAR = 2


@cache
def _helgdagar(ar: int) -> frozenset[datetime.date]:
    # "public" is the allmänna helgdagar; "de_facto" adds exactly midsommarafton,
    # julafton and nyårsafton, which lag 1930:173 names beside them. Sundays are
    # weekend days below, so the calendar need not list every one of them.
    kalender = holidays.Sweden(years=ar, include_sundays=False, categories=("public", "de_facto"))
    return frozenset(kalender)


def ar_arbetsdag(dag: datetime.date) -> bool:
    return dag.weekday() < 5 and dag not in _helgdagar(dag.year)


def forsta_arbetsdag(dag: datetime.date) -> datetime.date:
    """The day itself if it is a working day, else the next one (lag 1930:173)."""
    while not ar_arbetsdag(dag):
        dag += datetime.timedelta(days=1)
    return dag


def overklagas_senast(uppsatt: datetime.date) -> datetime.date:
    """The last day to appeal: three weeks from the day the anslag went up."""
    return forsta_arbetsdag(uppsatt + OVERKLAGANDETID)


def anslag_senast(justerad: datetime.date) -> datetime.date:
    return forsta_arbetsdag(justerad + datetime.timedelta(days=ANSLAG_SENAST_DAGAR))


def anslaa(justering: Justering, *, uppsatt: datetime.date, anvandare) -> Justering:
    """Post the notice of a justering; the appeal period runs from this day."""
    with transaction.atomic():
        justering = Justering.objects.select_for_update().get(pk=justering.pk)
        _anslaa(justering, uppsatt, anvandare)
    return justering


def _anslaa(justering: Justering, uppsatt: datetime.date, anvandare) -> None:
    """Inside the caller's transaction, with the justering locked."""
    if justering.anslag_uppsatt is not None:
        raise ValidationError(
            f"Anslaget sattes upp {justering.anslag_uppsatt:%Y-%m-%d}; "
            "överklagandetiden räknas redan från den dagen."
        )
    if uppsatt < justering.justerad:
        raise ValidationError(
            {"anslag_uppsatt": "Anslaget kan inte sättas upp innan protokollet är justerat."}
        )
    senast = anslag_senast(justering.justerad)
    if uppsatt > senast:
        raise ValidationError(
            {
                "anslag_uppsatt": (
                    "Anslaget ska sättas upp senast andra dagen efter justeringen, "
                    f"det vill säga senast {senast:%Y-%m-%d}."
                )
            }
        )
    justering.anslag_uppsatt = uppsatt
    justering.overklagas_senast = overklagas_senast(uppsatt)
    # It stays up until the appeal period has run out: taken down the day after.
    justering.anslag_nedtas = justering.overklagas_senast + datetime.timedelta(days=1)
    justering.save(update_fields=["anslag_uppsatt", "overklagas_senast", "anslag_nedtas"])
    sammantrade = Sammantrade.objects.select_for_update().get(pk=justering.sammantrade_id)
    vad = {
        "justering": str(justering),
        "anslag_uppsatt": f"{justering.anslag_uppsatt:%Y-%m-%d}",
        "overklagas_senast": f"{justering.overklagas_senast:%Y-%m-%d}",
        "anslag_nedtas": f"{justering.anslag_nedtas:%Y-%m-%d}",
    }
    # One act, one entry in the meeting's history: the last of the minutes' anslag
    # records the meeting's new state with it.
    if (
        sammantrade.status == Sammantrade.Status.JUSTERAT
        and not sammantrade.justeringar.filter(anslag_uppsatt__isnull=True).exists()
    ):
        from arenden.services.sammantraden import byt_status

        byt_status(
            sammantrade,
            Sammantrade.Status.ANSLAGET,
            anvandare=anvandare,
            handelse="Protokollet anslogs på anslagstavlan",
            efter=vad,
        )
    else:
        historik.logga(
            anvandare=anvandare,
            objekt=sammantrade,
            handelse="Justeringen anslogs på anslagstavlan",
            efter=vad,
        )


def aktuella(idag: datetime.date | None = None):
    """The notices on the board today: posted, and not yet taken down."""
    idag = idag or timezone.localdate()
    return (
        Justering.objects.filter(anslag_uppsatt__lte=idag, anslag_nedtas__gt=idag)
        .select_related("sammantrade__organ")
        .prefetch_related("beslut")
        .order_by("-anslag_uppsatt", "-pk")
    )


def kungorelser(idag: datetime.date | None = None):
    """Fullmäktige's coming meetings, announced on the board until the day itself.

    A meeting called off after it was announced stays on the board until its day, saying
    it is inställt: an announcement that silently vanished would leave the public to
    come to a meeting that is not held."""
    idag = idag or timezone.localdate()
    return (
        Sammantrade.objects.filter(
            organ__typ=Organ.Typ.FULLMAKTIGE, kungjort__lte=idag, datum__gte=idag
        )
        .select_related("organ")
        .order_by("datum")
    )
