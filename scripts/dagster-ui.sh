#!/usr/bin/env bash
# The Dagster UI and daemon for this checkout: the asset graph, the inbox sensor, the nightly schedule.
#
#   bash scripts/dagster-ui.sh            # UI on http://127.0.0.1:3000 ; Ctrl-C stops both processes
#   PORT=3300 bash scripts/dagster-ui.sh
#
# It runs the two services production runs (dagster-daemon and dagster-webserver, docs/operations.md)
# with DAGSTER_HOME=dagster_home/ (the shipped dagster.yaml: telemetry and the newsletter prompt off)
# and the code location of workspace.yaml. Ctrl-C (or SIGTERM) stops both within a few seconds: each
# runs in its own process group, which the trap signals, waits for, and kills if it lingers.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
export DAGSTER_HOME="${DAGSTER_HOME:-$PWD/dagster_home}"
export JIXIAO_HOME="${JIXIAO_HOME:-$PWD/data}"
mkdir -p "$DAGSTER_HOME" "$JIXIAO_HOME/inbox"
[ -f "$DAGSTER_HOME/dagster.yaml" ] || cp dagster_home/dagster.yaml "$DAGSTER_HOME/"
PORT="${PORT:-3000}"
HOST="${HOST:-127.0.0.1}"

trap '' PIPE  # a closed terminal or pipe must not kill the script before it has stopped its children
pids=()
stop() {
  trap - INT TERM EXIT
  echo "dagster-ui: stopping the daemon and the web server…" >&2 || true
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for _ in $(seq 1 50); do  # up to 10 s for a clean stop
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.2
  done
  for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  echo "dagster-ui: stopped." >&2 || true
}
trap stop INT TERM EXIT

set -m  # each background job in its own process group, so one signal reaches its children too
.venv/bin/dagster-daemon run -w workspace.yaml &
pids+=("$!")
.venv/bin/dagster-webserver -w workspace.yaml -h "$HOST" -p "$PORT" &
pids+=("$!")
set +m
echo "dagster-ui: DAGSTER_HOME=$DAGSTER_HOME, inbox $JIXIAO_HOME/inbox, UI on http://$HOST:$PORT (Ctrl-C stops)" >&2
wait -n "${pids[@]}" || true  # either one ending ends the session
