"""The Dagster asset checks built from quality.CHECKS, run on a candidate warehouse file."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest
from dagster import AssetCheckSeverity, AssetSelection, AssetSpec, materialize
from quality_sample import sample_frames

from jixiao import quality
from jixiao.assets.checks import data_quality
from jixiao.assets.resources import JixiaoSettings
from jixiao.core.settings import Settings
from jixiao.quality.contract import TABLES
from jixiao.warehouse.build import build_candidate


def test_one_asset_check_per_check_blocking_where_the_check_blocks() -> None:
    specs = {spec.name: spec for spec in data_quality.check_specs}
    assert set(specs) == {c.name for c in quality.CHECKS}
    for check in quality.CHECKS:
        assert specs[check.name].asset_key.to_user_string() == check.table
        assert specs[check.name].blocking == (check.severity == "blocking")


@pytest.fixture()
def home(tmp_path: Path) -> Path:
    settings = Settings.from_env({}, home=tmp_path)
    frames = sample_frames(6, indicators_per_report=4)
    frames["ingest_log"] = pd.DataFrame(
        columns=["run_id", "source_file", "source_sha256", "status", "reason_code", "reason", "ingested_at"]
    )
    frames["dq_results"] = quality.results_frame([])
    build_candidate(frames, settings)
    return tmp_path


def _evaluate(home: Path):
    result = materialize(
        [data_quality, *(AssetSpec(t) for t in TABLES)],
        selection=AssetSelection.all_asset_checks(),
        resources={"jixiao": JixiaoSettings(home=str(home))},
        raise_on_error=False,
    )
    return result, {e.check_name: e for e in result.get_asset_check_evaluations()}


def test_checks_pass_on_a_good_candidate(home: Path) -> None:
    result, evaluations = _evaluate(home)
    assert result.success
    assert set(evaluations) == {c.name for c in quality.CHECKS}
    assert all(e.passed for e in evaluations.values())
    assert (home / "data_docs" / "index.html").exists()


def test_a_blocking_failure_fails_the_step_and_a_warning_does_not(home: Path) -> None:
    with duckdb.connect(str(home / "jixiao.duckdb.next")) as con:
        con.execute("update fact_evaluation set self_score = 150 where report_key = 1")
    result, evaluations = _evaluate(home)
    assert not result.success  # a failed blocking check stops everything downstream
    blocking = evaluations["fact_evaluation_self_score"]
    assert not blocking.passed and blocking.severity == AssetCheckSeverity.ERROR
    assert "self_score=150.0" in blocking.metadata["failures"].value
    warning = evaluations["evaluation_grade_matches_score"]
    assert not warning.passed and warning.severity == AssetCheckSeverity.WARN
    failed = {name for name, e in evaluations.items() if not e.passed}
    assert failed == {"fact_evaluation_self_score", "evaluation_grade_matches_score"}


def test_a_warning_alone_lets_the_run_succeed(home: Path) -> None:
    with duckdb.connect(str(home / "jixiao.duckdb.next")) as con:
        con.execute("update fact_evaluation set grade = '差' where report_key = 2")
    result, evaluations = _evaluate(home)
    assert result.success
    assert [n for n, e in evaluations.items() if not e.passed] == ["evaluation_grade_matches_score"]
