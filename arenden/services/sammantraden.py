"""Meetings and their agenda: planning, the föredragningslista, and sending the kallelse.

Every state change goes through here, inside a transaction, with its history entry:
planerat → kallelse skickad → genomfört → protokoll justerat → anslaget, or, before
the meeting is held, inställt.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from arenden.models import (
    Arende,
    Beslut,
    Dagordningspunkt,
    Organ,
    Sammantrade,
    Tjansteskrivelse,
)
from arenden.services import historik, tjansteskrivelser

# The fixed procedural items of a föredragningslista, in their usual order.
PROCEDURPUNKTER = [
    "Upprop",
    "Val av justerare",
    "Godkännande av dagordning",
    "Anmälningsärenden",
    "Delegationsbeslut",
]

SAMMANTRADE_FALT = [
    "organ",
    "datum",
    "starttid",
    "sluttid",
    "plats",
    "ordforande",
    "sekreterare",
    "justering_plats",
    "justering_datum",
    "status",
    "kallelse_skickad",
    "kungjort",
    "installt_anledning",
]
PUNKT_FALT = ["ordning", "nummer", "typ", "rubrik", "arende", "offentlig", "notering"]

STATUSORDNING = [
    Sammantrade.Status.PLANERAT,
    Sammantrade.Status.KALLELSE_SKICKAD,
    Sammantrade.Status.GENOMFORT,
    Sammantrade.Status.JUSTERAT,
    Sammantrade.Status.ANSLAGET,
    # An end like anslaget: nothing follows it. Each service says so in its own words
    # (`inte_installt`) before it compares states.
    Sammantrade.Status.INSTALLT,
]


def fore(status: str, annan: str) -> bool:
    return STATUSORDNING.index(status) < STATUSORDNING.index(annan)


def _logga(sammantrade, anvandare, handelse, fore=None, efter=None, arende=None):
    historik.logga(
        anvandare=anvandare,
        objekt=sammantrade,
        arende=arende,
        handelse=handelse[:100],
        fore=fore,
        efter=efter,
    )


def _las(sammantrade: Sammantrade) -> Sammantrade:
    # Every change to a meeting or its agenda locks the meeting row first, so two
    # secretaries working on the same agenda queue instead of interleaving.
    return Sammantrade.objects.select_for_update().select_related("organ").get(pk=sammantrade.pk)


def _inte_importerat(sammantrade):
    if sammantrade.importerat:
        raise ValidationError(
            "Sammanträdet är inläst ur en källa och kan inte ändras här; "
            "källan är det som gäller för det."
        )


def inte_installt(sammantrade):
    if sammantrade.status == Sammantrade.Status.INSTALLT:
        raise ValidationError(
            f"Sammanträdet ställdes in {timezone.localtime(sammantrade.installt):%Y-%m-%d} "
            "och kan inte ändras. Planera ett nytt sammanträde."
        )


# --- meetings ------------------------------------------------------------------------


def skapa_sammantrade(
    *,
    organ: Organ,
    datum: datetime.date,
    anvandare,
    starttid=None,
    sluttid=None,
    plats: str = "",
    ordforande=None,
    sekreterare=None,
    justering_plats: str = "",
    justering_datum=None,
    justerare=(),
) -> Sammantrade:
    _kontrollera_tider(datum, starttid, sluttid, justering_datum)
    with transaction.atomic():
        sammantrade = Sammantrade.objects.create(
            organ=organ,
            datum=datum,
            starttid=starttid,
            sluttid=sluttid,
            plats=(plats or "").strip(),
            ordforande=ordforande,
            sekreterare=sekreterare,
            justering_plats=(justering_plats or "").strip(),
            justering_datum=justering_datum,
        )
        sammantrade.justerare.set(justerare)
        _logga(
            sammantrade,
            anvandare,
            "Sammanträdet planerades",
            efter=historik.ogonblicksbild(sammantrade, SAMMANTRADE_FALT),
        )
    return sammantrade


def andra_sammantrade(sammantrade: Sammantrade, *, anvandare, justerare=None, **andringar):
    falt = [f for f in andringar if f in SAMMANTRADE_FALT and f not in ("status", "organ")]
    if len(falt) != len(andringar):
        raise ValueError(f"Fält som inte får ändras: {set(andringar) - set(falt)}")
    with transaction.atomic():
        sammantrade = _las(sammantrade)
        _inte_importerat(sammantrade)
        inte_installt(sammantrade)
        if not fore(sammantrade.status, Sammantrade.Status.JUSTERAT):
            raise ValidationError("Protokollet är justerat; sammanträdets uppgifter är låsta.")
        _kontrollera_justerat_huvud(sammantrade, andringar)
        nya = {f: getattr(sammantrade, f) for f in SAMMANTRADE_FALT} | andringar
        _kontrollera_tider(nya["datum"], nya["starttid"], nya["sluttid"], nya["justering_datum"])
        if (
            "datum" in andringar
            and andringar["datum"] != sammantrade.datum
            and sammantrade.status != Sammantrade.Status.PLANERAT
        ):
            raise ValidationError(
                "Kallelsen är skickad med ett annat datum. Ställ in sammanträdet och "
                "planera ett nytt i stället för att flytta det i efterhand."
            )
        fore_ = historik.ogonblicksbild(sammantrade, SAMMANTRADE_FALT)
        fore_["justerare"] = sorted(str(p) for p in sammantrade.justerare.all())
        for namn, varde in andringar.items():
            setattr(sammantrade, namn, varde.strip() if isinstance(varde, str) else varde)
        sammantrade.save()
        if justerare is not None:
            sammantrade.justerare.set(justerare)
        efter = historik.ogonblicksbild(sammantrade, SAMMANTRADE_FALT)
        efter["justerare"] = sorted(str(p) for p in sammantrade.justerare.all())
        if fore_ != efter:
            _logga(sammantrade, anvandare, "Sammanträdets uppgifter ändrades", fore_, efter)
    return sammantrade


# What the header of a justerad § (its minutes and its extract) prints about the meeting.
# The planned justerare and the place and day of the justering still to come stay open.
JUSTERAT_HUVUD = {
    "datum": "datum",
    "starttid": "starttid",
    "plats": "plats",
    "ordforande": "ordförande",
    "sekreterare": "sekreterare",
}


def justerade_paragrafer(sammantrade: Sammantrade) -> list[int]:
    return sorted(
        p
        for p in sammantrade.beslut.filter(justerad=True).values_list("paragraf", flat=True)
        if p is not None
    )


def _kontrollera_justerat_huvud(sammantrade: Sammantrade, andringar: dict) -> None:
    """After an omedelbar justering the meeting's details in the justerad § are locked.

    The end time may still be filled in (the meeting goes on after a § justerad at
    once), but not changed once it is set.
    """
    andrade = [
        namn
        for falt, namn in JUSTERAT_HUVUD.items()
        if falt in andringar and _varde(andringar[falt]) != _varde(getattr(sammantrade, falt))
    ]
    if (
        "sluttid" in andringar
        and sammantrade.sluttid is not None
        and andringar["sluttid"] != sammantrade.sluttid
    ):
        andrade.append("sluttid")
    if not andrade:
        return
    justerade = justerade_paragrafer(sammantrade)
    if not justerade:
        return
    from arenden.services.motioner import svensk_upprakning

    raise ValidationError(
        f"{justerat_text(justerade)} och anger sammanträdets {svensk_upprakning(andrade)}. "
        "Det kan inte ändras nu; ett fel i en justerad paragraf rättas med en rättelse."
    )


def justerat_text(justerade: list[int]) -> str:
    """ "§ 4 är justerad", "§§ 1–3 är justerade"."""
    from arenden.services.beslut import paragraf_text

    return f"{paragraf_text(justerade)} är {'justerade' if len(justerade) > 1 else 'justerad'}"


def _varde(varde):
    return varde.strip() if isinstance(varde, str) else varde


def _kontrollera_tider(datum, starttid, sluttid, justering_datum):
    fel = {}
    if starttid and sluttid and sluttid <= starttid:
        fel["sluttid"] = "Sluttiden måste vara efter starttiden."
    if justering_datum and datum and justering_datum < datum:
        fel["justering_datum"] = "Protokollet kan inte justeras före sammanträdet."
    if fel:
        raise ValidationError(fel)


def byt_status(
    sammantrade: Sammantrade, ny: str, *, anvandare, handelse: str, efter: dict | None = None
) -> None:
    """Move a meeting on in its life; called inside the transaction that caused it.

    `efter` is what the act that moved it recorded (the §§ justerade, the anslag): one
    act, one history entry.
    """
    if sammantrade.status == ny:
        return
    fore_ = {"status": sammantrade.get_status_display()}
    sammantrade.status = ny
    sammantrade.save(update_fields=["status"])
    _logga(
        sammantrade,
        anvandare,
        handelse,
        fore_,
        {**(efter or {}), "status": sammantrade.get_status_display()},
    )


def kan_installas(sammantrade: Sammantrade) -> str:
    """Why the meeting cannot be called off, or "" when it can: before it is held."""
    if sammantrade.importerat:
        return "Sammanträdet är inläst ur en källa; källan är det som gäller för det."
    if sammantrade.status == Sammantrade.Status.INSTALLT:
        return f"Sammanträdet ställdes in {timezone.localtime(sammantrade.installt):%Y-%m-%d}."
    if (
        sammantrade.status not in (Sammantrade.Status.PLANERAT, Sammantrade.Status.KALLELSE_SKICKAD)
        or sammantrade.beslut.exists()
    ):
        return (
            "Sammanträdet har hållits: beslut är protokollförda under paragrafnummer. Ett "
            "sammanträde som har hållits kan inte ställas in."
        )
    return ""


def stall_in(sammantrade: Sammantrade, *, anvandare, anledning: str) -> Sammantrade:
    """Call the meeting off before it is held.

    Nothing is removed: the meeting and its agenda stay, marked inställt, so those who
    had the kallelse see what became of it. Its cases are free for a later meeting's
    agenda again (and fullmäktige's back in its queue).
    """
    anledning = (anledning or "").strip()
    if not anledning:
        raise ValidationError({"anledning": "Ange varför sammanträdet ställs in."})
    with transaction.atomic():
        sammantrade = _las(sammantrade)
        if hinder := kan_installas(sammantrade):
            raise ValidationError(hinder)
        fore_ = {"status": sammantrade.get_status_display()}
        sammantrade.status = Sammantrade.Status.INSTALLT
        sammantrade.installt = timezone.now()
        sammantrade.installt_anledning = anledning
        sammantrade.save(update_fields=["status", "installt", "installt_anledning"])
        punkter = list(
            sammantrade.dagordning.filter(typ=Dagordningspunkt.Typ.ARENDE)
            .exclude(arende=None)
            .select_related("arende")
            .order_by("ordning")
        )
        _logga(
            sammantrade,
            anvandare,
            "Sammanträdet ställdes in",
            fore_,
            {
                "status": sammantrade.get_status_display(),
                "anledning": anledning,
                "ärenden": [p.arende.diarienummer for p in punkter],
            },
        )
        # Each case's own history says it is free again; the meeting's says it once.
        for punkt in punkter:
            historik.logga(
                anvandare=anvandare,
                objekt=punkt.arende,
                arende=punkt.arende,
                handelse=f"{sammantrade} ställdes in; ärendet kan läggas på ett senare sammanträde",
                fore={"dagordning": f"{sammantrade}, punkt {punkt.nummer}"},
                efter={"anledning": anledning},
            )
    return sammantrade


# --- the agenda ----------------------------------------------------------------------


def _kan_andra_dagordning(sammantrade: Sammantrade) -> None:
    _inte_importerat(sammantrade)
    inte_installt(sammantrade)
    if not fore(sammantrade.status, Sammantrade.Status.JUSTERAT):
        raise ValidationError("Protokollet är justerat; dagordningen kan inte ändras.")


def _nasta_ordning(sammantrade) -> int:
    return (sammantrade.dagordning.aggregate(m=Max("ordning"))["m"] or 0) + 1


def automatiskt_nummer(nummer: str) -> bool:
    """A plain running number ("7") is the builder's; anything else ("7a", "7.1") was set
    by hand and is kept when items move."""
    return nummer == "" or nummer.isdigit()


def _nasta_nummer(sammantrade) -> str:
    # New items go last: the next running number, not counting those set by hand.
    nummer = sammantrade.dagordning.values_list("nummer", flat=True)
    return str(sum(1 for n in nummer if automatiskt_nummer(n)) + 1)


def _justerad_paragraf(punkt: Dagordningspunkt) -> Beslut | None:
    return Beslut.objects.filter(dagordningspunkt=punkt, justerad=True).first()


def klar_tjansteskrivelse(arende: Arende) -> Tjansteskrivelse | None:
    return (
        arende.tjansteskrivelser.filter(status=Tjansteskrivelse.Status.KLAR)
        .order_by("-skapad", "-pk")
        .first()
    )


def standardunderlag(arende: Arende, skrivelse: Tjansteskrivelse | None):
    """The case's PDF papers that go with the item: not voided, not the memo itself."""
    handlingar = arende.handlingar.filter(makulerad=False, filtyp="application/pdf")
    if skrivelse is not None:
        handlingar = handlingar.exclude(tjansteskrivelse=skrivelse)
    return handlingar


def arenden_att_lagga_till(sammantrade: Sammantrade):
    """Cases with a ready tjänsteskrivelse, for this organ, not yet on this agenda.

    A motion's case belongs to fullmäktige, which decides it, but the organ it is
    remitted to prepares it (and a nämnd may be handed a medborgarförslag to decide):
    that organ gets it on its agenda too.
    """
    organ = sammantrade.organ
    return (
        Arende.objects.filter(
            Q(organ=organ) | Q(motion__remitterad_till=organ) | Q(motion__delegerad_till=organ),
            tjansteskrivelser__status=Tjansteskrivelse.Status.KLAR,
            status=Arende.Status.PAGAENDE,
        )
        .exclude(pk__in=sammantrade.dagordning.exclude(arende=None).values("arende"))
        .distinct()
        .select_related("diarium")
        .order_by("-ar", "-lopnummer")
    )


def lagg_till_arende(
    sammantrade: Sammantrade,
    arende: Arende,
    *,
    anvandare,
    offentlig: bool = True,
    notering: str = "",
    fran_beslut=None,
    idag: datetime.date | None = None,
) -> Dagordningspunkt:
    with transaction.atomic():
        sammantrade = _las(sammantrade)
        _kan_andra_dagordning(sammantrade)
        if sammantrade.dagordning.filter(arende=arende).exists():
            raise ValidationError(f"{arende.diarienummer} finns redan på dagordningen.")
        skrivelse = klar_tjansteskrivelse(arende)
        if skrivelse is None:
            raise ValidationError(
                f"{arende.diarienummer} har ingen klar tjänsteskrivelse och kan inte "
                "läggas på dagordningen."
            )
        if fran_beslut is None:
            # Chosen from the list rather than the queue, a case another organ proposed
            # still carries that decision: it is beslutsunderlag, and it leaves the queue.
            from arenden.services.beslut import ko

            fran_beslut = ko(sammantrade.organ).filter(arende=arende).last()
        punkt = Dagordningspunkt.objects.create(
            sammantrade=sammantrade,
            ordning=_nasta_ordning(sammantrade),
            nummer=_nasta_nummer(sammantrade),
            typ=Dagordningspunkt.Typ.ARENDE,
            rubrik=arende.titel,
            arende=arende,
            tjansteskrivelse=skrivelse,
            offentlig=offentlig,
            notering=(notering or "").strip(),
            fran_beslut=fran_beslut,
        )
        punkt.underlag.set(standardunderlag(arende, skrivelse))
        if sammantrade.status != Sammantrade.Status.PLANERAT:
            # An item put on a kallelse already sent is frozen at once: the members
            # read it as it is now, not as it may be edited later.
            _ej_passerat(sammantrade, idag)
            _frys(punkt, anvandare)
        _logga(
            sammantrade,
            anvandare,
            f"{arende.diarienummer} lades på dagordningen",
            efter=historik.ogonblicksbild(punkt, PUNKT_FALT),
            arende=arende,
        )
    return punkt


def lagg_till_punkt(
    sammantrade: Sammantrade,
    *,
    anvandare,
    typ: str,
    rubrik: str,
    beskrivning: str = "",
    offentlig: bool = True,
    notering: str = "",
) -> Dagordningspunkt:
    """A procedural or information item."""
    rubrik = (rubrik or "").strip()
    if typ not in (Dagordningspunkt.Typ.PROCEDUR, Dagordningspunkt.Typ.INFORMATION):
        raise ValueError(typ)
    if not rubrik:
        raise ValidationError({"rubrik": "Ange punktens rubrik."})
    if typ == Dagordningspunkt.Typ.PROCEDUR and rubrik not in PROCEDURPUNKTER:
        raise ValidationError({"rubrik": "Välj en av de fasta procedurpunkterna."})
    with transaction.atomic():
        sammantrade = _las(sammantrade)
        _kan_andra_dagordning(sammantrade)
        if typ == Dagordningspunkt.Typ.PROCEDUR and sammantrade.dagordning.filter(
            typ=typ, rubrik=rubrik
        ):
            raise ValidationError({"rubrik": f"”{rubrik}” finns redan på dagordningen."})
        punkt = Dagordningspunkt.objects.create(
            sammantrade=sammantrade,
            ordning=_nasta_ordning(sammantrade),
            nummer=_nasta_nummer(sammantrade),
            typ=typ,
            rubrik=rubrik,
            beskrivning=(beskrivning or "").strip(),
            offentlig=offentlig,
            notering=(notering or "").strip(),
        )
        _logga(
            sammantrade,
            anvandare,
            f"”{rubrik}” lades på dagordningen",
            efter=historik.ogonblicksbild(punkt, PUNKT_FALT),
        )
    return punkt


def andra_punkt(
    punkt: Dagordningspunkt,
    *,
    anvandare,
    rubrik: str,
    nummer: str,
    offentlig: bool,
    notering: str,
    beskrivning: str = "",
    underlag=None,
) -> Dagordningspunkt:
    rubrik = (rubrik or "").strip()
    if not rubrik:
        raise ValidationError({"rubrik": "Ange punktens rubrik."})
    with transaction.atomic():
        sammantrade = _las(punkt.sammantrade)
        _kan_andra_dagordning(sammantrade)
        punkt = Dagordningspunkt.objects.get(pk=punkt.pk)
        justerad = _justerad_paragraf(punkt)
        if justerad is not None:
            raise ValidationError(
                f"Punkten är protokollförd som § {justerad.paragraf}, som är justerad: den "
                "kan inte ändras. Registrera en rättelse av paragrafen i stället."
            )
        nummer = (nummer or "").strip()
        if nummer and nummer != punkt.nummer:
            upptagen = sammantrade.dagordning.exclude(pk=punkt.pk).filter(nummer=nummer).first()
            if upptagen is not None:
                raise ValidationError(
                    {"nummer": f"Nummer {nummer} har redan punkten ”{upptagen.rubrik}”."}
                )
        fore_ = historik.ogonblicksbild(punkt, PUNKT_FALT)
        fore_["underlag"] = sorted(h.beteckning for h in punkt.underlag.all())
        punkt.rubrik = rubrik
        # An empty number gives the item back to the running numbers.
        punkt.nummer = nummer
        punkt.offentlig = offentlig
        punkt.notering = (notering or "").strip()
        punkt.beskrivning = (beskrivning or "").strip()
        punkt.save()
        if underlag is not None:
            if sammantrade.status != Sammantrade.Status.PLANERAT and set(underlag) != set(
                punkt.underlag.all()
            ):
                _ej_passerat(sammantrade, None)
            andra = [h for h in underlag if h.arende_id != punkt.arende_id]
            if andra:
                raise ValidationError({"underlag": "Underlaget måste höra till punktens ärende."})
            punkt.underlag.set(underlag)
        if fore_["nummer"] != nummer:
            numrering = _numreringen(sammantrade)
            _numrera(sammantrade)
            punkt.refresh_from_db()
            if automatiskt_nummer(nummer) and nummer and nummer != punkt.nummer:
                # A plain number is the item's place in the order; typed, it would be
                # rewritten at the next move. Say so rather than change it silently later.
                raise ValidationError(
                    {
                        "nummer": f"Punkten har löpnummer {punkt.nummer} efter sin plats. "
                        "Flytta punkten för att ändra det, ange ett eget nummer som "
                        f"”{punkt.nummer}a”, eller lämna fältet tomt."
                    }
                )
            efter_numrering = _numreringen(sammantrade)
            if _utom(numrering, punkt.pk) != _utom(efter_numrering, punkt.pk):
                # The running numbers after it moved too: say so with the whole list.
                _logga(
                    sammantrade,
                    anvandare,
                    "Dagordningen numrerades om",
                    {"ordning": [t for _, t in numrering]},
                    {"ordning": [t for _, t in efter_numrering]},
                )
        efter = historik.ogonblicksbild(punkt, PUNKT_FALT)
        efter["underlag"] = sorted(h.beteckning for h in punkt.underlag.all())
        if fore_ != efter:
            _logga(sammantrade, anvandare, f"Punkt {punkt.nummer} ändrades", fore_, efter)
    return punkt


def _numreringen(sammantrade) -> list[tuple[int, str]]:
    return [
        (p.pk, f"{p.nummer}. {p.rubrik}")
        for p in sammantrade.dagordning.order_by("ordning").only("pk", "nummer", "rubrik")
    ]


def _utom(numrering, pk):
    return [rad for rad in numrering if rad[0] != pk]


def ta_bort_punkt(punkt: Dagordningspunkt, *, anvandare) -> None:
    with transaction.atomic():
        sammantrade = _las(punkt.sammantrade)
        _kan_andra_dagordning(sammantrade)
        punkt = Dagordningspunkt.objects.get(pk=punkt.pk)
        if sammantrade.status != Sammantrade.Status.PLANERAT:
            raise ValidationError(
                "Kallelsen är skickad: punkten kan inte tas bort. Skriv i noteringen att den utgår."
            )
        fore_ = historik.ogonblicksbild(punkt, PUNKT_FALT)
        punkt.delete()
        _numrera(sammantrade)
        _logga(sammantrade, anvandare, f"”{punkt.rubrik}” togs bort från dagordningen", fore_)


def flytta(punkt: Dagordningspunkt, steg: int, *, anvandare) -> None:
    """Move an item one place up (-1) or down (+1): the keyboard's way to reorder."""
    with transaction.atomic():
        sammantrade = _las(punkt.sammantrade)
        if steg not in (-1, 1):
            raise ValueError(steg)
        ordning = list(sammantrade.dagordning.values_list("pk", flat=True))
        i = ordning.index(punkt.pk)
        j = i + steg
        if not 0 <= j < len(ordning):
            # A page out of date, or a disabled button posted without its script.
            plats = "första" if steg < 0 else "sista"
            raise ValidationError(
                f"”{punkt.rubrik}” är redan {plats} punkten och kan inte flyttas "
                f"{'uppåt' if steg < 0 else 'nedåt'}."
            )
        ordning[i], ordning[j] = ordning[j], ordning[i]
        _ordna(sammantrade, ordning, anvandare)


def ordna(sammantrade: Sammantrade, punkt_ids: list[int], *, anvandare) -> None:
    """Put the items in the given order: the mouse's way, by dragging."""
    with transaction.atomic():
        sammantrade = _las(sammantrade)
        _ordna(sammantrade, punkt_ids, anvandare)


def _ordna(sammantrade, punkt_ids, anvandare, idag=None):
    _kan_andra_dagordning(sammantrade)
    _kan_ordna_om(sammantrade, idag)
    punkter = {p.pk: p for p in sammantrade.dagordning.all()}
    if sorted(punkt_ids) != sorted(punkter):
        raise ValidationError("Ordningen stämmer inte med dagordningen; ladda om sidan.")
    fore_ = [
        f"{punkter[pk].nummer}. {punkter[pk].rubrik}"
        for pk in sorted(punkter, key=lambda pk: punkter[pk].ordning)
    ]
    for ordning, pk in enumerate(punkt_ids, start=1):
        punkter[pk].ordning = ordning
    Dagordningspunkt.objects.bulk_update(punkter.values(), ["ordning"])
    _numrera(sammantrade)
    efter = [f"{p.nummer}. {p.rubrik}" for p in sammantrade.dagordning.order_by("ordning")]
    if fore_ != efter:
        _logga(
            sammantrade,
            anvandare,
            "Dagordningen ordnades om",
            {"ordning": fore_},
            {"ordning": efter},
        )


def kan_ordnas_om(sammantrade, idag=None) -> bool:
    """Before the meeting the order may change, after the kallelse too (the bundle then
    shows it must be sent again); once the meeting is held, the agenda is what it was."""
    if sammantrade.status == Sammantrade.Status.PLANERAT:
        return True
    idag = idag or timezone.localdate()
    return fore(sammantrade.status, Sammantrade.Status.GENOMFORT) and sammantrade.datum >= idag


def _kan_ordna_om(sammantrade, idag=None):
    if not kan_ordnas_om(sammantrade, idag):
        raise ValidationError(
            "Sammanträdet har hållits: föredragningslistan är den som kallelsen hade. I vilken "
            "ordning ärendena behandlades framgår av paragraferna i protokollet."
        )


def _numrera(sammantrade):
    """Give the running numbers in the agenda's order; numbers set by hand are kept."""
    punkter = list(sammantrade.dagordning.order_by("ordning"))
    lopande = 0
    for i, punkt in enumerate(punkter, start=1):
        punkt.ordning = i
        if automatiskt_nummer(punkt.nummer):
            lopande += 1
            punkt.nummer = str(lopande)
    Dagordningspunkt.objects.bulk_update(punkter, ["ordning", "nummer"])


# --- the kallelse --------------------------------------------------------------------


def _ej_passerat(sammantrade, idag):
    idag = idag or timezone.localdate()
    if sammantrade.datum < idag:
        raise ValidationError(
            f"Sammanträdet {sammantrade.datum:%Y-%m-%d} har redan varit. "
            "En ny kallelse kan inte skickas till det."
        )


def _frys(punkt: Dagordningspunkt, anvandare) -> None:
    """Freeze the item's tjänsteskrivelse: a new version unless the last frozen one is equal."""
    skrivelse = punkt.tjansteskrivelse
    if skrivelse is None:
        return
    skrivelse = Tjansteskrivelse.objects.select_related("arende").get(pk=skrivelse.pk)
    if skrivelse.status != Tjansteskrivelse.Status.KLAR:
        raise ValidationError(
            f"Punkt {punkt.nummer} ({skrivelse.arende.diarienummer}): tjänsteskrivelsen "
            f"är inte klar ({skrivelse.get_status_display().lower()})."
        )
    nu = tjansteskrivelser.innehall(skrivelse)
    senaste = skrivelse.versioner.order_by("-nummer").first()
    if senaste is None or senaste.innehall != nu:
        sammantrade = punkt.sammantrade
        senaste = tjansteskrivelser.skapa_version(
            skrivelse,
            anvandare=anvandare,
            anledning=f"Kallelse till {sammantrade.organ} {sammantrade.datum:%Y-%m-%d}",
        )
    if punkt.tjansteskrivelse_version_id != senaste.pk:
        punkt.tjansteskrivelse_version = senaste
        punkt.save(update_fields=["tjansteskrivelse_version"])


def skicka_kallelse(sammantrade: Sammantrade, *, anvandare, idag=None) -> Sammantrade:
    """Freeze every item's tjänsteskrivelse and publish the meeting to the organ.

    Sending again before the meeting freezes what changed since (a new version) and
    leaves the rest as it was. All or nothing: one item that is not ready stops it.
    """
    idag = idag or timezone.localdate()
    with transaction.atomic():
        sammantrade = _las(sammantrade)
        _inte_importerat(sammantrade)
        inte_installt(sammantrade)
        if not fore(sammantrade.status, Sammantrade.Status.GENOMFORT):
            raise ValidationError("Sammanträdet är genomfört; kallelsen kan inte skickas igen.")
        _ej_passerat(sammantrade, idag)
        punkter = list(
            sammantrade.dagordning.select_related("tjansteskrivelse__arende", "arende").order_by(
                "ordning"
            )
        )
        if not punkter:
            raise ValidationError("Dagordningen är tom. Lägg till punkter innan kallelsen skickas.")
        fel = []
        for punkt in punkter:
            if punkt.typ != Dagordningspunkt.Typ.ARENDE:
                continue
            skrivelse = punkt.tjansteskrivelse
            if skrivelse is None:
                fel.append(f"Punkt {punkt.nummer} ({punkt.rubrik}) har ingen tjänsteskrivelse.")
            elif skrivelse.status != Tjansteskrivelse.Status.KLAR:
                fel.append(
                    f"Punkt {punkt.nummer} ({skrivelse.arende.diarienummer}): "
                    f"tjänsteskrivelsen är inte klar ({skrivelse.get_status_display().lower()})."
                )
        if fel:
            raise ValidationError(["Kallelsen skickades inte."] + fel)
        for punkt in punkter:
            _frys(punkt, anvandare)
        forsta = sammantrade.status == Sammantrade.Status.PLANERAT
        sammantrade.kallelse_skickad = timezone.now()
        if sammantrade.organ.typ == Organ.Typ.FULLMAKTIGE and sammantrade.kungjort is None:
            sammantrade.kungjort = idag
        sammantrade.save(update_fields=["kallelse_skickad", "kungjort"])
        if forsta:
            byt_status(
                sammantrade,
                Sammantrade.Status.KALLELSE_SKICKAD,
                anvandare=anvandare,
                handelse="Kallelsen skickades",
            )
        else:
            _logga(sammantrade, anvandare, "Kallelsen skickades på nytt")
    from arenden.services import kallelse

    kallelse.starta_bygge(sammantrade, anvandare=anvandare)
    return sammantrade


def underlag_for(punkt: Dagordningspunkt):
    return punkt.underlag.filter(makulerad=False).order_by("lopnummer")
