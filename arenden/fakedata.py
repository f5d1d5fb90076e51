"""Synthetic cases for benchmarks and load tests (`manage.py fakecases N`).

Realistic in shape: Swedish titles and texts from a region's board, about five
handlingar per case, tjänsteskrivelser with sections, meetings and decisions, some
private persons, personnummer, secrecy marks and voided handlingar. The vocabulary
is skewed on purpose: "primärvård" is in a large share of the cases, while each of
the words in SALLSYNTA is in a few in ten thousand, so a benchmark can search both.

Rows go in with bulk_create, but the numbers are still taken from the number
series (services.numrering) in the same transaction, so registrations after a
load continue where it ended, and the search documents are built by the same
function the domain uses (services.sok.texter).
"""

import datetime
import random
import time
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from arenden.diarienummer import Diarienummer
from arenden.models import (
    Arende,
    Attsats,
    Avsnitt,
    Beslut,
    Dagordningspunkt,
    Diarium,
    Handling,
    Historik,
    Organ,
    Riktning,
    Sammantrade,
    Sokdokument,
    Tjansteskrivelse,
    Utfall,
)
from arenden.services import numrering, sok

BATCH = 2000
AR_BAKAT = 9

AMNEN = [
    # (subject, weight): primärvård and its neighbours dominate, as in a region's diary.
    ("primärvården", 14),
    ("primärvårdens tillgänglighet", 6),
    ("nära vård och primärvård", 6),
    ("hälsoval inom primärvården", 5),
    ("ambulanssjukvården", 3),
    ("tandvården", 3),
    ("barn- och ungdomspsykiatrin", 3),
    ("vuxenpsykiatrin", 2),
    ("akutmottagningen vid Östersunds sjukhus", 2),
    ("kollektivtrafiken", 3),
    ("regional utveckling", 2),
    ("läkemedelsförsörjningen", 2),
    ("digitala vårdtjänster", 3),
    ("vårdgarantin", 2),
    ("kompetensförsörjningen", 3),
    ("lokalförsörjningen", 2),
    ("folkhälsoarbetet", 2),
    ("kulturverksamheten", 1),
    ("internkontrollen", 2),
    ("patientsäkerheten", 2),
    ("smittskyddet", 1),
    ("cancervården", 1),
    ("förlossningsvården", 1),
    ("habiliteringen", 1),
    ("hjälpmedelsverksamheten", 1),
    ("investeringsbudgeten", 2),
    ("bemanningsföretag inom vården", 1),
    ("ekonomisk uppföljning", 2),
    ("miljö- och klimatarbetet", 1),
    ("informationssäkerheten", 1),
]
SALLSYNTA = [
    "fjällräddning",
    "renskötselområde",
    "snöskoterled",
    "kvicksilverhalt",
    "helikopterplatta",
    "samiskt förvaltningsområde",
    "flygambulans",
    "glesbygdsmedicin",
    "legionellaprovtagning",
    "tolktjänstavtal",
    "strålskyddsmätning",
    "reservkraftverk",
    "dricksvattenberedskap",
    "fästingburen encefalit",
    "turistsäsongens patientflöden",
    "skidanläggningarnas olycksfall",
    "älgolyckor",
    "hovslagarmästare",
    "lavinutbildning",
    "polarljus",
]
ORTER = ["Östersund", "Strömsund", "Krokom", "Åre", "Berg", "Bräcke", "Härjedalen", "Ragunda"]
ENHETER = [
    "Östersunds sjukhus",
    "hälsocentralen i Hammerdal",
    "Svegs hälsocentral",
    "Funäsdalens hälsocentral",
    "hälsocentralen i Järpen",
    "Brunflo hälsocentral",
    "Folktandvården i Strömsund",
]
MYNDIGHETER = [
    "Socialstyrelsen",
    "Inspektionen för vård och omsorg",
    "Sveriges Kommuner och Regioner",
    "Socialdepartementet",
    "Folkhälsomyndigheten",
    "Länsstyrelsen i Jämtlands län",
    "Trafikverket",
    "Tandvårds- och läkemedelsförmånsverket",
    "Östersunds kommun",
    "Krokoms kommun",
    "Region Västernorrland",
    "Region Norrbotten",
    "Regionens revisorer",
    "Patientnämnden",
    "Finansdepartementet",
]
FORNAMN = ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Per", "Sara", "Nils",
           "Ingrid", "Mikael", "Lena", "Olof", "Elin", "Jonas", "Kerstin", "Anders", "Linnea",
           "Mats", "Sofia", "Henrik", "Britt", "Gustav"]  # fmt: skip
EFTERNAMN = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
             "Persson", "Svensson", "Gustafsson", "Jonsson", "Hansson", "Bengtsson", "Lindqvist",
             "Sjödin", "Jämtberg", "Hallström", "Fjällström", "Bäckström", "Ödmark"]  # fmt: skip
AVDELNINGAR = [
    "Hälso- och sjukvårdsförvaltningen",
    "Regionala utvecklingsförvaltningen",
    "Ekonomiavdelningen",
    "HR-avdelningen",
    "Regiondirektörens stab",
    "Hälso- och sjukvårdspolitiska avdelningen",
]
TITLAR = [
    ("Uppföljning av {amne} {ar}", "arende"),
    ("Handlingsplan för {amne} {ar}–{ar2}", "arende"),
    ("Remiss – promemoria om {amne}", "remiss"),
    ("Yttrande över {myndighet}s förslag om {amne}", "remiss"),
    ("Motion om {amne}", "motion"),
    ("Medborgarförslag om {amne} i {ort}", "medborgarforslag"),
    ("Avtal om {amne} med {myndighet}", "arende"),
    ("Investering i {amne} vid {enhet}", "arende"),
    ("Revisionsrapport – granskning av {amne}", "arende"),
    ("Information om {amne}", "anmalan"),
    ("Riktlinjer för {amne}", "arende"),
    ("Delårsrapport för {amne} {ar}", "anmalan"),
]
AVSNITT = ["Ärendebeskrivning", "Bakgrund", "Analys", "Konsekvenser", "Ekonomiska konsekvenser",
           "Samråd", "Jämställdhetsperspektiv", "Barnrättsperspektiv"]  # fmt: skip
MENINGAR = [
    "Regionstyrelsen gav i början av året förvaltningen i uppdrag att se över {amne}.",
    "Översynen visar att {amne} i {ort} behöver stärkas för att möta invånarnas behov.",
    "Förvaltningen har i samråd med {myndighet} tagit fram ett förslag.",
    "Kostnaden beräknas till {belopp} miljoner kronor och ryms inom befintlig budget.",
    "Arbetet med {amne} följs upp i samband med delårsrapporten.",
    "Förslaget bedöms inte få några negativa konsekvenser för barn eller för jämställdheten.",
    "Verksamheten vid {enhet} har redovisat sina erfarenheter av {amne}.",
    "Tillgängligheten har förbättrats, men väntetiderna är fortfarande för långa i {ort}.",
    "Samverkan med kommunerna sker inom ramen för överenskommelsen om nära vård.",
    "Facklig samverkan har skett enligt samverkansavtalet.",
    "Ärendet har beretts av hälso- och sjukvårdsutskottet.",
    "Patientnämnden har tagit emot synpunkter som rör {amne}.",
    "Uppdraget ska redovisas till regionstyrelsen senast i december {ar}.",
]
ATTSATSER = [
    "Regionstyrelsen godkänner redovisningen av {amne}.",
    "Förvaltningen får i uppdrag att ta fram en plan för {amne}.",
    "Ärendet överlämnas till regionfullmäktige för beslut.",
    "Medel om {belopp} miljoner kronor anvisas ur regionstyrelsens anslag.",
    "Motionen anses besvarad.",
    "Yttrandet antas och överlämnas till {myndighet}.",
]
HANDLINGAR_IN = [
    "Remiss från {myndighet} om {amne}",
    "Skrivelse angående {amne}",
    "Synpunkter på {amne} i {ort}",
    "Ansökan om bidrag för {amne}",
    "Begäran om yttrande över {amne}",
    "Frågor om {amne} från {ort}",
]
HANDLINGAR_UPP = [
    "Missiv – {amne}",
    "Beslutsunderlag om {amne}",
    "Minnesanteckningar från möte om {amne}",
    "Utredning av {amne}",
]
HANDLINGAR_UT = [
    "Yttrande till {myndighet}",
    "Svar på skrivelse om {amne}",
    "Protokollsutdrag till {myndighet}",
    "Underrättelse om beslut",
]
OSL = ["OSL 21 kap 1 §", "OSL 25 kap 1 §", "OSL 19 kap 3 §", "OSL 31 kap 16 §", "OSL 39 kap 3 §"]


class Generator:
    def __init__(self, seed: int | None = None, skriv=None):
        self.slump = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
        self.skriv = skriv or (lambda _text: None)
        amnen, vikter = zip(*AMNEN, strict=True)
        self._amnen, self._vikter = list(amnen), list(vikter)

    # --- words -----------------------------------------------------------------------

    def amne(self) -> str:
        return self.slump.choices(self._amnen, self._vikter)[0]

    def namn(self) -> str:
        return f"{self.slump.choice(FORNAMN)} {self.slump.choice(EFTERNAMN)}"

    def fyll(self, mall: str, amne: str, ar: int) -> str:
        return mall.format(
            amne=amne,
            ar=ar,
            ar2=ar + 2,
            ort=self.slump.choice(ORTER),
            enhet=self.slump.choice(ENHETER),
            myndighet=self.slump.choice(MYNDIGHETER),
            belopp=self.slump.randint(1, 40),
        )

    def stycke(self, amne: str, ar: int, antal: int) -> str:
        return " ".join(self.fyll(m, amne, ar) for m in self.slump.sample(MENINGAR, antal))

    # --- the load --------------------------------------------------------------------

    def skapa(self, antal: int) -> dict:
        start = time.monotonic()
        self.organ = self._organ()
        self.diarier = list(Diarium.objects.all()) or [self._diarium()]
        self.handlaggare = self._handlaggare()
        self.registrator = self.handlaggare[0]
        idag = timezone.localdate()
        per_serie = defaultdict(int)
        for _ in range(antal):
            diarium = (
                self.diarier[0] if self.slump.random() < 0.85 else self.slump.choice(self.diarier)
            )
            per_serie[(diarium.pk, idag.year - self.slump.randint(0, AR_BAKAT))] += 1
        diarier = {d.pk: d for d in self.diarier}
        klara = 0
        for (diarium_pk, ar), antal_i_serie in sorted(per_serie.items(), key=lambda x: x[0][1]):
            tider = sorted(self._tidpunkt(ar, idag) for _ in range(antal_i_serie))
            for i in range(0, len(tider), BATCH):
                with transaction.atomic():
                    self._batch(diarier[diarium_pk], ar, tider[i : i + BATCH])
                klara += len(tider[i : i + BATCH])
                self.skriv(f"{klara}/{antal} ärenden ({time.monotonic() - start:.0f} s)\n")
        return {"arenden": antal, "sekunder": round(time.monotonic() - start, 1)}

    def _tidpunkt(self, ar: int, idag: datetime.date) -> datetime.datetime:
        sista = idag if ar == idag.year else datetime.date(ar, 12, 31)
        dag = datetime.date(ar, 1, 1) + datetime.timedelta(
            days=self.slump.randint(0, (sista - datetime.date(ar, 1, 1)).days)
        )
        klocka = datetime.time(self.slump.randint(7, 16), self.slump.randint(0, 59))
        return timezone.make_aware(datetime.datetime.combine(dag, klocka))

    def _organ(self) -> dict:
        organ = {}
        for namn, forkortning, typ in [
            ("Regionstyrelsen", "RS", Organ.Typ.STYRELSE),
            ("Regionfullmäktige", "RF", Organ.Typ.FULLMAKTIGE),
        ]:
            organ[forkortning], _ = Organ.objects.get_or_create(
                forkortning=forkortning, defaults={"namn": namn, "typ": typ}
            )
        return organ

    def _diarium(self) -> Diarium:
        return Diarium.objects.get_or_create(
            prefix="RS", defaults={"namn": "Regionstyrelsens diarium", "organ": self.organ["RS"]}
        )[0]

    def _handlaggare(self) -> list:
        User = get_user_model()
        grupp = Group.objects.get(name="Handläggare")
        anvandare = []
        for i in range(1, 31):
            fornamn, efternamn = FORNAMN[i % len(FORNAMN)], EFTERNAMN[(i * 7) % len(EFTERNAMN)]
            user, skapad = User.objects.get_or_create(
                username=f"fake.handlaggare.{i:02d}",
                defaults={"first_name": fornamn, "last_name": efternamn},
            )
            if skapad:
                user.set_unusable_password()
                user.save()
                user.groups.add(grupp)
            anvandare.append(user)
        return anvandare

    def _batch(self, diarium: Diarium, ar: int, tider: list) -> None:
        nummer = numrering.nasta_nummer_block(numrering.diarieserie(diarium.prefix), ar, len(tider))
        arenden, amnen = [], []
        for lopnummer, tid in zip(nummer, tider, strict=True):
            amne = self.amne()
            if self.slump.random() < 0.02:
                amne = f"{amne} och {self.slump.choice(SALLSYNTA)}"
            mall, typ = self.slump.choice(TITLAR)
            titel = self.fyll(mall, amne, ar)
            publik = titel
            if self.slump.random() < 0.05:
                publik = f"{mall.split(' ')[0]} – ärende om enskild"
            gammal = (timezone.localdate() - tid.date()).days > 300
            status = (
                Arende.Status.AVSLUTAT
                if gammal and self.slump.random() < 0.8
                else (
                    Arende.Status.VILANDE if self.slump.random() < 0.05 else Arende.Status.PAGAENDE
                )
            )
            arenden.append(
                Arende(
                    diarium=diarium,
                    ar=ar,
                    lopnummer=lopnummer,
                    diarienummer=str(Diarienummer(diarium.prefix, lopnummer, ar)),
                    titel=titel[:500],
                    publik_titel=publik[:500],
                    typ=typ,
                    status=status,
                    organ=self.organ["RF" if typ == "motion" else "RS"],
                    handlaggare=self.slump.choice(self.handlaggare),
                    registrerad=tid,
                    registrerad_av=self.registrator,
                    avslutad=(tid + datetime.timedelta(days=self.slump.randint(30, 300))).date()
                    if status == Arende.Status.AVSLUTAT
                    else None,
                )
            )
            amnen.append(amne)
        Arende.objects.bulk_create(arenden, batch_size=BATCH)
        skrivelser = self._skrivelser(arenden, amnen)
        handlingar = self._handlingar(arenden, amnen, skrivelser)
        self._beslut(arenden, amnen, ar)
        Historik.objects.bulk_create(
            Historik(
                tidpunkt=a.registrerad,
                anvandare=self.registrator,
                arende=a,
                objekt_typ="arende",
                objekt_id=str(a.pk),
                handelse="Ärendet registrerades",
                efter={"diarienummer": a.diarienummer, "titel": a.titel, "status": a.status},
            )
            for a in arenden
        )
        dokument = []
        for a in arenden:
            t = sok.texter(a, handlingar[a.pk], skrivelser[a.pk][1])
            dokument.append(
                Sokdokument(
                    arende=a,
                    rubrik=t.rubrik,
                    fulltext=t.fulltext,
                    utkasttext=t.utkasttext,
                    publik_rubrik=t.publik_rubrik,
                    publiktext=t.publiktext,
                )
            )
        Sokdokument.objects.bulk_create(dokument, batch_size=BATCH)
        sok.uppdatera_vektorer(Sokdokument.objects.filter(arende__in=[a.pk for a in arenden]))

    def _skrivelser(self, arenden, amnen) -> dict:
        """Per case: (the Tjansteskrivelse or None, [(title, finished, texts)])."""
        resultat = {a.pk: (None, []) for a in arenden}
        skrivelser, innehall = [], {}
        for a, amne in zip(arenden, amnen, strict=True):
            if self.slump.random() > 0.6:
                continue
            klar = a.status != Arende.Status.PAGAENDE or self.slump.random() < 0.7
            s = Tjansteskrivelse(
                arende=a,
                titel=a.titel,
                datum=(a.registrerad + datetime.timedelta(days=self.slump.randint(5, 60))).date(),
                avdelning=self.slump.choice(AVDELNINGAR),
                handlaggare_namn=a.handlaggare.get_full_name(),
                handlaggare=a.handlaggare,
                forslag_av="Regiondirektörens förslag",
                forslag_inledning="Regionstyrelsen föreslår regionfullmäktige besluta"
                if a.typ == "motion"
                else "",
                status=Tjansteskrivelse.Status.KLAR if klar else Tjansteskrivelse.Status.UTKAST,
                skapad_av=a.handlaggare,
            )
            avsnitt = [
                (rubrik, self.stycke(amne, a.ar, self.slump.randint(2, 4)))
                for rubrik in self.slump.sample(AVSNITT, self.slump.randint(2, 4))
            ]
            attsatser = [
                self.fyll(m, amne, a.ar)
                for m in self.slump.sample(ATTSATSER, self.slump.randint(1, 3))
            ]
            skrivelser.append(s)
            innehall[a.pk] = (avsnitt, attsatser)
        Tjansteskrivelse.objects.bulk_create(skrivelser, batch_size=BATCH)
        delar, satser = [], []
        for s in skrivelser:
            avsnitt, attsatser = innehall[s.arende_id]
            delar += [
                Avsnitt(tjansteskrivelse=s, ordning=i, rubrik=r, text=t)
                for i, (r, t) in enumerate(avsnitt, start=1)
            ]
            satser += [
                Attsats(tjansteskrivelse=s, ordning=i, text=t)
                for i, t in enumerate(attsatser, start=1)
            ]
            texter = [x for r, t in avsnitt for x in (r, t)] + [s.forslag_inledning] + attsatser
            resultat[s.arende_id] = (
                s,
                [(s.titel, s.status == Tjansteskrivelse.Status.KLAR, texter)],
            )
        Avsnitt.objects.bulk_create(delar, batch_size=BATCH * 2)
        Attsats.objects.bulk_create(satser, batch_size=BATCH * 2)
        return resultat

    def _handlingar(self, arenden, amnen, skrivelser) -> dict:
        resultat = defaultdict(list)
        alla = []
        for a, amne in zip(arenden, amnen, strict=True):
            skrivelse = skrivelser[a.pk][0]
            antal = self.slump.choice([3, 4, 5, 5, 6, 6, 7]) - (1 if skrivelse else 0)
            datum = a.registrerad.date()
            for nr in range(1, antal + 1):
                riktning = (
                    Riktning.INKOMMANDE
                    if nr == 1
                    else self.slump.choice(
                        [Riktning.INKOMMANDE, Riktning.UPPRATTAD, Riktning.UTGAENDE]
                    )
                )
                mallar = {
                    Riktning.INKOMMANDE: HANDLINGAR_IN,
                    Riktning.UPPRATTAD: HANDLINGAR_UPP,
                    Riktning.UTGAENDE: HANDLINGAR_UT,
                }[riktning]
                privat = riktning != Riktning.UPPRATTAD and self.slump.random() < 0.15
                part = self.namn() if privat else self.slump.choice(MYNDIGHETER)
                beskrivning = self.fyll(self.slump.choice(mallar), amne, a.ar)
                if privat and self.slump.random() < 0.2:
                    beskrivning += (
                        f" (personnummer 19{self.slump.randint(40, 99)}"
                        f"{self.slump.randint(1, 12):02d}{self.slump.randint(1, 28):02d}"
                        f"-{self.slump.randint(1000, 9999)})"
                    )
                h = Handling(
                    arende=a,
                    lopnummer=nr,
                    riktning=riktning,
                    datum=datum,
                    avsandare_mottagare="" if riktning == Riktning.UPPRATTAD else part,
                    avsandare_privatperson=privat,
                    beskrivning=beskrivning[:500],
                    registrerad=a.registrerad + datetime.timedelta(days=nr - 1),
                    registrerad_av=self.registrator,
                )
                if self.slump.random() < 0.03:
                    h.sekretess_bestammelse = self.slump.choice(OSL)
                    h.sekretess_datum = datum
                    h.sekretess_myndighet = "Region Jämtland Härjedalen"
                    h.sekretess_satt_av = self.registrator
                elif self.slump.random() < 0.01:
                    h.makulerad = True
                    h.makulerad_orsak = "Felregistrerad, hör till ett annat ärende."
                    h.makulerad_av = self.registrator
                    h.makulerad_tid = h.registrerad
                alla.append(h)
                resultat[a.pk].append(h)
                datum += datetime.timedelta(days=self.slump.randint(0, 20))
            if skrivelse:
                h = Handling(
                    arende=a,
                    lopnummer=antal + 1,
                    riktning=Riktning.UPPRATTAD,
                    datum=skrivelse.datum,
                    beskrivning=f"Tjänsteskrivelse: {skrivelse.titel}"[:500],
                    registrerad=a.registrerad,
                    registrerad_av=self.registrator,
                    tjansteskrivelse=skrivelse,
                )
                alla.append(h)
                resultat[a.pk].append(h)
        Handling.objects.bulk_create(alla, batch_size=BATCH * 2)
        return resultat

    def _beslut(self, arenden, amnen, ar: int) -> None:
        # Decided cases: a meeting of the board that year, under the next § numbers.
        beslutade = [
            (a, amne)
            for a, amne in zip(arenden, amnen, strict=True)
            if a.status == Arende.Status.AVSLUTAT and self.slump.random() < 0.6
        ]
        if not beslutade:
            return
        organ = self.organ["RS"]
        moten = self._moten(organ, ar)
        paragrafer = numrering.nasta_nummer_block(
            numrering.paragrafserie(organ.forkortning), ar, len(beslutade)
        )
        beslutade.sort(key=lambda x: x[0].registrerad)
        punkter, beslut = [], []
        for (a, amne), paragraf in zip(beslutade, paragrafer, strict=True):
            mote = moten[min(len(moten) - 1, (a.registrerad.month - 1) * len(moten) // 12)]
            punkt = Dagordningspunkt(
                sammantrade=mote,
                ordning=paragraf,
                nummer=str(paragraf),
                rubrik=a.titel,
                arende=a,
            )
            punkter.append(punkt)
            forslag = self.fyll(self.slump.choice(ATTSATSER), amne, ar)
            beslut.append(
                Beslut(
                    organ=organ,
                    ar=ar,
                    paragraf=paragraf,
                    sammantrade=mote,
                    dagordningspunkt=punkt,
                    arende=a,
                    rubrik=a.titel,
                    forslag=forslag,
                    beslutstext=forslag,
                    utfall=Utfall.BIFALL,
                    justerad=True,
                    registrerad_av=self.registrator,
                )
            )
        Dagordningspunkt.objects.bulk_create(punkter, batch_size=BATCH)
        Beslut.objects.bulk_create(beslut, batch_size=BATCH)

    def _moten(self, organ, ar: int) -> list:
        moten = list(Sammantrade.objects.filter(organ=organ, datum__year=ar).order_by("datum"))
        if len(moten) >= 10:
            return moten
        nya = []
        for manad in (1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12):
            datum = datetime.date(ar, manad, 20)
            if not any(m.datum == datum for m in moten):
                nya.append(
                    Sammantrade(
                        organ=organ,
                        datum=datum,
                        starttid=datetime.time(9, 0),
                        plats="Regionens hus, Östersund",
                        status=Sammantrade.Status.JUSTERAT
                        if datum < timezone.localdate()
                        else Sammantrade.Status.PLANERAT,
                    )
                )
        Sammantrade.objects.bulk_create(nya)
        return list(Sammantrade.objects.filter(organ=organ, datum__year=ar).order_by("datum"))


def skapa(antal: int, *, seed: int | None = None, skriv=None) -> dict:
    return Generator(seed=seed, skriv=skriv).skapa(antal)
