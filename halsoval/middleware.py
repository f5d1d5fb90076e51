"""The request's id and access log line, and the refusal of input no view should see."""

import logging
import re
import time
import uuid
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.utils.functional import SimpleLazyObject, empty

from halsoval import loggning
from halsoval.views import felsida

logger = logging.getLogger("diariet.http")

# A balancer's id is passed on only when it looks like one: it ends up in our logs
# and in a response header, so no control characters, no unbounded length.
_GILTIGT_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        inkommande = request.META.get("HTTP_X_REQUEST_ID", "")
        rid = inkommande if _GILTIGT_ID.match(inkommande) else uuid.uuid4().hex
        request.request_id = rid
        token = loggning.request_id.set(rid)
        start = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = rid
            status = response.status_code
            niva = logging.INFO
            if status >= 400:
                niva = logging.ERROR if status >= 500 else logging.WARNING
            # The path without the query string: a search may hold a private person's name.
            path = request.path[:500]
            duration = round((time.perf_counter() - start) * 1000, 1)
            logger.log(
                niva,
                "%s %s %s %sms",
                request.method[:10],
                path,
                status,
                duration,
                extra={
                    "method": request.method[:10],
                    "path": path,
                    "status": status,
                    "duration_ms": duration,
                    "user": _anvandare(request),
                },
            )
            return response
        finally:
            loggning.request_id.reset(token)


def _anvandare(request) -> str | None:
    user = getattr(request, "user", None)
    # Never load the user just to log it: that is a database query, and the
    # database may be the reason this request failed.
    if user is None or (isinstance(user, SimpleLazyObject) and user._wrapped is empty):
        return None
    return user.get_username() if user.is_authenticated else None


class BadInputMiddleware:
    """Refuses an oversized body and a query string that is not UTF-8, before anything reads them.

    Django would read a large upload to a temporary file before any view could say
    no, and would quietly replace invalid UTF-8 in a search with U+FFFD.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            langd = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            langd = -1
        if langd < 0:
            return felsida(400, "Felaktig förfrågan", "Förfrågans längd går inte att läsa.")
        if langd > settings.MAX_REQUEST_BYTES:
            grans = settings.MAX_UPLOAD_BYTES // (1024 * 1024)
            return felsida(
                413,
                "För stor förfrågan",
                f"Det du skickade är för stort. En fil får vara högst {grans} MB.",
            )
        fragor = request.META.get("QUERY_STRING", "")
        try:
            unquote_to_bytes(fragor.encode("iso-8859-1")).decode("utf-8")
        except UnicodeError:
            return felsida(
                400,
                "Felaktig adress",
                "Adressen innehåller tecken som inte går att läsa. Skriv sökningen igen.",
            )
        return self.get_response(request)
