#!/usr/bin/env bash
# Refresh the copy of axe-core (npm, MPL-2.0) that the browser tests inject into the pages they visit.
# It is a test tool: never served by the site. Usage: scripts/vendor-axe.sh [version]
set -euo pipefail
VERSION="${1:-4.14.1}"
DEST="$(cd "$(dirname "$0")/.." && pwd)/tests/browser/vendor"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack "axe-core@$VERSION" --silent >/dev/null && tar xzf "axe-core-$VERSION.tgz")
cp "$WORK/package/axe.min.js" "$DEST/axe.min.js"
cp "$WORK/package/LICENSE" "$DEST/axe-LICENSE"
echo "axe-core $VERSION copied to $DEST"
