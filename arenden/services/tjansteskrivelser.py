"""Tjänsteskrivelser: their content as one document, and its versions."""

from django.db import transaction
from django.db.models import Max

from arenden.models import Tjansteskrivelse, TjansteskrivelseVersion

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


def innehall(skrivelse: Tjansteskrivelse) -> dict:
    """The whole document as plain data: what a version freezes and a comparison reads."""
    data = {}
    for falt in HUVUDFALT:
        varde = getattr(skrivelse, falt)
        data[falt] = varde.isoformat() if hasattr(varde, "isoformat") else varde
    data["diarienummer"] = skrivelse.arende.diarienummer
    data["avsnitt"] = [
        {"rubrik": a.rubrik, "text": a.text} for a in skrivelse.avsnitt.order_by("ordning")
    ]
    data["attsatser"] = [a.text for a in skrivelse.attsatser.order_by("ordning")]
    data["undertecknare"] = [
        {"namn": u.namn, "titel": u.titel} for u in skrivelse.undertecknare.order_by("ordning")
    ]
    data["utdrag_till"] = [u.mottagare for u in skrivelse.utdrag_till.order_by("ordning")]
    return data


def skapa_version(skrivelse: Tjansteskrivelse, *, anvandare, anledning: str):
    with transaction.atomic():
        senaste = skrivelse.versioner.aggregate(m=Max("nummer"))["m"] or 0
        return TjansteskrivelseVersion.objects.create(
            tjansteskrivelse=skrivelse,
            nummer=senaste + 1,
            innehall=innehall(skrivelse),
            anledning=anledning,
            skapad_av=anvandare if getattr(anvandare, "is_authenticated", False) else None,
        )
