#!/usr/bin/env bash
# Nightly backup of a Fieldbook hub on PostgreSQL (docs/hub.md "Backups"): a custom-format pg_dump of its database
# plus the hub's data folder (node.json, keyring.json: without them the dump's keys and records cannot be opened
# by anyone - and with them only by a hub user's password). Keeps the last 14. Run by fieldbook-hub-backup.timer.
# FIELDBOOK_DB_URL comes from /etc/fieldbook/hub.env (EnvironmentFile of the service: read by systemd, not by us).
set -euo pipefail
: "${FIELDBOOK_DB_URL:?set it in /etc/fieldbook/hub.env}"
DEST="${FIELDBOOK_BACKUP_DIR:-/var/backups/fieldbook}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
umask 077
mkdir -p "$DEST"
# libpq wants postgresql://; SQLAlchemy's URL names the driver
PG_URL="${FIELDBOOK_DB_URL/postgresql+psycopg:/postgresql:}"
pg_dump --format=custom --file="$DEST/hub-$STAMP.dump" "$PG_URL"
tar -C /var/lib/fieldbook -czf "$DEST/hub-folder-$STAMP.tar.gz" hub/node.json hub/keyring.json
ls -1t "$DEST"/hub-*.dump | tail -n +15 | xargs -r rm --
ls -1t "$DEST"/hub-folder-*.tar.gz | tail -n +15 | xargs -r rm --
