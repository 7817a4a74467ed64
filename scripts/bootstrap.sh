#!/usr/bin/env bash
# Create .venv with every pinned dependency (requirements.lock) and jixiao installed editable.
# Idempotent: does nothing when the lock file has not changed since the last run.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
stamp=.venv/.lock-sha256
want=$(sha256sum requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)
if [ -x .venv/bin/python ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
echo "jixiao: installing pinned dependencies into .venv (first run only, about two minutes)…" >&2
"$PY" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip==25.3
# The lock is the whole tree, so it installs without resolving: rapidocr-onnxruntime declares the GUI
# opencv-python (which needs libGL) and the lock gives it the headless build of the same cv2 instead.
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements.lock
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
echo "$want" > "$stamp"
