"""At the meeting and after: attendance, decisions under § numbers, justering, rättelse,
and the chain on to the next organ.

`registrera_beslut` is the one way a decision is recorded; what should follow a
decision (the case going on to fullmäktige, a motion being closed) hangs on
`_efter_beslut`, inside the same transaction.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from arenden.models import (
    Arende,
    Beslut,
    Beslutsyrkande,
    Dagordningspunkt,
    Jav,
    Justering,
    Motion,
    Narvaro,
    Organ,
    Person,
    Protokollsanteckning,
    Rattelse,
    Reservation,
    Rost,
    Sammantrade,
    Tjanstgoring,
    Utfall,
    Votering,
)
from arenden.models.beslut import MOTION_UTFALL
from arenden.services import historik, lasrum, motioner, motionsavslut, numrering
from arenden.services.sammantraden import (
    byt_status,
    inte_installt,
    justerade_paragrafer,
    justerat_text,
)

BESLUT_FALT = [
    "paragraf",
    "rubrik",
    "beslutstext",
    "utfall",
    "propositionsordning",
    "beslutsunderlag",
    "utdrag_till",
    "forslag_till",
    "justerad",
]


@dataclass
class Votes:
    """One vote as the form gives it: totals, or each member's vote when the roll was called."""

    fraga: str = ""
    ja: int = 0
    nej: int = 0
    avstar: int = 0
    roster: dict = field(default_factory=dict)  # Person -> "ja" | "nej" | "avstar"


def _las_sammantrade(pk) -> Sammantrade:
    return Sammantrade.objects.select_for_update().select_related("organ").get(pk=pk)


def _inte_importerat(sammantrade):
    if sammantrade.importerat:
        raise ValidationError(
            "Sammanträdet är inläst ur en källa. Källan innehåller inget protokoll, så "
            "inget protokollförs här."
        )


# --- attendance ----------------------------------------------------------------------


def ledamoter(sammantrade: Sammantrade):
    """The organ's members on the meeting day: ledamöter first, then ersättare."""
    return (
        lasrum.giltiga_uppdrag(sammantrade.organ, sammantrade.datum)
        .select_related("person")
        .order_by("roll", "person__namn")
    )


def registrera_narvaro(sammantrade: Sammantrade, rader: list[dict], *, anvandare) -> None:
    """Attendance as a whole: one row per member {person, narvarande, tjanstgor_for, anteckning}."""
    with transaction.atomic():
        sammantrade = _las_sammantrade(sammantrade.pk)
        _inte_importerat(sammantrade)
        inte_installt(sammantrade)
        if sammantrade.status in (Sammantrade.Status.JUSTERAT, Sammantrade.Status.ANSLAGET):
            raise ValidationError("Protokollet är justerat; närvaron är låst.")
        if sammantrade.status == Sammantrade.Status.PLANERAT:
            raise ValidationError("Kallelsen har inte skickats; närvaro registreras vid mötet.")
        justerade = justerade_paragrafer(sammantrade)
        if justerade:
            # The attendance is printed in the header of every §, the justerad ones too.
            raise ValidationError(
                f"{justerat_text(justerade)} och anger vilka som var närvarande. Närvaron "
                "kan inte ändras nu; en ersättare som tjänstgör i en senare paragraf anges i "
                "den paragrafens beslut."
            )
        uppdrag = {u.person_id: u for u in ledamoter(sammantrade)}
        fel = []
        ersatta = {}
        for rad in rader:
            person = rad["person"]
            if person.pk not in uppdrag:
                fel.append(f"{person} är inte ledamot eller ersättare i {sammantrade.organ}.")
                continue
            ersatter = rad.get("tjanstgor_for")
            if ersatter is None:
                continue
            if uppdrag[person.pk].roll != Narvaro.Roll.ERSATTARE:
                fel.append(f"{person} är ledamot och tjänstgör inte för någon annan.")
            elif ersatter.pk not in uppdrag or uppdrag[ersatter.pk].roll != Narvaro.Roll.LEDAMOT:
                fel.append(f"{ersatter} är inte ledamot i {sammantrade.organ}.")
            elif not rad.get("narvarande"):
                fel.append(f"{person} kan inte tjänstgöra utan att vara närvarande.")
            elif ersatter.pk in ersatta:
                fel.append(f"Två ersättare kan inte tjänstgöra för {ersatter}.")
            ersatta[ersatter.pk] = person
        narvarande = {r["person"].pk for r in rader if r.get("narvarande")}
        for ledamot_id, ersattare in ersatta.items():
            if ledamot_id in narvarande:
                fel.append(f"{ersattare} kan inte tjänstgöra för en ledamot som är närvarande.")
        if fel:
            raise ValidationError(fel)
        fore = _narvarosammanfattning(sammantrade)
        sammantrade.narvaro.all().delete()
        Narvaro.objects.bulk_create(
            Narvaro(
                sammantrade=sammantrade,
                person=rad["person"],
                roll=uppdrag[rad["person"].pk].roll,
                funktion=uppdrag[rad["person"].pk].funktion,
                narvarande=bool(rad.get("narvarande")),
                tjanstgor_for=rad.get("tjanstgor_for"),
                anteckning=(rad.get("anteckning") or "").strip(),
            )
            for rad in rader
        )
        efter = _narvarosammanfattning(sammantrade)
        if fore != efter:
            historik.logga(
                anvandare=anvandare,
                objekt=sammantrade,
                handelse="Närvaron registrerades",
                fore=fore,
                efter=efter,
            )


def _narvarosammanfattning(sammantrade) -> dict:
    rader = sammantrade.narvaro.select_related("person", "tjanstgor_for")
    return {
        "narvarande": sorted(str(n.person) for n in rader if n.narvarande),
        "tjanstgorande": sorted(
            f"{n.person} för {n.tjanstgor_for}" for n in rader if n.tjanstgor_for
        ),
    }


def beslutande(sammantrade: Sammantrade) -> list[Person]:
    """Present ledamöter and serving ersättare: who decides, unless jäv says otherwise."""
    return [
        n.person
        for n in sammantrade.narvaro.select_related("person")
        if n.narvarande and (n.roll == Narvaro.Roll.LEDAMOT or n.tjanstgor_for_id)
    ]


# --- the decision ----------------------------------------------------------------------


def forslagstext(innehall: dict) -> str:
    """The frozen proposal as the decision text's first draft (Markdown)."""
    attsatser = innehall.get("attsatser") or []
    delar = []
    if innehall.get("forslag_inledning"):
        delar.append(innehall["forslag_inledning"].strip())
    if len(attsatser) == 1:
        delar.append(attsatser[0])
    elif attsatser:
        delar.append(
            "\n".join(f"{i}. " + text.replace("\n", "\n   ") for i, text in enumerate(attsatser, 1))
        )
    return "\n\n".join(delar)


def forslag_till_organ(innehall: dict, organ: Organ) -> Organ | None:
    """The organ a proposal goes on to: "Regionstyrelsen föreslår regionfullmäktige …"."""
    inledning = (innehall.get("forslag_inledning") or "").lower()
    if "föreslår" not in inledning:
        return None
    efter = inledning.split("föreslår", 1)[1]
    for annat in Organ.objects.exclude(pk=organ.pk):
        if re.match(rf"\s*{re.escape(annat.namn.lower())}\b", efter):
            return annat
    return None


def standardunderlag_text(punkt: Dagordningspunkt) -> str:
    rader = []
    if punkt.fran_beslut_id:
        b = punkt.fran_beslut
        rader.append(
            f"{b.organ} {b.sammantrade.datum_text if b.sammantrade else b.ar} § {b.paragraf}"
        )
    version = punkt.tjansteskrivelse_version
    if version is not None:
        datum = version.innehall.get("datum") or ""
        rader.append(f"Tjänsteskrivelse {datum}".strip())
    rader += [h.beskrivning for h in punkt.underlag.filter(makulerad=False).order_by("lopnummer")]
    return "\n".join(rader)


# Approving or rejecting the proposal says nothing of the motion itself: fullmäktige's
# decision closes a motion only with a motion outcome, so these would leave it open.
FORSLAGSUTFALL = [Utfall.BIFALL, Utfall.AVSLAG]

# A procedural or information item has no proposal to approve or reject: its decision is
# its text ("Till justerare utses …"), kept with no outcome, or it is noted.
PUNKTUTFALL = ["", Utfall.ANTECKNING]


def _avgor(organ: Organ, motion: Motion) -> bool:
    # Fullmäktige decides a motion; a nämnd a medborgarförslag handed to it (as
    # motionsavslut.vid_beslut reads it).
    return organ.forkortning == motioner.FULLMAKTIGE or organ.pk == motion.delegerad_till_id


def _utfallsregel(punkt: Dagordningspunkt, organ: Organ, befintligt: Beslut | None):
    """What is wrong with an outcome for a decision on the item: (utfall -> text, the
    motion the decision answers or None).

    A motion outcome is for a motion or medborgarförslag, and only where it is decided;
    where it is decided, its motion outcome is required: bifall to a proposal that a
    motion "anses besvarad" would leave the motion open. The motion is open, or was
    closed by this very decision (recorded again before justering).
    """
    if punkt.typ != Dagordningspunkt.Typ.ARENDE:

        def punktfel(utfall: str) -> str:
            if utfall in PUNKTUTFALL:
                return ""
            return (
                f"{punkt.get_typ_display()}en har inget förslag att bifalla eller avslå. "
                "Välj ”Beslut enligt beslutstexten” eller ”Lades till handlingarna”."
            )

        return punktfel, None
    motion = None
    if punkt.arende_id:
        motion = (
            Motion.objects.select_related("arende__organ").filter(arende_id=punkt.arende_id).first()
        )
    motionsarende = punkt.arende_id and punkt.arende.typ in (
        Arende.Typ.MOTION,
        Arende.Typ.MEDBORGARFORSLAG,
    )
    avgors = motion is not None and _avgor(organ, motion)
    besvaras = avgors and (
        motion.oppen or (befintligt is not None and motion.beslut_id == befintligt.pk)
    )
    bereds = motion is not None and motion.oppen and not avgors

    def fel(utfall: str) -> str:
        if utfall not in Utfall.values:
            return "Välj beslutets utfall."
        if utfall in MOTION_UTFALL and not motionsarende:
            return "Utfallet gäller motioner och medborgarförslag; ärendet är inget sådant."
        slag = "medborgarförslaget" if motion and motion.ar_medborgarforslag else "motionen"
        if utfall in FORSLAGSUTFALL and besvaras:
            en = "ett medborgarförslag" if motion.ar_medborgarforslag else "en motion"
            return f"Välj bifallen, avslagen, anses besvarad eller avskriven för {en}."
        if utfall in MOTION_UTFALL and bereds:
            avgor = str(motion.arende.organ or "regionfullmäktige").lower()
            return (
                f"{organ} bereder {slag}, som avgörs av {avgor}. Välj bifall eller avslag "
                f"till förslaget; det är {avgor}s beslut som avslutar {slag}."
            )
        return ""

    return fel, motion if besvaras else None


def utfall_for(punkt: Dagordningspunkt, organ: Organ, befintligt: Beslut | None = None) -> dict:
    """The outcomes the decision form offers for the item, and what it says of any other:
    the rules `registrera_beslut` applies, motion outcomes first where they are required."""
    fel, besvaras = _utfallsregel(punkt, organ, befintligt)
    utfall = [u for u in Utfall if not fel(u)]
    hjalp = ""
    if not fel(""):
        hjalp = (
            "Skriv beslutet i beslutstexten, till exempel vilka som utses att justera "
            "protokollet, eller välj ”Lades till handlingarna” för det som anmäls."
        )
    if besvaras is not None:
        utfall.sort(key=lambda u: u not in MOTION_UTFALL)
        slag, oppen = (
            ("medborgarförslaget", "öppet")
            if besvaras.ar_medborgarforslag
            else ("motionen", "öppen")
        )
        hjalp = (
            f"Beslutet avslutar {slag}: välj bifallen, avslagen, anses besvarad eller "
            f"avskriven. Återremiss och bordläggning lämnar {slag} {oppen}."
        )
    nekade = [fel(u) for u in Utfall if fel(u)]
    return {
        "utfall": utfall,
        "utfall_fel": nekade[0] if nekade else "Välj beslutets utfall.",
        "utfall_hjalp": hjalp,
        # The decision's text alone, with no outcome: for items without a proposal.
        "utan_utfall": not fel(""),
    }


def hinder_for_beslut(sammantrade: Sammantrade, idag: datetime.date | None = None) -> str:
    """Why no decision can be recorded at the meeting now, or "" when it can: from the
    meeting day until the minutes are justerade. One rule for the form and the service."""
    idag = idag or timezone.localdate()
    if sammantrade.importerat:
        return (
            "Sammanträdet är inläst ur en källa. Källan innehåller inget protokoll, så "
            "inget protokollförs här."
        )
    if sammantrade.status == Sammantrade.Status.INSTALLT:
        return "Sammanträdet är inställt. Inga beslut protokollförs vid det."
    if sammantrade.status in (Sammantrade.Status.JUSTERAT, Sammantrade.Status.ANSLAGET):
        return (
            "Protokollet är justerat och inga beslut kan protokollföras eller ändras i "
            "det. Ett fel i en justerad paragraf rättas med en rättelse."
        )
    if sammantrade.status == Sammantrade.Status.PLANERAT:
        return (
            "Kallelsen har inte skickats. Beslut protokollförs vid ett sammanträde som har kallats."
        )
    if sammantrade.datum > idag:
        return (
            f"Sammanträdet är {sammantrade.datum:%Y-%m-%d}. Beslut protokollförs på "
            "sammanträdesdagen eller senare."
        )
    return ""


def registrera_beslut(
    punkt: Dagordningspunkt,
    *,
    anvandare,
    beslutstext: str,
    utfall: str,
    propositionsordning: str = "",
    beslutsunderlag: str = "",
    utdrag_till=(),
    yrkanden=(),
    voteringar=(),
    reservationer=(),
    jav=(),
    tjanstgoring=(),
    protokollsanteckningar=(),
    idag: datetime.date | None = None,
) -> Beslut:
    """Record (or, before justering, re-record) the decision on an agenda item.

    The § number is allocated the first time, per organ and year, in this
    transaction. `yrkanden` and `protokollsanteckningar` are (Person | None, text),
    `reservationer` (Person, motivering), `jav` Persons, `tjanstgoring`
    (ersättare, ledamot | None), `voteringar` Votes.
    """
    idag = idag or timezone.localdate()
    beslutstext = (beslutstext or "").strip()
    with transaction.atomic():
        sammantrade = _las_sammantrade(punkt.sammantrade_id)
        punkt = Dagordningspunkt.objects.select_related(
            "arende", "tjansteskrivelse_version", "fran_beslut__organ"
        ).get(pk=punkt.pk)
        if hinder := hinder_for_beslut(sammantrade, idag):
            raise ValidationError(hinder)
        befintligt = Beslut.objects.select_for_update().filter(dagordningspunkt=punkt).first()
        if befintligt is not None and befintligt.justerad:
            raise ValidationError(
                f"§ {befintligt.paragraf} är justerad och kan inte ändras. "
                "Registrera en rättelse i stället."
            )
        fel = {}
        if not beslutstext:
            fel["beslutstext"] = "Skriv beslutet."
        if utfallsfel := _utfallsregel(punkt, sammantrade.organ, befintligt)[0](utfall):
            fel["utfall"] = utfallsfel
        if fel:
            raise ValidationError(fel)
        _kontrollera_deltagare(sammantrade, jav, tjanstgoring, voteringar, reservationer)

        innehall = punkt.tjansteskrivelse_version.innehall if punkt.tjansteskrivelse_version else {}
        fore = _sammanfattning(befintligt) if befintligt else None
        beslut = befintligt or Beslut(
            organ=sammantrade.organ,
            ar=sammantrade.datum.year,
            paragraf=numrering.nasta_nummer(
                numrering.paragrafserie(sammantrade.organ.forkortning), sammantrade.datum.year
            ),
            sammantrade=sammantrade,
            dagordningspunkt=punkt,
            arende=punkt.arende,
            registrerad_av=anvandare if getattr(anvandare, "is_authenticated", False) else None,
        )
        beslut.rubrik = punkt.rubrik
        beslut.forslag = forslagstext(innehall)
        beslut.beslutstext = beslutstext
        beslut.utfall = utfall
        beslut.propositionsordning = (propositionsordning or "").strip()
        beslut.beslutsunderlag = (beslutsunderlag or "").strip()
        beslut.utdrag_till = [m.strip() for m in utdrag_till if m and m.strip()]
        beslut.forslag_till = (
            forslag_till_organ(innehall, sammantrade.organ) if utfall == Utfall.BIFALL else None
        )
        beslut.save()
        _spara_delar(
            beslut, yrkanden, voteringar, reservationer, jav, tjanstgoring, protokollsanteckningar
        )
        efter = _sammanfattning(beslut)
        historik.logga(
            anvandare=anvandare,
            objekt=beslut,
            arende=beslut.arende,
            handelse=(
                f"Beslut {beslut} protokollfördes"
                if befintligt is None
                else f"Beslut {beslut} ändrades före justering"
            ),
            fore=fore,
            efter=efter,
        )
        if sammantrade.status == Sammantrade.Status.KALLELSE_SKICKAD:
            byt_status(
                sammantrade,
                Sammantrade.Status.GENOMFORT,
                anvandare=anvandare,
                handelse="Sammanträdet hölls",
            )
        _efter_beslut(beslut, anvandare)
    return beslut


def _efter_beslut(beslut: Beslut, anvandare) -> None:
    """What follows a decision, in its transaction. The chain to the next organ is read
    from `beslut.forslag_till` by its queue; further consequences (a motion closed)
    are added here."""
    # Fullmäktige's decision with a motion outcome closes the motion; a motion already
    # closed by another decision refuses it, and with it this recording.
    motionsavslut.vid_beslut(beslut, anvandare=anvandare)


def _kontrollera_deltagare(sammantrade, jav, tjanstgoring, voteringar, reservationer):
    uppdrag = {u.person_id: u for u in ledamoter(sammantrade)}
    javiga = {p.pk for p in jav}
    fel = []
    for person in jav:
        if person.pk not in uppdrag:
            fel.append(f"{person} är inte ledamot eller ersättare i {sammantrade.organ}.")
    for ersattare, ersatter in tjanstgoring:
        if ersattare.pk not in uppdrag or uppdrag[ersattare.pk].roll != Narvaro.Roll.ERSATTARE:
            fel.append(f"{ersattare} är inte ersättare i {sammantrade.organ}.")
        if ersatter is not None and (
            ersatter.pk not in uppdrag or uppdrag[ersatter.pk].roll != Narvaro.Roll.LEDAMOT
        ):
            fel.append(f"{ersatter} är inte ledamot i {sammantrade.organ}.")
        if ersattare.pk in javiga:
            fel.append(f"{ersattare} har anmält jäv och kan inte tjänstgöra i paragrafen.")
    deltar = {p.pk for p in beslutande(sammantrade)} | {e.pk for e, _ in tjanstgoring}
    # Ledamöter replaced for this § do not take part in it.
    deltar -= {ersatter.pk for _, ersatter in tjanstgoring if ersatter is not None}
    deltar -= javiga
    narvaro_finns = sammantrade.narvaro.exists()
    for votes in voteringar:
        for person in votes.roster:
            if person.pk in javiga:
                fel.append(f"{person} har anmält jäv och deltar inte i beslutet.")
            elif narvaro_finns and person.pk not in deltar:
                fel.append(f"{person} tjänstgör inte i paragrafen och kan inte rösta.")
        if min(votes.ja, votes.nej, votes.avstar) < 0:
            fel.append("Antalet röster kan inte vara negativt.")
        antal = votes.ja + votes.nej + votes.avstar
        if narvaro_finns and antal > len(deltar):
            fel.append(f"Voteringen har {antal} röster men bara {len(deltar)} ledamöter tjänstgör.")
    for person, _motivering in reservationer:
        if person.pk in javiga:
            fel.append(f"{person} har anmält jäv och kan inte reservera sig.")
        elif narvaro_finns and person.pk not in deltar:
            fel.append(f"{person} deltog inte i beslutet och kan inte reservera sig.")
    if fel:
        raise ValidationError(list(dict.fromkeys(fel)))


def _spara_delar(beslut, yrkanden, voteringar, reservationer, jav, tjanstgoring, anteckningar):
    for relaterade in (
        beslut.yrkanden,
        beslut.reservationer,
        beslut.jav,
        beslut.tjanstgoring,
        beslut.protokollsanteckningar,
    ):
        relaterade.all().delete()
    Rost.objects.filter(votering__beslut=beslut).delete()
    beslut.voteringar.all().delete()
    Beslutsyrkande.objects.bulk_create(
        Beslutsyrkande(beslut=beslut, ordning=i, person=person, text=text.strip())
        for i, (person, text) in enumerate(yrkanden, start=1)
    )
    for i, votes in enumerate(voteringar, start=1):
        if votes.roster:
            # Called by name: the totals are the members' votes, not typed separately.
            varden = list(votes.roster.values())
            votes.ja, votes.nej, votes.avstar = (
                varden.count("ja"),
                varden.count("nej"),
                varden.count("avstar"),
            )
        votering = Votering.objects.create(
            beslut=beslut, ordning=i, fraga=votes.fraga.strip(), ja=votes.ja, nej=votes.nej,
            avstar=votes.avstar,
        )  # fmt: skip
        Rost.objects.bulk_create(
            Rost(votering=votering, person=person, rost=rost)
            for person, rost in votes.roster.items()
        )
    Reservation.objects.bulk_create(
        Reservation(beslut=beslut, person=person, motivering=(motivering or "").strip())
        for person, motivering in reservationer
    )
    Jav.objects.bulk_create(Jav(beslut=beslut, person=person) for person in jav)
    Tjanstgoring.objects.bulk_create(
        Tjanstgoring(beslut=beslut, ersattare=ersattare, ersatter=ersatter)
        for ersattare, ersatter in tjanstgoring
    )
    Protokollsanteckning.objects.bulk_create(
        Protokollsanteckning(beslut=beslut, ordning=i, person=person, text=text.strip())
        for i, (person, text) in enumerate(anteckningar, start=1)
    )


def _sammanfattning(beslut: Beslut) -> dict:
    data = historik.ogonblicksbild(beslut, BESLUT_FALT)
    data["yrkanden"] = [str(y) for y in beslut.yrkanden.select_related("person")]
    data["voteringar"] = [str(v) for v in beslut.voteringar.all()]
    data["reservationer"] = [str(r.person) for r in beslut.reservationer.select_related("person")]
    data["jav"] = [str(j.person) for j in beslut.jav.select_related("person")]
    data["tjanstgoring"] = [str(t) for t in beslut.tjanstgoring.select_related("ersattare")]
    data["protokollsanteckningar"] = [a.text for a in beslut.protokollsanteckningar.all()]
    return data


# --- justering and rättelse --------------------------------------------------------------


def registrera_justering(
    sammantrade: Sammantrade,
    *,
    anvandare,
    justerad: datetime.date,
    justerare,
    forvaringsplats: str,
    beslut=None,
    omedelbar: bool = False,
    anslag_uppsatt: datetime.date | None = None,
    idag: datetime.date | None = None,
) -> Justering:
    """Justera the minutes, or one § at once (omedelbar justering), and lock what it covers.

    `beslut` None means every decision not yet justerad. With `anslag_uppsatt` the
    notice goes on the anslagstavla in the same transaction.
    """
    from arenden.services import anslag

    idag = idag or timezone.localdate()
    justerare = list(justerare)
    with transaction.atomic():
        sammantrade = _las_sammantrade(sammantrade.pk)
        _inte_importerat(sammantrade)
        ojusterade = sammantrade.beslut.select_for_update().filter(justerad=False)
        valda = list(
            ojusterade if beslut is None else ojusterade.filter(pk__in=[b.pk for b in beslut])
        )
        if beslut is not None and len(valda) != len(set(beslut)):
            raise ValidationError("Någon av paragraferna är redan justerad eller hör inte hit.")
        if not valda:
            raise ValidationError("Det finns inga ojusterade beslut att justera.")
        fel = {}
        if justerad < sammantrade.datum:
            fel["justerad"] = "Protokollet kan inte justeras före sammanträdet."
        elif justerad > idag:
            fel["justerad"] = "Justeringsdagen kan inte ligga i framtiden."
        if not justerare:
            fel["justerare"] = "Ange vem eller vilka som justerade protokollet."
        if not (forvaringsplats or "").strip():
            fel["forvaringsplats"] = "Ange var protokollet förvaras."
        if fel:
            raise ValidationError(fel)
        resten = ojusterade.exclude(pk__in=[b.pk for b in valda]).exists()
        justering = Justering.objects.create(
            sammantrade=sammantrade,
            justerad=justerad,
            omedelbar=omedelbar or resten,
            forvaringsplats=forvaringsplats.strip(),
            registrerad_av=anvandare if getattr(anvandare, "is_authenticated", False) else None,
        )
        justering.beslut.set(valda)
        justering.justerare.set(justerare)
        Beslut.objects.filter(pk__in=[b.pk for b in valda]).update(justerad=True)
        paragrafer = sorted(b.paragraf for b in valda)
        vad = {
            "paragrafer": paragraf_text(paragrafer),
            "justerad": f"{justerad:%Y-%m-%d}",
            "justerare": [str(p) for p in justerare],
        }
        for b in valda:
            historik.logga(
                anvandare=anvandare,
                objekt=b,
                arende=b.arende,
                handelse=f"Beslut {b} justerades",
                efter={"justerad": f"{justerad:%Y-%m-%d}"},
            )
        # An omedelbar justering of the last decision so far leaves the meeting open
        # while cases on its agenda are still undecided: it goes on, and records more.
        oavgjorda = (
            omedelbar
            and sammantrade.dagordning.filter(
                typ=Dagordningspunkt.Typ.ARENDE, beslut__isnull=True
            ).exists()
        )
        # One act, one entry in the meeting's history: the justering that completes the
        # minutes records the meeting's new state with it.
        handelse = "Omedelbar justering" if justering.omedelbar else "Protokollet justerades"
        klart = not resten and not oavgjorda and sammantrade.status == Sammantrade.Status.GENOMFORT
        if klart:
            byt_status(
                sammantrade,
                Sammantrade.Status.JUSTERAT,
                anvandare=anvandare,
                handelse=handelse,
                efter=vad,
            )
        else:
            historik.logga(anvandare=anvandare, objekt=sammantrade, handelse=handelse, efter=vad)
        if anslag_uppsatt is not None:
            anslag._anslaa(justering, anslag_uppsatt, anvandare)
    _bestall_utdrag(valda, anvandare)
    return justering


def _bestall_utdrag(beslut, anvandare) -> None:
    from arenden import tasks

    anvandare_id = anvandare.pk if getattr(anvandare, "is_authenticated", False) else None
    for b in beslut:
        if b.arende_id and b.utdrag_till:
            tasks.skapa_protokollsutdrag.enqueue(b.pk, anvandare_id)


def registrera_rattelse(beslut: Beslut, *, anvandare, text: str, skal: str) -> Rattelse:
    """A correction of a justerad §: kept beside it, visible, never written over it."""
    fel = {}
    if not (text or "").strip():
        fel["text"] = "Skriv vad som rättas."
    if not (skal or "").strip():
        fel["skal"] = "Ange skälet till rättelsen."
    if fel:
        raise ValidationError(fel)
    with transaction.atomic():
        beslut = Beslut.objects.select_for_update().get(pk=beslut.pk)
        if beslut.importerad:
            raise ValidationError("Beslutet är inläst ur en källa och rättas inte här.")
        if not beslut.justerad:
            raise ValidationError(
                f"§ {beslut.paragraf} är inte justerad ännu; ändra beslutet i stället."
            )
        rattelse = Rattelse.objects.create(
            beslut=beslut,
            text=text.strip(),
            skal=skal.strip(),
            registrerad_av=anvandare if getattr(anvandare, "is_authenticated", False) else None,
        )
        historik.logga(
            anvandare=anvandare,
            objekt=beslut,
            arende=beslut.arende,
            handelse=f"Rättelse av {beslut}",
            efter={"rattelse": rattelse.text, "skal": rattelse.skal},
        )
    return rattelse


def paragraf_text(paragrafer) -> str:
    """§§ as the minutes write them: "§ 4", "§§ 1–22", "§§ 1–3, 7"."""
    nummer = sorted(p for p in paragrafer if p is not None)
    if not nummer:
        return ""
    if len(nummer) == 1:
        return f"§ {nummer[0]}"
    serier, start, forra = [], nummer[0], nummer[0]
    for n in nummer[1:] + [None]:
        if n is not None and n == forra + 1:
            forra = n
            continue
        serier.append(f"{start}–{forra}" if forra != start else f"{start}")
        if n is not None:
            start = forra = n
    return "§§ " + ", ".join(serier)


# --- the chain to the next organ ----------------------------------------------------------


def ko(organ: Organ):
    """Decisions proposing to `organ` whose case is not yet on one of its agendas."""
    # A meeting called off gives its cases back to the queue: only the agendas of
    # meetings still to be held, or held, take a case out of it.
    pa_dagordning = (
        Dagordningspunkt.objects.filter(sammantrade__organ=organ, fran_beslut__isnull=False)
        .exclude(sammantrade__status=Sammantrade.Status.INSTALLT)
        .values("fran_beslut")
    )
    return (
        Beslut.objects.filter(forslag_till=organ)
        .exclude(pk__in=pa_dagordning)
        .select_related("organ", "sammantrade", "arende")
        .order_by("sammantrade__datum", "paragraf")
    )


def nasta_sammantrade(organ: Organ, idag: datetime.date | None = None) -> Sammantrade | None:
    idag = idag or timezone.localdate()
    return (
        organ.sammantraden.filter(datum__gte=idag, status=Sammantrade.Status.PLANERAT)
        .order_by("datum")
        .first()
    )
