"""Allocation of diarienummer and § numbers.

Both run per series and year. The counter row is incremented with one UPDATE
inside the caller's transaction: on PostgreSQL the row lock makes a concurrent
allocation wait for the first to commit or roll back, on SQLite the IMMEDIATE
transaction does the same for the whole file. A rolled-back registration rolls
its number back with it, so numbers have no gaps and are never reused.
"""

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone

from arenden.models import Nummerserie


def diarieserie(prefix: str) -> str:
    return f"diarium:{prefix}"


def paragrafserie(organ_forkortning: str) -> str:
    return f"paragraf:{organ_forkortning}"


def aktuellt_ar() -> int:
    # The year of the local date in Sweden: a case registered at 00:30 on New Year's
    # Day belongs to the new year although it is still the old one in UTC.
    return timezone.localdate().year


def _sakerstall_serie(serie: str, ar: int) -> None:
    # ignore_conflicts makes the first use of a new year safe when two requests race.
    Nummerserie.objects.bulk_create(
        [Nummerserie(serie=serie, ar=ar, senaste=0)], ignore_conflicts=True
    )


def nasta_nummer(serie: str, ar: int) -> int:
    """The next number in a series; call inside the transaction that uses it."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Nummer får bara tilldelas inuti en transaktion.")
    _sakerstall_serie(serie, ar)
    Nummerserie.objects.filter(serie=serie, ar=ar).update(senaste=F("senaste") + 1)
    return Nummerserie.objects.values_list("senaste", flat=True).get(serie=serie, ar=ar)


def reservera_nummer(serie: str, ar: int, nummer: int) -> None:
    """Record a number given elsewhere (an imported case) so it is never handed out again."""
    _sakerstall_serie(serie, ar)
    Nummerserie.objects.filter(serie=serie, ar=ar).update(senaste=Greatest(F("senaste"), nummer))


def nasta_nummer_block(serie: str, ar: int, antal: int) -> range:
    """`antal` consecutive numbers at once, for bulk loaders; same rules as `nasta_nummer`."""
    if antal < 1:
        return range(0)
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Nummer får bara tilldelas inuti en transaktion.")
    _sakerstall_serie(serie, ar)
    Nummerserie.objects.filter(serie=serie, ar=ar).update(senaste=F("senaste") + antal)
    senaste = Nummerserie.objects.values_list("senaste", flat=True).get(serie=serie, ar=ar)
    return range(senaste - antal + 1, senaste + 1)
