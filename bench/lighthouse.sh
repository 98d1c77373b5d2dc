#!/usr/bin/env bash
# Lighthouse (mobile preset, the npm package pinned in bench/node) in Debian's
# Chromium on the citizen pages the issue names, against the production-like
# server of bench/serve.sh: scores for performance, accessibility, best
# practices and SEO, and the audits that cost points. Reports land in
# test-artifacts/lighthouse/.
#
#   npm ci --prefix bench/node --ignore-scripts
#   bash bench/lighthouse.sh                       # runs under bench/serve.sh
#   BENCH_BASE=1 BENCH_PORT=8000 bash bench/lighthouse.sh   # any running server
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${BENCH_BASE:-}" ]; then exec bash bench/serve.sh bash bench/lighthouse.sh; fi

PYTHON="${PYTHON:-.venv/bin/python}"
LIGHTHOUSE="bench/node/node_modules/.bin/lighthouse"
[ -x "$LIGHTHOUSE" ] || { echo "run: npm ci --prefix bench/node --ignore-scripts" >&2; exit 1; }
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
OUT="test-artifacts/lighthouse"
mkdir -p "$OUT"
SITE="http://voi.localhost:${BENCH_PORT}"

# name and path; a page type of another branch (news) is reported as absent
# until its app is merged.
PAGES=(
  "home /"
  "catalogue /thu-tuc/"
  "procedure /thu-tuc/1.001193/"
  "contact /lien-he/"
  "news /tin-tuc/"
)

echo "Lighthouse $("$LIGHTHOUSE" --version), mobile preset, $CHROME_PATH ($("$CHROME_PATH" --version 2>/dev/null | head -n 1))"
echo "| page | performance | accessibility | best practices | SEO | points lost on |"
echo "|---|---|---|---|---|---|"
for entry in "${PAGES[@]}"; do
  read -r name path <<<"$entry"
  status="$(curl -s -o /dev/null -w '%{http_code}' -H "Host: voi.localhost" "http://127.0.0.1:${BENCH_PORT}${path}")"
  if [ "$status" != "200" ]; then
    echo "| $name \`$path\` | absent ($status) | | | | |"
    continue
  fi
  # A trace is now and then lost on a busy machine (NO_NAVSTART): try again.
  ok=""
  for _attempt in 1 2 3; do
    if "$LIGHTHOUSE" "${SITE}${path}" --quiet --output=json --output=html \
      --output-path="$OUT/$name" \
      --only-categories=performance,accessibility,best-practices,seo \
      --chrome-flags="--headless=new --no-sandbox --disable-background-networking --disable-gpu" \
      >/dev/null 2>"$OUT/$name.log"; then ok=1; break; fi
  done
  [ -n "$ok" ] || { echo "| $name | lighthouse failed: see $OUT/$name.log | | | | |"; continue; }
  "$PYTHON" - "$OUT/$name.report.json" "$name" "$path" <<'PY'
import json, sys

report = json.load(open(sys.argv[1]))
categories = report["categories"]
scores = [
    round(100 * categories[key]["score"])
    for key in ("performance", "accessibility", "best-practices", "seo")
]
lost = sorted(
    {
        audit_id
        for category in categories.values()
        for ref in category["auditRefs"]
        if ref["weight"] > 0
        and (audit_id := ref["id"]) in report["audits"]
        and report["audits"][audit_id]["score"] is not None
        and report["audits"][audit_id]["score"] < 1
    }
)
cells = " | ".join(map(str, scores))
print(f"| {sys.argv[2]} `{sys.argv[3]}` | {cells} | {', '.join(lost) or '-'} |")
PY
done
