"""Shared helpers of the reliability tests: run the CLI, read a warehouse back, a BI-like reader process.

Run as a script it is the reader: ``python reliability_helpers.py reader DB OUT STOP [--reconnect]``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SAMPLES_DIR = ROOT / "samples" / "reports"
SAMPLES = sorted(SAMPLES_DIR.glob("*.pdf"))
JIXIAO = Path(sys.executable).with_name("jixiao")
FACTS = ("fact_indicator", "fact_finance", "fact_evaluation")
CONTENT_TABLES = ("dim_department", "dim_report", "dim_indicator", "dim_finance_item", *FACTS)
# The queries a BI dashboard runs on the views (and one on a table), in a loop.
READER_QUERIES = (
    "select count(*), sum(indicator_count) from v_department_year",
    "select department_name, count(*), sum(actual_value) from v_indicator_yoy group by all order by all",
    "select item_code, sum(amount_wan_yuan) from v_finance_yoy group by all order by all",
    "select count(*) from dim_report",
)
# Words of an actionable reason: each reject reason tells a person what to do with the file.
ACTIONS = re.compile(
    r"download|export|remove|ask|OCR|check|raise JIXIAO|split|report it|keep the file|retried|rerun",
    re.IGNORECASE,
)


def run_cli(
    args: list[str],
    home: Path,
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 600,
) -> subprocess.CompletedProcess[str]:
    """Run ``jixiao ARGS`` with ``JIXIAO_HOME=home`` (no shell) and wait for it."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_")}
    full_env.update({"JIXIAO_HOME": str(home), **(env or {})})
    return subprocess.run(
        [str(JIXIAO), *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )


def start_cli(args: list[str], home: Path, *, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """Start ``jixiao ARGS`` in its own session (so the whole process group can be killed)."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_")}
    full_env.update({"JIXIAO_HOME": str(home), **(env or {})})
    return subprocess.Popen(
        [str(JIXIAO), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=full_env,
        start_new_session=True,
    )


def read_frames(warehouse: Path) -> dict[str, pd.DataFrame]:
    """Every table of the warehouse as pandas frames, read-only."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        names = con.execute(
            "select table_name from information_schema.tables where table_schema = 'main'"
        ).fetchall()
        return {name: con.execute(f'select * from "{name}"').df() for (name,) in names}


def content(warehouse: Path, tables: tuple[str, ...] = CONTENT_TABLES) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of ``tables``, sorted: equal content ⇔ equal result (ingested_at is the first sighting)."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {t: con.execute(f"select * from {t} order by all").fetchall() for t in tables}


def blocking_failures(warehouse: Path, settings: Any) -> list[Any]:
    """The project's blocking checks (``jixiao.quality.run_checks``) that fail on the published warehouse."""
    from jixiao.quality import run_checks
    from jixiao.quality.contract import TABLES

    frames = {t: f for t, f in read_frames(warehouse).items() if t in TABLES}
    results = run_checks(frames, settings, "reliability-check")
    return [r for r in results if r.severity == "blocking" and not r.success]


def key_duplicates(warehouse: Path) -> dict[str, int]:
    """Per table, how many key values occur more than once (should be 0 everywhere)."""
    grains = {
        "dim_department": "department_key",
        "dim_report": "report_key",
        "dim_indicator": "indicator_key",
        "dim_finance_item": "item_key",
        "fact_indicator": "report_key, row_no",
        "fact_finance": "report_key, item_key",
        "fact_evaluation": "report_key",
        "ingest_log": "run_id, source_file",  # one row per input per run (the tests use unique names)
    }
    out = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for table, key in grains.items():
            sql = f"select count(*) from (select {key} from {table} group by all having count(*) > 1)"
            out[table] = con.execute(sql).fetchone()[0]
    return out


def start_reader(db: Path, out: Path, stop: Path, *, reconnect: bool = False) -> subprocess.Popen[bytes]:
    """Start a BI-like reader process on ``db`` (see :func:`reader_main`)."""
    args = [sys.executable, str(Path(__file__)), "reader", str(db), str(out), str(stop)]
    return subprocess.Popen([*args, *(["--reconnect"] if reconnect else [])])


def read_progress(out: Path) -> dict[str, Any]:
    """The reader's latest progress (or final) record, {} before its first one."""
    try:
        return json.loads(out.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def wait_for_queries(out: Path, at_least: int, proc: subprocess.Popen[bytes], timeout: float = 120) -> int:
    """Block until the reader has run ``at_least`` queries; returns the count seen."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        n = read_progress(out).get("queries", 0)
        if n >= at_least:
            return n
        if proc.poll() is not None:
            raise AssertionError(f"the reader exited early with code {proc.returncode}")
        time.sleep(0.05)
    raise AssertionError(f"the reader ran fewer than {at_least} queries in {timeout} s")


def _write_json(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    os.replace(tmp, path)


def reader_main(db: Path, out: Path, stop: Path, reconnect: bool) -> None:
    """Query the views in a loop until ``stop`` exists; record queries, errors and report counts.

    Held mode keeps one read-only connection for the whole loop (it must keep seeing one snapshot),
    then reconnects once and records what the new connection sees. Reconnect mode opens a fresh
    read-only connection for every round (it must never catch a missing or half-written file).
    """
    queries, errors, counts = 0, [], []
    con = duckdb.connect(str(db), read_only=True)
    while not stop.exists():
        try:
            if reconnect:
                con.close()
                con = duckdb.connect(str(db), read_only=True)
            for sql in READER_QUERIES:
                rows = con.execute(sql).fetchall()
                queries += 1
            counts.append(rows[0][0])  # the last query: reports in dim_report
        except Exception as exc:  # the point of the test: record every error, keep reading
            errors.append(f"{type(exc).__name__}: {exc}")
        if queries % 20 == 0 or errors:
            _write_json(out, {"queries": queries, "errors": errors})
        time.sleep(0.002)  # a dashboard, not a busy loop: leave the CPU to the publish
    con.close()
    with duckdb.connect(str(db), read_only=True) as fresh:
        after_reconnect = fresh.execute("select count(*) from dim_report").fetchone()[0]
    _write_json(
        out,
        {
            "queries": queries,
            "errors": errors,
            "counts": sorted(set(counts)),
            "count_sequence": [c for i, c in enumerate(counts) if i == 0 or counts[i - 1] != c],
            "after_reconnect": after_reconnect,
            "done": True,
        },
    )


if __name__ == "__main__":
    if len(sys.argv) >= 5 and sys.argv[1] == "reader":
        reader_main(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]), "--reconnect" in sys.argv[5:])
    else:
        sys.exit("usage: reliability_helpers.py reader DB OUT STOP [--reconnect]")
