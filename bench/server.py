"""`make serve` started for a benchmark or the fault test, and spoken to as the balancer would.

The app runs exactly as in production: scripts/serve.sh, gunicorn, the task
worker, DEBUG off, HTTPS required. The client stands in for the TLS-terminating
load balancer: it sends X-Forwarded-Proto: https, and it keeps the session
cookie itself, since a Secure cookie is never sent back over plain HTTP.
"""

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROT = Path(__file__).resolve().parent.parent
BALANSERARE = {"X-Forwarded-Proto": "https"}
DEMOLOSENORD = "demo-losenord-2026"  # noqa: S105 - the README's demo users


def fri_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def produktionsmiljo(database_url: str, port: int, katalog: Path, **extra) -> dict:
    bort = {
        "DEBUG",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "SQLITE_PATH",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        # The served app logs as in production, whatever the benchmark's own process does.
        "LOG_LEVEL",
    }
    env = {k: v for k, v in os.environ.items() if k not in bort}
    env.update(
        DJANGO_SETTINGS_MODULE="halsoval.settings",
        DATABASE_URL=database_url,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        PORT=str(port),
        FILES_ROOT=str(katalog / "filer"),
        STATIC_ROOT=str(katalog / "static"),
        PY=sys.executable,
    )
    env.update({k: str(v) for k, v in extra.items()})
    return env


def manage(env: dict, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        env=env,
        cwd=ROT,
        check=True,
        capture_output=True,
        text=True,
        **kwargs,
    )


class Server:
    """scripts/serve.sh in its own process group, so it stops with everything it started."""

    def __init__(self, env: dict, logg: Path):
        self.env, self.logg = env, logg
        self.bas = f"http://127.0.0.1:{env['PORT']}"
        self.process = None

    def starta(self, vanta_s: float = 90) -> "Server":
        with open(self.logg, "ab") as ut:
            self.process = subprocess.Popen(
                [str(ROT / "scripts" / "serve.sh")],
                env=self.env,
                cwd=ROT,
                stdout=ut,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        slut = time.monotonic() + vanta_s
        while time.monotonic() < slut:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"make serve avslutades (kod {self.process.returncode}); se {self.logg}"
                )
            try:
                if requests.get(self.bas + "/health/", timeout=2).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"make serve svarade inte på /health/ inom {vanta_s} s; se {self.logg}")

    def stoppa(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        # The group this server's own session started: serve.sh, gunicorn, the workers.
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def logga_in(bas: str, anvandarnamn: str, losenord: str = DEMOLOSENORD) -> dict:
    """A logged-in browser's cookies: {"sessionid": …, "csrftoken": …}."""
    sida = requests.get(bas + "/login/", headers=BALANSERARE, timeout=30)
    sida.raise_for_status()
    csrf = sida.cookies["csrftoken"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', sida.text).group(1)
    svar = requests.post(
        bas + "/login/",
        data={"username": anvandarnamn, "password": losenord, "csrfmiddlewaretoken": token},
        headers={**BALANSERARE, "Cookie": f"csrftoken={csrf}", "Origin": _ursprung(bas)},
        allow_redirects=False,
        timeout=30,
    )
    if svar.status_code != 302:
        raise RuntimeError(f"Inloggningen som {anvandarnamn} misslyckades: {svar.status_code}")
    # Logging in rotates the CSRF secret: the response carries the new one.
    return {
        "sessionid": svar.cookies["sessionid"],
        "csrftoken": svar.cookies.get("csrftoken", csrf),
    }


def _ursprung(bas: str) -> str:
    return "https://" + bas.split("://", 1)[1]


def rubriker(kakor: dict, bas: str) -> dict:
    """Headers for a logged-in request, POSTs included (CSRF checks Origin over HTTPS)."""
    return {
        **BALANSERARE,
        "Cookie": "; ".join(f"{k}={v}" for k, v in kakor.items()),
        "Origin": _ursprung(bas),
    }
