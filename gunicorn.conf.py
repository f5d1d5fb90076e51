"""Gunicorn as `make serve` runs it. Every number can be set from the environment.

Sync workers: each request has a process to itself, so WeasyPrint (not made for
threads) renders safely, and a slow request never holds up another in the same
worker. The app listens on loopback or a private network behind a load balancer
that terminates TLS and buffers slow clients.
"""

import multiprocessing
import os
import sys

from halsoval.produktion import kontrollera

# Before anything else, and before preload_app imports the app: a gunicorn started
# some other way than `make serve` is held to the same rules, in the same words.
kontrollera()


def _heltal(namn: str, standard: int) -> int:
    varde = os.environ.get(namn, "").strip()
    if not varde:
        return standard
    try:
        return int(varde)
    except ValueError:
        sys.exit(f"{namn}={varde!r} är inte ett heltal.")


wsgi_app = "halsoval.wsgi:application"
bind = os.environ.get("BIND") or f"127.0.0.1:{_heltal('PORT', 8000)}"
workers = _heltal("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1)
worker_class = "sync"
timeout = _heltal("GUNICORN_TIMEOUT", 30)
graceful_timeout = 30
# WeasyPrint's resident memory creeps up with every render (DESIGN §7): recycle
# workers now and then, at staggered times so they never all restart at once.
max_requests = _heltal("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = max_requests // 10
# Import the app (and WeasyPrint, 0.9 s) once in the master; a recycled worker then
# starts in milliseconds. Django opens no database connection at import.
preload_app = True
# Not used, and every gunicorn on a machine would share its default path.
control_socket_disable = True
# Request lines and headers bounded well below what a browser ever sends.
limit_request_line = 8190
limit_request_fields = 100

# Django's middleware writes the access line (with request id, user and duration);
# gunicorn's own lines go to stdout in the same JSON shape.
accesslog = None
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "halsoval.loggning.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        }
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": [], "propagate": False},
    },
    "root": {"handlers": ["console"], "level": "INFO"},
}
