"""The no-op's shortcuts (``jixiao.staging.index``): an unchanged input is not hashed again, a cached
record's outcome is read from the header index, and any change of identity falls back to the real read."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from test_warehouse_sample import (
    JSON_PARSER,
    TEST_PARSER_VERSION,
    make_settings,
    sample_report,
    write_document,
)

from jixiao.staging import index, runner
from jixiao.staging import store as staging


def _counting(calls: list[Path]):
    def hash_file(path: Path) -> str:
        calls.append(path)
        return staging.hash_file(path)

    return hash_file


def test_an_input_is_hashed_again_only_when_its_identity_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index, "_RACY_S", 0.0)
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.4 one")
    calls: list[Path] = []
    hashes = index.InputHashes(tmp_path / "staging")
    first = hashes.sha256(path, _counting(calls))
    hashes.save()
    again = index.InputHashes(tmp_path / "staging")  # as the next run reads it
    assert again.sha256(path, _counting(calls)) == first and len(calls) == 1

    # the same size, the old mtime put back (cp -p, touch -d): ctime still tells
    st = path.stat()
    path.write_bytes(b"%PDF-1.4 two")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    changed = again.sha256(path, _counting(calls))
    assert changed == staging.hash_file(path) != first and len(calls) == 2


def test_a_non_utf8_file_name_is_indexed_and_found_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Downloads named in GBK (report-genre.md) decode to surrogates; saving must not fail on them."""
    monkeypatch.setattr(index, "_RACY_S", 0.0)
    path = Path(os.fsdecode(os.fsencode(tmp_path) + "/江门2021年报告.pdf".encode("gbk")))
    path.write_bytes(b"%PDF-1.4 gbk")
    calls: list[Path] = []
    hashes = index.InputHashes(tmp_path / "staging")
    first = hashes.sha256(path, _counting(calls))
    hashes.save()
    again = index.InputHashes(tmp_path / "staging")
    assert again.sha256(path, _counting(calls)) == first and len(calls) == 1


def test_a_file_changed_within_the_racy_window_is_not_trusted(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.4 just written")
    calls: list[Path] = []
    hashes = index.InputHashes(tmp_path / "staging")
    hashes.sha256(path, _counting(calls))
    hashes.sha256(path, _counting(calls))
    assert len(calls) == 2 and not hashes.dirty


def test_cached_outcomes_come_from_the_header_index_until_the_record_file_changes(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    doc = write_document(tmp_path / "in" / "jiangmen-gxj-2023.json", sample_report())
    first = runner.stage_files([doc], settings, "run-1", parser=JSON_PARSER, light=True)
    assert first[0].status == "loaded"
    headers = json.loads((settings.staging / "headers.json").read_text(encoding="utf-8"))
    assert list(headers["entries"]) == [first[0].sha256]

    again = runner.stage_files([doc], settings, "run-2", parser=JSON_PARSER, light=True)
    assert again[0].status == "unchanged" and again[0].record is not None
    assert again[0].record.report is None and again[0].record.status == "parsed"
    full = runner.stage_files([doc], settings, "run-3", parser=JSON_PARSER)  # not light: the whole record
    assert full[0].record is not None and full[0].record.report is not None

    # the record is replaced by another (a rejection, as an operator's restore might leave it): the
    # index entry no longer matches the file, so the run reads the file and tells the truth
    sha = first[0].sha256
    assert sha is not None
    record_file = staging.parsed_dir(settings) / f"{sha}.json"
    rejected = staging.rejection("jiangmen-gxj-2023.json", sha, TEST_PARSER_VERSION, "corrupt", "Broken.")
    st = record_file.stat()
    tmp = record_file.with_name(".restore.json")
    tmp.write_text(json.dumps(rejected.to_dict()), encoding="utf-8")
    os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(tmp, record_file)
    after = runner.stage_files([doc], settings, "run-4", parser=JSON_PARSER, light=True)
    assert after[0].status == "rejected" and after[0].reason_code == "corrupt"


def test_an_unreadable_index_only_means_reading_more(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    doc = write_document(tmp_path / "in" / "jiangmen-gxj-2023.json", sample_report())
    runner.stage_files([doc], settings, "run-1", parser=JSON_PARSER, light=True)
    for name in ("headers.json", "inputs.json"):
        (settings.staging / name).write_text('{"version": 1, "entries": {"trunc', encoding="utf-8")
    again = runner.stage_files([doc], settings, "run-2", parser=JSON_PARSER, light=True)
    assert [o.status for o in again] == ["unchanged"]


def test_the_input_index_keeps_the_files_of_the_last_run_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index, "_RACY_S", 0.0)
    one, two = tmp_path / "one.pdf", tmp_path / "two.pdf"
    one.write_bytes(b"%PDF-1.4 one")
    two.write_bytes(b"%PDF-1.4 two")
    first = index.InputHashes(tmp_path / "staging")
    first.sha256(one, staging.hash_file)
    first.save()
    second = index.InputHashes(tmp_path / "staging")
    second.sha256(two, staging.hash_file)
    second.save()
    saved = json.loads((tmp_path / "staging" / "inputs.json").read_text(encoding="utf-8"))
    assert list(saved["entries"]) == [os.path.abspath(two)]  # bounded by a run, not by history
