"""Shared machinery of the genre corpus generator (test tooling, never shipped).

A report is a `Report`: a list of blocks (paragraphs, tables, page breaks, sections) plus the truth
values written by hand.  The same blocks are rendered to .docx (python-docx, real merged cells), to a
CMS-style .html page and, for form templates, to .xlsx (openpyxl, merged ranges).  PDFs come from
LibreOffice.  Pages of the truth are read off the PDF text (pdftotext), never guessed.
"""

from __future__ import annotations

import html as htmlmod
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

# --------------------------------------------------------------------------- model


@dataclass
class C:
    """A table cell: text ('\\n' = line break inside the cell), row/col span, Excel value/format."""

    t: str = ""
    rs: int = 1
    cs: int = 1
    b: bool = False
    al: str = "c"  # c / l / r
    xl: object = None  # value written to Excel instead of the text (number, formula "=...{r}...")
    fmt: str | None = None  # Excel number format


@dataclass
class Table:
    rows: list  # list of list of C | str
    widths: list  # cm per column
    header_rows: int = 0  # rows marked as repeating header (w:tblHeader)
    style: str = "grid"  # grid | threeline
    size: float = 9
    cant_split: bool = False
    xlsx: bool = True  # copied into the xlsx


@dataclass
class P:
    t: str
    kind: str = "p"  # title | h | p | center | right | small
    size: float | None = None
    font: str | None = None


@dataclass
class Break:
    pass


@dataclass
class Section:
    landscape: bool


@dataclass
class Report:
    stem: str
    split: str
    blocks: list
    truth: dict
    html_meta: dict = field(default_factory=dict)
    encoding: str = "utf-8"
    formats: tuple = ("pdf", "docx", "html")
    landscape: bool = False
    font: str = "WenQuanYi Zen Hei"
    body_size: float = 10.5
    pdf_from: str = "docx"  # docx | xlsx
    xlsx_landscape: bool = True
    anchors: dict = field(default_factory=dict)  # table_start text, eval text


def cell(x):
    return x if isinstance(x, C) else C(str(x))


# --------------------------------------------------------------------------- grid


def layout(rows):
    """Place spanned cells on a grid: returns [(r, c, C)] and the column count."""
    occ = {}
    placed = []
    ncols = 0
    for r, row in enumerate(rows):
        c = 0
        for x in row:
            x = cell(x)
            while (r, c) in occ:
                c += 1
            placed.append((r, c, x))
            for dr in range(x.rs):
                for dc in range(x.cs):
                    occ[(r + dr, c + dc)] = True
            c += x.cs
            ncols = max(ncols, c)
    return placed, ncols


# --------------------------------------------------------------------------- docx


def _set_font(run, font, size=None, bold=False):
    run.font.name = font
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(a), font)
    if size:
        run.font.size = Pt(size)
    run.bold = bold


def _borders(tc, **sides):
    tcpr = tc._tc.get_or_add_tcPr()
    b = tcpr.find(qn("w:tcBorders"))
    if b is None:
        b = OxmlElement("w:tcBorders")
        tcpr.append(b)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if side not in sides:
            continue
        val = sides[side]
        e = OxmlElement(f"w:{side}")
        if val:
            e.set(qn("w:val"), "single")
            e.set(qn("w:sz"), str(val))
            e.set(qn("w:color"), "000000")
        else:
            e.set(qn("w:val"), "nil")
        b.append(e)


def _add_page_field(par, font):
    run = par.add_run()
    _set_font(run, font, 9)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            e = OxmlElement("w:fldChar")
            e.set(qn("w:fldCharType"), kind)
        else:
            e = OxmlElement("w:instrText")
            e.set(qn("xml:space"), "preserve")
            e.text = text
        run._r.append(e)


def _orient(section, landscape):
    w, h = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = h, w
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = w, h
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = section.bottom_margin = Cm(2.0)


ALIGN = {"c": WD_ALIGN_PARAGRAPH.CENTER, "l": WD_ALIGN_PARAGRAPH.LEFT, "r": WD_ALIGN_PARAGRAPH.RIGHT}


def write_docx(rep: Report, path: Path):
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = rep.font
    st.element.rPr.rFonts.set(qn("w:eastAsia"), rep.font)
    st.font.size = Pt(rep.body_size)
    _orient(doc.sections[0], rep.landscape)
    _add_page_field(doc.sections[0].footer.paragraphs[0], rep.font)
    doc.sections[0].footer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for blk in rep.blocks:
        if isinstance(blk, P):
            par = doc.add_paragraph()
            size = blk.size or {"title": 18, "h": rep.body_size + 1, "small": 9}.get(blk.kind, rep.body_size)
            bold = blk.kind in ("title", "h")
            if blk.kind in ("title", "center"):
                par.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif blk.kind == "right":
                par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            elif blk.kind == "p":
                par.paragraph_format.first_line_indent = Pt(rep.body_size * 2)
            elif blk.kind == "plain":
                par.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
                par.paragraph_format.line_spacing = Pt(rep.body_size * 1.9)
            par.paragraph_format.space_after = Pt(3)
            for i, line in enumerate(blk.t.split("\n")):
                run = par.add_run(line)
                _set_font(run, blk.font or rep.font, size, bold)
                if i < len(blk.t.split("\n")) - 1:
                    run.add_break()
        elif isinstance(blk, Break):
            doc.add_page_break()
        elif isinstance(blk, Section):
            sec = doc.add_section(WD_SECTION.NEW_PAGE)
            _orient(sec, blk.landscape)
        elif isinstance(blk, Table):
            _docx_table(doc, blk, rep.font)
    doc.save(path)


def _docx_table(doc, tb: Table, font):
    placed, ncols = layout(tb.rows)
    nrows = len(tb.rows)
    t = doc.add_table(rows=nrows, cols=ncols)
    if tb.style == "grid":
        t.style = "Table Grid"
    t.autofit = False
    tblpr = t._tbl.tblPr
    lay = OxmlElement("w:tblLayout")
    lay.set(qn("w:type"), "fixed")
    tblpr.append(lay)
    for c, gc in enumerate(t._tbl.tblGrid.findall(qn("w:gridCol"))):
        gc.set(qn("w:w"), str(int(tb.widths[c] * 567)))
    for r in range(nrows):
        for c in range(ncols):
            t.cell(r, c).width = Cm(tb.widths[c])
    for r, row in enumerate(t.rows):
        trpr = row._tr.get_or_add_trPr()
        if r < tb.header_rows:
            e = OxmlElement("w:tblHeader")
            trpr.append(e)
        if tb.cant_split:
            trpr.append(OxmlElement("w:cantSplit"))
    for r, c, x in placed:
        tc = t.cell(r, c)
        if x.rs > 1 or x.cs > 1:
            tc = tc.merge(t.cell(r + x.rs - 1, c + x.cs - 1))
        tc.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        par = tc.paragraphs[0]
        par.alignment = ALIGN[x.al]
        par.paragraph_format.space_after = Pt(0)
        lines = x.t.split("\n")
        for i, line in enumerate(lines):
            run = par.add_run(line)
            _set_font(run, font, tb.size, x.b)
            if i < len(lines) - 1:
                run.add_break()
    if tb.style == "threeline":
        for r in range(nrows):
            for c in range(ncols):
                sides = dict(left=0, right=0, insideH=0, insideV=0)
                sides["top"] = 12 if r == 0 else 0
                if r == tb.header_rows - 1 or (tb.header_rows == 0 and r == 0):
                    sides["bottom"] = 6
                elif r == nrows - 1:
                    sides["bottom"] = 12
                else:
                    sides["bottom"] = 0
                _borders(t.cell(r, c), **sides)
    doc.add_paragraph()


# --------------------------------------------------------------------------- html

HTML_HEAD = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<title>{title}-{site}</title>
<meta name="ArticleTitle" content="{title}" />
<meta name="PubDate" content="{date}" />
<meta name="ContentSource" content="{source}" />
<link rel="stylesheet" type="text/css" href="/images/{css}.css" />
<style type="text/css">
.article table {{ border-collapse: collapse; margin: 0 auto; }}
.article td {{ border: 1px solid #000; padding: 2px 4px; font-size: 12px; }}
</style>
</head>
<body>
<div class="top"><div class="logo"><img src="/images/logo.png" alt="{site}" /></div>
<div class="search"><form action="/search" method="get"><input name="q" type="text" value="请输入关键字" /><input type="submit" value="搜索" /></form></div></div>
<div class="nav"><ul>{nav}</ul></div>
<div class="position">当前位置：{crumbs}</div>
<div class="article">
<h1 class="title">{title}</h1>
<div class="info">发布时间：{date}&nbsp;&nbsp;&nbsp;来源：{source}&nbsp;&nbsp;&nbsp;浏览次数：<span id="hits">{hits}</span>&nbsp;&nbsp;【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<div class="content" id="zoom">
"""

HTML_FOOT = """</div>
<div class="print"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="footer"><p>主办单位：{site}&nbsp;&nbsp;地址：{addr}</p><p>网站标识码：{code}&nbsp;&nbsp;{icp}</p></div>
</body>
</html>
"""


def _h(s):
    return htmlmod.escape(s, quote=False).replace("\n", "<br />")


def write_html(rep: Report, path: Path):
    m = dict(rep.html_meta)
    charset = "gb2312" if rep.encoding.lower() in ("gbk", "gb2312") else "utf-8"
    nav = "".join(
        f'<li><a href="/{i}/">{n}</a></li>'
        for i, n in enumerate(m.get("nav", ["首页", "机构概况", "政务公开", "办事服务", "互动交流"]))
    )
    crumbs = " &gt; ".join(f'<a href="#">{c}</a>' for c in m.get("crumbs", ["首页", "政务公开", "财政信息"]))
    out = [
        HTML_HEAD.format(
            charset=charset,
            title=_h(m["title"]),
            site=m["site"],
            date=m["date"],
            source=m["source"],
            css=m.get("css", "style"),
            nav=nav,
            crumbs=crumbs,
            hits=m.get("hits", 137),
        )
    ]
    for blk in rep.blocks:
        if isinstance(blk, P):
            if blk.kind == "title":
                out.append(
                    f'<p style="text-align:center"><strong><span style="font-size:22px">{_h(blk.t)}</span></strong></p>\n'
                )
            elif blk.kind in ("center",):
                out.append(f'<p style="text-align:center">{_h(blk.t)}</p>\n')
            elif blk.kind == "right":
                out.append(f'<p style="text-align:right">{_h(blk.t)}</p>\n')
            elif blk.kind == "h":
                out.append(f'<p style="text-indent:2em"><strong>{_h(blk.t)}</strong></p>\n')
            else:
                out.append(f'<p style="text-indent:2em">&nbsp;&nbsp;{_h(blk.t)}</p>\n')
        elif isinstance(blk, Table):
            out.append('<table width="100%" border="1" cellspacing="0" cellpadding="0">\n<tbody>\n')
            for row in blk.rows:
                out.append("<tr>")
                for x in row:
                    x = cell(x)
                    attrs = ""
                    if x.rs > 1:
                        attrs += f' rowspan="{x.rs}"'
                    if x.cs > 1:
                        attrs += f' colspan="{x.cs}"'
                    txt = _h(x.t) if x.t else "&nbsp;"
                    if x.b:
                        txt = f"<strong>{txt}</strong>"
                    out.append(f'<td{attrs} valign="middle"><p style="text-align:center">{txt}</p></td>')
                out.append("</tr>\n")
            out.append("</tbody>\n</table>\n<p>&nbsp;</p>\n")
    out.append(
        HTML_FOOT.format(
            site=m["site"], addr=m.get("addr", ""), code=m.get("code", "0000000000"), icp=m.get("icp", "")
        )
    )
    text = "".join(out)
    if charset == "gb2312":
        path.write_bytes(text.encode("gbk", errors="xmlcharrefreplace"))
    else:
        path.write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------- xlsx


def write_xlsx(rep: Report, path: Path):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = rep.html_meta.get("sheet", "Sheet1")
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    tables = [b for b in rep.blocks if isinstance(b, Table) and b.xlsx]
    ncols = max(layout(t.rows)[1] for t in tables)
    widths = [0.0] * ncols
    r0 = 1
    for blk in rep.blocks:
        if isinstance(blk, P) and blk.kind in ("title", "center", "right", "small"):
            ws.merge_cells(start_row=r0, start_column=1, end_row=r0, end_column=ncols)
            c = ws.cell(r0, 1, blk.t.replace("\n", ""))
            c.font = Font(name="宋体", size=16 if blk.kind == "title" else 10, bold=blk.kind == "title")
            c.alignment = Alignment(
                horizontal={"right": "right", "small": "left"}.get(blk.kind, "center"), vertical="center"
            )
            ws.row_dimensions[r0].height = 30 if blk.kind == "title" else 16
            r0 += 1
        elif isinstance(blk, Table) and blk.xlsx:
            placed, nc = layout(blk.rows)
            for i, w in enumerate(blk.widths):
                widths[i] = max(widths[i], w)
            for r, c, x in placed:
                rr, cc = r0 + r, c + 1
                # a table narrower than the sheet: stretch its last cell
                span_c = x.cs if (c + x.cs < nc) else (ncols - c)
                val = x.xl if x.xl is not None else x.t.replace("\n", "\n")
                if isinstance(val, str) and val.startswith("=") and "{r}" in val:
                    val = val.replace("{r}", str(rr))
                cl = ws.cell(rr, cc, val)
                if x.xl is None and isinstance(val, str) and val.startswith("="):
                    cl.data_type = "s"  # a printed "=" (指标性质) is text, not a formula
                if x.fmt:
                    cl.number_format = x.fmt
                cl.font = Font(name="宋体", size=9, bold=x.b)
                cl.alignment = Alignment(
                    horizontal={"c": "center", "l": "left", "r": "right"}[x.al],
                    vertical="center",
                    wrap_text=True,
                )
                if x.rs > 1 or span_c > 1:
                    ws.merge_cells(
                        start_row=rr, start_column=cc, end_row=rr + x.rs - 1, end_column=cc + span_c - 1
                    )
                for dr in range(x.rs):
                    for dc in range(span_c):
                        ws.cell(rr + dr, cc + dc).border = border
            for r in range(len(blk.rows)):
                longest = 1
                for rr_, c, x in placed:
                    if rr_ == r and x.rs == 1:
                        wcm = sum(blk.widths[c : c + x.cs])
                        lines = sum(max(1, int(len(s) * 0.34 / max(wcm, 0.5)) + 1) for s in x.t.split("\n"))
                        longest = max(longest, lines)
                ws.row_dimensions[r0 + r].height = 13 * longest + 2
            r0 += len(blk.rows)
    for i, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = max(4, w * 4.2)
    ws.page_setup.orientation = "landscape" if rep.xlsx_landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.print_options.horizontalCentered = True
    if rep.html_meta.get("print_title_rows"):  # rows repeated at the top of every printed page
        ws.print_title_rows = rep.html_meta["print_title_rows"]
    wb.save(path)


# --------------------------------------------------------------------------- conversion


def soffice(files, fmt, outdir):
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "soffice",
            "-env:UserInstallation=file:///tmp/genre_lo_profile",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(outdir),
            *map(str, files),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=600,
    )


def page_texts(pdf: Path):
    n = int(
        re.search(
            r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        ).group(1)
    )
    pages = []
    for i in range(1, n + 1):
        t = subprocess.run(
            ["pdftotext", "-layout", "-f", str(i), "-l", str(i), str(pdf), "-"],
            capture_output=True,
            text=True,
        ).stdout
        pages.append(re.sub(r"\s+", "", t))
    return pages


# --------------------------------------------------------------------------- values

FW = str.maketrans("０１２３４５６７８９．％－，", "0123456789.%-,")
OPS = [
    ("大于等于", ">="),
    ("不低于", ">="),
    ("不少于", ">="),
    ("≥", ">="),
    (">=", ">="),
    ("≧", ">="),
    ("小于等于", "<="),
    ("不高于", "<="),
    ("不超过", "<="),
    ("≤", "<="),
    ("<=", "<="),
    ("≦", "<="),
    ("＞", ">"),
    (">", ">"),
    ("＜", "<"),
    ("<", "<"),
    ("＝", "="),
    ("=", "="),
]
NUM = r"[-−]?\d[\d,]*(?:\.\d+)?"


def ws(s):
    return re.sub(r"\s+", "", s or "")


def value(text, op=None, unit_override=None):
    """The truth Value of a cell: text as printed (no whitespace), op, number, unit written in the cell."""
    t = ws(text)
    out = {"text": t, "op": op, "number": None, "unit": None}
    if not t:
        return out
    s = t.translate(FW)
    for k, o in OPS:
        if s.startswith(k):
            out["op"] = o
            s = s[len(k) :]
            break
    if s.startswith("约"):
        s = s[1:]
    m = re.fullmatch(rf"({NUM})([^\d]*?)(?:[-~至]({NUM})([^\d]*))?", s)
    if m:
        out["number"] = float(m.group(1).replace(",", "").replace("−", "-"))
        unit = m.group(2) or m.group(4) or None
        out["unit"] = "%" if unit == "%" else unit
    if unit_override is not None:
        out["unit"] = unit_override
    return out


def achieved(tgt, act, negative=False, rng=None):
    if not act["text"]:
        return None
    if tgt["number"] is not None and act["number"] is not None:
        a, t = act["number"], tgt["number"]
        op = tgt["op"]
        if rng:
            return rng[0] <= a <= rng[1]
        if op is None:
            op = "<=" if negative else ">="
        return {">=": a >= t, "<=": a <= t, ">": a > t, "<": a < t, "=": a == t}[op]
    if tgt["number"] is None and act["number"] is None and tgt["text"] == act["text"]:
        return True
    return None


def level1(printed):
    if printed is None:
        return None
    for k in ("产出", "效益", "满意度", "成本"):
        if k in printed:
            return k
    if any(k in printed for k in ("投入", "过程")):
        return None  # outside the contract's vocabulary (2017-era score tables)
    raise ValueError(printed)


def row_unit(name, unit_col, tgt):
    if unit_col is not None:
        return unit_col or None
    m = re.search(r"[（(]([^（）()\d]{1,6})[）)]$", name)
    if m:
        return "%" if m.group(1) in ("%", "％") else m.group(1)
    return tgt["unit"]


def ind(
    l1,
    l2,
    name,
    tgt,
    act,
    *,
    unit_col=None,
    op=None,
    weight=None,
    score=None,
    reason=None,
    direction=None,
    ach="auto",
    rng=None,
    tgt_unit=None,
    act_unit=None,
):
    """One truth indicator (page filled in later)."""
    tv = value(tgt, op=op, unit_override=tgt_unit)
    av = value(act, unit_override=act_unit)
    if op is not None:
        tv["op"] = op
    a = achieved(tv, av, negative=direction == "negative", rng=rng) if ach == "auto" else ach
    r = ws(reason)
    return {
        "level1": level1(l1),
        "level2": ws(l2) if l2 else None,
        "name": ws(name),
        "unit": row_unit(ws(name), unit_col, tv),
        "target": tv,
        "actual": av,
        "achieved": a,
        "direction": direction,
        "weight": weight,
        "score": score,
        "shortfall_reason": None if r in ("", "/", "—", "无", "-", "／") else r,
    }


def fin(code, amount, source_text, find=None):
    return {"item_code": code, "amount_wan_yuan": amount, "source_text": source_text, "_find": find}


# --------------------------------------------------------------------------- truth pages


def locate(pages, needle, start=(0, 0)):
    """First (page index, offset) at or after start where needle occurs."""
    p, off = start
    while p < len(pages):
        i = pages[p].find(needle, off)
        if i >= 0:
            return p, i
        p, off = p + 1, 0
    return None


def fill_pages(rep: Report, pages):
    tr = rep.truth
    tr["page_count"] = len(pages)
    errors = []
    anchor = rep.anchors.get("table", "三级指标")
    pos = locate(pages, ws(anchor))
    if pos is None:
        errors.append(f"table anchor {anchor!r} not found")
        pos = (0, 0)
    for row in tr["indicators"]:
        if row.get("page"):
            continue
        nm = row.pop("_find", None) or row["name"][: min(4, len(row["name"]))]
        hit = locate(pages, nm, pos)
        if hit is None:
            errors.append(f"row {row['row_no']} {row['name']} not found")
            continue
        row["page"] = hit[0] + 1
        pos = (hit[0], hit[1] + len(nm))
    for f in tr["finance"]:
        nd = f.pop("_find", None) or ws(f["source_text"])
        hit = locate(pages, ws(nd))
        if hit is None:
            errors.append(f"finance {f['item_code']} {nd} not found")
            f["page"] = None
        else:
            f["page"] = hit[0] + 1
    ev = tr["evaluation"]
    if ev.get("self_score") is not None or ev.get("grade"):
        nd = ws(rep.anchors.get("eval", ""))
        hit = locate(pages, nd) if nd else None
        if hit is None:
            errors.append(f"evaluation anchor {nd!r} not found")
        else:
            ev["page"] = hit[0] + 1
    else:
        ev["page"] = None
    return errors


KEY_ORDER = [
    "source_file",
    "title",
    "department",
    "region",
    "province",
    "city",
    "county",
    "adcode",
    "fiscal_year",
    "report_type",
    "page_count",
    "evaluation",
    "finance",
    "indicators",
    "warnings",
]


def finish_truth(rep: Report):
    tr = rep.truth
    tr["source_file"] = rep.stem + ".pdf"
    tr.setdefault("warnings", [])
    for i, row in enumerate(tr["indicators"], 1):
        row["row_no"] = i
    out = {k: tr[k] for k in KEY_ORDER}
    out["indicators"] = [
        {
            k: row[k]
            for k in [
                "row_no",
                "level1",
                "level2",
                "name",
                "unit",
                "target",
                "actual",
                "achieved",
                "direction",
                "weight",
                "score",
                "shortfall_reason",
                "page",
            ]
        }
        for row in tr["indicators"]
    ]
    out["finance"] = [
        {k: f[k] for k in ["item_code", "amount_wan_yuan", "page", "source_text"]} for f in tr["finance"]
    ]
    return out


def check_sums(rep: Report):
    """Print the document's own redundancy for a look by eye."""
    tr = rep.truth
    w = [r["weight"] for r in tr["indicators"] if r["weight"] is not None]
    s = [r["score"] for r in tr["indicators"] if r["score"] is not None]
    extra_w, extra_s = tr.get("_extra_weight", 0), tr.get("_extra_score", 0)
    msg = f"{rep.stem}: rows={len(tr['indicators'])}"
    if w:
        msg += f" sum(w)+{extra_w}={round(sum(w) + extra_w, 2)}"
    if s:
        msg += f" sum(s)+{extra_s}={round(sum(s) + extra_s, 2)} self={tr['evaluation'].get('self_score')}"
    return msg
