"""The diary at scale: 100,000 cases (about 500,000 handlingar) on PostgreSQL.

Fills the database with `fakecases` if it holds fewer cases, then times each page
in-process with Django's test Client (server time, no network) and counts its SQL
queries. Uses DATABASE_URL when it names PostgreSQL; otherwise a database
`bench_diarium` on 127.0.0.1:5432, created when missing.

Targets (issue 4): list and case page p95 <= 50 ms; rare word and diarienummer
search p95 <= 100 ms; common word ("primärvård") p95 <= 250 ms.
"""

import os
import random
import statistics
import sys
import time

ANTAL = int(os.environ.get("BENCH_ARENDEN", "100000"))
VARV = int(os.environ.get("BENCH_VARV", "50"))
STANDARD_URL = "postgres://root@127.0.0.1:5432/bench_diarium"


def databas() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return url
    import psycopg

    bas, namn = STANDARD_URL.rsplit("/", 1)
    with psycopg.connect(f"{bas}/postgres", autocommit=True) as anslutning:
        finns = anslutning.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [namn]
        ).fetchone()
        if not finns:
            anslutning.execute(f'CREATE DATABASE "{namn}"')
    return STANDARD_URL


def main() -> int:
    os.environ["DATABASE_URL"] = databas()
    os.environ.setdefault("SECRET_KEY", "bench-nyckel-inte-hemlig")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "halsoval.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import warnings

    import django

    # WhiteNoise warns that collectstatic has not run; the pages are timed without it.
    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from arenden import fakedata
    from arenden.models import Arende, Handling

    call_command("migrate", verbosity=0)
    finns = Arende.objects.count()
    if finns < ANTAL:
        print(f"Fyller på med {ANTAL - finns} ärenden (har {finns}) …", flush=True)
        resultat = fakedata.skapa(ANTAL - finns, seed=finns, skriv=lambda _t: None)
        print(f"  klart på {resultat['sekunder']} s", flush=True)
        with connection.cursor() as c:
            c.execute("VACUUM ANALYZE")
    print(
        f"Databas: PostgreSQL, {Arende.objects.count()} ärenden, "
        f"{Handling.objects.count()} handlingar"
    )

    slump = random.Random(4)  # noqa: S311 - picks pages, not secrets
    user = _lasare()
    klient = Client()
    klient.force_login(user)
    sallsynt = fakedata.SALLSYNTA[0]
    urval = list(Arende.objects.order_by("?").values_list("diarienummer", flat=True)[:VARV])
    sidor = [
        ("lista", lambda i: "/arenden/"),
        ("sök sällsynt ord", lambda i: f"/arenden/?q={sallsynt}"),
        ("sök vanligt ord", lambda i: "/arenden/?q=primärvård"),
        ("sök diarienummer", lambda i: f"/arenden/?q={urval[i % len(urval)]}"),
        ("ärendesida", lambda i: "/arenden/" + urval[i % len(urval)].replace("/", "-") + "/"),
        ("publikt diarium", lambda i: "/diarium/"),
        ("publik sökning", lambda i: "/diarium/?q=primärvård"),
    ]
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Other processes on the machine show up in every figure; say how busy it was.
    print(f"Belastning (load average 1 min) före: {os.getloadavg()[0]:.1f}")
    print(f"\n{'sida':<20}{'median ms':>10}{'p95 ms':>10}{'frågor':>8}  (n={VARV})")
    with override_settings(STORAGES=storages):
        for namn, url in sidor:
            for i in range(3):  # warm caches and connections
                klient.get(url(i))
            tider = []
            for i in range(VARV):
                start = time.perf_counter()
                svar = klient.get(url(i))
                tider.append((time.perf_counter() - start) * 1000)
                if svar.status_code != 200:
                    print(f"{namn}: {url(i)} svarade {svar.status_code}", file=sys.stderr)
                    return 1
            with CaptureQueriesContext(connection) as fragor:
                klient.get(url(slump.randrange(VARV)))
            p95 = statistics.quantiles(tider, n=20)[-1]
            print(f"{namn:<20}{statistics.median(tider):>10.1f}{p95:>10.1f}{len(fragor):>8}")
    print(f"Belastning (load average 1 min) efter: {os.getloadavg()[0]:.1f}")
    return 0


def _lasare():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user, skapad = get_user_model().objects.get_or_create(
        username="bench.handlaggare", defaults={"first_name": "Bänk", "last_name": "Läsare"}
    )
    if skapad:
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get(name="Handläggare"))
    return user


if __name__ == "__main__":
    sys.exit(main())
