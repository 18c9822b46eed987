"""The import page: upload, a dry run's preview, confirm, result — nothing written early.

The preview and the import are background jobs; here they run in the request
(KUNDENWERT_IMPORT_JOBS_INLINE), so that the redirect to the job's page finds them ended.
tests/web/test_import_jobs.py runs them in their threads, with their progress.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kundenwert.activity.models import TimeEntry
from kundenwert.customers.models import Customer
from kundenwert.portfolio.writer import write_folder
from kundenwert.web import importing
from tests.analysis.builders import make_portfolio
from tests.conftest import SAMPLES

TOGGL = SAMPLES / "timetracking" / "solidtime_fixture__toggl_time_entries_import_test_1.csv"


def zipped_portfolio(tmp_path: Path, name: str = "Neukunde GmbH") -> SimpleUploadedFile:
    folder = tmp_path / "portfolio"
    write_folder(
        make_portfolio(
            customers=[{"id": "Z1", "name": name}],
            time_entries=[{"customer_id": "Z1", "minutes": 90}],
        ),
        folder,
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in folder.iterdir():
            archive.write(path, f"portfolio/{path.name}")
    return SimpleUploadedFile("portfolio.zip", buffer.getvalue(), "application/zip")


@pytest.fixture(autouse=True)
def jobs_in_the_request(settings):
    settings.KUNDENWERT_IMPORT_JOBS_INLINE = True


def upload(client, *files):
    """Uploads, follows to the job's page and returns it (the preview)."""
    return client.post(reverse("import_upload"), {"files": list(files)}, follow=True)


def confirm(client, token: str, **data):
    return client.post(reverse("import_confirm", args=[token]), data, follow=True)


def test_the_page_offers_drag_and_drop_and_a_plain_file_field(owner_client):
    page = owner_client.get(reverse("import_upload")).content.decode()

    assert 'type="file" name="files" id="id_files" multiple' in page
    assert "data-dropzone" in page
    assert 'for="id_files"' in page


def test_the_preview_shows_what_would_be_added_and_writes_nothing(owner_client, tmp_path):
    response = upload(owner_client, zipped_portfolio(tmp_path))

    outcome = response.context["outcome"]
    assert {t.name: t.added for t in outcome.tables}["Kunden"] == 1
    assert "Jetzt importieren" in response.content.decode()
    assert not Customer.objects.exists()


def test_confirming_imports_the_same_files(owner_client, tmp_path):
    preview = upload(owner_client, zipped_portfolio(tmp_path))
    token = preview.context["upload_token"]

    result = confirm(owner_client, token)

    assert result.status_code == 200
    assert Customer.objects.get(number="Z1").name == "Neukunde GmbH"
    assert TimeEntry.objects.count() == 1
    assert "Import abgeschlossen" in result.content.decode()
    assert importing.find_upload(token, preview.wsgi_request.user.pk) is None  # cleaned up


def test_cancelling_writes_nothing_and_removes_the_files(owner_client, tmp_path):
    token = upload(owner_client, zipped_portfolio(tmp_path)).context["upload_token"]

    response = owner_client.post(reverse("import_confirm", args=[token]), {"cancel": "1"})

    assert response.status_code == 302
    assert not Customer.objects.exists()
    assert not (importing.uploads_dir() / token).exists()


def test_someone_else_cannot_confirm_an_upload(owner_client, tmp_path, db):
    from django.test import Client

    from kundenwert.accounts.services import do_create_user

    token = upload(owner_client, zipped_portfolio(tmp_path)).context["upload_token"]
    other = Client()
    other.force_login(do_create_user("otto", "a-long-password-1", role="owner"))

    response = other.post(reverse("import_confirm", args=[token]))

    assert response.status_code == 302
    assert not Customer.objects.exists()


def test_a_broken_portfolio_is_reported_and_nothing_written(owner_client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("customers.csv", "id,name\n,ohne Nummer\n")
    broken = SimpleUploadedFile("kaputt.zip", buffer.getvalue())

    response = upload(owner_client, broken)

    page = response.content.decode()
    assert "können nicht importiert werden" in page
    assert "customers.csv" in page
    assert "Jetzt importieren" not in page
    assert not Customer.objects.exists()


def test_a_time_tracking_export_goes_to_the_importers(owner_client):
    toggl = SimpleUploadedFile(TOGGL.name, TOGGL.read_bytes(), "text/csv")

    preview = upload(owner_client, toggl)
    outcome = preview.context["outcome"]

    assert not outcome.errors
    assert {t.name: t.added for t in outcome.tables}["Zeiteinträge"] == 1
    assert outcome.new_customers == ["Big Company (NEU-0001)"]
    assert outcome.skipped  # the entry without a client, with its reason
    assert not TimeEntry.objects.exists()

    result = confirm(owner_client, preview.context["upload_token"])

    assert {t.name: t.added for t in result.context["outcome"].tables}["Zeiteinträge"] == 1
    assert TimeEntry.objects.count() == 1


def test_a_file_nobody_reads_gets_a_clear_reason(owner_client):
    junk = SimpleUploadedFile(
        "notes.bin", b"\x00\x01\x02 nothing to see", "application/octet-stream"
    )

    page = upload(owner_client, junk).content.decode()

    assert "notes.bin" in page
    assert "Jetzt importieren" not in page


def test_an_upload_without_files_asks_for_one(owner_client):
    response = owner_client.post(reverse("import_upload"), {})

    assert "Bitte wählen Sie eine Datei" in response.content.decode()


def test_entries_of_a_zip_cannot_escape_their_folder(tmp_path):
    archive_path = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive_path, "w") as archive:
        archive.writestr("../../outside.csv", "x")
        archive.writestr("customers.csv", "id,name\n")
    target = tmp_path / "unpacked"

    importing.extract_csv_files(archive_path, target)

    assert sorted(p.name for p in target.iterdir()) == ["customers.csv", "outside.csv"]
    assert not (tmp_path.parent / "outside.csv").exists()
