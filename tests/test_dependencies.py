"""The pinned dependency set (constraints.txt) covers every declared dependency, and the
declared set is the one the code uses: nothing imported that only arrives with another
package, nothing declared that nothing uses."""

from __future__ import annotations

import ast
import functools
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

from tests.conftest import REPO


def _name(requirement: str) -> str:
    """The normalised project name of a requirement (PEP 503): "psycopg[binary]>=3" → psycopg."""
    return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9._-]+", requirement)[0]).lower()


def _pinned() -> dict[str, str]:
    lines = (REPO / "constraints.txt").read_text().splitlines()
    pins = [line.split("==") for line in lines if line and not line.startswith("#")]
    return {_name(name): version for name, version in pins}


def test_every_declared_dependency_is_pinned_to_one_version():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + [
        r for extra in project["optional-dependencies"].values() for r in extra
    ]

    pinned = _pinned()

    assert sorted(_name(r) for r in declared if _name(r) not in pinned) == []
    assert pinned["django"].startswith("5.2.")
    assert all(re.fullmatch(r"[0-9][0-9A-Za-z.+!-]*", v) for v in pinned.values())


# --- declared and used: the same set --------------------------------------------------------

# Declared dependencies that no code imports by name: what uses them, instead.
USED_WITHOUT_IMPORT = {
    "argon2-cffi": "Django's Argon2PasswordHasher (settings.PASSWORD_HASHERS)",
    "psycopg": "Django's PostgreSQL backend, when DATABASE_URL names PostgreSQL",
    "pytest-django": "the pytest plugin that runs the Django tests",
    "ruff": "the linter and formatter (scripts/test.sh)",
    "mypy": "the type checker (scripts/test.sh)",
}
# Where each kind of dependency may be used: the app's own code needs its modules among
# the runtime dependencies; tests, benchmarks and scripts may use the extras too.
RUNTIME_CODE = ("kundenwert",)
OTHER_CODE = ("tests", "bench", "scripts")


def _declared() -> tuple[set[str], set[str]]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    runtime = {_name(r) for r in project["dependencies"]}
    extras = {_name(r) for extra in project["optional-dependencies"].values() for r in extra}
    return runtime, extras


@functools.cache
def _parsed(folder: str) -> list[tuple[Path, ast.Module]]:
    return [
        (path, ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted((REPO / folder).rglob("*.py"))
    ]


def _third_party_modules(folders: tuple[str, ...]) -> dict[str, str]:
    """{top-level module: a file importing it} for every import of code outside the
    standard library and this repository, in the .py files under `folders`."""
    local = {path.stem for path in REPO.iterdir()}
    found: dict[str, str] = {}
    for folder in folders:
        for path, tree in _parsed(folder):
            # A script's folder is on its import path; a package's is not.
            is_package = (path.parent / "__init__.py").exists()
            siblings = set() if is_package else {p.stem for p in path.parent.iterdir()}
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top not in sys.stdlib_module_names and top not in local | siblings:
                        found.setdefault(top, str(path.relative_to(REPO)))
    return found


def _dotted_paths(folders: tuple[str, ...]) -> set[str]:
    """The package of every dotted path in a string, as settings name classes
    ("whitenoise.middleware.WhiteNoiseMiddleware"); two dots at least, so that a file
    name such as "facturx.pdf" is not taken for one."""
    found = set()
    for folder in folders:
        for _path, tree in _parsed(folder):
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    match = re.fullmatch(r"([A-Za-z_]\w*)(\.[A-Za-z_]\w*){2,}", node.value)
                    if match:
                        found.add(match[1])
    return found


@functools.cache
def _installed() -> dict[str, list[str]]:
    return importlib.metadata.packages_distributions()


def _distributions(module: str) -> set[str]:
    """The distributions that install `module`; for one not installed here (duckdb without
    the bench extra), the distribution of the same name."""
    return {_name(d) for d in _installed().get(module, [module])}


def test_every_imported_package_is_declared_itself():
    """Not only brought in by another dependency: pypdf came with factur-x, dateutil comes
    with icalendar, and either could leave with its carrier's next release."""
    runtime, extras = _declared()

    undeclared = {
        module: (file, sorted(_distributions(module)))
        for folders, allowed in ((RUNTIME_CODE, runtime), (OTHER_CODE, runtime | extras))
        for module, file in _third_party_modules(folders).items()
        if not _distributions(module) & allowed
    }

    assert undeclared == {}, "declare these in pyproject.toml (module: file, distributions)"


def test_every_declared_dependency_is_used():
    runtime, extras = _declared()
    code = RUNTIME_CODE + OTHER_CODE
    modules = set(_third_party_modules(code)) | _dotted_paths(RUNTIME_CODE)
    used = {dist for module in modules for dist in _distributions(module)}

    unused = sorted((runtime | extras) - used - set(USED_WITHOUT_IMPORT))

    assert unused == [], "remove them from pyproject.toml, or say in USED_WITHOUT_IMPORT why"
    assert set(USED_WITHOUT_IMPORT) <= runtime | extras
