"""Issue 12, case 5 (the Dagster side): each run builds its own candidate, a stale candidate is swept only
when its run is over, a publish refuses a candidate that is not its run's or that was built on a warehouse
another run has since replaced, and two publishing Dagster runs never run at once (a run-level pool)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from dagster import AssetSelection, DagsterRunStatus, Definitions, define_asset_job, instance_for_test
from dagster._core.op_concurrency_limits_counter import GlobalOpConcurrencyLimitsCounter
from test_warehouse_sample import JSON_PARSER, make_settings, sample_report, write_document

from jixiao.assets import candidates
from jixiao.assets.resources import JixiaoSettings
from jixiao.assets.warehouse import (
    CONTRACT_TABLES,
    PUBLISH_POOL,
    published_warehouse,
    warehouse_tables,
    warehouse_views,
)
from jixiao.ingestion.ingest import ingest, is_cli_run_id, new_run_id
from jixiao.pipelines.definitions import ASSET_CHECKS, defs
from jixiao.staging import store as staging
from jixiao.warehouse.build import candidate_path, candidate_runs, sweep_candidates

ROOT = Path(__file__).resolve().parents[1]
DAGSTER_RUN = "7c1a0f3e-0000-4000-8000-00000000000{}"


def _touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"candidate")
    return path


def test_each_run_has_its_own_candidate_name(tmp_path: Path) -> None:
    warehouse = tmp_path / "j.duckdb"
    a, b = candidate_path(warehouse, DAGSTER_RUN.format(1)), candidate_path(warehouse, DAGSTER_RUN.format(2))
    assert a != b and a.parent == b.parent == tmp_path
    assert a.name == f"j.duckdb.next-{DAGSTER_RUN.format(1)}"
    assert candidate_path(warehouse) != candidate_path(warehouse)  # no run id: a name of its own
    assert candidate_path(warehouse, "../x.y").name == "j.duckdb.next-___x_y"  # never leaves the folder
    _touch(candidate_path(warehouse, "r1"))
    _touch(candidate_path(warehouse, "r1").with_name("j.duckdb.next-r1.wal"))
    assert {k: sorted(p.name for p in v) for k, v in candidate_runs(warehouse).items()} == {
        "r1": ["j.duckdb.next-r1", "j.duckdb.next-r1.wal"]
    }


def test_the_sweep_never_deletes_the_candidate_of_a_live_run(tmp_path: Path) -> None:
    warehouse = tmp_path / "j.duckdb"
    live, finished, own = (DAGSTER_RUN.format(i) for i in (1, 2, 3))
    cli_dead = new_run_id()
    files = {
        run: _touch(candidate_path(warehouse, run)) for run in (live, finished, own, cli_dead, "someone-else")
    }
    legacy = _touch(tmp_path / "j.duckdb.next")
    with instance_for_test() as instance:
        _run(instance, live, DagsterRunStatus.STARTED)
        _run(instance, finished, DagsterRunStatus.FAILURE)

        # `jixiao ingest` holding the lock judges only its own kind: Dagster candidates stay
        assert is_cli_run_id(cli_dead) and not is_cli_run_id(live)
        sweep_candidates(warehouse, is_cli_run_id)
        assert not files[cli_dead].exists() and not legacy.exists()
        assert all(files[run].exists() for run in (live, finished, own, "someone-else"))

        # a Dagster run holding the lock: what the instance knows to be over goes, the live run's stays
        swept = candidates.sweep(instance, warehouse, own)
    assert sorted(swept) == sorted([finished, "someone-else"])
    assert files[live].exists() and files[own].exists()
    assert not files[finished].exists() and not files["someone-else"].exists()


def _run(instance, run_id: str, status: DagsterRunStatus):
    job = defs.resolve_job_def("publish_job")
    return instance.create_run_for_job(job, run_id=run_id, status=status)


@pytest.mark.slow
def test_a_cli_run_sweeps_a_dead_cli_candidate_and_leaves_a_dagster_one(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    dead = _touch(candidate_path(settings.warehouse, new_run_id()))
    dagster_run = _touch(candidate_path(settings.warehouse, DAGSTER_RUN.format(1)))
    doc = write_document(tmp_path / "in" / "gxj-2023.json", sample_report())
    assert ingest([doc], settings, parser=JSON_PARSER).published
    assert not dead.exists() and dagster_run.exists()
    assert sorted(candidate_runs(settings.warehouse)) == [DAGSTER_RUN.format(1)]


def _job(name: str, selection: AssetSelection, settings: JixiaoSettings):
    assets = [warehouse_tables, warehouse_views, published_warehouse, *ASSET_CHECKS]
    jobs = [define_asset_job(name, selection=selection)]
    return Definitions(assets=assets, jobs=jobs, resources={"jixiao": settings}).resolve_job_def(name)


@pytest.fixture
def per_step_lock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Steps hold the warehouse lock for themselves only, as on Celery; the stand-in parser."""
    monkeypatch.setenv("JIXIAO_EXECUTOR", "celery")
    monkeypatch.setattr(staging, "default_parser", lambda: JSON_PARSER)


@pytest.mark.slow
def test_a_publish_refuses_a_build_older_than_the_published_warehouse(
    tmp_path: Path, per_step_lock: None
) -> None:
    """Run X builds; a CLI run publishes a report; X's publish step must not put X's older build back."""
    resource = JixiaoSettings(home=str(tmp_path), staging=str(tmp_path / "staging"))
    warehouse = tmp_path / "jixiao.duckdb"
    run_x = DAGSTER_RUN.format(1)
    build = _job("build", AssetSelection.assets(*CONTRACT_TABLES, warehouse_views).without_checks(), resource)
    assert build.execute_in_process(run_id=run_x).success
    assert candidate_path(warehouse, run_x).exists()

    settings = make_settings(tmp_path, warehouse=warehouse, staging=tmp_path / "staging")
    doc = write_document(tmp_path / "in" / "gxj-2023.json", sample_report())
    assert ingest([doc], settings, parser=JSON_PARSER).published
    published = warehouse.read_bytes()

    publish = _job("publish", AssetSelection.assets(published_warehouse), resource)
    result = publish.execute_in_process(run_id=run_x, raise_on_error=False)  # the same run's next step
    assert not result.success
    [failure] = result.get_step_failure_events()
    assert "Another run published" in failure.step_failure_data.error.message
    assert warehouse.read_bytes() == published  # the CLI run's report is still published
    assert not candidate_path(warehouse, run_x).exists()


@pytest.mark.slow
def test_a_publish_refuses_a_candidate_its_run_did_not_build(tmp_path: Path, per_step_lock: None) -> None:
    resource = JixiaoSettings(home=str(tmp_path), staging=str(tmp_path / "staging"))
    warehouse = tmp_path / "jixiao.duckdb"
    run_x, run_y = DAGSTER_RUN.format(1), DAGSTER_RUN.format(2)
    assert (
        _job("build", AssetSelection.assets(*CONTRACT_TABLES, warehouse_views).without_checks(), resource)
        .execute_in_process(run_id=run_x)
        .success
    )
    for suffix in ("", ".base"):  # X's candidate, put where run Y would publish from
        src = candidate_path(warehouse, run_x).with_name(candidate_path(warehouse, run_x).name + suffix)
        src.rename(candidate_path(warehouse, run_y).with_name(candidate_path(warehouse, run_y).name + suffix))

    result = _job("publish", AssetSelection.assets(published_warehouse), resource).execute_in_process(
        run_id=run_y, raise_on_error=False
    )
    assert not result.success
    [failure] = result.get_step_failure_events()
    assert (
        f"was checked by run(s) {run_x}, not by this run ({run_y})" in failure.step_failure_data.error.message
    )
    assert not warehouse.exists()


def test_two_publishing_runs_never_run_at_once_and_parse_runs_are_not_held_back() -> None:
    """The instance settings of dagster_home/dagster.yaml, judged by Dagster's own run-queue logic."""
    overrides = yaml.safe_load((ROOT / "dagster_home" / "dagster.yaml").read_text(encoding="utf-8"))
    with instance_for_test(overrides=overrides) as instance:
        granularity = instance.get_concurrency_config().pool_config.pool_granularity
        running = instance.create_run_for_job(
            defs.resolve_job_def("publish_job"), status=DagsterRunStatus.STARTED
        )
        nightly = instance.create_run_for_job(defs.resolve_job_def("nightly_job"))
        publish = instance.create_run_for_job(defs.resolve_job_def("publish_job"))
        parse = instance.create_run_for_job(defs.resolve_job_def("ingest_job"))
        assert {PUBLISH_POOL} == running.run_op_concurrency.all_pools == nightly.run_op_concurrency.all_pools
        queued = [nightly, publish, parse]

        def blocked(in_progress: list) -> list[bool]:
            counter = GlobalOpConcurrencyLimitsCounter(
                instance,
                queued,
                [r for r in instance.get_run_records() if r.dagster_run.run_id in in_progress],
                concurrency_keys=instance.event_log_storage.get_concurrency_keys(),
                pool_limits=instance.event_log_storage.get_pool_limits(),
                pool_granularity=granularity,
            )
            return [counter.is_blocked(run) for run in queued]

        blocked([])  # the first sight of the pool sets its limit (default_limit: 1)
        assert blocked([running.run_id]) == [True, True, False]
        assert blocked([]) == [False, False, False]
