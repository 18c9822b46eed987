"""The import page: upload, a dry run's preview, confirm, result — nothing written early.

The preview and the import are background jobs; here they run in the request
(KUNDENWERT_IMPORT_JOBS_INLINE), so that the redirect to the job's page finds them ended.
tests/web/test_import_jobs.py runs them in their threads, with their progress.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kundenwert.activity.models import TimeEntry
from kundenwert.billing.models import Invoice
from kundenwert.customers.models import Customer
from kundenwert.importers.detect import available
from kundenwert.importers.services import do_save_column_mapping
from kundenwert.portfolio.writer import write_folder
from kundenwert.web import importing
from kundenwert.workspace.models import ColumnMapping, ImportJob
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


def upload(client, *files, **options):
    """Uploads with the options given (format, mapping, customer_map), follows to the job's
    page and returns it (the preview)."""
    data = {"files": list(files), **options}
    return client.post(reverse("import_upload"), data, follow=True)


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


# --- the options of `kundenwert import`: format, saved column mapping, customer map -------------


def toggl_without_project() -> SimpleUploadedFile:
    """The Toggl sample without its Project column: Toggl's reader needs no project, but
    without it nothing recognises the file as Toggl's, so its format must be given."""
    rows = list(csv.reader(io.StringIO(TOGGL.read_text(encoding="utf-8-sig"))))
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows([row[:3] + row[4:] for row in rows])
    return SimpleUploadedFile("zeiten.csv", text.getvalue().encode(), "text/csv")


def own_tool_export() -> SimpleUploadedFile:
    """An invoice list whose column names are none of the synonyms."""
    text = (
        "Beleg;Tag;Firma X;Summe ohne Steuer\n"
        "A-1;02.05.2026;Hansa Logistik AG;300,00\n"
        "A-2;03.05.2026;Hansa Logistik AG;1.250,50\n"
    )
    return SimpleUploadedFile("export.csv", text.encode(), "text/csv")


def customer_map(text: str, name: str = "kunden.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), "text/csv")


def options_of(page: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', page, re.DOTALL)
    assert select is not None, name
    return re.findall(r'<option value="([^"]*)"', select.group(0))


def added(outcome) -> dict[str, int]:
    return {table.key: table.added for table in outcome.tables}


def test_the_page_offers_the_options_of_the_command_each_with_its_label(owner_client):
    do_save_column_mapping("Mein Tool", {"number": "Beleg", "net": "Summe ohne Steuer"})

    page = owner_client.get(reverse("import_upload")).content.decode()

    for name in ("format", "mapping", "customer_map"):
        assert f'<label for="id_{name}">' in page
        assert f'id="id_{name}"' in page
    assert options_of(page, "format") == ["auto", *(m.NAME for m in available())]
    assert options_of(page, "mapping") == ["", "Mein Tool"]
    assert '<option value="auto" selected>' in page
    assert 'type="file" name="customer_map"' in page
    assert re.findall(r"<script(?![^>]*\bsrc=)", page) == []  # the CSP allows no inline script


def test_a_format_given_reads_a_file_whose_content_does_not_tell(owner_client):
    refused = upload(owner_client, toggl_without_project())

    (error,) = refused.context["outcome"].error_lines
    assert error.startswith("zeiten.csv: hat kein Format, das Kundenwert importieren kann")
    assert "Jetzt importieren" not in refused.content.decode()

    preview = upload(owner_client, toggl_without_project(), format="toggl")

    outcome = preview.context["outcome"]
    assert outcome.errors == []
    assert outcome.options["format"] == "toggl"
    assert added(outcome)["time_entries"] == 1
    assert outcome.new_customers == ["Big Company (NEU-0001)"]
    assert not TimeEntry.objects.exists()

    result = confirm(owner_client, preview.context["upload_token"])

    assert added(result.context["outcome"])["time_entries"] == 1
    entry = TimeEntry.objects.get()
    assert (entry.customer.name, entry.minutes) == ("Big Company", Decimal("60.02"))


def test_a_saved_mapping_reads_columns_the_synonyms_do_not_know(owner_client):
    do_save_column_mapping(
        "Mein Tool",
        {"number": "Beleg", "issue_date": "Tag", "customer": "Firma X", "net": "Summe ohne Steuer"},
    )
    without = upload(owner_client, own_tool_export(), format="invoice_list")
    assert without.context["outcome"].errors
    assert "Jetzt importieren" not in without.content.decode()

    preview = upload(owner_client, own_tool_export(), format="invoice_list", mapping="Mein Tool")

    outcome = preview.context["outcome"]
    assert outcome.errors == []
    assert added(outcome)["invoices"] == 2
    assert outcome.new_customers == ["Hansa Logistik AG (NEU-0001)"]
    assert "Mein Tool" in [value for _, value in preview.context["options"]]
    assert not Invoice.objects.exists()

    # The confirmation imports with the columns the preview used, kept with the upload.
    ColumnMapping.objects.all().delete()
    result = confirm(owner_client, preview.context["upload_token"])

    assert added(result.context["outcome"])["invoices"] == 2
    invoices = Invoice.objects.order_by("number")
    assert [(i.number, i.issue_date.isoformat(), i.net) for i in invoices] == [
        ("A-1", "2026-05-02", Decimal("300.00")),
        ("A-2", "2026-05-03", Decimal("1250.50")),
    ]
    assert {i.customer.name for i in invoices} == {"Hansa Logistik AG"}


def test_a_customer_map_sends_a_client_to_an_existing_customer(owner_client):
    Customer.objects.create(number="K7", name="Großkunde AG")
    toggl = SimpleUploadedFile(TOGGL.name, TOGGL.read_bytes(), "text/csv")
    mapped = customer_map("source_name,customer_id\nBig Company,K7\n")

    preview = upload(owner_client, toggl, customer_map=mapped)

    outcome = preview.context["outcome"]
    assert outcome.errors == []
    assert added(outcome)["time_entries"] == 1
    assert outcome.new_customers == []
    assert "kunden.csv" in [value for _, value in preview.context["options"]]

    confirm(owner_client, preview.context["upload_token"])

    assert TimeEntry.objects.get().customer.number == "K7"
    assert list(Customer.objects.values_list("number", "name")) == [("K7", "Großkunde AG")]


def test_a_broken_customer_map_is_refused_with_file_and_line_and_nothing_starts(owner_client):
    toggl = SimpleUploadedFile(TOGGL.name, TOGGL.read_bytes(), "text/csv")
    broken = customer_map("source_name,customer_id\nBig Company,\n,K7\n")
    uploads = set(importing.uploads_dir().iterdir())

    response = upload(owner_client, toggl, customer_map=broken)

    errors = response.context["form"].errors["customer_map"]
    assert errors == [
        "kunden.csv, Zeile 2, Spalte customer_id: ein Wert ist erforderlich",
        "kunden.csv, Zeile 3, Spalte source_name: ein Wert ist erforderlich",
    ]
    assert "kunden.csv, Zeile 2, Spalte customer_id: ein Wert ist erforderlich" in (
        response.content.decode()
    )
    assert not ImportJob.objects.exists()
    assert set(importing.uploads_dir().iterdir()) == uploads  # nothing kept


def test_an_unknown_mapping_or_format_is_a_form_error(owner_client):
    toggl = SimpleUploadedFile(TOGGL.name, TOGGL.read_bytes(), "text/csv")

    response = upload(owner_client, toggl, mapping="gibt es nicht", format="pdf")

    assert set(response.context["form"].errors) == {"mapping", "format"}
    assert not ImportJob.objects.exists()


def test_an_uploaded_file_cannot_take_the_place_of_the_upload_s_own_files(owner):
    files = [SimpleUploadedFile("owner.json", b'{"user": 0}'), SimpleUploadedFile("options", b"x")]
    options = importing.ImportOptions(format="toggl")

    stored = importing.store_upload(files, owner.pk, options)

    found = importing.find_upload(stored.token, owner.pk)
    assert found is not None and found.options == options
    assert [p.name for p in found.files] == ["upload-1-owner.json", "upload-2-options"]
    importing.discard(found)


def test_two_files_of_the_same_name_are_both_imported(owner_client):
    # Two exports called export.csv from two folders: neither may silently replace the other.
    header = "Client,Project,Description,Start date,Start time,Duration\n"
    rows = [
        "Big Company,Web,Texte,2026-03-02,09:00:00,01:00:00\n",
        "Small Shop,Shop,Fotos,2026-03-03,10:00:00,02:30:00\n",
    ]
    first, second = (
        SimpleUploadedFile("export.csv", (header + row).encode(), "text/csv") for row in rows
    )

    preview = upload(owner_client, first, second, format="toggl")
    confirm(owner_client, preview.context["upload_token"])

    minutes = dict(TimeEntry.objects.values_list("customer__name", "minutes"))
    assert minutes == {"Big Company": Decimal(60), "Small Shop": Decimal(150)}
