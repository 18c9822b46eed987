#!/usr/bin/env bash
# Installs the system packages the test suite needs, if they are missing:
# Debian's Chromium (browser tests), PostgreSQL server binaries (the PostgreSQL run) and
# poppler's pdftoppm (the PDF report's pages as pictures for review).
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing ${missing[*]} …"
if [ "$(id -u)" -ne 0 ]; then
  echo "Please run as root, or install them yourself: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
