#!/usr/bin/env bash
# One command from a fresh clone to a running site on SQLite:
# installs into .venv, migrates, provisions the communes, loads demo content
# and serves at http://localhost:8000/ (communes at http://<slug>.localhost:8000/).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-8000}"
PYTHON="${PYTHON:-python3}"
export DJANGO_SETTINGS_MODULE=config.settings.dev

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -r requirements.txt

manage() { .venv/bin/python manage.py "$@"; }
manage migrate --noinput
manage provision_communes
manage import_procedures procedures/data/procedures.json
manage load_demo_content
manage ensure_dev_superuser --username admin --password admin
manage add_commune_editor bientap-voi --commune voi --password bientap-voi --no-input
manage add_commune_approver chutich-voi --commune voi --password chutich-voi --no-input

echo
echo "District portal: http://localhost:${PORT}/"
manage list_communes --port "$PORT"
echo "Admin:           http://localhost:${PORT}/admin/  (development login: admin / admin)"
echo "Commune editor:  http://voi.localhost:${PORT}/admin/  (bientap-voi / bientap-voi, Thị trấn Vôi only)"
echo "Its approver:    http://voi.localhost:${PORT}/admin/  (chutich-voi / chutich-voi, approves Vôi's news)"
echo
exec .venv/bin/python manage.py runserver "0.0.0.0:${PORT}"
