#!/usr/bin/env bash
# A consistent copy of the live feedback database, safe while widget-server runs.
#   scripts/backup.sh [DB] [OUT]    (defaults: var/feedback.sqlite3, var/backup-<UTC time>.sqlite3)
# SQLite: the online backup (the sqlite3 shell's `.backup`), then an integrity check of the copy.
#   Restore: stop the server, copy the backup over the database file, start the server.
# PostgreSQL (DB is a postgres:// URL): pg_dump's custom format (one consistent snapshot), then
#   pg_restore reads it back. Restore: pg_restore --clean --if-exists -d URL OUT.
set -euo pipefail
db=${1:-var/feedback.sqlite3}
out=${2:-var/backup-$(date -u +%Y%m%dT%H%M%SZ).sqlite3}
case "$db" in
  postgres://*|postgresql://*)
    [ -e "$out" ] && { echo "backup: $out exists; not overwriting it" >&2; exit 1; }
    pg_dump --format=custom --no-owner --file "$out" "$db"
    pg_restore --list "$out" > /dev/null || { echo "backup: the dump cannot be read back" >&2; rm -f "$out"; exit 1; }
    echo "backup: $(psql -Atc 'SELECT COUNT(*) FROM feedback' "$db") records (at the end of the dump) in $out"
    exit 0;;
esac
[ -f "$db" ] || { echo "backup: no database at $db" >&2; exit 1; }
[ -e "$out" ] && { echo "backup: $out exists; not overwriting it" >&2; exit 1; }
# Waits up to 10 s for a writer to finish rather than failing at once.
sqlite3 -cmd ".timeout 10000" "$db" ".backup '$out'"
check=$(sqlite3 "$out" "PRAGMA integrity_check;")
[ "$check" = "ok" ] || { echo "backup: the copy failed its integrity check: $check" >&2; rm -f "$out"; exit 1; }
echo "backup: $(sqlite3 "$out" 'SELECT COUNT(*) FROM feedback;') records in $out"
