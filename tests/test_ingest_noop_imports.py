"""A no-op ``jixiao ingest`` (every file unchanged) imports neither pandas, nor GX, nor Dagster.

They cost about a second of a no-op's start: the real command runs in its own process with
``PYTHONPROFILEIMPORTTIME`` set, and its stderr lists every module it imported. The first run, which
rebuilds, must list pandas (so the check sees an import when there is one).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from reliability_helpers import SAMPLES_DIR, run_cli

HEAVY = ("pandas", "great_expectations", "dagster", "numpy")
_IMPORTED = re.compile(r"^import time:\s+\d+ \|\s+\d+ \|\s*([\w.]+)$", re.MULTILINE)


def _imported(stderr: str) -> set[str]:
    """The top-level packages a process imported, from its ``-X importtime`` lines."""
    return {name.split(".", 1)[0] for name in _IMPORTED.findall(stderr)}


@pytest.mark.slow
def test_a_no_op_run_imports_no_pandas_gx_or_dagster(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    # hangzhou's 得分 do not add up to its total: a warning, which the no-op's summary describes
    for name in ("jiangmen-gxj-2023.pdf", "hangzhou-yh-scjgj-2022.pdf"):
        shutil.copy(SAMPLES_DIR / name, inbox / name)
    env = {"PYTHONPROFILEIMPORTTIME": "1", "JIXIAO_WORKERS": "1", "GX_ANALYTICS_ENABLED": "false"}

    first = run_cli(["ingest", str(inbox), "--no-progress"], tmp_path / "home", env=env)
    assert first.returncode == 0, first.stderr[-2000:]
    assert "pandas" in _imported(first.stderr)  # a rebuild needs it: the check can see it

    again = run_cli(["ingest", str(inbox), "--no-progress"], tmp_path / "home", env=env)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "unchanged" in again.stdout and "Data-quality warnings: 1" in again.stdout
    imported = _imported(again.stderr)
    assert "duckdb" in imported  # the log rows are appended to a copy of the warehouse
    assert sorted(imported & set(HEAVY)) == []
