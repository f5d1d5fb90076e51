"""Building the kallelse bundle: one background task per item, cached parts, one merge.

The build starts from a manifest: plain data, taken when the build starts, naming
every document of every item (the frozen tjänsteskrivelse version, each PDF
underlag by its sha256). Each part is cached in the file storage under a hash of
what goes into it, so a rebuild after one change renders one item and merges.

The tasks (arenden.tasks) only pass ids and indexes, and call the functions here;
nothing depends on which task backend runs them or in which process.
"""

import hashlib
import json
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Prefetch, Q
from django.template import loader
from django.utils import timezone
from django.utils.formats import date_format

from arenden.models import Dagordningspunkt, Handling, KallelsePaket, Sammantrade
from arenden.models import TjansteskrivelseVersion as Version
from arenden.pdf import cache as pdfcache
from arenden.pdf import kallelse as kallelsepdf
from arenden.pdf.render import mallversion, render_pdf

logger = logging.getLogger(__name__)

CACHE = "pdf-cache"
FRAMSIDA = -1  # the index of the front pages' part: the kallelse page and the agenda
MALLAR = ["pdf/bas.html", "pdf/kallelse.html", "pdf/kallelse_meddelande.html"]
# Bumped when the way parts are put together changes, so old cached parts are not reused.
FORMAT = "kallelse-1"


def _hash(*delar) -> str:
    data = json.dumps(delar, sort_keys=True, ensure_ascii=False, default=str).encode()
    return hashlib.sha256(data).hexdigest()


def _mallnyckel() -> str:
    # The tjänsteskrivelse PDF's own cache key covers its layout; this one covers the
    # bundle's: the front pages, the notice page and how the parts are put together.
    from arenden.pdf import tjansteskrivelse

    kallor = []
    for namn in MALLAR:
        mall = loader.get_template(namn)
        kallor.append(getattr(getattr(mall, "template", None), "source", namn))
    return _hash(
        FORMAT,
        mallversion("fonts/LiberationSans-Regular.ttf"),
        kallor,
        tjansteskrivelse.cachenyckel({}, maskerad=True),
    )


def _sokvag(nyckel: str, andelse: str = "pdf") -> str:
    return f"{CACHE}/kallelse/{nyckel[:2]}/{nyckel}.{andelse}"


def _las(sokvag: str) -> bytes:
    with default_storage.open(sokvag, "rb") as fil:
        return fil.read()


def _spara(sokvag: str, data: bytes) -> None:
    # Two workers may render the same part at once; both write the same bytes.
    pdfcache.spara(sokvag, data)


# --- the manifest --------------------------------------------------------------------


def _klockslag(tid) -> str:
    return f"{tid:%H.%M}" if tid else ""


def framsida(sammantrade: Sammantrade) -> dict:
    """What the kallelse page and the föredragningslista print, as plain data."""
    tid = _klockslag(sammantrade.starttid)
    if tid and sammantrade.sluttid:
        tid = f"{tid}–{_klockslag(sammantrade.sluttid)}"
    return {
        "organ": sammantrade.organ.namn,
        "dag": date_format(sammantrade.datum, "l j F Y"),
        "datum": f"{sammantrade.datum:%Y-%m-%d}",
        "tid": f"kl. {tid}" if tid else "",
        "plats": sammantrade.plats,
        "ordforande": str(sammantrade.ordforande or ""),
        "sekreterare": str(sammantrade.sekreterare or ""),
        "skickad": (
            f"{timezone.localtime(sammantrade.kallelse_skickad):%Y-%m-%d}"
            if sammantrade.kallelse_skickad
            else ""
        ),
        "punkter": [
            {
                "nummer": p.nummer,
                "rubrik": p.rubrik,
                "dnr": p.arende.diarienummer if p.arende_id else "",
                "noteringar": "; ".join(
                    filter(None, [p.notering, "" if p.offentlig else "Ej offentlig"])
                ),
            }
            for p in sammantrade.dagordning.select_related("arende").order_by("ordning")
        ],
    }


def _dokument(punkt: Dagordningspunkt, hemliga_skrivelser: dict) -> list[dict]:
    dokument = []
    version = punkt.tjansteskrivelse_version
    if version is not None:
        skrivelse = {
            "typ": "tjansteskrivelse",
            "version": version.pk,
            "titel": f"Tjänsteskrivelse: {version.innehall.get('titel') or punkt.rubrik}",
            "hash": _hash(version.innehall),
        }
        hemliga = hemliga_skrivelser.get(punkt.tjansteskrivelse_id)
        if hemliga:
            # A memo registered as a secret-marked handling is secret underlag like any
            # other: members read it, the others' copy says it is left out.
            skrivelse |= {
                "hemlig": True,
                "bestammelse": ", ".join(sorted({h.sekretess_bestammelse for h in hemliga})),
                "handlingar": sorted(h.pk for h in hemliga),
            }
        dokument.append(skrivelse)
    for handling in punkt.underlag.all():
        if not handling.fil or handling.filtyp != "application/pdf":
            continue
        dokument.append(
            {
                "typ": "handling",
                "handling": handling.pk,
                "titel": f"{handling.beteckning} {handling.beskrivning}",
                "sha256": handling.sha256,
                "hemlig": handling.sekretessmarkerad,
                "bestammelse": handling.sekretess_bestammelse,
            }
        )
    return dokument


def _hemliga_skrivelser(sammantrade: Sammantrade) -> dict:
    """The secret-marked handlingar registering each tjänsteskrivelse on the agenda."""
    hemliga = {}
    for handling in (
        Handling.objects.filter(tjansteskrivelse__dagordningspunkter__sammantrade=sammantrade)
        .exclude(sekretess_bestammelse="")
        .distinct()
    ):
        hemliga.setdefault(handling.tjansteskrivelse_id, []).append(handling)
    return hemliga


def manifest(sammantrade: Sammantrade) -> dict:
    delar = []
    punkter = (
        sammantrade.dagordning.select_related("arende", "tjansteskrivelse_version")
        .prefetch_related(
            Prefetch(
                "underlag",
                Handling.objects.filter(makulerad=False)
                .select_related("arende")
                .order_by("lopnummer"),
            )
        )
        .order_by("ordning")
    )
    hemliga_skrivelser = _hemliga_skrivelser(sammantrade)
    for punkt in punkter:
        dokument = _dokument(punkt, hemliga_skrivelser)
        if not dokument:
            continue
        dnr = f" ({punkt.arende.diarienummer})" if punkt.arende_id else ""
        delar.append(
            {
                "punkt": punkt.pk,
                "titel": f"{punkt.nummer}. {punkt.rubrik}{dnr}",
                "dokument": dokument,
            }
        )
    return {
        "mall": _mallnyckel(),
        "framsida": framsida(sammantrade),
        "delar": delar,
        "sidfot": f"Kallelse {sammantrade.organ.namn} {sammantrade.datum:%Y-%m-%d}",
        "titel": f"Kallelse {sammantrade.organ.namn} {sammantrade.datum:%Y-%m-%d}",
    }


def _med_sekretess(manifest_: dict) -> bool:
    return any(d.get("hemlig") for del_ in manifest_["delar"] for d in del_["dokument"])


def _varianter(manifest_: dict) -> list[bool]:
    """Which copies to make: with secret underlag always, without only when there are any."""
    return [True, False] if _med_sekretess(manifest_) else [True]


def _effektiva(del_: dict, med_sekretess: bool) -> list[dict]:
    if med_sekretess:
        return del_["dokument"]
    return [_utelamnad(d) if d.get("hemlig") else d for d in del_["dokument"]]


def _utelamnad(dokument: dict) -> dict:
    utelamnad = {"typ": "sekretess", "titel": dokument["titel"]}
    utelamnad["bestammelse"] = dokument["bestammelse"]
    if dokument["typ"] == "tjansteskrivelse":
        utelamnad["slag"] = "tjansteskrivelse"
    return utelamnad


def _delnyckel(manifest_: dict, index: int, med_sekretess: bool) -> str:
    if index == FRAMSIDA:
        return _hash("framsida", manifest_["mall"], manifest_["framsida"])
    dokument = [
        {k: v for k, v in d.items() if k not in ("version", "handling", "handlingar")}
        for d in _effektiva(manifest_["delar"][index], med_sekretess)
    ]
    return _hash("del", manifest_["mall"], dokument)


def _saknade(manifest_: dict, index: int) -> bool:
    varianter = [True] if index == FRAMSIDA else _varianter(manifest_)
    return any(
        not default_storage.exists(_sokvag(_delnyckel(manifest_, index, v))) for v in varianter
    )


# --- the build -----------------------------------------------------------------------


def starta_bygge(sammantrade: Sammantrade, *, anvandare=None) -> KallelsePaket:
    """Start building the bundle: a task per part not yet cached, then the merge."""
    from arenden import tasks

    manifest_ = manifest(sammantrade)
    index = [FRAMSIDA, *range(len(manifest_["delar"]))]
    att_gora = [i for i in index if _saknade(manifest_, i)]
    paket = KallelsePaket.objects.create(
        sammantrade=sammantrade,
        manifest=manifest_,
        antal_delar=len(index),
        klara_delar=len(index) - len(att_gora),
        startad_av=anvandare if getattr(anvandare, "is_authenticated", False) else None,
    )
    if not att_gora:
        tasks.sammanfoga_kallelse.enqueue(paket.pk)
    for i in att_gora:
        tasks.rendera_kallelsedel.enqueue(paket.pk, i)
    return paket


def rendera_del(paket_id: int, index: int) -> None:
    """Render one part (the front pages or one item) in every copy the build makes."""
    paket = KallelsePaket.objects.get(pk=paket_id)
    if paket.status != KallelsePaket.Status.PAGAR:
        return
    manifest_ = paket.manifest
    try:
        if index == FRAMSIDA:
            nyckel = _delnyckel(manifest_, index, True)
            if not default_storage.exists(_sokvag(nyckel)):
                pdf = render_pdf(
                    "pdf/kallelse.html",
                    {"k": manifest_["framsida"]},
                    titel=manifest_["titel"],
                    variant=None,
                )
                _spara(_sokvag(nyckel), pdf)
        else:
            for med_sekretess in _varianter(manifest_):
                _rendera_punkt(manifest_, index, med_sekretess)
    except Exception as fel:
        logger.exception("Kallelsepaket %s: del %s misslyckades", paket_id, index)
        KallelsePaket.objects.filter(pk=paket_id).update(
            status=KallelsePaket.Status.MISSLYCKAD, fel=f"Del {index + 1}: {fel}"[:2000]
        )
        raise
    del_klar(paket_id)


def _rendera_punkt(manifest_: dict, index: int, med_sekretess: bool) -> None:
    nyckel = _delnyckel(manifest_, index, med_sekretess)
    if default_storage.exists(_sokvag(nyckel)):
        return
    dokument = []
    for d in _effektiva(manifest_["delar"][index], med_sekretess):
        if d["typ"] == "tjansteskrivelse":
            dokument.append(
                (d["titel"], tjansteskrivelse_pdf(Version.objects.get(pk=d["version"])))
            )
        elif d["typ"] == "handling":
            handling = Handling.objects.get(pk=d["handling"])
            with handling.fil.open("rb") as fil:
                dokument.append((d["titel"], fil.read()))
        else:
            rubrik = "Sekretessmarkerad handling"
            if d.get("slag") == "tjansteskrivelse":
                rubrik = "Sekretessmarkerad tjänsteskrivelse"
            dokument.append(
                (
                    d["titel"],
                    kallelsepdf.meddelandesida(
                        rubrik,
                        f"{d['titel']} är sekretessmarkerad ({d['bestammelse']}) och ingår "
                        "inte i detta exemplar av kallelsen. Organets ledamöter och ersättare "
                        "kan läsa den i läsrummet.",
                    ),
                )
            )
    pdf, bokmarken = kallelsepdf.sammanfoga_del(dokument)
    _spara(_sokvag(nyckel, "json"), json.dumps({"bokmarken": bokmarken}).encode())
    _spara(_sokvag(nyckel), pdf)


def del_klar(paket_id: int) -> None:
    """Count a part as done; the task finishing the last part merges the bundle."""
    with transaction.atomic():
        KallelsePaket.objects.filter(pk=paket_id).update(klara_delar=F("klara_delar") + 1)
        paket = KallelsePaket.objects.select_for_update().get(pk=paket_id)
        sist = paket.klara_delar == paket.antal_delar and paket.status == paket.Status.PAGAR
    if sist:
        sammanfoga(paket_id)


def sammanfoga(paket_id: int) -> None:
    paket = KallelsePaket.objects.get(pk=paket_id)
    if paket.status != KallelsePaket.Status.PAGAR:
        return
    manifest_ = paket.manifest
    try:
        framsida_ = _las(_sokvag(_delnyckel(manifest_, FRAMSIDA, True)))
        filer = {}
        for med_sekretess in _varianter(manifest_):
            punkter = []
            for i, del_ in enumerate(manifest_["delar"]):
                nyckel = _delnyckel(manifest_, i, med_sekretess)
                bokmarken = json.loads(_las(_sokvag(nyckel, "json")))["bokmarken"]
                punkter.append(
                    {"titel": del_["titel"], "pdf": _las(_sokvag(nyckel)), "bokmarken": bokmarken}
                )
            filer[med_sekretess] = kallelsepdf.sammanfoga(
                framsida_, punkter, titel=manifest_["titel"], sidfot=manifest_["sidfot"]
            )
    except Exception as fel:
        logger.exception("Kallelsepaket %s: sammanfogningen misslyckades", paket_id)
        KallelsePaket.objects.filter(pk=paket_id).update(
            status=KallelsePaket.Status.MISSLYCKAD, fel=f"Sammanfogning: {fel}"[:2000]
        )
        raise
    datum = manifest_["framsida"]["datum"]
    pdf, sidor = filer[True]
    paket.fil.save(f"kallelse-{datum}-{paket.pk}.pdf", ContentFile(pdf), save=False)
    if False in filer:
        paket.fil_utan_sekretess.save(
            f"kallelse-{datum}-{paket.pk}-utan-sekretess.pdf",
            ContentFile(filer[False][0]),
            save=False,
        )
    paket.sidor = sidor
    paket.status = KallelsePaket.Status.KLAR
    paket.klar_tid = timezone.now()
    paket.save(update_fields=["fil", "fil_utan_sekretess", "sidor", "status", "klar_tid"])


def senaste(sammantrade: Sammantrade, *, med_manifest: bool = True) -> KallelsePaket | None:
    paket = sammantrade.kallelsepaket.order_by("-startad", "-pk")
    # The manifest is large; the pages that show progress do not read it.
    return (paket if med_manifest else paket.defer("manifest")).first()


def senaste_klara(sammantrade: Sammantrade, *, med_manifest: bool = True) -> KallelsePaket | None:
    paket = sammantrade.kallelsepaket.filter(status=KallelsePaket.Status.KLAR).order_by(
        "-startad", "-pk"
    )
    return (paket if med_manifest else paket.defer("manifest")).first()


# --- one tjänsteskrivelse, a tap away --------------------------------------------------


def tjansteskrivelse_pdf(version: Version, *, maskerad: bool = True) -> bytes:
    """A frozen version's PDF/A, rendered once and then read from the shared cache.

    In the bundle personnummer are masked: it is handed to every member, and only
    those with the right to see secret material read them in full (as on the page).
    """
    return kallelsepdf.tjansteskrivelse_pdf(version.innehall, maskerad=maskerad)


# --- who gets which copy ------------------------------------------------------------------


def hemliga_handlingar(paket: KallelsePaket):
    """The bundle's documents that are secret-marked now: underlag and the handlingar
    registering its tjänsteskrivelser. A mark set after the build counts too."""
    underlag, versioner = [], []
    for del_ in paket.manifest.get("delar", []):
        for d in del_["dokument"]:
            if d["typ"] == "handling":
                underlag.append(d["handling"])
            elif d["typ"] == "tjansteskrivelse":
                versioner.append(d["version"])
    return (
        Handling.objects.filter(
            Q(pk__in=underlag) | Q(tjansteskrivelse__versioner__pk__in=versioner)
        )
        .exclude(sekretess_bestammelse="")
        .select_related("arende")
        .distinct()
    )


def utelamnade(paket: KallelsePaket) -> set[int]:
    """The handlingar the copy without secret material leaves out."""
    ids = set()
    for del_ in paket.manifest.get("delar", []):
        for d in del_["dokument"]:
            if d.get("hemlig"):
                ids.update(d.get("handlingar") or [d["handling"]])
    return ids if paket.fil_utan_sekretess else set()


def behover_byggas_om(sammantrade: Sammantrade) -> bool:
    """Whether the latest bundle differs from the agenda as it is now: its order and
    numbers, its items, papers, secrecy marks or the meeting's details."""
    paket = senaste(sammantrade)
    if paket is None:
        return False

    def utan_mall(m):
        return {k: v for k, v in m.items() if k != "mall"}

    return utan_mall(paket.manifest) != utan_mall(manifest(sammantrade))
