#!/usr/bin/env bash
# The whole test suite: lint, Django checks, then pytest on SQLite and on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
export KUNDENWERT_DATA_DIR="${KUNDENWERT_DATA_DIR:-$(mktemp -d)}"
mkdir -p test-output

scripts/system_packages.sh
echo "== ruff"
$bin/ruff check .
$bin/ruff format --check .
echo "== mypy"
$bin/mypy
echo "== django checks"
DJANGO_SETTINGS_MODULE=kundenwert.web.test_settings $bin/kundenwert manage check
DJANGO_SETTINGS_MODULE=kundenwert.web.test_settings $bin/kundenwert manage makemigrations --check --dry-run
echo "== pytest on SQLite"
$bin/pytest -q -p no:cacheprovider "$@"
echo "== pytest on PostgreSQL"
$bin/python scripts/with_postgres.py $bin/pytest -q -p no:cacheprovider -m "not sqlite_only" "$@"
