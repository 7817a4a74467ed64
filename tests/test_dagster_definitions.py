"""Tier 1: the code location loads and validates, and its asset graph is the reviewed one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DAGSTER = Path(sys.executable).with_name("dagster")

# A change to the asset graph must show up here, in review.
EXPECTED_ASSET_KEYS = [
    "corrections",
    "dim_department",
    "dim_finance_item",
    "dim_indicator",
    "dim_report",
    "dq_results",
    "fact_evaluation",
    "fact_finance",
    "fact_indicator",
    "ingest_log",
    "parsed_report",
    "published_warehouse",
    "report_file",
    "staged_inbox",
    "warehouse_views",
]

# Every GX check of quality.CHECKS, attached to its contract table.
EXPECTED_CHECK_KEYS: list[str] = [
    "corrections:corrections_field",
    "corrections:corrections_file",
    "corrections:corrections_keys",
    "corrections:corrections_schema",
    "corrections:corrections_sha256",
    "corrections:corrections_source_known",
    "dim_department:dim_department_keys",
    "dim_department:dim_department_schema",
    "dim_finance_item:dim_finance_item_keys",
    "dim_finance_item:dim_finance_item_schema",
    "dim_indicator:dim_indicator_keys",
    "dim_indicator:dim_indicator_schema",
    "dim_indicator:dim_indicator_vocabulary",
    "dim_report:dim_report_fiscal_year",
    "dim_report:dim_report_foreign_keys",
    "dim_report:dim_report_keys",
    "dim_report:dim_report_schema",
    "dim_report:dim_report_source_format",
    "dim_report:report_extraction_self_checks",
    "dim_report:report_has_indicators",
    "fact_evaluation:evaluation_grade_matches_score",
    "fact_evaluation:fact_evaluation_fiscal_year",
    "fact_evaluation:fact_evaluation_foreign_keys",
    "fact_evaluation:fact_evaluation_keys",
    "fact_evaluation:fact_evaluation_schema",
    "fact_evaluation:fact_evaluation_self_score",
    "fact_finance:fact_finance_amount_present",
    "fact_finance:fact_finance_fiscal_year",
    "fact_finance:fact_finance_foreign_keys",
    "fact_finance:fact_finance_keys",
    "fact_finance:fact_finance_schema",
    "fact_finance:report_balance_sheet_adds_up",
    "fact_finance:report_budget_adds_up",
    "fact_finance:report_expenditure_adds_up",
    "fact_finance:report_procurement_adds_up",
    "fact_finance:report_sangong_adds_up",
    "fact_indicator:fact_indicator_fiscal_year",
    "fact_indicator:fact_indicator_foreign_keys",
    "fact_indicator:fact_indicator_keys",
    "fact_indicator:fact_indicator_schema",
    "fact_indicator:fact_indicator_target_op",
    "fact_indicator:indicator_shortfall_reason",
    "fact_indicator:indicator_yoy_jump",
    "ingest_log:ingest_log_ingested_at",
    "ingest_log:ingest_log_keys",
    "ingest_log:ingest_log_reason",
    "ingest_log:ingest_log_reason_code",
    "ingest_log:ingest_log_schema",
    "ingest_log:ingest_log_sha256",
    "ingest_log:ingest_log_status",
]

EXPECTED_JOBS = ["ingest_job", "nightly_job", "publish_job"]


def _env(tmp_path: Path, name: str) -> dict[str, str]:
    """A fresh DAGSTER_HOME (holding the project's dagster.yaml) per process: sqlite storage is per home."""
    home = tmp_path / name
    home.mkdir()
    shutil.copy(ROOT / "dagster_home" / "dagster.yaml", home / "dagster.yaml")
    return {**os.environ, "DAGSTER_HOME": str(home), "JIXIAO_HOME": str(tmp_path / "jixiao")}


def test_dagster_definitions_validate_by_module_and_by_workspace(tmp_path: Path) -> None:
    """`dagster definitions validate` on the module and on workspace.yaml (run side by side)."""
    procs = {
        target: subprocess.Popen(
            [str(DAGSTER), "definitions", "validate", *target],
            cwd=ROOT,
            env=_env(tmp_path, f"home{i}"),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for i, target in enumerate((("-m", "jixiao.pipelines.definitions"), ("-w", "workspace.yaml")))
    }
    for target, proc in procs.items():
        output, _ = proc.communicate(timeout=180)
        assert proc.returncode == 0, f"{' '.join(target)}:\n{output}"
        assert "All code locations passed validation" in output, output


def test_asset_graph_snapshot() -> None:
    from jixiao.pipelines.definitions import defs

    graph = defs.resolve_asset_graph()
    assert sorted(key.to_user_string() for key in graph.get_all_asset_keys()) == EXPECTED_ASSET_KEYS
    assert sorted(job.name for job in defs.resolve_all_job_defs() if not job.name.startswith("__")) == (
        EXPECTED_JOBS
    )
    assert defs.resolve_sensor_def("inbox_sensor").job_name == "ingest_job"
    assert defs.resolve_schedule_def("nightly_schedule").job_name == "nightly_job"


def test_check_keys_snapshot() -> None:
    from jixiao.pipelines.definitions import defs
    from jixiao.quality import CHECKS

    graph = defs.resolve_asset_graph()
    got = sorted(f"{key.asset_key.to_user_string()}:{key.name}" for key in graph.asset_check_keys)
    assert got == sorted(f"{spec.table}:{spec.name}" for spec in CHECKS)
    assert got == EXPECTED_CHECK_KEYS


def test_tables_depend_on_every_parsed_report_partition() -> None:
    from dagster import AllPartitionMapping, AssetKey

    from jixiao.pipelines.definitions import defs

    graph = defs.resolve_asset_graph()
    node = graph.get(AssetKey("fact_indicator"))
    assert AssetKey("parsed_report") in node.parent_keys
    mapping = graph.get_partition_mapping(AssetKey("fact_indicator"), AssetKey("parsed_report"))
    assert isinstance(mapping, AllPartitionMapping)
    assert graph.get(AssetKey("parsed_report")).partitions_def.name == "report_files"


def test_dagster_yaml_caps_concurrent_runs(tmp_path: Path) -> None:
    from dagster import DagsterInstance

    home = tmp_path / "dagster_home"
    home.mkdir()
    shipped = (ROOT / "dagster_home" / "dagster.yaml").read_text(encoding="utf-8")
    (home / "dagster.yaml").write_text(shipped, encoding="utf-8")
    with DagsterInstance.from_config(str(home)) as instance:
        assert instance.get_concurrency_config().run_queue_config.max_concurrent_runs == 2
