"""Finding cases: a diarienummer in any form the parser knows, or words."""

from django.db.models import Q, QuerySet

from arenden.diarienummer import parse
from arenden.models import Arende, Diarium


def sok(q: str, *, publik: bool) -> QuerySet[Arende]:
    """Cases matching q; `publik` searches only what the public diary may show."""
    arenden = Arende.objects.all()
    q = (q or "").strip()
    if not q:
        return arenden
    lasningar = parse(q, prefixes=list(Diarium.objects.values_list("prefix", flat=True)))
    if lasningar:
        villkor = Q()
        for nr in lasningar:
            if nr.prefix:
                villkor |= Q(diarienummer=str(nr))
            else:
                villkor |= Q(lopnummer=nr.lopnummer, ar=nr.ar)
        return arenden.filter(villkor)
    falt = "sokdokument__publiktext" if publik else "sokdokument__fulltext"
    villkor = Q()
    for ord_ in q.split()[:20]:
        villkor &= Q(**{f"{falt}__icontains": ord_})
    return arenden.filter(villkor)
