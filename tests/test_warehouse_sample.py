"""Hand-built parsed reports from the real sample (江门市工业和信息化局 2023), shared by the warehouse tests.

Until the extractor reads PDFs, the staging, runner and warehouse tests stage "documents" that are
JSON files holding a ParsedReport; ``json_parse`` is the stand-in parser that reads them (and,
for the runner tests, can be told to hang or crash). The tests in this module check the sample
itself, so a typo in the hand-built rows cannot hide behind the warehouse tests.
"""

from __future__ import annotations

import json
import os
import signal
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from jixiao.core.settings import Settings
from jixiao.extract.errors import CorruptFileError, NotAReportError, UnsupportedFormatError
from jixiao.extract.model import Evaluation, FinanceFigure, IndicatorRow, ParsedReport, Value
from jixiao.staging.store import Parser

DEPARTMENT = "江门市工业和信息化局"
TEST_PARSER_VERSION = "test-json-1"

_REASON_ZSG = "部分企业与“小升规”奖励资金企业名单重复，按照就高不就低原则不予以重复奖补。"
_REASON_GYHLW = (
    "近年来，因财政库款紧张，市财政一直未能足额和及时划拨支持工业互联网发展项目资金，影响项目实施成效。"
)

# (level1, level2, name, target, actual, unit, achieved, reason, page) as printed in the 2023 report
SAMPLE_ROWS: list[tuple] = [
    ("产出", "数量指标", "增产增收奖补企业数量（家）", "≥300", "219", "家", False, _REASON_ZSG, 8),
    ("产出", "数量指标", "推动规上制造业企业增产增收数量（家）", "≥500", "852", "家", True, None, 8),
    ("产出", "数量指标", "扶持技术改造工业企业数量（家）", "≥15", "19", "家", True, None, 8),
    ("产出", "数量指标", "专精特新企业奖补覆盖率", "≥80%", "88.88%", "%", True, None, 8),
    ("产出", "数量指标", "工业互联网标杆示范项目（个）", "4", "3", "个", False, _REASON_GYHLW, 8),
    ("产出", "数量指标", "中小企业“上云用云”项目（个）", "8", "5", "个", False, _REASON_GYHLW, 8),
    ("产出", "数量指标", "产业集群试点数字化转型（个）", "2", "1", "个", False, _REASON_GYHLW, 9),
    ("产出", "数量指标", "“小升规”奖补覆盖率", "85%", "91%", "%", True, None, 9),
    ("产出", "数量指标", "培养工业互联网、人工智能相关人才数量（名）", "500", "657", "名", True, None, 9),
    ("产出", "数量指标", "产业共建扶持资金奖补企业数量（个）", "1", "1", "个", True, None, 9),
    ("产出", "数量指标", "引进珠三角核心区产业共建项目数量（个）", "20", "47", "个", True, None, 9),
    ("产出", "数量指标", "实现主营业务收入倍增企业数量", "13", "22", None, True, None, 9),
    ("产出", "质量指标", "开展技术改造企业数量（家）", "≥150", "200", "家", True, None, 9),
    ("产出", "质量指标", "扶持的技术改造项目完工验收率（%）", "100%", "100%", "%", True, None, 9),
    ("产出", "质量指标", "扶持程序规范性", "100%", "100%", "%", True, None, 10),
    (
        "效益",
        "经济效益指标",
        "获得产业共建扶持资金奖补的企业对地方财政贡献",
        "获得奖补的企业2021年缴纳的税收超过1000万元。",
        "1074万元",
        "万元",
        None,
        None,
        10,
    ),
    ("效益", "经济效益指标", "带动工业企业技术改造投资额（万元）", "≥3000", "14000", "万元", True, None, 10),
    ("效益", "经济效益指标", "项目库企业主营业务收入总增长率", "≥15%", "20.38%", "%", True, None, 10),
    ("效益", "社会效益指标", "新增国家级专精特新“小巨人”数量（家）", "9", "9", "家", True, None, 10),
    ("效益", "社会效益指标", "新增省级专精特新中小企业（家）", "50", "286", "家", True, None, 10),
    (
        "效益",
        "社会效益指标",
        "带动江门市本地工业企业应用工业互联网技术进行信息化升级改造（家）",
        "≥35",
        "35",
        "家",
        True,
        None,
        10,
    ),
    (
        "效益",
        "社会效益指标",
        "升规后第一年工业增加值增长超10%（含）的工业企业数量（家）",
        "180",
        "180",
        "家",
        True,
        None,
        10,
    ),
    (
        "效益",
        "社会效益指标",
        "升规后第一年和第二年工业增加值增长均超10%（含）的工业企业数量（家）",
        "102",
        "102",
        "家",
        True,
        None,
        11,
    ),
    (
        "效益",
        "社会效益指标",
        "园区规上工业增加值增速高于全市规上工业增加值增速百分数",
        "2个百分点",
        "7.2",
        "个百分点",
        True,
        None,
        11,
    ),
    ("效益", "可持续影响指标", "进一步促进工业经济稳增长", "持续促进", "持续促进", None, None, None, 11),
    ("效益", "可持续影响指标", "倍增计划项目持续发挥作用的期限", "1年", "1年", "年", True, None, 11),
    ("满意度", "满意度指标", "企业满意度", "≥85%", "≥85%", "%", True, None, 11),
]

SAMPLE_FINANCE: dict[str, str] = {
    "expenditure_total": "11940.41",
    "expenditure_basic": "3014.91",
    "expenditure_project": "8925.5",
    "budget_total": "10008.93",
    "budget_basic": "2796.41",
    "budget_project": "7212.51",
    "sangong_total": "11.28",
    "sangong_overseas": "1.55",
    "sangong_vehicle": "9.21",
    "sangong_reception": "0.52",
    "procurement_total": "541.83",
    "procurement_goods": "378.45",
    "procurement_works": "4.99",
    "procurement_services": "158.39",
    "assets_total": "32567.01",
    "liabilities_total": "14875.22",
    "net_assets": "17691.79",
    "fixed_assets_original": "6597.32",
    "operating_cost": "132.32",
}

_OPS = {"≥": ">=", "≤": "<=", "＞": ">", "＜": "<", ">": ">", "<": "<", "=": "="}


def value(text: str) -> Value:
    """A Value as the extractor reads the simple cells of the sample (op, number, unit)."""
    op = _OPS.get(text[:1])
    body = text[1:] if op else text
    number_text = ""
    for ch in body:
        if ch.isdigit() or ch == ".":
            number_text += ch
        else:
            break
    rest = body[len(number_text) :]
    if not number_text or (rest and len(rest) > 4):
        return Value(text=text, op=op)
    return Value(text=text, op=op, number=float(number_text), unit=rest or None)


def indicator(row_no: int, spec: tuple) -> IndicatorRow:
    """One IndicatorRow from a SAMPLE_ROWS tuple."""
    level1, level2, name, target, actual, unit, achieved, reason, page = spec
    return IndicatorRow(
        row_no=row_no,
        level1=level1,
        level2=level2,
        name=name,
        unit=unit,
        target=value(target),
        actual=value(actual),
        achieved=achieved,
        weight=None,
        score=None,
        shortfall_reason=reason,
        page=page,
    )


def sample_report(
    *,
    year: int = 2023,
    rows: list[tuple] | None = None,
    finance: dict[str, str] | None = None,
    score: float | None = 96.66,
    department: str = DEPARTMENT,
    source_file: str | None = None,
) -> ParsedReport:
    """The 2023 sample as a ParsedReport, or a variant of it for another year or department."""
    rows = SAMPLE_ROWS if rows is None else rows
    finance = SAMPLE_FINANCE if finance is None else finance
    return ParsedReport(
        source_file=source_file or f"jiangmen-gxj-{year}.pdf",
        sha256="",
        page_count=14,
        parser_version=TEST_PARSER_VERSION,
        department=department,
        region="江门市",
        fiscal_year=year,
        report_type="department_overall",
        title=f"{department}{year}年度部门整体支出绩效自评报告",
        indicators=tuple(indicator(i, spec) for i, spec in enumerate(rows, start=1)),
        finance=tuple(
            FinanceFigure(code, Decimal(amount), page=6, source_text=f"{code} {amount} 万元")
            for code, amount in finance.items()
        ),
        evaluation=Evaluation(score, "优" if score and score >= 90 else "良", 7),
    )


def drifted_rows_2022() -> list[tuple]:
    """The sample's rows as the 2022 report words them: other quotes, width, 企业数量 and units moved."""
    drift = {
        "新增国家级专精特新“小巨人”数量（家）": "新增国家级专精特新「小巨人」企业数量",
        "“小升规”奖补覆盖率": '"小升规"奖补覆盖率（％）',
        "扶持技术改造工业企业数量（家）": "扶持技术改造工业企业数量(家)",
        "中小企业“上云用云”项目（个）": "中小企业\u201c上云用云\u201d项目数量（个）",
        "专精特新企业奖补覆盖率": "专精特新企业奖补覆盖率（%）",
        "带动江门市本地工业企业应用工业互联网技术进行信息化升级改造（家）": (
            "带动本地工业企业应用工业互联网技术进行信息化升级改造（家）"
        ),
    }
    rows = []
    for level1, level2, name, target, actual, unit, achieved, reason, page in SAMPLE_ROWS:
        name = drift.get(name, name)
        if name == "新增国家级专精特新「小巨人」企业数量":
            unit = None
        rows.append((level1, level2, name, target, actual, unit, achieved, reason, page))
    return rows


def write_document(path: Path, report: ParsedReport, **instructions: object) -> Path:
    """Write ``report`` as a JSON "document" that ``json_parse`` reads (optionally told to hang or crash)."""
    data = report.to_dict()
    data.update(instructions)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def json_parse(path: Path, limits: object = None, *, source_name: str | None = None) -> ParsedReport:
    """Stand-in for jixiao.extract.parse_report over JSON documents, raising the extractor's typed errors."""
    raw = Path(path).read_bytes()
    if not raw:
        raise CorruptFileError(f"{source_name or Path(path).name} is empty; download it again.")
    try:
        data = json.loads(raw)
    except ValueError:
        raise UnsupportedFormatError(f"{source_name} is not a report document this parser reads.") from None
    if not isinstance(data, dict) or "department" not in data:
        raise NotAReportError(f"{source_name} is not a performance self-evaluation report.")
    if data.pop("hang", False):
        time.sleep(3600)
    if data.pop("crash", False):
        os.kill(os.getpid(), signal.SIGSEGV)
    if data.pop("raise_bug", False):
        raise KeyError("unexpected layout")
    report = ParsedReport.from_dict(data)
    return replace(report, source_file=source_name or Path(path).name)


JSON_PARSER = Parser(parse=json_parse, version=TEST_PARSER_VERSION)


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    """Settings rooted in a temp directory, independent of the caller's environment."""
    return Settings.from_env({}, home=tmp_path / "data", **overrides)


def test_sample_has_the_reports_27_indicators_in_four_groups() -> None:
    report = sample_report()
    assert len(report.indicators) == 27  # "实际开展的重点任务绩效指标 27 个"
    assert [r.row_no for r in report.indicators] == list(range(1, 28))
    assert {r.level1 for r in report.indicators} == {"产出", "效益", "满意度"}
    missed = [r.name for r in report.indicators if r.achieved is False]
    assert len(missed) == 4 and missed[0] == "增产增收奖补企业数量（家）"


def test_sample_finance_parts_sum_to_their_totals() -> None:
    report = sample_report()
    amount = report.finance_amount
    assert amount("expenditure_basic") + amount("expenditure_project") == amount("expenditure_total")
    parts = ("sangong_overseas", "sangong_vehicle", "sangong_reception")
    assert sum(amount(p) for p in parts) == amount("sangong_total")
    parts = ("procurement_goods", "procurement_works", "procurement_services")
    assert sum(amount(p) for p in parts) == amount("procurement_total")
    assert amount("assets_total") - amount("liabilities_total") == amount("net_assets")


def test_json_documents_round_trip_through_the_stand_in_parser(tmp_path: Path) -> None:
    report = sample_report()
    doc = write_document(tmp_path / "a.json", report)
    parsed = json_parse(doc, source_name="a.json")
    assert parsed.indicators == report.indicators
    assert parsed.finance == report.finance
    assert parsed.source_file == "a.json"


def stage_documents(settings: Settings, paths: list[Path], run_id: str) -> list:
    """Stage JSON documents in this process with the stand-in parser; the outcomes, in order."""
    from jixiao.staging.store import stage_file

    return [stage_file(path, settings, run_id, parser=JSON_PARSER) for path in paths]


def build_warehouse(settings: Settings) -> Path:
    """Normalise everything staged, build the candidate and publish it (no GX checks); the warehouse."""
    from jixiao.staging.store import load_log_rows, load_records
    from jixiao.warehouse.build import build_candidate
    from jixiao.warehouse.normalize import to_frames
    from jixiao.warehouse.publish import publish

    frames = to_frames(load_records(settings, TEST_PARSER_VERSION), load_log_rows(settings))
    publish(build_candidate(frames, settings), settings.warehouse)
    return settings.warehouse
