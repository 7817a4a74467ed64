"""One report, several formats: PDF, Word, web page and Excel give the same facts through one assembler.

The office reports (tests/fixtures/office, made by fixturegen.office and fixturegen.office.formats) are
read from each format and compared with the same truth field by field, pages aside (a format without
pages has none: its rows carry ``source_ref``). The genre corpus's train split checks that a reader
never reads worse than the PDF of the same report, and that the page-less formats agree.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from test_extract_corpus import compare

from jixiao.extract import ParsedReport, parse_report
from jixiao.extract.errors import REASON_CODES, ExtractError
from jixiao.extract.readers.numfmt import format_value

ROOT = Path(__file__).resolve().parents[1]
OFFICE = ROOT / "tests" / "fixtures" / "office"
GENRE = ROOT / "tests" / "fixtures" / "genre" / "train"
STEMS = sorted(p.stem for p in OFFICE.glob("*.pdf"))
FORMS = ("ganzhou-lyj-cbl-2023", "ngrain-kxyjy-2023")


def _truth(stem: str, fmt: str = "pdf", folder: Path = OFFICE) -> dict[str, Any]:
    own = folder / f"{stem}.{fmt}.json"
    return json.loads((own if own.exists() else folder / f"{stem}.json").read_text(encoding="utf-8"))


def _diffs_but_pages(truth: dict[str, Any], report: ParsedReport) -> list[str]:
    """``compare``'s differences, less pages, page_count and the file name (a page-less file has none)."""
    diffs, _ = compare(truth, report)
    return [d for d in diffs if not d.split(":")[0].endswith(("page", "page_count", "source_file"))]


def facts(report: ParsedReport) -> dict[str, Any]:
    """What a report says, without where it says it (pages, provenance) or what file said it."""
    data = report.to_dict()
    for key in ("source_file", "sha256", "page_count", "source_format", "warnings"):
        data.pop(key, None)
    for row in data["indicators"]:
        row.pop("page")
        row.pop("source_ref", None)
    for fig in data["finance"]:
        fig.pop("page")
        fig.pop("source_text")
    data["evaluation"].pop("page")
    return data


def _parse_or_code(path: Path) -> dict[str, Any] | str:
    try:
        return facts(parse_report(path))
    except ExtractError as exc:
        return exc.reason_code


@pytest.mark.parametrize("stem", STEMS)
def test_same_report_from_pdf_docx_and_html_gives_the_same_facts(stem: str) -> None:
    pdf, docx, html = (parse_report(OFFICE / f"{stem}.{fmt}") for fmt in ("pdf", "docx", "html"))
    assert (pdf.source_format, docx.source_format, html.source_format) == ("pdf", "docx", "html")
    assert facts(docx) == facts(pdf)
    assert facts(html) == facts(pdf)
    for report in (docx, html):
        assert not _diffs_but_pages(_truth(stem), report), report.source_file


@pytest.mark.parametrize("stem", FORMS)
@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_excel_forms_read_exactly(stem: str, fmt: str) -> None:
    report = parse_report(OFFICE / f"{stem}.{fmt}")
    assert report.source_format == fmt
    assert not _diffs_but_pages(_truth(stem, fmt), report)
    # Provenance is the sheet and cell of the row's 三级指标; there are no pages.
    assert report.page_count is None and all(row.page is None for row in report.indicators)
    column = {"ganzhou-lyj-cbl-2023": "D", "ngrain-kxyjy-2023": "C"}[stem]  # where 三级指标 is typed
    first = {"ganzhou-lyj-cbl-2023": 14, "ngrain-kxyjy-2023": 11}[stem]
    refs = [row.source_ref for row in report.indicators]
    assert refs == [f"自评表!{column}{first + i}" for i in range(len(refs))]
    assert all(fig.page is None for fig in report.finance) and report.evaluation.page is None


def test_excel_numbers_are_read_as_shown() -> None:
    """执行率 is a formula over two amounts (its cached value, 0.949 shown as 94.90%), 年度资金总额 a
    number shown with two decimals: the budget block reads them as the PDF prints them."""
    report = parse_report(OFFICE / "ganzhou-lyj-cbl-2023.xlsx")
    amounts = {fig.item_code: (str(fig.amount_wan_yuan), fig.source_text) for fig in report.finance}
    assert amounts["budget_total"] == ("2650.00", "2650.00")
    assert amounts["expenditure_total"] == ("2514.85", "2514.85")


def test_word_and_web_rows_name_their_table_and_row() -> None:
    docx = parse_report(OFFICE / "ganzhou-lyj-cbl-2023.docx")
    html = parse_report(OFFICE / "ganzhou-lyj-cbl-2023.html")
    assert docx.page_count is None and html.page_count is None
    assert [r.source_ref for r in docx.indicators] == [r.source_ref for r in html.indicators]
    # The form is one table: 项目名称, 主管部门, the budget block (5 rows), 年度总体目标 (2), the header, then
    # the indicator rows from its 11th row on.
    assert [r.source_ref for r in docx.indicators] == [
        f"表1第{11 + i}行" for i in range(len(docx.indicators))
    ]


def test_an_excel_export_that_is_html_is_read_as_the_web_page_it_is() -> None:
    report = parse_report(OFFICE / "ganzhou-lyj-cbl-2023-export.xls")
    assert report.source_format == "html"
    assert any("is named .xls but is a web page" in w for w in report.warnings)
    assert not _diffs_but_pages(_truth("ganzhou-lyj-cbl-2023"), report)


def _bad_cases() -> list[tuple[str, str]]:
    return sorted(json.loads((OFFICE / "bad" / "expected.json").read_text(encoding="utf-8")).items())


@pytest.mark.parametrize(("name", "reason_code"), _bad_cases())
def test_bad_input_of_each_format_gets_one_reason_and_one_sentence(name: str, reason_code: str) -> None:
    path = OFFICE / "bad" / name
    with pytest.raises(ExtractError) as info:
        parse_report(path)
    error = info.value
    assert error.reason_code == reason_code, f"{name}: {error.reason_code} ({error})"
    assert error.reason_code in REASON_CODES
    sentence = str(error)
    assert "\n" not in sentence and name in sentence and sentence.endswith(".")


def test_legacy_word_is_told_how_to_convert() -> None:
    for name in ("zhaoqing-nyncj-2022.doc", "zhaoqing-nyncj-2022.wps"):
        with pytest.raises(ExtractError) as info:
            parse_report(OFFICE / "bad" / name)
        assert "soffice --headless --convert-to docx" in str(info.value)


def test_html_charset_comes_from_the_meta_tag_or_the_bytes(tmp_path: Path) -> None:
    page = (OFFICE / "zhaoqing-nyncj-2022.html").read_bytes()
    assert b"charset=gb2312" in page  # GBK bytes, labelled GB2312 as such sites do
    unlabelled = tmp_path / "zhaoqing-nyncj-2022.html"
    unlabelled.write_bytes(page.replace(b"charset=gb2312", b""))
    wrong = tmp_path / "zhaoqing-nyncj-2022-wrong.html"
    wrong.write_bytes(page.replace(b"charset=gb2312", b"charset=utf-8"))
    expected = facts(parse_report(OFFICE / "zhaoqing-nyncj-2022.html"))
    assert facts(parse_report(unlabelled)) == expected
    assert facts(parse_report(wrong)) == expected


def test_site_furniture_is_not_part_of_the_document() -> None:
    from jixiao.extract.deadline import Deadline
    from jixiao.extract.readers.html import read_html

    document = read_html(OFFICE / "luoyang-slj-2023.html", Deadline(60, "x"), "x")
    text = document.text
    for furniture in (
        "您当前的位置",
        "浏览次数",
        "网站标识码",
        "打印本页",
        "分享到",
        "相关链接",
        "请输入关键词",
    ):
        assert furniture not in text, furniture
    assert document.lines[0].startswith("洛阳市水利局")  # the document's own first line, not the headline


def test_html_merged_cells_and_line_breaks(tmp_path: Path) -> None:
    """rowspan/colspan resolve to one cell with None under it; <br> and &nbsp; inside a cell are spacing."""
    from jixiao.extract.deadline import Deadline
    from jixiao.extract.readers.html import read_html

    path = tmp_path / "t.html"
    path.write_text(
        "<html><body><p>"
        + "某某局2023年度部门整体支出绩效自评报告，" * 10
        + "</p><table><tr><td rowspan='2'>产出<br/>指标</td><td colspan='2'>数量&nbsp;指标</td></tr>"
        "<tr><td>a</td><td>b</td></tr></table></body></html>",
        encoding="utf-8",
    )
    grid = read_html(path, Deadline(60, "x"), "t.html").grids[0]
    assert [[c.text if c else None for c in row] for row in grid.rows] == [
        ["产出指标", "数量指标", None],
        [None, "a", "b"],
    ]
    assert grid.rows[0][0].bottom == grid.rows[1][2].bottom  # the merged cell reaches the second row
    assert grid.rows[0][0].ref == "表1第1行"


def test_docx_nested_table_and_merges(tmp_path: Path) -> None:
    """A one-cell frame table around the real one is read as its content; vMerge/gridSpan resolved."""
    docx = pytest.importorskip("docx")
    from jixiao.extract.deadline import Deadline
    from jixiao.extract.readers.docx import read_docx

    doc = docx.Document()
    doc.add_paragraph("标题")
    frame = doc.add_table(rows=1, cols=1)
    inner = frame.cell(0, 0).add_table(rows=3, cols=3)
    inner.cell(0, 0).merge(inner.cell(1, 0)).text = "产出指标"
    inner.cell(0, 1).merge(inner.cell(0, 2)).text = "数量指标"
    inner.cell(1, 1).text, inner.cell(1, 2).text = "a", "b"
    inner.cell(2, 0).text, inner.cell(2, 1).text, inner.cell(2, 2).text = "效益指标", "c", "d"
    path = tmp_path / "nested.docx"
    doc.save(str(path))
    document = read_docx(path, Deadline(60, "x"), "nested.docx")
    assert len(document.grids) == 1
    rows = [[c.text if c else None for c in row] for row in document.grids[0].rows]
    assert rows == [["产出指标", "数量指标", None], [None, "a", "b"], ["效益指标", "c", "d"]]


def test_a_renamed_zip_and_a_damaged_docx(tmp_path: Path) -> None:
    zipped = tmp_path / "report.docx"
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.writestr("报告.pdf", b"%PDF-1.4")
    with pytest.raises(ExtractError) as info:
        parse_report(zipped)
    assert info.value.reason_code == "unsupported_format" and "unpack it" in str(info.value)


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (1, "0%", "100%"),
        (0.95, "0%", "95%"),
        (0.975, "0.0%", "97.5%"),
        (0.9836, "0.00%", "98.36%"),
        (11940.41, "#,##0.00", "11,940.41"),
        (2650, "0.00", "2650.00"),
        (-12.5, "0.0", "-12.5"),
        (-12.5, '0.0;"−"0.0', "−12.5"),
        (0, '0.00;-0.00;"—"', "—"),
        (96.99, '0.00"分"', "96.99分"),
        (0.1 + 0.2, "General", "0.3"),
        (17650, "General", "17650"),
        (1.005, "0.00", "1.01"),  # Excel rounds half away from zero on the decimal shown
        ("≥90%", "@", "≥90%"),
        (True, "General", "TRUE"),
    ],
)
def test_numbers_are_shown_through_their_number_format(value: object, number_format: str, shown: str) -> None:
    assert format_value(value, number_format) == shown


def _genre_stems() -> list[str]:
    return sorted(p.stem for p in GENRE.glob("*.json"))


@pytest.mark.parametrize("stem", _genre_stems())
def test_genre_reports_read_no_worse_from_any_format_than_from_the_pdf(stem: str) -> None:
    """Every format of a train report is compared with the one truth: a reader may read better than the
    PDF (no page breaks to undo), never worse; the formats without pages agree with each other."""
    truth = _truth(stem, folder=GENRE)

    def wrong(path: Path) -> int:
        try:
            return len(_diffs_but_pages(truth, parse_report(path)))
        except ExtractError:
            return 10_000

    pdf_wrong = wrong(GENRE / f"{stem}.pdf")
    others = [p for p in sorted(GENRE.glob(f"{stem}.*")) if p.suffix in (".docx", ".html", ".xlsx", ".xls")]
    assert others
    for path in others:
        assert wrong(path) <= pdf_wrong, path.name
    readings = {path.suffix: _parse_or_code(path) for path in others}
    first = readings[".docx"] if ".docx" in readings else next(iter(readings.values()))
    for suffix, reading in readings.items():
        assert reading == first, f"{stem}{suffix} reads differently from the other page-less formats"


def test_docx_headers_and_footers_are_not_the_document(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    from jixiao.extract.deadline import Deadline
    from jixiao.extract.readers.docx import read_docx

    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = "某某市财政局印发"
    doc.sections[0].footer.paragraphs[0].text = "第 1 页 共 3 页"
    doc.add_paragraph("正文第一段")
    path = tmp_path / "furniture.docx"
    doc.save(str(path))
    assert read_docx(path, Deadline(60, "x"), "furniture.docx").lines == ["正文第一段"]


def test_several_sheets_in_order_and_hidden_ones_left_out(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from jixiao.core.limits import Limits
    from jixiao.extract.deadline import Deadline
    from jixiao.extract.readers.xlsx import read_xlsx

    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active["A1"] = "填表说明：金额单位为万元"
    form = wb.create_sheet("自评表")
    form.append(["三级指标", "年度指标值", "实际完成值"])
    form.append(["完成率", "≥90%", 0.95])
    form["C2"].number_format = "0%"
    hidden = wb.create_sheet("底稿")
    hidden["A1"] = "不应读取的底稿"
    hidden.sheet_state = "hidden"
    path = tmp_path / "sheets.xlsx"
    wb.save(path)
    document = read_xlsx(path, Limits(), Deadline(60, "x"), "sheets.xlsx")
    assert document.lines == ["填表说明：金额单位为万元", "三级指标 年度指标值 实际完成值", "完成率 ≥90% 95%"]
    assert [[c.ref for c in row] for row in document.grids[1].rows] == [
        ["自评表!A1", "自评表!B1", "自评表!C1"],
        ["自评表!A2", "自评表!B2", "自评表!C2"],
    ]


def test_a_zip_bomb_named_docx_is_too_large(tmp_path: Path) -> None:
    from jixiao.core.limits import Limits

    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"<w:document/>" + b" " * 3_000_000)
    with pytest.raises(ExtractError) as info:
        parse_report(path, Limits(max_file_bytes=100_000))
    assert info.value.reason_code == "too_large"


def test_an_article_in_a_layout_column_named_like_furniture_is_kept(tmp_path: Path) -> None:
    """Some sites put the article in <div class="right"> beside a left navigation column."""
    import re

    from jixiao.extract.deadline import Deadline
    from jixiao.extract.readers.html import read_html

    page = (OFFICE / "luoyang-slj-2023.html").read_text(encoding="utf-8")
    prose = re.sub(r"<table.*?</table>", "", page, flags=re.S)  # no table to hold on to: prose only
    plain, wrapped = tmp_path / "plain.html", tmp_path / "wrapped.html"
    plain.write_text(prose, encoding="utf-8")
    column = '<div class="left"><a href="/">栏目</a></div><div class="right">'
    wrapped.write_text(prose.replace('<div class="main-content">', column), encoding="utf-8")
    lines = read_html(plain, Deadline(60, "x"), "plain.html").lines
    assert len("".join(lines)) > 800
    assert read_html(wrapped, Deadline(60, "x"), "wrapped.html").lines == lines


CORPUS_FORMATS = ROOT / "tests" / "fixtures" / "formats"


@pytest.mark.parametrize("stem", sorted(p.stem for p in CORPUS_FORMATS.glob("*.docx")))
def test_every_corpus_template_reads_the_same_from_word_and_the_web(stem: str) -> None:
    truth = json.loads((ROOT / "tests" / "fixtures" / "truth" / f"{stem}.json").read_text(encoding="utf-8"))
    pdf = parse_report(ROOT / "samples" / "reports" / f"{stem}.pdf")
    for fmt in ("docx", "html"):
        report = parse_report(CORPUS_FORMATS / f"{stem}.{fmt}")
        assert report.source_format == fmt
        assert not _diffs_but_pages(truth, report), report.source_file
        assert facts(report) == facts(pdf), report.source_file
