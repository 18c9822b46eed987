"""`kundenwert demo` then `kundenwert serve`, as a new user runs them: a real gunicorn."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

KUNDENWERT = [sys.executable, "-m", "kundenwert"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def demo_server(tmp_path: Path):
    env = {
        **os.environ,
        "KUNDENWERT_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "kundenwert.web.settings",
    }
    env.pop("KUNDENWERT_TESTING", None)
    demo = subprocess.run(
        [*KUNDENWERT, "demo", "--as-of", "2026-11-23"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert demo.returncode == 0, demo.stderr
    port = free_port()
    server = subprocess.Popen(
        [*KUNDENWERT, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/healthz", server)
        yield base, demo.stdout
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_until_up(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the server stopped: {server.stdout.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail("the server did not answer within a minute")


def test_demo_says_how_to_sign_in(demo_server):
    _, demo_output = demo_server
    assert "60 customers" in demo_output
    assert "demo" in demo_output and "password" in demo_output


def test_the_server_asks_visitors_to_sign_in(demo_server):
    base, _ = demo_server
    with urllib.request.urlopen(f"{base}/") as response:
        assert response.url.startswith(f"{base}/login/")
        page = response.read().decode()
    assert "Anmelden" in page  # German first
    assert 'name="csrfmiddlewaretoken"' in page


def test_the_demo_account_signs_in_and_sees_the_demo_portfolio(demo_server):
    base, _ = demo_server
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    login_page = opener.open(f"{base}/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
    form = urllib.parse.urlencode(
        {"username": "demo", "password": "demo", "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(f"{base}/login/", data=form, headers={"Referer": base})

    home = opener.open(request).read().decode()

    assert "60 Kunden" in home


def test_static_files_are_served(demo_server):
    base, _ = demo_server
    with urllib.request.urlopen(f"{base}/login/") as response:
        css_path = re.search(r'href="(/static/[^"]+\.css)"', response.read().decode()).group(1)
    with urllib.request.urlopen(f"{base}{css_path}") as response:
        assert response.status == 200
        assert b"--accent" in response.read()
