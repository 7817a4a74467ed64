#!/usr/bin/env bash
# Install everything (first run) and run the whole test gate: ruff, then pytest (what CI runs).
# Arguments go to pytest: `bash scripts/test.sh -m "not slow"` is the quick subset.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
# headless Chromium for the offline Data Docs screenshot test (it skips, saying so, without it)
if ! command -v chromium >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null || echo "chromium not installed" >&2
fi
# The scale-out check (PostgreSQL, Redis, two Celery workers; tests/test_scaleout.py) installs what it
# needs with apt, so it runs where that is possible; elsewhere it is skipped with its reason.
if [ -z "${JIXIAO_SCALEOUT_CHECK:-}" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  export JIXIAO_SCALEOUT_CHECK=1
fi
.venv/bin/ruff check .
.venv/bin/ruff format --check .
exec .venv/bin/python -m pytest "$@"
