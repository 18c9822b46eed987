"""The cache of checked frames behind `analyze --data`: reused while nothing changed, never
trusted once something did, and never in the way when it cannot be used."""

from __future__ import annotations

import json
import os
from datetime import date
from decimal import Decimal

import pytest
from polars.testing import assert_frame_equal

from kundenwert.cli import main
from kundenwert.portfolio import reader
from kundenwert.portfolio.cache import FrameCache
from kundenwert.portfolio.errors import PortfolioInvalid
from kundenwert.portfolio.reader import read_folder
from kundenwert.portfolio.schema import TABLES

CUSTOMERS = ["id,name,email,notes", "K1,Alpha,a@example.com,gern früh", "K2,Beta,,"]
INVOICES = ["number,customer_id,issue_date,net", "RE-1,K1,2026-01-10,1200.50"]
TIME = ["customer_id,start,minutes,description", "K2,2026-01-05T09:00:00,90,Texte"]


@pytest.fixture
def counted_reads(monkeypatch) -> list[str]:
    """The names of the files really read from CSV (not from the cache; missing files are
    not read at all)."""
    reads: list[str] = []
    real = reader._read_table

    def counting(path, *args, **kwargs):
        if path.exists():
            reads.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(reader, "_read_table", counting)
    return reads


@pytest.fixture
def cache(tmp_path) -> FrameCache:
    return FrameCache(tmp_path / "cache")


def test_an_unchanged_folder_is_read_from_the_cache_with_the_same_frames(
    folder, cache, counted_reads
):
    path = folder(customers=CUSTOMERS, invoices=INVOICES, time_entries=TIME)

    first = read_folder(path, cache=cache)
    second = read_folder(path, cache=cache)

    # Files after customers.csv are read two at a time, in either order.
    assert sorted(counted_reads) == ["customers.csv", "invoices.csv", "time_entries.csv"]
    assert len(list(cache.folder.glob("*.arrow"))) == 3
    for table in TABLES:
        assert_frame_equal(first.frame(table), second.frame(table))
    assert second.invoices["net"].to_list() == [Decimal("1200.50")]


def test_a_changed_file_is_read_again(folder, cache, counted_reads):
    path = folder(customers=CUSTOMERS, invoices=INVOICES)
    read_folder(path, cache=cache)

    folder(invoices=[*INVOICES, "RE-2,K2,2026-02-01,80"])
    portfolio = read_folder(path, cache=cache)

    assert counted_reads[2:] == ["invoices.csv"]
    assert portfolio.invoices["number"].to_list() == ["RE-1", "RE-2"]
    assert len(list(cache.folder.glob("*.arrow"))) == 2  # the old frame was replaced


def test_a_rewrite_of_the_same_size_with_the_old_modification_time_is_noticed(
    folder, cache, counted_reads
):
    path = folder(customers=CUSTOMERS, invoices=INVOICES)
    read_folder(path, cache=cache)
    file = path / "invoices.csv"
    before = file.stat()

    file.write_text(file.read_text().replace("1200.50", "9200.50"))
    os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `cp -p` would
    portfolio = read_folder(path, cache=cache)

    assert file.stat().st_size == before.st_size
    assert portfolio.invoices["net"].to_list() == [Decimal("9200.50")]


def test_a_customer_removed_from_customers_csv_is_checked_against_unchanged_files(folder, cache):
    path = folder(customers=CUSTOMERS, invoices=INVOICES, time_entries=TIME)
    read_folder(path, cache=cache)

    folder(customers=CUSTOMERS[:2])  # K2 is gone; time_entries.csv still names it
    with pytest.raises(PortfolioInvalid) as raised:
        read_folder(path, cache=cache)

    [error] = raised.value.errors
    assert (error.file, error.line, error.column, error.value) == (
        "time_entries.csv",
        2,
        "customer_id",
        "K2",
    )


def test_a_folder_with_errors_is_not_kept_and_reports_them_every_time(folder, cache):
    path = folder(
        customers=CUSTOMERS, invoices=["number,customer_id,issue_date,net", "RE-1,K1,x,1"]
    )

    for _ in range(2):
        with pytest.raises(PortfolioInvalid) as raised:
            read_folder(path, cache=cache)
        assert [(e.file, e.line, e.column, e.value) for e in raised.value.errors] == [
            ("invoices.csv", 2, "issue_date", "x")
        ]
    assert len(list(cache.folder.glob("*.arrow"))) == 1  # customers.csv was fine


def test_a_damaged_cache_file_is_ignored(folder, cache, counted_reads):
    path = folder(customers=CUSTOMERS)
    read_folder(path, cache=cache)
    [kept] = cache.folder.glob("*.arrow")
    kept.write_bytes(b"not arrow at all")

    portfolio = read_folder(path, cache=cache)

    assert counted_reads == ["customers.csv", "customers.csv"]
    assert portfolio.customers["name"].to_list() == ["Alpha", "Beta"]


def test_a_cache_folder_that_cannot_be_made_does_not_stop_the_reading(folder, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    path = folder(customers=CUSTOMERS, invoices=INVOICES)

    portfolio = read_folder(path, cache=FrameCache(blocker / "cache"))

    assert portfolio.invoices["number"].to_list() == ["RE-1"]


def test_known_customer_ids_bypass_the_cache(folder, cache):
    path = folder(
        customers=CUSTOMERS[:1], invoices=["number,customer_id,issue_date,net", "R,K9,2026-01-01,1"]
    )

    portfolio = read_folder(path, known_customer_ids={"K9"}, cache=cache)

    assert portfolio.invoices["customer_id"].to_list() == ["K9"]
    assert list(cache.folder.glob("*.arrow")) == []


def test_without_free_text_the_notes_are_left_out_and_the_rest_is_the_same(folder):
    path = folder(customers=CUSTOMERS, invoices=INVOICES, time_entries=TIME)

    full = read_folder(path)
    lean = read_folder(path, free_text=False)

    assert full.customers["notes"].to_list() == ["gern früh", None]
    assert lean.customers["notes"].to_list() == [None, None]
    assert lean.customers["email"].to_list() == [None, None]
    assert lean.time_entries["description"].to_list() == [None]
    assert_frame_equal(
        lean.customers.select("id", "name", "status", "useful"),
        full.customers.select("id", "name", "status", "useful"),
    )
    assert_frame_equal(lean.time_entries.drop("description"), full.time_entries.drop("description"))


def test_analyze_keeps_frames_for_the_next_run_and_no_cache_keeps_none(
    folder, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("KUNDENWERT_CACHE_DIR", str(tmp_path / "kept"))
    path = folder(customers=CUSTOMERS, invoices=INVOICES, time_entries=TIME)
    arguments = ["analyze", "--data", str(path), "--as-of", "2026-03-01", "--format", "json"]

    assert main([*arguments, "--no-cache"]) == 0
    fresh = json.loads(capsys.readouterr().out)
    assert not (tmp_path / "kept").exists()
    assert main(arguments) == 0
    first = json.loads(capsys.readouterr().out)
    assert main(arguments) == 0
    kept = json.loads(capsys.readouterr().out)

    assert len(list((tmp_path / "kept").glob("*.arrow"))) == 3
    assert kept == first == fresh
    assert fresh["as_of"] == date(2026, 3, 1).isoformat()
    assert {c["id"]: c["metrics"]["revenue"] for c in fresh["customers"]} == {"K1": 1200.5, "K2": 0}
