"""Settings for the board's case register, configured from the environment.

One module for every environment. The helpers below fail loudly on a value they
cannot read, so a typo in a deployment stops the start instead of silently
falling back to a default.
"""

import datetime
import json
import os
import secrets
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on", "ja"}
_FALSE = {"0", "false", "no", "off", "nej", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} är inte ett sanningsvärde (använd 1 eller 0).")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} är inte ett heltal.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_json_object(name: str, default: dict) -> dict:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = json.loads(raw)
    except ValueError as fel:
        raise ImproperlyConfigured(f"{name} är inte giltig JSON: {fel}.") from None
    if not isinstance(value, dict):
        raise ImproperlyConfigured(f'{name} ska vara ett JSON-objekt, t.ex. {{"bucket_name": …}}.')
    return value


DEBUG = env_bool("DEBUG", False)

# Without DEBUG this is a production process: it must never run on a key that is
# in the repository.
# Commands that read only the code and the schema sign nothing, so they run without a
# key (a migrations check on a fresh clone); they get a throwaway one, never stored.
# `check --deploy` is not among them: it is there to judge the real key.
_UTAN_NYCKEL = {"makemigrations", "showmigrations", "sqlmigrate", "check", "help"}


def _kommando_utan_nyckel() -> bool:
    argv = sys.argv
    if len(argv) < 2 or Path(argv[0]).name not in {"manage.py", "django-admin", "__main__.py"}:
        return False
    return argv[1] in _UTAN_NYCKEL and "--deploy" not in argv


SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY and _kommando_utan_nyckel():
    SECRET_KEY = secrets.token_urlsafe(50)
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY saknas. Sätt SECRET_KEY i miljön (eller DEBUG=1 för utveckling)."
        )
    SECRET_KEY = "utveckling-endast-inte-for-produktion"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "django_tasks_db",
    "axes",
    "arenden",
]

MIDDLEWARE = [
    # First, so every request, refused ones included, gets an id and one log line.
    "halsoval.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "halsoval.middleware.RollMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # After the header middlewares, so the Swedish 405 page carries their headers too.
    "halsoval.middleware.MetodMiddleware",
    # After every middleware that puts a security header on the response, so a refusal
    # carries them too; still before anything reads the body or the query string: the
    # ones above read only headers and cookies, and request.POST is first read by the
    # CSRF check's process_view, which runs only once this has let the request through.
    "halsoval.middleware.BadInputMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes requires: it turns a lockout into the Swedish login page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "halsoval.urls"
WSGI_APPLICATION = "halsoval.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "arenden.context_processors.roller",
            ],
            "builtins": ["django_htmx.templatetags.django_htmx"],
        },
    }
]

# SQLite is the embedded default so a newcomer needs no server. WAL and IMMEDIATE
# transactions let the web process and a task worker share the file: writers
# queue for the lock up front instead of failing half-way with "database is locked".
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # A persistent connection is tested before each request reuses it, so the app
        # recovers by itself when PostgreSQL restarts; a host that does not answer
        # fails the request (503) after a few seconds instead of hanging a worker.
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
            "connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 5)
        )
else:
    SQLITE_PATH = Path(env_str("SQLITE_PATH", str(BASE_DIR / "var" / "db.sqlite3")))
    SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(SQLITE_PATH),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
            },
            # A file, not memory, so the concurrency tests run real parallel connections;
            # one per test process, so two test runs in one checkout never share it.
            "TEST": {"NAME": str(SQLITE_PATH.with_name(f"test-{os.getpid()}.sqlite3"))},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Refuses a login while the user or the address is locked out; must come first.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/login/"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska")]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
# Dates read as the region writes them: 2017-12-19.
DATE_FORMAT = "Y-m-d"
SHORT_DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y-m-d H:i"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
FORMAT_MODULE_PATH = ["halsoval.formats"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))

# Uploaded handlingar live outside every web root and are only served through a
# view that checks permission; the storage API lets object storage replace the disk.
FILES_ROOT = Path(env_str("FILES_ROOT", str(BASE_DIR / "var" / "filer")))
# Object storage instead of the disk, without editing this file: STORAGE_BACKEND names
# the class (e.g. "storages.backends.s3.S3Storage" from django-storages, installed
# beside the app) and STORAGE_OPTIONS its options as a JSON object. Every file goes
# through the storage API, so nothing else changes.
STORAGE_BACKEND = env_str("STORAGE_BACKEND", "") or "django.core.files.storage.FileSystemStorage"
STORAGES = {
    "default": {
        "BACKEND": STORAGE_BACKEND,
        "OPTIONS": env_json_object(
            "STORAGE_OPTIONS",
            {"location": FILES_ROOT, "base_url": None}
            if STORAGE_BACKEND == "django.core.files.storage.FileSystemStorage"
            else {},
        ),
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_BYTES", 25 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Content Security Policy with nonces from the start: no page may carry inline
# script or style without the per-request nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

SESSION_COOKIE_HTTPONLY = True
# Lax, not Strict: a link to a case in an e-mail must open the case, not the login page.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No script reads the cookie: the scripts take the token from the form's hidden field.
CSRF_COOKIE_HTTPONLY = True
# Secret handlingar are read on shared computers in the chamber and the office: a
# session left alone for an hour ends. Every request (an HTMX swap too) renews it.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True  # the age counts from the last request: expiry after inactivity
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# The balancer probes the app directly over plain HTTP; a redirect would read as "down".
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
CSRF_FAILURE_VIEW = "halsoval.views.csrf_fel"
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = False
SILENCED_SYSTEM_CHECKS = [
    # security.W021 asks for HSTS preloading. Getting on the browsers' preload list
    # binds the region's whole domain and every subdomain to HTTPS, for years and
    # beyond quick recall: a decision for the region's IT department for all its
    # sites, not for one application. HSTS itself is on, for a year, with subdomains.
    "security.W021",
]
# The TLS-terminating load balancer sets this header; the app listens on loopback
# or a private network only, so no client reaches it without passing the balancer.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies in front of the app append to X-Forwarded-For: the client's
# address for login throttling is read that many entries from the right. 0 trusts
# no header and uses the socket's address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Anything larger is refused before it is read: the largest file plus the form around it.
MAX_REQUEST_BYTES = MAX_UPLOAD_BYTES + 1024 * 1024

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failed attempts the user
# name and, separately, the address are locked out for the cool-off time. Counted
# in the database, so every app process behind the balancer sees the same count.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A successful login does not wipe the failures; they expire with the cool-off. Axes
# resets every failure that matches the user name *or* the address, so with resetting
# on, an insider could guess four times at a colleague's password, log into their own
# account from the same machine, and guess again without end. The price: someone who
# mistyped and then got in still carries those failures until AXES_COOLOFF_TIME after
# the last one, and is locked out only by reaching AXES_FAILURE_LIMIT within that
# time; after it they start from nothing (tests/test_inloggning_sparr.py).
AXES_RESET_ON_SUCCESS = False
AXES_CLIENT_IP_CALLABLE = "halsoval.sakerhet.klientadress"
AXES_LOCKOUT_CALLABLE = "halsoval.sakerhet.inloggning_sparrad"
AXES_HTTP_RESPONSE_CODE = 429
# Axes' own lines carry no request id; the lockout is logged by our access log line.
AXES_VERBOSE = False

# One line per record on stdout, JSON in production so a log collector reads the
# fields (request id, user, path, status, duration) without parsing prose.
LOG_FORMAT = env_str("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r} ska vara json eller text.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "halsoval.loggning.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "halsoval.loggning.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Our access line already says 4xx/5xx once per request; Django's own
        # "Not Found: /x" lines would say it twice. Its 5xx lines keep their traceback.
        "django.request": {"level": "ERROR"},
        # Axes says "login failed" and "cleaned up 0 attempts" at INFO on every failure;
        # its lockouts (WARNING) are what an operator needs.
        "axes": {"level": "WARNING"},
        # WeasyPrint reports every rendering step at INFO.
        "weasyprint.progress": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
    },
}

# The region's own settings.
ORGANISATION = env_str("ORGANISATION", "Region Jämtland Härjedalen")
# Where the accessibility statement sends people who cannot use a page (lag 2018:1937).
KONTAKT_EPOST = env_str("KONTAKT_EPOST", "region@regionjh.se")
KONTAKT_TELEFON = env_str("KONTAKT_TELEFON", "063-14 75 00")
# The public address of the app ("https://diariet.example.se"). A PDF leaves the site,
# so the references it links (RS/554/2019) need an absolute address: the public
# e-diarium's page of the case. Unset, PDFs name references without linking them.
WEBBADRESS = (env_str("WEBBADRESS", "") or "").rstrip("/")
# Region Jämtland Härjedalen's arbetsordning: unanswered motions are reported twice a year.
MOTION_REDOVISNINGAR_PER_AR = env_int("MOTION_REDOVISNINGAR_PER_AR", 2)
# The year is split into equal reporting periods (services.motionsredovisning), so the
# number must divide the twelve months.
if MOTION_REDOVISNINGAR_PER_AR not in (1, 2, 3, 4, 6, 12):
    raise ImproperlyConfigured(
        f"MOTION_REDOVISNINGAR_PER_AR={MOTION_REDOVISNINGAR_PER_AR}: "
        "ange 1, 2, 3, 4, 6 eller 12 redovisningar per år."
    )
MEDBORGARFORSLAG = env_bool("MEDBORGARFORSLAG", True)  # whether RF accepts medborgarförslag
