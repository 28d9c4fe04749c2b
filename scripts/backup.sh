#!/usr/bin/env bash
# A consistent copy of the live feedback database, safe while widget-server runs: SQLite's online
# backup (the sqlite3 shell's `.backup`), then an integrity check of the copy.
#   scripts/backup.sh [DB] [OUT]    (defaults: var/feedback.sqlite3, var/backup-<UTC time>.sqlite3)
# Restore: stop the server, copy the backup over the database file, start the server.
set -euo pipefail
db=${1:-var/feedback.sqlite3}
out=${2:-var/backup-$(date -u +%Y%m%dT%H%M%SZ).sqlite3}
[ -f "$db" ] || { echo "backup: no database at $db" >&2; exit 1; }
[ -e "$out" ] && { echo "backup: $out exists; not overwriting it" >&2; exit 1; }
# Waits up to 10 s for a writer to finish rather than failing at once.
sqlite3 -cmd ".timeout 10000" "$db" ".backup '$out'"
check=$(sqlite3 "$out" "PRAGMA integrity_check;")
[ "$check" = "ok" ] || { echo "backup: the copy failed its integrity check: $check" >&2; rm -f "$out"; exit 1; }
echo "backup: $(sqlite3 "$out" 'SELECT COUNT(*) FROM feedback;') records in $out"
