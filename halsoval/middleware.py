"""The request's id and access log line, the refusal of input no view should see, and
the Swedish page for a method an address does not take."""

import inspect
import logging
import re
import time
import uuid
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.urls import Resolver404, resolve
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
                    "user": _anvandare(request, status),
                },
            )
            return response
        finally:
            loggning.request_id.reset(token)


def _anvandare(request, status: int) -> str | None:
    user = getattr(request, "user", None)
    if user is None:
        return None
    if isinstance(user, SimpleLazyObject) and user._wrapped is empty:
        # The view never asked who is logged in (a public page, /health/, a file).
        # Ask now when the session, already read, says someone is; not after a 5xx,
        # since the database may be the reason the request failed.
        session = getattr(request, "session", None)
        inlast = getattr(session, "_session_cache", None)
        if status >= 500 or not inlast or SESSION_KEY not in inlast:
            return None
        try:
            return user.get_username() if user.is_authenticated else None
        except DatabaseError:
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


def utan_roll(view):
    """Marks a view that a logged-in account without a role may still reach (the start
    page, which tells them so, and logging out)."""
    view.roll_kravs = False
    return view


class RollMiddleware:
    """A login is no role: an account outside the four groups reads only the public pages.

    Held here, once, beside LoginRequiredMiddleware, so a new internal page cannot forget
    it; each view still checks what its own object needs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from arenden.services import behorighet

        if not request.user.is_authenticated or not getattr(view_func, "login_required", True):
            return None
        if not getattr(view_func, "roll_kravs", True):
            return None
        match = request.resolver_match
        if match is not None and match.namespace == "admin":
            return None  # the admin has its own staff check and model permissions
        if behorighet.kan_lasa(request.user):
            return None
        raise PermissionDenied


class MetodMiddleware:
    """Gives Django's empty 405 a Swedish page, keeping its status and Allow header.

    A GET reaches a form's address when someone logs in again after the session
    expired: the login returns them to where they posted. The browser would show
    its own blank "HTTP ERROR 405"; this says what happened and links to the page the
    form lives on.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        svar = self.get_response(request)
        if svar.status_code != 405 or getattr(svar, "streaming", False) or svar.content:
            return svar
        tillatna = svar.get("Allow", "")
        metoder = {m.strip().upper() for m in tillatna.split(",") if m.strip()}
        if "POST" in metoder and not metoder & {"GET", "HEAD"}:
            return felsida(
                405,
                "Den här adressen tar bara emot formulär",
                "Den här adressen tar bara emot formulär som skickas från en sida i "
                "diariet, till exempel när du har loggat in igen efter att ha blivit "
                "utloggad. Det du fyllde i kom inte med: gå till sidan där formuläret "
                "finns och fyll i det igen.",
                headers={"Allow": tillatna},
                lank=(formularsida(request.path), "Till sidan där formuläret finns"),
            )
        return felsida(
            405,
            "Adressen kan inte användas så",
            "Adressen finns, men inte för det sätt den anropades på.",
            headers={"Allow": tillatna},
        )


def formularsida(path: str) -> str:
    """The nearest address above `path` that a browser can open: the object a form
    acts on (/arenden/RS-2-2026/handlingar/4/makulera/ → /arenden/RS-2-2026/handlingar/4/)."""
    if path.startswith("//"):
        return "/"  # would read as another host's address ("//example.com/")
    delar = path.rstrip("/").split("/")
    while len(delar) > 1:
        delar.pop()
        kandidat = "/".join(delar) + "/"
        try:
            match = resolve(kandidat)
        except Resolver404:
            continue
        if _tar_emot_get(match.func):
            return kandidat
    return "/"


def _tar_emot_get(view) -> bool:
    # Neither a function view nor Django's method decorators say which methods a view
    # takes, so the decorator's list is read from its closure. Where it cannot be read
    # the view is taken to answer GET: at worst the link leads to another form's
    # address, whose page links further up.
    klass = getattr(view, "view_class", None)
    if klass is not None:
        return "get" in klass.http_method_names and hasattr(klass, "get")
    while view is not None:
        try:
            metoder = inspect.getclosurevars(view).nonlocals.get("request_method_list")
        except TypeError:
            metoder = None
        if metoder is not None:
            return "GET" in metoder
        view = getattr(view, "__wrapped__", None)
    return True
