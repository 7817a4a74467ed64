"""run_checks as a whole: the committed GX project, Data Docs, the pandas-3 workaround, real frames."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import great_expectations as gx
import pandas as pd
import pytest
from contract_v1 import CONTRACT_COLUMNS
from great_expectations.core.run_identifier import RunIdentifier
from quality_sample import sample_frames

import jixiao.quality.checks
from jixiao import quality
from jixiao.extract import model
from jixiao.quality import vocab
from jixiao.quality.catalog import load_checks
from jixiao.quality.checks import SUITES
from jixiao.quality.gxcontext import PROJECT_ROOT, runtime_context, write_project
from jixiao.quality.results import DQ_RESULTS_COLUMNS, describe
from jixiao.quality.runner import CheckSession, _frame_for, gx_frame

ROOT = Path(__file__).resolve().parents[1]


def _settings(tmp_path: Path) -> SimpleNamespace:
    return SimpleNamespace(yoy_factor=10.0, warehouse=tmp_path / "wh" / "jixiao.duckdb")


def _tree_digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _suite_contents(gx_dir: Path) -> dict[str, list[dict]]:
    out = {}
    for path in sorted((gx_dir / "expectations").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out[path.stem] = [{k: v for k, v in e.items() if k != "id"} for e in data["expectations"]]
    return out


def _checkpoint_formats(gx_dir: Path) -> dict[str, object]:
    return {
        p.stem: json.loads(p.read_text(encoding="utf-8"))["result_format"]
        for p in sorted((gx_dir / "checkpoints").glob("*.json"))
    }


def test_committed_project_matches_the_check_catalogue(tmp_path: Path) -> None:
    fresh = write_project(tmp_path / "regenerated")
    committed = PROJECT_ROOT / "gx"
    assert _suite_contents(committed) == _suite_contents(fresh), "run `python -m jixiao.quality.build_suites`"
    assert _checkpoint_formats(committed) == _checkpoint_formats(fresh)
    names = {p.stem for p in (committed / "validation_definitions").glob("*.json")}
    assert names == {s.name for s in SUITES}
    # The GX-free catalogue Dagster and the CLI read is the one the suites were generated with.
    assert (
        load_checks(PROJECT_ROOT)
        == load_checks(tmp_path / "regenerated")
        == tuple(jixiao.quality.checks.CHECKS)
    )
    assert not (committed / "uncommitted").exists()


def test_regenerating_the_project_rewrites_no_committed_file(tmp_path: Path) -> None:
    """The ids GX gives suites, expectations and checkpoints are made stable, so an unchanged catalogue
    regenerates byte for byte and a change to one check shows as that check's diff alone."""
    fresh = write_project(tmp_path / "regenerated")
    committed = PROJECT_ROOT / "gx"
    assert _tree_digest(fresh) == _tree_digest(committed), "run `python -m jixiao.quality.build_suites`"


def test_runs_leave_the_committed_files_alone_and_write_data_docs(tmp_path: Path) -> None:
    before = _tree_digest(PROJECT_ROOT)
    settings = _settings(tmp_path)
    results = jixiao.quality.run_checks(sample_frames(6, indicators_per_report=4), settings, "docs-run")
    assert _tree_digest(PROJECT_ROOT) == before
    index = quality.data_docs_index(settings)
    assert index == tmp_path / "wh" / "data_docs" / "index.html"
    html = index.read_text(encoding="utf-8")
    assert "fact_indicator" in html
    assert len(list((index.parent / "validations").rglob("*.html"))) == len(SUITES)
    assert all(r.success for r in results)


def test_the_context_is_made_once_per_process() -> None:
    assert runtime_context() is runtime_context()
    assert os.environ["GX_ANALYTICS_ENABLED"] == "false"
    assert runtime_context().variables.analytics_enabled is False


def test_a_missing_table_fails_its_schema_and_cannot_feed_cross_table_checks(tmp_path: Path) -> None:
    frames = sample_frames(6, indicators_per_report=4)
    del frames["dim_finance_item"]
    dq = quality.results_frame(jixiao.quality.run_checks(frames, _settings(tmp_path), "r", data_docs=False))
    schema = dq[dq["check_name"] == "dim_finance_item_schema"]
    assert not schema["success"].any()
    assert "missing columns: item_code, item_group, item_key, item_name" in schema["details"].tolist()
    sums = dq[dq["check_name"] == "report_expenditure_adds_up"].iloc[0]
    assert not sums["success"] and sums["details"].startswith("not evaluated: derived frame failed")
    assert dq.loc[dq["check_name"] == "dim_report_schema", "success"].all()


def test_results_frame_has_the_contract_columns(tmp_path: Path) -> None:
    empty = quality.results_frame([])
    assert tuple(empty.columns) == DQ_RESULTS_COLUMNS
    assert len(empty) == 0
    results = jixiao.quality.run_checks(
        sample_frames(3), _settings(tmp_path), "r1", data_docs=False, only=["fact_evaluation_keys"]
    )
    dq = quality.results_frame(results)
    assert dq.columns[:9].tolist() == list(CONTRACT_COLUMNS["dq_results"])
    assert str(dq["checked_at"].dtype) == "datetime64[us, UTC]"
    assert dq["success"].dtype == bool
    assert set(dq["check_name"]) == {"fact_evaluation_keys"}


def test_only_rejects_unknown_checks(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no_such_check"):
        jixiao.quality.run_checks(sample_frames(3), _settings(tmp_path), "r", only=["no_such_check"])


def test_every_check_has_a_known_severity_and_a_contract_table() -> None:
    tables = set(jixiao.quality.contract.TABLES)
    assert len({c.name for c in quality.CHECKS}) == len(quality.CHECKS)
    for check in quality.CHECKS:
        assert check.severity in vocab.SEVERITIES
        assert check.table in tables
        assert check.description


def test_vocabularies_agree_with_the_parsed_report_model() -> None:
    assert vocab.LEVEL1_VALUES == model.LEVEL1_VALUES
    assert vocab.TARGET_OPS == model.TARGET_OPS
    codes = {code for _, parts in vocab.FINANCE_IDENTITIES.values() for code in parts}
    codes |= {total for total, _ in vocab.FINANCE_IDENTITIES.values()}
    assert codes <= set(model.FINANCE_ITEMS)


def test_gx_type_lists_need_object_columns_under_pandas_3() -> None:
    """GX 1.24 never matches pandas 3's ``str`` dtype; gx_frame's object copy is the workaround."""
    context = gx.get_context(mode="ephemeral")
    batch = (
        context.data_sources.add_pandas("p")
        .add_dataframe_asset("a")
        .add_batch_definition_whole_dataframe("w")
    )
    suite = context.suites.add(
        gx.ExpectationSuite(
            "s",
            expectations=[gx.expectations.ExpectColumnValuesToBeInTypeList(column="name", type_list=["str"])],
        )
    )
    validation = context.validation_definitions.add(
        gx.ValidationDefinition(name="v", data=batch, suite=suite)
    )
    frame = pd.DataFrame({"name": pd.Series(["江门市", None], dtype="str")})
    assert str(frame["name"].dtype) == "str"
    assert not validation.run(batch_parameters={"dataframe": frame}).success
    assert validation.run(batch_parameters={"dataframe": gx_frame(frame)}).success
    assert str(frame["name"].dtype) == "str"  # the caller's frame is untouched


@pytest.fixture()
def sample_warehouse_frames(tmp_path: Path) -> tuple[dict[str, pd.DataFrame], object]:
    """Frames from jixiao.warehouse.normalize for the real 2022 and 2023 sample reports, parsed by extract."""
    from jixiao.core.settings import Settings
    from jixiao.staging import store as staging
    from jixiao.warehouse import normalize

    settings = Settings.from_env({}, home=tmp_path / "data", warehouse=tmp_path / "jixiao.duckdb")
    for name in ("jiangmen-gxj-2022.pdf", "jiangmen-gxj-2023.pdf"):
        staging.stage_file(ROOT / "samples" / "reports" / name, settings, "run-1")
    records = staging.load_records(settings)
    assert len(records) == 2
    return normalize.to_frames(records, staging.load_log_rows(settings)), settings


def test_the_sample_reports_pass_before_and_after_the_duckdb_round_trip(sample_warehouse_frames) -> None:
    frames, settings = sample_warehouse_frames
    from jixiao.warehouse import build
    from jixiao.warehouse.partition import read_partitions

    dq = quality.results_frame(jixiao.quality.run_checks(frames, settings, "r"))
    assert dq["success"].all(), dq.loc[~dq["success"], ["expectation", "details"]].to_string()
    frames["dq_results"] = dq
    candidate = build.build_candidate(frames, settings)
    [back] = list(read_partitions(candidate))
    dq = quality.results_frame(jixiao.quality.run_checks(back, settings, "r2", data_docs=False))
    assert dq["success"].all(), dq.loc[~dq["success"], ["expectation", "details"]].to_string()


def test_details_name_a_few_rows_and_count_the_rest() -> None:
    result = {
        "element_count": 40,
        "unexpected_count": 7,
        "partial_unexpected_index_list": [{"grade": "优", "report_key": k} for k in range(1, 8)],
    }
    text = describe(result, None)
    assert text.startswith("7 of 40 rows: grade=优 report_key=1; grade=优 report_key=2;")
    assert "report_key=6" not in text
    assert text.endswith("; and 2 more")
    error = {"raised_exception": True, "exception_message": "boom\ntraceback"}
    assert describe({}, error) == "not evaluated: boom"
    assert describe({"observed_value": "float64"}, None) == "observed float64"


def _comparable(validation: Any) -> list[tuple[Any, ...]]:
    return [
        (er.expectation_config.type, er.expectation_config.kwargs, er.success, er.result, er.exception_info)
        for er in validation.results
    ]


def _meta(validation: Any) -> dict[str, Any]:
    """What the Data Docs show of a result's meta, less when the frame was loaded."""
    meta = {k: v for k, v in validation.meta.items() if k != "active_batch_definition"}
    meta["batch_markers"] = {k: v for k, v in meta["batch_markers"].items() if k != "ge_load_time"}
    return meta


def test_a_session_validates_each_suite_as_its_committed_checkpoint_does(tmp_path: Path) -> None:
    """The session runs each suite with Batch.validate on objects read once; the Checkpoint's own run
    (freshness reads, a stored result per run) must give the same results: on passing and failing rows."""
    frames = sample_frames(6, indicators_per_report=4)
    report = frames["dim_report"]
    report.loc[1, "report_key"] = report.loc[0, "report_key"]  # a duplicate key
    frames["fact_finance"] = frames["fact_finance"].drop(columns=["source_page"])  # a missing column
    frames["ingest_log"].loc[0, "status"] = "imported"  # a status outside the contract's vocabulary
    session = CheckSession(_settings(tmp_path), "same")
    session.validate(frames)
    session.validate_whole(frames)  # the operations tables' suites, once per publish
    context = runtime_context()
    failed = 0
    for definition in SUITES:
        outcome = context.checkpoints.get(definition.name).run(
            batch_parameters={"dataframe": gx_frame(_frame_for(definition, frames))},
            expectation_parameters=session.params,
            run_id=RunIdentifier(run_name="same", run_time=session.at),
        )
        [by_checkpoint] = outcome.run_results.values()
        mine = session._documented[definition.name]
        assert _comparable(mine) == _comparable(by_checkpoint), definition.name
        assert _meta(mine) == _meta(by_checkpoint), definition.name
        assert mine.batch_id == by_checkpoint.batch_id and mine.success == by_checkpoint.success
        failed += not mine.success
    assert failed >= 3  # dim_report (the key), fact_finance (the schema), ingest_log (the status) at least
