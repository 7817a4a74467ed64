"""Finance figures from the statements' tables: 支出决算表 (合计 | 基本支出 | 项目支出) and the 三公 table.

A 决算 publication or a form prints them as a header line naming the items and value lines below it
("项目 合计 因公出国（境）费 公务用车购置及运行维护费 公务接待费" / "预算数 10.50 …" / "决算数 9.86 …").
The value line is the 决算数 row, else the 合计 row, else the only one; a table of budgets (预算) gives no
expenditure. Read from the page text, one line per table row.
"""

from __future__ import annotations

import re

from jixiao.extract.model import FinanceFigure
from jixiao.extract.values import normalize_text, to_wan_yuan

_NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_TOTAL = re.compile(r"^(?:支出合计|合计|总计|小计)$")
_TOTAL_CHAR = "计"  # in every word of _TOTAL
# (group, the caption must say it is spent money, column word → item code)
_TABLES: tuple[tuple[str, dict[str, re.Pattern[str]]], ...] = (
    (
        "expenditure",
        {
            "expenditure_basic": re.compile(r"^基本支出$"),
            "expenditure_project": re.compile(r"^项目支出$"),
        },
    ),
    (
        "sangong",
        {
            "sangong_overseas": re.compile(r"^因公出国[（(]境[)）](?:费用?|经费)$"),
            "sangong_vehicle": re.compile(r"^公务用车(?:购置及|购置和)?运行(?:维护)?费$"),
            "sangong_reception": re.compile(r"^公务接待费$"),
        },
    ),
)
_TOTAL_CODE = {"expenditure": "expenditure_total", "sangong": "sangong_total"}
_SPENT = re.compile(r"决算|支出情况|支出表|实际支出")
_BUDGETED = re.compile(r"预算")
_UNIT = re.compile(r"单位[:：]?(亿元|万元|千元|元)|[（(](亿元|万元|千元|元)[)）]")
_ROWS_BELOW = 8


def find_table_finance(pages: list[str]) -> list[FinanceFigure]:
    """Figures of the finance tables in ``pages`` (page texts, in order), first table of a kind wins."""
    found: dict[str, FinanceFigure] = {}
    for number, text in enumerate(pages, start=1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        for index, line in enumerate(lines):
            if _TOTAL_CHAR not in line:
                continue  # a header line names its total column (合计, 总计, 小计: _TOTAL)
            for group, words in _TABLES:
                if _TOTAL_CODE[group] in found:
                    continue
                columns = _columns(line.split(), words)
                if columns is None:
                    continue
                caption = "".join(lines[max(0, index - 3) : index])
                figures = _values(group, columns, lines[index + 1 : index + 1 + _ROWS_BELOW], caption, number)
                for fig in figures:
                    found.setdefault(fig.item_code, fig)
    return list(found.values())


def _columns(tokens: list[str], words: dict[str, re.Pattern[str]]) -> list[tuple[str, str]] | None:
    """(item code, printed header) of each value column of a header line, or None when it is not one."""
    codes: list[tuple[str, str]] = []
    for token in tokens:
        flat = normalize_text(token)
        code = next((c for c, pattern in words.items() if pattern.match(flat)), None)
        if code is None and _TOTAL.match(flat):
            code = "total"
        if code is not None:
            codes.append((code, token))
        elif codes:
            return None  # a word between the value columns: not this table's header
    named = [c for c, _ in codes]
    if "total" not in named or sum(1 for c in named if c != "total") != len(words):
        return None
    return codes


def _values(
    group: str, columns: list[tuple[str, str]], below: list[str], caption: str, page: int
) -> list[FinanceFigure]:
    rows: list[tuple[str, list[str], str]] = []
    for line in below:
        tokens = line.split()
        values = [t for t in tokens if _NUMBER.match(normalize_text(t))]
        label = "".join(t for t in tokens if not _NUMBER.match(normalize_text(t)))
        if len(values) != len(columns) or not tokens or not _NUMBER.match(normalize_text(tokens[-1])):
            break
        rows.append((label, values, line))
    if not rows:
        return []
    spent = [r for r in rows if "决算" in r[0] or "实际" in r[0]]
    total = [r for r in rows if _TOTAL.match(r[0])]
    if spent:
        row = spent[0]
    elif any("预算" in r[0] for r in rows) or (_BUDGETED.search(caption) and not _SPENT.search(caption)):
        return []  # budgets, not spending
    elif group == "expenditure" and not _SPENT.search(caption):
        return []
    else:
        row = total[0] if total else rows[0]
    unit_match = _UNIT.search(caption)
    unit = next((g for g in unit_match.groups() if g), "万元") if unit_match else "万元"
    figures = []
    for (code, header), value in zip(columns, row[1], strict=True):
        item = _TOTAL_CODE[group] if code == "total" else code
        amount = to_wan_yuan(normalize_text(value).replace(",", ""), unit)
        figures.append(FinanceFigure(item, amount, page, f"{header} {value}"))
    return figures


def merge_earlier(sentences: list[FinanceFigure], tables: list[FinanceFigure]) -> list[FinanceFigure]:
    """Each item from the earlier of the two sources (by page; a sentence wins on the same page)."""
    by_code = {fig.item_code: fig for fig in sentences}
    for fig in tables:
        current = by_code.get(fig.item_code)
        if current is None or fig.page < current.page:
            by_code[fig.item_code] = fig
    return list(by_code.values())
