"""The warehouse's tables as declared in ``warehouse/sql/<table>.sql``: the one source of the columns.

Normalisation (pandas dtypes), the build (insert order) and the data-quality suites (value kinds)
all read the column lists from here, so a column is added in its SQL file and nowhere else. A column
line ending in ``-- internal`` is the build's own (lineage, bookkeeping): it is in the file but not
part of the public contract, so the contract's schema checks do not require it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

# The tables built from staged reports and the operations tables, in build order.
TABLE_NAMES: tuple[str, ...] = (
    "dim_department",
    "dim_report",
    "dim_indicator",
    "dim_finance_item",
    "fact_indicator",
    "fact_finance",
    "fact_evaluation",
    "ingest_log",
    "dq_results",
    "corrections",
)

_CREATE = re.compile(r"create table (\w+) \((.*?)\n\);", re.S | re.I)
_CONSTRAINT = re.compile(r"^(primary key|unique|foreign key|check|constraint)\b", re.I)


@dataclass(frozen=True)
class Column:
    """One declared column: its name, SQL type (lower case) and whether it may be null."""

    name: str
    sql_type: str
    nullable: bool
    public: bool = True

    @property
    def kind(self) -> str:
        """The value kind the checks know: key, int, number, money, str, bool or timestamp."""
        base = self.sql_type.split("(")[0]
        if base == "bigint" and self.name.endswith("_key"):
            return "key"
        return {
            "bigint": "int",
            "integer": "int",
            "double": "number",
            "decimal": "money",
            "varchar": "str",
            "boolean": "bool",
            "timestamp": "timestamp",
        }[base]

    @property
    def dtype(self) -> str:
        """The pandas dtype of the column in a normalised frame."""
        kind = self.kind
        if kind == "key" and not self.nullable:
            return "int64"
        return {
            "key": "Int64",
            "int": "Int64",
            "number": "float64",
            "money": "object",  # Decimal objects: exact
            "str": "object",
            "bool": "boolean",
            "timestamp": "datetime64[us, UTC]",
        }[kind]


def model_sql(name: str) -> str:
    """The SQL of one model (``warehouse/sql/<name>.sql``), read as package data."""
    return resources.files("jixiao.warehouse").joinpath("sql", f"{name}.sql").read_text(encoding="utf-8")


def _parse_columns(sql: str, table: str) -> tuple[Column, ...]:
    match = _CREATE.search(sql)
    if match is None or match.group(1) != table:
        raise ValueError(f"warehouse/sql/{table}.sql has no `create table {table} (…);` statement")
    columns = []
    for line in match.group(2).splitlines():
        code, _, comment = line.partition("--")
        code = code.strip().rstrip(",")
        if not code or _CONSTRAINT.match(code):
            continue
        line = code
        name, rest = line.split(None, 1)
        sql_type = re.match(r"[a-z]+(\(\s*\d+\s*,\s*\d+\s*\))?", rest.lower()).group(0)
        nullable = not re.search(r"\bnot null\b|\bprimary key\b", rest, re.I)
        columns.append(Column(name, sql_type, nullable, public=comment.strip() != "internal"))
    return tuple(columns)


@cache
def table_columns(table: str) -> tuple[Column, ...]:
    """The columns of ``table`` in declared order."""
    return _parse_columns(model_sql(table), table)


@cache
def column_dtypes() -> dict[str, dict[str, str]]:
    """table → {column: pandas dtype}, for every table in :data:`TABLE_NAMES`."""
    return {t: {c.name: c.dtype for c in table_columns(t)} for t in TABLE_NAMES}
