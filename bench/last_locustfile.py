"""The meeting morning, for locust: politicians who read the kallelse, the list, search, download.

Run by bench/bench_last.py, which hands over the sessions and the URLs in the
environment. Every user waits 1–3 s between requests, as people do.
"""

import itertools
import json
import os
import random

from locust import FastHttpUser, between, task

SESSIONER = json.loads(os.environ["BENCH_SESSIONER"])
SAMMANTRADE = os.environ["BENCH_SAMMANTRADE"]
PDF = json.loads(os.environ["BENCH_PDF"])
SOKNINGAR = ["vård", "primärvård", "RS/1450/2017", "budgetmodell", "ambulans", "Härjedalen"]
_nummer = itertools.count()


class Politiker(FastHttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        sessionid = SESSIONER[next(_nummer) % len(SESSIONER)]
        self.rubriker = {"X-Forwarded-Proto": "https", "Cookie": f"sessionid={sessionid}"}

    def _hamta(self, url, namn, typ="text/html"):
        with self.client.get(
            url, headers=self.rubriker, name=namn, catch_response=True, allow_redirects=False
        ) as svar:
            # A redirect to the login page is a failure too, not a fast answer.
            if svar.status_code != 200:
                svar.failure(f"status {svar.status_code}")
            elif not svar.headers.get("Content-Type", "").startswith(typ):
                svar.failure(f"fel typ {svar.headers.get('Content-Type')}")

    @task(4)
    def sammantrade(self):
        self._hamta(f"/sammantraden/{SAMMANTRADE}/", "sida: sammanträde")

    @task(3)
    def arendelista(self):
        self._hamta("/arenden/", "sida: ärendelista")

    @task(2)
    def sokning(self):
        self._hamta(f"/arenden/?q={random.choice(SOKNINGAR)}", "sida: sökning")

    @task(1)
    def pdf(self):
        self._hamta(random.choice(PDF), "pdf: tjänsteskrivelse", typ="application/pdf")
