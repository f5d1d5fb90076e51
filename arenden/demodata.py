"""The seed cases and demo users, loaded by `manage.py demodata`. Idempotent.

Everything comes from fixtures/seeds/, which holds the five real tjänsteskrivelser
as written and the decisions they cite. Where a source lacks a value, nothing is
invented: the value stays empty and the record says so.
"""

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from arenden.diarienummer import parse
from arenden.dokument import SAKNAS
from arenden.models import (
    Arende,
    Attsats,
    Avsnitt,
    Beslut,
    Diarium,
    Motion,
    Motionar,
    Organ,
    Person,
    Riktning,
    Sammantrade,
    Tjansteskrivelse,
    Undertecknare,
    UtdragMottagare,
    Yrkande,
)
from arenden.services import arenden as arendetjanst
from arenden.services import historik, sok, tjansteskrivelser

SEED_DIR = Path(settings.BASE_DIR) / "fixtures" / "seeds"
SEED_FILER = ["000.json", "001.json", "002.json", "003.json", "004.json"]

ORGAN = [
    ("Regionfullmäktige", "RF", Organ.Typ.FULLMAKTIGE),
    ("Regionstyrelsen", "RS", Organ.Typ.STYRELSE),
    ("SVOM", "SVOM", Organ.Typ.SAMVERKANSORGAN),
]

# One demo user per group (DESIGN §3). The registrator is also granted the right to
# see secret material, so the demo shows both sides of the secrecy rules.
DEMOANVANDARE = [
    ("registrator", "Rut", "Registrator", "Registrator"),
    ("handlaggare", "Hanna", "Handläggare", "Handläggare"),
    ("sekreterare", "Sara", "Sekreterare", "Nämndsekreterare"),
    ("politiker", "Per", "Politiker", "Politiker"),
]
DEMOLOSENORD = "demo-losenord-2026"  # noqa: S105 - documented in the README, demo only


def ladda(stdout=None) -> dict:
    skriv = stdout.write if stdout else (lambda _text: None)
    with transaction.atomic():
        organ = _organ()
        diarium, _ = Diarium.objects.get_or_create(
            prefix="RS", defaults={"namn": "Regionstyrelsens diarium", "organ": organ["RS"]}
        )
        anvandare = _demoanvandare()
        registrator = anvandare["registrator"]
        antal = {"arenden": 0, "beslut": 0}
        for filnamn in SEED_FILER:
            data = json.loads((SEED_DIR / filnamn).read_text(encoding="utf-8"))
            if _ladda_seed(data, diarium, organ, registrator):
                antal["arenden"] += 1
        beslut = json.loads((SEED_DIR / "beslut.json").read_text(encoding="utf-8"))
        antal["beslut"] = _ladda_beslut(beslut, diarium, organ, registrator)
        from arenden import demodata_sammantraden

        antal["sammantraden"] = demodata_sammantraden.ladda(organ, anvandare)
    skriv(f"Demodata: {antal['arenden']} nya seed-ärenden, {antal['beslut']} nya beslut.\n")
    return antal


def _organ() -> dict[str, Organ]:
    resultat = {}
    for namn, forkortning, typ in ORGAN:
        resultat[forkortning], _ = Organ.objects.get_or_create(
            forkortning=forkortning, defaults={"namn": namn, "typ": typ}
        )
    return resultat


def _demoanvandare() -> dict:
    User = get_user_model()
    resultat = {}
    for anvandarnamn, fornamn, efternamn, grupp in DEMOANVANDARE:
        user, skapad = User.objects.get_or_create(
            username=anvandarnamn, defaults={"first_name": fornamn, "last_name": efternamn}
        )
        if skapad:
            user.set_password(DEMOLOSENORD)
            user.save()
        user.groups.add(Group.objects.get(name=grupp))
        resultat[anvandarnamn] = user
    resultat["registrator"].user_permissions.add(
        Permission.objects.get(content_type__app_label="arenden", codename="se_sekretess")
    )
    Person.objects.get_or_create(
        anvandare=resultat["handlaggare"],
        defaults={
            "namn": "Hanna Handläggare",
            "titel": "Utredare",
            "avdelning": "Hälso- och sjukvårdspolitiska avdelningen",
            "telefon": "063-14 70 00",
            "epost": "hanna.handlaggare@example.se",
        },
    )
    return resultat


def _datum(text):
    return datetime.date.fromisoformat(text) if text else None


def _person(namn: str, titel: str = "", parti: str = "") -> Person:
    person = Person.objects.filter(namn=namn, anvandare__isnull=True).first()
    if person is None:
        person = Person.objects.create(namn=namn, titel=titel, parti=parti)
    return person


def _folj_kallan(arende: Arende, registrator, **falt) -> None:
    """Bring a case loaded earlier in line with the fixtures, through the domain function
    so the correction is in the history; nothing when it already agrees."""
    andrat = {namn: varde for namn, varde in falt.items() if getattr(arende, namn) != varde}
    if andrat:
        arendetjanst.andra_arende(
            arende, anvandare=registrator, handelse="Ärendet rättades efter källan", **andrat
        )


def _ladda_seed(data: dict, diarium: Diarium, organ: dict, registrator) -> bool:
    kallfil = data["kallfil"]
    befintlig = Tjansteskrivelse.objects.filter(kalla__startswith=kallfil).first()
    if befintlig is not None:
        _folj_kallan(
            befintlig.arende,
            registrator,
            titel=data["arende"]["titel"],
            anteckning=data["arende"].get("anteckning", ""),
        )
        return False
    ts = data["tjansteskrivelse"]
    kalla = f"{kallfil}: tjänsteskrivelse ur Region Jämtland Härjedalens regionstyrelse."
    nummer = None
    if data["diarienummer"]:
        nummer = parse(data["diarienummer"])[0]
        arende = Arende.objects.filter(diarienummer=str(nummer)).first()
    else:
        arende = None
    if arende is None:
        arende = arendetjanst.registrera_arende(
            diarium=diarium,
            titel=data["arende"]["titel"],
            typ=data["arende"]["arendetyp"],
            organ=organ["RS"],
            anvandare=registrator,
            anteckning=data["arende"].get("anteckning", ""),
            kalla=kalla,
            nummer=nummer,
        )
    skrivelse = Tjansteskrivelse.objects.create(
        arende=arende,
        titel=ts["titel"],
        datum=_datum(ts["datum"]),
        avdelning=ts["avdelning"] or "",
        handlaggare_namn=ts["handlaggare_namn"] or "",
        handlaggare_telefon=ts["handlaggare_telefon"] or "",
        handlaggare_epost=ts["handlaggare_epost"] or "",
        saknas_i_kallan=ts["saknas_i_kallan"],
        forslag_av=ts["forslag_av"] or "",
        forslag_inledning=ts["forslag_inledning"] or "",
        status=Tjansteskrivelse.Status.KLAR,
        skapad_av=registrator,
        kalla=kalla,
    )
    Avsnitt.objects.bulk_create(
        Avsnitt(tjansteskrivelse=skrivelse, ordning=i, rubrik=a["rubrik"], text=a["text"])
        for i, a in enumerate(ts["avsnitt"], start=1)
    )
    Attsats.objects.bulk_create(
        Attsats(tjansteskrivelse=skrivelse, ordning=i, text=text)
        for i, text in enumerate(ts["attsatser"], start=1)
    )
    Undertecknare.objects.bulk_create(
        Undertecknare(
            tjansteskrivelse=skrivelse,
            ordning=i,
            namn=u["namn"],
            titel=u["titel"] or "",
            person=_person(u["namn"], u["titel"] or ""),
        )
        for i, u in enumerate(ts["undertecknare"], start=1)
    )
    UtdragMottagare.objects.bulk_create(
        UtdragMottagare(tjansteskrivelse=skrivelse, ordning=i, mottagare=m)
        for i, m in enumerate(ts["utdrag_till"], start=1)
    )
    historik.logga(
        anvandare=registrator,
        objekt=skrivelse,
        arende=arende,
        handelse="Tjänsteskrivelsen lästes in från källan",
        efter=tjansteskrivelser.innehall(skrivelse),
    )
    tjansteskrivelser.skapa_version(
        skrivelse, anvandare=registrator, anledning="Inläst från källan"
    )
    arendetjanst.registrera_handling(
        arende,
        anvandare=registrator,
        riktning=Riktning.UPPRATTAD,
        # Seed 002 carries no date: it is registered the day it is received.
        datum=skrivelse.datum,
        beskrivning=f"Tjänsteskrivelse: {skrivelse.titel}",
        tjansteskrivelse=skrivelse,
    )
    sok.uppdatera(arende)
    return True


def _ratta_beslut(beslut: Beslut, registrator, **falt) -> None:
    """Bring a decision loaded earlier in line with the fixtures, with the history.

    Only for imported decisions: they are records of what a source says, which no
    domain function changes (a rättelse is for the board's own justerade §§).
    """
    if not beslut.importerad:
        return
    andrat = {namn: varde for namn, varde in falt.items() if getattr(beslut, namn) != varde}
    if not andrat:
        return
    fore = historik.ogonblicksbild(beslut, list(andrat))
    gammalt_arende = beslut.arende
    for namn, varde in andrat.items():
        setattr(beslut, namn, varde)
    beslut.save(update_fields=list(andrat))
    historik.logga(
        anvandare=registrator,
        objekt=beslut,
        # In the history of the case it leaves, if it leaves one.
        arende=gammalt_arende or beslut.arende,
        handelse=f"Beslut {beslut}: inläsningen rättades efter källan",
        fore=fore,
        efter=historik.ogonblicksbild(beslut, list(andrat)),
    )


def _ladda_beslut(data: dict, diarium: Diarium, organ: dict, registrator) -> int:
    for post in data["arenden_utan_kalltext"]:
        nummer = parse(post["diarienummer"])[0]
        # A title is required; the sources give none, and say so in the project's words.
        titel = SAKNAS[0].upper() + SAKNAS[1:]
        befintligt = Arende.objects.filter(diarienummer=str(nummer)).first()
        if befintligt is None:
            arendetjanst.registrera_arende(
                diarium=diarium,
                titel=titel,
                organ=organ["RS"],
                anvandare=registrator,
                anteckning=post["anteckning"],
                kalla=post["anteckning"],
                nummer=nummer,
            )
        elif befintligt.kalla:  # loaded from the sources, not registered by a user
            _folj_kallan(befintligt, registrator, titel=titel, anteckning=post["anteckning"])
    sammantraden = {}
    for post in data["sammantraden"]:
        mote, _ = Sammantrade.objects.get_or_create(
            organ=organ[post["organ"]],
            datum=_datum(post["datum"]),
            defaults={
                "datum_precision": post["datum_precision"],
                "status": Sammantrade.Status.GENOMFORT,
                "kalla": post["kalla"],
            },
        )
        sammantraden[(post["organ"], post["datum"])] = mote
    nya = 0
    for post in data["beslut"]:
        arende = None
        if post["arende"]:
            arende = Arende.objects.get(diarienummer=str(parse(post["arende"])[0]))
        # A source that cites a decision without its case (SVOM's, cited in RS/203/2021)
        # leaves the case unknown: citing a decision is not taking it in that case.
        if post["paragraf"]:
            befintligt = Beslut.objects.filter(
                organ=organ[post["organ"]], ar=post["ar"], paragraf=post["paragraf"]
            ).first()
        else:
            befintligt = Beslut.objects.filter(kalla=post["kalla"]).first()
        if befintligt is not None:
            _ratta_beslut(befintligt, registrator, arende=arende, kalla=post["kalla"])
            continue
        beslut = Beslut.objects.create(
            organ=organ[post["organ"]],
            ar=post["ar"],
            paragraf=post["paragraf"],
            sammantrade=sammantraden.get((post["organ"], post["sammantrade_datum"])),
            arende=arende,
            beslutstext=post["beslutstext"],
            kalla=post["kalla"],
            justerad=True,
        )
        if beslut.paragraf:
            from arenden.services import numrering

            numrering.reservera_nummer(
                numrering.paragrafserie(beslut.organ.forkortning), beslut.ar, beslut.paragraf
            )
        historik.logga(
            anvandare=registrator,
            objekt=beslut,
            arende=arende,
            handelse=f"Beslut {beslut} lästes in från källan",
            efter=historik.ogonblicksbild(beslut),
        )
        nya += 1
    for post in data["motioner"]:
        arende = Arende.objects.get(diarienummer=str(parse(post["arende"])[0]))
        if Motion.objects.filter(arende=arende).exists():
            continue
        motion = Motion.objects.create(
            arende=arende,
            titel=post["titel"],
            vackt=_datum(post["vackt"]),
            remitterad_till=organ["RS"],
            kalla=post["kalla"],
        )
        for i, m in enumerate(post["motionarer"], start=1):
            Motionar.objects.create(
                motion=motion, person=_person(m["namn"], parti=m["parti"]), ordning=i
            )
        for i, text in enumerate(post["yrkanden"], start=1):
            Yrkande.objects.create(motion=motion, ordning=i, text=text)
        historik.logga(
            anvandare=registrator,
            objekt=motion,
            arende=arende,
            handelse="Motionen lästes in från källan",
            efter=historik.ogonblicksbild(motion),
        )
    return nya
