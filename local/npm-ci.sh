#!/usr/bin/env bash
# Installs the pinned emulators (package-lock.json) when the lock file changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.lpsa-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "npm is needed for the local emulators (Node.js 20 or later)" >&2; exit 1; }
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp"
