#!/usr/bin/env bash
# A private PostgreSQL cluster for the hub tests (tests/hub/): installs PostgreSQL if missing, creates a cluster in
# a temporary folder owned by an unprivileged user, starts it on 127.0.0.1:${FIELDBOOK_PG_PORT:-55432} and makes a
# user and a database with byte-order collation (hybrid-logical-clock stamps compare as bytes, docs/hub.md).
#
# Source it (`. .ci/postgres.sh`) to get FIELDBOOK_TEST_PG_URL exported; run it to print the export line.
# Idempotent: a cluster already answering on the port is reused.
set -euo pipefail

PG_PORT="${FIELDBOOK_PG_PORT:-55432}"
PG_DIR="${FIELDBOOK_PG_DIR:-${TMPDIR:-/tmp}/fieldbook-pg-${PG_PORT}}"
PG_USER="fieldbook"
PG_PASSWORD="fieldbook-test"
PG_DB="fieldbook_test"

SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

pg_bin() {
  local found
  found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -z "$found" ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  fi
  if [ -z "$found" ]; then
    echo "postgres.sh: PostgreSQL is not installed and apt-get is not available" >&2
    return 1
  fi
  echo "$found"
}

BIN="$(pg_bin)"

# initdb and the server refuse to run as root: use the postgres account (made by the package) or the caller.
RUN_AS=()
OWNER="$(id -un)"
if [ "$(id -u)" = "0" ]; then
  OWNER="postgres"
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres
  RUN_AS=(su postgres -s /bin/sh -c)
fi

as_owner() {
  if [ "${#RUN_AS[@]}" -gt 0 ]; then "${RUN_AS[@]}" "$*"; else sh -c "$*"; fi
}

if ! "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null; then
  if [ ! -f "$PG_DIR/PG_VERSION" ]; then
    mkdir -p "$PG_DIR"
    chown "$OWNER" "$PG_DIR"
    chmod 700 "$PG_DIR"
    pwfile="$(mktemp)"
    printf '%s\n' "$PG_PASSWORD" >"$pwfile"
    chown "$OWNER" "$pwfile"
    as_owner "'$BIN/initdb' -D '$PG_DIR' -U postgres -A scram-sha-256 --pwfile='$pwfile' -E UTF8 --locale=C" \
      >/dev/null
    rm -f "$pwfile"
  fi
  as_owner "'$BIN/pg_ctl' -D '$PG_DIR' -l '$PG_DIR/server.log' -w -o \"-h 127.0.0.1 -p $PG_PORT -k '$PG_DIR'\" start" \
    >/dev/null
fi

export PGPASSWORD="$PG_PASSWORD"
psql_admin() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }
if [ -z "$(psql_admin -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER'")" ]; then
  psql_admin -d postgres -c "CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD'"
fi
if [ -z "$(psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" ]; then
  psql_admin -d postgres -c "CREATE DATABASE $PG_DB OWNER $PG_USER TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
fi
unset PGPASSWORD

export FIELDBOOK_TEST_PG_URL="postgresql+psycopg://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  echo "export FIELDBOOK_TEST_PG_URL=$FIELDBOOK_TEST_PG_URL"
fi
