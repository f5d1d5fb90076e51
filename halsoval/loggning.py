"""Structured log lines: one JSON object per line on stdout, each with the request id.

The request id comes from the balancer's X-Request-ID when it sends a sane one, so
a line here can be matched with the balancer's own; otherwise we make one. It is
kept in a context variable, so every record logged while a request runs carries
it, Django's and the libraries' included.
"""

import contextvars
import datetime
import json
import logging

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

# What a record's `extra` may add to the JSON line.
FALT = ("method", "path", "status", "duration_ms", "user", "bytes")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        rad = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", request_id.get()),
            "message": record.getMessage(),
        }
        for falt in FALT:
            if hasattr(record, falt):
                rad[falt] = getattr(record, falt)
        if record.exc_info:
            rad["exception"] = self.formatException(record.exc_info)
        return json.dumps(rad, ensure_ascii=False, default=str)
