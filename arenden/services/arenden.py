"""Registration of cases and handlingar (OSL 5 kap 1–2 §§): without delay, with a number."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from arenden.diarienummer import Diarienummer
from arenden.models import Arende, Diarium, Handling, Motion
from arenden.services import historik, numrering, sok

ARENDE_FALT = [
    "diarienummer",
    "titel",
    "publik_titel",
    "typ",
    "status",
    "organ",
    "handlaggare",
    "avslutad",
    "anteckning",
]


def rensa_titel(titel: str | None) -> str:
    """A title as it is kept: runs of spaces, tabs and line breaks (pasted from Word or
    e-mail) as one space, none at the ends, so it reads and is found as it was meant."""
    return " ".join((titel or "").split())


def registrera_arende(
    *,
    diarium: Diarium,
    titel: str,
    anvandare,
    publik_titel: str = "",
    typ: str = Arende.Typ.ARENDE,
    organ=None,
    handlaggare=None,
    anteckning: str = "",
    kalla: str = "",
    nummer: Diarienummer | None = None,
) -> Arende:
    """Register a case and give it the next diarienummer of its diarium and year.

    `nummer` is only for importing a case that already carries a number from the
    source documents; that number is then reserved so it is never handed out again.
    """
    titel = rensa_titel(titel)
    if not titel:
        raise ValidationError({"titel": "Ange ärendets titel."})
    with transaction.atomic():
        if nummer is None:
            ar = numrering.aktuellt_ar()
            lopnummer = numrering.nasta_nummer(numrering.diarieserie(diarium.prefix), ar)
        else:
            if nummer.prefix != diarium.prefix:
                raise ValidationError("Diarienumrets prefix hör inte till diariet.")
            ar, lopnummer = nummer.ar, nummer.lopnummer
            numrering.reservera_nummer(numrering.diarieserie(diarium.prefix), ar, lopnummer)
        arende = Arende.objects.create(
            diarium=diarium,
            ar=ar,
            lopnummer=lopnummer,
            diarienummer=str(Diarienummer(diarium.prefix, lopnummer, ar)),
            titel=titel,
            publik_titel=rensa_titel(publik_titel) or titel,
            typ=typ,
            organ=organ,
            handlaggare=handlaggare,
            registrerad_av=anvandare if getattr(anvandare, "is_authenticated", False) else None,
            anteckning=anteckning,
            kalla=kalla,
        )
        historik.logga(
            anvandare=anvandare,
            objekt=arende,
            arende=arende,
            handelse="Ärendet registrerades",
            efter=historik.ogonblicksbild(arende, ARENDE_FALT),
        )
        sok.uppdatera(arende)
    return arende


def andra_arende(arende: Arende, *, anvandare, handelse: str = "Ärendet ändrades", **andringar):
    """Change a case's fields with the before and after in the history."""
    falt = [f for f in andringar if f in ARENDE_FALT]
    if len(falt) != len(andringar) or "diarienummer" in andringar:
        raise ValueError(f"Fält som inte får ändras: {set(andringar) - set(falt)}")
    with transaction.atomic():
        arende = Arende.objects.select_for_update().get(pk=arende.pk)
        fore = historik.ogonblicksbild(arende, falt)
        for namn, varde in andringar.items():
            setattr(arende, namn, varde)
        arende.full_clean()
        arende.save(update_fields=falt)
        efter = historik.ogonblicksbild(arende, falt)
        if fore != efter:
            historik.logga(
                anvandare=anvandare,
                objekt=arende,
                arende=arende,
                handelse=handelse,
                fore=fore,
                efter=efter,
            )
            sok.uppdatera(arende)
    return arende


HANDLING_FALT = [
    "lopnummer",
    "riktning",
    "datum",
    "avsandare_mottagare",
    "avsandare_privatperson",
    "beskrivning",
    "filnamn",
    "filtyp",
    "filstorlek",
    "sha256",
    "sekretess_bestammelse",
    "sekretess_datum",
    "sekretess_myndighet",
    "sekretess_satt_av",
    "makulerad",
    "makulerad_orsak",
]


def registrera_handling(
    arende: Arende,
    *,
    anvandare,
    riktning: str,
    datum: datetime.date | None,
    beskrivning: str,
    avsandare_mottagare: str = "",
    avsandare_privatperson: bool = False,
    tjansteskrivelse=None,
    fil=None,
    sekretess: dict | None = None,
) -> Handling:
    """Register a handling in a case under the next number within the case.

    `fil` is an already validated uploaded file (see forms); its bytes are kept
    through the storage API under a random name. `sekretess` (the arguments of
    services.sekretess.markera) marks it in the same transaction, so a secret
    document is never visible unmarked.
    """
    beskrivning = (beskrivning or "").strip()
    if not beskrivning:
        raise ValidationError({"beskrivning": "Ange kort vad handlingen gäller."})
    lagrad = None
    try:
        with transaction.atomic():
            # Locking the case serialises numbering within it.
            arende = Arende.objects.select_for_update().get(pk=arende.pk)
            senaste = arende.handlingar.order_by("-lopnummer").values_list("lopnummer", flat=True)
            lopnummer = (senaste.first() or 0) + 1
            handling = Handling(
                arende=arende,
                lopnummer=lopnummer,
                riktning=riktning,
                datum=datum or timezone.localdate(),
                beskrivning=beskrivning,
                avsandare_mottagare=(avsandare_mottagare or "").strip(),
                avsandare_privatperson=avsandare_privatperson,
                registrerad_av=anvandare if getattr(anvandare, "is_authenticated", False) else None,
                tjansteskrivelse=tjansteskrivelse,
            )
            if fil is not None:
                from arenden.services.filer import spara_fil

                spara_fil(handling, fil)
                lagrad = handling.fil
            handling.save()
            historik.logga(
                anvandare=anvandare,
                objekt=handling,
                arende=arende,
                handelse=f"Handling {handling.beteckning} registrerades",
                efter=historik.ogonblicksbild(handling, HANDLING_FALT),
            )
            if sekretess:
                from arenden.services import sekretess as sekretesstjanst

                # Writes its own history entry and the search documents.
                handling = sekretesstjanst.markera(handling, anvandare=anvandare, **sekretess)
            else:
                sok.uppdatera(arende)
    except BaseException:
        # The row was rolled back: a stored file would be an orphan that no one can reach
        # or account for. (A caller's own transaction rolling back later is not seen here.)
        if lagrad is not None:
            lagrad.storage.delete(lagrad.name)
        raise
    return handling


def byt_handlaggare(arende: Arende, *, anvandare, handlaggare) -> Arende:
    return andra_arende(
        arende, anvandare=anvandare, handelse="Handläggaren byttes", handlaggare=handlaggare
    )


def satt_publik_titel(arende: Arende, *, anvandare, publik_titel: str) -> Arende:
    """The title the public diary shows; it may differ from the internal one (DESIGN §2)."""
    publik_titel = rensa_titel(publik_titel)
    if not publik_titel:
        raise ValidationError({"publik_titel": "Ange den publika titeln."})
    return andra_arende(
        arende, anvandare=anvandare, handelse="Publika titeln ändrades", publik_titel=publik_titel
    )


def ratta_arende(arende: Arende, *, anvandare, titel: str, organ, typ: str) -> Arende:
    """Correct what was registered wrongly: the title, the deciding organ, the case type.

    The diarienummer stays: it was given once and is never changed or reused. A public
    title that was the title (none set of its own) follows the corrected title, as it
    would have at registration. A motion's or medborgarförslag's case keeps its type,
    since the motion's own record (its deadline, its outcome) depends on it.
    """
    titel = rensa_titel(titel)
    fel = {}
    if not titel:
        fel["titel"] = "Ange ärendets titel."
    if typ not in Arende.Typ.values:
        fel["typ"] = "Välj en av ärendetyperna i listan."
    if fel:
        raise ValidationError(fel)
    with transaction.atomic():
        # Read from the locked row: a public title set a moment ago must not be overwritten.
        nu = Arende.objects.select_for_update().get(pk=arende.pk)
        if typ != nu.typ and Motion.objects.filter(arende=nu).exists():
            raise ValidationError(
                {
                    "typ": "Ärendet hör till en registrerad motion eller ett medborgarförslag "
                    "och behåller sin ärendetyp."
                }
            )
        andringar = {"titel": titel, "organ": organ, "typ": typ}
        if nu.publik_titel == nu.titel:
            andringar["publik_titel"] = titel
        return andra_arende(nu, anvandare=anvandare, handelse="Ärendet rättades", **andringar)


def andra_status(arende: Arende, *, anvandare, status: str) -> Arende:
    """Pågående or vilande; closing goes through `avsluta_arende`, reopening clears the date."""
    if status == Arende.Status.AVSLUTAT:
        return avsluta_arende(arende, anvandare=anvandare)
    if status not in Arende.Status.values:
        raise ValidationError({"status": "Okänd status."})
    handelse = (
        "Ärendet återupptogs"
        if arende.status == Arende.Status.AVSLUTAT
        else "Ärendets status ändrades"
    )
    return andra_arende(
        arende, anvandare=anvandare, handelse=handelse, status=status, avslutad=None
    )


def avsluta_arende(arende: Arende, *, anvandare, datum: datetime.date | None = None) -> Arende:
    datum = datum or timezone.localdate()
    registrerad = Arende.objects.values_list("registrerad", flat=True).get(pk=arende.pk)
    if datum < timezone.localtime(registrerad).date():
        raise ValidationError({"datum": "Ett ärende kan inte avslutas innan det registrerades."})
    if datum > timezone.localdate():
        raise ValidationError({"datum": "Avslutsdatumet kan inte ligga i framtiden."})
    return andra_arende(
        arende,
        anvandare=anvandare,
        handelse="Ärendet avslutades",
        status=Arende.Status.AVSLUTAT,
        avslutad=datum,
    )


def makulera_handling(handling: Handling, *, anvandare, orsak: str) -> Handling:
    """Void a wrongly registered handling. It stays in the register, marked and explained."""
    orsak = (orsak or "").strip()
    if not orsak:
        raise ValidationError({"orsak": "Ange varför handlingen makuleras."})
    with transaction.atomic():
        handling = Handling.objects.select_for_update().select_related("arende").get(pk=handling.pk)
        if handling.makulerad:
            raise ValidationError("Handlingen är redan makulerad.")
        falt = ["makulerad", "makulerad_orsak"]
        fore = historik.ogonblicksbild(handling, falt)
        handling.makulerad = True
        handling.makulerad_orsak = orsak
        handling.makulerad_av = anvandare if getattr(anvandare, "is_authenticated", False) else None
        handling.makulerad_tid = timezone.now()
        handling.save(update_fields=[*falt, "makulerad_av", "makulerad_tid"])
        historik.logga(
            anvandare=anvandare,
            objekt=handling,
            arende=handling.arende,
            handelse=f"Handling {handling.beteckning} makulerades",
            fore=fore,
            efter=historik.ogonblicksbild(handling, falt),
        )
        sok.uppdatera(handling.arende)
    return handling
