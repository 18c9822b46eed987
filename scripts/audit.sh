#!/usr/bin/env bash
# Look up the pinned dependency set (constraints.txt) in the public vulnerability
# databases with pip-audit, installed into a throw-away venv. It needs the internet
# (PyPI's JSON API or osv.dev), so it is not part of `make test`: run it where you have a
# connection, and after scripts/update_constraints.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet pip-audit
"$tmp/venv/bin/pip-audit" --requirement constraints.txt --no-deps --disable-pip --strict "$@"
