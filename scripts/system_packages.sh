#!/usr/bin/env bash
# Installs the system packages the test suite needs, if they are missing:
# Debian's Chromium (browser tests), PostgreSQL server binaries (the PostgreSQL run) and
# poppler's pdftoppm (the PDF report's pages as pictures for review).
# Given package names (chromium, postgresql, poppler-utils), it looks after those only:
# the browser tests' set-up runs `scripts/system_packages.sh chromium`.
set -euo pipefail
wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=(chromium postgresql poppler-utils)
missing=()
for package in "${wanted[@]}"; do
  case "$package" in
    chromium) [ -x /usr/bin/chromium ] || missing+=(chromium) ;;
    postgresql) ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql) ;;
    poppler-utils) command -v pdftoppm >/dev/null || missing+=(poppler-utils) ;;
    *)
      echo "Unknown package '$package': chromium, postgresql or poppler-utils" >&2
      exit 2
      ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing ${missing[*]} …"
if [ "$(id -u)" -ne 0 ]; then
  echo "Please run as root, or install them yourself: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
