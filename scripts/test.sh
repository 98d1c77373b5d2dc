#!/usr/bin/env bash
# Runs the whole test suite (unit, isolation and browser tests) after
# installing the test dependencies into .venv. Extra arguments go to pytest.
# Set DATABASE_URL to run it against PostgreSQL instead of SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -r requirements-dev.txt

exec .venv/bin/python -m pytest "$@"
