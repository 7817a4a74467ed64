"""jixiao.bi.export: every table and view of the real sample warehouse as one Parquet file each."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from jixiao import cli
from jixiao.bi.export import ExportError, export_parquet

pytest_plugins = ["conftest_bi"]


@pytest.fixture(scope="module")
def exported(sample_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return export_parquet(sample_warehouse, tmp_path_factory.mktemp("parquet"))


def test_every_contract_table_and_view_has_a_file(exported: dict[str, Path], contract_objects) -> None:
    tables, views = contract_objects
    for name in tables + views:
        assert name in exported, f"{name} not exported"
        assert exported[name].name == f"{name}.parquet"
        assert exported[name].is_file()


def test_files_have_the_contract_columns(exported: dict[str, Path], contract_columns) -> None:
    for name, columns in contract_columns.items():
        names = pq.read_schema(exported[name]).names
        assert [c for c in names if c in columns] == list(columns), name


def test_exports_every_object_of_the_warehouse_and_nothing_else(
    exported: dict[str, Path], sample_rows
) -> None:
    names = {
        row[0]
        for row in sample_rows("select table_name from information_schema.tables where table_schema = 'main'")
    }
    assert set(exported) == names
    out_dir = next(iter(exported.values())).parent
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(f"{n}.parquet" for n in names)


def test_row_counts_equal_the_warehouse(exported: dict[str, Path], sample_rows) -> None:
    for name, path in exported.items():
        (expected,) = sample_rows(f'select count(*) from "{name}"')[0]
        assert pq.read_metadata(path).num_rows == expected, name
    # The sample corpus is not empty: the comparison above is not 0 == 0 everywhere.
    for name in ("fact_indicator", "fact_finance", "v_department_year"):
        assert pq.read_metadata(exported[name]).num_rows > 0, name


def test_columns_match_the_warehouse(exported: dict[str, Path], sample_rows) -> None:
    for name, path in exported.items():
        columns = [
            row[0]
            for row in sample_rows(
                f"select column_name from information_schema.columns where table_name = '{name}' "
                "order by ordinal_position",
            )
        ]
        assert pq.read_schema(path).names == columns, name


@pytest.mark.parametrize(
    ("table", "column", "check"),
    [
        ("fact_finance", "amount_wan_yuan", lambda t: t == pa.decimal128(18, 6)),
        ("v_department_year", "expenditure_total", pa.types.is_decimal),
        ("v_department_year", "sangong_total", pa.types.is_decimal),
        ("v_finance_yoy", "amount_wan_yuan", pa.types.is_decimal),
        ("fact_indicator", "fiscal_year", lambda t: t == pa.int32()),
        ("fact_indicator", "report_key", lambda t: t == pa.int64()),
        ("fact_indicator", "achieved", pa.types.is_boolean),
        ("fact_indicator", "actual_value", pa.types.is_floating),
        ("fact_indicator", "shortfall_reason", pa.types.is_string),
        ("fact_evaluation", "self_score", pa.types.is_floating),
        ("dim_report", "ingested_at", pa.types.is_timestamp),
        ("dim_report", "is_current", pa.types.is_boolean),
    ],
)
def test_types_are_sensible(exported: dict[str, Path], table: str, column: str, check) -> None:
    field_type = pq.read_schema(exported[table]).field(column).type
    assert check(field_type), f"{table}.{column} exported as {field_type}"


def test_money_round_trips_exactly(exported: dict[str, Path], sample_rows) -> None:
    expected = sample_rows("select report_key, item_key, amount_wan_yuan from fact_finance order by 1, 2")
    table = pq.read_table(exported["fact_finance"], columns=["report_key", "item_key", "amount_wan_yuan"])
    got = sorted(zip(*(table.column(c).to_pylist() for c in table.column_names), strict=True))
    assert got == expected


def test_warehouse_is_untouched_and_readable_during_export(sample_warehouse: Path, tmp_path: Path) -> None:
    before = hashlib.sha256(sample_warehouse.read_bytes()).hexdigest()
    with duckdb.connect(str(sample_warehouse), read_only=True) as reader:  # a BI client holding the file
        first = export_parquet(sample_warehouse, tmp_path / "out")
        second = export_parquet(sample_warehouse, tmp_path / "out")  # re-export replaces in place
        assert reader.execute("select count(*) from dim_department").fetchone()[0] > 0
    assert first == second
    assert not list((tmp_path / "out").glob(".*"))  # no temporary files left behind
    assert hashlib.sha256(sample_warehouse.read_bytes()).hexdigest() == before


def test_missing_warehouse_is_a_plain_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="No warehouse"):
        export_parquet(tmp_path / "absent.duckdb", tmp_path / "out")
    (tmp_path / "junk.duckdb").write_text("not a database")
    with pytest.raises(ExportError, match="Cannot open"):
        export_parquet(tmp_path / "junk.duckdb", tmp_path / "out")


def test_export_command(sample_warehouse: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["export", "--parquet", str(tmp_path / "pq"), "--warehouse", str(sample_warehouse)]
    assert cli.main(args) == 0
    assert (tmp_path / "pq" / "v_department_year.parquet").is_file()
    assert "v_department_year" in capsys.readouterr().out
    assert cli.main(["export", "--warehouse", str(sample_warehouse)]) == 2  # --parquet is required
    assert (
        cli.main(["export", "--parquet", str(tmp_path / "x"), "--warehouse", str(tmp_path / "no.duckdb")])
        == 2
    )
