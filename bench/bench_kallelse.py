"""The kallelse bundle: 40 items (about 80 pages) from nothing, again after one change,
and the politicians' meeting page.

Runs in a throwaway SQLite database and file store, with two `manage.py db_worker`
processes (one per core), warmed up first as long-lived workers are. "From nothing"
means no part of this meeting is cached: every tjänsteskrivelse is rendered.

    make bench BENCH=bench_kallelse
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
ANTAL_PUNKTER = 40
ARBETARE = int(os.environ.get("BENCH_ARBETARE", "2"))
SIDVISNINGAR = 200

katalog = tempfile.mkdtemp(prefix="bench-kallelse-")
os.environ.pop("DATABASE_URL", None)
os.environ.update(
    SQLITE_PATH=f"{katalog}/bench.sqlite3",
    FILES_ROOT=f"{katalog}/filer",
    # Static files from the source tree, as in development: no collectstatic needed.
    DEBUG="1",
    DJANGO_SETTINGS_MODULE="halsoval.settings",
    LOG_LEVEL="WARNING",
)
os.environ.setdefault("SECRET_KEY", "bench-nyckel-inte-hemlig")
sys.path.insert(0, str(ROT))

import django  # noqa: E402

django.setup()

import datetime  # noqa: E402
import json  # noqa: E402

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from arenden.models import (  # noqa: E402
    Attsats,
    Diarium,
    KallelsePaket,
    Organ,
    Person,
    Tjansteskrivelse,
    Uppdrag,
)
from arenden.services import arenden as arendetjanst  # noqa: E402
from arenden.services import kallelse, sammantraden, tjansteskrivelser  # noqa: E402


def _seedtexter() -> list[dict]:
    # The real memos, so each item is the length of a real one (two pages each).
    texter = []
    for namn in ["000", "001", "002", "003"]:
        data = json.loads((ROT / "fixtures" / "seeds" / f"{namn}.json").read_text())
        texter.append(data["tjansteskrivelse"])
    return texter


def _mote(organ, diarium, sekreterare, antal: int, datum, prefix: str):
    texter = _seedtexter()
    mote = sammantraden.skapa_sammantrade(
        organ=organ,
        datum=datum,
        starttid=datetime.time(9),
        sluttid=datetime.time(16),
        plats="Regionens hus, sal Storsjön",
        anvandare=sekreterare,
    )
    for i in range(antal):
        ts = texter[i % len(texter)]
        arende = arendetjanst.registrera_arende(
            diarium=diarium, titel=f"{prefix} {i + 1}: {ts['titel']}", organ=organ,
            anvandare=sekreterare,
        )  # fmt: skip
        skrivelse = tjansteskrivelser.skapa_tjansteskrivelse(
            arende,
            anvandare=sekreterare,
            titel=f"{prefix} {i + 1}: {ts['titel']}",
            avsnitt=ts["avsnitt"],
            attsatser=ts["attsatser"] or ["Informationen läggs till handlingarna."],
            forslag_inledning=ts["forslag_inledning"] or "",
        )
        Tjansteskrivelse.objects.filter(pk=skrivelse.pk).update(status=Tjansteskrivelse.Status.KLAR)
        sammantraden.lagg_till_arende(mote, arende, anvandare=sekreterare)
    return mote


def _vanta(mote, tidsgrans=300.0) -> KallelsePaket:
    slut = time.monotonic() + tidsgrans
    while time.monotonic() < slut:
        paket = kallelse.senaste(mote)
        if paket.status != KallelsePaket.Status.PAGAR:
            return paket
        time.sleep(0.02)
    raise SystemExit("Kallelsen blev inte klar inom tidsgränsen.")


def _skicka_och_bygg(mote, sekreterare) -> tuple[float, float, KallelsePaket]:
    """Seconds until the bundle is done, of which sending (freezing, queueing) took."""
    start = time.perf_counter()
    sammantraden.skicka_kallelse(mote, anvandare=sekreterare)
    skickat = time.perf_counter() - start
    paket = _vanta(mote)
    if paket.status != KallelsePaket.Status.KLAR:
        raise SystemExit(f"Bygget misslyckades: {paket.fel}")
    return time.perf_counter() - start, skickat, paket


def _arbetstid(paket) -> tuple[int, float]:
    # The tasks the build ran and the seconds the workers spent on them together.
    from django_tasks_db.models import DBTaskResult

    uppgifter = DBTaskResult.objects.filter(args_kwargs__args__0=paket.pk)
    # The last task merges and marks the bundle done before the worker records its end.
    for _ in range(200):
        if not uppgifter.filter(finished_at__isnull=True).exists():
            break
        time.sleep(0.01)
    tider = uppgifter.values_list("started_at", "finished_at")
    return len(tider), sum((slut - start).total_seconds() for start, slut in tider)


def main() -> None:
    belastning = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    call_command("migrate", verbosity=0)
    User = get_user_model()
    sekreterare = User.objects.create_user("bench-sekreterare", password="x" * 20)
    sekreterare.groups.add(Group.objects.get(name="Nämndsekreterare"))
    organ = Organ.objects.create(namn="Regionstyrelsen", forkortning="RS", typ="styrelse")
    diarium = Diarium.objects.create(prefix="RS", namn="Regionstyrelsens diarium", organ=organ)
    politiker = User.objects.create_user("bench-politiker", password="x" * 20)
    person = Person.objects.create(namn="Per Politiker", anvandare=politiker)
    Uppdrag.objects.create(
        organ=organ, person=person, roll="ledamot", fran=datetime.date(2023, 1, 1)
    )
    politiker.groups.add(Group.objects.get(name="Politiker"))
    idag = timezone.localdate()

    arbetare = [
        subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--no-reload",
                "--no-startup-delay",
                "--interval",
                "0.05",
                "--queue-name",
                "*",
                "--verbosity",
                "0",
            ],
            cwd=ROT,
            env=os.environ.copy(),
        )  # fmt: skip
        for _ in range(ARBETARE)
    ]
    try:
        # Warm the workers as long-lived ones are: WeasyPrint imported, fonts loaded.
        uppvarmning = _mote(organ, diarium, sekreterare, 2 * ARBETARE, idag, "Uppvärmning")
        _skicka_och_bygg(uppvarmning, sekreterare)

        mote = _mote(
            organ, diarium, sekreterare, ANTAL_PUNKTER, idag + datetime.timedelta(1), "Ärende"
        )
        fran_inget, skickat, paket = _skicka_och_bygg(mote, sekreterare)
        sidor = paket.sidor
        uppgifter, arbetstid = _arbetstid(paket)

        # One item changes: its memo is edited and the kallelse sent again.
        punkt = mote.dagordning.order_by("ordning")[ANTAL_PUNKTER // 2]
        Attsats.objects.filter(tjansteskrivelse=punkt.tjansteskrivelse).update(
            text="Regionstyrelsen godkänner den reviderade rapporten."
        )
        efter_andring, skickat_igen, paket = _skicka_och_bygg(mote, sekreterare)
        uppgifter_igen, _ = _arbetstid(paket)
    finally:
        for p in arbetare:
            p.terminate()
        for p in arbetare:
            p.wait(timeout=30)

    setup_test_environment()
    klient = Client()
    klient.force_login(politiker)
    url = f"/sammantraden/{mote.pk}/"
    for _ in range(20):
        assert klient.get(url).status_code == 200
    tider = []
    for _ in range(SIDVISNINGAR):
        start = time.perf_counter()
        svar = klient.get(url)
        tider.append((time.perf_counter() - start) * 1000)
        assert svar.status_code == 200
    tider.sort()
    p95 = tider[int(len(tider) * 0.95) - 1]

    print(
        f"Kallelse med {ANTAL_PUNKTER} punkter, {sidor} sidor, {ARBETARE} db_worker-processer, "
        f"SQLite (belastning på datorn vid start: {belastning})"
    )
    print(
        f"  från inget:               {fran_inget:6.2f} s  (mål ≤ 8 s; varav skicka "
        f"{skickat:.2f} s, {uppgifter} uppgifter, {arbetstid:.1f} s arbetstid i arbetarna)"
    )
    print(
        f"  efter en ändrad punkt:    {efter_andring:6.2f} s  (mål ≤ 2 s; varav skicka "
        f"{skickat_igen:.2f} s, {uppgifter_igen} uppgift)"
    )
    print(
        f"  politikerns sammanträdessida: p50 {statistics.median(tider):.1f} ms, "
        f"p95 {p95:.1f} ms  (mål p95 ≤ 50 ms; {SIDVISNINGAR} anrop)"
    )


if __name__ == "__main__":
    main()
