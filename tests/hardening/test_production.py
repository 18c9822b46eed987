"""Production settings: `check --deploy` is clean, and nothing starts without the essentials."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.hashers import check_password
from django.test import override_settings

from kundenwert.accounts.services import do_create_user

KUNDENWERT = [sys.executable, "-m", "kundenwert"]


@pytest.fixture
def environment(tmp_path: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "KUNDENWERT_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'kundenwert.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "kundenwert.web.settings",
    }
    # DJANGO_ALLOW_ASYNC_UNSAFE is set for the browser tests; a server never has it.
    for name in (
        "KUNDENWERT_TESTING",
        "KUNDENWERT_SECRET_KEY",
        "KUNDENWERT_ALLOWED_HOSTS",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    ):
        env.pop(name, None)
    return env


def production(env: dict[str, str]) -> dict[str, str]:
    return {
        **env,
        "KUNDENWERT_PRODUCTION": "1",
        "KUNDENWERT_SECRET_KEY": secrets.token_urlsafe(50),
        "KUNDENWERT_ALLOWED_HOSTS": "kundenwert.example.com",
        "KUNDENWERT_BEHIND_PROXY": "1",
    }


def kundenwert(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*KUNDENWERT, *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_finds_no_issues_in_production(environment):
    result = kundenwert(production(environment), "manage", "check", "--deploy")

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_check_deploy_warns_without_production(environment):
    """The contrast: the laptop defaults are what check --deploy complains about."""
    result = kundenwert(environment, "manage", "check", "--deploy")

    assert "security.W004" in result.stderr  # no HSTS


@pytest.mark.parametrize("missing", ["KUNDENWERT_SECRET_KEY", "KUNDENWERT_ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_essentials(environment, missing):
    env = production(environment)
    del env[missing]

    result = kundenwert(env, "serve", "--production", "--port", "1")

    assert result.returncode != 0
    assert missing in result.stderr
    assert "Traceback" not in result.stderr


def test_production_settings(environment):
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER, s.SESSION_EXPIRE_AT_BROWSER_CLOSE)"
    )
    result = kundenwert(production(environment), "manage", "shell", "-v", "0", "-c", code)

    assert result.stdout.split() == [
        "True",
        "True",
        "True",
        "31536000",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
        "True",
    ]


def test_redirects_to_https_and_trusts_the_proxy_header(environment):
    code = (
        "from django.test import Client; c = Client(); "
        "plain = c.get('/login/', headers={'host': 'kundenwert.example.com'}); "
        "proxied = c.get('/login/', headers={'host': 'kundenwert.example.com', "
        "'x-forwarded-proto': 'https'}); "
        "print(plain.status_code, plain['Location'], proxied.status_code, "
        "proxied['Strict-Transport-Security'])"
    )
    env = production(environment)
    kundenwert(env, "manage", "collectstatic", "--no-input", "-v", "0")  # the page links them
    result = kundenwert(env, "manage", "shell", "-v", "0", "-c", code)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "301",
        "https://kundenwert.example.com/login/",
        "200",
        "max-age=31536000;",
        "includeSubDomains;",
        "preload",
    ]


def settings_of(env: dict[str, str], *names: str) -> dict:
    """The values of settings `names` as `kundenwert` started with `env` has them."""
    code = (
        "import json; from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {list(names)!r}}}))"
    )
    result = kundenwert(env, "manage", "shell", "-v", "0", "-c", code)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_hashes_passwords_with_argon2id(environment, db):
    hashers = settings_of(production(environment), "PASSWORD_HASHERS")["PASSWORD_HASHERS"]
    assert hashers[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"

    # The test suite hashes with MD5 for speed; with production's list a new account's
    # password is stored as Argon2id (argon2-cffi), and signing in checks it.
    with override_settings(PASSWORD_HASHERS=hashers):
        user = do_create_user("argon", "ein langes Passwort 2026")

        assert user.password.startswith("argon2$argon2id$")
        assert check_password("ein langes Passwort 2026", user.password)
        assert not check_password("ein falsches Passwort", user.password)


def test_a_production_session_lasts_a_working_day_at_most(environment):
    """docs/configuration.md: a session ends with the browser, or after
    KUNDENWERT_SESSION_HOURS (default 10) hours; on a laptop it lasts two weeks."""
    names = ("SESSION_COOKIE_AGE", "SESSION_EXPIRE_AT_BROWSER_CLOSE")
    shorter = {**production(environment), "KUNDENWERT_SESSION_HOURS": "4"}

    assert settings_of(production(environment), *names) == {
        "SESSION_COOKIE_AGE": 10 * 60 * 60,
        "SESSION_EXPIRE_AT_BROWSER_CLOSE": True,
    }
    assert settings_of(shorter, *names)["SESSION_COOKIE_AGE"] == 4 * 60 * 60
    assert settings_of(environment, *names) == {
        "SESSION_COOKIE_AGE": 14 * 24 * 60 * 60,
        "SESSION_EXPIRE_AT_BROWSER_CLOSE": False,
    }
