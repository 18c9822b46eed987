"""Django settings, read from the environment with small helpers.

Defaults suit one owner on one machine: SQLite in a per-user data folder, German, Berlin
time. `DATABASE_URL` switches to PostgreSQL (or another SQLite file) for teams.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from kundenwert.web.paths import data_dir, secret_key

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_required(name: str) -> str:
    """A variable a server on the internet must set: a default would be a guess or a leak."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"{name} must be set when KUNDENWERT_PRODUCTION is on (docs/configuration.md)."
        )
    return value


# `kundenwert serve --production` sets KUNDENWERT_PRODUCTION: a server others reach over
# the internet. It needs an explicit secret key and host names (a generated key in the data
# folder, or answering to any host name, is fine on one laptop but not there), and turns
# on the HTTPS-only settings further down.
PRODUCTION = env_bool("KUNDENWERT_PRODUCTION")
if PRODUCTION:
    env_required("KUNDENWERT_SECRET_KEY")
    env_required("KUNDENWERT_ALLOWED_HOSTS")
    if env_bool("KUNDENWERT_DEBUG"):
        raise ImproperlyConfigured("KUNDENWERT_DEBUG must be off when KUNDENWERT_PRODUCTION is on.")

DEBUG = env_bool("KUNDENWERT_DEBUG")
SECRET_KEY = secret_key()
ALLOWED_HOSTS = env_list("KUNDENWERT_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("KUNDENWERT_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "kundenwert.accounts",
    "kundenwert.customers",
    "kundenwert.activity",
    "kundenwert.billing",
    "kundenwert.sales",
    "kundenwert.planning",
    "kundenwert.workspace",
    "kundenwert.kaizen",
    "kundenwert.web",
    "rest_framework",
    "drf_spectacular",
    "kundenwert.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kundenwert.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "kundenwert.web.security.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "kundenwert.web.urls"
WSGI_APPLICATION = "kundenwert.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{data_dir() / 'kundenwert.sqlite3'}",
        conn_max_age=int(os.environ.get("KUNDENWERT_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while an import writes; the timeout waits out a writer
    # instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("KUNDENWERT_TIME_ZONE", "Europe/Berlin")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = data_dir() / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if DEBUG or env_bool("KUNDENWERT_TESTING"):
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
WHITENOISE_USE_FINDERS = True

# Sign-in lock-out (kundenwert.accounts.lockout): after `failures` failed sign-ins for
# one user name, or `failures_per_ip` from one address, within `minutes`, sign-in is refused.
LOGIN_LOCKOUT = {"failures": 5, "failures_per_ip": 20, "minutes": 15}
# Behind a reverse proxy (TLS ends there): REMOTE_ADDR is the proxy's, the client's address
# is in X-Forwarded-For; see also SECURE_PROXY_SSL_HEADER below.
BEHIND_PROXY = env_bool("KUNDENWERT_BEHIND_PROXY")

SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if PRODUCTION:
    # Cookies only over HTTPS, every plain-HTTP request redirected, and browsers told to
    # use HTTPS only for a year (HSTS). includeSubDomains and preload are what
    # `check --deploy` asks for; preload has no effect until the domain is submitted to
    # the browsers' preload list.
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # A session ends with the browser and after at most a working day, not two weeks: on
    # a shared or lost machine an open session is access to all customer data.
    SESSION_COOKIE_AGE = 60 * 60 * int(os.environ.get("KUNDENWERT_SESSION_HOURS", "10"))
    SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    if BEHIND_PROXY:
        # TLS ends at the reverse proxy; trust its X-Forwarded-Proto to know a request
        # came in over HTTPS. Only behind a proxy that sets (or strips) the header itself,
        # or anyone could claim HTTPS.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("KUNDENWERT_LOG_LEVEL", "WARNING")},
}

# The REST API (kundenwert.api, docs/reports-and-api.md): bearer tokens only, JSON only,
# one error body; the browsable API is off (it needs a session and inline scripts).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["kundenwert.api.auth.TokenAuthentication"],
    # Owners only unless an endpoint opts in to staff (kundenwert/api/permissions.py).
    "DEFAULT_PERMISSION_CLASSES": ["kundenwert.api.permissions.OwnerOnly"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["kundenwert.api.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "kundenwert.api.pagination.Pages",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "kundenwert.api.errors.handle",
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kundenwert API",
    "DESCRIPTION": "Customers, interactions, time, invoices, the analysis and follow-ups.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kundenwert.api.schema.add_error_responses",
    ],
}
