"""Issue 12: the staging caches facts about files only, hashes what it parses, and takes finite settings."""

from __future__ import annotations

import errno
import os
import resource
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

from jixiao.core.settings import Settings, SettingsError, max_workers
from jixiao.staging import runner
from jixiao.staging import store as staging
from jixiao.staging.store import Parser


def parse_on_a_full_disk(path: Path, limits: object = None, *, source_name: str | None = None):
    """json_parse in a parser process whose staging disk is full: saving its record fails with ENOSPC."""

    def disk_full(*args: object, **kwargs: object):
        raise OSError(errno.ENOSPC, "No space left on device")

    staging.save_record = disk_full  # this parser process only
    return json_parse(path, limits, source_name=source_name)


def parse_and_report_the_address_space_limit(
    path: Path, limits: object = None, *, source_name: str | None = None
):
    """json_parse whose report's title carries the parser process's RLIMIT_AS (soft limit, bytes)."""
    from dataclasses import replace

    report = json_parse(path, limits, source_name=source_name)
    return replace(report, title=str(resource.getrlimit(resource.RLIMIT_AS)[0]))


def parse_until_the_cap_then_abort(path: Path, limits: object = None, *, source_name: str | None = None):
    """What PDFium does on a page that expands without end: allocate until refused, then abort()."""
    import ctypes
    import time

    libc = ctypes.CDLL(None)
    libc.malloc.restype = ctypes.c_void_p
    while libc.malloc(16 * 2**20):  # never freed: the process is about to die
        pass
    time.sleep(1.5)  # long enough for the parent to see the address space at the cap
    os.abort()


def parse_into_a_memory_error(path: Path, limits: object = None, *, source_name: str | None = None):
    """A parser whose Python allocation is refused at the cap."""
    return bytearray(1024 * 2**20)


def test_a_parse_that_reaches_the_memory_cap_is_too_large(tmp_path: Path) -> None:
    settings = Settings.from_env({"JIXIAO_PARSER_MEMORY_MB": "512"}, home=tmp_path / "data", workers=1)
    aborts = write_document(tmp_path / "in" / "a" / "bomb.json", sample_report(year=2021))
    raises = write_document(tmp_path / "in" / "b" / "bomb.json", sample_report(year=2022))
    for doc, parse in ((aborts, parse_until_the_cap_then_abort), (raises, parse_into_a_memory_error)):
        [outcome] = runner.stage_files(
            [doc], settings, "run-1", parser=Parser(parse, "v"), labels=["x/bomb.json"]
        )
        assert outcome.reason_code == "too_large", outcome.reason
        assert "x/bomb.json needed more than the 512 MB" in (outcome.reason or "")
        assert "JIXIAO_PARSER_MEMORY_MB" in (outcome.reason or "")


def test_a_record_the_disk_could_not_hold_is_not_cached_as_a_parse_error(tmp_path: Path) -> None:
    settings = Settings.from_env({}, home=tmp_path / "data", workers=1)
    doc = write_document(tmp_path / "in" / "jiangmen-gxj-2023.json", sample_report())

    [full] = runner.stage_files([doc], settings, "run-1", parser=Parser(parse_on_a_full_disk, "v"))
    assert (full.status, full.reason_code) == ("rejected", "parse_error")
    reason = full.reason or ""
    assert "No space left on device" in reason and "retried on the next run" in reason
    assert staging.cached_record(full.sha256 or "", settings, "v") is None

    # space freed: the next run parses the file and loads it
    [freed] = runner.stage_files([doc], settings, "run-2", parser=Parser(json_parse, "v"))
    assert (freed.status, freed.parsed) == ("loaded", True)


def test_a_parser_process_killed_or_exiting_is_retried_but_a_segfault_is_cached(tmp_path: Path) -> None:
    settings = Settings.from_env({}, home=tmp_path / "data", workers=1)
    crash = write_document(tmp_path / "in" / "crash.json", sample_report(), crash=True)
    [outcome] = runner.stage_files([crash], settings, "run-1", parser=JSON_PARSER)
    assert outcome.reason_code == "parse_error" and "SIGSEGV" in (outcome.reason or "")
    record = staging.cached_record(outcome.sha256 or "", settings, TEST_PARSER_VERSION)
    assert record is not None and record.limits == staging.limits_dict(settings)  # retried at other limits


def test_a_file_replaced_while_it_is_parsed_is_never_cached_under_the_old_hash(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    first = write_document(tmp_path / "in" / "附件1.json", sample_report(year=2022))
    other = write_document(tmp_path / "other" / "附件1.json", sample_report(year=2023))
    first_sha = staging.hash_file(first)
    first_bytes = first.read_bytes()

    def moved_over_while_parsing(path: Path, limits: object = None, *, source_name: str | None = None):
        if other.exists():
            os.replace(other, path)  # another report is moved over this one mid-run
        return json_parse(path, limits, source_name=source_name)

    outcome = staging.stage_file(first, settings, "run-1", parser=Parser(moved_over_while_parsing, "v"))
    assert (outcome.status, outcome.reason_code) == ("rejected", "parse_error")
    assert "changed" in (outcome.reason or "") and "retried" in (outcome.reason or "")
    assert staging.cached_record(first_sha, settings, "v") is None  # nothing cached under the old bytes

    # the next run loads what is there now, and the first report still loads when it comes back
    now = staging.stage_file(first, settings, "run-2", parser=Parser(json_parse, "v"))
    assert now.status == "loaded" and now.record and now.record.report
    assert now.record.report.fiscal_year == 2023
    back = tmp_path / "back" / "附件1.json"
    back.parent.mkdir()
    back.write_bytes(first_bytes)
    again = staging.stage_file(back, settings, "run-3", parser=Parser(json_parse, "v"))
    assert again.status == "loaded" and again.record and again.record.report
    assert again.record.report.fiscal_year == 2022


def test_each_parser_process_has_an_address_space_cap(tmp_path: Path) -> None:
    settings = Settings.from_env({"JIXIAO_PARSER_MEMORY_MB": "1500"}, home=tmp_path / "data", workers=1)
    doc = write_document(tmp_path / "in" / "a.json", sample_report())
    parser = Parser(parse_and_report_the_address_space_limit, "v")
    [outcome] = runner.stage_files([doc], settings, "run-1", parser=parser)
    assert outcome.record and outcome.record.report
    assert outcome.record.report.title == str(1500 * 2**20)
    assert Settings.from_env({}).limits.max_memory_mb == 4096


@pytest.mark.parametrize(
    ("var", "value", "message"),
    [
        ("JIXIAO_PARSE_TIMEOUT_S", "nan", "finite"),
        ("JIXIAO_PARSE_TIMEOUT_S", "inf", "finite"),
        ("JIXIAO_PARSE_TIMEOUT_S", "1e12", "in range"),
        ("JIXIAO_MAX_FILE_MB", "inf", "finite"),
        ("JIXIAO_MAX_FILE_MB", "1e300", "in range"),
        ("JIXIAO_PARSER_MEMORY_MB", "16", "in range"),
        ("JIXIAO_WORKERS", "100000", "at most"),
        ("JIXIAO_YOY_FACTOR", "nan", "finite"),
    ],
)
def test_settings_must_be_finite_and_bounded(var: str, value: str, message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        Settings.from_env({var: value})


def test_the_worker_cap_is_four_per_core() -> None:
    assert Settings.from_env({"JIXIAO_WORKERS": str(max_workers())}).workers == max_workers()
    assert max_workers() == 4 * (os.cpu_count() or 1)
