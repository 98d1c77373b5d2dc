#!/usr/bin/env bash
# Loopback load test: gunicorn (2 sync workers, production settings),
# PostgreSQL and Redis, driven by wrk. Measures requests per second and p99
# latency of
#   - a cached page        (a commune's home, X-Cache: HIT from Redis),
#   - an uncached page     (the same page with a session cookie: never cached),
#   - a static file        (the site's CSS, served by whitenoise, same server),
#   - a feedback POST      (the real form, CSRF and reCAPTCHA field included;
#                           Google's verification answered in-process, see
#                           bench/settings_bench.py),
# each with "Accept-Encoding: gzip" as a browser sends. Then checks that every
# feedback POST was stored.
#
#   bash bench/throughput.sh            # DURATION=20s CONNECTIONS=16
#
# Runs itself under bench/serve.sh (the server, PostgreSQL and Redis) unless
# BENCH_BASE is set. Needs wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${BENCH_BASE:-}" ]; then exec bash bench/serve.sh bash bench/throughput.sh; fi

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
DURATION="${DURATION:-20s}"
CONNECTIONS="${CONNECTIONS:-16}"
HOST="voi.localhost"
BASE="$BENCH_BASE"
WORK="$BENCH_WORK"

curl -s -o /dev/null -H "Host: $HOST" "$BASE/"  # fill the cache
cache_state="$(curl -s -D - -o /dev/null -H "Host: $HOST" "$BASE/" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-cache"{print $2}')"
[ "$cache_state" = "HIT" ] || { echo "the home page is not served from the cache (X-Cache: ${cache_state:-none})" >&2; exit 1; }
nocache_state="$(curl -s -D - -o /dev/null -H "Host: $HOST" -H "Cookie: sessionid=bench" "$BASE/" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-cache"{print $2}')"
[ -z "$nocache_state" ] || { echo "the uncached request was cached (X-Cache: $nocache_state)" >&2; exit 1; }
css="$(curl -s -H "Host: $HOST" "$BASE/" | grep -o '/static/theme/site[^"]*\.css' | head -n 1)"
[ -n "$css" ] || { echo "no stylesheet link on the home page" >&2; exit 1; }

# The feedback form's CSRF cookie and token, reused by every POST (Django's
# tokens are not single-use); the reCAPTCHA token the bench settings accept.
form="$(curl -s -D "$WORK/form.headers" -H "Host: $HOST" "$BASE/gop-y/")"
cookie="$(tr -d '\r' <"$WORK/form.headers" | grep -io 'set-cookie: csrftoken=[^;]*' | head -n 1 | cut -d' ' -f2)"
token="$(grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' <<<"$form" | head -n 1 | sed 's/.*value="//; s/"$//')"
[ -n "$cookie" ] && [ -n "$token" ] || { echo "no CSRF cookie or token on the feedback form" >&2; exit 1; }
cat >"$WORK/feedback.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "${cookie}"
wrk.body = "csrfmiddlewaretoken=${token}&kind=gop_y&subject=Th%E1%BB%AD+t%E1%BA%A3i&message=N%E1%BB%99i+dung+th%E1%BB%AD+t%E1%BA%A3i.&name=Ng%C6%B0%E1%BB%9Di+d%C3%A2n&phone=0912345678&email=&website=&g-recaptcha-response=bench-captcha-token"
LUA
status="$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $HOST" -H "Cookie: $cookie" \
  --data "$(sed -n 's/^wrk.body = "\(.*\)"$/\1/p' "$WORK/feedback.lua")" "$BASE/gop-y/")"
[ "$status" = "302" ] || { echo "a feedback POST answered $status, not 302" >&2; exit 1; }

feedback_count() {
  DJANGO_SETTINGS_MODULE=settings_bench "$PYTHON" manage.py shell --no-imports \
    -c 'from contact.models import Feedback; print(Feedback.objects.count())' | tail -n 1
}

run() {  # label, extra wrk arguments...
  local label="$1"; shift
  local encoding="Accept-Encoding: gzip"
  if [ "$1" = "--identity" ]; then encoding="Accept-Encoding: identity"; shift; fi
  wrk --latency -t 2 -c "$CONNECTIONS" -d "$DURATION" -H "Host: $HOST" \
    -H "$encoding" "$@" >"$WORK/wrk.out"
  local rps p99 errors
  rps="$(awk '/^Requests\/sec/{print $2}' "$WORK/wrk.out")"
  p99="$(awk '$1=="99%"{print $2}' "$WORK/wrk.out")"
  errors="$(awk '/Non-2xx or 3xx/{print $NF} /Socket errors/{print}' "$WORK/wrk.out" | paste -sd' ')"
  requests="$(awk '/requests in/{print $1}' "$WORK/wrk.out")"
  printf '| %s | %s | %s | %s | %s |\n' "$label" "$rps" "$p99" "$requests" "${errors:-0}"
  echo "$rps" >"$WORK/rps-${label// /-}"
}

before="$(feedback_count)"
echo
echo "wrk: 2 threads, ${CONNECTIONS} connections, ${DURATION} each; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| request | req/s | p99 | requests | errors |"
echo "|---|---|---|---|---|"
run "cached page" "$BASE/"
# What compressing each cached page on every hit costs (GZipMiddleware runs
# outside the page cache): the same request without gzip. Not a budget row.
run "cached page, identity" --identity "$BASE/"
run "uncached page" -H "Cookie: sessionid=bench-uncached" "$BASE/"
run "static file" "$BASE$css"
run "feedback POST" -s "$WORK/feedback.lua" "$BASE/gop-y/"
after="$(feedback_count)"
posted="$(awk '/requests in/{print $1}' "$WORK/wrk.out")"
echo
echo "feedback stored during the POST run: $((after - before)); responses wrk counted: ${posted} (requests still in flight when wrk stops are stored but not counted)"
cached="$(cat "$WORK/rps-cached-page")"; static="$(cat "$WORK/rps-static-file")"
ratio="$(awk -v a="$cached" -v b="$static" 'BEGIN{printf "%.2f", a / b}')"
echo "cached page / static file throughput: ${ratio} (budget: at least 0.50)"
grep -v '^\s*$' "$WORK/gunicorn.log" | tail -n 5 || true
