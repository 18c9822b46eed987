from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO.parent / "shared" / "samples"


@pytest.fixture(autouse=True)
def _own_cache_folder(tmp_path_factory, monkeypatch):
    """`analyze --data` keeps checked frames in a cache folder: one per test, never ~/.cache."""
    monkeypatch.setenv("KUNDENWERT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(autouse=True)
def _no_kept_analysis():
    """The web's analysis snapshots live in the process; a test's database starts afresh,
    and may reuse the ids that make a snapshot's key, so no snapshot outlives a test."""
    from kundenwert.customers import analysis_service

    analysis_service.forget()
    yield
    analysis_service.forget()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language (German), whatever the one before it
    activated (a request's middleware leaves its language active in the thread)."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


def write_folder(folder: Path, files: dict[str, str]) -> Path:
    """Writes a portfolio folder from {filename: csv text}; the text is dedented lines."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        lines = [line.strip() for line in text.strip().splitlines()]
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def small_folder(tmp_path: Path) -> Path:
    return write_folder(
        tmp_path / "portfolio",
        {
            "customers.csv": """
                id,name,status,since,potential,useful,heart,group_override,override_reason
                K1,Bäckerei Sommer GmbH,active,2021-03-01,4,ja,,,
                K2,Kanzlei Berger & Partner,active,,,,true,C,Zahlt nie pünktlich
            """,
            "invoices.csv": """
                number,customer_id,issue_date,due_date,net,currency,paid_date
                RE-1,K1,2026-01-10,2026-01-24,1200.50,EUR,2026-01-20
                RE-2,K2,2026-02-01,,-99.99,,
            """,
            "time_entries.csv": """
                customer_id,start,minutes,billable,user,project,description
                K1,2026-01-05T09:00:00,90,true,anna,Website,Texte
                K1,2026-01-05T09:00:00,90,true,anna,Website,Texte
                K2,2026-03-29T01:30:00+01:00,15.5,false,,,
            """,
            "interactions.csv": """
                customer_id,at,channel,direction,planned,minutes,tracked,mood,note
                K2,2026-02-03T10:15:00,phone,in,false,25,false,-2,"Beschwerde, laut"
            """,
            "offers.csv": """
                number,customer_id,sent_date,valid_until,amount,status
                AN-1,K1,2026-02-01,2026-03-03,5000,open
            """,
            "deliveries.csv": """
                customer_id,title,delivered_date,live_date
                K1,Website-Texte,2026-02-15,
            """,
        },
    )
