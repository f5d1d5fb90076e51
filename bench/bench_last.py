"""Load: 50 politicians on a meeting morning against `make serve` on PostgreSQL.

Starts the app exactly as `make serve` does (gunicorn, task worker, DEBUG off) on
loopback against a throwaway PostgreSQL database, seeds it, logs the users in,
then runs locust headless from a second process: 50 users, 1–3 s between
requests, 60 s. Prints requests/s, p50/p95/p99 and the errors per kind of
request. Targets (issue 8): no errors, p95 ≤ 300 ms for pages, ≤ 1 s for a PDF.

The meeting (bench/lastdata.py) is built through the domain functions: thirty cases
with underlag and approved tjänsteskrivelser on the agenda, the kallelse sent and its
bundle built before the run. The PDF is an agenda item's frozen tjänsteskrivelse from
the reading room (…/punkter/<pk>/tjansteskrivelse.pdf), fetched once before the run
so the figure is for the cached PDF, as the issue's target.

BENCH_POSTGRES_URL (default postgres://root@127.0.0.1:5432) names the server;
BENCH_ANVANDARE, BENCH_SEKUNDER and BENCH_ARENDEN change the load.
"""

import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import psycopg
import requests

from bench import server

PG = os.environ.get("BENCH_POSTGRES_URL", "postgres://root@127.0.0.1:5432")
ANVANDARE = int(os.environ.get("BENCH_ANVANDARE", "50"))
SEKUNDER = int(os.environ.get("BENCH_SEKUNDER", "60"))
ARENDEN = int(os.environ.get("BENCH_ARENDEN", "500"))
MAL_SIDA_P95, MAL_PDF_P95 = 300, 1000


def _pg(sql: str) -> None:
    with psycopg.connect(PG + "/postgres", autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql)


def _har_fakecases(env) -> bool:
    return (
        subprocess.run(
            [sys.executable, "manage.py", "help", "fakecases"],
            env=env,
            cwd=server.ROT,
            capture_output=True,
        ).returncode
        == 0
    )


def main() -> int:
    try:
        _pg("SELECT 1")
    except psycopg.Error as fel:
        print(f"PostgreSQL svarar inte på {PG}: {fel}", file=sys.stderr)
        return 1
    databas = f"bench_last_{os.getpid()}"
    katalog = Path(tempfile.mkdtemp(prefix="bench_last_"))
    env = server.produktionsmiljo(f"{PG}/{databas}", server.fri_port(), katalog)
    app = server.Server(env, katalog / "serve.log")
    _pg(f'CREATE DATABASE "{databas}"')
    try:
        t0 = time.monotonic()
        server.manage(env, "migrate", "--noinput", "--verbosity", "0")
        fakecases = _har_fakecases(env)
        if fakecases:
            server.manage(env, "fakecases", str(ARENDEN))
        data = json.loads(
            subprocess.run(
                [sys.executable, "-m", "bench.lastdata", str(ARENDEN), "1" if fakecases else "0"],
                env=env,
                cwd=server.ROT,
                check=True,
                capture_output=True,
                text=True,
            ).stdout.splitlines()[-1]
        )
        # The kallelse went out a week before the morning: its bundle is built by then.
        # Built here, so the task worker is idle under the load, as on the morning.
        t1 = time.monotonic()
        server.manage(env, "db_worker", "--batch", "--queue-name", "*", "--no-startup-delay")
        paket = _kallelsepaket(env["DATABASE_URL"], data["sammantrade"])
        if paket != "klar":
            print(f"Kallelsepaketet blev inte klart (status {paket}).", file=sys.stderr)
            return 1
        print(
            f"data: {data['arenden']} ärenden, {data['handlingar']} handlingar "
            f"({'fakecases' if fakecases else 'bench/lastdata.py'}, "
            f"{t1 - t0:.0f} s); sammanträdet {data['datum']}: {data['punkter']} punkter, "
            f"{data['underlag']} underlag, kallelsen skickad och byggd "
            f"({time.monotonic() - t1:.0f} s); {len(data['pdf'])} PDF:er",
            flush=True,
        )
        app.starta()
        with ThreadPoolExecutor(4) as pool:
            sessioner = list(
                pool.map(
                    lambda _: server.logga_in(app.bas, "politiker")["sessionid"],
                    range(ANVANDARE),
                )
            )
        # The target is for a cached PDF: the first request renders it and fills the
        # shared cache, as the first reader on a meeting morning would.
        kakor = {"sessionid": sessioner[0]}
        for url in data["pdf"]:
            requests.get(app.bas + url, headers=server.rubriker(kakor, app.bas), timeout=60)
        # What the politicians load must be the full agenda, not an empty page.
        sida = requests.get(
            f"{app.bas}/sammantraden/{data['sammantrade']}/",
            headers=server.rubriker(kakor, app.bas),
            timeout=60,
        )
        punkter = sida.text.count('class="punktlank"')
        if sida.status_code != 200 or punkter != data["punkter"]:
            print(
                f"Sammanträdessidan visar {punkter} punkter av {data['punkter']} "
                f"(status {sida.status_code}).",
                file=sys.stderr,
            )
            return 1
        print(
            f"server: make serve (gunicorn, {_arbetare(env)} arbetare) på {app.bas}, "
            f"PostgreSQL {PG}/{databas}; {ANVANDARE} användare inloggade",
            flush=True,
        )
        fore, cpu_fore = os.getloadavg()[0], _app_cpu(app)
        resultat = _locust(app.bas, sessioner, data, katalog)
        cpu = _app_cpu(app)
        _skriv(resultat)
        antal = int(next(r for r in resultat if r["Name"] == "Aggregated")["Request Count"])
        sekunder = sum(cpu.get(pid, 0) - t for pid, t in cpu_fore.items())
        # CPU time per request does not depend on what else ran on the machine.
        print(f"appens CPU-tid: {sekunder * 1000 / max(antal, 1):.1f} ms per förfrågan (gunicorn)")
        # The figures mean little if other work shared the cores: say how busy it was.
        print(
            f"maskinens belastning (1 min): {fore:.1f} före, {os.getloadavg()[0]:.1f} efter "
            f"({os.cpu_count()} kärnor, server och locust inräknade)"
        )
        return 0
    finally:
        app.stoppa()
        _pg(f'DROP DATABASE IF EXISTS "{databas}" WITH (FORCE)')
        shutil.rmtree(katalog, ignore_errors=True)


def _kallelsepaket(database_url: str, sammantrade: int) -> str | None:
    with psycopg.connect(database_url, connect_timeout=5) as conn:
        rad = conn.execute(
            "SELECT status FROM arenden_kallelsepaket WHERE sammantrade_id = %s "
            "ORDER BY id DESC LIMIT 1",
            [sammantrade],
        ).fetchone()
    return rad[0] if rad else None


def _app_cpu(app) -> dict[int, float]:
    """CPU seconds so far of each gunicorn process of this server."""
    tider = {}
    for proc in psutil.Process(app.process.pid).children(recursive=True):
        try:
            if "gunicorn" in " ".join(proc.cmdline()):
                tider[proc.pid] = sum(proc.cpu_times()[:2])
        except psutil.Error:
            pass
    return tider


def _arbetare(env) -> str:
    return env.get("WEB_CONCURRENCY") or f"{2 * os.cpu_count() + 1}"


def _locust(bas, sessioner, data, katalog) -> list[dict]:
    env = {
        **os.environ,
        "BENCH_SESSIONER": json.dumps(sessioner),
        "BENCH_SAMMANTRADE": str(data["sammantrade"]),
        "BENCH_PDF": json.dumps(data["pdf"]),
    }
    kommando = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(server.ROT / "bench" / "last_locustfile.py"),
        "--headless",
        "--users",
        str(ANVANDARE),
        "--spawn-rate",
        str(ANVANDARE),
        "--run-time",
        f"{SEKUNDER}s",
        "--host",
        bas,
        "--csv",
        str(katalog / "locust"),
        "--only-summary",
        "--loglevel",
        "ERROR",
        "--stop-timeout",
        "5",
    ]
    print(
        f"locust: {ANVANDARE} användare, 1–3 s mellan förfrågningar, {SEKUNDER} s ...", flush=True
    )
    subprocess.run(kommando, env=env, cwd=katalog, capture_output=True, timeout=SEKUNDER + 120)
    with open(katalog / "locust_stats.csv", encoding="utf-8") as fil:
        return list(csv.DictReader(fil))


def _skriv(rader: list[dict]) -> None:
    print(
        f"\n{'förfrågan':<26}{'antal':>7}{'fel':>5}{'req/s':>8}{'p50':>7}{'p95':>7}{'p99':>7}  (ms)"
    )
    for rad in sorted(rader, key=lambda r: (r["Name"] == "Aggregated", r["Name"])):
        namn = "totalt" if rad["Name"] == "Aggregated" else rad["Name"]
        print(
            f"{namn:<26}{rad['Request Count']:>7}{rad['Failure Count']:>5}"
            f"{float(rad['Requests/s']):>8.1f}{rad['50%']:>7}{rad['95%']:>7}{rad['99%']:>7}"
        )
    fel = sum(int(r["Failure Count"]) for r in rader if r["Name"] != "Aggregated")
    sidor = [r for r in rader if r["Name"].startswith("sida:")]
    pdf = [r for r in rader if r["Name"].startswith("pdf:")]
    sida_p95 = max((int(r["95%"]) for r in sidor), default=0)
    pdf_p95 = max((int(r["95%"]) for r in pdf), default=0)
    print(
        f"\nfel: {fel} (mål 0) · sidor p95 högst {sida_p95} ms (mål ≤ {MAL_SIDA_P95}) · "
        f"PDF p95 {pdf_p95} ms (mål ≤ {MAL_PDF_P95})"
    )
    print(
        "mål uppfyllda"
        if fel == 0 and sida_p95 <= MAL_SIDA_P95 and pdf_p95 <= MAL_PDF_P95
        else "MÅL EJ UPPFYLLDA"
    )


if __name__ == "__main__":
    # bench/run.py runs every benchmark in one process: exit only on failure.
    if kod := main():
        sys.exit(kod)
