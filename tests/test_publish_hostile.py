"""Issue 12: the warehouse path, the lock shared by every entry point, the ingest_log under races,
unwritable folders, `jixiao query` confined to the warehouse, and a closed stdout."""

from __future__ import annotations

import contextlib
import errno
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from dagster import materialize
from test_warehouse_sample import JSON_PARSER, make_settings, sample_report, write_document

from jixiao.assets.resources import JixiaoSettings
from jixiao.assets.warehouse import published_warehouse, warehouse_tables, warehouse_views
from jixiao.cli.app import main
from jixiao.ingestion import ingest as ingest_module
from jixiao.ingestion.ingest import ingest
from jixiao.pipelines.definitions import ASSET_CHECKS
from jixiao.pipelines.jobs import PUBLISH_SELECTION
from jixiao.staging import runner
from jixiao.staging import store as staging
from jixiao.warehouse.lock import publish_lock

TESTS = Path(__file__).resolve().parent


@pytest.fixture
def json_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    """`jixiao` (main) with the stand-in JSON parser and a clean environment."""
    for var in ("JIXIAO_HOME", "JIXIAO_STAGING", "JIXIAO_WAREHOUSE", "JIXIAO_INBOX"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(staging, "default_parser", lambda: JSON_PARSER)


def test_a_file_that_is_not_a_warehouse_is_never_replaced(
    tmp_path: Path, json_parser: None, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = write_document(tmp_path / "in" / "jiangmen-gxj-2023.json", sample_report())
    notes = tmp_path / "notes.txt"
    notes.write_text("会议纪要", encoding="utf-8")
    pdf = tmp_path / "source.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + b"\0" * 64)
    folder = tmp_path / "folder"
    folder.mkdir()
    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as con:
        con.execute("create table sales (x int)")

    for target in (notes, pdf, folder, other):
        before = target.read_bytes() if target.is_file() else None
        assert main(["ingest", str(doc), "--warehouse", str(target), "--no-progress"]) == 2
        err = capsys.readouterr().err
        assert str(target) in err and ("not a jixiao warehouse" in err or "is a folder" in err)
        assert err.count("\n") == 1  # one sentence, no traceback
        assert (target.read_bytes() if target.is_file() else None) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "folder",
        "in",
        "notes.txt",
        "other.duckdb",
        "source.pdf",
    ]
    assert list(folder.iterdir()) == []


def test_unwritable_folders_are_refused_before_anything_is_parsed(
    tmp_path: Path, json_parser: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = write_document(tmp_path / "in" / "jiangmen-gxj-2023.json", sample_report())
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    parsed: list[Path] = []
    monkeypatch.setattr(runner, "stage_files", lambda paths, *a, **k: parsed.extend(paths) or [])

    monkeypatch.setenv("JIXIAO_STAGING", str(blocker / "staging"))
    assert main(["ingest", str(doc), "--warehouse", str(tmp_path / "w" / "j.duckdb"), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "staging folder" in err and "cannot be written" in err and "JIXIAO_STAGING" in err

    monkeypatch.delenv("JIXIAO_STAGING")
    assert main(["ingest", str(doc), "--warehouse", str(blocker / "w" / "j.duckdb"), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "warehouse folder" in err and "cannot be written" in err
    assert parsed == []


def test_a_disk_filling_up_mid_run_is_one_sentence_and_exit_1(
    tmp_path: Path, json_parser: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = write_document(tmp_path / "in" / "jiangmen-gxj-2023.json", sample_report())

    def full(*args: object, **kwargs: object) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "w" / "staging" / "log"))

    monkeypatch.setattr(staging, "write_log_row", full)
    assert main(["ingest", str(doc), "--warehouse", str(tmp_path / "w" / "j.duckdb"), "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert "No space left on device" in err and "nothing was published" in err
    assert "Traceback" not in err and err.count("\n") == 1
    assert not (tmp_path / "w" / "j.duckdb").exists()


def test_query_reads_the_warehouse_and_nothing_else(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    warehouse = tmp_path / "j.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create table dim_report as select 1 as report_key")
    out = tmp_path / "x.csv"
    for sql in (
        f"copy dim_report to '{out}'",
        f"export database '{tmp_path / 'dump'}'",
        "select * from read_text('/etc/hostname')",
        "select * from read_csv('/etc/passwd')",
        "install httpfs",
        "set enable_external_access = true",
    ):
        assert main(["query", sql, "--warehouse", str(warehouse)]) == 1, sql
        assert "the query failed" in capsys.readouterr().err
    assert not out.exists()
    assert main(["query", "select count(*) as n from dim_report", "--warehouse", str(warehouse)]) == 0


def test_a_reader_that_closes_stdout_changes_nothing_of_the_exit_code(tmp_path: Path) -> None:
    warehouse = tmp_path / "j.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create table t as select range as n from range(5000)")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jixiao.cli.app",
            "query",
            "select * from t",
            "--max-rows",
            "5000",
            "--warehouse",
            str(warehouse),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)  # `| head -c 10`: read a little, then go away
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0, err
    assert "Traceback" not in err and "BrokenPipeError" not in err


@pytest.mark.slow
def test_ingest_piped_into_head_publishes_and_exits_0(tmp_path: Path) -> None:
    doc = write_document(tmp_path / "in" / "jiangmen-gxj-2023.json", sample_report())
    warehouse = tmp_path / "w" / "j.duckdb"
    args = ["ingest", str(doc), "--warehouse", str(warehouse), "--no-progress"]
    driver = (
        f"import sys; sys.path[:0] = [{str(TESTS)!r}]\n"
        "from test_warehouse_sample import JSON_PARSER\n"
        "from jixiao.staging import store\n"
        "store.default_parser = lambda: JSON_PARSER\n"
        "from jixiao.cli.app import main\n"
        f"if __name__ == '__main__':\n    sys.exit(main({args!r}))\n"
    )
    script = tmp_path / "driver.py"
    script.write_text(driver, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # `| head -0`: the summary has nowhere to go
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == 0, err
    assert "Traceback" not in err
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from dim_report").fetchone() == (1,)


def _hold_lock(target: Path, seconds: float) -> threading.Thread:
    """Another run holding the warehouse lock for ``seconds`` (a thread of this process)."""
    taken = threading.Event()

    def hold() -> None:
        with publish_lock(target, 5):
            taken.set()
            time.sleep(seconds)

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    assert taken.wait(10)
    return thread


@contextlib.contextmanager
def _lock_held(target: Path) -> Iterator[None]:
    """Another run holding the warehouse lock until the block ends."""
    with publish_lock(target, 5):
        yield


@pytest.mark.slow
def test_a_run_waits_for_another_publish_then_publishes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = write_document(tmp_path / "in" / "jiangmen-gxj-2023.json", sample_report())
    settings = make_settings(tmp_path, lock_timeout_s=0.5)
    holder = _hold_lock(settings.warehouse, 3)
    waited = ingest([doc], settings, parser=JSON_PARSER)
    assert not waited.published and "JIXIAO_LOCK_TIMEOUT_S" in (waited.error or "")
    assert not settings.warehouse.exists()
    holder.join()

    patient = make_settings(tmp_path, lock_timeout_s=60)
    holder = _hold_lock(settings.warehouse, 2)
    assert ingest([doc], patient, parser=JSON_PARSER).published
    assert "Waiting for another run" in capsys.readouterr().err
    holder.join()


def test_dagster_publishing_takes_the_same_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_LOCK_TIMEOUT_S", "0.5")
    resource = JixiaoSettings(home=str(tmp_path), staging=str(tmp_path / "staging"))
    warehouse = tmp_path / "jixiao.duckdb"
    with _lock_held(warehouse):  # a CLI run publishing
        result = materialize(
            [warehouse_tables, warehouse_views, published_warehouse, *ASSET_CHECKS],
            selection=PUBLISH_SELECTION,
            resources={"jixiao": resource},
            raise_on_error=False,
        )
    assert not result.success
    failure = next(e for e in result.all_events if e.is_step_failure)
    assert "JIXIAO_LOCK_TIMEOUT_S" in str(failure.event_specific_data)
    assert not warehouse.exists() and not list(tmp_path.glob("*.next*"))
    with publish_lock(warehouse, 0):  # the failed run let go of nothing it did not hold
        pass


@pytest.mark.slow
def test_a_log_only_run_racing_a_rebuild_adds_no_duplicate_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings(tmp_path)
    a = write_document(tmp_path / "in" / "gxj-2023.json", sample_report())
    b = write_document(tmp_path / "in" / "gxj-2022.json", sample_report(year=2022))
    assert ingest([a], settings, parser=JSON_PARSER, run_id="r1").published

    # run L stages A again (nothing new) and waits for the lock while run R rebuilds, which
    # reads L's log rows from the staging and publishes them
    staged_by_l = runner.stage_files([a], settings, "L", parser=JSON_PARSER)
    assert ingest([b], settings, parser=JSON_PARSER, run_id="R").published
    # then L gets the lock: nothing new, so it appends its rows to the published warehouse
    monkeypatch.setattr(ingest_module.runner, "stage_files", lambda *args, **kwargs: staged_by_l)
    assert ingest([a], settings, parser=JSON_PARSER, run_id="L").published

    def l_rows() -> int:
        with duckdb.connect(str(settings.warehouse), read_only=True) as con:
            return con.execute("select count(*) from ingest_log where run_id = 'L'").fetchone()[0]

    assert l_rows() == 1
