#!/usr/bin/env bash
# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
#   scripts/chromium.sh   install chromium and a font if missing (as root, or with password-less sudo), then
#                         print the browser's path; fails with the command to run when it cannot install.
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
fail() { echo "chromium.sh: $*" >&2; exit 1; }

if [ ! -x "$CHROMIUM" ]; then
    if [ "$(id -u)" = 0 ]; then
        as_root=()
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        as_root=(sudo -n)
    else
        fail "Chromium is not installed at $CHROMIUM: run 'sudo apt-get install chromium fonts-dejavu-core' (or set CHROMIUM_PATH)."
    fi
    command -v apt-get >/dev/null || fail "no apt-get here: install Chromium yourself and set CHROMIUM_PATH."
    echo "chromium.sh: installing Chromium from Debian's packages…" >&2
    export DEBIAN_FRONTEND=noninteractive
    "${as_root[@]}" apt-get install -y -qq chromium fonts-dejavu-core >/dev/null 2>&1 \
        || { "${as_root[@]}" apt-get update -qq >/dev/null && "${as_root[@]}" apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; }
    [ -x "$CHROMIUM" ] || fail "apt-get installed no browser at $CHROMIUM."
fi
echo "$CHROMIUM"
