#!/usr/bin/env bash
# A production-like server on loopback for the benchmarks, then a command
# against it: a throwaway PostgreSQL database and Redis database, the quality
# tests' demo district (bench/demo_db.py), collectstatic, and gunicorn with 2
# sync workers and production settings (bench/settings_bench.py: reCAPTCHA's
# call to Google answered in-process, mail to nowhere). The command gets
# BENCH_BASE (http://127.0.0.1:PORT), BENCH_PORT, BENCH_WORK (a temp folder)
# and PYTHON in its environment; everything is removed afterwards.
#
#   bash bench/serve.sh COMMAND [ARGS...]     # PORT=8123 REDIS_DB=14
#
# Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust auth) and Redis at
# 127.0.0.1:6379; refuses a Redis database that is not empty.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-.venv/bin/python}"
GUNICORN="${GUNICORN:-$(dirname "$PYTHON")/gunicorn}"
PORT="${PORT:-8123}"
REDIS_DB="${REDIS_DB:-14}"
BASE="http://127.0.0.1:${PORT}"
DB="bench_lg_$$"
WORK="$(mktemp -d -t bench-serve-XXXX)"

if [ "$(redis-cli -n "$REDIS_DB" dbsize)" != "0" ]; then
  echo "Redis database $REDIS_DB is not empty; choose another with REDIS_DB=" >&2
  exit 1
fi

export DATABASE_URL="postgres://postgres@127.0.0.1:5432/${DB}"
export REDIS_URL="redis://127.0.0.1:6379/${REDIS_DB}"
export MEDIA_ROOT="${WORK}/media"
export SECRET_KEY="bench-$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 48)"
export SECURE_SSL_REDIRECT=false
export BASE_DOMAIN=localhost
export FEEDBACK_RATE_LIMIT=100000000
export PYTHONPATH="bench${PYTHONPATH:+:$PYTHONPATH}"

cleanup() {
  [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
  dropdb -h 127.0.0.1 -U postgres --if-exists "$DB" || true
  redis-cli -n "$REDIS_DB" flushdb >/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "--- database ${DB}, Redis db ${REDIS_DB}: migrate, provision, demo content"
createdb -h 127.0.0.1 -U postgres "$DB"
DJANGO_SETTINGS_MODULE=config.settings.dev "$PYTHON" bench/demo_db.py >"$WORK/build.log" 2>&1
DJANGO_SETTINGS_MODULE=settings_bench "$PYTHON" manage.py collectstatic --noinput -v 0

echo "--- gunicorn, 2 workers, on port ${PORT}"
DJANGO_SETTINGS_MODULE=settings_bench "$GUNICORN" config.wsgi --workers 2 \
  --bind "127.0.0.1:${PORT}" --log-level warning >"$WORK/gunicorn.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 50); do curl -sf -o /dev/null "$BASE/" -H "Host: voi.localhost" && break; sleep 0.2; done

export BENCH_BASE="$BASE" BENCH_PORT="$PORT" BENCH_WORK="$WORK" PYTHON
"$@"
