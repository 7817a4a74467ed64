"""Log rows are group-committed (``jixiao.staging.store.RunLog``): a crash loses no acknowledged row.

A row is acknowledged once its batch is durable: after each parsed file and at the end of staging.
``jixiao ingest`` is SIGKILLed at the crash points (``jixiao.core.faults``) in its own process.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import duckdb
import pytest
from reliability_helpers import SAMPLES_DIR, run_cli

from jixiao.core.settings import Settings
from jixiao.staging import store as staging

FIRST = ("jiangmen-gxj-2022.pdf", "jiangmen-gxj-2023.pdf")
LATER = "hunan-slt-2023.pdf"
KILLED = -9


def _rows_by_run(settings: Settings) -> Counter[str]:
    return Counter(row["run_id"] for row in staging.load_log_rows(settings))


@pytest.mark.slow
def test_a_crash_mid_run_loses_no_acknowledged_log_row(tmp_path: Path) -> None:
    home, inbox = tmp_path / "home", tmp_path / "inbox"
    inbox.mkdir()
    for name in FIRST:
        shutil.copy(SAMPLES_DIR / name, inbox / name)
    env = {"JIXIAO_WORKERS": "1", "GX_ANALYTICS_ENABLED": "false"}
    settings = Settings.from_env(environ={}, home=home)
    ingest = ["ingest", str(inbox), "--no-progress"]

    # staged, then killed before the build: both rows were acknowledged at the end of staging
    assert run_cli(ingest, home, env={**env, "JIXIAO_CRASH_AT": "ingest.staged"}).returncode == KILLED
    first = _rows_by_run(settings)
    assert sorted(first.values()) == [2]

    # two unchanged files (one batch, before the parse begins), then the third parsed: its row is
    # acknowledged with its parse, before the kill comes
    shutil.copy(SAMPLES_DIR / LATER, inbox / LATER)
    crash = {**env, "JIXIAO_CRASH_AT": "staging.log_row_written#3"}
    assert run_cli(ingest, home, env=crash).returncode == KILLED
    second = _rows_by_run(settings)
    assert sorted((second - first).values()) == [3]
    (run,) = (second - first).keys()
    files = sorted(p.suffix for p in (staging.log_dir(settings) / run).iterdir())
    assert files == [".json", ".jsonl"]  # two fsyncs for three rows

    # every file unchanged: rows queued and not yet acknowledged die with the run; nothing else does
    crash = {**env, "JIXIAO_CRASH_AT": "staging.log_row_written#2"}
    assert run_cli(ingest, home, env=crash).returncode == KILLED
    crash = {**env, "JIXIAO_CRASH_AT": "staging.log_temp_written"}
    assert run_cli(ingest, home, env=crash).returncode == KILLED  # the batch's temp file, never linked
    assert _rows_by_run(settings) == second

    # the batch is in place when the kill comes right after it: its rows stay
    crash = {**env, "JIXIAO_CRASH_AT": "staging.log_batch_written"}
    assert run_cli(ingest, home, env=crash).returncode == KILLED
    third = _rows_by_run(settings)
    assert sorted((third - second).values()) == [3]
    (run,) = (third - second).keys()
    assert [p.suffix for p in (staging.log_dir(settings) / run).iterdir()] == [".jsonl"]  # one fsync

    done = run_cli(ingest, home, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        published = Counter(
            dict(con.execute("select run_id, count(*) from ingest_log group by run_id").fetchall())
        )
    assert published - _rows_by_run(settings) == Counter()  # every acknowledged row, and no other
    assert sum(published.values()) == 2 + 3 + 3 + 3
