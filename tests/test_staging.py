"""The parse cache (jixiao.staging), the parallel runner (jixiao.staging.runner) and the settings."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import time
from pathlib import Path

import pytest
from test_warehouse_sample import (
    JSON_PARSER,
    TEST_PARSER_VERSION,
    json_parse,
    make_settings,
    sample_report,
    write_document,
)

from jixiao.core.settings import Settings, SettingsError
from jixiao.extract.errors import CorruptFileError, ParseTimeoutError
from jixiao.staging import runner
from jixiao.staging import store as staging
from jixiao.staging.store import Parser


class CountingParser:
    """json_parse that counts its calls (in-process staging only)."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, path: Path, limits: object = None, *, source_name: str | None = None):
        self.calls.append(source_name or Path(path).name)
        return json_parse(path, limits, source_name=source_name)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


def test_hash_file_is_the_sha256_of_the_bytes(tmp_path: Path) -> None:
    doc = write_document(tmp_path / "a.json", sample_report())
    assert staging.hash_file(doc) == hashlib.sha256(doc.read_bytes()).hexdigest()


def test_an_unchanged_file_is_never_parsed_twice(tmp_path: Path, settings: Settings) -> None:
    counting = CountingParser()
    parser = Parser(counting, TEST_PARSER_VERSION)
    doc = write_document(tmp_path / "in" / "jiangmen-gxj-2023.json", sample_report())

    first = staging.stage_file(doc, settings, "run-1", parser=parser)
    second = staging.stage_file(doc, settings, "run-2", parser=parser)

    assert counting.calls == ["jiangmen-gxj-2023.json"]
    assert (first.status, first.parsed) == ("loaded", True)
    assert (second.status, second.parsed) == ("unchanged", False)
    assert second.record == first.record
    record_file = settings.staging / "parsed" / f"{first.sha256}.json"
    stored = json.loads(record_file.read_text(encoding="utf-8"))
    assert stored["status"] == "parsed" and stored["parser_version"] == TEST_PARSER_VERSION
    assert len(stored["report"]["indicators"]) == 27


def test_a_new_parser_version_parses_again(tmp_path: Path, settings: Settings) -> None:
    counting = CountingParser()
    doc = write_document(tmp_path / "a.json", sample_report())
    staging.stage_file(doc, settings, "run-1", parser=Parser(counting, "v1"))
    again = staging.stage_file(doc, settings, "run-2", parser=Parser(counting, "v2"))
    assert counting.calls == ["a.json", "a.json"]
    assert again.status == "loaded"
    assert [r.parser_version for r in staging.load_records(settings, "v2")] == ["v2"]
    assert staging.load_records(settings, "v1") == []


def test_rejections_are_cached_and_listed_in_every_run(tmp_path: Path, settings: Settings) -> None:
    counting = CountingParser()
    parser = Parser(counting, TEST_PARSER_VERSION)
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")

    first = staging.stage_file(empty, settings, "run-1", parser=parser)
    second = staging.stage_file(empty, settings, "run-2", parser=parser)

    assert counting.calls == ["empty.pdf"]
    for outcome in (first, second):
        assert (outcome.status, outcome.reason_code) == ("rejected", CorruptFileError.reason_code)
        assert outcome.reason == "empty.pdf is empty; download it again."
    assert [r["status"] for r in staging.load_log_rows(settings)] == ["rejected", "rejected"]
    assert staging.load_records(settings, TEST_PARSER_VERSION)[0].status == "rejected"


def test_a_parser_bug_rejects_the_file_with_a_sentence(tmp_path: Path, settings: Settings) -> None:
    doc = write_document(tmp_path / "odd.json", sample_report(), raise_bug=True)
    outcome = staging.stage_file(doc, settings, "run-1", parser=JSON_PARSER)
    assert (outcome.status, outcome.reason_code) == ("rejected", "parse_error")
    assert "odd.json" in outcome.reason and "KeyError" in outcome.reason


def test_a_duplicate_under_another_name_is_unchanged_naming_the_first(
    tmp_path: Path, settings: Settings
) -> None:
    original = write_document(tmp_path / "jiangmen-gxj-2023.json", sample_report())
    copy = tmp_path / "download (1).json"
    copy.write_bytes(original.read_bytes())

    staging.stage_file(original, settings, "run-1", parser=JSON_PARSER)
    duplicate = staging.stage_file(copy, settings, "run-1", parser=JSON_PARSER)

    assert duplicate.status == "unchanged" and not duplicate.parsed
    assert "jiangmen-gxj-2023.json" in duplicate.reason
    assert duplicate.log_row["source_file"] == "download (1).json"
    assert len(staging.load_records(settings, TEST_PARSER_VERSION)) == 1


def test_log_rows_are_one_file_per_input_per_run(tmp_path: Path, settings: Settings) -> None:
    doc = write_document(tmp_path / "a.json", sample_report())
    staging.stage_file(doc, settings, "run-1", parser=JSON_PARSER)
    staging.stage_file(doc, settings, "run-1", parser=JSON_PARSER)  # the same file twice in one run
    staging.stage_file(doc, settings, "run-2", parser=JSON_PARSER)
    files = sorted(
        p.relative_to(settings.staging / "log").as_posix() for p in (settings.staging / "log").rglob("*")
    )
    sha = staging.hash_file(doc)
    assert files == ["run-1", f"run-1/{sha}-0.json", f"run-1/{sha}-1.json", "run-2", f"run-2/{sha}-0.json"]
    rows = staging.load_log_rows(settings)
    assert [(r["run_id"], r["status"]) for r in rows] == [
        ("run-1", "loaded"),
        ("run-1", "unchanged"),
        ("run-2", "unchanged"),
    ]
    assert set(rows[0]) >= {"source_file", "source_sha256", "status", "reason_code", "reason", "ingested_at"}


def _stage_in_child(doc: Path, settings: Settings, run_id: str) -> None:
    staging.stage_file(doc, settings, run_id, parser=JSON_PARSER)


def test_two_processes_staging_the_same_content_leave_one_valid_record(
    tmp_path: Path, settings: Settings
) -> None:
    docs = []
    for i in range(6):
        doc = tmp_path / f"copy-{i}.json"
        write_document(doc, sample_report())
        docs.append(doc)
    ctx = multiprocessing.get_context("forkserver")
    procs = [ctx.Process(target=_stage_in_child, args=(doc, settings, "run-x")) for doc in docs]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    records = staging.load_records(settings, TEST_PARSER_VERSION)
    assert len(records) == 1 and records[0].source_file.startswith("copy-")
    rows = staging.load_log_rows(settings)
    assert len(rows) == 6
    # whoever stored the record first is "loaded"; every other copy names it
    assert [r["status"] for r in rows].count("loaded") >= 1
    for row in rows:
        if row["status"] == "unchanged":
            assert records[0].source_file in row["reason"]
    assert not [p for p in (settings.staging / "parsed").iterdir() if p.name.startswith(".tmp")]


def test_runner_with_more_idle_processes_than_files_left(tmp_path: Path, monkeypatch) -> None:
    """Both processes finish in one round with a single file left: it goes to one, the other waits."""
    settings = Settings.from_env({}, home=tmp_path / "data", workers=2)
    docs = [
        write_document(tmp_path / "inbox" / f"report-{year}.json", sample_report(year=year))
        for year in (2021, 2022, 2023)
    ]
    real_wait = runner.wait

    def slow_wait(objects, timeout=None):  # let every busy process finish before looking
        time.sleep(1.0)
        return real_wait(objects, timeout)

    monkeypatch.setattr(runner, "wait", slow_wait)
    outcomes = runner.stage_files(docs, settings, "run-1", parser=JSON_PARSER)
    assert [o.status for o in outcomes] == ["loaded"] * 3


def test_runner_parses_in_parallel_and_contains_timeouts_and_crashes(tmp_path: Path, monkeypatch) -> None:
    settings = Settings.from_env({"JIXIAO_PARSE_TIMEOUT_S": "2"}, home=tmp_path / "data", workers=2)
    inbox = tmp_path / "inbox"
    good_2023 = write_document(inbox / "jiangmen-gxj-2023.json", sample_report())
    good_2022 = write_document(inbox / "jiangmen-gxj-2022.json", sample_report(year=2022))
    hang = write_document(inbox / "hang.json", sample_report(year=2021), hang=True)
    crash = write_document(inbox / "crash.json", sample_report(year=2020), crash=True)
    copy = inbox / "copy-of-2023.json"
    copy.write_bytes(good_2023.read_bytes())
    missing = inbox / "vanished.pdf"
    done: dict[str, float] = {}
    # When each file went to a parser process (the real _assign, timed): the time limit runs from there,
    # so the hang's kill is measured against it, not against a wall clock that also counts the fork
    # server's start-up, which a busy machine stretches (this test used to fail under load).
    assigned: dict[str, float] = {}
    real_assign, real_start = runner._assign, runner._start

    def timed_assign(slot, job, limit):
        before = time.monotonic()  # the deadline real_assign sets is at least this plus the limit
        taken = real_assign(slot, job, limit)
        if taken:
            assigned[job[1].name] = before
        return taken

    monkeypatch.setattr(runner, "_assign", timed_assign)
    outcomes = runner.stage_files(
        [hang, crash, good_2023, good_2022, copy, missing],
        settings,
        "run-1",
        parser=JSON_PARSER,
        on_done=lambda o: done.setdefault(o.path.name, time.monotonic()),
    )

    by_name = {o.path.name: o for o in outcomes}
    assert [o.path.name for o in outcomes] == [
        p.name for p in (hang, crash, good_2023, good_2022, copy, missing)
    ]
    assert sorted(done) == sorted(by_name)
    assert (by_name["hang.json"].status, by_name["hang.json"].reason_code) == ("rejected", "timeout")
    assert "2-second parse limit" in by_name["hang.json"].reason
    assert (by_name["crash.json"].status, by_name["crash.json"].reason_code) == ("rejected", "parse_error")
    assert "SIGSEGV" in by_name["crash.json"].reason
    assert by_name["jiangmen-gxj-2023.json"].status == "loaded"
    assert by_name["jiangmen-gxj-2022.json"].status == "loaded"
    assert by_name["copy-of-2023.json"].status == "unchanged"
    assert "jiangmen-gxj-2023.json" in by_name["copy-of-2023.json"].reason
    assert (by_name["vanished.pdf"].status, by_name["vanished.pdf"].reason_code) == ("rejected", "corrupt")
    # the hanging file (it sleeps an hour) got its whole limit and was killed at it, not waited for; the
    # margin is the parent's polling (0.1 s) and the kill, generous for a machine busy with other work
    held = done["hang.json"] - assigned["hang.json"]
    assert 2 <= held < 2 + 10, held

    # a second run serves everything from the cache: no process, nothing parsed, timeouts stay rejected
    started: list[object] = []
    monkeypatch.setattr(runner, "_start", lambda *args: started.append(args) or real_start(*args))
    again = runner.stage_files([hang, crash, good_2023, good_2022], settings, "run-2", parser=JSON_PARSER)
    assert started == []
    assert [(o.status, o.parsed) for o in again] == [
        ("rejected", False),
        ("rejected", False),
        ("unchanged", False),
        ("unchanged", False),
    ]


def test_settings_from_env_defaults_under_data_and_validates() -> None:
    s = Settings.from_env({})
    assert s.home == Path("data")
    assert (s.inbox, s.staging, s.warehouse) == (
        Path("data/inbox"),
        Path("data/staging"),
        Path("data/jixiao.duckdb"),
    )
    assert (s.workers, s.yoy_factor) == (2, 10.0)

    s = Settings.from_env(
        {
            "JIXIAO_HOME": "/srv/jx",
            "JIXIAO_WAREHOUSE": "/bi/jx.duckdb",
            "JIXIAO_MAX_FILE_MB": "5",
            "JIXIAO_MAX_PAGES": "40",
            "JIXIAO_PARSE_TIMEOUT_S": "7.5",
            "JIXIAO_WORKERS": "3",
        }
    )
    assert (s.staging, s.warehouse) == (Path("/bi/staging"), Path("/bi/jx.duckdb"))  # beside the warehouse
    assert (s.limits.max_file_bytes, s.limits.max_pages, s.limits.max_seconds) == (5 * 2**20, 40, 7.5)
    assert s.workers == 3
    assert Settings.from_env({"JIXIAO_WORKERS": "3"}, workers=1).workers == 1

    with pytest.raises(SettingsError, match="JIXIAO_WORKERS must be a whole number"):
        Settings.from_env({"JIXIAO_WORKERS": "two"})
    with pytest.raises(SettingsError, match="JIXIAO_PARSE_TIMEOUT_S must be greater than 0"):
        Settings.from_env({"JIXIAO_PARSE_TIMEOUT_S": "0"})
    with pytest.raises(SettingsError, match="yoy_factor"):
        Settings.from_env({}, yoy_factor=0.5)

    assert Settings.from_env({}).duckdb_memory_mb is None  # sized to the corpus by the build
    assert Settings.from_env({"JIXIAO_DUCKDB_MEMORY_MB": "512"}).duckdb_memory_mb == 512
    with pytest.raises(SettingsError, match=r"at least 64.*JIXIAO_DUCKDB_MEMORY_MB"):
        Settings.from_env({"JIXIAO_DUCKDB_MEMORY_MB": "16"})
    with pytest.raises(SettingsError, match="JIXIAO_DUCKDB_MEMORY_MB must be a whole number"):
        Settings.from_env({"JIXIAO_DUCKDB_MEMORY_MB": "1GB"})


def test_settings_read_the_process_environment_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_HOME", "/tmp/jixiao-home")
    monkeypatch.setenv("JIXIAO_YOY_FACTOR", "4")
    settings = Settings.from_env(warehouse="/bi/w.duckdb")
    assert (settings.staging, settings.warehouse) == (Path("/bi/staging"), Path("/bi/w.duckdb"))  # beside it
    assert settings.yoy_factor == 4.0


def test_a_timeout_is_retried_only_once_the_limit_is_raised(tmp_path: Path) -> None:
    calls: list[float] = []

    def slow_parse(path: Path, limits, *, source_name: str | None = None):
        calls.append(limits.max_seconds)
        if limits.max_seconds < 5:  # this report needs about five seconds
            raise ParseTimeoutError(
                f"{source_name} took longer than the {limits.max_seconds:g}-second limit."
            )
        return json_parse(path, limits, source_name=source_name)

    parser = Parser(slow_parse, TEST_PARSER_VERSION)
    doc = write_document(tmp_path / "big.json", sample_report())
    tight = Settings.from_env({"JIXIAO_PARSE_TIMEOUT_S": "1"}, home=tmp_path / "data")
    roomy = Settings.from_env({"JIXIAO_PARSE_TIMEOUT_S": "30"}, home=tmp_path / "data")

    first = staging.stage_file(doc, tight, "run-1", parser=parser)
    again = staging.stage_file(doc, tight, "run-2", parser=parser)
    raised = staging.stage_file(doc, roomy, "run-3", parser=parser)

    assert (first.status, first.reason_code) == ("rejected", "timeout")
    assert (again.status, again.parsed) == ("rejected", False)  # cached under the same limits
    assert (raised.status, raised.parsed) == ("loaded", True)
    assert calls == [1.0, 30.0]
    assert staging.load_records(roomy, TEST_PARSER_VERSION)[0].status == "parsed"


def test_temp_files_of_killed_writers_are_swept_when_old(settings: Settings) -> None:
    parsed = settings.staging / "parsed"
    parsed.mkdir(parents=True)
    old, fresh = parsed / ".tmp-old.json", parsed / ".tmp-fresh.json"
    old.write_text("{", encoding="utf-8")
    fresh.write_text("{", encoding="utf-8")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    assert staging.sweep_stale_temps(settings) == 1
    assert not old.exists() and fresh.exists()  # a writer may still be using the fresh one
