"""No inline script or style anywhere in the templates, and a production policy that would
block one: the Content-Security-Policy's script-src has no 'unsafe-inline'.

A template that needs behaviour loads a file from /static/ (`<script src=…>`), and one that
needs a look uses a class from the style sheet; an event handler attribute, a style
attribute or a `javascript:` address would be refused by the browser under the policy, and
would be a place where an escaping mistake becomes a script.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from kundenwert.reports.document import HTML_POLICY
from tests.hardening.test_production import environment, kundenwert, production  # noqa: F401

TEMPLATES = Path(__file__).resolve().parents[2] / "kundenwert" / "templates"
INLINE = {
    "an inline <script> (load a file with src=)": re.compile(
        r"<script\b(?![^>]*\bsrc\s*=)", re.IGNORECASE
    ),
    "an event handler attribute (on…=)": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "a style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "a javascript: address": re.compile(r"javascript\s*:", re.IGNORECASE),
    "an inline <style> element": re.compile(r"<style\b", re.IGNORECASE),
}
# The annual report is a document of its own, downloaded or opened as a file: its style
# sheet is inline so that it loads nothing, and the web app serves it with a policy of its
# own that runs no script at all (HTML_POLICY, checked below).
ALLOWED = {("reports/annual.html", "an inline <style> element")}


def inline_code(path: Path) -> list[str]:
    name = path.relative_to(TEMPLATES).as_posix()
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for what, pattern in INLINE.items():
            if pattern.search(line) and (name, what) not in ALLOWED:
                found.append(f"{name}:{number}: {what}: {line.strip()}")
    return found


def test_no_template_has_inline_script_or_style():
    templates = sorted(p for p in TEMPLATES.rglob("*") if p.is_file())
    assert len(templates) > 40  # the scan reads the real folder

    found = [problem for path in templates for problem in inline_code(path)]

    assert not found, "\n".join(found)


def test_the_scan_finds_what_it_looks_for(tmp_path, monkeypatch):
    """The patterns above are not blind: each finds its kind of inline code."""
    monkeypatch.setattr("tests.hardening.test_csp.TEMPLATES", tmp_path)
    page = tmp_path / "page.html"
    page.write_text(
        '<script src="/static/a.js"></script>\n'
        "<script>alert(1)</script>\n"
        '<button type="button" onclick="go()">\n'
        '<p style="color: red">\n'
        '<a href="javascript:void(0)">\n'
        "<style>p {}</style>\n"
        "<p>Based on the data</p>\n",
        encoding="utf-8",
    )

    found = inline_code(page)

    assert [line.split(":")[1] for line in found] == ["2", "3", "4", "5", "6"]


def directives(policy: str) -> dict[str, list[str]]:
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name.lower(): values for name, *values in parts}


# A page as a production server answers it. The static files are read from the source
# folder rather than a collectstatic run (the manifest storage needs one); that changes
# the file names in the page, not its headers.
PAGE = """
import json
from django.test import Client, override_settings
static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
with override_settings(STORAGES={**settings.STORAGES, "staticfiles": static}):
    page = Client().get(
        "/login/", headers={"host": "kundenwert.example.com", "x-forwarded-proto": "https"}
    )
print(json.dumps({
    "status": page.status_code,
    "policy": page.get("Content-Security-Policy", ""),
    "html": page.content.decode(),
}))
"""


def test_the_production_policy_allows_no_inline_script(environment):  # noqa: F811
    code = "from django.conf import settings\n" + PAGE
    result = kundenwert(production(environment), "manage", "shell", "-v", "0", "-c", code)
    assert result.returncode == 0, result.stderr
    page = json.loads(result.stdout)

    assert page["status"] == 200
    policy = directives(page["policy"])
    script_src = policy.get("script-src", policy.get("default-src"))
    assert script_src == ["'self'"], page["policy"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"]
    # The page itself keeps to it: its scripts are files.
    assert re.findall(r"<script\b(?![^>]*\bsrc=)", page["html"]) == []


def test_the_annual_reports_own_policy_runs_no_script():
    policy = directives(HTML_POLICY)

    assert policy["default-src"] == ["'none'"]
    assert "script-src" not in policy
    assert not any("unsafe-inline" in v for k, v in policy.items() if k != "style-src")
