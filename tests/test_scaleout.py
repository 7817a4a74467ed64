"""The scale-out path: how the nightly inbox fans out into steps, the executor chosen by configuration,
and (when JIXIAO_SCALEOUT_CHECK=1) the real thing: scripts/scaleout-check.sh with PostgreSQL, Redis and
two Celery workers."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from scaleout_check import FACT_TABLES, compare_facts, worker_of

from jixiao.assets.inbox import InboxFile
from jixiao.assets.staged_inbox import batches
from jixiao.pipelines import executor

ROOT = Path(__file__).resolve().parents[1]


def _file(name: str, sha: str) -> InboxFile:
    return InboxFile(Path("/inbox") / name, 1, 1, sha * 64)


FILES = [_file("a.pdf", "a"), _file("b.pdf", "b"), _file("a-copy.pdf", "a"), _file("c.pdf", "c")]


def test_one_step_per_content_keeps_copies_together() -> None:
    got = [[f.path.name for f in batch] for batch in batches(FILES, 1)]
    assert got == [["a.pdf", "a-copy.pdf"], ["b.pdf"], ["c.pdf"]]


def test_zero_puts_every_file_in_one_step_and_an_empty_inbox_still_has_one() -> None:
    assert [len(b) for b in batches(FILES, 0)] == [4]
    assert [[f.path.name for f in b] for b in batches(FILES, 2)] == [
        ["a.pdf", "a-copy.pdf", "b.pdf"],
        ["c.pdf"],
    ]
    assert batches([], 1) == [[]]
    assert batches([], 0) == [[]]


def test_executor_and_fan_out_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(executor.EXECUTOR_ENV, raising=False)
    monkeypatch.delenv(executor.FILES_PER_STEP_ENV, raising=False)
    assert executor.executor_from_env().name == "in_process"
    assert executor.files_per_step() == 0
    assert executor.executor_resources() == {}
    monkeypatch.setenv(executor.EXECUTOR_ENV, "dask")
    with pytest.raises(ValueError, match="JIXIAO_EXECUTOR='dask' is not an executor; set it to one of"):
        executor.executor_kind()
    monkeypatch.setenv(executor.EXECUTOR_ENV, "in_process")
    monkeypatch.setenv(executor.FILES_PER_STEP_ENV, "-3")
    with pytest.raises(ValueError, match="must be a whole number"):
        executor.files_per_step()


def _warehouse(path: Path, amount: float, at: str) -> Path:
    with duckdb.connect(str(path)) as con:
        for table in FACT_TABLES:
            con.execute(
                f"create table {table} (report_key bigint, amount decimal(18, 6), ingested_at timestamp)"
            )
            con.execute(f"insert into {table} values (1, 2.5, '{at}'), (2, ?, '{at}')", [amount])
    return path


def test_the_fact_comparison_ignores_timestamps_and_finds_a_changed_value(tmp_path: Path) -> None:
    published = _warehouse(tmp_path / "a.duckdb", 7.0, "2026-11-30 01:00:00")
    same = _warehouse(tmp_path / "b.duckdb", 7.0, "2026-12-01 02:00:00")
    other = _warehouse(tmp_path / "c.duckdb", 7.5, "2026-11-30 01:00:00")
    counts, problems = compare_facts(published, same)
    assert problems == []
    assert counts == dict.fromkeys(FACT_TABLES, 2)
    _, problems = compare_facts(published, other)
    assert [p.split(":")[0] for p in problems] == list(FACT_TABLES)
    assert "1 only in the published one, 1 only in the reference" in problems[0]


def test_a_step_is_attributed_to_the_worker_whose_process_tree_ran_it() -> None:
    assert worker_of(os.getpid(), [os.getppid()]) == os.getppid()
    assert worker_of(os.getpid(), [os.getpid()]) == os.getpid()
    assert worker_of(os.getpid(), [999_999_999]) is None


@pytest.mark.skipif(importlib.util.find_spec("dagster_celery") is None, reason="scaleout extra not installed")
def test_celery_mode_routes_every_job_to_celery(tmp_path: Path) -> None:
    """With JIXIAO_EXECUTOR=celery the code location loads, every job runs on Celery, one file per step."""
    env = {
        **os.environ,
        "JIXIAO_EXECUTOR": "celery",
        "JIXIAO_CELERY_BROKER": "redis://127.0.0.1:9/0",
        "JIXIAO_STAGING": str(tmp_path / "staging"),
    }
    env.pop("JIXIAO_FILES_PER_STEP", None)
    probe = (
        "from jixiao.pipelines.definitions import defs\n"
        "jobs = [j for j in defs.resolve_all_job_defs() if not j.name.startswith('__')]\n"
        "print(sorted({j.executor_def.name for j in jobs}))\n"
        "print(defs.resolve_job_def('nightly_job').run_config)\n"
        "print(type(defs.resources['io_manager']).__name__, defs.resources['io_manager'].base_dir)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], env=env, cwd=ROOT, capture_output=True, text=True, timeout=180
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "['celery']"
    assert "'files_per_step': 1" in lines[1]
    assert lines[2] == f"FilesystemIOManager {tmp_path / 'staging' / 'dagster_io'}"


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("JIXIAO_SCALEOUT_CHECK") != "1",
    reason="set JIXIAO_SCALEOUT_CHECK=1 to run scripts/scaleout-check.sh (PostgreSQL, Redis, Celery)",
)
def test_scaleout_check_script_passes() -> None:
    out = subprocess.run(
        ["bash", str(ROOT / "scripts" / "scaleout-check.sh")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    closing = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else ""
    assert out.returncode == 0, f"{closing}\n{out.stderr[-4000:]}"
    assert closing.startswith("scaleout-check: passed: reports 12 (14 files), Celery workers 2,"), closing
