#!/usr/bin/env bash
# Back up the site: the database (pg_dump, custom format) and the media
# folders (public MEDIA_ROOT and PRIVATE_MEDIA_ROOT, the citizens' photos),
# with a checksum file. Usage: scripts/backup.sh OUTDIR
# Needs DATABASE_URL (postgres://…), MEDIA_ROOT and PRIVATE_MEDIA_ROOT.
# Media on S3 is backed up by the bucket's versioning instead (docs/deployment.md).
set -euo pipefail
out=${1:?usage: scripts/backup.sh OUTDIR}
: "${DATABASE_URL:?DATABASE_URL must point at the PostgreSQL database}"
: "${MEDIA_ROOT:?MEDIA_ROOT must be the public media folder}"
: "${PRIVATE_MEDIA_ROOT:?PRIVATE_MEDIA_ROOT must be the private media folder}"
mkdir -p "$out"
pg_dump --format=custom --no-owner --no-privileges --file="$out/database.dump" "$DATABASE_URL"
for pair in "media:$MEDIA_ROOT" "private-media:$PRIVATE_MEDIA_ROOT"; do
    name=${pair%%:*} folder=${pair#*:}
    mkdir -p "$folder"
    tar -C "$folder" -czf "$out/$name.tar.gz" .
done
(cd "$out" && sha256sum database.dump media.tar.gz private-media.tar.gz > SHA256SUMS)
echo "backup written to $out: $(du -sh "$out" | cut -f1)"
