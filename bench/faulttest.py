"""`make faulttest`: PostgreSQL goes away under registrations, and comes back.

Starts a throwaway PostgreSQL cluster of its own (initdb and pg_ctl in a temporary
directory, on a free loopback port; never the shared server), runs `make serve`
against it and keeps registering cases over HTTP as a logged-in registrator,
recording every number the app acknowledged (a 302 to the new case). Then, twice:
stops the cluster (first `pg_ctl stop -m fast`, then `-m immediate`, as a crash
would), checks that the app answers a clean 503 meanwhile, starts the cluster
again and measures how long the app takes to serve again by itself.

At the end it reads the database directly: every acknowledged registration must
be there under its number, no number twice, no gap in the series. Recovery time
is printed as a figure, with a verdict against the 10 s target. Exits non-zero on a
lost or duplicated registration, a 500 or a stack trace during the outage, an outage
in which health, a page or a registration never saw a 503, or no recovery within a
minute.
Everything runs on loopback and is removed afterwards.
"""

import contextlib
import itertools
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import psycopg
import requests

from bench import server

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
FORE_S, BORTA_S, EFTER_S = 5.0, 5.0, 5.0
MAX_ATERHAMTNING_S = 60.0
MAL_ATERHAMTNING_S = 10.0  # issue 8: service back within 10 s of the database
MAX_REGISTRERINGAR = 5000
TRADAR = 2
OTILLGANGLIG = "Tjänsten är tillfälligt otillgänglig"


class Kluster:
    """A PostgreSQL cluster in a temporary directory; as root, run as the postgres user."""

    def __init__(self, katalog: Path, port: int):
        self.data, self.port, self.logg = katalog / "pgdata", port, katalog / "postgresql.log"
        self.som = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.som:
            shutil.chown(katalog, "postgres")

    def _kor(self, *args: str) -> None:
        subprocess.run([*self.som, *args], check=True, capture_output=True, timeout=120)

    def skapa(self) -> None:
        self._kor(
            str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "diariet", "-A", "trust",
            "-E", "UTF8", "--no-instructions",
        )  # fmt: skip
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(
                f"port = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.data.parent}'\n"
            )

    def starta(self) -> None:
        self._kor(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.logg), "-w", "start")

    def stoppa(self, lage: str) -> None:
        self._kor(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", lage, "-w", "stop")

    def url(self, databas: str) -> str:
        return f"postgres://diariet@127.0.0.1:{self.port}/{databas}"


class Last:
    """Registrations from TRADAR threads, and a watcher that reads /health/ and a page."""

    def __init__(self, bas: str, kakor: dict, diarium: int, korning: str):
        self.bas, self.kakor, self.diarium, self.korning = bas, kakor, diarium, korning
        self.kvitterade: list[tuple[str, str, float]] = []  # (titel, diarienummer, tid)
        self.svar: list[tuple[float, str, int | str, str]] = []  # (tid, vad, status, anm)
        self.stopp = threading.Event()
        self._nummer = itertools.count(1)
        self._las = threading.Lock()
        self.tradar = [threading.Thread(target=self._registrera) for _ in range(TRADAR)]
        self.tradar.append(threading.Thread(target=self._bevaka))

    def starta(self):
        for trad in self.tradar:
            trad.start()

    def stoppa(self):
        self.stopp.set()
        for trad in self.tradar:
            trad.join(timeout=30)

    def _notera(self, vad, svar):
        if isinstance(svar, Exception):
            status, anm = type(svar).__name__, ""
        else:
            status = svar.status_code
            anm = "stack trace" if "Traceback" in svar.text else ""
            if status == 503 and OTILLGANGLIG not in svar.text and vad != "health":
                anm = "503 utan den svenska felsidan"
        with self._las:
            self.svar.append((time.monotonic(), vad, status, anm))

    def _registrera(self):
        while not self.stopp.is_set():
            nummer = next(self._nummer)
            if nummer > MAX_REGISTRERINGAR:
                return
            titel = f"Feltest {self.korning} nr {nummer}"
            try:
                svar = requests.post(
                    self.bas + "/arenden/ny/",
                    data={
                        "csrfmiddlewaretoken": self.kakor["csrftoken"],
                        "diarium": self.diarium,
                        "titel": titel,
                        "typ": "arende",
                    },
                    headers=server.rubriker(self.kakor, self.bas),
                    allow_redirects=False,
                    timeout=15,
                )
            except requests.RequestException as fel:
                self._notera("registrering", fel)
                time.sleep(0.1)
                continue
            self._notera("registrering", svar)
            plats = re.fullmatch(
                r"/arenden/([A-Z]+)-(\d+)-(\d{4})/", svar.headers.get("Location", "")
            )
            if svar.status_code == 302 and plats:
                with self._las:
                    self.kvitterade.append(
                        (titel, f"{plats[1]}/{plats[2]}/{plats[3]}", time.monotonic())
                    )
            time.sleep(0.05)

    def _bevaka(self):
        while not self.stopp.is_set():
            for vad, url in (("health", "/health/"), ("sida", "/arenden/")):
                try:
                    svar = requests.get(
                        self.bas + url,
                        headers=server.rubriker(self.kakor, self.bas),
                        allow_redirects=False,
                        timeout=15,
                    )
                except requests.RequestException as fel:
                    svar = fel
                self._notera(vad, svar)
            time.sleep(0.1)

    def forsta_ok_efter(self, tid: float) -> dict[str, float | None]:
        with self._las:
            svar, kvitt = list(self.svar), list(self.kvitterade)
        forsta = {}
        for vad in ("health", "sida"):
            forsta[vad] = next(
                (t for t, v, s, _ in svar if v == vad and t >= tid and s == 200), None
            )
        forsta["registrering"] = next((t for _, _, t in kvitt if t >= tid), None)
        return forsta


def main() -> int:
    if not (PG_BIN / "initdb").exists():
        print(f"PostgreSQL:s program saknas i {PG_BIN} (sätt PG_BIN).", file=sys.stderr)
        return 1
    katalog = Path(tempfile.mkdtemp(prefix="faulttest_"))
    kluster = Kluster(katalog, server.fri_port())
    app = None
    try:
        kluster.skapa()
        kluster.starta()
        with psycopg.connect(kluster.url("postgres"), autocommit=True) as conn:
            conn.execute("CREATE DATABASE diariet")
        env = server.produktionsmiljo(
            kluster.url("diariet"), server.fri_port(), katalog, WEB_CONCURRENCY=3
        )
        server.manage(env, "migrate", "--noinput", "--verbosity", "0")
        server.manage(env, "demodata")
        app = server.Server(env, katalog / "serve.log").starta()
        kakor = server.logga_in(app.bas, "registrator")
        with psycopg.connect(kluster.url("diariet")) as conn:
            diarium = conn.execute("SELECT id FROM arenden_diarium WHERE prefix = 'RS'").fetchone()[
                0
            ]
        print(
            f"kluster: PostgreSQL i {kluster.data} på 127.0.0.1:{kluster.port}; "
            f"make serve på {app.bas}; {TRADAR} registrerande trådar",
            flush=True,
        )
        last = Last(app.bas, kakor, diarium, korning=str(os.getpid()))
        last.starta()
        utfall = []
        try:
            time.sleep(FORE_S)
            for lage in ("fast", "immediate"):
                utfall.append(_avbrott(kluster, last, lage))
                time.sleep(EFTER_S)
        finally:
            last.stoppa()
        omstarter = (
            (katalog / "serve.log")
            .read_text(errors="replace")
            .count("Uppgiftsarbetaren avslutades")
        )
        print(f"omstarter av bakgrundsarbetaren (make serve): {omstarter}", flush=True)
        return _granska(kluster, last, utfall)
    finally:
        if app is not None:
            app.stoppa()
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            kluster.stoppa("immediate")
        shutil.rmtree(katalog, ignore_errors=True)


def _avbrott(kluster, last, lage) -> dict:
    borjar = time.monotonic()
    kluster.stoppa(lage)
    borta = time.monotonic()
    time.sleep(BORTA_S)
    kluster.starta()  # -w: returns when the server accepts connections
    tillbaka = time.monotonic()
    slut = tillbaka + MAX_ATERHAMTNING_S
    while time.monotonic() < slut:
        forsta = last.forsta_ok_efter(tillbaka)
        if all(forsta.values()):
            break
        time.sleep(0.1)
    with last._las:
        svar = list(last.svar)
    return {
        "lage": lage,
        "borta": borta,
        "tillbaka": tillbaka,
        "forsta": last.forsta_ok_efter(tillbaka),
        # While pg_ctl stops the server, requests already under way may still finish.
        "nedstangning": [s for s in svar if borjar <= s[0] < borta],
        "under": [s for s in svar if borta <= s[0] < tillbaka],
    }


def _granska(kluster, last, utfall) -> int:
    fel = []
    for runda in utfall:
        nedstangning = Counter(str(s) for _, _, s, _ in runda["nedstangning"])
        under = Counter(str(s) for _, _, s, _ in runda["under"])
        sekunder = runda["tillbaka"] - runda["borta"]
        print(f"\npg_ctl stop -m {runda['lage']}: databasen borta i {sekunder:.1f} s")
        print(f"  svar medan den stängdes: {dict(nedstangning)}")
        print(f"  svar medan den var borta: {dict(under)}")
        if set(under) - {"503"}:
            fel.append(f"-m {runda['lage']}: andra svar än 503 medan databasen var borta")
        # A run that never asked while the database was away proves nothing about 503.
        for vad in ("health", "sida", "registrering"):
            antal = sum(1 for _, v, status, _ in runda["under"] if v == vad and status == 503)
            print(f"  503 medan den var borta, {vad}: {antal}")
            if not antal:
                fel.append(f"-m {runda['lage']}: inget 503 för {vad} medan databasen var borta")
        langsta = 0.0
        for vad, tid in runda["forsta"].items():
            if tid is None:
                fel.append(f"-m {runda['lage']}: {vad} återhämtade sig inte")
                print(f"  återhämtning, {vad}: inte inom {MAX_ATERHAMTNING_S:.0f} s")
                langsta = float("inf")
            else:
                sekunder = tid - runda["tillbaka"]
                langsta = max(langsta, sekunder)
                print(f"  återhämtning, {vad}: {sekunder:.2f} s efter att databasen var tillbaka")
        # The target, said as a verdict; the time itself is a figure, not a failure.
        print(
            f"  återhämtning, allt: {langsta:.2f} s (mål ≤ {MAL_ATERHAMTNING_S:.0f} s): "
            + ("uppfyllt" if langsta <= MAL_ATERHAMTNING_S else "EJ UPPFYLLT")
        )
    # Over the whole run, before, during and after: a page, a registration or a clean 503.
    alla = Counter(str(s) for _, _, s, _ in last.svar)
    anmarkningar = Counter(a for *_, a in last.svar if a)
    print(f"\nalla svar under körningen: {dict(alla)}")
    if set(alla) - {"200", "302", "503"}:
        fel.append(f"svar som inte är 200, 302 eller 503: {dict(alla)}")
    if anmarkningar:
        fel.append(f"{dict(anmarkningar)}")

    with psycopg.connect(kluster.url("diariet")) as conn:
        rader = conn.execute(
            "SELECT titel, diarienummer FROM arenden_arende WHERE titel LIKE %s",
            [f"Feltest {last.korning} nr %"],
        ).fetchall()
        # The year the app numbered in (Stockholm's), read off an acknowledged number.
        ar = int(last.kvitterade[0][1].rsplit("/", 1)[1]) if last.kvitterade else 0
        nummer = [
            r[0]
            for r in conn.execute(
                "SELECT a.lopnummer FROM arenden_arende a "
                "JOIN arenden_diarium d ON d.id = a.diarium_id "
                "WHERE d.prefix = 'RS' AND a.ar = %s ORDER BY a.lopnummer",
                [ar],
            )
        ]
        dubbletter_db = conn.execute(
            "SELECT count(*) FROM (SELECT diarienummer FROM arenden_arende "
            "GROUP BY diarienummer HAVING count(*) > 1) d"
        ).fetchone()[0]
    i_db = dict(rader)
    kvitterade = last.kvitterade
    forlorade = [(t, n) for t, n, _ in kvitterade if i_db.get(t) != n]
    kvitterade_nummer = Counter(n for _, n, _ in kvitterade)
    dubbletter = sum(1 for antal in kvitterade_nummer.values() if antal > 1) + dubbletter_db
    luckor = sorted(set(range(1, (max(nummer) if nummer else 0) + 1)) - set(nummer))
    ej_kvitterade = len(i_db) - (len(kvitterade) - len(forlorade))
    print(
        f"\nregistreringar kvitterade: {len(kvitterade)}, i databasen: {len(i_db)} "
        f"(varav {ej_kvitterade} sparade men aldrig kvitterade)"
    )
    print(
        f"förlorade kvitterade: {len(forlorade)} · dubblerade nummer: {dubbletter} · "
        f"luckor i RS/…/{ar}: {len(luckor)}"
    )
    if forlorade:
        fel.append(f"{len(forlorade)} kvitterade registreringar saknas, t.ex. {forlorade[0]}")
    if dubbletter:
        fel.append(f"{dubbletter} diarienummer förekommer två gånger")
    if luckor:
        fel.append(f"luckor i nummerserien: {luckor[:10]}")
    if not kvitterade:
        fel.append("inga registreringar kvitterades alls")
    print("\n" + ("FELTEST MISSLYCKADES:\n  " + "\n  ".join(fel) if fel else "feltest godkänt"))
    return 1 if fel else 0


if __name__ == "__main__":
    sys.exit(main())
