"""Every ```sql block of docs/warehouse.md runs via SQLAlchemy + duckdb-engine, read-only, returning rows."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

pytest_plugins = ["conftest_bi"]

DOC = Path(__file__).resolve().parents[1] / "docs" / "warehouse.md"
_BLOCK = re.compile(r"^```sql\n(.*?)^```", re.M | re.S)
_HEADING = re.compile(r"^#{2,4} (.+)$", re.M)
# Names after from/join; CTE names are allowed too (collected per query).
_RELATION = re.compile(r"\b(?:from|join)\s+([a-z_][a-z0-9_]*)", re.I)
_CTE = re.compile(r"(?:\bwith|,)\s*([a-z_][a-z0-9_]*)\s+as\s*\(", re.I)


def doc_queries() -> list[tuple[str, str]]:
    """(heading, sql) for every sql block, the heading being the nearest one above it."""
    markdown = DOC.read_text(encoding="utf-8")
    found = []
    for block in _BLOCK.finditer(markdown):
        headings = _HEADING.findall(markdown, 0, block.start())
        found.append((headings[-1].strip() if headings else "", block.group(1)))
    return found


QUERIES = doc_queries()


@pytest.fixture(scope="module")
def engine(sample_warehouse: Path) -> Iterator[Engine]:
    engine = create_engine(f"duckdb:///{sample_warehouse}", connect_args={"read_only": True})
    yield engine
    engine.dispose()


def test_there_are_at_least_six_queries() -> None:
    assert len(QUERIES) >= 6


def test_each_query_has_its_own_question_heading() -> None:
    headings = [heading for heading, _ in QUERIES]
    assert all(headings), "a sql block has no heading above it"
    assert len(set(headings)) == len(headings), "two sql blocks share one heading: give each its question"
    markdown = DOC.read_text(encoding="utf-8")
    for block in _BLOCK.finditer(markdown):  # nothing but prose between a block's heading and the block
        before = markdown[: block.start()]
        assert "```" not in before[before.rfind("\n#") :], "a sql block shares its heading with another block"


@pytest.mark.parametrize(("heading", "sql"), QUERIES, ids=[h for h, _ in QUERIES])
def test_query_uses_only_contract_names(heading: str, sql: str, contract_objects) -> None:
    tables, views = contract_objects
    allowed = set(tables + views) | {m.lower() for m in _CTE.findall(sql)}
    used = {m.lower() for m in _RELATION.findall(re.sub(r"--[^\n]*", "", sql))}
    assert used, "no table or view found in the query"
    assert used <= allowed, f"not contract names: {sorted(used - allowed)}"


@pytest.mark.parametrize(("heading", "sql"), QUERIES, ids=[h for h, _ in QUERIES])
def test_query_returns_rows(engine: Engine, heading: str, sql: str) -> None:
    with engine.connect() as con:
        rows = con.execute(text(sql)).fetchall()
    assert len(rows) >= 1, f"no rows on the sample warehouse: {heading}"


def test_connection_is_read_only(engine: Engine) -> None:
    with engine.connect() as con, pytest.raises(DBAPIError, match=r"(?i)read.only"):
        con.execute(text("create table should_fail (x integer)"))


def _dictionary_rows(markdown: str, name: str) -> set[str]:
    """First cells of the 4-column rows in the data-dictionary section of table or view ``name``."""
    start = markdown.index(f"### `{name}`")
    end = markdown.find("\n### ", start + 1)
    rows = set()
    for line in markdown[start : end if end != -1 else None].splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 4 and cells[0] not in ("column", "---"):
            rows.add(cells[0])
    return rows


def _extra_rows(markdown: str) -> set[tuple[str, str]]:
    start = markdown.index("### Columns beyond the contract")
    section = markdown[start : markdown.index("\n## ", start)]
    cells = (line.strip().strip("|").split("|") for line in section.splitlines() if line.startswith("|"))
    return {
        (c[0].strip(), c[1].strip()) for c in cells if len(c) == 4 and c[0].strip() not in ("table", "---")
    }


def test_dictionary_documents_every_contract_column(contract_columns) -> None:
    markdown = DOC.read_text(encoding="utf-8")
    for name, columns in contract_columns.items():
        assert _dictionary_rows(markdown, name) == set(columns), name


def _rows(engine: Engine, sql: str) -> list[tuple]:
    # Through the test's engine: one process can't open the file again with another configuration.
    with engine.connect() as con:
        return [tuple(row) for row in con.execute(text(sql)).fetchall()]


def test_dictionary_documents_every_column_of_the_warehouse(engine: Engine, contract_columns) -> None:
    markdown = DOC.read_text(encoding="utf-8")
    extras = _extra_rows(markdown)
    present = _rows(
        engine,
        "select table_name, column_name from information_schema.columns "
        "where table_catalog = current_database() and table_schema = 'main'",
    )
    assert present
    for table, column in present:
        if column in contract_columns.get(table, ()):
            continue
        assert (table, column) in extras, f"{table}.{column} is neither contract nor listed as an extra"
    for table, column in extras:  # and no extra that is gone
        assert (table, column) in set(present), f"{table}.{column} is documented but not in the warehouse"


def test_dictionary_lists_every_finance_item(engine: Engine) -> None:
    markdown = DOC.read_text(encoding="utf-8")
    section = markdown[markdown.index("### `dim_finance_item`") : markdown.index("### `fact_indicator`")]
    documented = set(re.findall(r"^\| ([a-z_]+) \| [^|]+ \| [^|]+ \|$", section, re.M)) - {"item_code"}
    assert documented == {code for (code,) in _rows(engine, "select item_code from dim_finance_item")}
