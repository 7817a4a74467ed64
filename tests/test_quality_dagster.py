"""The Dagster asset checks built from quality.CHECKS: the results of the rebuild's GX run, reported.

``warehouse_tables`` validates every row it writes with the GX suites (the rebuild's checker process)
and stores the results in the candidate's dq_results; ``data_quality`` reports those, one asset check
per check, and must never import or run GX a second time. The candidates here are built the same
way: frames (good, or with a bad row) validated by the real GX suites, then written with their results.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from dagster import AssetCheckSeverity, AssetSelection, AssetSpec, Definitions, define_asset_job, materialize
from quality_sample import sample_frames
from test_warehouse_sample import JSON_PARSER, sample_report, stage_documents, write_document

from jixiao import quality
from jixiao.assets import warehouse as warehouse_assets
from jixiao.assets.checks import data_quality
from jixiao.assets.resources import JixiaoSettings
from jixiao.assets.warehouse import published_warehouse, warehouse_tables, warehouse_views
from jixiao.core.settings import Settings
from jixiao.quality import runner
from jixiao.quality.contract import TABLES
from jixiao.warehouse.build import build_candidate, candidate_path

Frames = dict[str, pd.DataFrame]
# The Dagster run whose candidate the checks read (each run reads its own, jixiao.assets.candidates).
RUN_ID = "0f5c3c8e-0000-4000-8000-000000000001"


def test_one_asset_check_per_check_blocking_where_the_check_blocks() -> None:
    specs = {spec.name: spec for spec in data_quality.check_specs}
    assert set(specs) == {c.name for c in quality.CHECKS}
    for check in quality.CHECKS:
        assert specs[check.name].asset_key.to_user_string() == check.table
        assert specs[check.name].blocking == (check.severity == "blocking")


def _candidate(home: Path, bad_row: Callable[[Frames], None] | None = None) -> list[quality.CheckResult]:
    """Build a candidate like the rebuild: the frames checked by the GX suites, written with the results."""
    settings = Settings.from_env({}, home=home)
    frames = sample_frames(6, indicators_per_report=4)
    if bad_row is not None:
        bad_row(frames)
    results = runner.run_checks(frames, settings, "the-rebuild")
    frames["ingest_log"] = pd.DataFrame(
        columns=["run_id", "source_file", "source_sha256", "status", "reason_code", "reason", "ingested_at"]
    )
    frames["dq_results"] = quality.results_frame(results)
    build_candidate(frames, settings, RUN_ID)
    return results


def _evaluate(home: Path, monkeypatch: pytest.MonkeyPatch, *also: object):
    monkeypatch.setattr(runner, "CheckSession", _refuse)
    monkeypatch.setattr(runner, "run_checks", _refuse)
    defs = Definitions(
        assets=[*also, *(AssetSpec(t) for t in TABLES), *([AssetSpec("warehouse_views")] if also else [])],
        asset_checks=[data_quality],
        jobs=[define_asset_job("checks", AssetSelection.all_asset_checks() | AssetSelection.assets(*also))],
        resources={"jixiao": JixiaoSettings(home=str(home))},
    )
    result = defs.resolve_job_def("checks").execute_in_process(run_id=RUN_ID, raise_on_error=False)
    return result, {e.check_name: e for e in result.get_asset_check_evaluations()}


def _refuse(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("the asset check ran the GX suites a second time")


def _score_150(frames: Frames) -> None:
    evaluation = frames["fact_evaluation"]
    evaluation.loc[evaluation.report_key == 1, "self_score"] = 150.0


def test_checks_pass_on_a_good_candidate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    results = _candidate(tmp_path)
    assert results and all(r.success for r in results)
    result, evaluations = _evaluate(tmp_path, monkeypatch)
    assert result.success
    assert set(evaluations) == {c.name for c in quality.CHECKS}
    assert all(e.passed for e in evaluations.values())
    assert evaluations["dim_report_keys"].metadata["checked_by_run"].text == "the-rebuild"
    assert evaluations["dim_report_keys"].metadata["expectations"].value == len(
        [r for r in results if r.check_name == "dim_report_keys"]
    )
    assert (tmp_path / "data_docs" / "index.html").exists()  # written by the GX run, linked here


def test_a_blocking_failure_of_the_rebuilds_checks_fails_the_check_and_stops_the_publish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    results = _candidate(tmp_path, _score_150)
    [computed] = [r for r in results if r.check_name == "fact_evaluation_self_score" and not r.success]
    result, evaluations = _evaluate(tmp_path, monkeypatch, published_warehouse)
    assert not result.success  # a failed blocking check stops everything downstream
    blocking = evaluations["fact_evaluation_self_score"]
    assert not blocking.passed and blocking.severity == AssetCheckSeverity.ERROR
    failures = blocking.metadata["failures"].value
    assert f"`{computed.expectation}`: {computed.details}" in failures and "self_score=150.0" in failures
    warning = evaluations["evaluation_grade_matches_score"]
    assert not warning.passed and warning.severity == AssetCheckSeverity.WARN
    failed = {name for name, e in evaluations.items() if not e.passed}
    assert failed == {"fact_evaluation_self_score", "evaluation_grade_matches_score"}
    assert not result.asset_materializations_for_node("published_warehouse")
    assert not (tmp_path / "jixiao.duckdb").exists()


def test_a_warning_alone_lets_the_run_succeed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def grade_poor(frames: Frames) -> None:
        evaluation = frames["fact_evaluation"]
        evaluation.loc[evaluation.report_key == 2, "grade"] = "差"

    _candidate(tmp_path, grade_poor)
    result, evaluations = _evaluate(tmp_path, monkeypatch)
    assert result.success
    assert [n for n, e in evaluations.items() if not e.passed] == ["evaluation_grade_matches_score"]


def test_a_candidate_without_results_fails_every_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _candidate(tmp_path)
    with duckdb.connect(str(candidate_path(tmp_path / "jixiao.duckdb", RUN_ID))) as con:
        con.execute("delete from dq_results")
    result, evaluations = _evaluate(tmp_path, monkeypatch)
    assert not result.success
    assert set(evaluations) == {c.name for c in quality.CHECKS}
    assert not any(e.passed for e in evaluations.values())  # nothing checked is never a pass


@pytest.mark.slow
def test_the_publish_graph_reports_the_rebuilds_results_from_staged_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real rebuild (its checker process) on staged reports: a warning and a quarantine, shown."""
    resource = JixiaoSettings(home=str(tmp_path))
    settings = resource.settings()
    good = sample_report(year=2022)
    poor = sample_report(year=2023)
    poor = dataclasses.replace(poor, evaluation=dataclasses.replace(poor.evaluation, grade="差"))
    broken = sample_report(year=2021, score=150.0)
    documents = [
        write_document(tmp_path / "inbox" / f"{name}.json", report)
        for name, report in (("good", good), ("poor", poor), ("broken", broken))
    ]
    stage_documents(settings, documents, "staged")
    monkeypatch.setattr(warehouse_assets, "default_parser", lambda: JSON_PARSER)
    monkeypatch.setattr(runner, "CheckSession", _refuse)  # the rebuild's checker runs in its own process
    monkeypatch.setattr(runner, "run_checks", _refuse)

    result = materialize(
        [warehouse_tables, warehouse_views, published_warehouse, data_quality],
        resources={"jixiao": resource},
        raise_on_error=False,
    )
    assert result.success
    evaluations = {e.check_name: e for e in result.get_asset_check_evaluations()}
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        stored = con.execute(
            "select check_name, bool_and(success) from dq_results "
            "where quarantined_reports is null group by 1"
        ).fetchall()
        failed = con.execute(
            "select expectation from dq_results where check_name = 'evaluation_grade_matches_score' "
            "and not success"
        ).fetchall()
    assert dict(stored) == {name: e.passed for name, e in evaluations.items()}
    warning = evaluations["evaluation_grade_matches_score"]
    assert not warning.passed and warning.severity == AssetCheckSeverity.WARN
    listing = warning.metadata["failures"].value
    assert failed and all(f"`{expectation}`" in listing for (expectation,) in failed)
    assert "grade=差" in listing
    # the broken report was held out: the check passes on what is published, naming the quarantine
    score = evaluations["fact_evaluation_self_score"]
    assert score.passed and score.metadata["quarantined_reports"].value == 1
    assert "self_score 150" in score.metadata["quarantined"].value
    assert all(e.passed for e in evaluations.values() if e.severity == AssetCheckSeverity.ERROR)
    # the operations tables' suites, validated once on the whole tables, are asset checks of theirs
    for name, table in (("ingest_log_status", "ingest_log"), ("corrections_field", "corrections")):
        check = evaluations[name]
        assert check.passed and check.asset_key.to_user_string() == table
        assert check.metadata["expectations"].value > 0
