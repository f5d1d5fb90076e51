"""Plain factory functions: each makes one valid object and takes overrides."""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from arenden.models import Diarium, Organ, Riktning
from arenden.services import arenden as arendetjanst
from arenden.services import motioner as motionstjanst

_rakna = itertools.count(1)


def anvandare(*grupper: str, se_sekretess: bool = False, **falt):
    nummer = next(_rakna)
    falt.setdefault("username", f"anvandare{nummer}")
    falt.setdefault("first_name", "Test")
    falt.setdefault("last_name", f"Person {nummer}")
    user = get_user_model().objects.create_user(password="ett-langt-losenord-123", **falt)
    for namn in grupper:
        user.groups.add(Group.objects.get(name=namn))
    if se_sekretess:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="arenden", codename="se_sekretess")
        )
    return user


def organ(forkortning="RS", namn=None, typ=Organ.Typ.STYRELSE):
    return Organ.objects.get_or_create(
        forkortning=forkortning, defaults={"namn": namn or f"Organ {forkortning}", "typ": typ}
    )[0]


def diarium(prefix="RS", namn=None):
    return Diarium.objects.get_or_create(
        prefix=prefix, defaults={"namn": namn or f"Diarium {prefix}", "organ": organ(prefix)}
    )[0]


def arende(titel="Ett ärende om primärvården", *, anvandare_=None, prefix="RS", **falt):
    return arendetjanst.registrera_arende(
        diarium=diarium(prefix), titel=titel, anvandare=anvandare_, **falt
    )


def handling(arende_, *, anvandare_=None, **falt):
    falt.setdefault("riktning", Riktning.INKOMMANDE)
    falt.setdefault("datum", None)
    falt.setdefault("beskrivning", "Skrivelse om vårdgarantin")
    falt.setdefault("avsandare_mottagare", "Socialstyrelsen")
    return arendetjanst.registrera_handling(arende_, anvandare=anvandare_, **falt)


def motionsorgan():
    """Regionfullmäktige, Regionstyrelsen and its diarium: what a motion needs to exist."""
    rf = organ("RF", "Regionfullmäktige", Organ.Typ.FULLMAKTIGE)
    rs = organ("RS", "Regionstyrelsen", Organ.Typ.STYRELSE)
    diarium("RS", "Regionstyrelsens diarium")
    return rf, rs


def motion(
    titel="Motion om ny hälsoekonomisk budgetmodell",
    *,
    anvandare_=None,
    vackt: datetime.date | None = None,
    motionarer=None,
    yrkanden=None,
    **falt,
):
    motionsorgan()
    falt.setdefault("text", "Motionens text.")
    return motionstjanst.registrera_motion(
        anvandare=anvandare_,
        titel=titel,
        vackt=vackt or timezone.localdate(),
        motionarer=motionarer or [motionstjanst.NyPerson("Anna Hildebrand", "MP")],
        yrkanden=yrkanden
        or [
            "Region Jämtland Härjedalen upprättar en budget- och ersättningsmodell som "
            "stödjer en hälsoorienterad verksamhetsutveckling."
        ],
        **falt,
    )


def tjansteskrivelse(arende_, *, anvandare_=None, **falt):
    from arenden.services import tjansteskrivelser

    falt.setdefault("titel", "Yttrande över remiss om nära vård")
    falt.setdefault("attsatser", ["Regionstyrelsen antar yttrandet."])
    falt.setdefault("avsnitt", [("Ärendebeskrivning", "Remissen gäller **nära vård**.")])
    return tjansteskrivelser.skapa_tjansteskrivelse(arende_, anvandare=anvandare_, **falt)
