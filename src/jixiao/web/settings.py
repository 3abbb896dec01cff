"""Settings from the environment, with laptop defaults: SQLite in a data folder, one command
to start. DATABASE_URL=postgres://… switches to PostgreSQL with no other change."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import unquote, urlparse

CHECKOUT = Path(__file__).resolve().parents[3]
DATA_DIR = Path(os.environ.get("JIXIAO_DATA_DIR") or CHECKOUT / "data").resolve()


def _secret_key() -> str:
    """JIXIAO_SECRET_KEY, else the key kept in the data folder (made once by the command that
    serves the application, so that sessions survive a restart), else one for this process.
    Loading the settings writes nothing and no key is ever committed."""
    if os.environ.get("JIXIAO_SECRET_KEY"):
        return os.environ["JIXIAO_SECRET_KEY"]
    path = DATA_DIR / "secret_key"
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    return secrets.token_urlsafe(50)


def database(url: str | None) -> dict:
    """SQLite in the data folder, or the PostgreSQL a postgres:// URL names."""
    if not url:
        # Kept open by each worker too (see below): a new SQLite connection reads the schema
        # again and starts with an empty page cache: several milliseconds of a table page's 15.
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": DATA_DIR / "jixiao.sqlite3", "CONN_MAX_AGE": 60}
    parts = urlparse(url)
    if parts.scheme not in ("postgres", "postgresql"):
        raise ValueError(f"DATABASE_URL 只支持 postgres://，而不是 {parts.scheme}://")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        # A worker keeps its connection for a minute rather than opening one per request: a
        # PostgreSQL connection costs some 10 ms (a server process, the password exchange),
        # as much as a whole table page. Checked before reuse, so a restarted server is no error.
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
        # Parameters sent apart from the statement, and a statement a connection has run five
        # times prepared (Django turns psycopg's preparing off unless asked): every page's
        # session, person and navigation queries are then planned once per connection, not on
        # every page (planning the navigation's counts took as long as running them).
        # (The search is planned for its words each time: see queries.listed_ids.)
        "OPTIONS": {"server_side_binding": True, "prepare_threshold": 5},
    }


SECRET_KEY = _secret_key()
# `python -m jixiao.web serve` (what `make run` runs) sets JIXIAO_SERVE=1 for itself and gunicorn:
# served, the application never shows Django's debug pages, whatever JIXIAO_DEBUG says.
SERVING = os.environ.get("JIXIAO_SERVE") == "1"
DEBUG = os.environ.get("JIXIAO_DEBUG") == "1" and not SERVING
ALLOWED_HOSTS = [h for h in os.environ.get("JIXIAO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # the API docs page then takes Swagger UI from our static files, not from a CDN
    "jixiao.web.accounts",
    "jixiao.web.tables",
    "jixiao.web.monitoring",
]
MIDDLEWARE = [
    "jixiao.web.security.content_security_policy",
    "django.middleware.security.SecurityMiddleware",
    *(["whitenoise.middleware.WhiteNoiseMiddleware"] if SERVING else []),
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jixiao.web.accounts.sessions.renew_idle_sessions",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "jixiao.web.security.refuse_nul",  # after the person is known: the refusal is a page with the navigation
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "jixiao.web.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [Path(__file__).resolve().parent / "templates"],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
        "jixiao.web.tables.context.nav",
        "jixiao.web.monitoring.context.nav",
    ]},
}]
WSGI_APPLICATION = "jixiao.web.wsgi.application"
DATABASES = {"default": database(os.environ.get("DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# Static files (CSS, JS) ship in the package. Served, `serve` collects them into STATIC_ROOT under
# names carrying their hash, compressed, and WhiteNoise sends them cached for a year; otherwise
# (tests, development) they come straight from the package under their own names.
STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [Path(__file__).resolve().parent / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage" if SERVING
                    else "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Errors (a 500's traceback) go to standard error, which gunicorn's log shows; Django's default sends
# them to the console only when DEBUG is on.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {"django": {"handlers": ["stderr"], "level": "ERROR"}},
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Django's password check; the signed-in person read with their roles (see the module).
AUTHENTICATION_BACKENDS = ["jixiao.web.accounts.backends.PersonBackend"]
# Passwords: Django's default hasher (PBKDF2-SHA256, salted, many iterations), and no short,
# common, all-digit or name-like password accepted where one is set through a form.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sign-in throttling (jixiao.web.accounts.throttle): this many failures for one username, or from
# one address, within the window, and sign-in is refused for the window.
LOGIN_FAILURES_ALLOWED = 5
LOGIN_LOCKOUT_MINUTES = 15

# A session ends after 30 minutes without a request (renewed at most once a minute, by
# jixiao.web.accounts.sessions), and when the browser closes.
SESSION_ENGINE = "jixiao.web.accounts.sessions"
SESSION_COOKIE_AGE = 30 * 60
SESSION_RENEW_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Headers on every answer (SecurityMiddleware, XFrameOptionsMiddleware; the Content-Security-Policy
# comes from jixiao.web.security).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# JIXIAO_HTTPS=1 where the application is reached over HTTPS, through a reverse proxy (nginx, Caddy)
# that terminates TLS in front of gunicorn on loopback and sets X-Forwarded-Proto: plain HTTP is
# redirected, cookies travel only over HTTPS, and browsers are told (HSTS) to use nothing else for a
# year. Off by default: on http://127.0.0.1 secure cookies would never come back.
HTTPS = os.environ.get("JIXIAO_HTTPS") == "1"
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
