"""The inbox sensor, its scan index and the nightly schedule, evaluated against a real instance."""

from __future__ import annotations

import hashlib
import os
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from dagster import (
    DagsterInstance,
    SensorResult,
    SkipReason,
    build_schedule_context,
    build_sensor_context,
    instance_for_test,
)

import jixiao.assets.inbox as inbox_mod
from jixiao.assets.inbox import scan_inbox
from jixiao.assets.partitions import REPORT_FILES
from jixiao.assets.resources import JixiaoSettings
from jixiao.pipelines.definitions import defs
from jixiao.pipelines.schedules import nightly_schedule
from jixiao.pipelines.sensors import SOURCE_FILE_TAG, inbox_sensor
from jixiao.staging import index as input_index

# Awkward but real names: spaces, Chinese, full-width brackets, shell metacharacters.
NAMES = {
    "2023年 江门市工业和信息化局 绩效自评报告.pdf": b"%PDF-1.4 report one",
    "（更正）报告 $(rm -rf ~); echo `id` & 'x'.pdf": b"%PDF-1.4 report two",
    "sub dir/notes.docx": b"PK\x03\x04 not a pdf",
    "copy of report one.pdf": b"%PDF-1.4 report one",  # a second download of the same content
}


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fill(inbox: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = inbox / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


@pytest.fixture()
def settings(tmp_path: Path) -> JixiaoSettings:
    return JixiaoSettings(
        home=str(tmp_path),
        inbox=str(tmp_path / "inbox"),
        staging=str(tmp_path / "staging"),
        warehouse=str(tmp_path / "jixiao.duckdb"),
    )


@pytest.fixture()
def instance() -> DagsterInstance:
    with instance_for_test() as inst:
        yield inst


def _tick(instance: DagsterInstance, settings: JixiaoSettings, cursor: str | None) -> SensorResult:
    """One sensor evaluation, as the daemon would run it; a SkipReason becomes an empty result."""
    context = build_sensor_context(
        instance=instance, cursor=cursor, resources={"jixiao": settings}, definitions=defs
    )
    result = inbox_sensor(context)
    if isinstance(result, SkipReason):
        return SensorResult(skip_reason=result, cursor=cursor)
    assert isinstance(result, SensorResult)
    return result


def _apply(instance: DagsterInstance, data) -> None:
    """Do what the sensor daemon does with the tick's partition requests."""
    for request in data.dynamic_partitions_requests:
        instance.add_dynamic_partitions(request.partitions_def_name, list(request.partition_keys))


def test_sensor_requests_one_run_per_new_content_then_nothing(instance, settings) -> None:
    _fill(Path(settings.inbox), NAMES)
    expected = sorted({_sha(data) for data in NAMES.values()})

    first = _tick(instance, settings, None)
    assert sorted(r.run_key for r in first.run_requests) == expected
    assert all(r.partition_key == r.run_key for r in first.run_requests)
    # each run names its file (the first path of that content), so the run list is readable
    shown = {r.run_key: r.tags[SOURCE_FILE_TAG] for r in first.run_requests}
    assert shown[_sha(NAMES["sub dir/notes.docx"])] == "sub dir/notes.docx"
    assert shown[_sha(NAMES["copy of report one.pdf"])] == "2023年 江门市工业和信息化局 绩效自评报告.pdf"
    assert [sorted(req.partition_keys) for req in first.dynamic_partitions_requests] == [expected]
    assert first.dynamic_partitions_requests[0].partitions_def_name == REPORT_FILES
    _apply(instance, first)

    second = _tick(instance, settings, first.cursor)
    assert second.run_requests == []
    assert second.dynamic_partitions_requests == []
    assert second.skip_reason and "unchanged" in second.skip_reason.skip_message

    # A lost cursor re-scans but still requests nothing: the partitions already exist.
    again = _tick(instance, settings, None)
    assert again.run_requests == [] and again.dynamic_partitions_requests == []

    new = b"%PDF-1.4 report three"
    _fill(Path(settings.inbox), {"第三份.pdf": new})
    third = _tick(instance, settings, second.cursor or first.cursor)
    assert [r.run_key for r in third.run_requests] == [_sha(new)]
    assert [list(req.partition_keys) for req in third.dynamic_partitions_requests] == [[_sha(new)]]


def test_sensor_on_a_missing_inbox_requests_nothing(instance, settings) -> None:
    data = _tick(instance, settings, None)
    assert data.run_requests == []


def test_unchanged_inbox_of_1000_files_is_not_rehashed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(input_index, "_RACY_S", 0.0)  # the files were written just now
    inbox, index = tmp_path / "inbox", tmp_path / "staging"
    _fill(inbox, {f"报告 {i:04d}.pdf": f"content {i}".encode() for i in range(1000)})
    first = scan_inbox(inbox, index)
    assert len(first) == 1000 and len({f.sha256 for f in first}) == 1000

    hashed: list[Path] = []
    real = inbox_mod.hash_file
    monkeypatch.setattr(inbox_mod, "hash_file", lambda p: hashed.append(p) or real(p))
    started = time.perf_counter()
    second = scan_inbox(inbox, index)
    elapsed = time.perf_counter() - started
    assert hashed == []
    assert second == first
    assert elapsed < 5.0, f"an unchanged scan of 1,000 files took {elapsed:.2f}s"

    # A rewritten file (new size or mtime) is hashed again, and only that one.
    target = inbox / "报告 0007.pdf"
    target.write_bytes(b"changed content")
    os.utime(target, ns=(time.time_ns(), time.time_ns() + 1_000_000))
    third = scan_inbox(inbox, index)
    assert hashed == [target]
    assert {f.path: f.sha256 for f in third}[target] == _sha(b"changed content")

    # A same-size rewrite with its old mtime put back (cp -p, an unzip): the ctime still tells.
    st = target.stat()
    target.write_bytes(b"CHANGED content")
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
    fourth = scan_inbox(inbox, index)
    assert hashed == [target, target]
    assert {f.path: f.sha256 for f in fourth}[target] == _sha(b"CHANGED content")


def test_nightly_schedule_runs_at_two_beijing_time(instance) -> None:
    assert nightly_schedule.cron_schedule == "0 2 * * *"
    assert nightly_schedule.execution_timezone == "Asia/Shanghai"
    assert nightly_schedule.job_name == "nightly_job"
    when = datetime(2026, 11, 29, 2, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    context = build_schedule_context(instance=instance, scheduled_execution_time=when)
    data = nightly_schedule.evaluate_tick(context)
    assert [r.run_key for r in data.run_requests] == ["nightly-2026-11-29"]
    assert not isinstance(data, SkipReason)
