#!/usr/bin/env bash
# Pin every dependency, and theirs, to the newest release that pyproject.toml allows:
# install the project with all its extras into a fresh venv and write what pip chose into
# constraints.txt. `make` installs with `-c constraints.txt`, so every machine and every CI
# run gets exactly these versions until this script is run again (then run `make test`).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet --upgrade pip
"$tmp/venv/bin/pip" install --quiet ".[test,bench]"
{
    echo "# The pinned dependency set: written by scripts/update_constraints.sh, used by make."
    "$tmp/venv/bin/pip" freeze --exclude-editable | grep -iv '^kundenwert'
} > constraints.txt
echo "constraints.txt: $(grep -vc '^#' constraints.txt) packages pinned"
