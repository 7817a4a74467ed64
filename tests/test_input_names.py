"""Issue 12: inputs are known by their path, not their name alone; odd paths never stop a run."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest
from test_warehouse_sample import JSON_PARSER, make_settings, sample_report, write_document

from jixiao.assets.inbox import scan_inbox
from jixiao.ingestion.ingest import ingest
from jixiao.staging import runner
from jixiao.staging import store as staging

GBK_NAME = os.fsdecode("江门2021年报告.json".encode("gbk"))  # as a Windows zip archive leaves it


def _gbk_report(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / GBK_NAME
    path.write_bytes((folder.parent / "tmp.json").read_bytes())
    (folder.parent / "tmp.json").unlink()
    return path


@pytest.mark.slow
def test_same_named_files_a_symlink_loop_and_a_gbk_name_in_one_run(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    inbox = tmp_path / "in"
    write_document(inbox / "a" / "附件1.json", sample_report(year=2022))
    write_document(inbox / "b" / "附件1.json", sample_report(year=2023))
    write_document(inbox / "tmp.json", sample_report(year=2021))
    _gbk_report(inbox / "c")
    (inbox / "loop.json").symlink_to(inbox / "loop.json")

    result = ingest([inbox], settings, parser=JSON_PARSER)

    assert result.published, result.error
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        log = con.execute(
            "select source_path, source_file, status, reason_code, reason from ingest_log"
        ).fetchall()
        reports = con.execute(
            "select source_path, fiscal_year from dim_report order by fiscal_year"
        ).fetchall()
    by_path = {row[0]: row for row in log}
    assert len(log) == 4  # one row per input: two 附件1.json, the GBK-named report, the loop
    assert set(by_path) == {"a/附件1.json", "b/附件1.json", "c/江门2021年报告.json", "loop.json"}
    assert by_path["c/江门2021年报告.json"][1:3] == ("江门2021年报告.json", "loaded")
    loop = by_path["loop.json"]
    assert loop[2:4] == ("rejected", "corrupt") and "symbolic links" in loop[4] and "loop.json" in loop[4]
    assert reports == [("c/江门2021年报告.json", 2021), ("a/附件1.json", 2022), ("b/附件1.json", 2023)]


def test_a_verdict_that_depends_on_the_name_is_not_given_to_another_name(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    text = "会议纪要：第三季度预算执行情况。\n".encode()
    as_pdf, as_txt = tmp_path / "in" / "纪要.pdf", tmp_path / "in" / "notes.txt"
    as_pdf.parent.mkdir()
    as_pdf.write_bytes(text)
    as_txt.write_bytes(text)

    stored: list[int] = []
    for run in ("run-1", "run-2"):
        pdf, txt = runner.stage_files([as_pdf, as_txt], settings, run)
        assert (pdf.reason_code, txt.reason_code) == ("corrupt", "unsupported_format"), run
        assert "notes.txt" in (txt.reason or "") and "a text file" in (txt.reason or "")
        assert "纪要.pdf" in (pdf.reason or "")
        [record] = (settings.staging / "parsed").glob("*.json")
        stored.append(record.stat().st_mtime_ns)
    assert stored[0] == stored[1]  # the second run re-parses nothing and rewrites no record


def test_the_inbox_scan_takes_a_non_utf8_name(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    write_document(inbox / "tmp.json", sample_report(year=2021))
    path = _gbk_report(inbox / "下载")
    files = scan_inbox(inbox, tmp_path / "staging")
    assert [f.path for f in files] == [path]
    assert scan_inbox(inbox, tmp_path / "staging")[0].sha256 == files[0].sha256  # index re-read
    assert staging.display_name(path.name) == "江门2021年报告.json"
