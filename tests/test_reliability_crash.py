"""Crash safety: SIGKILL ``jixiao ingest`` anywhere; the published warehouse is the old one or the new one.

Deterministic kills use ``jixiao.core.faults.crash_point`` (``JIXIAO_CRASH_AT``); a few kills are timed and
take the whole process group (parser processes too). After every kill the warehouse opens, passes the
blocking checks and has unique keys; the next run completes with no duplicates and nothing lost.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import time
from pathlib import Path
from typing import Any

import pytest
from reliability_helpers import (
    FACTS,
    SAMPLES_DIR,
    blocking_failures,
    content,
    key_duplicates,
    run_cli,
    start_cli,
)

from jixiao.core.faults import POINTS, crash_point
from jixiao.core.settings import Settings
from jixiao.ingestion.ingest import ingest
from jixiao.staging import store as staging

ROOT = Path(__file__).resolve().parents[1]
FIRST = ("jiangmen-gxj-2021.pdf", "jiangmen-gxj-2022.pdf", "hunan-slt-2023.pdf", "chengdu-sthjj-2023.pdf")
LATER = ("jiangmen-gxj-2023.pdf", "hangzhou-yh-scjgj-2022.pdf", "foshan-nh-jyj-xszz-2023.pdf")
REISSUE = ROOT / "tests" / "fixtures" / "reissue" / "jiangmen-gxj-2022-corrected.pdf"
# Crash points before the rename, in the order a run reaches them; the warehouse must stay the old one.
BEFORE_RENAME = (
    "staging.log_row_written#2",
    "staging.log_temp_written",  # the first batch of log rows (RunLog): after the first parsed file
    "parse.child_before_save",
    "staging.record_temp_written",
    "ingest.staged",
    "ingest.before_build",
    "checks.partition_received",
    "build.tables_loaded",
    "build.before_fsync",
    "publish.before_replace",
)
# Points at which only a parser process dies; the run itself carries on.
CHILD_ONLY = ("parse.child_before_save", "staging.record_temp_written")
# Points at which only the checker process dies; the run ends with an error and publishes nothing.
CHECKER_ONLY = ("checks.partition_received",)


def _add(inbox: Path, *names: str) -> None:
    for name in names:
        shutil.copy(SAMPLES_DIR / name, inbox / name)


def _verify(warehouse: Path, settings: Settings, checked: set[str]) -> dict[str, list[tuple[Any, ...]]]:
    """The published warehouse opens, passes the blocking checks, has unique keys; returns its content.

    ``checked`` holds the hashes of warehouse files already checked: a kill before the rename leaves
    the very same bytes, whose check results cannot differ, so the GX suites run once per file.
    """
    assert warehouse.is_file()
    digest = staging.hash_file(warehouse)
    if digest not in checked:
        assert blocking_failures(warehouse, settings) == []
        checked.add(digest)
    assert set(key_duplicates(warehouse).values()) == {0}
    return content(warehouse)


def _no_leftovers(warehouse: Path) -> None:
    leftovers = sorted(p.name for p in warehouse.parent.iterdir() if ".next" in p.name)
    assert leftovers == [], leftovers


@pytest.mark.slow
def test_sigkill_at_every_point_leaves_the_old_or_the_new_warehouse(tmp_path: Path) -> None:
    inbox, home = tmp_path / "inbox", tmp_path / "data"
    warehouse = tmp_path / "bi" / "jixiao.duckdb"
    settings = Settings.from_env({}, home=home, warehouse=warehouse)
    args = ["ingest", str(inbox), "--warehouse", str(warehouse), "--no-progress"]
    inbox.mkdir()
    _add(inbox, *FIRST)
    checked: set[str] = set()
    started = time.monotonic()
    assert run_cli(args, home).returncode == 0
    clean_run_s = time.monotonic() - started
    old = _verify(warehouse, settings, checked)
    assert len(old["dim_report"]) == len(FIRST)

    _add(inbox, *LATER)
    (inbox / "empty.pdf").write_bytes(b"")
    kills = 0
    for point in BEFORE_RENAME:
        proc = run_cli(args, home, env={"JIXIAO_CRASH_AT": point})
        if point in CHILD_ONLY:
            assert proc.returncode in (0, -signal.SIGKILL), proc.stderr
            if proc.returncode == 0:  # the run went on; the killed parses are retried, not cached
                assert "killed by SIGKILL" in proc.stdout and "retried on the next run" in proc.stdout
        elif point in CHECKER_ONLY:
            assert proc.returncode == 1, f"{point}: {proc.returncode} {proc.stderr}"
            assert "checks could not run (the checker process stopped (exit code -9))" in proc.stdout
            _no_leftovers(warehouse)
        else:
            assert proc.returncode == -signal.SIGKILL, f"{point}: {proc.returncode} {proc.stderr}"
        kills += 1
        assert _verify(warehouse, settings, checked) == old, f"the warehouse changed after a kill at {point}"

    proc = run_cli(args, home, env={"JIXIAO_CRASH_AT": "publish.after_replace"})
    assert proc.returncode == -signal.SIGKILL
    kills += 1
    new = _verify(warehouse, settings, checked)
    assert len(new["dim_report"]) == len(FIRST) + len(LATER)  # killed after the rename: the new one
    _no_leftovers(warehouse)

    # Timed kills of the whole process group (parsers included), while a re-issue is being ingested.
    shutil.copy(REISSUE, inbox / REISSUE.name)
    seen = []
    for fraction in (0.15, 0.5, 0.85):
        proc = start_cli(args, home)
        time.sleep(clean_run_s * fraction)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        kills += 1
        seen.append(_verify(warehouse, settings, checked))

    final = run_cli(args, home)
    assert final.returncode == 0, final.stdout + final.stderr
    newest = _verify(warehouse, settings, checked)
    assert all(state in (new, newest) for state in seen)
    _no_leftovers(warehouse)
    names = sorted(row[5] for row in newest["dim_report"])  # source_file
    assert names == sorted([*FIRST, *LATER, REISSUE.name])  # every good report, once
    loaded = staging.load_records(settings)
    assert sorted(r.source_file for r in loaded if r.status == "parsed") == names
    assert "killed by" not in json.dumps([r.reason for r in loaded])  # no crash cached as a rejection

    again = run_cli(args, home)
    assert again.returncode == 0 and "loaded: 0 " in again.stdout
    assert content(warehouse) == newest
    print(f"\nkills survived: {kills}")


def test_half_written_staging_files_are_ignored_or_redone(tmp_path: Path) -> None:
    """A torn record (a crash on a filesystem without atomic rename) is re-parsed; a torn log row skipped."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _add(inbox, "foshan-nh-jyj-xszz-2023.pdf")
    settings = Settings.from_env({}, home=tmp_path / "data", warehouse=tmp_path / "jixiao.duckdb")
    first = ingest([inbox], settings)
    assert first.published
    before = content(settings.warehouse, FACTS)
    [record_file] = (settings.staging / "parsed").glob("*.json")
    record_file.write_bytes(record_file.read_bytes()[:100])  # torn in the middle of the JSON
    [log_file] = (settings.staging / "log" / first.run_id).glob("*.json")
    log_file.write_bytes(log_file.read_bytes()[:40])
    (settings.staging / "parsed" / ".tmp-left-by-a-kill.json").write_bytes(b'{"sha256": "ab')

    second = ingest([inbox], settings)

    assert second.published
    [outcome] = second.outcomes
    assert outcome.parsed and outcome.status == "loaded"  # re-parsed, not served torn
    assert content(settings.warehouse, FACTS) == before  # dim_report.ingested_at: the new first sighting
    assert json.loads(record_file.read_text(encoding="utf-8"))["status"] == "parsed"
    assert len(staging.load_records(settings)) == 1


def test_crash_point_is_inert_unless_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JIXIAO_CRASH_AT", raising=False)
    for point in POINTS:
        crash_point(point)  # would SIGKILL the test process if it fired
    monkeypatch.setenv("JIXIAO_CRASH_AT", "ingest.staged#2")
    crash_point("build.tables_loaded")
    assert set(POINTS) >= {p.partition("#")[0] for p in BEFORE_RENAME}
