#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into DATABASE_URL (an empty
# database, or one to replace) and the folders MEDIA_ROOT and
# PRIVATE_MEDIA_ROOT, then migrate. Stop the app servers and the job worker
# first. Usage: scripts/restore.sh BACKUPDIR
set -euo pipefail
in=${1:?usage: scripts/restore.sh BACKUPDIR}
: "${DATABASE_URL:?DATABASE_URL must point at the database to restore into}"
: "${MEDIA_ROOT:?MEDIA_ROOT must be the public media folder to restore into}"
: "${PRIVATE_MEDIA_ROOT:?PRIVATE_MEDIA_ROOT must be the private media folder to restore into}"
root=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-$root/.venv/bin/python}
(cd "$in" && sha256sum --check --quiet SHA256SUMS)
pg_restore --clean --if-exists --no-owner --no-privileges --dbname="$DATABASE_URL" "$in/database.dump"
for pair in "media:$MEDIA_ROOT" "private-media:$PRIVATE_MEDIA_ROOT"; do
    name=${pair%%:*} folder=${pair#*:}
    mkdir -p "$folder"
    tar -C "$folder" -xzf "$in/$name.tar.gz"
done
(cd "$root" && "$python" manage.py migrate --noinput >/dev/null)
if [ -n "${REDIS_URL:-}" ]; then
    # No page rendered before the restore may be served from the cache.
    (cd "$root" && "$python" manage.py shell -c "from django.core.cache import cache; cache.clear()")
fi
echo "restored $in into the database and $MEDIA_ROOT, $PRIVATE_MEDIA_ROOT"
