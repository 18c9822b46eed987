"""Which importer reads a file: asked of the importers' `sniff` functions, content first.

Every importer is asked in the registry's order (most specific first) with the file's first
64 KiB and no name, so that the content decides wherever it can; only if none recognises
the content are they asked again with the file name, which lets an extension (.zip, .xlsx,
.eml) tip the balance. A folder is offered as the newline-separated names of its files,
its name ending in "/".
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from types import ModuleType

from kundenwert.importers import csv_tools, registry
from kundenwert.portfolio.errors import RowError

logger = logging.getLogger(__name__)


class UnknownFormat(Exception):
    """No importer fits the file, or the one asked for does not exist; carries a RowError."""

    def __init__(self, error: RowError) -> None:
        super().__init__(str(error))
        self.error = error


def available() -> tuple[ModuleType, ...]:
    """The registry's importers that are installed, in the registry's order.

    An importer module that does not exist (yet) is left out rather than breaking every
    import; a module that exists but fails to import still raises.
    """
    modules = []
    for name in registry.MODULES:
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            logger.warning("importer %s is not installed", name)
    return tuple(modules)


def supported() -> str:
    return "; ".join(f"{module.NAME} ({module.LABEL})" for module in available())


def by_name(name: str, file: str) -> ModuleType:
    for module in available():
        if name == module.NAME:
            return module
    message = f"'{name}' is not a known format; known are: {supported()}"
    raise UnknownFormat(RowError(file, None, None, None, message))


def detect(path: Path) -> ModuleType:
    path = Path(path)
    if not path.exists():
        raise UnknownFormat(RowError(str(path), None, None, None, "does not exist"))
    if path.is_dir():
        names = sorted(child.name for child in path.iterdir())
        head, blind_name, name = "\n".join(names).encode(), "/", path.name + "/"
    else:
        head, blind_name, name = csv_tools.read_head(path), "", path.name
        if not head.strip():
            raise UnknownFormat(RowError(path.name, None, None, None, "is empty"))
    modules = available()
    for asked_name in (blind_name, name):
        for module in modules:
            if _sniffs(module, asked_name, head):
                return module
    message = f"is not in a format Kundenwert can import; supported are: {supported()}"
    raise UnknownFormat(RowError(path.name, None, None, None, message))


def _sniffs(module: ModuleType, name: str, head: bytes) -> bool:
    # A sniff function only glances at the bytes; one that trips over odd input has
    # simply not recognised the file.
    try:
        return bool(module.sniff(name, head))
    except Exception:
        logger.exception("%s.sniff failed", module.NAME)
        return False
