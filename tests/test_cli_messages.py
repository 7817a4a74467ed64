"""What a newcomer meets at the command line: help, version, one sentence for each mistake, progress.

Runs the real `jixiao` command (in process where only messages are checked, as a subprocess where
the output stream matters).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_warehouse_sample import JSON_PARSER, sample_report, write_document

from jixiao.cli.app import main
from jixiao.cli.summary import format_summary
from jixiao.core.settings import Settings
from jixiao.ingestion.ingest import ingest
from jixiao.staging import runner

ROOT = Path(__file__).resolve().parents[1]
JIXIAO = Path(sys.executable).with_name("jixiao")


def _main(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # --version and --help exit through argparse
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_version_names_the_installed_package(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _main(capsys, "--version")
    assert code == 0 and out.startswith("jixiao ") and out.split()[1][0].isdigit()


@pytest.mark.parametrize("command", ["ingest", "query", "export", "report"])
def test_each_command_has_a_description_and_an_example(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    code, out, _ = _main(capsys, command, "--help")
    assert code == 0
    assert "example" in out and f"jixiao {command}" in out.split("example", 1)[1]
    assert out.count("\n") > 8


def test_the_sql_argument_is_explained(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _main(capsys, "query", "--help")
    assert "SQL" in out and "one SQL statement" in out


@pytest.mark.parametrize("sql", ["", "   ", "-- just a comment", ";", "/* nothing */ ;"])
def test_an_empty_query_is_one_sentence_not_a_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sql: str
) -> None:
    code, out, err = _main(capsys, "query", sql, "--warehouse", str(tmp_path / "none.duckdb"))
    assert code == 2 and out == ""
    assert err.startswith("jixiao query: the SQL is empty") and err.count("\n") == 1
    assert "Traceback" not in err


def test_report_out_naming_a_folder_is_one_sentence(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = _main(capsys, "report", "--out", str(tmp_path), "--warehouse", str(tmp_path / "w.duckdb"))
    assert code == 2
    example = tmp_path / "report.html"
    assert (
        err == f"jixiao report: {tmp_path} is a folder; --out takes the HTML file to write, e.g. {example}.\n"
    )


def test_export_parquet_naming_a_file_is_one_sentence(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    existing = tmp_path / "out.parquet"
    existing.write_bytes(b"PAR1")
    code, _, err = _main(
        capsys, "export", "--parquet", str(existing), "--warehouse", str(tmp_path / "w.duckdb")
    )
    assert code == 2
    assert (
        err == f"jixiao export: {existing} is a file; --parquet takes a folder (it is created if missing).\n"
    )
    assert existing.read_bytes() == b"PAR1"


@pytest.mark.slow
def test_progress_is_plain_lines_per_phase_and_the_summary_counts_what_the_publish_added(
    tmp_path: Path,
) -> None:
    """A report staged earlier by another run (as the Dagster sensor does) is published by this run:
    the summary says the publish added two reports, one parsed earlier, where this run loaded one."""
    home = tmp_path / "data"
    settings = Settings.from_env({}, home=home, warehouse=tmp_path / "wh" / "j.duckdb")
    earlier, now = tmp_path / "earlier", tmp_path / "now"
    earlier.mkdir()
    now.mkdir()
    write_document(earlier / "a.json", sample_report(department="甲市财政局"))
    write_document(now / "b.json", sample_report(department="乙市财政局"))
    runner.stage_files([earlier / "a.json"], settings, "sensor-run", parser=JSON_PARSER)

    err = tmp_path / "stderr.txt"
    with err.open("w", encoding="utf-8") as stream, pytest.MonkeyPatch.context() as mp:
        mp.setattr(sys, "stderr", stream)  # a log file, not a terminal
        result = ingest([now], settings, parser=JSON_PARSER, progress=True)
    assert result.published
    text = err.read_text(encoding="utf-8")
    assert "\r" not in text
    for line in (
        "jixiao: parse: 1 input file",
        "jixiao: parse 1/1 b.json: loaded",
        "jixiao: build and check…",
        "jixiao: build partition 1/1 (2 reports), checks beside it",
        "jixiao: checks: waiting for the last results",
        "jixiao: publish…",
    ):
        assert line in text.splitlines(), (line, text)
    assert "jixiao: publish done in" in text
    summary = format_summary(result)
    assert "loaded: 1" in summary
    assert (
        "The warehouse now holds 2 reports; this publish added 2, 1 of them parsed earlier by another run"
        in summary
    )
    assert "a.json" in summary.split("parsed earlier", 1)[1]


@pytest.mark.slow
def test_the_command_writes_no_carriage_returns_into_a_log(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(ROOT / "samples" / "reports" / "jiangmen-gxj-2023.pdf", inbox)
    env = {**os.environ, "JIXIAO_HOME": str(tmp_path / "data")}
    done = subprocess.run(
        [str(JIXIAO), "ingest", str(inbox), "--warehouse", str(tmp_path / "j.duckdb")],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "\r" not in done.stderr
    assert "jixiao: parse 1/1 jiangmen-gxj-2023.pdf: loaded" in done.stderr
    assert "jixiao: publish done in" in done.stderr
    assert "The warehouse now holds 1 report; this publish added 1." in done.stdout
