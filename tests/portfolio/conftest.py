from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kundenwert.portfolio.errors import PortfolioInvalid, RowError
from kundenwert.portfolio.reader import read_folder


@pytest.fixture
def folder(tmp_path: Path) -> Callable[..., Path]:
    """Writes CSV files into a fresh folder: `folder(customers=["id,name", "K1,A"])`.

    A list is the file's lines (each ends with "\\n", so line numbers are list index + 1);
    bytes are written as they are.
    """

    def write(**files: list[str] | bytes) -> Path:
        path = tmp_path / "portfolio"
        path.mkdir(exist_ok=True)
        for name, content in files.items():
            data = (
                content
                if isinstance(content, bytes)
                else "".join(f"{line}\n" for line in content).encode()
            )
            (path / f"{name}.csv").write_bytes(data)
        return path

    return write


@pytest.fixture
def read_errors() -> Callable[..., list[RowError]]:
    """Reads a folder that must be invalid and returns its errors."""

    def read(path: Path, **options: object) -> list[RowError]:
        with pytest.raises(PortfolioInvalid) as raised:
            read_folder(path, **options)
        return raised.value.errors

    return read
