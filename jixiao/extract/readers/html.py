"""Web pages (.html, and the ".xls" that government exporters write as HTML): the article, not the site.

The charset comes from a BOM, the page's ``<meta>`` or, failing both, from the bytes (GB2312/GBK pages
are common). The site's furniture (header, navigation, breadcrumb, publication meta, share and print
links, footer) is dropped; a site's error page or a page of links is not a report. Tables keep their
``rowspan``/``colspan``; ``<br>`` and paragraphs inside a cell are its lines. A table holding tables,
or of one column, is a layout frame and is read as blocks.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import charset_normalizer
import lxml.html
from lxml import etree

from jixiao.extract.deadline import Deadline
from jixiao.extract.errors import CorruptFileError, NotAReportError
from jixiao.extract.metadata import title_lines
from jixiao.extract.readers.document import Cell, Document, build_grid, row_line
from jixiao.extract.textnorm import squeeze

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_DROP_TAGS = ("script", "style", "noscript", "iframe", "form", "nav", "header", "footer", "aside", "select",
              "button", "input", "object", "embed", "svg")  # fmt: skip
# class/id words of site furniture in the CMSs governments use (TRS, 政府网站集约化平台, Hanweb, ...).
_FURNITURE = re.compile(
    r"^(?:top|head|header|topbar|nav|navbar|menu|mainnav|subnav|breadcrumbs?|crumbs?|position|location|"
    r"place|current|dqwz|wz|logo|banner|search|searchbox|share|bdshare|fenxiang|print|dayin|close|"
    r"footer|foot|bottom|copyright|sidebar|side|left|right|related|xgxx|xgwz|info|article-info|"
    r"artinfo|meta|source|pubinfo|toolbar|tools|fontsize|zihao|login|qrcode|ewm)$",
    re.IGNORECASE,
)
# A line of publication meta: 发布时间 / 来源 / 浏览次数 / 字体【大 中 小】 / 打印 / 关闭窗口.
_META_LINE = re.compile(
    r"发布时间|发布日期|发文日期|来源[:：]|信息来源|浏览次数|访问量|点击数|阅读次数|阅读量|字体[:：]?\s*【?\s*大|"
    r"【\s*打印|打印本页|关闭窗口|分享到|扫一扫"
)
_ERROR_PAGE = re.compile(
    r"\b(?:400|403|404|500|502|503)\b|not found|forbidden|bad gateway|service unavailable|"
    r"internal server error|"
    r"页面不存在|页面未找到|找不到(?:该|您)?(?:页面|网页)|页面已删除|无法访问|访问出错|访问的页面|网页不存在|"
    r"资源不存在|出错了|系统繁忙",
    re.IGNORECASE,
)
_BLOCK_NAMES = (
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd tr table tbody thead tfoot section article main center "
    "blockquote pre address caption body html"
)
_BLOCKS = frozenset(_BLOCK_NAMES.split())
_MIN_ARTICLE_CHARS = 200


def read_html(path: Path, deadline: Deadline, name: str) -> Document:
    """Read a web page into lines and grids (raises NotAReportError for an error page or a page of links)."""
    raw = path.read_bytes()
    text = decode(raw)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise CorruptFileError(f"{name} is an empty or damaged web page; download it again.") from exc
    title = " ".join(" ".join(root.xpath("//title//text()")).split())
    for element in root.xpath("//comment() | //processing-instruction()"):
        _remove(element)
    for element in root.iter(*_DROP_TAGS):
        _remove(element)
    _drop_furniture(root)
    walker = _Walker(deadline)
    body = root.find("body")
    walker.block(body if body is not None else root)
    content = squeeze("".join(walker.lines))
    if len(content) < _MIN_ARTICLE_CHARS and _ERROR_PAGE.search(f"{title} {content}"):
        shown = title[:60] or content[:40]
        raise NotAReportError(
            f"{name} is a web site's error page (“{shown}”), not a report: the download failed; "
            "download the report's page again."
        )
    links = squeeze("".join(root.xpath("//a//text()")))
    if not walker.grids and (len(content) < _MIN_ARTICLE_CHARS or len(links) >= 0.5 * len(content)):
        raise NotAReportError(
            f"{name} is a web page of links or headlines (a column, list or search page), not a report; "
            "download the report's own page (or its attachment) instead."
        )
    lines = walker.lines
    if walker.meta_at and title_lines("\n".join(lines[walker.meta_at :])) is not None:
        # The article prints its own title: the CMS's headline above the publication meta is not part
        # of the document (the PDF of the same report does not have it).
        lines = lines[walker.meta_at :]
    warnings = []
    if path.suffix.lower() not in (".html", ".htm", ".shtml", ".xhtml", ""):
        warnings.append(
            f"{name} is named {path.suffix} but is a web page (HTML), as some systems export tables; "
            "it was read as HTML."
        )
    return Document("html", lines, walker.grids, warnings)


def decode(raw: bytes) -> str:
    """The page's text: a BOM, else the charset its ``<meta>`` declares, else the one its bytes show."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            return raw[len(bom) :].decode(encoding, errors="replace")
    declared = _META_CHARSET.search(raw[:4096])
    if declared:
        encoding = declared.group(1).decode("ascii").lower()
        if encoding in ("gb2312", "gbk", "gb_2312-80", "x-gbk"):
            encoding = "gb18030"  # the superset: pages labelled GB2312 use GBK characters
        try:
            return raw.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong label (a page saved again in another encoding): look at the bytes
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(raw).best()
    if best is not None and best.encoding not in ("ascii", "utf_8"):
        encoding = "gb18030" if best.encoding in ("gb2312", "gbk", "hz") else best.encoding
        return raw.decode(encoding, errors="replace")
    return raw.decode("gb18030", errors="replace")


def _remove(element: Any) -> None:
    """Remove an element but keep its tail text (the text after it belongs to its parent)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _drop_furniture(root: Any) -> None:
    """Drop elements whose class or id names site furniture, unless they hold the article: its tables,
    or much of the page's prose (a layout column called "right" that holds the article)."""
    total = _prose_length(root)
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        words = f"{element.get('class', '')} {element.get('id', '')}".split()
        if not any(_FURNITURE.match(word) for word in words) or element.xpath(".//table[.//td]"):
            continue
        text = element.text_content()
        if len(text) < 200 and _META_LINE.search(text):
            continue  # the publication meta: the walker drops it and learns where the headline ends
        if _prose_length(element) > 0.4 * total:
            continue
        _remove(element)


def _prose_length(element: Any) -> int:
    """Characters of text outside links (navigation and lists are mostly links)."""
    links = sum(len(squeeze(a.text_content())) for a in element.iter("a"))
    return len(squeeze(element.text_content())) - links


def _own_text(element: Any) -> list[str]:
    """The lines of an element's text, ``<br>`` and blocks breaking lines, nested tables left out."""
    lines: list[str] = [""]

    def walk(el: Any) -> None:
        if el.text:
            lines[-1] += el.text
        for child in el:
            if not isinstance(child.tag, str):
                pass
            elif child.tag == "br" or child.tag == "table":
                lines.append("")
            elif child.tag in _BLOCKS:
                lines.append("")
                walk(child)
                lines.append("")
            else:
                walk(child)
            if child.tail:
                lines[-1] += child.tail

    walk(element)
    return [ln.replace("\xa0", " ").strip() for ln in lines if ln.replace("\xa0", " ").strip()]


class _Walker:
    """Collects lines and grids from the page's blocks in document order."""

    def __init__(self, deadline: Deadline) -> None:
        self.deadline = deadline
        self.lines: list[str] = []
        self.grids: list[Any] = []
        self.tables = 0
        self.since_table: list[str] = []
        self.meta_at: int | None = None  # lines before the publication meta: the site's headline

    def _line(self, text: str) -> None:
        text = text.replace("\xa0", " ").strip()
        if not text:
            return
        if len(text) < 120 and (_META_LINE.match(text) or len(_META_LINE.findall(text)) >= 2):
            if self.meta_at is None:
                self.meta_at = len(self.lines)
            return
        self.lines.append(text)
        self.since_table.append(text)

    def block(self, element: Any) -> None:
        """Lines of ``element``'s inline content; its block children and tables in turn."""
        pending = element.text or ""
        for child in element:
            if not isinstance(child.tag, str):
                pending += child.tail or ""
                continue
            if child.tag == "table":
                self._flush(pending)
                pending = ""
                self.table(child)
            elif child.tag == "br":
                self._flush(pending)
                pending = ""
            elif child.tag in _BLOCKS:
                self._flush(pending)
                pending = ""
                self.block(child)
            elif child.xpath(".//table") or child.xpath(f".//*[{_block_test()}]"):
                self._flush(pending)
                pending = ""
                self.block(child)  # an inline element wrapping blocks (<span><p>…</p></span>)
            else:
                pending += "\n".join(_own_text(child)) if child.tag != "a" else child.text_content()
            pending += child.tail or ""
        self._flush(pending)

    def _flush(self, text: str) -> None:
        for line in text.split("\n"):
            self._line(line)

    def table(self, table: Any) -> None:
        self.deadline.check()
        for caption in table.xpath("./caption"):
            self._flush("\n".join(_own_text(caption)))  # the table's title: text just above it
        rows = table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
        widths = {len(tr.xpath("./td | ./th")) for tr in rows}
        if table.xpath(".//table") or widths <= {0, 1}:
            for tr in rows:  # a layout frame: its cells are containers
                for td in tr.xpath("./td | ./th"):
                    self.block(td)
            return
        self.tables += 1
        number = self.tables
        cells: list[Cell] = []
        taken: set[tuple[int, int]] = set()
        for r, tr in enumerate(rows):
            col = 0
            for td in tr.xpath("./td | ./th"):
                while (r, col) in taken:
                    col += 1
                rowspan = max(_span(td.get("rowspan")), 1)
                colspan = max(_span(td.get("colspan")), 1)
                rowspan = min(rowspan, len(rows) - r)
                cells.append(Cell(r, col, _own_text(td), rowspan, colspan, f"表{number}第{r + 1}行"))
                for dr in range(rowspan):
                    for dc in range(colspan):
                        taken.add((r + dr, col + dc))
                col += colspan
        text_above = squeeze("".join(self.since_table))
        self.since_table = []
        for r in range(len(rows)):
            line = row_line([c for c in cells if c.row == r])
            if line:
                self.lines.append(line)
        self.grids.append(build_grid(cells, number, text_above))


def _block_test() -> str:
    return " or ".join(f"self::{tag}" for tag in sorted(_BLOCKS - {"html", "body"}))


def _span(value: str | None) -> int:
    try:
        return int((value or "1").strip())
    except ValueError:
        return 1
