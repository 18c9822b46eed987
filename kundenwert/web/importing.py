"""The import page's work: keep uploaded files until confirmed, run dry and real imports
as background jobs with their progress, and turn each importer's report into one shape the
pages show.

Files are kept under <data folder>/uploads/<token>/ with a small owner.json, so that only
the person who uploaded them can confirm the import, and are deleted after the import or
after a day. A ZIP holding a customers.csv is a zipped portfolio folder and goes to
`kundenwert.exchange.services.do_import_folder`; everything else goes to the importers
(`kundenwert.importers.services.do_import_files`), which detect the format themselves.
Both run all or nothing, and their dry runs report exactly what the import would do.

Options. The page takes what `kundenwert import` takes besides the paths (`ImportOptions`):
the format (--format), a saved column mapping for invoice lists (--mapping NAME) and a
customer map (--customer-map). They are kept with the upload, in owner.json (the mapping's
columns as they were at the upload) and, for the customer map, in the upload's `options/`
folder, so that the preview, the import confirmed after it and an import started again all
run with the same options. Like the CLI's, they go to the importers' service as they are
and apply to the importers' files only, not to a zipped portfolio folder.

Jobs. The preview (a dry run) and the confirmed import run in a thread of the server
process that took the request (`start_job`), so that a million rows do not hold a request
for a minute, and the page shows their progress (`job_status`). An `ImportJob` row says who
started the job, for which upload, and how it ended. While it runs, its progress and a
heartbeat every few seconds go to a small JSON file under <data folder>/import-jobs/,
which every server process can read: on SQLite the import's transaction keeps the only
write lock until it commits, so a row could not be updated meanwhile. A job whose
heartbeat stopped for `STALE_SECONDS` died with its process; since an import is one
transaction, nothing of it was written, and the page says so.

One import runs at a time (`kundenwert.lib.import_lock`, shared with `kundenwert import`,
across processes): a second would only wait for the database. A confirmed upload of several
files (portfolio ZIPs and others) imports in one transaction, and the job's row is marked
done in that same transaction, so that "done" and "written" cannot part.

`settings.KUNDENWERT_IMPORT_JOBS_INLINE` runs the jobs in the request instead (for tests).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import secrets
import shutil
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connections, transaction
from django.utils import formats, timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kundenwert.importers.messages import (
    TABLE_LABELS,
    as_dict,
    error_line,
    skipped_line,
    warning_line,
)
from kundenwert.lib import import_lock
from kundenwert.portfolio.errors import PortfolioInvalid
from kundenwert.web.paths import data_dir, import_jobs_dir
from kundenwert.workspace.models import ImportJob

logger = logging.getLogger(__name__)
Progress = Callable[[str, int, int], None]  # stage, done, total

# The formats the page offers, by their importer's NAME (kundenwert.importers.registry), in
# the active language; an importer missing here is offered by its own LABEL.
FORMAT_LABELS = {
    "einvoice": gettext_lazy("E-invoice (ZUGFeRD, Factur-X, XRechnung)"),
    "camt053": gettext_lazy("Bank statement CAMT.053"),
    "mt940": gettext_lazy("Bank statement MT940"),
    "vcard": gettext_lazy("Contacts (vCard)"),
    "ical": gettext_lazy("Calendar (iCalendar)"),
    "mail": gettext_lazy("E-mail (mbox, .eml)"),
    "solidtime": gettext_lazy("solidtime (CSV or export ZIP)"),
    "toggl": gettext_lazy("Toggl Track (detailed report, CSV)"),
    "clockify": gettext_lazy("Clockify (detailed report, CSV)"),
    "kimai": gettext_lazy("Kimai (CSV or Excel)"),
    "harvest": gettext_lazy("Harvest (detailed time report, CSV)"),
    "invoice_list": gettext_lazy("Invoice list (CSV from lexoffice, sevDesk, Invoice Ninja …)"),
}
MAX_AGE_SECONDS = 24 * 3600
MAX_FILE_BYTES = 500 * 1024 * 1024
PORTFOLIO_MARKER = "customers.csv"
OWNER_FILE = "owner.json"
OPTIONS_FOLDER = "options"  # the upload's customer map, apart from the files to import


def format_choices() -> list[tuple[str, str]]:
    """("auto" or an importer's NAME, its label in the active language), as --format takes
    them: the importers of the registry that are installed, in its order."""
    from kundenwert.importers.detect import available

    return [("auto", _("Recognised from the content"))] + [
        (module.NAME, str(FORMAT_LABELS.get(module.NAME, module.LABEL))) for module in available()
    ]


@dataclass(frozen=True)
class ImportOptions:
    """What the page takes besides the files, as `kundenwert import` does."""

    format: str = "auto"  # --format: "auto" or an importer's NAME
    mapping_name: str = ""  # --mapping NAME: a saved column mapping, "" for none
    mapping: dict[str, str] | None = None  # its columns when the files were uploaded
    customer_map: str = ""  # --customer-map: its file name in the upload's OPTIONS_FOLDER

    def as_json(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> ImportOptions:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{name: value for name, value in data.items() if name in names})

    def described(self) -> list[tuple[str, str]]:
        """(label, value) of each option that is not the default, in the active language."""
        shown = []
        if self.format != "auto":
            label = dict(format_choices()).get(self.format, self.format)
            shown.append((_("Format"), label))
        if self.mapping_name:
            shown.append((_("Column mapping"), self.mapping_name))
        if self.customer_map:
            shown.append((_("Customer map"), self.customer_map))
        return shown


@dataclass(frozen=True)
class Upload:
    token: str
    folder: Path
    user_id: int
    options: ImportOptions = field(default_factory=ImportOptions)

    @property
    def files(self) -> list[Path]:
        """The files to import (not owner.json, nor the options folder, nor a portfolio
        folder left unpacked by an import that was interrupted)."""
        return sorted(p for p in self.folder.iterdir() if p.is_file() and p.name != OWNER_FILE)

    @property
    def customer_map(self) -> Path | None:
        name = self.options.customer_map
        return self.folder / OPTIONS_FOLDER / name if name else None


SKIPPED_KEPT = 1_000  # skipped rows a job's result lists (the count is complete)
NEW_CUSTOMERS_KEPT = 1_000


@dataclass(frozen=True)
class TableCounts:
    key: str  # the table or kind of record: "time_entries", "customers" …
    added: int
    changed: int
    unchanged: int
    skipped: int

    @property
    def name(self) -> str:
        """The label in the active language (a job runs without one)."""
        return str(TABLE_LABELS.get(self.key, self.key))


@dataclass
class Outcome:
    dry_run: bool
    tables: list[TableCounts] = field(default_factory=list)
    # The first SKIPPED_KEPT skipped rows and the errors, as `kundenwert.importers.messages.as_dict`
    # keeps them (lines of text in an outcome of an older version).
    skipped: list[dict | str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[dict | str] = field(default_factory=list)
    new_customers: list[str] = field(default_factory=list)  # the first NEW_CUSTOMERS_KEPT
    more_errors: int = 0  # errors found beyond those listed
    skipped_count: int = 0
    new_customer_count: int = 0
    options: dict = field(default_factory=dict)  # the upload's ImportOptions, as JSON
    unmatched_payments: int = 0  # payments of the statements that match no open invoice
    problem: str = ""  # "gone": the upload was no longer there; "crashed": see the log

    @property
    def error_lines(self) -> list[str]:
        """The errors, each a line in the active language."""
        return [error_line(e) for e in self.errors]

    @property
    def warning_lines(self) -> list[str]:
        return [warning_line(w) for w in self.warnings]

    @property
    def skipped_lines(self) -> list[str]:
        return [skipped_line(s) for s in self.skipped]

    @property
    def changes(self) -> int:
        return sum(t.added + t.changed for t in self.tables)

    @property
    def more_skipped(self) -> int:
        return max(self.skipped_count - len(self.skipped), 0)

    @property
    def more_new_customers(self) -> int:
        return max(self.new_customer_count - len(self.new_customers), 0)

    @property
    def failed(self) -> bool:
        return bool(self.errors or self.problem)

    def as_json(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Outcome:
        values = {f.name: data[f.name] for f in dataclasses.fields(cls) if f.name in data}
        values["tables"] = [TableCounts(**table) for table in data.get("tables", [])]
        values.setdefault("dry_run", False)
        return cls(**values)


def uploads_dir() -> Path:
    folder = data_dir() / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def store_upload(
    files, user_id: int, options: ImportOptions | None = None, customer_map=None
) -> Upload:
    """Saves the uploaded files (Django UploadedFile) under a new random token, with the
    options and the customer map (an UploadedFile, or None) to import them with."""
    discard_stale()
    token = secrets.token_urlsafe(16)
    folder = uploads_dir() / token
    folder.mkdir()
    options = options or ImportOptions()
    if customer_map is not None:
        name = upload_name(customer_map.name, "customer-map.csv")
        (folder / OPTIONS_FOLDER).mkdir()
        save_uploaded(customer_map, folder / OPTIONS_FOLDER / name)
        options = dataclasses.replace(options, customer_map=name)
    owner = {"user": user_id, "options": options.as_json()}
    (folder / OWNER_FILE).write_text(json.dumps(owner), encoding="utf-8")
    for number, upload in enumerate(files, start=1):
        name = upload_name(upload.name, f"upload-{number}")
        if name in (OWNER_FILE, OPTIONS_FOLDER):  # never in place of the upload's own
            name = f"upload-{number}-{name}"
        save_uploaded(upload, folder / unused_name(folder, name))
    return Upload(token, folder, user_id, options)


def upload_name(name: str, default: str) -> str:
    """A safe file name for an uploaded file (its base name, without odd characters)."""
    return get_valid_filename(Path(name).name) or default


def unused_name(folder: Path, name: str) -> str:
    """`name`, or `name-2`, `name-3` … (before the suffix) when a file of that name is
    already in `folder`: two exports of the same name from different folders are two files."""
    path, number = Path(name), 1
    while (folder / name).exists():
        number += 1
        name = f"{path.stem}-{number}{path.suffix}"
    return name


def save_uploaded(upload, path: Path) -> None:
    with path.open("wb") as target:
        for chunk in upload.chunks():
            target.write(chunk)


def find_upload(token: str, user_id: int) -> Upload | None:
    """The upload of `token` if it exists and belongs to `user_id`."""
    if not token.replace("-", "").replace("_", "").isalnum():
        return None
    folder = uploads_dir() / token
    try:
        kept = json.loads((folder / OWNER_FILE).read_text(encoding="utf-8"))
        owner, options = kept["user"], ImportOptions.from_json(kept.get("options") or {})
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return Upload(token, folder, owner, options) if owner == user_id else None


def discard(upload: Upload) -> None:
    shutil.rmtree(upload.folder, ignore_errors=True)


def discard_stale() -> None:
    limit = time.time() - MAX_AGE_SECONDS
    for folder in uploads_dir().iterdir():
        if folder.is_dir() and folder.stat().st_mtime < limit:
            shutil.rmtree(folder, ignore_errors=True)


def too_big(files) -> list[str]:
    return [f.name for f in files if f.size > MAX_FILE_BYTES]


# --- running the import ----------------------------------------------------------------


def run_import(upload: Upload, user, *, dry_run: bool, progress: Progress | None = None) -> Outcome:
    outcome = Outcome(dry_run=dry_run, options=upload.options.as_json())
    portfolios = [p for p in upload.files if is_zipped_portfolio(p)]
    others = [p for p in upload.files if p not in portfolios]
    for archive in portfolios:
        _merge(outcome, _import_portfolio(archive, upload.folder, user, dry_run, progress))
    if others:
        _merge(outcome, _import_files(others, upload, user, dry_run, progress))
    return outcome


def is_zipped_portfolio(path: Path) -> bool:
    if not zipfile.is_zipfile(path):
        return False
    with zipfile.ZipFile(path) as archive:
        return any(PurePosixPath(n).name == PORTFOLIO_MARKER for n in archive.namelist())


def _import_portfolio(
    archive: Path, workdir: Path, user, dry_run: bool, progress: Progress | None
) -> Outcome:
    from kundenwert.exchange.services import do_import_folder

    folder = workdir / f"{archive.stem}.portfolio"
    if progress:
        progress("reading files", 0, 1)
    extract_csv_files(archive, folder)
    try:
        report = do_import_folder(folder, user=user, dry_run=dry_run, progress=progress)
    except PortfolioInvalid as exc:
        return _failed(dry_run, [as_dict(e) for e in exc.errors], exc.total)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return outcome_of(report, dry_run)


def extract_csv_files(archive: Path, folder: Path) -> None:
    """The CSV files of a zipped portfolio folder, flat into `folder`.

    Only the base names are used, so no entry can write outside the folder.
    """
    folder.mkdir(exist_ok=True)
    with zipfile.ZipFile(archive) as zipped:
        for info in zipped.infolist():
            name = PurePosixPath(info.filename).name
            if info.is_dir() or not name.endswith(".csv") or name.startswith("."):
                continue
            with zipped.open(info) as source, (folder / name).open("wb") as target:
                shutil.copyfileobj(source, target)


def _import_files(
    paths: list[Path], upload: Upload, user, dry_run: bool, progress: Progress | None
) -> Outcome:
    from kundenwert.importers.services import ImportInvalid, do_import_files

    options = upload.options
    try:
        report = do_import_files(
            paths,
            user=user,
            format=options.format,
            customer_map=upload.customer_map,
            mapping=options.mapping,
            dry_run=dry_run,
            progress=progress,
        )
    except ImportInvalid as exc:
        return _failed(dry_run, [as_dict(e) for e in exc.errors], exc.total)
    return outcome_of(report, dry_run)


def outcome_of(report, dry_run: bool) -> Outcome:
    """Either import service's report in the page's shape.

    The portfolio folder import reports `tables`, the file importers `kinds` (with their
    skipped rows), new customers and the payments they could not match to an invoice.
    """
    counts = getattr(report, "kinds", None) or getattr(report, "tables", {})
    skipped = getattr(report, "skipped", [])
    new_customers = getattr(report, "new_customers", [])
    return Outcome(
        dry_run=dry_run,
        tables=[
            TableCounts(
                name,
                counts.added,
                counts.changed,
                counts.unchanged,
                len(getattr(counts, "skipped", [])),
            )
            for name, counts in counts.items()
        ],
        skipped=[as_dict(s) for s in skipped[:SKIPPED_KEPT]],
        skipped_count=len(skipped),
        warnings=[str(w) for w in report.warnings],
        new_customers=[f"{c.name} ({c.number})" for c in new_customers[:NEW_CUSTOMERS_KEPT]],
        new_customer_count=len(new_customers),
        unmatched_payments=sum(len(p["unmatched"]) for p in getattr(report, "payments", [])),
    )


def _failed(dry_run: bool, errors: list[dict], total: int | None = None) -> Outcome:
    return Outcome(dry_run=dry_run, errors=errors, more_errors=max((total or 0) - len(errors), 0))


def _merge(into: Outcome, other: Outcome) -> None:
    into.tables += other.tables
    into.skipped += other.skipped
    into.skipped_count += other.skipped_count
    into.warnings += other.warnings
    into.errors += other.errors
    into.more_errors += other.more_errors
    into.new_customers += other.new_customers
    into.new_customer_count += other.new_customer_count
    into.unmatched_payments += other.unmatched_payments


# --- jobs ------------------------------------------------------------------------------

STALE_SECONDS = 120  # a running job without a heartbeat this long died with its process
HEARTBEAT_SECONDS = 5
WRITE_SECONDS = 0.25  # the least time between two writes of the progress file
KEEP_JOBS_DAYS = 30
FINISHED = ("done", "failed", "interrupted")


class JobProgress:
    """A running job's progress: the import services' `progress` callback, kept in
    <data folder>/import-jobs/<token>.json for the status requests of any server process.

    The file is replaced whole (write, then rename), at most every WRITE_SECONDS and
    whenever a stage begins or ends, and `beat` renews its heartbeat."""

    def __init__(self, token: str) -> None:
        self.path = import_jobs_dir() / f"{token}.json"
        self.lock = threading.Lock()
        self.values = {"state": "queued", "stage": "", "done": 0, "total": 0, "heartbeat": 0.0}
        self.written = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        with self.lock:
            new_stage = stage != self.values["stage"]
            self.values.update(stage=stage, done=done, total=total)
            if new_stage or done >= total or time.monotonic() - self.written >= WRITE_SECONDS:
                self._write()

    def set_state(self, state: str) -> None:
        with self.lock:
            self.values["state"] = state
            self._write()

    def beat(self) -> None:
        with self.lock:
            self._write()

    def last(self) -> dict:
        with self.lock:
            return dict(self.values)

    def remove(self) -> None:
        with self.lock:
            self.path.unlink(missing_ok=True)

    def _write(self) -> None:
        self.values["heartbeat"] = time.time()
        temporary = self.path.with_name(f".{self.path.name}.{threading.get_ident()}")
        try:
            temporary.write_text(json.dumps(self.values), encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError:  # a full disk must not fail the import; the page then waits
            logger.warning("cannot write the progress of import job %s", self.path.stem)
        self.written = time.monotonic()

    @staticmethod
    def read(token: str) -> dict | None:
        try:
            return json.loads((import_jobs_dir() / f"{token}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None


@contextlib.contextmanager
def _heartbeat(progress: JobProgress) -> Iterator[None]:
    """Renews the heartbeat every HEARTBEAT_SECONDS while the job runs, also through
    steps that report nothing for a while (building indexes, committing)."""
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(HEARTBEAT_SECONDS):
            progress.beat()

    beater = threading.Thread(target=beat, name="import-heartbeat", daemon=True)
    beater.start()
    try:
        yield
    finally:
        stop.set()
        beater.join()


def import_running() -> bool:
    """Whether an import (a job of any server process, or `kundenwert import`) runs now."""
    return import_lock.import_running(import_jobs_dir())


def start_job(upload: Upload, user, kind: str) -> ImportJob:
    """Records the job and starts it in a thread (or, with KUNDENWERT_IMPORT_JOBS_INLINE,
    runs it right here)."""
    _discard_old_jobs()
    job = ImportJob.objects.create(
        token=secrets.token_urlsafe(16),
        user=user,
        upload=upload.token,
        kind=kind,
        names=[p.name for p in upload.files],
    )
    JobProgress(job.token).beat()  # queued, with its first heartbeat
    if getattr(settings, "KUNDENWERT_IMPORT_JOBS_INLINE", False):
        run_job(job.pk)
    else:
        # A daemon: a server process that stops does not wait for the import, whose
        # transaction then never commits (and the page reports the job as interrupted).
        thread = threading.Thread(
            target=_run_in_thread, args=(job.pk,), name=f"import-{job.token}", daemon=True
        )
        transaction.on_commit(thread.start)  # the thread must find the job's row
    return job


def _run_in_thread(pk: int) -> None:
    try:
        run_job(pk)
    finally:
        connections.close_all()  # this thread's own connections


def run_job(pk: int) -> None:
    """Runs the job to its end and records how it ended; never raises."""
    job = ImportJob.objects.select_related("user").get(pk=pk)
    progress = JobProgress(job.token)
    dry_run = job.kind == ImportJob.Kind.PREVIEW
    try:
        with _heartbeat(progress), import_lock.one_import_at_a_time(import_jobs_dir()):
            progress.set_state("running")
            _update(job, state=ImportJob.State.RUNNING, started_at=timezone.now())
            if dry_run:
                _run_preview(job, progress)
            else:
                _run_import(job, progress)
    except Exception:
        logger.exception("import job %s failed", job.token)
        try:
            crashed = Outcome(dry_run=dry_run, problem="crashed")
            _finish(job, crashed, progress, ImportJob.State.FAILED)
        except Exception:  # the database itself fails: the job will count as interrupted
            logger.exception("import job %s: its end cannot be recorded", job.token)
    finally:
        progress.remove()


def _run_preview(job: ImportJob, progress: JobProgress) -> None:
    upload = find_upload(job.upload, job.user_id)
    if upload is None:
        _finish(job, Outcome(dry_run=True, problem="gone"), progress)
        return
    outcome = run_import(upload, job.user, dry_run=True, progress=progress)
    if outcome.errors:
        discard(upload)
    _finish(job, outcome, progress)


def _run_import(job: ImportJob, progress: JobProgress) -> None:
    """All files in one transaction, with the job's end: written and done, or neither."""
    upload = find_upload(job.upload, job.user_id)
    if upload is None:
        _finish(job, Outcome(dry_run=False, problem="gone"), progress)
        return
    with transaction.atomic():
        outcome = run_import(upload, job.user, dry_run=False, progress=progress)
        if outcome.errors:
            transaction.set_rollback(True)
        else:
            _finish(job, outcome, progress)
    if outcome.errors:
        _finish(job, outcome, progress)
    discard(upload)


def _finish(
    job: ImportJob, outcome: Outcome, progress: JobProgress, state: str = ImportJob.State.DONE
) -> None:
    last = progress.last()
    _update(
        job,
        state=state,
        result=outcome.as_json(),
        stage=last["stage"][:40],
        done=last["done"],
        total=last["total"],
        finished_at=timezone.now(),
    )


def _update(job: ImportJob, **values) -> None:
    values["updated_at"] = timezone.now()
    ImportJob.objects.filter(pk=job.pk).update(**values)
    for name, value in values.items():
        setattr(job, name, value)


def _discard_old_jobs() -> None:
    limit = timezone.now() - timedelta(days=KEEP_JOBS_DAYS)
    ImportJob.objects.filter(created_at__lt=limit).delete()
    old = time.time() - MAX_AGE_SECONDS
    for path in import_jobs_dir().glob("*.json"):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < old:
                path.unlink()


def find_job(token: str, user) -> ImportJob | None:
    """The job of `token` if it belongs to `user`: nobody else sees it."""
    return ImportJob.objects.filter(token=token, user=user).first()


def job_of_upload(token: str, user, kind: str) -> ImportJob | None:
    """The user's newest job of this kind for the upload `token` that has not died."""
    for job in ImportJob.objects.filter(upload=token, user=user, kind=kind):
        if job_status(job).state != "interrupted":
            return job
    return None


def active_job(user) -> ImportJob | None:
    """The user's newest job that is still waiting or running."""
    for job in ImportJob.objects.filter(user=user, state__in=("queued", "running"))[:5]:
        if not job_status(job).finished:
            return job
    return None


@dataclass(frozen=True)
class JobStatus:
    state: str  # queued, running, done, failed, or interrupted (the process died)
    kind: str
    stage: str
    done: int
    total: int

    @property
    def finished(self) -> bool:
        return self.state in FINISHED

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, int(100 * self.done / self.total))

    @property
    def label(self) -> str:
        """What the job is doing, in the active language."""
        if self.state == "queued":
            return _("Waiting to start")
        if self.state == "interrupted":
            return _("Interrupted")
        if self.state in ("done", "failed"):
            return _("Finished")
        if self.stage == "reading files":
            return _("Reading the files")
        if self.stage == "reading rows":
            return _("Reading the rows")
        what = TABLE_LABELS.get(self.stage)
        if what is None:
            return _("Starting")
        if self.kind == ImportJob.Kind.PREVIEW:
            return _("Working out the changes: %(what)s") % {"what": what}
        return _("Writing: %(what)s") % {"what": what}

    @property
    def count(self) -> str:
        if self.state not in ("running",) or not self.stage:
            return ""
        done = formats.number_format(self.done, force_grouping=True)
        if not self.total:
            return _("%(done)s so far") % {"done": done}
        total = formats.number_format(self.total, force_grouping=True)
        return _("%(done)s of %(total)s") % {"done": done, "total": total}

    def as_json(self) -> dict:
        return {
            "state": self.state,
            "finished": self.finished,
            "stage": self.stage,
            "label": self.label,
            "done": self.done,
            "total": self.total,
            "percent": self.percent,
            "count": self.count,
        }


def job_status(job: ImportJob) -> JobStatus:
    """The job's state and progress: from its row once it has ended, else from its
    progress file, whose heartbeat tells a running job from one that died."""
    if job.state in (ImportJob.State.DONE, ImportJob.State.FAILED):
        return JobStatus(job.state, job.kind, job.stage, job.done, job.total)
    live = JobProgress.read(job.token)
    if live is None:  # not started yet, or ended since the row was read
        job.refresh_from_db()
        if job.state in (ImportJob.State.DONE, ImportJob.State.FAILED):
            return JobStatus(job.state, job.kind, job.stage, job.done, job.total)
        live = {}
    heartbeat = live.get("heartbeat") or job.updated_at.timestamp()
    state = live.get("state") or job.state
    if time.time() - heartbeat > STALE_SECONDS:
        state = "interrupted"
    return JobStatus(
        state, job.kind, live.get("stage", ""), int(live.get("done", 0)), int(live.get("total", 0))
    )
