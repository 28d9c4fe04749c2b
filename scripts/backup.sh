#!/usr/bin/env bash
# A consistent copy of everything that cannot be rebuilt, safe while widget-server runs: the
# feedback, and the publications (every published snapshot, the drafts, the publications log).
#   scripts/backup.sh [DB] [OUT] [DATA]
#   (defaults: var/feedback.sqlite3, var/backup-<UTC time>.sqlite3, $WIDGET_DATA or var/data)
# SQLite: the online backup (the sqlite3 shell's `.backup`), then an integrity check of the copy;
#   the data folder is copied to OUT.data, its manifest first and the files it names after (they
#   are written before it, so the copy never names a file it lacks).
#   Restore: stop the server, copy OUT over the database file and OUT.data over the data folder,
#   start the server.
# PostgreSQL (DB is a postgres:// URL): the publications are tables beside the feedback;
#   pg_dump's custom format (one consistent snapshot of both), then pg_restore reads it back.
#   Restore: pg_restore --clean --if-exists -d URL OUT, then start the servers (each writes the
#   restored publications into its own data folder).
set -euo pipefail
db=${1:-var/feedback.sqlite3}
out=${2:-var/backup-$(date -u +%Y%m%dT%H%M%SZ).sqlite3}
data=${3:-${WIDGET_DATA:-var/data}}
case "$db" in
  postgres://*|postgresql://*)
    [ -e "$out" ] && { echo "backup: $out exists; not overwriting it" >&2; exit 1; }
    pg_dump --format=custom --no-owner --file "$out" "$db"
    pg_restore --list "$out" > /dev/null || { echo "backup: the dump cannot be read back" >&2; rm -f "$out"; exit 1; }
    echo "backup: $(psql -Atc 'SELECT COUNT(*) FROM feedback' "$db") records and $(psql -Atc 'SELECT COUNT(*) FROM publication_snapshots' "$db" 2>/dev/null || echo 0) published snapshots (at the end of the dump) in $out"
    exit 0;;
esac
[ -f "$db" ] || { echo "backup: no database at $db" >&2; exit 1; }
[ -e "$out" ] && { echo "backup: $out exists; not overwriting it" >&2; exit 1; }
# Waits up to 10 s for a writer to finish rather than failing at once.
sqlite3 -cmd ".timeout 10000" "$db" ".backup '$out'"
check=$(sqlite3 "$out" "PRAGMA integrity_check;")
[ "$check" = "ok" ] || { echo "backup: the copy failed its integrity check: $check" >&2; rm -f "$out"; exit 1; }
echo "backup: $(sqlite3 "$out" 'SELECT COUNT(*) FROM feedback;') records in $out"
if [ -f "$data/index.json" ]; then
  [ -e "$out.data" ] && { echo "backup: $out.data exists; not overwriting it" >&2; exit 1; }
  mkdir -p "$out.data"
  cp -p "$data/index.json" "$out.data/index.json"
  for part in snapshots drafts publications.log; do
    if [ -e "$data/$part" ]; then cp -pR "$data/$part" "$out.data/"; fi
  done
  echo "backup: the data folder $data in $out.data ($(ls "$out.data/snapshots" | wc -l) snapshot files)"
else
  echo "backup: no data folder at $data (nothing published yet, or give it as the third argument)" >&2
fi
