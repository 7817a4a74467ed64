"""The warehouse contract's tables as the checks see them: columns, value kinds, keys."""

from __future__ import annotations

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

TABLE_COLUMNS: dict[str, dict[str, str]] = {
    "dim_department": {"department_key": "key", "department_name": "str", "region": "str"},
    "dim_report": {
        "report_key": "key",
        "department_key": "key",
        "fiscal_year": "int",
        "report_type": "str",
        "title": "str",
        "source_file": "str",
        "source_sha256": "str",
        "page_count": "int",
        "parser_version": "str",
        "ingested_at": "timestamp",
        "is_current": "bool",
    },
    "dim_indicator": {
        "indicator_key": "key",
        "indicator_code": "str",
        "level1": "str",
        "level2": "str",
        "indicator_name": "str",
        "unit": "str",
    },
    "dim_finance_item": {"item_key": "key", "item_code": "str", "item_name": "str", "item_group": "str"},
    "fact_indicator": {
        "report_key": "key",
        "department_key": "key",
        "fiscal_year": "int",
        "indicator_key": "key",
        "row_no": "int",
        "indicator_name_raw": "str",
        "target_text": "str",
        "target_op": "str",
        "target_value": "number",
        "actual_text": "str",
        "actual_value": "number",
        "unit": "str",
        "achieved": "bool",
        "weight": "number",
        "score": "number",
        "shortfall_reason": "str",
        "source_page": "int",
    },
    "fact_finance": {
        "report_key": "key",
        "department_key": "key",
        "fiscal_year": "int",
        "item_key": "key",
        "amount_wan_yuan": "money",
        "source_page": "int",
    },
    "fact_evaluation": {
        "report_key": "key",
        "department_key": "key",
        "fiscal_year": "int",
        "self_score": "number",
        "grade": "str",
    },
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
}
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
}
