"""Bad input never stops a run: the bad corpus mixed with the good samples, ingested twice by the CLI."""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest
from fixturegen.badcorpus import (
    BACKTICK_NAME,
    MANY_PAGES_NAME,
    NO_TABLE_NAME,
    SHELL_NAME,
    SQL_NAME,
    make_bad_corpus,
)
from reliability_helpers import ACTIONS, SAMPLES, SAMPLES_DIR, content, read_frames, run_cli

from jixiao.core.settings import Settings
from jixiao.extract.errors import REASON_CODES
from jixiao.ingestion.ingest import ingest
from jixiao.staging import store as staging

pytestmark = pytest.mark.skipif(not SAMPLES, reason="samples/reports/*.pdf not generated yet")


@dataclass
class CorpusRuns:
    """Two CLI runs over the same inbox (samples first, then the bad corpus)."""

    tmp: Path
    home: Path
    warehouse: Path
    expected: dict[str, tuple[str, str | None]]
    first: Any
    second: Any
    first_content: dict[str, list[tuple[Any, ...]]]
    second_content: dict[str, list[tuple[Any, ...]]]
    parsed_before: dict[str, int]
    parsed_after: dict[str, int]
    log: Any  # the ingest_log frame after the second run
    dq: Any  # dq_results after the first run


def _parsed_files(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in (folder / "staging" / "parsed").iterdir()}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> CorpusRuns:
    tmp = tmp_path_factory.mktemp("corpus")
    inbox = tmp / "inbox"
    shutil.copytree(SAMPLES_DIR, inbox / "good")
    expected = make_bad_corpus(inbox / "bad")
    odd = inbox / "odd"  # not files at all: a pipe would block a reader forever, a link points nowhere
    odd.mkdir()
    os.mkfifo(odd / "pipe.pdf")
    (odd / "broken-link.pdf").symlink_to(tmp / "nowhere.pdf")
    expected.update({"pipe.pdf": ("rejected", "corrupt"), "broken-link.pdf": ("rejected", "corrupt")})
    home, warehouse = tmp / "data", tmp / "bi" / "jixiao.duckdb"
    args = ["ingest", str(inbox / "good"), str(inbox / "bad"), str(odd), "--warehouse", str(warehouse)]
    first = run_cli([*args, "--no-progress"], home, cwd=tmp, timeout=300)  # a hang fails, not stalls
    assert first.returncode == 0, first.stdout + first.stderr
    first_content = content(warehouse)
    dq = read_frames(warehouse)["dq_results"]
    parsed_before = _parsed_files(warehouse.parent)
    second = run_cli([*args, "--no-progress"], home, cwd=tmp, timeout=300)
    assert second.returncode == 0, second.stdout + second.stderr
    return CorpusRuns(
        tmp,
        home,
        warehouse,
        expected,
        first,
        second,
        first_content,
        content(warehouse),
        parsed_before,
        _parsed_files(warehouse.parent),
        read_frames(warehouse)["ingest_log"],
        dq,
    )


def _runs_in_order(log: Any) -> list[str]:
    return sorted(log["run_id"].unique())


def test_the_corpus_has_every_kind_of_bad_input(tmp_path: Path) -> None:
    expected = make_bad_corpus(tmp_path)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert len(expected) >= 30 and sorted(expected) == files
    codes = {code for _, code in expected.values() if code}
    assert codes >= set(REASON_CODES) - {"timeout", "parse_error"}  # those two need a slow or buggy run
    statuses = {status for status, _ in expected.values()}
    assert statuses == {"loaded", "unchanged", "rejected"}
    assert {SQL_NAME, SHELL_NAME, BACKTICK_NAME, NO_TABLE_NAME} <= set(files)
    assert (tmp_path / "empty.pdf").stat().st_size == 0
    assert sum(name.startswith("truncated-") for name in files) >= 5


def test_every_file_ends_as_one_ingest_log_row_with_the_expected_outcome(runs: CorpusRuns) -> None:
    first_run = _runs_in_order(runs.log)[0]
    rows = runs.log[runs.log.run_id == first_run]
    assert len(rows) == len(runs.expected) + len(SAMPLES)
    assert rows.source_file.is_unique
    got = {
        r.source_file: (r.status, None if pd.isna(r.reason_code) else r.reason_code)
        for r in rows.itertuples()
    }
    want = {**runs.expected, **{p.name: ("loaded", None) for p in SAMPLES}}
    mismatches = {
        name: (got.get(name), outcome) for name, outcome in want.items() if got.get(name) != outcome
    }
    assert mismatches == {}


def test_every_good_report_is_loaded_and_current(runs: CorpusRuns) -> None:
    report = read_frames(runs.warehouse)["dim_report"]
    good = {staging.hash_file(p) for p in SAMPLES} | {
        staging.hash_file(runs.tmp / "inbox" / "bad" / NO_TABLE_NAME)
    }
    assert set(report.source_sha256) == good
    assert report.is_current.all()
    assert sorted(report.source_file) == sorted([p.name for p in SAMPLES] + [NO_TABLE_NAME])


def test_a_report_without_its_indicator_table_loads_with_a_warning(runs: CorpusRuns) -> None:
    with duckdb.connect(str(runs.warehouse), read_only=True) as con:
        rows = con.execute(
            "select indicator_count from v_department_year where fiscal_year = ? and department_name like ?",
            [2020, "%余杭%"],
        ).fetchall()
    assert rows == [(0,)]
    failed = runs.dq[(runs.dq.expectation.str.len() > 0) & (~runs.dq.success.astype(bool))]
    warning = failed[
        failed.suite.str.contains("report_has_indicators") | failed.expectation.str.contains("indicator_rows")
    ]
    assert len(warning) >= 1 and set(warning.severity) == {"warning"}
    assert NO_TABLE_NAME in " ".join(warning.details.astype(str))
    assert "Data-quality warnings:" in runs.first.stdout
    assert not failed[failed.severity == "blocking"].shape[0]


def test_each_reject_reason_is_one_actionable_sentence_naming_its_file(runs: CorpusRuns) -> None:
    rejected = runs.log[runs.log.status == "rejected"]
    assert len(rejected) >= 25
    for row in rejected.itertuples():
        reason = row.reason
        assert row.source_file in reason, f"{row.source_file}: the reason names another file: {reason}"
        rest = reason.replace(row.source_file, "FILE")
        assert rest.endswith("."), reason
        assert not re.search(r"[.。!?]\s+\S", rest[:-1]), f"more than one sentence: {reason}"
        assert ACTIONS.search(rest), f"no action in: {reason}"
    for row in runs.log[runs.log.status == "unchanged"].itertuples():
        assert row.source_file in row.reason and row.reason.endswith("."), row.reason


def test_the_summary_lists_every_rejected_file_with_its_code_and_reason(runs: CorpusRuns) -> None:
    out = runs.first.stdout
    rejected = {n: code for n, (status, code) in runs.expected.items() if status == "rejected"}
    unchanged = sum(status == "unchanged" for status, _ in runs.expected.values())
    assert f"Published {runs.warehouse}" in out
    assert (
        f"loaded: {len(SAMPLES) + 1}  unchanged: {unchanged}  superseded: 0  rejected: {len(rejected)}" in out
    )
    for name, code in rejected.items():
        assert f"  {name} → {code}: {name} " in out, name


def test_running_the_same_inbox_again_parses_nothing_and_changes_no_fact(runs: CorpusRuns) -> None:
    assert runs.second_content == runs.first_content
    assert runs.parsed_after == runs.parsed_before  # no record rewritten, none added
    total = len(runs.expected) + len(SAMPLES)
    rejected = sum(status == "rejected" for status, _ in runs.expected.values())
    assert (
        f"loaded: 0  unchanged: {total - rejected}  superseded: 0  rejected: {rejected}" in runs.second.stdout
    )
    second_run = _runs_in_order(runs.log)[1]
    rows = runs.log[runs.log.run_id == second_run]
    assert len(rows) == total and set(rows.status) == {"unchanged", "rejected"}


def test_file_names_are_never_given_to_a_shell(runs: CorpusRuns) -> None:
    for where in (runs.tmp, runs.tmp / "inbox", runs.tmp / "inbox" / "bad", runs.home, Path.cwd()):
        assert not (where / "x").exists() and not (where / "y").exists(), where
    assert (runs.tmp / "inbox" / "bad" / SHELL_NAME).exists()


def test_a_file_that_parses_too_long_is_stopped_and_rejected_as_timeout(tmp_path: Path) -> None:
    make_bad_corpus(tmp_path / "corpus")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(tmp_path / "corpus" / MANY_PAGES_NAME, inbox / MANY_PAGES_NAME)
    env = {"JIXIAO_MAX_PAGES": "100000", "JIXIAO_PARSE_TIMEOUT_S": "0.2", "JIXIAO_WORKERS": "1"}
    settings = Settings.from_env(env, home=tmp_path / "data")

    result = ingest([inbox], settings)

    assert result.published
    [row] = result.log_rows
    assert (row["source_file"], row["status"], row["reason_code"]) == (MANY_PAGES_NAME, "rejected", "timeout")
    assert "JIXIAO_PARSE_TIMEOUT_S" in row["reason"]
