"""A static, self-contained HTML overview of the warehouse: inline CSS and SVG, no scripts, no network."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from html import escape
from pathlib import Path

from jixiao.bi.report_data import ReportData, Row, load_report_data
from jixiao.bi.report_svg import format_number, line_chart, paired_bar_chart

OVERALL = "department_overall"
REPORT_TYPES = {OVERALL: "部门整体", "project": "项目"}
MISSING = '<span class="na">—</span>'

CSS = """
body { font-family: "Microsoft YaHei", "微软雅黑", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC",
       "Noto Sans SC", "Source Han Sans SC", "思源黑体", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimHei",
       "黑体", "SimSun", "宋体", "STHeiti", "Droid Sans Fallback", sans-serif;
       margin: 0 auto; max-width: 1180px; padding: 24px 32px; color: #222; background: #fff;
       line-height: 1.5; }
h1 { font-size: 26px; margin: 0; }
h2 { font-size: 20px; margin: 36px 0 8px; border-bottom: 2px solid #1f77b4; padding-bottom: 4px; }
.en { color: #666; font-weight: normal; font-size: 0.72em; margin-left: 8px; }
.sub { color: #666; margin: 2px 0 16px; }
.meta { color: #444; font-size: 13px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 8px 0 16px; }
th, td { border: 1px solid #d9d9d9; padding: 4px 8px; vertical-align: top; text-align: left; }
th { background: #f3f6fa; font-weight: 600; }
th small { display: block; color: #777; font-weight: normal; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.reason { min-width: 240px; max-width: 440px; }
td.indicator { min-width: 11em; } td.value { min-width: 4em; } td.nowrap { white-space: nowrap; }
td.source { font-size: 12px; color: #555; overflow-wrap: anywhere; min-width: 12em; }
td:first-child { min-width: 7em; }
tr:nth-child(even) td { background: #fbfbfb; }
.na { color: #aaa; }
.noreason { color: #b35c00; font-style: italic; }
.up { color: #b22222; } .down { color: #2e7d32; }
figure { margin: 12px 0 20px; } figcaption { font-size: 13px; color: #444; margin-bottom: 4px; }
svg.chart { max-width: 100%; height: auto; font-family: inherit; }
.ok { color: #2e7d32; } .warn { color: #b35c00; } .bad { color: #b22222; font-weight: 600; }
.cards { display: flex; gap: 16px; flex-wrap: wrap; margin: 12px 0; }
.card { border: 1px solid #d9d9d9; border-radius: 6px; padding: 8px 16px; min-width: 120px; }
.card b { display: block; font-size: 22px; } .card span { font-size: 12px; color: #666; }
"""


def _time(value: object) -> str:
    """A timestamp to the second (the warehouse keeps microseconds; a reader needs none)."""
    if isinstance(value, datetime):
        return escape(f"{value:%Y-%m-%d %H:%M:%S}")
    return _text(value)


def _text(value: object) -> str:
    """A value from the data as escaped HTML text; None is a grey dash."""
    if value is None or value == "":
        return MISSING
    return escape(str(value))


def _num(value: float | Decimal | int | None) -> str:
    return MISSING if value is None else format_number(float(value))


def _heading(zh: str, en: str, level: int = 2, anchor: str = "") -> str:
    ident = f' id="{anchor}"' if anchor else ""
    return f'<h{level}{ident}>{escape(zh)}<span class="en">{escape(en)}</span></h{level}>'


Cell = str | tuple[str, int] | None  # HTML; (HTML, rowspan); None where a rowspan above covers it


def _table(
    headers: Sequence[tuple[str, str]],
    rows: Iterable[Sequence[Cell]],
    numeric: Iterable[int] = (),
    classes: Mapping[int, str] | None = None,
    empty: str = "无记录 · none",
) -> str:
    """An HTML table; headers are (Chinese, English) and cells are already-escaped HTML.

    Columns in ``numeric`` are right-aligned; ``classes`` gives other columns a CSS class.
    """
    css = {i: ' class="num"' for i in numeric} | {i: f' class="{c}"' for i, c in (classes or {}).items()}
    head = "".join(f"<th>{escape(zh)}<small>{escape(en)}</small></th>" for zh, en in headers)
    body = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            if isinstance(cell, tuple):
                cells.append(f'<td{css.get(i, "")} rowspan="{cell[1]}">{cell[0]}</td>')
            elif cell is not None:
                cells.append(f"<td{css.get(i, '')}>{cell}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    if not body:
        body.append(f'<tr><td colspan="{len(headers)}" class="na">{escape(empty)}</td></tr>')
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _figure(zh: str, en: str, svg: str) -> str:
    return f"<figure><figcaption>{escape(zh)} · {escape(en)}</figcaption>{svg}</figure>"


def _change(current: float | Decimal | None, previous: float | Decimal | None) -> str:
    if current is None or previous is None or float(previous) == 0:
        return MISSING
    pct = 100.0 * (float(current) - float(previous)) / float(previous)
    css = "up" if pct > 0 else "down" if pct < 0 else ""
    return f'<span class="{css}">{pct:+.2f}%</span>'


def _type_label(report_type: str) -> str:
    return escape(REPORT_TYPES.get(report_type, report_type))


def _overview(data: ReportData) -> str:
    counts = data.counts
    years = data.years
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "—")
    cards = [
        (str(len(data.departments)), "部门 · departments"),
        (escape(span), "年度 · fiscal years"),
        (str(counts.get("current_reports") or 0), "现行报告 · current reports"),
        (str(len(data.missed_targets)), "未完成指标 · missed targets"),
        (str(sum(1 for r in data.dq_results if not r["success"])), "质量告警 · DQ failures"),
    ]
    html = ['<div class="cards">']
    html += [f"<div class='card'><b>{value}</b><span>{escape(label)}</span></div>" for value, label in cards]
    html.append("</div>")
    # Department × year matrix: score and grade, from the department-overall report where there is one.
    by_key: dict[tuple[str, int], Row] = {}
    for r in data.department_years:
        key = (r["department_name"], r["fiscal_year"])
        if key not in by_key or r["report_type"] == OVERALL:
            by_key[key] = r
    region = {r["department_name"]: r["region"] for r in data.department_years}
    rows = []
    for name in data.departments:
        cells = [_text(name), _text(region.get(name))]
        for year in years:
            row = by_key.get((name, year))
            if row is None:
                cells.append(MISSING)
                continue
            cell = f"{_num(row['self_score'])} {_text(row['grade']) if row['grade'] else ''}".strip()
            if row["report_type"] != OVERALL:
                cell += f' <span class="na">({_type_label(row["report_type"])})</span>'
            cells.append(cell)
        rows.append(cells)
    headers = [("部门", "Department"), ("地区", "Region")] + [(f"{y}年", "score · grade") for y in years]
    html.append(_heading("部门与年度", "Departments and years (self-score and grade)", 3))
    html.append(_table(headers, rows, numeric=range(2, 2 + len(years))))
    return "".join(html)


def _row_label(row: Row) -> str:
    """Plain-text label of a department-year (escaped later by the chart): type shown unless overall."""
    label = f"{row['department_name']} {row['fiscal_year']}"
    if row["report_type"] != OVERALL:
        label += f"（{REPORT_TYPES.get(row['report_type'], row['report_type'])}）"
    return label


def _scores(data: ReportData) -> str:
    rows = data.department_years
    bars = [(_row_label(r), r["self_score"], r["achieved_rate"]) for r in rows]
    chart = paired_bar_chart(
        "自评分与指标完成率 Self-score and achieved rate",
        bars,
        measures=("自评分 self-score", "指标完成率 % achieved rate"),
    )
    table = _table(
        [
            ("部门", "Department"),
            ("年度", "Year"),
            ("类型", "Type"),
            ("自评分", "Self-score"),
            ("等级", "Grade"),
            ("指标数", "Indicators"),
            ("完成数", "Achieved"),
            ("完成率 %", "Achieved rate"),
            ("分差", "Score − rate"),
        ],
        (
            [
                _text(r["department_name"]),
                str(r["fiscal_year"]),
                _type_label(r["report_type"]),
                _num(r["self_score"]),
                _text(r["grade"]),
                str(r["indicator_count"]),
                str(r["indicators_achieved"]),
                _num(r["achieved_rate"]),
                _num(
                    None
                    if r["self_score"] is None or r["achieved_rate"] is None
                    else r["self_score"] - r["achieved_rate"]
                ),
            ]
            for r in rows
        ),
        numeric=(1, 3, 5, 6, 7, 8),
    )
    return (
        _figure("每个部门年度的自评分与指标完成率", "self-score against the share of targets achieved", chart)
        + table
    )


def _series(rows: Iterable[Row], column: str) -> dict[str, list[tuple[int, float | None]]]:
    series: dict[str, list[tuple[int, float | None]]] = defaultdict(list)
    for r in rows:
        value = r[column]
        series[r["department_name"]].append((r["fiscal_year"], None if value is None else float(value)))
    return dict(sorted(series.items()))


def _spending(data: ReportData) -> str:
    rows = [r for r in data.department_years if r["report_type"] == OVERALL]
    charts = _figure(
        "决算支出合计（万元），按部门，部门整体报告",
        "total expenditure per department across years, department-overall reports, 10,000 CNY",
        line_chart("决算支出 Expenditure (万元)", _series(rows, "expenditure_total"), unit="万元"),
    ) + _figure(
        "“三公”经费合计（万元），按部门，部门整体报告",
        "'three public expenses' per department across years, department-overall reports, 10,000 CNY",
        line_chart("三公经费 Three public expenses (万元)", _series(rows, "sangong_total"), unit="万元"),
    )
    previous: dict[str, Row] = {}
    table_rows = []
    for r in rows:  # ordered by department, then year
        prev = previous.get(r["department_name"])
        table_rows.append(
            [
                _text(r["department_name"]),
                str(r["fiscal_year"]),
                _num(r["expenditure_total"]),
                _change(r["expenditure_total"], prev and prev["expenditure_total"]),
                _num(r["expenditure_basic"]),
                _num(r["expenditure_project"]),
                _num(r["sangong_total"]),
                _change(r["sangong_total"], prev and prev["sangong_total"]),
            ]
        )
        previous[r["department_name"]] = r
    table = _table(
        [
            ("部门", "Department"),
            ("年度", "Year"),
            ("决算支出", "Expenditure, 万元"),
            ("同比", "YoY"),
            ("基本支出", "Basic, 万元"),
            ("项目支出", "Project, 万元"),
            ("三公经费", "三公, 万元"),
            ("同比", "YoY"),
        ],
        table_rows,
        numeric=range(1, 8),
    )
    return charts + table


def _missed(data: ReportData) -> str:
    """Missed targets; one reason printed for several rows (a merged cell) is shown once, spanning them."""
    rows: list[list[Cell]] = []
    head: list[Cell] | None = None  # the row whose reason cell spans the current run
    previous: tuple[object, object] | None = None
    for r in data.missed_targets:
        level = "<br>".join(escape(str(x)) for x in (r["level1"], r["level2"]) if x) or MISSING
        reason = r["shortfall_reason"]
        reason_html = (
            _text(reason) if reason else '<span class="noreason">未说明原因 · no reason given</span>'
        )
        page = f"<br>p.{r['source_page']}" if r["source_page"] is not None else ""
        row: list[Cell] = [
            _text(r["department_name"]),
            str(r["fiscal_year"]),
            level,
            _text(r["indicator_name_raw"]),
            _text(r["target_text"]),
            _text(r["actual_text"]),
            (reason_html, 1),
            _text(r["source_file"]) + page,
        ]
        key = (r["source_file"], reason)
        if reason and key == previous and head is not None:
            html, span = head[6]  # type: ignore[misc]
            head[6] = (html, span + 1)
            row[6] = None
        else:
            head = row
        previous = key
        rows.append(row)
    return _table(
        [
            ("部门", "Department"),
            ("年度", "Year"),
            ("指标层级", "Level"),
            ("三级指标", "Indicator"),
            ("预期值", "Target"),
            ("实现值", "Actual"),
            ("未完成原因", "Reason given"),
            ("来源", "Source"),
        ],
        rows,
        numeric=(1,),
        empty="没有未完成的指标 · every decidable target was met",
        classes={2: "nowrap", 3: "indicator", 4: "value", 5: "value", 6: "reason", 7: "source"},
    )


def _severity(severity: str | None) -> str:
    css = "bad" if severity == "blocking" else "warn"
    return f'<span class="{css}">{_text(severity)}</span>'


def _quality(data: ReportData, review_href: str | None = None) -> str:
    results = data.dq_results
    failed = [r for r in results if not r["success"]]
    # a blocking failure that quarantined reports did not stop the publish: counted with the quarantines
    blocking = sum(1 for r in failed if r["severity"] == "blocking" and not r.get("quarantined_reports"))
    held = sum(1 for r in failed if r.get("quarantined_reports"))
    checked = max((r["checked_at"] for r in results if r["checked_at"] is not None), default=None)
    passed = len(results) - len(failed)
    summary = (
        f'<p>最近一次发布共评估 <b>{len(results)}</b> 项检查，<span class="ok">通过 {passed}</span>，'
        f'<span class="warn">告警 {len(failed) - blocking - held}</span>，'
        f'<span class="bad">阻断 {blocking}</span>。'
        f'<br><span class="en">{len(results)} expectations evaluated at the last publish'
        f"{' (' + escape(f'{checked:%Y-%m-%d %H:%M}') + ' UTC)' if checked else ''}: {passed} passed, "
        f"{len(failed) - blocking - held} warnings, {blocking} blocking.</span></p>"
    )
    link = (
        f' <a href="{escape(review_href)}">复核清单 Review list</a>'
        if review_href
        else " <code>jixiao review --html review.html</code>"
    )
    summary += (
        f'<p><span class="bad">隔离 {len(data.quarantined)}</span> 份报告未发布，待人工复核更正。'
        f'<br><span class="en">{len(data.quarantined)} report(s) quarantined (not published) until '
        f"a correction fixes them:{link}</span></p>"
    )
    table = _table(
        [
            ("表", "Table"),
            ("检查项", "Expectation"),
            ("严重程度", "Severity"),
            ("异常行数", "Unexpected rows"),
            ("详情", "Details"),
        ],
        (
            [
                _text(r["table_name"]),
                _text(r["expectation"]),
                _severity(r["severity"]),
                _num(r["unexpected_count"]),
                _text(r["details"]),
            ]
            for r in failed
        ),
        numeric=(3,),
        empty="全部通过 · every expectation held",
    )
    rejected = _table(
        [("源文件", "File"), ("原因代码", "Reason code"), ("原因说明", "Reason"), ("时间", "Seen at (UTC)")],
        (
            [_text(r["source_file"]), _text(r["reason_code"]), _text(r["reason"]), _time(r["ingested_at"])]
            for r in data.rejected_files
        ),
        empty="没有被拒收的文件 · no file was rejected",
    )
    quarantined = _table(
        [("源文件", "File"), ("文件哈希", "sha256"), ("原因说明", "Reason")],
        ([_text(r["source_file"]), _text(r["source_sha256"]), _text(r["reason"])] for r in data.quarantined),
        empty="没有被隔离的报告 · no report is quarantined",
    )
    return (
        summary
        + _heading("被隔离的报告", "Quarantined reports (fix them with a correction file)", 3)
        + quarantined
        + _heading("未通过的检查", "Failed expectations", 3)
        + table
        + _heading("被拒收的文件", "Rejected input files (latest outcome)", 3)
        + rejected
    )


def render_html(
    data: ReportData, *, source_name: str, generated_at: datetime, review_href: str | None = None
) -> str:
    """The whole report as one HTML document; every value from the data is escaped."""
    stamp = generated_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    sections = [
        ("overview", "概览", "Overview", _overview(data)),
        ("scores", "自评分与指标完成率", "Self-score and share of targets achieved", _scores(data)),
        ("spending", "支出趋势", "Spending trends: expenditure and 三公", _spending(data)),
        ("missed", "未完成指标及原因", "Missed targets and the reasons given", _missed(data)),
        ("quality", "数据质量", "Data quality", _quality(data, review_href)),
    ]
    nav = " · ".join(f'<a href="#{key}">{escape(zh)}</a>' for key, zh, _, _ in sections)
    body = "".join(_heading(zh, en, 2, key) + html for key, zh, en, html in sections)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>绩效自评报告概览 · Performance self-evaluation reports: overview</title>"
        f"<style>{CSS}</style></head><body>"
        "<h1>绩效自评报告概览</h1>"
        '<p class="sub">部门整体支出与项目支出 · Performance self-evaluation reports '
        "(department overall and project spending): overview</p>"
        f'<p class="meta">数据来源 Source: {escape(source_name)} · 生成时间 Generated: {escape(stamp)}</p>'
        f"<nav>{nav}</nav>{body}</body></html>\n"
    )


def render_report(warehouse: Path, out: Path, *, review_href: str | None = None) -> Path:
    """Render the overview of ``warehouse`` to the HTML file ``out`` (written atomically); return ``out``.

    ``review_href`` links the review list (``jixiao review --html``) from the data-quality section."""
    warehouse, out = Path(warehouse), Path(out)
    if not warehouse.is_file():
        raise FileNotFoundError(
            f"No warehouse at {warehouse}; run `jixiao ingest` first or pass --warehouse."
        )
    html = render_html(
        load_report_data(warehouse),
        source_name=warehouse.name,
        generated_at=datetime.now(UTC),
        review_href=review_href,
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = out.with_name(f".{out.name}.tmp")
    try:
        temp.write_text(html, encoding="utf-8")
        os.replace(temp, out)
    finally:
        temp.unlink(missing_ok=True)
    return out
