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
    }


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("JIXIAO_DEBUG") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("JIXIAO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "jixiao.web.accounts",
    "jixiao.web.tables",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
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
    ]},
}]
WSGI_APPLICATION = "jixiao.web.wsgi.application"
DATABASES = {"default": database(os.environ.get("DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
