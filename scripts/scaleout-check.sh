#!/usr/bin/env bash
# The distributed path, for real, on loopback: PostgreSQL (Dagster run, event-log and schedule storage),
# Redis (the Celery broker) and SCALEOUT_WORKERS Celery workers (default 2), then nightly_job through
# the Celery executor over an inbox of SCALEOUT_REPORTS generated reports (default 12) plus two bad
# files. Checks that every parse step ran on a worker, that build/check/publish ran once, and that the
# published warehouse has the same facts as `jixiao ingest` of the same inbox into another warehouse.
# Installs what it lacks (apt packages, the scaleout extra), stops everything it started (by pid),
# prints one closing line and exits 0 only if everything held. SCALEOUT_KEEP=1 keeps the work folder;
# SCALEOUT_SUMMARY=FILE writes the figures as JSON (benchmarks/bench_scaleout.py reads them);
# SCALEOUT_CORPUS=DIR generates the reports there once and reuses them.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
REPORTS=${SCALEOUT_REPORTS:-12}
WORKERS=${SCALEOUT_WORKERS:-2}
T0=$(date +%s.%N)
say() { echo "scaleout-check: $*" >&2; }
fail() { say "FAILED: $*"; echo "scaleout-check: FAILED ($*)"; exit 1; }
elapsed() { python3 -c "import sys,time; print(f'{time.time()-float(sys.argv[1]):.1f}')" "$1"; }

# --- what it needs --------------------------------------------------------------------------------
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
[ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || missing+=(postgresql)
if ((${#missing[@]})); then
  [ "$(id -u)" = 0 ] || fail "install ${missing[*]} (apt-get install ${missing[*]}) or run this as root"
  say "installing ${missing[*]} (Debian packages)"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
PG=$(pg_bin)
bash scripts/bootstrap.sh
stamp=.venv/.scaleout-sha256
want=$(sha256sum requirements-scaleout.lock | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "installing the scaleout extra (requirements-scaleout.lock)"
  # --no-deps: the lock is the whole tree beside requirements.lock (dagster-celery's own pin on the
  # dagster patch release is one behind ours; see the lock's header).
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements-scaleout.lock
  echo "$want" >"$stamp"
fi
PY=$ROOT/.venv/bin/python

# --- a work folder and free loopback ports ----------------------------------------------------------
WORK=$(mktemp -d /tmp/jixiao-scaleout.XXXXXX)
chmod 755 "$WORK"
PIDS=()
cleanup() {
  local rc=$?
  local pid
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    pid=${PIDS[i]}
    kill -0 "$pid" 2>/dev/null || continue
    # SIGINT: PostgreSQL's fast shutdown; Celery and Redis take it as a clean stop too.
    kill -INT "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  if [ "${SCALEOUT_KEEP:-0}" = 1 ] || [ $rc -ne 0 ]; then say "work folder kept: $WORK"; else rm -rf "$WORK"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM
free_port() { python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])"; }
PG_PORT=$(free_port)
REDIS_PORT=$(free_port)
wait_for() { # seconds, description, command...
  local limit=$1 what=$2
  shift 2
  for _ in $(seq $((limit * 5))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  fail "$what did not come up within ${limit} s (logs in $WORK)"
}

# --- PostgreSQL: Dagster's run, event-log and schedule storage --------------------------------------
as_pg=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  as_pg=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi
mkdir -p "$WORK/pg"
export DAGSTER_PG_PASSWORD
DAGSTER_PG_PASSWORD=$(python3 -c "import secrets; print(secrets.token_hex(16))")
echo "$DAGSTER_PG_PASSWORD" >"$WORK/pg/pwfile"
[ "$(id -u)" = 0 ] && chown -R postgres "$WORK/pg"
"${as_pg[@]}" "$PG/initdb" -D "$WORK/pg/data" -U dagster --pwfile="$WORK/pg/pwfile" \
  --auth=scram-sha-256 -E UTF8 --locale=C >"$WORK/pg/initdb.log" 2>&1 || fail "initdb (see $WORK/pg/initdb.log)"
"${as_pg[@]}" "$PG/postgres" -D "$WORK/pg/data" -h 127.0.0.1 -p "$PG_PORT" -k "$WORK/pg" \
  -c fsync=off >"$WORK/pg/server.log" 2>&1 &
PIDS+=($!)
export PGPASSWORD=$DAGSTER_PG_PASSWORD
wait_for 30 PostgreSQL "$PG/pg_isready" -h 127.0.0.1 -p "$PG_PORT" -U dagster
"$PG/createdb" -h 127.0.0.1 -p "$PG_PORT" -U dagster dagster

# --- Redis: the Celery broker and result backend ----------------------------------------------------
mkdir -p "$WORK/redis"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
  --dir "$WORK/redis" >"$WORK/redis/server.log" 2>&1 &
PIDS+=($!)
wait_for 30 Redis redis-cli -p "$REDIS_PORT" ping

# --- the deployment's configuration: DAGSTER_HOME, the jixiao environment, the workers' Celery config
export DAGSTER_HOME=$WORK/dagster
mkdir -p "$DAGSTER_HOME" "$WORK/celery"
cat >"$DAGSTER_HOME/dagster.yaml" <<EOF
storage:
  postgres:
    postgres_db:
      hostname: 127.0.0.1
      port: $PG_PORT
      db_name: dagster
      username: dagster
      password:
        env: DAGSTER_PG_PASSWORD
      # SQLAlchemy 2.1 maps plain postgresql:// to psycopg 3; dagster-postgres ships psycopg2.
      scheme: postgresql+psycopg2
telemetry:
  enabled: false
EOF
export JIXIAO_EXECUTOR=celery
export JIXIAO_CELERY_BROKER=redis://127.0.0.1:$REDIS_PORT/0
export JIXIAO_CELERY_BACKEND=redis://127.0.0.1:$REDIS_PORT/1
export JIXIAO_HOME=$WORK/dist JIXIAO_INBOX=$WORK/inbox JIXIAO_STAGING=$WORK/shared-staging
export JIXIAO_WAREHOUSE=$WORK/dist/published/jixiao.duckdb
mkdir -p "$WORK/dist/published"
cat >"$WORK/celery/dagster_celery_config.py" <<EOF
broker_url = "$JIXIAO_CELERY_BROKER"
result_backend = "$JIXIAO_CELERY_BACKEND"
EOF

# --- the inbox ------------------------------------------------------------------------------------
say "generating $REPORTS reports into $JIXIAO_INBOX"
corpus_args=()
[ -n "${SCALEOUT_CORPUS:-}" ] && corpus_args=(--corpus "$SCALEOUT_CORPUS")
files=$(PYTHONPATH=$ROOT/tools "$PY" tools/scaleout_check.py inbox "$JIXIAO_INBOX" --reports "$REPORTS" \
  "${corpus_args[@]}")

# --- the Celery workers: one process each (--pool solo: a parse step starts its own parser process,
# which Celery's prefork children, being daemonic, may not); the first also serves the publish queue.
# -I loads the code location when the worker starts, not in its first step.
WORKER_PIDS=()
for n in $(seq "$WORKERS"); do
  queues=dagster
  [ "$n" = 1 ] && queues=dagster,jixiao-publish
  PYTHONPATH=$WORK/celery "$ROOT/.venv/bin/celery" -A dagster_celery.app worker -Q "$queues" \
    -n "w$n@%h" --pool solo --prefetch-multiplier 1 --loglevel INFO -I jixiao.pipelines.definitions \
    --without-gossip --without-mingle >"$WORK/celery/w$n.log" 2>&1 &
  PIDS+=($!)
  WORKER_PIDS+=($!)
done
for n in $(seq "$WORKERS"); do wait_for 120 "Celery worker w$n" grep -q "ready\." "$WORK/celery/w$n.log"; done

# --- the nightly job through the Celery executor ----------------------------------------------------
say "nightly_job on $WORKERS Celery workers: $files files"
R0=$(date +%s.%N)
"$ROOT/.venv/bin/dagster" job execute -m jixiao.pipelines.definitions -j nightly_job >"$WORK/launcher.log" 2>&1 &
LAUNCHER=$!
PIDS+=($LAUNCHER)
wait "$LAUNCHER" || fail "nightly_job failed (see $WORK/launcher.log)"
RUN_S=$(elapsed "$R0")

# --- the reference: jixiao ingest of the same inbox, in process, into another warehouse and staging -
say "reference: jixiao ingest of the same inbox"
F0=$(date +%s.%N)
env -u JIXIAO_EXECUTOR JIXIAO_HOME="$WORK/ref" JIXIAO_STAGING="$WORK/ref/staging" \
  JIXIAO_WAREHOUSE="$WORK/ref/jixiao.duckdb" "$ROOT/.venv/bin/jixiao" ingest "$JIXIAO_INBOX" \
  >"$WORK/reference.log" 2>&1 || fail "jixiao ingest of the reference failed (see $WORK/reference.log)"
REF_S=$(elapsed "$F0")

worker_args=()
for pid in "${WORKER_PIDS[@]}"; do worker_args+=(--worker-pid "$pid"); done
PYTHONPATH=$ROOT/tools "$PY" tools/scaleout_check.py verify --inbox "$JIXIAO_INBOX" \
  --launcher-pid "$LAUNCHER" "${worker_args[@]}" --published "$JIXIAO_WAREHOUSE" \
  --reference "$WORK/ref/jixiao.duckdb" --summary "$WORK/summary.json" >&2 || fail "see the lines above"
if [ -n "${SCALEOUT_SUMMARY:-}" ]; then # the figures, for benchmarks/bench_scaleout.py
  "$PY" -c 'import json, sys
d = json.load(open(sys.argv[1]))
d.update(reports=int(sys.argv[2]), files=int(sys.argv[3]), workers=int(sys.argv[4]),
         nightly_s=float(sys.argv[5]), ingest_s=float(sys.argv[6]))
json.dump(d, open(sys.argv[7], "w"), ensure_ascii=False)' "$WORK/summary.json" "$REPORTS" "$files" \
    "$WORKERS" "$RUN_S" "$REF_S" "$SCALEOUT_SUMMARY"
fi
echo "scaleout-check: passed: reports $REPORTS ($files files), Celery workers $WORKERS, nightly_job ${RUN_S} s, whole check $(elapsed "$T0") s"
