"""Who may read what of a meeting: the politicians' reading room and its limits (DESIGN §3).

- The secretariat and other officials who may see drafts see every meeting and item.
- Anyone who may read decisions sees a meeting once its kallelse is out (or an
  imported one), but only its public items, unless they sit in the organ.
- Members of the organ (ledamot or ersättare with an Uppdrag valid on the meeting
  day) see its closed items, and may read the secret underlag of items on that
  agenda, a tjänsteskrivelse registered as a secret-marked handling included. The
  access is logged; nobody else gains it this way.
"""

from django.db.models import F, Q

from arenden.models import (
    Dagordningspunkt,
    Handling,
    Person,
    Sammantrade,
    Sekretessatkomst,
    Uppdrag,
)
from arenden.services import behorighet

# A kallelse that has gone out: its agenda is published to the organ.
PUBLICERADE = [
    Sammantrade.Status.KALLELSE_SKICKAD,
    Sammantrade.Status.GENOMFORT,
    Sammantrade.Status.JUSTERAT,
    Sammantrade.Status.ANSLAGET,
]
# A meeting called off after its kallelse went out stays where its readers had it,
# marked inställt; it no longer opens secret underlag (it will not be held).
INSTALLT_EFTER_KALLELSE = Q(status=Sammantrade.Status.INSTALLT, kallelse_skickad__isnull=False)


def person(user) -> Person | None:
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.person
    except Person.DoesNotExist:
        return None


def giltiga_uppdrag(organ, dag):
    return Uppdrag.objects.filter(organ=organ, fran__lte=dag).filter(
        Q(till__isnull=True) | Q(till__gte=dag)
    )


def ar_ledamot(user, organ, dag) -> bool:
    """Ledamot or ersättare in the organ on that day (remembered for the request)."""
    if not getattr(user, "is_authenticated", False):
        return False
    minne = user.__dict__.setdefault("_ledamot_minne", {})
    nyckel = (organ.pk, dag)
    if nyckel not in minne:
        minne[nyckel] = giltiga_uppdrag(organ, dag).filter(person__anvandare=user).exists()
    return minne[nyckel]


def publicerat(sammantrade: Sammantrade) -> bool:
    return (
        sammantrade.status in PUBLICERADE
        or sammantrade.importerat
        or (
            sammantrade.status == Sammantrade.Status.INSTALLT
            and sammantrade.kallelse_skickad is not None
        )
    )


def kan_se_sammantrade(user, sammantrade: Sammantrade) -> bool:
    if behorighet.kan_se_utkast(user) or behorighet.kan_hantera_sammantraden(user):
        return True
    # An agenda not yet sent is a draft.
    return user.has_perm("arenden.lasa_beslut") and publicerat(sammantrade)


def synliga_sammantraden(user):
    sammantraden = Sammantrade.objects.all()
    if behorighet.kan_se_utkast(user) or behorighet.kan_hantera_sammantraden(user):
        return sammantraden
    if not user.has_perm("arenden.lasa_beslut"):
        return sammantraden.none()
    return sammantraden.filter(Q(status__in=PUBLICERADE) | ~Q(kalla="") | INSTALLT_EFTER_KALLELSE)


def ser_slutna_punkter(user, sammantrade: Sammantrade) -> bool:
    if behorighet.kan_se_utkast(user) or behorighet.kan_hantera_sammantraden(user):
        return True
    return ar_ledamot(user, sammantrade.organ, sammantrade.datum)


def synliga_punkter(user, sammantrade: Sammantrade):
    punkter = sammantrade.dagordning.all()
    if not ser_slutna_punkter(user, sammantrade):
        punkter = punkter.filter(offentlig=True)
    return punkter


def ledamot_far_se(user, handling) -> bool:
    """A member may read secret underlag of an item on their own organ's sent agenda,
    and the item's tjänsteskrivelse when the handling registering it is secret-marked."""
    if handling is None or not getattr(user, "is_authenticated", False):
        return False
    punkten = Q(underlag=handling)
    if handling.tjansteskrivelse_id:
        punkten |= Q(tjansteskrivelse_id=handling.tjansteskrivelse_id)
    # One filter() call, so every condition on the Uppdrag is about the same row.
    return Dagordningspunkt.objects.filter(
        punkten,
        Q(sammantrade__organ__uppdrag__till__isnull=True)
        | Q(sammantrade__organ__uppdrag__till__gte=F("sammantrade__datum")),
        sammantrade__status__in=PUBLICERADE,
        sammantrade__organ__uppdrag__person__anvandare=user,
        sammantrade__organ__uppdrag__fran__lte=F("sammantrade__datum"),
    ).exists()


def hemlig_skrivelse(punkt: Dagordningspunkt) -> list:
    """The secret-marked handlingar registering the item's tjänsteskrivelse: while there
    are any, the memo is secret underlag (one rule for the page, its PDF and the bundle)."""
    if punkt.tjansteskrivelse_id is None:
        return []
    return list(
        Handling.objects.filter(tjansteskrivelse_id=punkt.tjansteskrivelse_id)
        .exclude(sekretess_bestammelse="")
        .select_related("arende")
    )


def far_se_skrivelsen(user, punkt: Dagordningspunkt, hemliga=None) -> bool:
    hemliga = hemlig_skrivelse(punkt) if hemliga is None else hemliga
    return all(behorighet.kan_se_sekretess(user, h) for h in hemliga)


def logga_sekretessatkomst(user, handling, vad: str) -> None:
    """Log an opening of a secret handling, on the ground that allowed it."""
    grund = behorighet.sekretessgrund(user, handling)
    if grund is None:
        raise PermissionError("Ingen grund att se handlingen.")
    Sekretessatkomst.objects.create(anvandare=user, handling=handling, vad=vad, grund=grund)
