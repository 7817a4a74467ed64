"""The Superset dashboard bundle (bi/superset/) reads only contract names and returns rows, without Superset.

Every dataset, metric and chart query is run against a warehouse built from samples/reports by the
`jixiao` console script, through views that expose the contract's columns and nothing else: a chart
that used a column beyond the contract (or a table that is not in it) fails here before a BI user sees
it. scripts/superset-check.sh runs the same bundle in a real Superset.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml
from contract_v1 import CONTRACT_COLUMNS, CONTRACT_TABLES, CONTRACT_VIEWS

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "bi" / "superset"
SAMPLES = ROOT / "samples" / "reports"
CONTRACT = set(CONTRACT_TABLES) | set(CONTRACT_VIEWS)
_RELATION = re.compile(r"\b(?:from|join)\s+([a-z_][a-z0-9_.]*)", re.I)
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _load(sub: str) -> dict[str, dict[str, Any]]:
    return {
        str(p.relative_to(BUNDLE)): yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((BUNDLE / sub).rglob("*.yaml"))
    }


DATABASES = _load("databases")
DATASETS = _load("datasets")
CHARTS = _load("charts")
DASHBOARDS = _load("dashboards")
DATASET_BY_UUID = {d["uuid"]: d for d in DATASETS.values()}


def _columns(dataset: dict[str, Any]) -> set[str]:
    return {c["column_name"] for c in dataset["columns"]}


def _source(dataset: dict[str, Any]) -> str:
    """The dataset as a FROM item: its SQL for a virtual dataset, else its table."""
    if dataset.get("sql"):
        return f"({dataset['sql']}) as ds"
    return f"{dataset['schema']}.{dataset['table_name']} as ds"


@pytest.fixture(scope="module")
def contract_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory database whose only tables are views of the contract's columns of a real warehouse."""
    home = tmp_path_factory.mktemp("superset_bundle")
    warehouse = home / "j.duckdb"
    jixiao = Path(sys.executable).parent / "jixiao"
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_")}
    env["JIXIAO_HOME"] = str(home)
    done = subprocess.run(
        [str(jixiao), "ingest", str(SAMPLES), "--warehouse", str(warehouse)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"jixiao ingest exited {done.returncode}: {done.stderr[-2000:]}"
    con = duckdb.connect()
    con.execute(f"attach '{warehouse}' as wh (read_only)")
    for name, columns in CONTRACT_COLUMNS.items():
        con.execute(f"create view main.{name} as select {', '.join(columns)} from wh.main.{name}")
    yield con
    con.close()


def test_bundle_is_a_dashboard_export() -> None:
    meta = yaml.safe_load((BUNDLE / "metadata.yaml").read_text(encoding="utf-8"))
    assert meta["type"] == "Dashboard" and meta["version"] == "1.0.0"
    assert len(DATABASES) == 1 and len(DASHBOARDS) == 1
    assert DATASETS and CHARTS


def test_database_is_read_only_duckdb() -> None:
    (database,) = DATABASES.values()
    assert database["sqlalchemy_uri"].startswith("duckdb:////"), "an absolute path: duckdb:////…"
    assert database["extra"]["engine_params"]["connect_args"] == {"read_only": True}
    assert not database["allow_dml"] and not database["allow_ctas"] and not database["allow_cvas"]
    assert not database.get("allow_file_upload", database.get("allow_csv_upload"))


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_dataset_reads_contract_names_only(name: str) -> None:
    dataset = DATASETS[name]
    assert dataset["database_uuid"] == next(iter(DATABASES.values()))["uuid"]
    assert dataset["schema"] == "main", "the contract lives in schema main; mart is internal"
    if dataset.get("sql"):
        used = {m.lower() for m in _RELATION.findall(re.sub(r"--[^\n]*", "", dataset["sql"]))}
        assert used and used <= CONTRACT, f"not contract names: {sorted(used - CONTRACT)}"
    else:
        assert dataset["table_name"] in CONTRACT
        extra = _columns(dataset) - set(CONTRACT_COLUMNS[dataset["table_name"]])
        assert not extra, f"columns beyond the contract: {sorted(extra)}"
    for column in dataset["columns"]:
        assert _HAN.search(column["verbose_name"] or ""), f"{column['column_name']}: no Chinese label"
        assert column["description"], f"{column['column_name']}: no description"
    for metric in dataset["metrics"]:
        assert _HAN.search(metric["verbose_name"] or ""), f"{metric['metric_name']}: no Chinese label"


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_dataset_returns_rows_with_its_columns(name: str, contract_db: duckdb.DuckDBPyConnection) -> None:
    dataset = DATASETS[name]
    result = contract_db.execute(f"select * from {_source(dataset)}")
    names = {d[0] for d in result.description}
    assert result.fetchall(), f"dataset {name}: no rows on the sample warehouse"
    assert _columns(dataset) <= names, f"declared but missing: {sorted(_columns(dataset) - names)}"
    metrics = ", ".join(f"{m['expression']} as {m['metric_name']}" for m in dataset["metrics"])
    assert contract_db.execute(f"select {metrics} from {_source(dataset)}").fetchall()


def _column_sql(column: str | dict[str, Any]) -> str:
    return column["sqlExpression"] if isinstance(column, dict) else column


def _chart_sql(chart: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The chart's saved query (query_context) as plain SQL over its dataset."""
    dataset = DATASET_BY_UUID[chart["dataset_uuid"]]
    metrics = {m["metric_name"]: m["expression"] for m in dataset["metrics"]}
    (query,) = json.loads(chart["query_context"])["queries"]
    columns = [_column_sql(c) for c in query["columns"]]
    select = columns + [f"{metrics[m]} as {m}" for m in query["metrics"]]
    where = []
    for f in query["filters"]:
        if f["op"] == "==":
            where.append(f"{f['col']} = '{f['val']}'")
        elif f["op"] == "IN":
            where.append(f"{f['col']} in ({', '.join(repr(v) for v in f['val'])})")
        else:
            raise AssertionError(f"filter operator {f['op']} not handled by this test")
    sql = f"select {', '.join(select)} from {_source(dataset)}"
    if where:
        sql += " where " + " and ".join(where)
    if query["metrics"] and columns:
        sql += " group by " + ", ".join(columns)
    return sql + f" limit {query['row_limit']}", query


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_chart_references_its_dataset_only(name: str) -> None:
    chart = CHARTS[name]
    assert chart["dataset_uuid"] in DATASET_BY_UUID, "unknown dataset"
    dataset = DATASET_BY_UUID[chart["dataset_uuid"]]
    assert _HAN.search(chart["slice_name"]), "the chart's title is not Chinese"
    params = chart["params"]
    context = json.loads(chart["query_context"])
    assert context["form_data"] == params, "query_context.form_data differs from params"
    (query,) = context["queries"]
    used = {_column_sql(c) for c in query["columns"]} | {f["col"] for f in query["filters"]}
    used |= set(params.get("groupby") or []) | set(params.get("all_columns") or [])
    used |= {f["subject"] for f in params.get("adhoc_filters") or []}
    used |= {params[key] for key in ("x_axis", "entity") if params.get(key)}
    used |= {c for c, _ in query["orderby"] if c not in _metric_names(dataset)}
    used |= {json.loads(c)[0] for c in params.get("order_by_cols") or []}
    assert used <= _columns(dataset), f"columns not in the dataset: {sorted(used - _columns(dataset))}"
    metrics = set(query["metrics"]) | set(params.get("metrics") or [])
    metrics |= {params["metric"]} if params.get("metric") else set()
    unknown = metrics - _metric_names(dataset)
    assert not unknown, f"metrics not in the dataset: {sorted(unknown)}"


def _metric_names(dataset: dict[str, Any]) -> set[str]:
    return {m["metric_name"] for m in dataset["metrics"]}


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_chart_query_returns_rows(name: str, contract_db: duckdb.DuckDBPyConnection) -> None:
    sql, _ = _chart_sql(CHARTS[name])
    assert contract_db.execute(sql).fetchall(), f"chart {name}: no rows on the sample warehouse\n{sql}"


def test_dashboard_places_every_chart_and_filters_on_contract_columns() -> None:
    (dashboard,) = DASHBOARDS.values()
    assert dashboard["dashboard_title"] == "部门绩效自评总览"
    components = [c for c in dashboard["position"].values() if isinstance(c, dict)]
    placed = {c["meta"]["uuid"] for c in components if c["type"] == "CHART"}
    assert placed == {c["uuid"] for c in CHARTS.values()}, "a chart is missing from the layout, or unknown"
    for native in dashboard["metadata"]["native_filter_configuration"]:
        assert _HAN.search(native["name"])
        for target in native["targets"]:
            dataset = DATASET_BY_UUID[target["datasetUuid"]]
            assert target["column"]["name"] in _columns(dataset)


def test_country_map_keys_provinces_by_their_iso_code(contract_db: duckdb.DuckDBPyConnection) -> None:
    """Superset's map of China names provinces CN-GD, CN-HN, …: the samples' four provinces, coded so."""
    maps = [c for c in CHARTS.values() if c["viz_type"] == "country_map"]
    assert [c["params"]["select_country"] for c in maps] == ["china"]
    (chart,) = maps
    dataset = DATASET_BY_UUID[chart["dataset_uuid"]]
    entity = chart["params"]["entity"]
    rows = contract_db.execute(f"select distinct {entity} from {_source(dataset)}").fetchall()
    codes = {code for (code,) in rows}
    assert codes == {"CN-GD", "CN-HN", "CN-SC", "CN-ZJ"}  # 广东, 湖南, 四川, 浙江
    (dashboard,) = DASHBOARDS.values()
    assert not dashboard["metadata"]["color_scheme"], "it would colour provinces by name, not count"
