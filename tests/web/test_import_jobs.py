"""The import page's background jobs: progress, who may see them, interrupted jobs, and the
whole upload → preview → confirm → result flow with the real sample files.

Most tests run the jobs in the request (KUNDENWERT_IMPORT_JOBS_INLINE); the ones named
"in a thread" run them in their own thread, as the server does, and poll the status URL.
The owner reads English here (the German texts are checked in tests/test_translations.py).
"""

from __future__ import annotations

import json
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kundenwert.accounts.services import do_create_user
from kundenwert.activity.models import Interaction, TimeEntry
from kundenwert.billing.models import Invoice
from kundenwert.customers.models import Contact, Customer
from kundenwert.importers import writing
from kundenwert.lib import import_lock
from kundenwert.web import importing
from kundenwert.web.paths import import_jobs_dir
from kundenwert.workspace.models import ImportJob
from kundenwert.workspace.services import do_update_own_addresses
from tests.conftest import SAMPLES

TIMETRACKING = SAMPLES / "timetracking"
TOGGL = TIMETRACKING / "solidtime_fixture__toggl_time_entries_import_test_1.csv"
TOGGL_2 = TIMETRACKING / "solidtime_fixture__toggl_time_entries_import_test_2.csv"
ZUGFERD = SAMPLES / "einvoice" / "zugferd" / "zugferd_2p3_EN16931_Einfach.xml"
CALENDAR = SAMPLES / "calendar" / "icalendar_docs_example_with_attendees.ics"
ROWS = 25_000


@pytest.fixture(autouse=True)
def english(owner):
    owner.language = "en"
    owner.save(update_fields=["language"])


@pytest.fixture
def inline(settings):
    settings.KUNDENWERT_IMPORT_JOBS_INLINE = True


def as_upload(path: Path, name: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or path.name, path.read_bytes())


def long_toggl_export(folder: Path, rows: int = ROWS) -> Path:
    """The Toggl sample's header and its row with a client, `rows` times, a minute apart."""
    header, _, with_client = TOGGL.read_text(encoding="utf-8-sig").splitlines()
    start = timezone.datetime(2024, 3, 4, 8, 0)
    lines = [header]
    for n in range(rows):
        moment = start + timedelta(minutes=n)
        fields = with_client.split(",")
        fields[7:11] = [f"{moment:%Y-%m-%d}", f"{moment:%H:%M:%S}", f"{moment:%Y-%m-%d}", ""]
        lines.append(",".join(fields))
    path = folder / "toggl_long.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def job_of(response) -> ImportJob:
    """The job a redirect to its page names."""
    token = response.url.rstrip("/").split("/")[-1]
    return ImportJob.objects.get(token=token)


def status(client: Client, job: ImportJob) -> dict:
    response = client.get(reverse("import_status", args=[job.token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


# --- progress ----------------------------------------------------------------------------


def test_a_jobs_progress_moves_and_each_stage_ends_with_done_equal_to_total(
    owner_client, inline, tmp_path, monkeypatch
):
    written: list[dict] = []
    original = importing.JobProgress._write

    def keep(self):
        original(self)
        written.append(dict(self.values))

    monkeypatch.setattr(importing.JobProgress, "_write", keep)
    monkeypatch.setattr(importing, "WRITE_SECONDS", 0)  # every report, however fast

    response = owner_client.post(
        reverse("import_upload"), {"files": [as_upload(long_toggl_export(tmp_path))]}
    )

    job = job_of(response)
    assert job.state == "done"
    for stage in ("reading rows", "time_entries"):
        steps = [(w["done"], w["total"]) for w in written if w["stage"] == stage]
        dones = [done for done, _ in steps]
        assert len(set(dones)) >= 3, stage  # it moved, not just jumped to the end
        assert dones == sorted(dones), stage
        assert steps[-1][0] == steps[-1][1] > 0, stage
    lines = [w for w in written if w["stage"] == "reading rows"]
    assert lines[-1]["total"] == ROWS + 1  # the header and every row
    assert (job.stage, job.done, job.total) == ("time_entries", ROWS, ROWS)
    assert written[0]["state"] == "queued" and written[-1]["state"] == "running"
    outcome = importing.Outcome.from_json(job.result)
    assert [(t.key, t.added) for t in outcome.tables if t.added] == [("time_entries", ROWS)]
    assert not TimeEntry.objects.exists()  # a preview
    assert not (import_jobs_dir() / f"{job.token}.json").exists()  # its file is gone


def test_the_status_of_a_running_job_says_what_it_does_and_how_far_it_got(owner, owner_client):
    job = ImportJob.objects.create(token="t-running", user=owner, upload="u", kind="import")
    progress = importing.JobProgress(job.token)
    progress.set_state("running")
    progress("time_entries", 250_000, 1_000_000)

    answer = status(owner_client, job)
    page = owner_client.get(reverse("import_job", args=[job.token])).content.decode()

    assert answer == {
        "state": "running",
        "finished": False,
        "stage": "time_entries",
        "label": "Writing: Time entries",
        "done": 250_000,
        "total": 1_000_000,
        "percent": 25,
        "count": "250,000 of 1,000,000",
    }
    assert 'max="1000000" value="250000"' in page
    assert "import-progress.js" in page
    assert '<meta http-equiv="refresh"' in page  # inside <noscript>: pages without scripts
    assert "Reload this page" in page


# --- who may see a job ---------------------------------------------------------------------


def test_the_status_url_and_the_page_answer_only_the_user_who_started_the_job(
    owner_client, inline, staff_client, db
):
    job = job_of(owner_client.post(reverse("import_upload"), {"files": [as_upload(TOGGL)]}))
    other = Client()
    other.force_login(do_create_user("otto", "a-long-password-1", role="owner"))

    assert owner_client.get(reverse("import_status", args=[job.token])).status_code == 200
    assert other.get(reverse("import_status", args=[job.token])).status_code == 404
    assert other.get(reverse("import_job", args=[job.token])).status_code == 404
    assert staff_client.get(reverse("import_status", args=[job.token])).status_code == 403
    assert Client().get(reverse("import_status", args=[job.token])).status_code == 302
    assert b"Big Company" not in other.get(reverse("import_status", args=[job.token])).content


# --- interrupted jobs ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["preview", "import"])
def test_a_running_job_whose_heartbeat_stopped_is_reported_as_interrupted(
    owner, owner_client, kind
):
    job = ImportJob.objects.create(
        token=f"t-{kind}", user=owner, upload="gone", kind=kind, state="running"
    )
    progress = importing.JobProgress(job.token)
    progress("time_entries", 40_000, 100_000)
    stale = json.loads(progress.path.read_text())
    stale["heartbeat"] -= importing.STALE_SECONDS + 1
    progress.path.write_text(json.dumps(stale))

    answer = status(owner_client, job)
    page = owner_client.get(reverse("import_job", args=[job.token])).content.decode()

    assert (answer["state"], answer["finished"], answer["label"]) == (
        "interrupted",
        True,
        "Interrupted",
    )
    assert "was interrupted" in page
    assert "Nothing was written: imports are all or nothing. Please start again." in page


def test_a_job_without_a_progress_file_counts_by_its_rows_last_change(owner, owner_client):
    job = ImportJob.objects.create(token="t-old", user=owner, upload="u", kind="preview")
    old = timezone.now() - timedelta(seconds=importing.STALE_SECONDS + 5)
    ImportJob.objects.filter(pk=job.pk).update(updated_at=old, state="running")

    assert status(owner_client, job)["state"] == "interrupted"


def test_an_interrupted_import_can_start_again_from_the_same_files(
    owner, owner_client, inline, tmp_path
):
    preview = owner_client.post(reverse("import_upload"), {"files": [as_upload(TOGGL)]})
    upload = job_of(preview).upload
    dead = ImportJob.objects.create(
        token="t-dead", user=owner, upload=upload, kind="import", state="running"
    )
    ImportJob.objects.filter(pk=dead.pk).update(updated_at=timezone.now() - timedelta(minutes=5))

    page = owner_client.get(reverse("import_job", args=[dead.token])).content.decode()
    again = owner_client.post(reverse("import_confirm", args=[upload]))

    assert reverse("import_confirm", args=[upload]) in page
    assert job_of(again) != dead and job_of(again).state == "done"
    assert TimeEntry.objects.count() == 1


def test_an_import_that_fails_midway_writes_nothing_and_says_so(owner_client, inline, monkeypatch):
    preview = owner_client.post(
        reverse("import_upload"), {"files": [as_upload(TOGGL), as_upload(ZUGFERD)]}
    )
    upload = job_of(preview).upload

    def broken(self):
        raise RuntimeError("disk on fire")

    # Time entries and customers are written by then; the invoices fail.
    monkeypatch.setattr(writing.RecordWriter, "_write_invoices", broken)
    response = owner_client.post(reverse("import_confirm", args=[upload]), follow=True)

    job = ImportJob.objects.get(upload=upload, kind="import")
    assert job.state == "failed"
    assert "Import failed" in response.content.decode()
    assert "Nothing was written." in response.content.decode()
    assert not Customer.objects.exists()
    assert not TimeEntry.objects.exists()


# --- one at a time, once ---------------------------------------------------------------------


def test_an_upload_while_another_import_runs_is_refused_with_the_reason(owner_client, inline):
    with import_lock.one_import_at_a_time(import_jobs_dir()):
        response = owner_client.post(reverse("import_upload"), {"files": [as_upload(TOGGL)]})

    assert response.status_code == 409
    assert "Another import is running" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_confirming_twice_starts_one_import(owner_client, inline):
    upload = job_of(
        owner_client.post(reverse("import_upload"), {"files": [as_upload(TOGGL)]})
    ).upload

    first = owner_client.post(reverse("import_confirm", args=[upload]))
    second = owner_client.post(reverse("import_confirm", args=[upload]))

    assert first.url == second.url
    assert ImportJob.objects.filter(kind="import").count() == 1


# --- the whole flow with the real samples ----------------------------------------------------


def test_upload_preview_confirm_result_with_the_samples_and_again_changes_nothing(
    owner, owner_client, inline
):
    do_update_own_addresses(owner, "me@example.com")
    friends = Customer.objects.create(number="K1", name="Radgruppe")
    Contact.objects.create(customer=friends, name="Friend", email="another_friend@example.com")
    files = [TOGGL, TOGGL_2, ZUGFERD, CALENDAR]

    def post():
        return owner_client.post(
            reverse("import_upload"), {"files": [as_upload(p) for p in files]}, follow=True
        )

    preview = post()
    outcome = preview.context["outcome"]
    counts = {t.name: (t.added, t.changed, t.unchanged, t.skipped) for t in outcome.tables}
    assert counts["Time entries"] == (2, 0, 0, 1)
    assert counts["Invoices"] == (1, 0, 0, 0)
    assert counts["Interactions"] == (1, 0, 0, 1)  # the ride with the friend; one without anyone
    assert outcome.new_customers == [
        "Big Company (NEU-0001)",
        "Real World Client (NEU-0002)",
        "Kunden AG Mitte (GE2020211)",
    ]
    assert not any("own e-mail address is unknown" in w for w in outcome.warnings)
    assert (TimeEntry.objects.count(), Invoice.objects.count()) == (0, 0)

    result = owner_client.post(
        reverse("import_confirm", args=[preview.context["upload_token"]]), follow=True
    )

    assert "Import done" in result.content.decode()
    assert result.context["outcome"].changes == 4  # 2 time entries, 1 invoice, 1 meeting
    assert Customer.objects.count() == 4  # the friends' and the 3 new ones
    assert (TimeEntry.objects.count(), Invoice.objects.count()) == (2, 1)
    ride = Interaction.objects.get()
    assert (ride.customer, ride.channel, ride.direction) == (friends, "meeting", "out")

    again = post()

    assert again.context["outcome"].changes == 0
    assert "already in Kundenwert" in again.content.decode()


# --- in a thread of its own, as on the server -------------------------------------------------


def wait_until_finished(client: Client, job: ImportJob, seconds: float = 60) -> list[dict]:
    """The status answers, once a tenth of a second, until the job has ended."""
    answers = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        answers.append(status(client, job))
        if answers[-1]["finished"]:
            return answers
        time.sleep(0.1)
    raise AssertionError(f"the job did not end in {seconds} s: {answers[-1]}")


@pytest.mark.django_db(transaction=True)
def test_in_a_thread_the_preview_and_the_import_run_in_the_background_and_report_progress(
    owner_client, tmp_path
):
    export = long_toggl_export(tmp_path)

    response = owner_client.post(reverse("import_upload"), {"files": [as_upload(export)]})

    assert response.status_code == 302  # at once: the work goes on in the thread
    job = job_of(response)
    answers = wait_until_finished(owner_client, job)
    assert answers[-1]["state"] == "done"
    assert any(0 < a["done"] < a["total"] for a in answers if a["state"] == "running")
    preview = owner_client.get(response.url)
    assert {t.key: t.added for t in preview.context["outcome"].tables}["time_entries"] == ROWS
    assert not TimeEntry.objects.exists()

    confirmed = owner_client.post(reverse("import_confirm", args=[job.upload]))
    job = job_of(confirmed)
    answers = wait_until_finished(owner_client, job)
    result = owner_client.get(confirmed.url)

    assert answers[-1]["state"] == "done"
    assert "Import done" in result.content.decode()
    assert TimeEntry.objects.count() == ROWS
    assert Customer.objects.get().name == "Big Company"
    job.refresh_from_db()
    assert (job.state, job.done, job.total) == ("done", ROWS, ROWS)
    assert lock_released_within(seconds=10)  # the thread records the end, then lets go


def lock_released_within(seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while importing.import_running():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True
