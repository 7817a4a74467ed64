#!/usr/bin/env bash
# Install Apache Superset the way a BI user would and check that it reads the jixiao warehouse:
#   1. Superset from bi/superset/requirements.txt into its own venv ($SUPERSET_VENV, default
#      ~/.cache/jixiao-superset-venv; skipped when the venv's stamp matches the requirements);
#   2. a warehouse from samples/reports with the project's own `jixiao ingest` (scripts/bootstrap.sh);
#   3. `superset db upgrade`, an admin, `superset init`, then gunicorn on 127.0.0.1 on a free port with
#      bi/superset/superset_config.py (metadata and logs in a temporary folder);
#   4. through the REST API: login, the connection test, the dashboard bundle bi/superset/ imported
#      (the database URI rewritten to the warehouse's absolute path), every chart's data query, every
#      SQL block of docs/warehouse.md in SQL Lab, writes refused (Superset's DML switch, then DuckDB's
#      read_only underneath), and a publish seen by the next query without a restart;
#   5. stops the server it started and prints one closing line with its figures.
#
# Usage: bash scripts/superset-check.sh [--screenshots [DIR]] [--keep]
#        bash scripts/superset-check.sh --bundle OUT.zip --warehouse /abs/path/jixiao.duckdb
#   --screenshots  also take PNGs of the dashboard and SQL Lab with headless Chromium (needs Debian's
#                  chromium and chromium-driver) into DIR (default docs/bi)
#   --keep         keep the temporary folder (Superset's metadata, logs, the warehouse)
#   --bundle       only write the dashboard's import zip for the given warehouse, then exit
# Environment: SUPERSET_VENV, SUPERSET_SECRET_KEY (generated when unset), PYTHON (python3).
# Exit 0 when every check passed; 1 with "superset-check: FAIL …" lines otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PYTHON:-python3}
VENV=${SUPERSET_VENV:-$HOME/.cache/jixiao-superset-venv}
BUNDLE_DIR=$ROOT/bi/superset
screenshots="" keep=0 bundle_out="" bundle_warehouse=""
while [ $# -gt 0 ]; do
  case $1 in
    --screenshots) screenshots=$ROOT/docs/bi
      if [ $# -gt 1 ] && [ "${2#--}" = "$2" ]; then screenshots=$(realpath -m "$2"); shift; fi ;;
    --keep) keep=1 ;;
    --bundle) bundle_out=$(realpath -m "$2"); shift ;;
    --warehouse) bundle_warehouse=$(realpath -m "$2"); shift ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "superset-check: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

fail() { echo "superset-check: FAIL $*" >&2; exit 1; }

# zip_bundle OUT.zip WAREHOUSE: the bundle folder under one root folder, URI pointing at WAREHOUSE
zip_bundle() {
  "$PY" - "$BUNDLE_DIR" "$1" "$2" <<'EOF'
import re, sys, zipfile
from pathlib import Path
src, out, warehouse = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
if not warehouse.startswith("/"):
    sys.exit("superset-check: the warehouse path must be absolute")
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for sub in ("metadata.yaml", "databases", "datasets", "charts", "dashboards"):
        for f in sorted([src / sub] if (src / sub).is_file() else (src / sub).rglob("*.yaml")):
            text = f.read_text(encoding="utf-8")
            if f.parent.name == "databases":
                text, n = re.subn(r"(?m)^sqlalchemy_uri: .*$", f"sqlalchemy_uri: duckdb:///{warehouse}", text)
                assert n == 1, f"{f}: no sqlalchemy_uri line"
            z.writestr(f"jixiao_dashboard/{f.relative_to(src)}", text)
EOF
}

if [ -n "$bundle_out" ]; then
  [ -n "$bundle_warehouse" ] || { echo "superset-check: --bundle needs --warehouse /abs/path" >&2; exit 2; }
  zip_bundle "$bundle_out" "$bundle_warehouse"
  echo "superset-check: wrote $bundle_out (database URI duckdb:///$bundle_warehouse)"
  exit 0
fi

started=$(date +%s)
work=$(mktemp -d -t jixiao-superset-check.XXXXXX)
logs=$work/logs
mkdir -p "$logs"
server_pid=""
cleanup() {
  local rc=$?
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 30); do kill -0 "$server_pid" 2>/dev/null || break; sleep 1; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  if [ $rc -ne 0 ]; then
    for f in "$logs"/*.log; do
      [ -s "$f" ] && { echo "--- last lines of $f" >&2; tail -n 15 "$f" >&2; }
    done
  fi
  if [ $keep -eq 1 ] || [ $rc -ne 0 ]; then echo "superset-check: kept $work" >&2; else rm -rf "$work"; fi
  exit $rc
}
trap cleanup EXIT
step() { echo "superset-check: $* ($(( $(date +%s) - started )) s)" >&2; }

# 1. Superset in its own venv, pinned
want=$( { sha256sum bi/superset/requirements.txt; "$PY" -c 'import sys; print(sys.version)'; } | sha256sum | cut -d' ' -f1)
if [ -x "$VENV/bin/superset" ] && [ "$(cat "$VENV/.jixiao-stamp" 2>/dev/null)" = "$want" ]; then
  step "Superset venv $VENV is up to date"
else
  step "installing Superset into $VENV (first run only, a few minutes)"
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip==25.3 >"$logs/pip.log" 2>&1 \
    || fail "pip upgrade in $VENV (see $logs/pip.log)"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r bi/superset/requirements.txt \
    >>"$logs/pip.log" 2>&1 || fail "pip install -r bi/superset/requirements.txt (see $logs/pip.log)"
  echo "$want" >"$VENV/.jixiao-stamp"
fi
SS_PY=$VENV/bin/python

# 2. the warehouse, built by the project's own command: first without one sample, to see a publish later
bash scripts/bootstrap.sh
warehouse=$work/jixiao/jixiao.duckdb
held_back=$(ls samples/reports | sort | tail -n 1)
mkdir -p "$work/first"
for f in samples/reports/*; do [ "$(basename "$f")" = "$held_back" ] || cp "$f" "$work/first/"; done
ingest() { env -u JIXIAO_INBOX -u JIXIAO_STAGING -u JIXIAO_WAREHOUSE JIXIAO_HOME="$work/jixiao" \
  .venv/bin/jixiao ingest "$1" --warehouse "$warehouse" >>"$logs/ingest.log" 2>&1; }
ingest "$work/first" || fail "jixiao ingest of the samples (see $logs/ingest.log)"
step "warehouse $warehouse built (samples without $held_back)"

# 3. Superset: metadata in $work, admin, init, gunicorn on loopback
export SUPERSET_HOME=$work/superset SUPERSET_CONFIG_PATH=$BUNDLE_DIR/superset_config.py FLASK_APP=superset
export SUPERSET_SECRET_KEY=${SUPERSET_SECRET_KEY:-$("$PY" -c 'import secrets; print(secrets.token_urlsafe(42))')}
mkdir -p "$SUPERSET_HOME"
admin_password=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(16))')
"$VENV/bin/superset" db upgrade >"$logs/superset-db-upgrade.log" 2>&1 || fail "superset db upgrade"
"$VENV/bin/superset" fab create-admin --username admin --firstname jixiao --lastname check \
  --email admin@localhost --password "$admin_password" >"$logs/superset-admin.log" 2>&1 || fail "create admin"
"$VENV/bin/superset" init >"$logs/superset-init.log" 2>&1 || fail "superset init"
step "Superset metadata ready in $SUPERSET_HOME"
port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url=http://127.0.0.1:$port
"$VENV/bin/gunicorn" --workers 1 --worker-class gthread --threads 4 --timeout 120 --bind "127.0.0.1:$port" \
  "superset.app:create_app()" >"$logs/gunicorn.log" 2>&1 &
server_pid=$!
for _ in $(seq 120); do
  curl -fsS "$url/health" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || fail "gunicorn exited at start (see $logs/gunicorn.log)"
  sleep 1
done
curl -fsS "$url/health" >/dev/null 2>&1 || fail "Superset did not answer $url/health within 120 s"
step "Superset up at $url (pid $server_pid)"

# 4. the REST API checks
zip_bundle "$work/jixiao_dashboard.zip" "$warehouse"
CHECK_URL=$url CHECK_PASSWORD=$admin_password CHECK_BUNDLE_ZIP=$work/jixiao_dashboard.zip \
CHECK_DOCS=$ROOT/docs/warehouse.md CHECK_RESULT=$work/result.json CHECK_WAREHOUSE=$warehouse \
CHECK_PUBLISH="$ROOT/.venv/bin/jixiao ingest $ROOT/samples/reports --warehouse $warehouse" \
CHECK_JIXIAO_HOME=$work/jixiao \
"$SS_PY" - <<'EOF' || fail "REST API checks (see the lines above)"
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import requests

base = os.environ["CHECK_URL"]
failures: list[str] = []


def fail(message: str) -> None:
    failures.append(message)
    print(f"superset-check: FAIL {message}", file=sys.stderr)


def log(message: str) -> None:
    print(f"  {message}", file=sys.stderr)


s = requests.Session()
s.headers["Accept-Language"] = "en"
r = s.post(f"{base}/api/v1/security/login", timeout=60, json={
    "username": "admin", "password": os.environ["CHECK_PASSWORD"], "provider": "db", "refresh": False})
if r.status_code != 200:
    sys.exit(f"superset-check: FAIL login: HTTP {r.status_code} {r.text[:300]}")
s.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
s.headers["X-CSRFToken"] = s.get(f"{base}/api/v1/security/csrf_token/", timeout=60).json()["result"]
s.headers["Referer"] = base

with open(os.environ["CHECK_BUNDLE_ZIP"], "rb") as fh:
    r = s.post(f"{base}/api/v1/dashboard/import/", timeout=300,
               files={"formData": ("jixiao_dashboard.zip", fh, "application/zip")},
               data={"overwrite": "true", "passwords": "{}"})
if r.status_code != 200:
    sys.exit(f"superset-check: FAIL dashboard import: HTTP {r.status_code} {r.text[:2000]}")
dashboards = s.get(f"{base}/api/v1/dashboard/", params={"q": "(page_size:100)"}, timeout=60).json()["result"]
dash = next((d for d in dashboards if d["dashboard_title"] == "部门绩效自评总览"), None)
if dash is None:
    sys.exit("superset-check: FAIL no dashboard 部门绩效自评总览 after the import")
charts = s.get(f"{base}/api/v1/dashboard/{dash['id']}/charts", timeout=60).json()["result"]
datasets = s.get(f"{base}/api/v1/dataset/", params={"q": "(page_size:100)"}, timeout=60).json()["result"]
databases = s.get(f"{base}/api/v1/database/", params={"q": "(page_size:100)"}, timeout=60).json()["result"]
db = next((d for d in databases if d["database_name"] == "jixiao 绩效仓库"), None)
if db is None:
    sys.exit("superset-check: FAIL no database 'jixiao 绩效仓库' after the import")
log(f"imported dashboard {dash['id']} with {len(charts)} charts, {len(datasets)} datasets, database {db['id']}")

# the database's "Test connection" button, with the stored URI and engine parameters
conn = s.get(f"{base}/api/v1/database/{db['id']}/connection", timeout=60).json()["result"]
extra = conn["extra"] if isinstance(conn["extra"], str) else json.dumps(conn["extra"])
if json.loads(extra).get("engine_params", {}).get("connect_args", {}).get("read_only") is not True:
    fail(f"the imported database has no read_only connect_args: {extra}")
r = s.post(f"{base}/api/v1/database/test_connection/", timeout=120, json={
    "database_name": conn["database_name"], "sqlalchemy_uri": conn["sqlalchemy_uri"], "extra": extra})
if r.status_code != 200:
    fail(f"connection test: HTTP {r.status_code} {r.text[:500]}")


def sqllab(sql: str) -> tuple[int, dict]:
    r = s.post(f"{base}/api/v1/sqllab/execute/", timeout=300, json={
        "database_id": db["id"], "sql": sql, "schema": "main", "runAsync": False, "queryLimit": 10000,
        "client_id": os.urandom(5).hex()})
    try:
        body = r.json()
    except ValueError:
        body = {"text": r.text[:500]}
    return r.status_code, body


def reports() -> int:
    code, body = sqllab("select count(*) as n from dim_report")
    if code != 200 or body.get("status") != "success":
        fail(f"count of dim_report: HTTP {code} {str(body)[:300]}")
        return -1
    return int(body["data"][0]["n"])


# a publish while Superset runs: the next query sees the new file, no restart, no reconnect setting
before = reports()
t0 = time.monotonic()
env = {k: v for k, v in os.environ.items() if k not in ("JIXIAO_INBOX", "JIXIAO_STAGING", "JIXIAO_WAREHOUSE")}
env["JIXIAO_HOME"] = os.environ["CHECK_JIXIAO_HOME"]
done = subprocess.run(os.environ["CHECK_PUBLISH"].split(), env=env, capture_output=True, text=True)
if done.returncode != 0:
    sys.exit(f"superset-check: FAIL the second publish exited {done.returncode}: {done.stderr[-800:]}")
after = reports()
log(f"publish: dim_report {before} rows before, {after} after ({time.monotonic() - t0:.1f} s, no restart)")
if not 0 < before < after:
    fail(f"a publish was not seen by the next query: dim_report {before} rows before, {after} after")

chart_rows = 0
for c in charts:
    r = s.get(f"{base}/api/v1/chart/{c['id']}/data/", timeout=300)
    if r.status_code != 200:
        fail(f"chart {c['slice_name']} (id {c['id']}): HTTP {r.status_code} {r.text[:800]}")
        continue
    result = r.json()["result"]
    rows = sum(q.get("rowcount", 0) for q in result)
    errors = [q["error"] for q in result if q.get("error")]
    if errors:
        fail(f"chart {c['slice_name']}: {errors}")
    elif rows == 0:
        fail(f"chart {c['slice_name']}: no rows")
    chart_rows += rows
    log(f"chart {c['slice_name']}: {rows} rows")

markdown = Path(os.environ["CHECK_DOCS"]).read_text(encoding="utf-8")
queries = re.findall(r"^```sql\n(.*?)^```", markdown, re.M | re.S)
if not queries:
    fail("no ```sql blocks found in docs/warehouse.md")
doc_rows = 0
for i, sql in enumerate(queries, start=1):
    code, body = sqllab(sql)
    rows = len(body.get("data") or [])
    if code != 200 or body.get("status") != "success" or rows == 0:
        fail(f"docs query {i} ({sql.strip().splitlines()[0][:60]}): HTTP {code}, {rows} rows, {str(body)[:500]}")
    doc_rows += rows
    log(f"docs query {i}: {rows} rows")

# writes: refused by Superset (DML off on the database) and, with DML switched on, by DuckDB (read_only)
writes = ["create table superset_check_write as select 1 as x", "delete from dim_report"]
refused = 0
for sql in writes:
    code, body = sqllab(sql)
    kinds = [e.get("error_type") for e in body.get("errors", [])]
    if "DML_NOT_ALLOWED_ERROR" in kinds:
        refused += 1
    else:
        fail(f"write not refused by Superset's DML switch: {sql!r} -> HTTP {code} {str(body)[:300]}")
r = s.put(f"{base}/api/v1/database/{db['id']}", json={"allow_dml": True}, timeout=120)
if r.status_code != 200:
    fail(f"switching allow_dml on for the read-only test: HTTP {r.status_code} {r.text[:300]}")
else:
    for sql in writes:
        code, body = sqllab(sql)
        text = json.dumps(body, ensure_ascii=False)
        if body.get("status") == "success" or not re.search(r"(?i)read.only", text):
            fail(f"write not refused by DuckDB's read_only: {sql!r} -> HTTP {code} {text[:300]}")
        else:
            refused += 1
    r = s.put(f"{base}/api/v1/database/{db['id']}", json={"allow_dml": False}, timeout=120)
    if r.status_code != 200:
        fail(f"switching allow_dml back off: HTTP {r.status_code}")
if reports() != after:
    fail("dim_report changed after the write attempts")

Path(os.environ["CHECK_RESULT"]).write_text(json.dumps({
    "charts": len(charts), "chart_rows": chart_rows, "docs_queries": len(queries), "doc_rows": doc_rows,
    "writes_refused": refused, "writes_tried": 2 * len(writes), "dashboard_id": dash["id"],
    "database_id": db["id"], "datasets": len(datasets), "reports_before": before, "reports_after": after,
}))
sys.exit(1 if failures else 0)
EOF
read -r charts chart_rows docs doc_rows refused tried datasets dash_id db_id before after < <("$PY" - "$work/result.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
print(r["charts"], r["chart_rows"], r["docs_queries"], r["doc_rows"], r["writes_refused"], r["writes_tried"],
      r["datasets"], r["dashboard_id"], r["database_id"], r["reports_before"], r["reports_after"])
EOF
)
step "API checks passed"

shots=""
if [ -n "$screenshots" ]; then
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] \
    || fail "--screenshots needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver fonts-noto-cjk)"
  "$SS_PY" scripts/superset_screenshot.py --url "$url" --user admin --password="$admin_password" \
    --charts "$charts" --database-id "$db_id" --out "$screenshots" >"$logs/screenshot.log" 2>&1 \
    || fail "screenshots (see $logs/screenshot.log)"
  shots=", screenshots in ${screenshots#"$ROOT"/}"
fi

echo "superset-check: OK — Superset $("$SS_PY" -c 'from importlib.metadata import version as v; print(v("apache-superset"))'), dashboard imported ($charts charts on $datasets datasets, $chart_rows rows), $docs docs queries ($doc_rows rows), publish seen by the next query ($before → $after reports), $refused/$tried writes refused$shots, $(( $(date +%s) - started )) s"
