"""Bad inputs that really turn up in a report folder, one of each, with the expected reason code.

Real files, not stubs: a scanned (image-only) excerpt of a report and a scanned blank page, an
encrypted report, a truncated download, an empty file, an HTML error page and random bytes saved as
.pdf, two genuine PDFs that are not performance reports (决算公开, a procurement notice), and
DOCX/XLSX/TXT files.
"""

from __future__ import annotations

import io
import json
import random
import zipfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont  # reportlab's own dependency
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from fixturegen.corpus import foshan_project, jiangmen
from fixturegen.render import fonts
from fixturegen.render.document import Document, PageStyle, TextStyle
from fixturegen.render.report import render_report
from fixturegen.render.table import Cell, Table, draw_table

EXPECTED: dict[str, str] = {
    # Two scanned pages of narrative, no title and no table: OCR reads them, and they are not a report.
    "scanned-jiangmen-gxj-2023.pdf": "not_a_report",
    "scanned-blank-page.pdf": "no_text_layer",
    "encrypted-foshan-xszz-2023.pdf": "encrypted",
    "truncated-jiangmen-gxj-2021.pdf": "corrupt",
    "empty.pdf": "corrupt",
    "random-bytes.pdf": "corrupt",
    "error-page-404.pdf": "not_a_report",
    "jiangmen-gxj-2023-juesuan.pdf": "not_a_report",
    "jiangmen-gxj-caigou-gonggao.pdf": "not_a_report",
    "jiangmen-gxj-2023.docx": "not_a_report",
    "jiangmen-gxj-2023-zibiao.xlsx": "not_a_report",
    "jiangmen-gxj-2023.txt": "unsupported_format",
}


def write_bad_inputs(out: Path, work: Path) -> list[Path]:
    """Write every bad input and ``expected.json`` into ``out``; ``work`` holds scratch renders."""
    out.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    makers = {
        "scanned-jiangmen-gxj-2023.pdf": _scanned,
        "scanned-blank-page.pdf": scanned_blank,
        "encrypted-foshan-xszz-2023.pdf": lambda p: _encrypted(p),
        "truncated-jiangmen-gxj-2021.pdf": lambda p: _truncated(p, work),
        "empty.pdf": lambda p: p.write_bytes(b""),
        "random-bytes.pdf": lambda p: p.write_bytes(random.Random(404).randbytes(48_000)),
        "error-page-404.pdf": lambda p: p.write_text(ERROR_PAGE, encoding="utf-8"),
        "jiangmen-gxj-2023-juesuan.pdf": _juesuan,
        "jiangmen-gxj-caigou-gonggao.pdf": _procurement,
        "jiangmen-gxj-2023.docx": _docx,
        "jiangmen-gxj-2023-zibiao.xlsx": _xlsx,
        "jiangmen-gxj-2023.txt": _txt,
    }
    written = []
    for name, make in makers.items():
        make(out / name)
        written.append(out / name)
    (out / "expected.json").write_text(
        json.dumps(EXPECTED, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    written.append(out / "expected.json")
    return written


# --- scanned
def _scan_page(lines: list[str], seed: int) -> Image.Image:
    """A 110-dpi grey 'photocopy' of a text page: slight skew, blur and speckle."""
    dpi = 110
    w, h = int(A4[0] / 72 * dpi), int(A4[1] / 72 * dpi)
    img = Image.new("L", (w, h), 246)
    draw = ImageDraw.Draw(img)
    size = int(16 / 72 * dpi)
    cjk = ImageFont.truetype(str(fonts.FONT_DIR / "DroidSansFallbackFull.ttf"), size)
    latin = ImageFont.truetype(str(fonts.FONT_DIR / "Vera.ttf"), int(size * 0.85))
    y = int(80 / 72 * dpi)
    for line in lines:
        x = int(92 / 72 * dpi)
        for ch in line:
            font = cjk if fonts.font_for(ch) == fonts.CJK else latin
            draw.text((x, y), ch, fill=28, font=font)
            x += int(draw.textlength(ch, font=font))
        y += int(30.5 / 72 * dpi)
    rng = random.Random(seed)
    img = img.rotate(0.6, resample=Image.Resampling.BILINEAR, fillcolor=246).filter(
        ImageFilter.GaussianBlur(0.6)
    )
    px = img.load()
    for _ in range(2500):
        px[rng.randrange(w), rng.randrange(h)] = rng.choice((90, 160, 200))
    return img


def _scanned(path: Path) -> None:
    text = [t for _, t in jiangmen.NARRATIVE_BEFORE_TABLE[:8]]
    lines: list[str] = []
    for t in text:
        lines += [t[i : i + 24] for i in range(0, len(t), 24)]
    c = Canvas(str(path), pagesize=A4, invariant=1)
    c.setCreator("Canon iR-ADV C5535 PDF")
    for page, chunk in enumerate((lines[:22], lines[22:44])):
        buf = io.BytesIO()
        _scan_page(chunk, page).save(buf, format="JPEG", quality=55, optimize=False)
        buf.seek(0)
        c.drawImage(ImageReader(buf), 0, 0, width=A4[0], height=A4[1])
        c.showPage()
    c.save()


def scanned_blank(path: Path) -> None:
    """A scanned empty page (a separator sheet): an image-only PDF with nothing to read, even by OCR."""
    c = Canvas(str(path), pagesize=A4, invariant=1)
    c.setCreator("Canon iR-ADV C5535 PDF")
    buf = io.BytesIO()
    _scan_page([], 3).save(buf, format="JPEG", quality=55, optimize=False)
    buf.seek(0)
    c.drawImage(ImageReader(buf), 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()


# --- encrypted / truncated
def _encrypted(path: Path) -> None:
    render_report(foshan_project.spec(), path, encrypt="nhjyj2024")


def _truncated(path: Path, work: Path) -> None:
    full = work / "jiangmen-gxj-2021-full.pdf"
    render_report(jiangmen.spec_2021(), full)
    data = full.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.6)])


ERROR_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>404 Not Found</title>
<style>body{font-family:"Microsoft YaHei";text-align:center;margin-top:120px;color:#555}</style></head>
<body>
<h1>404</h1>
<p>抱歉，您访问的页面不存在或已被删除。</p>
<p><a href="http://www.jiangmen.gov.cn/">返回首页</a></p>
<hr><center>nginx</center>
</body>
</html>
"""


# --- genuine PDFs that are not performance reports
def _plain_doc(path: Path, title: str, paragraphs: list[str], table: Table | None = None) -> None:
    doc = Document(path, PageStyle(footer="dash"))
    doc.paragraph(
        title, TextStyle(size=20, line_height=34, indent_chars=0, align="center", bold=True, space_after=8)
    )
    for i, p in enumerate(paragraphs):
        doc.paragraph(p, TextStyle(size=15, line_height=27))
        if table is not None and i == 1:
            draw_table(doc, table)
    doc.finish()


def _juesuan(path: Path) -> None:
    rows = [
        ("一般公共预算财政拨款收入", "11,236.58", "一般公共服务支出", "9,874.21"),
        ("政府性基金预算财政拨款收入", "0.00", "科学技术支出", "1,523.40"),
        ("事业收入", "0.00", "社会保障和就业支出", "386.75"),
        ("其他收入", "703.83", "住房保障支出", "156.05"),
        ("本年收入合计", "11,940.41", "本年支出合计", "11,940.41"),
    ]
    table = Table(
        col_widths=[120, 70, 120, 70],
        header=[
            [Cell("收入", colspan=2, bold=True), None, Cell("支出", colspan=2, bold=True), None],
            [
                Cell("项目", bold=True),
                Cell("决算数", bold=True),
                Cell("项目", bold=True),
                Cell("决算数", bold=True),
            ],
        ],
        body=[[Cell(a, align="left"), Cell(b), Cell(c, align="left"), Cell(d)] for a, b, c, d in rows],
        size=10.5,
        line_height=14,
    )
    _plain_doc(
        path,
        "江门市工业和信息化局2023年度部门决算",
        [
            "第一部分 部门概况。江门市工业和信息化局是主管全市工业和信息化工作的市政府工作部门，"
            "内设科室14个，下属单位2个。",
            "第二部分 2023年度部门决算表。收入支出决算总表（单位：万元）如下：",
            "第三部分 2023年度部门决算情况说明。2023年度收入总计11,940.41万元，支出总计11,940.41万元。"
            "与上年相比，收、支总计各增加1,377.14万元，增长13.04%，主要原因是工业发展专项资金增加。",
            "第四部分 名词解释。一般公共预算财政拨款收入：指本级财政当年拨付的资金。"
            "基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
        ],
        table,
    )


def _procurement(path: Path) -> None:
    _plain_doc(
        path,
        "江门市工业和信息化局工业互联网公共服务平台运维服务采购项目公开招标公告",
        [
            "项目概况：江门市工业和信息化局工业互联网公共服务平台运维服务采购项目的潜在投标人应在广东政府采购智慧云平台"
            "获取招标文件，并于2024年4月18日09时30分（北京时间）前递交投标文件。",
            "一、项目基本情况。项目编号：JMCG2024-0312；采购方式：公开招标；预算金额：人民币1,860,000.00元；"
            "最高限价：人民币1,860,000.00元；采购需求：平台软硬件运维、安全防护及数据服务，服务期一年。",
            "二、申请人的资格要求。满足《中华人民共和国政府采购法》第二十二条规定；本项目专门面向中小企业采购。",
            "三、获取招标文件。时间：2024年3月28日至2024年4月3日，每天上午00:00至12:00，下午12:00至23:59。",
            "四、对本次招标提出询问，请按以下方式联系。采购人：江门市工业和信息化局；采购代理机构：江门市公共资源交易中心。",
        ],
    )


# --- other formats
_ZIP_TIME = (2024, 3, 28, 10, 0, 0)


def _zip(path: Path, members: dict[str, str]) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, text in members.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))


def _docx(path: Path) -> None:
    paras = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for _, t in jiangmen.NARRATIVE_BEFORE_TABLE[:12])
    _zip(
        path,
        {
            "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
            "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>',
            "word/document.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            f"{paras}</w:body></w:document>",
        },
    )


def _xlsx(path: Path) -> None:
    cells = [("一级指标", "二级指标", "三级指标", "预期值", "实现值")]
    cells += [(r.level1, r.level2, r.name, r.target_text, r.actual_text) for r in jiangmen.ROWS_2023[:10]]
    rows_xml = "".join(
        f'<row r="{i}">'
        + "".join(
            f'<c r="{"ABCDE"[j]}{i}" t="inlineStr"><is><t>{val}</t></is></c>' for j, val in enumerate(row)
        )
        + "</row>"
        for i, row in enumerate(cells, start=1)
    )
    _zip(
        path,
        {
            "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
            "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>',
            "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="绩效自评表" sheetId="1" r:id="rId1"/></sheets></workbook>',
            "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
            "xl/worksheets/sheet1.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<sheetData>{rows_xml}</sheetData></worksheet>",
        },
    )


def _txt(path: Path) -> None:
    text = "\n".join(t for _, t in jiangmen.NARRATIVE_BEFORE_TABLE)
    path.write_text(text + "\n", encoding="utf-8")
