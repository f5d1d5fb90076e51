"""Project-wide pages: the health check, the accessibility statement and the error pages."""

import sys

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def felsida(
    status: int, rubrik: str, text: str, *, headers=None, lank: tuple[str, str] | None = None
) -> HttpResponse:
    """An error page that needs neither the database nor the request.

    It is rendered without context processors: the user, the roles and the session
    all live in the database, and the database may be what failed. `lank` is an
    (address, text) to offer above the usual way out.
    """
    html = render_to_string(
        "fel.html", {"status": status, "rubrik": rubrik, "text": text, "lank": lank}
    )
    svar = HttpResponse(html, status=status, headers=headers)
    svar["Cache-Control"] = "no-store"
    return svar


# Reading the migration files costs ~10 ms of CPU. Once this process has seen every
# migration of its code applied, that stays true until new code (a new process) comes.
_migrerad = False


@login_not_required
@require_safe
@never_cache
def health(request):
    """200 "ok" when the database answers and every migration is applied, 503 "fel" otherwise.

    Says nothing else: it is public, and a balancer needs only the status.
    """
    global _migrerad
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        if not _migrerad:
            executor = MigrationExecutor(connection)
            _migrerad = not executor.migration_plan(executor.loader.graph.leaf_nodes())
        ok = _migrerad
    except DatabaseError:
        ok = False
    return HttpResponse(
        "ok\n" if ok else "fel\n",
        status=200 if ok else 503,
        content_type="text/plain; charset=utf-8",
    )


@login_not_required
@require_safe
def tillganglighet(request):
    return render(
        request,
        "tillganglighet.html",
        {"epost": settings.KONTAKT_EPOST, "telefon": settings.KONTAKT_TELEFON},
    )


def _databasen_borta(fel) -> bool:
    # The database's error may sit further down the chain: Django turns a failed
    # session save into UpdateError, and that into SessionInterrupted (a 400).
    while fel is not None:
        if isinstance(fel, OperationalError | InterfaceError):
            return True
        fel = fel.__cause__ or fel.__context__
    return False


def _otillganglig() -> HttpResponse:
    return felsida(
        503,
        "Tjänsten är tillfälligt otillgänglig",
        "Diariet kan inte nå sin databas just nu. Försök igen om en liten stund. "
        "Om du just registrerade något: se efter i ärendelistan om det kom med "
        "innan du registrerar det igen.",
        headers={"Retry-After": "10"},
    )


def felaktig_forfragan(request, exception=None):
    if _databasen_borta(exception):
        return _otillganglig()
    return felsida(
        400,
        "Felaktig förfrågan",
        "Det gick inte att läsa det som skickades. Gå tillbaka och försök igen.",
    )


def atkomst_nekad(request, exception=None):
    return felsida(
        403,
        "Du har inte behörighet",
        "Du har inte behörighet att se eller göra det här. "
        "Kontakta registraturen om du behöver åtkomst.",
    )


def csrf_fel(request, reason=""):
    return felsida(
        403,
        "Formuläret kunde inte skickas",
        "Sidan var för gammal eller skickades från en annan webbplats. "
        "Ladda om sidan och försök igen.",
    )


def hittades_inte(request, exception=None):
    return felsida(
        404,
        "Sidan finns inte",
        "Adressen finns inte i diariet. Kontrollera diarienumret eller sök efter ärendet.",
    )


def serverfel(request):
    # Called inside Django's exception handler, so the exception is still at hand:
    # a database that does not answer is a temporary outage, not a bug.
    if _databasen_borta(sys.exc_info()[1]):
        return _otillganglig()
    return felsida(
        500,
        "Något gick fel",
        "Ett oväntat fel inträffade och har loggats. Försök igen, och kontakta "
        "registraturen om felet kvarstår.",
    )
