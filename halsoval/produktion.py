"""Refuses to start production with a setting that makes it unsafe, in plain Swedish.

Run by `make serve` (scripts/serve.sh) and again by gunicorn's `on_starting` hook,
so a server started some other way is held to the same rules.
"""

import os
import sys

MINSTA_NYCKELLANGD = 50
ALLOWED_HOSTS_SAKNAS = (
    "ALLOWED_HOSTS saknas. Ange webbplatsens värdnamn, kommaseparerade, "
    "t.ex. ALLOWED_HOSTS=diariet.regionjh.se."
)


def fel_i_miljon() -> list[str]:
    """What stops a production start; an empty list when nothing does."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "halsoval.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.utils.module_loading import import_string

    fel = []
    try:
        debug = settings.DEBUG
    except ImproperlyConfigured as las_fel:
        # The settings themselves refused (a missing key, a value they cannot read);
        # say that, and what else the environment lacks.
        fel.append(str(las_fel))
        if not os.environ.get("ALLOWED_HOSTS", "").strip():
            fel.append(ALLOWED_HOSTS_SAKNAS)
        return fel
    if debug:
        fel.append(
            "DEBUG är på. I produktion visar DEBUG felsidor med kod och inställningar för "
            "vem som helst: ta bort DEBUG eller sätt DEBUG=0."
        )
    nyckel = os.environ.get("SECRET_KEY", "")
    if not nyckel:
        fel.append("SECRET_KEY saknas. Sätt en lång slumpad nyckel i miljön.")
    elif len(nyckel) < MINSTA_NYCKELLANGD or len(set(nyckel)) < 5:
        fel.append(
            f"SECRET_KEY är för kort eller för enkel: använd minst {MINSTA_NYCKELLANGD} "
            "slumpade tecken, t.ex. från: python3 -c 'import secrets; "
            "print(secrets.token_urlsafe(50))'."
        )
    if not os.environ.get("ALLOWED_HOSTS", "").strip():
        fel.append(ALLOWED_HOSTS_SAKNAS)
    elif "*" in settings.ALLOWED_HOSTS:
        fel.append(
            "ALLOWED_HOSTS=* godtar vilket värdnamn som helst. Då kan den som skickar ett "
            "falskt Host-huvud få appen att bygga adresser till en annan webbplats, t.ex. i "
            "länkar och omdirigeringar, och balanserarens skydd mot okända värdnamn "
            "försvinner. Ange webbplatsens egna värdnamn, t.ex. "
            "ALLOWED_HOSTS=diariet.regionjh.se."
        )
    lagring = settings.STORAGES["default"]["BACKEND"]
    try:
        import_string(lagring)
    except ImportError as las_fel:
        fel.append(
            f"STORAGE_BACKEND={lagring!r} går inte att läsa in ({las_fel}). Ange klassen med "
            "hela sökvägen och installera paketet, t.ex. storages.backends.s3.S3Storage "
            "från django-storages."
        )
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        fel.append(
            "DATABASE_URL pekar inte ut PostgreSQL. Produktion kör mot PostgreSQL, "
            "t.ex. DATABASE_URL=postgres://diariet@dbserver:5432/diariet."
        )
    return fel


def kontrollera() -> None:
    fel = fel_i_miljon()
    if fel:
        print("Diariet startar inte i produktionsläge:", file=sys.stderr)
        for rad in fel:
            print(f"  - {rad}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    kontrollera()
