#!/usr/bin/env bash
# A second, disposable PostgreSQL cluster on 127.0.0.1:5433 for the database-outage fault test
# (packages/server/test/faults/database-outage.test.ts stops and starts it). Idempotent; needs root.
set -euo pipefail
PORT="${XLOUD_OUTAGE_PG_PORT:-5433}"
VERSION="$(ls /etc/postgresql | sort -n | tail -1)"
if [ ! -d "/etc/postgresql/$VERSION/outage" ]; then
  pg_createcluster "$VERSION" outage --port "$PORT" >/dev/null
fi
HBA="/etc/postgresql/$VERSION/outage/pg_hba.conf"
grep -q '^host all all 127.0.0.1/32 trust' "$HBA" || sed -i '1i host all all 127.0.0.1/32 trust' "$HBA"
if pg_ctlcluster --skip-systemctl-redirect "$VERSION" outage status >/dev/null 2>&1; then
  pg_ctlcluster --skip-systemctl-redirect "$VERSION" outage reload
else
  pg_ctlcluster --skip-systemctl-redirect "$VERSION" outage start
fi
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p "$PORT" && break; sleep 1; done
pg_isready -h 127.0.0.1 -p "$PORT"
