#!/usr/bin/env bash
# docs/deployment.md followed step by step on one machine, everything but Docker (issue 25):
# install and build, production configuration with generated secrets, migrations, the production
# build started with plain node on a fresh PostgreSQL database, /readyz and /metrics checked, a
# backup, its restore into a second database, a start on that one and a check.
#
# The lines between « doc: » markers are the commands of docs/deployment.md, in the same order and
# word for word (tests/integration/deployment-doc.test.ts checks it); the rest is this script's own
# scaffolding (a temporary folder, its own databases and ports, cleaning up).
# Run by tests/cluster/deployment.cluster.ts (`npm run test:cluster`), or by hand:
#
#   scripts/deployment-walkthrough.sh
#
# Environment: WALKTHROUGH_ADMIN_URL (PostgreSQL server where databases may be created, default
# postgres://postgres@127.0.0.1:5432/postgres), WALKTHROUGH_DB_PREFIX (default entraide_walk),
# WALKTHROUGH_PORT (first of two ports, default 4310), WALKTHROUGH_SKIP_INSTALL=1 (the checkout
# is already installed and built: skip `npm ci` and `npm run build`), WALKTHROUGH_KEEP=1 (keep
# the temporary folder and the databases).
set -euo pipefail
cd "$(dirname "$0")/.."

ADMIN_URL=${WALKTHROUGH_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
PREFIX=${WALKTHROUGH_DB_PREFIX:-entraide_walk}
FIRST_PORT=${WALKTHROUGH_PORT:-4310}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/entraide-walkthrough-XXXXXX")
PG_BASE=${ADMIN_URL%/*}
DB_MAIN="${PREFIX}_$$_main"
DB_DRILL="${PREFIX}_$$_drill"
PIDS=()

step() { printf '\n== %s\n' "$*"; }
now() { date +%s.%N; }
# Seconds since $1, and the resident memory of a process: figures for docs/deployment.md « Measured here ».
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
rss() { awk '/VmRSS/ { printf "%d Mo", $2 / 1024 }' "/proc/$1/status"; }
# Waits until the address answers 200 (180 s at most: the first start loads the registry).
wait_ready() {
  for _ in $(seq 1 360); do
    if curl -fs -o /dev/null "$1"; then return 0; fi
    sleep 0.5
  done
  echo "pas prêt : $1" >&2
  return 1
}
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "${WALKTHROUGH_KEEP:-}" != 1 ]; then
    psql "$ADMIN_URL" -qc "DROP DATABASE IF EXISTS $DB_MAIN" -c "DROP DATABASE IF EXISTS $DB_DRILL" >/dev/null 2>&1 || true
    rm -rf "$WORK"
  else
    echo "Gardés : $WORK, bases $DB_MAIN et $DB_DRILL" >&2
  fi
}
trap cleanup EXIT

# The PostgreSQL databases an operator would create (CREATE DATABASE … OWNER entraide).
psql "$ADMIN_URL" -qc "CREATE DATABASE $DB_MAIN" -c "CREATE DATABASE $DB_DRILL" >/dev/null

# What the operator would choose: the public address, the database, the folders, the port.
ENV_FILE="$WORK/entraide.env"
PORT=$FIRST_PORT
BASE_URL="http://127.0.0.1:$PORT"
DATABASE_URL="$PG_BASE/$DB_MAIN"
DATA_DIR="$WORK/data"
BACKUP_DIR="$WORK/sauvegardes"
ADMIN_EMAIL="admin@exemple.gouv.fr"

step "1. Installer et construire"
if [ "${WALKTHROUGH_SKIP_INSTALL:-}" != 1 ]; then
# doc: install
npm ci --no-audit --no-fund
npm run build
# end doc
fi

step "2. Configurer (secrets générés)"
# doc: configure
umask 077
cat > "$ENV_FILE" <<EOF
NODE_ENV=production
HOST=127.0.0.1
PORT=$PORT
BASE_URL=$BASE_URL
DATABASE_URL=$DATABASE_URL
DATA_DIR=$DATA_DIR
SESSION_SECRET=$(openssl rand -hex 32)
METRICS_TOKEN=$(openssl rand -hex 32)
TRUST_PROXY=127.0.0.1
EOF
set -a; . "$ENV_FILE"; set +a
# end doc

step "3. Migrer, créer le premier administrateur"
# doc: migrate
node dist/server/cli.js db migrate
node dist/server/cli.js users create-admin --email "$ADMIN_EMAIL"
# end doc

step "4. Démarrer la version de production et la vérifier"
T=$(now)
# doc: start
node dist/server/start.js > "$WORK/entraide.log" 2>&1 &
APP_PID=$!
# end doc
PIDS+=("$APP_PID")
wait_ready "$BASE_URL/readyz" || { cat "$WORK/entraide.log" >&2; exit 1; }
echo "mesure : premier démarrage prêt en $(since "$T") s ; mémoire résidente $(rss "$APP_PID")"
# doc: check
curl -fsS "$BASE_URL/readyz"
curl -fsS -H "Authorization: Bearer $METRICS_TOKEN" "$BASE_URL/metrics" | grep -E '^entraide_(http_requests_total|jobs|database_info)'
test "$(curl -s -o /dev/null -w '%{http_code}' "$BASE_URL/metrics")" = 404
# end doc
echo

echo "mesure : mémoire résidente après les vérifications $(rss "$APP_PID")"

step "5. Sauvegarder"
T=$(now)
# doc: backup
mkdir -p "$BACKUP_DIR"
ARCHIVE="$BACKUP_DIR/entraide-$(date -u +%Y%m%dT%H%M%SZ).tar"
node dist/server/cli.js backup --out "$ARCHIVE"
tar -xOf "$ARCHIVE" manifest.json | head -n 12
# end doc
echo "mesure : sauvegarde en $(since "$T") s, archive de $(du -k "$ARCHIVE" | cut -f1) Ko"

step "6. Exercice de restauration dans une seconde base"
T=$(now)
# doc: drill
DRILL_PORT=$((PORT + 1))
DATABASE_URL="$PG_BASE/$DB_DRILL" DATA_DIR="$WORK/exercice" node dist/server/cli.js restore "$ARCHIVE"
DATABASE_URL="$PG_BASE/$DB_DRILL" DATA_DIR="$WORK/exercice" PORT=$DRILL_PORT BASE_URL="http://127.0.0.1:$DRILL_PORT" node dist/server/start.js > "$WORK/exercice.log" 2>&1 &
DRILL_PID=$!
# end doc
PIDS+=("$DRILL_PID")
wait_ready "http://127.0.0.1:$DRILL_PORT/readyz" || { cat "$WORK/exercice.log" >&2; exit 1; }
echo "mesure : restauration et démarrage sur la base restaurée prêts en $(since "$T") s"
# doc: drill-check
curl -fsS "http://127.0.0.1:$DRILL_PORT/readyz"
DATABASE_URL="$PG_BASE/$DB_DRILL" DATA_DIR="$WORK/exercice" node dist/server/cli.js users create-admin --email "$ADMIN_EMAIL" | grep 'Compte existant'
# end doc
echo

step "7. Arrêter proprement"
# doc: stop
kill "$DRILL_PID" "$APP_PID"
wait "$DRILL_PID" "$APP_PID"
# end doc
PIDS=()
echo "Parcours de déploiement terminé : tout a répondu comme docs/deployment.md le dit."
