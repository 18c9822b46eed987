"""The import job page in Chromium: the script moves the progress bar and shows the preview
when the dry run has ended; without scripts the page reloads itself until then.

The jobs run in their thread of the live server, as in production; each progress report is
slowed down here so that a 25,000-row export takes a few seconds to preview.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kundenwert.activity.models import TimeEntry
from kundenwert.web import importing
from tests.browser.conftest import Watched, screenshot, sign_in
from tests.conftest import SAMPLES

pytestmark = pytest.mark.browser

TOGGL = SAMPLES / "timetracking" / "solidtime_fixture__toggl_time_entries_import_test_1.csv"
ROWS = 25_000
PREVIEW_HEADING = "Was der Import tun würde"


def long_toggl_export(folder: Path, rows: int = ROWS) -> Path:
    """The Toggl sample's header and its row with a client, `rows` times, a minute apart."""
    header, _, with_client = TOGGL.read_text(encoding="utf-8-sig").splitlines()
    lines = [header]
    for n in range(rows):
        moment = datetime(2024, 3, 4, 8, 0) + timedelta(minutes=n)
        fields = with_client.split(",")
        fields[7:11] = [f"{moment:%Y-%m-%d}", f"{moment:%H:%M:%S}", f"{moment:%Y-%m-%d}", ""]
        lines.append(",".join(fields))
    path = folder / "toggl_long.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def slow_progress(monkeypatch):
    report = importing.JobProgress.__call__

    def slowly(self, stage, done, total):
        time.sleep(0.4)
        report(self, stage, done, total)

    monkeypatch.setattr(importing.JobProgress, "__call__", slowly)


def test_the_progress_bar_moves_and_the_preview_follows(page, owner, tmp_path, slow_progress):
    sign_in(page, "olga")
    page.goto(f"{page.base}/import/")
    page.set_input_files("#id_files", str(long_toggl_export(tmp_path)))

    page.get_by_role("button", name="Vorschau zeigen").click()

    bar = page.locator("progress[data-bar]")
    expect(bar).to_be_visible()
    first = page.locator("[data-count]").text_content()
    # The script asks the status URL and moves the bar without reloading the page.
    page.wait_for_function(
        """first => {
            const count = document.querySelector("[data-count]");
            const bar = document.querySelector("progress[data-bar]");
            return count && bar && count.textContent !== first && bar.value > 0;
        }""",
        arg=first,
    )
    screenshot(page, "11-import-progress")
    expect(page.get_by_role("heading", name=PREVIEW_HEADING)).to_be_visible(timeout=30_000)
    expect(page.locator("table.counts")).to_contain_text(str(ROWS))
    assert not TimeEntry.objects.exists()


def test_without_scripts_the_page_reloads_itself_until_the_preview(
    browser, live_server, owner, tmp_path, slow_progress
):
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    page = context.new_page()
    watched = Watched(live_server.url)
    page.on("request", watched.request)
    page.base = live_server.url
    try:
        sign_in(page, "olga")
        page.goto(f"{page.base}/import/")
        page.set_input_files("#id_files", str(long_toggl_export(tmp_path)))
        page.get_by_role("button", name="Vorschau zeigen").click()

        expect(page.locator("progress[data-bar]")).to_be_visible()
        expect(page.get_by_role("heading", name=PREVIEW_HEADING)).to_be_visible(timeout=30_000)
    finally:
        context.close()
    assert watched.foreign == []
