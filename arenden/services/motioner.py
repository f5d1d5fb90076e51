"""Motions and medborgarförslag: from väckt to answered (Kommunallagen 2017:725 5 kap 35 §).

Every rule about motions lives here once: the deadline, registration, the answering
tjänsteskrivelse, how far the beredning has come, the report's comments and when the
next report is due; closing, and telling a förslagsställare, is in motionsavslut.
Views, the start page, the PDF and the meetings' decision recording call these functions.
"""

import datetime
import textwrap
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce, Least
from django.utils import timezone

from arenden.models import (
    Arende,
    Diarium,
    Motion,
    Motionar,
    MotionTyp,
    Organ,
    Person,
    Riktning,
    Tjansteskrivelse,
    Yrkande,
)
from arenden.services import arenden as arendetjanst
from arenden.services import historik, tjansteskrivelser

DIARIUM = "RS"  # motions are registered in Regionstyrelsens diarium
FULLMAKTIGE = "RF"
STYRELSEN = "RS"
# How far ahead the list and the start page warn: two months gives the secretariat
# time to get a proposal through Regionstyrelsen before fullmäktige's meeting.
VARNING_DAGAR = 60

MOTION_FALT = [
    "typ",
    "titel",
    "text",
    "vackt",
    "besvaras_senast",
    "besvaras_senast_sammantrade",
    "remitterad_till",
    "delegerad_till",
    "utfall",
    "beslut",
    "avslutad",
    "avslut_anteckning",
    "redovisning_kommentar",
]


# --- The deadline ---------------------------------------------------------------------


def besvaras_senast(vackt: datetime.date) -> datetime.date:
    """The last day fullmäktige should decide: one year after the motion was väckt.

    A motion väckt on 29 February is due on 28 February the next year. That year has
    no 29 February; of the two neighbours, 28 February keeps the deadline inside the
    law's year, while 1 March would give a year and a day. It is also the common rule
    for periods counted in months or years: a period that would end on a day its last
    month lacks ends on that month's last day. The deadline is not moved off weekends
    and holidays: it is a target for fullmäktige's own work, not a time limit for
    someone to act towards the authority, so lag (1930:173) does not extend it.
    """
    try:
        return vackt.replace(year=vackt.year + 1)
    except ValueError:  # 29 February
        return vackt.replace(year=vackt.year + 1, day=28)


def frist(motion: Motion) -> datetime.date | None:
    """The date that counts: the legal deadline, or the earlier meeting the region set."""
    datum = [motion.besvaras_senast]
    if motion.besvaras_senast_sammantrade_id:
        datum.append(motion.besvaras_senast_sammantrade.datum)
    datum = [d for d in datum if d is not None]
    return min(datum) if datum else None


def med_frist(motioner: QuerySet[Motion]) -> QuerySet[Motion]:
    """`frist` as a column, the same rule as frist() so lists can filter and sort by it."""
    mote = F("besvaras_senast_sammantrade__datum")
    # Least() is NULL on SQLite when either side is; the Coalesces make both databases
    # take the earlier of the two known dates.
    return motioner.annotate(
        frist=Least(Coalesce(mote, F("besvaras_senast")), Coalesce(F("besvaras_senast"), mote))
    )


@dataclass(frozen=True)
class Fristlage:
    kod: str  # "forsenad", "snart", "" (neither), "okand"
    text: str


def fristlage(motion: Motion, idag: datetime.date | None = None) -> Fristlage:
    """Whether an open motion is overdue or due soon: the words the pages show."""
    if not motion.oppen:
        return Fristlage("", "")
    datum = getattr(motion, "frist", None) or frist(motion)
    if datum is None:
        # Shown in place of the date, so it says once why there is none.
        orsak = ": väckt-datum saknas" if motion.vackt is None else ""
        return Fristlage("okand", f"Frist okänd{orsak}")
    idag = idag or timezone.localdate()
    if datum < idag:
        dagar = (idag - datum).days
        return Fristlage("forsenad", f"Försenad {dagar} {'dag' if dagar == 1 else 'dagar'}")
    if datum <= idag + datetime.timedelta(days=VARNING_DAGAR):
        dagar = (datum - idag).days
        if dagar == 0:
            return Fristlage("snart", "Frist i dag")
        return Fristlage("snart", f"Frist om {dagar} {'dag' if dagar == 1 else 'dagar'}")
    return Fristlage("", "")


# --- Names, titles and the answer -------------------------------------------------------


def svensk_upprakning(delar: list[str]) -> str:
    """ "A (S), B (M) och C (V)": commas, and "och" before the last."""
    delar = [d for d in delar if d]
    if len(delar) <= 1:
        return "".join(delar)
    return f"{', '.join(delar[:-1])} och {delar[-1]}"


def motionarer_text(motion: Motion, *, publik: bool = False) -> str:
    """The motionärer as written in a memo's title: "Anna Hildebrand (MP)".

    A medborgarförslag's förslagsställare is a private person: where the text may be
    published (`publik`) only "privatperson" is written.
    """
    personer = [m.person for m in motion.motionarer.all()]
    if publik and any(p.privatperson for p in personer):
        return "Privatperson" if len(personer) == 1 else f"{len(personer)} privatpersoner"
    return svensk_upprakning([str(p) for p in personer])


_PREFIX = ("motion om ", "medborgarförslag om ", "om ")
_SLAGORD = ("motion", "medborgarförslag")


def _efter_slagordet(titel: str) -> str | None:
    """The title after a leading "Motion"/"Medborgarförslag" that the sentence goes on
    from ("om …", "angående …"), or None when the title does not start so."""
    forsta, _, rest = titel.partition(" ")
    rest = rest.strip()
    if forsta.lower() in _SLAGORD and rest[:1].islower():
        return rest
    return None


def amne(motion: Motion) -> str:
    """What the motion is about, for "… om <ämne>": the title less "Motion om".

    Only the prefix goes; the rest keeps the case it was typed in (place names,
    "Region Jämtland Härjedalen").
    """
    titel = motion.titel.strip()
    for prefix in _PREFIX:
        if titel.lower().startswith(prefix):
            return titel[len(prefix) :].strip()
    return titel


def _om_amnet(motion: Motion) -> str:
    # "om x", or "angående x" from "Motion angående x": never "om Motion angående x".
    rest = _efter_slagordet(motion.titel.strip())
    if rest is not None and not rest.lower().startswith("om "):
        return rest
    return f"om {amne(motion)}"


def titel_i_mening(motion: Motion) -> str:
    """The title as it reads inside a sentence: "Starta svar på motion om …".

    Only a leading "Motion"/"Medborgarförslag" is lowered, being a common noun there; the
    user's title is otherwise kept as typed. A title that does not begin with the word
    is quoted after it: "motionen ”Fler vårdplatser i Härjedalen”".
    """
    titel = motion.titel.strip()
    forsta, mellanrum, rest = titel.partition(" ")
    if forsta.lower() in _SLAGORD:
        return forsta.lower() + mellanrum + rest
    return f"{bestamd(motion).lower()} ”{titel}”"


def i_mening(namn: str) -> str:
    """An organ's name inside a sentence: "regionstyrelsen", but "SVOM" as it is.

    Only the first letter is lowered, and only for a common noun: not for an
    abbreviation, nor before a capitalised word ("Region Jämtland Härjedalens …").
    """
    namn = (namn or "").strip()
    forsta, _, rest = namn.partition(" ")
    if not forsta or forsta[1:] != forsta[1:].lower() or rest[:1].isupper():
        return namn
    return namn[0].lower() + namn[1:]


def svarstitel(motion: Motion) -> str:
    """The answering memo's title, as the region writes it (seed 000).

    A medborgarförslag's title leaves the förslagsställare out: the memo goes to
    fullmäktige's public agenda.
    """
    if motion.ar_medborgarforslag:
        return f"Svar på medborgarförslag {_om_amnet(motion)}"
    return f"Svar på motion från {motionarer_text(motion)} {_om_amnet(motion)}"


class Forslag:
    """The three answers the board may propose, and the att-sats each becomes."""

    BIFALLA = "bifalla"
    AVSLA = "avsla"
    ANSE_BESVARAD = "anse_besvarad"

    choices = [
        (BIFALLA, "Bifalla"),
        (AVSLA, "Avslå"),
        (ANSE_BESVARAD, "Anse besvarad"),
    ]


_ATTSATS = {
    Forslag.BIFALLA: "{} bifalls.",
    Forslag.AVSLA: "{} avslås.",
    Forslag.ANSE_BESVARAD: "{} anses besvarad.",
}
_ATTSATS_MEDBORGARFORSLAG = {
    Forslag.BIFALLA: "{} bifalls.",
    Forslag.AVSLA: "{} avslås.",
    Forslag.ANSE_BESVARAD: "{} anses besvarat.",
}


def attsats(motion: Motion, forslag: str) -> str:
    """ "Motionen bifalls." / "Motionen avslås." / "Motionen anses besvarad." """
    if motion.ar_medborgarforslag:
        return _ATTSATS_MEDBORGARFORSLAG[forslag].format("Medborgarförslaget")
    return _ATTSATS[forslag].format("Motionen")


INLEDNING = "Regionstyrelsen föreslår regionfullmäktige"


def yrkande_markdown(text: str) -> str:
    """A yrkande as the Markdown the pages, the quote and the PDF render.

    The stored text is kept as typed; only its layout is tidied for rendering. Lines
    after the first lose their common indentation, so a sub-list typed four spaces or a
    tab in ("att regionen utreder … i" / "    - Sveg") is a list and not a run-on line,
    as CommonMark would otherwise read it.
    """
    rader = [rad.rstrip() for rad in (text or "").strip().splitlines()]
    if len(rader) < 2:
        return "\n".join(rader)
    return "\n".join([rader[0], *textwrap.dedent("\n".join(rader[1:])).splitlines()])


def _citat(text: str, indrag: int = 0) -> str:
    # The memo writes "yrkar … att ”…”": a yrkande typed with its own "att" loses it,
    # and the sentence ends after the quote unless the quote already ends it. The
    # lines after the first keep their layout (a sub-list stays a list), indented to
    # the content of the numbered item they stand in.
    forsta, *resten = yrkande_markdown(text).splitlines() or [""]
    forsta = " ".join(forsta.split())
    if forsta.lower().startswith("att "):
        forsta = forsta[4:]
    rader = [forsta, *((" " * indrag + rad) if rad else "" for rad in resten)]
    slut = "" if rader[-1].endswith((".", "!", "?")) else "."
    return "”" + "\n".join(rader) + f"”{slut}"


def arendebeskrivning(motion: Motion) -> str:
    """The yrkanden quoted, as the opening of the memo's Ärendebeskrivning (Markdown)."""
    yrkanden = [y.text for y in motion.yrkanden.all()]
    if motion.ar_medborgarforslag:
        inledning = "I ett medborgarförslag föreslås"
    else:
        inledning = f"{motionarer_text(motion)} yrkar i en motion"
    if len(yrkanden) == 1:
        return f"{inledning} att {_citat(yrkanden[0])}"
    punkter = "\n".join(
        f"{i}. att {_citat(y, indrag=len(f'{i}. '))}" for i, y in enumerate(yrkanden, start=1)
    )
    return f"{inledning}\n\n{punkter}"


def svar(motion: Motion) -> Tjansteskrivelse | None:
    """The memo that answers the motion: the newest one in its case."""
    skrivelser = getattr(motion.arende, "_prefetched_objects_cache", {}).get("tjansteskrivelser")
    if skrivelser is not None:
        return max(skrivelser, key=lambda s: (s.skapad, s.pk), default=None)
    return motion.arende.tjansteskrivelser.order_by("-skapad", "-pk").first()


def starta_svar(
    motion: Motion, *, anvandare, forslag: str, titel: str | None = None
) -> Tjansteskrivelse:
    """Start the answering tjänsteskrivelse, prefilled as the region writes one."""
    if forslag not in _ATTSATS:
        raise ValidationError({"forslag": "Välj bifalla, avslå eller anse besvarad."})
    if not motion.oppen:
        raise ValidationError(
            f"{benamning(motion)} är redan {avslutad_form(motion)} och besvaras inte igen."
        )
    befintligt = svar(motion)
    if befintligt is not None:
        raise ValidationError(
            f"{benamning(motion)} har redan ett svar: ”{befintligt.titel}”. Arbeta vidare i det."
        )
    titel = (titel or "").strip() or svarstitel(motion)
    with transaction.atomic():
        skrivelse = tjansteskrivelser.skapa_tjansteskrivelse(
            motion.arende,
            anvandare=anvandare,
            titel=titel,
            forslag_inledning=INLEDNING,
            attsatser=[attsats(motion, forslag)],
            avsnitt=[("Ärendebeskrivning", arendebeskrivning(motion))],
        )
        historik.logga(
            anvandare=anvandare,
            objekt=motion,
            arende=motion.arende,
            handelse=f"Svar på {bestamd(motion).lower()} påbörjades",
            efter={"tjansteskrivelse": skrivelse.titel, "forslag": attsats(motion, forslag)},
        )
    return skrivelse


def bestamd(motion: Motion) -> str:
    """ "Motionen" or "Medborgarförslaget": what the pages and messages call it."""
    return "Medborgarförslaget" if motion.ar_medborgarforslag else "Motionen"


def avslutad_form(motion: Motion) -> str:
    # "förslaget" is neuter: "avslutat", not "avslutad".
    return "avslutat" if motion.ar_medborgarforslag else "avslutad"


def benamning(motion: Motion) -> str:
    return f"{bestamd(motion)} {motion.arende.diarienummer}"


# --- Registration ---------------------------------------------------------------------


@dataclass(frozen=True)
class NyPerson:
    """A motionär not yet in the register: a name, and for a councillor a party."""

    namn: str
    parti: str = ""


def registrera_motion(
    *,
    anvandare,
    titel: str,
    vackt: datetime.date | None,
    motionarer: list[Person | NyPerson],
    yrkanden: list[str],
    typ: str = MotionTyp.MOTION,
    text: str = "",
    fil=None,
    besvaras_senast_sammantrade=None,
    delegerad_till: Organ | None = None,
) -> Motion:
    """Register a motion for regionfullmäktige, referred to Regionstyrelsen for beredning.

    The case gets the next diarienummer in Regionstyrelsens diarium; the motion itself
    (its text or the uploaded file) is its first, inkommande handling. Every rule is
    checked before anything is written, and a ValidationError names each field that
    is wrong, so the form can show them all at once and nothing is saved.
    """
    titel = (titel or "").strip()
    text = (text or "").strip()
    yrkanden = [y.strip() for y in yrkanden if y and y.strip()]
    medborgarforslag = typ == MotionTyp.MEDBORGARFORSLAG
    fel: dict[str, list[str]] = {}

    def fel_i(falt, meddelande):
        fel.setdefault(falt, []).append(meddelande)

    if typ not in MotionTyp.values:
        fel_i("typ", "Välj motion eller medborgarförslag.")
    elif medborgarforslag and not tar_emot_medborgarforslag():
        fel_i("typ", EJ_MEDBORGARFORSLAG)
    if not titel:
        fel_i("titel", "Ange titeln, t.ex. ”Motion om ny hälsoekonomisk budgetmodell”.")
    idag = timezone.localdate()
    if vackt is None:
        fel_i("vackt", "Ange datum då förslaget väcktes (kom in).")
    elif vackt > idag:
        fel_i("vackt", f"Väckt-datum kan inte ligga i framtiden (i dag är det {idag:%Y-%m-%d}).")
    if not motionarer:
        fel_i(
            "motionarer",
            "Ange förslagsställaren." if medborgarforslag else "Ange minst en motionär.",
        )
    for motionar in motionarer:
        if isinstance(motionar, NyPerson):
            if not motionar.namn.strip():
                fel_i("motionarer", "Ange namnet på varje ny motionär.")
            elif not medborgarforslag and not motionar.parti.strip():
                fel_i("motionarer", f"Ange partiet för {motionar.namn.strip()}.")
        elif medborgarforslag and not motionar.privatperson:
            fel_i(
                "motionarer",
                f"{motionar} är förtroendevald: ett medborgarförslag lämnas av en privatperson.",
            )
        elif not medborgarforslag and motionar.privatperson:
            fel_i("motionarer", f"{motionar.namn} är privatperson och kan inte väcka en motion.")
    if not yrkanden:
        fel_i("yrkanden", "Ange minst ett yrkande (att-sats).")
    if not text and fil is None:
        fel_i("text", "Skriv in motionstexten eller bifoga motionen som fil.")
    if fil is not None:
        from arenden.services.filer import kontrollera_fil

        try:
            kontrollera_fil(fil)
        except ValidationError as e:
            fel.setdefault("fil", []).extend(e.messages)
    frist_lag = besvaras_senast(vackt) if vackt and "vackt" not in fel else None
    if besvaras_senast_sammantrade is not None:
        mote_fel = _motesfel(besvaras_senast_sammantrade, vackt=vackt, frist_lag=frist_lag)
        if mote_fel:
            fel_i("besvaras_senast_sammantrade", mote_fel)
    if delegerad_till is not None and not medborgarforslag:
        fel_i("delegerad_till", "En motion avgörs av fullmäktige och kan inte överlämnas.")
    try:
        diarium = Diarium.objects.get(prefix=DIARIUM)
        fullmaktige = Organ.objects.get(forkortning=FULLMAKTIGE)
        styrelsen = Organ.objects.get(forkortning=STYRELSEN)
    except (Diarium.DoesNotExist, Organ.DoesNotExist):
        fel_i(
            None,
            "Regionstyrelsens diarium, regionstyrelsen och regionfullmäktige måste finnas "
            "i registret innan motioner kan registreras.",
        )
    if fel:
        raise ValidationError({(k or "__all__"): v for k, v in fel.items()})

    with transaction.atomic():
        arende = arendetjanst.registrera_arende(
            diarium=diarium,
            titel=titel,
            typ=Arende.Typ.MEDBORGARFORSLAG if medborgarforslag else Arende.Typ.MOTION,
            organ=fullmaktige,
            anvandare=anvandare,
        )
        motion = Motion.objects.create(
            arende=arende,
            typ=typ,
            titel=titel,
            text=text,
            vackt=vackt,
            besvaras_senast=frist_lag,
            besvaras_senast_sammantrade=besvaras_senast_sammantrade,
            remitterad_till=styrelsen,
            delegerad_till=delegerad_till,
        )
        personer = [_person(m, privat=medborgarforslag) for m in motionarer]
        Motionar.objects.bulk_create(
            Motionar(motion=motion, person=p, ordning=i) for i, p in enumerate(personer, start=1)
        )
        Yrkande.objects.bulk_create(
            Yrkande(motion=motion, ordning=i, text=y) for i, y in enumerate(yrkanden, start=1)
        )
        slag = "Medborgarförslag" if medborgarforslag else "Motion"
        arendetjanst.registrera_handling(
            arende,
            anvandare=anvandare,
            riktning=Riktning.INKOMMANDE,
            datum=vackt,
            beskrivning=(titel if titel.lower().startswith(slag.lower()) else f"{slag}: {titel}")[
                :500
            ],
            avsandare_mottagare=ryms([str(p) for p in personer], 300),
            avsandare_privatperson=medborgarforslag,
            fil=fil,
        )
        historik.logga(
            anvandare=anvandare,
            objekt=motion,
            arende=arende,
            handelse=f"{bestamd(motion)} registrerades och remitterades till regionstyrelsen "
            "för beredning",
            efter={
                **historik.ogonblicksbild(motion, MOTION_FALT),
                "motionarer": [str(p) for p in personer],
                "yrkanden": yrkanden,
            },
        )
    return motion


def tar_emot_medborgarforslag() -> bool:
    """Whether the region's fullmäktige has opened for medborgarförslag (KL 8 kap 1 §).

    It is each region's own choice, so a setting; read at call time so a change of
    settings (and a test's override) takes effect without a new process.
    """
    return settings.MEDBORGARFORSLAG


EJ_MEDBORGARFORSLAG = (
    "Regionen tar inte emot medborgarförslag. Registrera förslaget som ett vanligt ärende "
    "i diariet i stället."
)


def _motesfel(mote, *, vackt: datetime.date | None, frist_lag: datetime.date | None) -> str:
    """Why a meeting cannot be the motion's "ska besvaras senast vid", or "" if it can."""
    if mote.organ.forkortning != FULLMAKTIGE:
        return "Välj ett av regionfullmäktiges sammanträden."
    if vackt and mote.datum < vackt:
        return f"Sammanträdet {mote.datum:%Y-%m-%d} ligger före väckt-datum {vackt:%Y-%m-%d}."
    if frist_lag and mote.datum > frist_lag:
        return (
            f"Sammanträdet {mote.datum:%Y-%m-%d} ligger efter ettårsgränsen "
            f"{frist_lag:%Y-%m-%d}. Välj ett tidigare sammanträde eller lämna tomt."
        )
    return ""


def satt_besvaras_senast_sammantrade(motion: Motion, *, sammantrade, anvandare) -> Motion:
    """Set, change or clear the earlier meeting by which the motion is to be answered.

    The presidium usually decides it when the motion is allocated, after registration.
    The same rules as at registration: one of fullmäktige's meetings, not before väckt
    and not after the legal one-year deadline, which stays as it is.
    """
    if not motion.oppen:
        raise ValidationError(
            f"{benamning(motion)} är redan {avslutad_form(motion)}; fristen ändras inte längre."
        )
    if sammantrade is not None:
        mote_fel = _motesfel(sammantrade, vackt=motion.vackt, frist_lag=motion.besvaras_senast)
        if mote_fel:
            raise ValidationError({"besvaras_senast_sammantrade": mote_fel})
    return _andra(
        motion,
        anvandare=anvandare,
        handelse=(
            f"Sammanträdet då {bestamd(motion).lower()} ska besvaras senast "
            + ("ändrades" if sammantrade is not None else "togs bort")
        ),
        besvaras_senast_sammantrade=sammantrade,
    )


def ryms(namn: list[str], langd: int) -> str:
    # A long list of motionärer as sender: as many as fit, then "m.fl." as the region writes.
    for antal in range(len(namn), 0, -1):
        text = (
            svensk_upprakning(namn[:antal])
            if antal == len(namn)
            else (f"{', '.join(namn[:antal])} m.fl.")
        )
        if len(text) <= langd:
            return text
    return namn[0][: langd - 6] + " m.fl."


def _person(motionar: Person | NyPerson, *, privat: bool) -> Person:
    if isinstance(motionar, Person):
        return motionar
    namn, parti = motionar.namn.strip(), ("" if privat else motionar.parti.strip().upper())
    if not privat:
        # A councillor named twice is one person: the list filters by party through them.
        befintlig = Person.objects.filter(
            namn__iexact=namn, parti__iexact=parti, privatperson=False
        ).first()
        if befintlig:
            return befintlig
    return Person.objects.create(namn=namn, parti=parti, privatperson=privat)


def delegera(motion: Motion, *, organ: Organ | None, anvandare) -> Motion:
    """Record that fullmäktige handed the decision on a medborgarförslag to a nämnd."""
    if not motion.ar_medborgarforslag:
        raise ValidationError("En motion avgörs av fullmäktige och kan inte överlämnas.")
    if not motion.oppen:
        raise ValidationError(f"{benamning(motion)} är {avslutad_form(motion)}.")
    if organ is not None and organ.forkortning == FULLMAKTIGE:
        organ = None
    return _andra(
        motion, anvandare=anvandare, handelse="Beslutet överlämnades", delegerad_till=organ
    )


def satt_kommentar(motion: Motion, *, text: str, anvandare) -> Motion:
    """The secretariat's comment on a motion in the report, with before and after logged."""
    return _andra(
        motion,
        anvandare=anvandare,
        handelse="Kommentaren i redovisningen ändrades",
        redovisning_kommentar=(text or "").strip(),
    )


def _andra(motion: Motion, *, anvandare, handelse: str, **andringar) -> Motion:
    with transaction.atomic():
        motion = (
            Motion.objects.select_for_update(of=("self",))
            .select_related("arende")
            .get(pk=motion.pk)
        )
        fore = historik.ogonblicksbild(motion, list(andringar))
        for falt, varde in andringar.items():
            setattr(motion, falt, varde)
        motion.save(update_fields=list(andringar))
        efter = historik.ogonblicksbild(motion, list(andringar))
        if fore != efter:
            historik.logga(
                anvandare=anvandare,
                objekt=motion,
                arende=motion.arende,
                handelse=handelse,
                fore=fore,
                efter=efter,
            )
    return motion


def startpanel(user) -> dict | None:
    """The secretariat's start-page panel: overdue motions, and those due within 60 days."""
    from arenden.services import motionsredovisning

    return motionsredovisning.startpanel(user)
