"""solidtime: its CSV files and its full export (a ZIP archive, or the folder unpacked from it).

* The detailed report (Reports → Export → CSV): Description, Task, Project, Client, User,
  Start, End, Duration (h:mm:ss), Duration (decimal), Billable, Tags; times are local.
* The generic time-entry CSV (solidtime's own import format): description, billable,
  client, project, tags, start, end, task, user_name, user_email; times in UTC (`…Z`).
* The organisation export (Settings → Export): a ZIP of CSV files in which time_entries.csv
  names its client, project, task and member by id, resolved through clients.csv,
  projects.csv, tasks.csv and members.csv. An entry without a client takes its project's
  client. The archive, the unpacked folder, or the time_entries.csv inside that folder
  (its sibling files are read along) are all accepted.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import IO
from zoneinfo import ZoneInfo

from kundenwert.importers import csv_tools
from kundenwert.importers.records import ParsedFile, UnsupportedFile
from kundenwert.importers.timesheet import Layout, Lookups, parse_csv_timesheet, read_timesheet
from kundenwert.portfolio.errors import RowError

NAME = "solidtime"
LABEL = "solidtime (report CSV, time-entry CSV, export ZIP or folder)"
KIND = "time_entries"

# The report and the generic import format differ only in the user and duration columns.
CSV_LAYOUT = Layout(
    format=NAME,
    english={
        "client": ("client",),
        "project": ("project",),
        "task": ("task",),
        "description": ("description",),
        "user": ("user_name", "User"),
        "billable": ("billable",),
        "start": ("start",),
        "end": ("end",),
        "duration": ("Duration",),
        "hours": ("Duration (decimal)",),
    },
    required=(("start",), ("end", "duration", "hours")),
)
EXPORT_LAYOUT = Layout(
    format=NAME,
    english={
        "client": ("client_id",),
        "project": ("project_id",),
        "task": ("task_id",),
        "description": ("description",),
        "user": ("member_id",),
        "billable": ("billable",),
        "start": ("start",),
        "end": ("end",),
    },
    required=(("start",), ("end",)),
)
ENTRIES = "time_entries.csv"
# The files whose names resolve the ids in time_entries.csv: role → (file, required).
NAME_FILES = {
    "client": ("clients.csv", True),
    "project": ("projects.csv", True),
    "task": ("tasks.csv", False),
    "user": ("members.csv", False),
}
ZIP_MAGIC = b"PK\x03\x04"

Opener = Callable[[str], IO[bytes]]


def sniff(name: str, head: bytes) -> bool:
    if name.endswith("/"):  # a folder: detect passes the names of its files as the head
        names = set(head.splitlines())
        # A portfolio folder has a time_entries.csv too, but never clients.csv.
        return ENTRIES.encode() in names and b"clients.csv" in names
    if head.startswith(ZIP_MAGIC):
        return ENTRIES.encode() in head or (
            name.lower().endswith(".zip") and b"[Content_Types].xml" not in head
        )
    header = csv_tools.header_of(head)
    if csv_tools.has_columns(header, "id", "start", "end", "client_id", "project_id"):
        return True
    return csv_tools.has_columns(header, "description", "client", "project", "start", "end") and (
        csv_tools.has_columns(header, "user_name") or csv_tools.has_columns(header, "Duration")
    )


def parse(path: Path, *, time_zone: str) -> ParsedFile:
    zone = ZoneInfo(time_zone)
    if path.is_dir():
        return _parse_export(path.name, _folder_files(path), _folder_sha256(path), zone)
    if csv_tools.read_head(path, len(ZIP_MAGIC)) == ZIP_MAGIC:
        return _parse_zip(path, zone)
    header = csv_tools.header_of(csv_tools.read_head(path))
    if csv_tools.has_columns(header, "client_id", "project_id"):
        return _parse_export(
            path.parent.name, _folder_files(path.parent), _folder_sha256(path.parent), zone
        )
    return parse_csv_timesheet(path, CSV_LAYOUT, time_zone)


def _parse_zip(path: Path, zone: ZoneInfo) -> ParsedFile:
    try:
        archive = zipfile.ZipFile(path)
        members = {PurePosixPath(info.filename).name: info for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        error_text = f"is not a readable ZIP archive ({error})"
        return ParsedFile(
            path.name, NAME, "", errors=[RowError(path.name, None, None, None, error_text)]
        )
    with archive:
        files = {name: _member_opener(archive, info) for name, info in members.items()}
        return _parse_export(path.name, files, csv_tools.file_sha256(path), zone)


def _member_opener(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Opener:
    return lambda mode: archive.open(info)


def _folder_files(folder: Path) -> dict[str, Opener]:
    return {file.name: file.open for file in folder.iterdir() if file.is_file()}


def _folder_sha256(folder: Path) -> str:
    """The export's identity: its time entries and the names they refer to."""
    digest = hashlib.sha256()
    for name in [ENTRIES] + [file for file, _ in NAME_FILES.values()]:
        if (folder / name).is_file():
            digest.update(name.encode() + b"\0" + csv_tools.file_sha256(folder / name).encode())
    return digest.hexdigest()


def _parse_export(label: str, files: dict[str, Opener], sha256: str, zone: ZoneInfo) -> ParsedFile:
    if ENTRIES not in files:
        raise UnsupportedFile(f"is not a solidtime export: it holds no {ENTRIES}")
    parsed = ParsedFile(file=label, format=NAME, sha256=sha256)
    try:
        lookups = _lookups(label, files)
        table = csv_tools.open_csv_stream(files[ENTRIES], f"{label}/{ENTRIES}")
    except csv_tools.CsvProblem as problem:
        parsed.errors.append(problem.error)
        return parsed
    entries = ParsedFile(file=table.file, format=NAME, sha256=sha256)
    read_timesheet(entries, EXPORT_LAYOUT, table.header, table.rows(), zone, 1, lookups)
    parsed.time_entries, parsed.errors = entries.time_entries, entries.errors
    parsed.skipped, parsed.warnings = entries.skipped, entries.warnings
    return parsed


def _lookups(label: str, files: dict[str, Opener]) -> Lookups:
    names: dict[str, dict[str, str]] = {}
    sources: dict[str, str] = {}
    client_of_project: dict[str, str] = {}
    for role, (file, required) in NAME_FILES.items():
        sources[role] = file
        if file not in files:
            if required:
                message = f"is missing from the export; {ENTRIES} names its {role}s by id"
                raise csv_tools.CsvProblem(RowError(f"{label}/{file}", None, None, None, message))
            continue
        rows = _small_csv(files[file], f"{label}/{file}")
        names[role] = {row.get("id", ""): row.get("name", "") for row in rows}
        if role == "project":
            client_of_project = {row.get("id", ""): row.get("client_id", "") for row in rows}
    return Lookups(names, sources, client_of_project)


def _small_csv(opener: Opener, file: str) -> list[dict[str, str]]:
    table = csv_tools.open_csv_stream(opener, file)
    keys = [csv_tools.header_key(name) for name in table.header]
    return [
        {key: value.strip() for key, value in zip(keys, fields, strict=True)}
        for _, fields in table.rows()
    ]
