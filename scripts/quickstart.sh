#!/usr/bin/env bash
# Quick start: install dependencies (first run only), then start Xloud Identity on its embedded
# default: SQLite + Fernet keys under $XLOUD_DATA_DIR (default ./data), a bootstrapped admin
# (password from XLOUD_ADMIN_PASSWORD, or generated and printed once), on 127.0.0.1:${XLOUD_PORT:-5000}.
# Running it again reuses the data.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -d node_modules/fastify ] || [ ! -d node_modules/better-sqlite3/build ]; then
  echo "[quickstart] installing npm dependencies (better-sqlite3 compiles from source: ~2 min)" >&2
  npm ci --no-audit --no-fund
fi
exec node packages/server/bin/xloud-identity.mjs "$@"
