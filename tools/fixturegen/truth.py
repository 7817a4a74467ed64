"""Truth files: the ParsedReport a perfect extractor would return, built from the spec.

Values come from the spec (written by hand or generated from numbers), pages from the renderer's
own record of where it drew things. Nothing here reads a PDF.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fixturegen.render.report import RenderResult
from fixturegen.spec import ReportSpec
from jixiao.core.contract import LEVEL1_VALUES, normalize_level1
from jixiao.extract.model import Evaluation, FinanceFigure, IndicatorRow, ParsedReport

NO_REASON = ("", "/", "／")


def _nows(text: str) -> str:
    return "".join(text.split())


def normalise_level1(printed: str) -> str:
    """产出指标 → 产出, 满意度指标 → 满意度, ... (the contract's level1 vocabulary), strictly."""
    level1 = normalize_level1(printed)
    if level1 not in LEVEL1_VALUES:
        raise ValueError(f"level1 {printed!r} is not one of {sorted(LEVEL1_VALUES)}")
    return level1


def build_truth(spec: ReportSpec, result: RenderResult) -> ParsedReport:
    """The expected ParsedReport for the rendered spec (sha256 and parser_version left empty)."""
    rows: list[IndicatorRow] = []
    for table in spec.tables():
        reason_text: str | None = None
        carry = 0
        for ind in table.rows:
            if carry == 0:
                printed = _nows(ind.reason)
                reason_text = None if printed in NO_REASON else printed
                carry = ind.reason_rows
            carry -= 1
            idx = len(rows)
            rows.append(
                IndicatorRow(
                    row_no=idx + 1,
                    level1=normalise_level1(ind.level1),
                    level2=_nows(ind.level2),
                    name=_nows(ind.name),
                    unit=ind.unit,
                    target=ind.target,
                    actual=ind.actual,
                    achieved=ind.achieved,
                    weight=ind.weight,
                    score=ind.score,
                    shortfall_reason=reason_text,
                    page=result.row_pages[idx],
                    direction=ind.direction,
                )
            )
    finance = tuple(
        FinanceFigure(f.item_code, f.amount_wan_yuan, result.anchors[f.anchor], f.source_text)
        for f in spec.finance
    )
    ev = spec.evaluation
    evaluation = Evaluation(ev.self_score, ev.grade, result.anchors[ev.anchor] if ev.anchor else None)
    return ParsedReport(
        source_file=spec.file_name,
        sha256="",
        page_count=result.page_count,
        parser_version="",
        department=spec.department,
        region=spec.region,
        fiscal_year=spec.fiscal_year,
        report_type=spec.report_type,
        title=spec.title,
        indicators=tuple(rows),
        finance=finance,
        evaluation=evaluation,
    )


# ParsedReport fields these specs do not write (contract v2 areas, self-checks): left out of the truth,
# so the comparison skips them.
REPORT_EXTRAS = ("province", "city", "county", "adcode", "budget_execution", "self_checks")


def truth_dict(report: ParsedReport) -> dict[str, Any]:
    """``to_dict()`` without sha256 and parser_version: the truth-file format."""
    data = report.to_dict()
    data.pop("sha256")
    data.pop("parser_version")
    for key in REPORT_EXTRAS:
        data.pop(key)
    return data


def write_truth(report: ParsedReport, path: Path) -> None:
    """Write the truth JSON (UTF-8, sorted keys, stable formatting)."""
    text = json.dumps(truth_dict(report), ensure_ascii=False, indent=2, sort_keys=True)
    path.write_text(text + "\n", encoding="utf-8")


def load_truth(path: Path) -> ParsedReport:
    """Read a truth file back as a ParsedReport (sha256 and parser_version set to "")."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return ParsedReport.from_dict({**data, "sha256": "", "parser_version": ""})
