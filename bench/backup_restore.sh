#!/usr/bin/env bash
# Backup and restore drill: back up the site (scripts/backup.sh), restore it
# into a fresh database and fresh media folders (scripts/restore.sh), and
# compare the restored site with the original (manage.py site_fingerprint:
# every table's rows, every file by checksum). Exits non-zero unless
# identical. Usage: bench/backup_restore.sh [WORKDIR]
#
# Needs DATABASE_URL (postgres://…, the site to back up), MEDIA_ROOT and
# PRIVATE_MEDIA_ROOT; the fresh database is created next to the original
# (same server) and dropped afterwards unless KEEP=1. Times each step.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$(mktemp -d -t langgiang-drill-XXXX)}
python=${PYTHON:-$root/.venv/bin/python}
export PYTHON=$python
: "${DATABASE_URL:?DATABASE_URL must point at the PostgreSQL database to back up}"
: "${MEDIA_ROOT:?}" "${PRIVATE_MEDIA_ROOT:?}"
mkdir -p "$work"
source_url=$DATABASE_URL
restored_db="$(basename "${source_url%%\?*}")_restore_$$"
restored_url="${source_url%/*}/$restored_db"
manage() { (cd "$root" && "$python" manage.py "$@"); }
now() { date +%s%N; }
took() { local ms=$((($(now) - $1) / 1000000)); printf '%d.%01d s' $((ms / 1000)) $((ms % 1000 / 100)); }

start=$(now)
manage site_fingerprint --output "$work/before.json"
echo "fingerprint of the site: $(took "$start")"

start=$(now)
"$root/scripts/backup.sh" "$work/backup"
echo "backup: $(took "$start")"

createdb --maintenance-db="$source_url" "$restored_db"
cleanup() { [ "${KEEP:-0}" = 1 ] || dropdb --maintenance-db="$source_url" --if-exists "$restored_db"; }
trap cleanup EXIT
start=$(now)
DATABASE_URL=$restored_url MEDIA_ROOT="$work/restored/media" \
    PRIVATE_MEDIA_ROOT="$work/restored/private-media" REDIS_URL= \
    "$root/scripts/restore.sh" "$work/backup"
echo "restore into $restored_db: $(took "$start")"

DATABASE_URL=$restored_url MEDIA_ROOT="$work/restored/media" \
    PRIVATE_MEDIA_ROOT="$work/restored/private-media" REDIS_URL= \
    manage site_fingerprint --compare "$work/before.json"
