"""``python -m fixturegen.office.formats``: the office reports as web pages and Excel forms.

Made the way departments make them, from the committed ``tests/fixtures/office/<stem>.docx``:

- ``<stem>.html``: Word's document saved as a web page by LibreOffice ("HTML (StarWriter)": merged
  cells as rowspan/colspan, ``<font>`` runs, ``<p>`` inside cells), its body pasted into a CMS article
  page (site header, search, navigation, breadcrumb, headline, 发布日期/来源/浏览次数 and 字号 links,
  share and print links, footer). Two sites serve GB2312 (``<meta charset=gb2312>``, GBK bytes).
- ``<stem>.xlsx`` for the forms (自评表): the form's table typed into a workbook (openpyxl) as a finance
  clerk lays it out: title rows above the ruled table, merged cells, amounts and percentages as numbers
  with number formats, 执行率 as a formula; then opened and saved by LibreOffice Calc, which stores the
  formulas' values. ``<stem>.xls``: the same workbook saved by Calc as Excel 97-2003.
- ``<stem>.<fmt>.json`` where a format prints less than the report (a form without the report's
  narrative): the truth of that file; otherwise ``<stem>.json`` is the truth of every format.

- ``bad/``: the bad input of these formats that turns up in a report folder, with ``expected.json``
  (reason codes): a legacy Word .doc and a .wps (Calc/Writer "MS Word 97"), a zip of attachments
  renamed .docx, a truncated .docx download, an .xlsx protected with a password (msoffcrypto-tool,
  ECMA-376 agile encryption as Excel writes it), a site's 404 page and a column page of links.
- ``<stem>-export.xls``: a form as government systems "export to Excel": an HTML table in GBK named
  .xls (read as the web page it is).

Needs LibreOffice (``soffice``), python-docx, openpyxl and, for the protected workbook, msoffcrypto-tool
(``pip install --target`` a scratch folder and put it on PYTHONPATH); the tests need none of them.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import lxml.html
from docx import Document
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Side
from openpyxl.utils import get_column_letter

REPO = Path(__file__).resolve().parents[3]
OFFICE = REPO / "tests" / "fixtures" / "office"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# stem → (site name, charset of the site)
SITES: dict[str, tuple[str, str]] = {
    "zhaoqing-nyncj-2022": ("肇庆市农业农村局", "gb2312"),
    "ngrain-kxyjy-2023": ("国家粮食和物资储备局科学研究院", "utf-8"),
    "luoyang-slj-2023": ("洛阳市水利局", "utf-8"),
    "shantou-lhmzj-2023": ("汕头市龙湖区民政局", "gb2312"),
    "ganzhou-lyj-cbl-2023": ("赣州市林业局", "utf-8"),
}
# Form reports typed into Excel: stem → (first paragraph of the form, index of its table in the .docx).
FORMS: dict[str, tuple[str, int]] = {
    "ganzhou-lyj-cbl-2023": ("附件2", 0),
    "ngrain-kxyjy-2023": ("国家粮食和物资储备局科学研究院2023年度部门整体支出绩效自评表", 0),
}
# What an Excel form prints of the report, where it prints less than the report's own truth.
_FORM_TRUTH: dict[str, dict[str, Any]] = {
    "ngrain-kxyjy-2023": {
        "title": "国家粮食和物资储备局科学研究院2023年度部门整体支出绩效自评表",
        "evaluation": {"self_score": 96.59, "grade": None, "page": 1},  # the 总分 row; no grade on the form
        "finance": [  # the budget block only: the narrative's sentences are not on the form
            ("expenditure_total", "3845.678912", "38456789.12"),
            ("expenditure_basic", "2123.456789", "21234567.89"),
            ("expenditure_project", "1722.222123", "17222221.23"),
            ("budget_total", "3910", "39100000.00"),
            ("budget_basic", "2160", "21600000.00"),
            ("budget_project", "1750", "17500000.00"),
        ],
    },
}

# The article page of a government site (the body of the exported document goes into {body}).
_CMS = (Path(__file__).with_name("cms.html")).read_text(encoding="utf-8")


def soffice_convert(source: Path, target_filter: str, out_dir: Path) -> Path:
    """Convert ``source`` with LibreOffice in a throw-away profile; returns the written file."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice is needed (libreoffice-writer-nogui, libreoffice-calc-nogui)")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target_filter,
             "--outdir", str(out_dir), str(source)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    ext = target_filter.split(":", 1)[0]
    written = out_dir / f"{source.stem}.{ext}"
    if not written.exists():
        raise SystemExit(f"LibreOffice did not write {written}")
    return written


def write_cms_page(docx: Path, out: Path, headline: str, site: str, charset: str, work: Path) -> Path:
    """``docx`` saved as a web page by LibreOffice, its body pasted into a CMS article page at ``out``."""
    exported = soffice_convert(docx, "html:HTML (StarWriter)", work)
    root = lxml.html.document_fromstring(exported.read_bytes())
    for div in root.xpath('//div[@title="header" or @title="footer"]'):
        div.getparent().remove(div)  # the page header/footer the export adds: not pasted into the CMS
    body = root.find("body")
    inner = (body.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in body)
    page = _CMS.format(charset=charset, site=site, headline=headline, date="2024-04-18", body=inner)
    out.write_bytes(page.encode("gb18030" if charset == "gb2312" else "utf-8"))
    return out


def write_html(stem: str, work: Path) -> Path:
    """The report as a CMS article page."""
    truth = json.loads((OFFICE / f"{stem}.json").read_text(encoding="utf-8"))
    site, charset = SITES[stem]
    return write_cms_page(
        OFFICE / f"{stem}.docx", OFFICE / f"{stem}.html", truth["title"], site, charset, work
    )


def _table_cells(tbl: Any) -> list[tuple[int, int, int, int, str]]:
    """(row, col, rowspan, colspan, text) of a Word table: gridSpan and vMerge resolved."""
    cells: list[list[Any]] = []
    open_at: dict[int, list[Any]] = {}
    for r, tr in enumerate(tbl.findall(f"{W}tr")):
        col = 0
        for tc in tr.findall(f"{W}tc"):
            span_el = tc.find(f"{W}tcPr/{W}gridSpan")
            span = int(span_el.get(f"{W}val")) if span_el is not None else 1
            vmerge = tc.find(f"{W}tcPr/{W}vMerge")
            if vmerge is not None and vmerge.get(f"{W}val", "continue") == "continue" and col in open_at:
                open_at[col][2] = r - open_at[col][0] + 1
            else:
                text = "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in tc.findall(f"{W}p"))
                cell = [r, col, 1, span, text.strip()]
                cells.append(cell)
                if vmerge is not None:
                    open_at[col] = cell
                else:
                    open_at.pop(col, None)
            col += span
    return [tuple(c) for c in cells]  # type: ignore[misc]


_PLAIN = re.compile(r"-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?")
_PERCENT = re.compile(r"-?\d+(\.\d+)?%")


def _typed(text: str) -> tuple[Any, str]:
    """A cell's value and number format as a clerk types it: amounts and percentages are numbers."""
    if _PERCENT.fullmatch(text):
        decimals = len(text[:-1].split(".")[1]) if "." in text else 0
        return float(text[:-1]) / 100, "0" + ("." + "0" * decimals if decimals else "") + "%"
    if _PLAIN.fullmatch(text):
        decimals = len(text.split(".")[1]) if "." in text else 0
        pattern = ("#,##0" if "," in text else "0") + ("." + "0" * decimals if decimals else "")
        number = float(text.replace(",", ""))
        return (int(number) if not decimals and "," not in text else number), (
            pattern if decimals or "," in text else "General"
        )
    return text, "General"


def write_xlsx(stem: str, work: Path) -> tuple[Path, Path]:
    """The form as an Excel workbook (.xlsx saved by Calc) and as Excel 97-2003 (.xls)."""
    first_line, table_index = FORMS[stem]
    doc = Document(str(OFFICE / f"{stem}.docx"))
    body = doc.element.body
    heading: list[str] = []
    started = False
    tables = 0
    grid: list[tuple[int, int, int, int, str]] = []
    for child in body.iterchildren():
        if child.tag == f"{W}p":
            text = "".join(t.text or "" for t in child.iter(f"{W}t")).strip()
            started = started or text == first_line
            if started and text and not tables:
                heading.append(text)
        elif child.tag == f"{W}tbl" and started:
            if tables == table_index:
                grid = _table_cells(child)
            tables += 1
    wb = Workbook()
    ws = wb.active
    ws.title = "自评表"
    ncols = max(c + s for _, c, _, s, _ in grid)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for r, text in enumerate(heading, start=1):
        ws.cell(r, 1, text).alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)
    top = len(heading) + 1
    rate_cells: list[tuple[int, int]] = []
    for r, c, rowspan, colspan, text in grid:
        value, number_format = _typed(text.replace("\n", ""))
        cell = ws.cell(top + r, c + 1, value)
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # "=100%" is typed as text ('=100%), not a formula
        cell.number_format = number_format
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        if number_format.endswith("%"):
            rate_cells.append((top + r, c + 1))
        for rr in range(top + r, top + r + rowspan):
            for cc in range(c + 1, c + 1 + colspan):
                ws.cell(rr, cc).border = box
        if rowspan > 1 or colspan > 1:
            last_row, last_col = top + r + rowspan - 1, c + colspan
            ws.merge_cells(start_row=top + r, start_column=c + 1, end_row=last_row, end_column=last_col)
    for row, col in rate_cells[:1]:
        # 执行率 = 全年执行数 / 全年预算数, typed as a formula: Calc stores its value on saving.
        ws.cell(row, col).value = f"={get_column_letter(col - 2)}{row}/{get_column_letter(col - 4)}{row}"
    for col in range(1, ncols + 1):
        ws.column_dimensions[get_column_letter(col)].width = 14
    typed = work / f"{stem}.xlsx"
    wb.save(typed)
    calc = work / "calc"
    calc.mkdir(exist_ok=True)
    saved = soffice_convert(typed, "xlsx:Calc MS Excel 2007 XML", calc)
    old = soffice_convert(saved, "xls:MS Excel 97", calc)
    xlsx, xls = OFFICE / f"{stem}.xlsx", OFFICE / f"{stem}.xls"
    shutil.copyfile(saved, xlsx)
    shutil.copyfile(old, xls)
    override = _FORM_TRUTH.get(stem)
    if override is not None:
        truth = json.loads((OFFICE / f"{stem}.json").read_text(encoding="utf-8"))
        truth["title"] = override["title"]
        truth["evaluation"] = override["evaluation"]
        truth["finance"] = [
            {"item_code": code, "amount_wan_yuan": amount, "page": 1, "source_text": text}
            for code, amount, text in override["finance"]
        ]
        for fmt in ("xlsx", "xls"):
            path = OFFICE / f"{stem}.{fmt}.json"
            text = json.dumps(truth, ensure_ascii=False, indent=2, sort_keys=True)
            path.write_text(text + "\n", encoding="utf-8")
    return xlsx, xls


BAD_EXPECTED: dict[str, str] = {
    "zhaoqing-nyncj-2022.doc": "unsupported_format",
    "zhaoqing-nyncj-2022.wps": "unsupported_format",
    "attachments.docx": "unsupported_format",
    "truncated-shantou-lhmzj-2023.docx": "corrupt",
    "protected-ganzhou-lyj-cbl-2023.xlsx": "encrypted",
    "404.html": "not_a_report",
    "column-list.html": "not_a_report",
}

_ERROR_404 = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>404 页面不存在</title></head>
<body><div class="error"><img src="/images/404.png" alt="" /><h2>抱歉，您访问的页面不存在或已被删除！</h2>
<p><span id="sec">5</span>秒后自动返回<a href="/">首页</a></p></div></body></html>
"""


def _column_page(site: str) -> str:
    items = "".join(
        f'<li><a href="/zwgk/jxpj/2024{i:02d}/t2024{i:02d}18_{4000 + i}.html" target="_blank">'
        f"{site}{2023 - i % 3}年度{kind}绩效自评报告</a><span>2024-0{1 + i % 9}-18</span></li>"
        for i, kind in enumerate(["部门整体支出", "项目支出", "专项资金", "部门整体支出"] * 4)
    )
    pager = '<div class="page">共4页 <a href="?p=2">下一页</a></div>'
    body = f'<div class="list"><h3>绩效评价</h3><ul>{items}</ul>{pager}</div>'
    return _CMS.format(charset="utf-8", site=site, headline="绩效评价", date="2024-04-18", body=body)


def write_bad(work: Path) -> list[Path]:
    """The bad inputs of the formats other than PDF, with ``bad/expected.json``."""
    out = OFFICE / "bad"
    out.mkdir(exist_ok=True)
    doc = soffice_convert(OFFICE / "zhaoqing-nyncj-2022.docx", "doc:MS Word 97", work)
    shutil.copyfile(doc, out / "zhaoqing-nyncj-2022.doc")
    shutil.copyfile(doc, out / "zhaoqing-nyncj-2022.wps")  # WPS's own .wps is the same binary container
    with zipfile.ZipFile(out / "attachments.docx", "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for stem in ("zhaoqing-nyncj-2022", "luoyang-slj-2023"):
            info = zipfile.ZipInfo(f"附件/{stem}.pdf", date_time=(2024, 4, 18, 9, 30, 0))
            zf.writestr(info, (OFFICE / f"{stem}.pdf").read_bytes())
    data = (OFFICE / "shantou-lhmzj-2023.docx").read_bytes()
    (out / "truncated-shantou-lhmzj-2023.docx").write_bytes(data[: len(data) * 2 // 3])
    import msoffcrypto.format.ooxml  # generation-time only (see the module docstring)

    with (OFFICE / "ganzhou-lyj-cbl-2023.xlsx").open("rb") as src:
        buffer = io.BytesIO()
        msoffcrypto.format.ooxml.OOXMLFile(src).encrypt("gzlyj2024", buffer)
    (out / "protected-ganzhou-lyj-cbl-2023.xlsx").write_bytes(buffer.getvalue())
    (out / "404.html").write_text(_ERROR_404, encoding="utf-8")
    (out / "column-list.html").write_text(_column_page("赣州市林业局"), encoding="utf-8")
    expected = out / "expected.json"
    expected.write_text(json.dumps(BAD_EXPECTED, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return [out / name for name in BAD_EXPECTED] + [expected]


def write_export_xls(stem: str, work: Path) -> Path:
    """A form as a government system's "export to Excel": its title and table as HTML, GBK, named .xls."""
    exported = soffice_convert(OFFICE / f"{stem}.docx", "html:HTML (StarWriter)", work)
    root = lxml.html.document_fromstring(exported.read_bytes())
    for div in root.xpath('//div[@title="header" or @title="footer"]'):
        div.getparent().remove(div)
    lines = [
        p.text_content().strip() for p in root.xpath("//p[not(ancestor::table)]") if p.text_content().strip()
    ]
    table = root.xpath("//table")[0]
    for element in table.iter():
        for attr in ("style", "class", "width", "bgcolor", "cellpadding", "cellspacing"):
            element.attrib.pop(attr, None)
    head = "".join(f'<tr><td colspan="9">{line}</td></tr>' for line in lines[:3])
    page = (
        '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head>'
        '<meta http-equiv="Content-Type" content="application/vnd.ms-excel; charset=GBK" /></head><body>'
        f'<table border="0">{head}</table>' + lxml.html.tostring(table, encoding="unicode") + "</body></html>"
    )
    out = OFFICE / f"{stem}-export.xls"
    out.write_bytes(page.encode("gb18030"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fixturegen.office.formats", description=__doc__)
    parser.add_argument("stems", nargs="*", help="only these reports (default: all)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for stem in SITES:
            if args.stems and stem not in args.stems:
                continue
            print(write_html(stem, work).relative_to(REPO))
            if stem in FORMS:
                for path in write_xlsx(stem, work):
                    print(path.relative_to(REPO))
        if not args.stems:
            print(write_export_xls("ganzhou-lyj-cbl-2023", work).relative_to(REPO))
            for path in write_bad(work):
                print(path.relative_to(REPO))
    return 0


if __name__ == "__main__":
    sys.exit(main())
