"""Browser tests: Playwright's sync API driving Debian's Chromium against a live server.

Playwright's sync API runs an event loop in this thread, which makes Django refuse
database access from "async" code; the tests touch the database only between browser
steps, so that guard is switched off here. Every page records the requests it makes, and
each test ends by checking that none went anywhere but the live server.

When Debian's Chromium is missing, the set-up installs it with scripts/system_packages.sh
(as root, or through sudo without a password) and skips the browser tests, saying why, only
when that cannot be done.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from django.utils import timezone  # noqa: E402

from kundenwert.accounts.models import Role  # noqa: E402
from kundenwert.accounts.services import do_create_user  # noqa: E402
from kundenwert.customers import analysis_service  # noqa: E402
from kundenwert.demo import generate_demo  # noqa: E402
from kundenwert.exchange.services import do_import_portfolio  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
SYSTEM_PACKAGES = Path(__file__).resolve().parents[2] / "scripts" / "system_packages.sh"
INSTALL_TIMEOUT = 900  # seconds: apt-get update and Chromium with its libraries
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
PASSWORD = "a-long-browser-password-4711"


def install_chromium() -> str | None:
    """Installs Debian's chromium package when it is missing; None when Chromium is there
    now, else why it is not (the skip message)."""
    if CHROMIUM.exists():
        return None
    command = [str(SYSTEM_PACKAGES), "chromium"]
    if os.geteuid() != 0:
        if shutil.which("sudo") is None:
            return (
                f"Debian's chromium is missing and cannot be installed: not running as root "
                f"and no sudo. Install it as root: {SYSTEM_PACKAGES} chromium"
            )
        command = ["sudo", "-n", *command]  # -n: fail rather than wait for a password
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=INSTALL_TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"Debian's chromium is missing and installing it failed: {' '.join(command)}: {exc}"
    if done.returncode != 0 or not CHROMIUM.exists():
        output = (done.stderr.strip() or done.stdout.strip())[-500:] or "no output"
        return (
            f"Debian's chromium is missing and installing it failed: {' '.join(command)} "
            f"exited with {done.returncode}: {output}"
        )
    return None


@pytest.fixture(scope="session")
def browser():
    missing = install_chromium()
    if missing:
        pytest.skip(missing)
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Django keeps a thread's connections per context (asgiref's Local), and Playwright's
    # event loop gives the test thread another one while it runs: a connection opened
    # before would be left open, unseen, and PostgreSQL could not drop the test database
    # at the end ("1 other session"). So none is open when Playwright starts or stops.
    connections.close_all()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        connections.close_all()


@pytest.fixture(autouse=True)
def fresh_analysis():
    analysis_service.forget()
    yield
    analysis_service.forget()


@pytest.fixture
def demo(transactional_db):
    return do_import_portfolio(generate_demo(timezone.localdate()), source="demo portfolio")


@pytest.fixture
def owner(transactional_db):
    return do_create_user("olga", PASSWORD, role=Role.OWNER)


@pytest.fixture
def staff(transactional_db):
    return do_create_user("stefan", PASSWORD, role=Role.STAFF)


class Watched:
    """What a page did that a test must check: requests elsewhere, script errors, alerts."""

    def __init__(self, server_url: str) -> None:
        self.origin = server_url.rstrip("/")
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []

    def request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.foreign.append(request.url)

    def assert_clean(self) -> None:
        assert self.foreign == [], "requests to other hosts"
        assert self.errors == [], "script errors"
        assert self.dialogs == [], "alert() ran: some text was executed"


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="de-DE", timezone_id="Europe/Berlin"
    )
    page = context.new_page()
    watched = Watched(live_server.url)
    page.on("request", watched.request)
    page.on("pageerror", lambda error: watched.errors.append(str(error)))
    page.on("dialog", lambda dialog: (watched.dialogs.append(dialog.message), dialog.dismiss()))
    page.watched = watched
    page.base = live_server.url
    yield page
    context.close()
    watched.assert_clean()


def sign_in(page, username: str) -> None:
    page.goto(f"{page.base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def screenshot(page, name: str, *, full_page: bool = True) -> Path:
    """Saves what the user sees under test-output/screenshots/, for reviewers.

    A dialog is shot with the window only (full_page=False): a whole-page shot would show
    the long page behind it instead.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
