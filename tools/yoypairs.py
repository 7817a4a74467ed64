"""Cross-year matching scored against hand-judged same-indicator groups (shared by a test and a benchmark).

``tests/fixtures/yoy/jiangmen-gxj-groups.json`` lists, for the jiangmen-gxj 2021-2023 fixtures, the rows
that are one indicator. ``drifted_year`` adds a fourth year whose every row is the 2023 row reworded by
one of the drifts departments make (reordered words, 率/比例, a unit added or dropped, quotes, 企业/数量
added), so its truth is known by construction.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import replace
from pathlib import Path

from jixiao.extract.model import ParsedReport
from jixiao.warehouse.indicator_match import match_indicators

ROOT = Path(__file__).resolve().parents[1]
GROUPS = ROOT / "tests" / "fixtures" / "yoy" / "jiangmen-gxj-groups.json"
Row = tuple[int, int]  # (fiscal_year, row_no)


def fixture_reports() -> list[ParsedReport]:
    reports = []
    for year in (2021, 2022, 2023):
        data = json.loads(
            (ROOT / "tests" / "fixtures" / "truth" / f"jiangmen-gxj-{year}.json").read_text("utf-8")
        )
        reports.append(ParsedReport.from_dict({**data, "sha256": str(year), "parser_version": ""}))
    return reports


def _drift(name: str, index: int) -> str:
    """One rewording of ``name``, picked by ``index``."""
    core = re.sub(r"[（(][^（）()]*[)）]$", "", name)
    unit = name[len(core) :]
    kind = index % 5
    if kind == 0 and len(core) >= 8:  # reordered words: the two halves swapped around their middle
        half = len(core) // 2
        return core[half:] + core[:half] + unit
    if kind == 1 and core.endswith("率"):
        return core[:-1] + "比例" + unit
    if kind == 2:  # a unit dropped, or added
        return core if unit else core + "（个）"
    if kind == 3:
        return name.replace("“", '"').replace("”", '"') if "“" in name else "“" + core + "”" + unit
    return core + "数量" + unit if not core.endswith("数量") else core[:-2] + unit


def drifted_year(report: ParsedReport, year: int) -> ParsedReport:
    rows = tuple(replace(row, name=_drift(row.name, i)) for i, row in enumerate(report.indicators))
    return replace(report, fiscal_year=year, sha256=str(year), indicators=rows)


def truth_groups(with_drifted: bool) -> list[set[Row]]:
    data = json.loads(GROUPS.read_text(encoding="utf-8"))
    groups = [{(y, n) for y, n, _ in group} for group in data["groups"]]
    if with_drifted:
        for group in groups:
            group |= {(2024, n) for y, n in list(group) if y == 2023}
    return groups


def score(reports: list[ParsedReport], groups: list[set[Row]]) -> tuple[int, int, int]:
    """(true pairs, true pairs sharing a code, false merges: pairs sharing a code across groups)."""
    codes, _ = match_indicators(reports)
    code_of: dict[Row, str] = {
        (r.fiscal_year, ind.row_no): codes[(r.sha256, ind.row_no)] for r in reports for ind in r.indicators
    }
    group_of = {row: i for i, group in enumerate(groups) for row in group}
    true_pairs = matched = false = 0
    for a, b in itertools.combinations(sorted(code_of), 2):
        if a[0] == b[0]:
            continue
        same = group_of.get(a) is not None and group_of.get(a) == group_of.get(b)
        true_pairs += same
        if code_of[a] == code_of[b]:
            matched += same
            false += not same
    return true_pairs, matched, false
