"""`jixiao ingest` starts its checker process (GX's import) while the files are still being parsed."""

from __future__ import annotations

import multiprocessing
import multiprocessing.process
from pathlib import Path

import duckdb
import pytest
from quality_sample import sample_frames
from test_warehouse_sample import JSON_PARSER, make_settings, sample_report, write_document

from jixiao.cli.summary import format_summary
from jixiao.ingestion import incremental
from jixiao.ingestion.ingest import ingest
from jixiao.quality.datadocs import data_docs_index
from jixiao.quality.worker import CheckWorker
from jixiao.staging.store import log_dir


@pytest.mark.slow
def test_the_checker_starts_as_the_first_file_is_parsed_and_not_on_a_no_op_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings(tmp_path)
    inbox = tmp_path / "inbox"
    for year in (2021, 2022, 2023):
        write_document(inbox / f"gxj-{year}.json", sample_report(year=year))
    staged_at_start: list[int] = []  # how many files the run had staged when a checker was started
    start = CheckWorker.__init__

    def counting(self: CheckWorker, settings_: object, run_id: str, **kwargs: object) -> None:
        staged_at_start.append(len(list((log_dir(settings) / run_id).glob("*.json"))))
        start(self, settings_, run_id, **kwargs)

    monkeypatch.setattr(CheckWorker, "__init__", counting)

    first = ingest([inbox], settings, parser=JSON_PARSER)
    assert first.published and first.status_counts() == {"loaded": 3}
    assert first.row_counts["dq_results"] > 0 and not first.blocking
    assert staged_at_start == [1]  # one checker, for the whole run, started before the other two files

    again = ingest([inbox], settings, parser=JSON_PARSER)  # nothing new: no rebuild, so no GX
    assert again.published and again.status_counts() == {"unchanged": 3}
    assert staged_at_start == [1]


def _three_reports(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    for year in (2021, 2022, 2023):
        write_document(inbox / f"gxj-{year}.json", sample_report(year=year))
    return inbox


def _reaped(process: multiprocessing.process.BaseProcess) -> bool:
    """The checker ended and was waited for: no orphan, no zombie left by the run."""
    return process.exitcode is not None and process not in multiprocessing.active_children()


@pytest.mark.slow
def test_the_data_docs_come_after_the_results_and_the_checker_leaves_no_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings(tmp_path)
    checkers: list[CheckWorker] = []
    start = CheckWorker.__init__

    def keeping(self: CheckWorker, settings_: object, run_id: str, **kwargs: object) -> None:
        start(self, settings_, run_id, **kwargs)
        checkers.append(self)

    monkeypatch.setattr(CheckWorker, "__init__", keeping)
    result = ingest([_three_reports(tmp_path)], settings, parser=JSON_PARSER)
    assert result.published and result.docs_error is None
    index = data_docs_index(settings)
    assert "dim_report" in index.read_text(encoding="utf-8")
    [checker] = checkers
    assert _reaped(checker._process) and checker._process.exitcode == 0


@pytest.mark.slow
def test_a_checker_dying_while_writing_the_data_docs_unpublishes_nothing_and_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings(tmp_path)
    monkeypatch.setenv("JIXIAO_CRASH_AT", "checks.data_docs")  # the checker only: the env is inherited
    result = ingest([_three_reports(tmp_path)], settings, parser=JSON_PARSER)
    assert result.published and result.status_counts() == {"loaded": 3}
    assert result.row_counts["dq_results"] > 0 and not result.blocking
    assert result.docs_error == (
        "The Data Docs could not be written (the checker process stopped (exit code -9))."
    )
    assert f"Warning: {result.docs_error}" in format_summary(result)
    assert not data_docs_index(settings).exists()
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        assert con.execute("select count(*) from dim_report").fetchone() == (3,)
    assert multiprocessing.active_children() == []


@pytest.mark.slow
def test_a_data_docs_failure_nobody_asked_about_is_a_warning_when_the_checker_closes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild that started its own checker (Dagster's) closes it without asking: still said."""
    settings = make_settings(tmp_path)
    monkeypatch.setenv("JIXIAO_CRASH_AT", "checks.data_docs")
    checker = CheckWorker(settings, "r")
    checker.validate(sample_frames(3, indicators_per_report=2))
    assert all(r.success for r in checker.results())
    with pytest.warns(RuntimeWarning, match=r"Data Docs could not be written \(the checker process stopped"):
        checker.close()
    assert _reaped(checker._process)


@pytest.mark.slow
def test_a_run_that_parses_nothing_but_must_build_starts_the_checker_before_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings(tmp_path)
    inbox = tmp_path / "inbox"
    for year in (2022, 2023):
        write_document(inbox / f"gxj-{year}.json", sample_report(year=year))
    first = ingest([inbox], settings, parser=JSON_PARSER)
    assert first.published
    sha = next(o.sha256 for o in first.outcomes if o.path.name == "gxj-2022.json")
    settings.corrections_dir.mkdir(parents=True)  # a reviewer's correction: the warehouse must change
    (settings.corrections_dir / "retract.yaml").write_text(
        f"source_sha256: {sha}\nretract: true\nreason: not a self-evaluation\n", encoding="utf-8"
    )
    started: list[str] = []
    start, plan = CheckWorker.__init__, incremental.plan

    def starting(self: CheckWorker, settings_: object, run_id: str, **kwargs: object) -> None:
        started.append("checker")
        start(self, settings_, run_id, **kwargs)

    def planning(*args: object) -> incremental.Plan | None:
        started.append("plan")
        return plan(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(CheckWorker, "__init__", starting)
    monkeypatch.setattr(incremental, "plan", planning)
    again = ingest([inbox], settings, parser=JSON_PARSER)
    assert again.published and again.incremental and again.corrections_applied == 1
    assert started == ["checker", "plan"]  # GX imports while the candidate is planned and built
