"""The warehouse contract's tables as the checks see them: columns, value kinds, keys."""

from __future__ import annotations

from jixiao.warehouse.ingestlog import LOG_KEY_COLUMNS
from jixiao.warehouse.schema import table_columns

# kind → GX type_list for expect_column_values_to_be_in_type_list. Int kinds accept int32 because
# DuckDB INTEGER columns read back as int32; money accepts Decimal objects or floats (DuckDB DECIMAL).
KIND_TYPES: dict[str, list[str]] = {
    "key": ["int64", "int32"],
    "int": ["int64", "int32", "Int64Dtype", "Int32Dtype", "int"],
    "number": ["float64", "float32", "Float64Dtype", "float", "int64", "int32", "Int64Dtype", "int"],
    "money": ["Decimal", "float64", "Float64Dtype", "float"],
    "str": ["str"],
    "bool": ["bool", "BooleanDtype"],
    "timestamp": ["datetime64[ns]", "datetime64[us]", "datetime64[ms]", "datetime64[s]", "Timestamp"],
}

# The operations tables validated whole, once per publish, after the partitions
# (``CheckSession.validate_whole``): their rows are not a department's; a failure quarantines no report.
WHOLE_TABLES: tuple[str, ...] = ("ingest_log", "corrections")
# The tables the suites validate; their columns and kinds come from warehouse/sql.
CHECKED_TABLES: tuple[str, ...] = (
    "dim_department",
    "dim_report",
    "dim_indicator",
    "dim_finance_item",
    "fact_indicator",
    "fact_finance",
    "fact_evaluation",
    *WHOLE_TABLES,
)
TABLE_COLUMNS: dict[str, dict[str, str]] = {
    table: {column.name: column.kind for column in table_columns(table) if column.public}
    for table in CHECKED_TABLES
}
TABLES: tuple[str, ...] = tuple(TABLE_COLUMNS)

# Grain of each table: these columns are unique together and never null.
GRAIN: dict[str, tuple[str, ...]] = {
    "dim_department": ("department_key",),
    "dim_report": ("report_key",),
    "dim_indicator": ("indicator_key",),
    "dim_finance_item": ("item_key",),
    "fact_indicator": ("report_key", "row_no"),
    "fact_finance": ("report_key", "item_key"),
    "fact_evaluation": ("report_key",),
    "ingest_log": LOG_KEY_COLUMNS,  # one row per input of a run (a name may recur: its content, time)
    "corrections": ("source_sha256", "field", "correction_file"),
}
# Grain columns that may be null: an unreadable file has no sha256.
NULLABLE_GRAIN: dict[str, tuple[str, ...]] = {"ingest_log": ("source_sha256",)}
# Natural keys that must be unique as well.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "dim_department": ("department_name",),
    "dim_indicator": ("indicator_code",),
    "dim_finance_item": ("item_code",),
}
# Foreign keys: table → {column: (dimension table, dimension key)}.
FOREIGN_KEYS: dict[str, dict[str, tuple[str, str]]] = {
    "dim_report": {"department_key": ("dim_department", "department_key")},
    "fact_indicator": {
        "report_key": ("dim_report", "report_key"),
        "department_key": ("dim_department", "department_key"),
        "indicator_key": ("dim_indicator", "indicator_key"),
    },
    "fact_finance": {
        "report_key": ("dim_report", "report_key"),
        "department_key": ("dim_department", "department_key"),
        "item_key": ("dim_finance_item", "item_key"),
    },
    "fact_evaluation": {
        "report_key": ("dim_report", "report_key"),
        "department_key": ("dim_department", "department_key"),
    },
}
# Columns that name a failing row in a result's details.
ROW_ID_COLUMNS: dict[str, list[str]] = {
    "dim_department": ["department_key", "department_name"],
    "dim_report": ["report_key", "source_file"],
    "dim_indicator": ["indicator_key", "indicator_code"],
    "dim_finance_item": ["item_key", "item_code"],
    "fact_indicator": ["report_key", "row_no"],
    "fact_finance": ["report_key", "item_key"],
    "fact_evaluation": ["report_key"],
    "ingest_log": ["run_id", "source_file", "status"],
    "corrections": ["source_sha256", "field", "correction_file"],
}
