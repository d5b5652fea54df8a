#!/usr/bin/env bash
# Quick start: install dependencies (first run only), then start Xloud Identity on its embedded
# default: SQLite + Fernet keys under $XLOUD_DATA_DIR (default ./data), a bootstrapped admin
# (password from XLOUD_ADMIN_PASSWORD, or generated and printed once), on 127.0.0.1:${XLOUD_PORT:-5000},
# with the console at /dashboard/ (built first when needed). The server runs compiled: its build (tsc -b) is made
# once, and again only when a source is newer than it. Running it again reuses the data.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -d node_modules/fastify ] || [ ! -d node_modules/better-sqlite3/build ]; then
  echo "[quickstart] installing npm dependencies (better-sqlite3 compiles from source: ~2 min)" >&2
  npm ci --no-audit --no-fund
fi

# The console (served at /dashboard/) is rebuilt when its build is missing or older than any of its sources.
# A failed build only costs the console: the API starts anyway and /dashboard/ explains what is missing.
console_enabled="${XLOUD__DASHBOARD__ENABLED:-true}"
case "${console_enabled,,}" in false | 0 | no | off) console_enabled=false ;; esac
if [ "$console_enabled" != false ] && [ -z "${XLOUD__DASHBOARD__STATIC_DIR:-}" ]; then
  dash=packages/dashboard
  sources=("$dash/src" "$dash/index.html" "$dash/vite.config.ts")
  [ -d "$dash/public" ] && sources+=("$dash/public")
  if [ ! -f "$dash/dist/index.html" ] || [ -n "$(find "${sources[@]}" -newer "$dash/dist/index.html" -print -quit 2>/dev/null)" ]; then
    echo "[quickstart] building the console (npm run build -w @xloud/dashboard)" >&2
    if ! npm run build -w @xloud/dashboard >&2; then
      echo "[quickstart] WARNING: the console build failed; starting the API anyway (/dashboard/ answers 503 until the console is built)" >&2
    fi
  fi
fi

# The server runs from its compiled build (packages/*/dist), made when missing or older than any of its sources.
node scripts/ensure-build.mjs quickstart

exec node packages/server/bin/xloud-identity.mjs "$@"
