"""A scanned page read by OCR, with the parts of pdfplumber's Page that table finding uses.

The page's ruling lines (from the image) are its edges and the recognised text is its characters, in
PDF points, so ``tables.page_grids`` finds cells and merged cells exactly as on a text PDF and the same
row assembly follows. Text boxes are cut at vertical rules before recognition so no box spans two cells.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import pypdfium2 as pdfium
from pdfplumber.table import TableFinder, TableSettings

from jixiao.extract import ocrengine, scanimage
from jixiao.extract.scanimage import Rule
from jixiao.extract.selfcheck import OCR_DOUBT_MARK
from jixiao.extract.tables import TABLE_SETTINGS, text_lines

# A character read with a lower confidence than this, in a cell with a number, puts the report on the
# review list. (Correct readings of "≥", "%" on 100–150-dpi scans score 0.5–0.95; digits 0.9–1.0.)
LOW_CONFIDENCE = 0.5
_EDGE_NOISE = "[]|丨"  # the recogniser's reading of a rule or smudge at a box's end
_FULL_WIDTH_BRACKETS = str.maketrans({"(": "（", ")": "）"})
_FULL_WIDTH_PUNCT = str.maketrans({":": "：", ",": "，", ";": "；"})
# ASCII punctuation next to a Chinese character is the recogniser's reading of a full-width sign.
_CJK_PUNCT = re.compile(r"(?<=[\u4e00-\u9fff])[:,;]|[:,;](?=[\u4e00-\u9fff])")
# Full-width separators inside a number are the recogniser's: "27，981.62" is printed "27,981.62".
_NUMBER_PUNCT = re.compile(r"(?<=\d)[，．](?=\d)")
_HALF_WIDTH_PUNCT = str.maketrans({"，": ",", "．": "."})
# Characters the recogniser reads that stand for the same printed sign in these reports.
_FOLD = str.maketrans({"％": "%", "：": ":", "；": ";", "≧": "≥", "≦": "≤"})
# Shapes no printed number has: a sign or separator where digits should be ("%56", "%5:", "7:5"), a
# letter before it (a sign the recogniser does not know: "M300").
_BROKEN_NUMBER = re.compile(r"%\d|\d[:;]\d|\d[:;]$|^[%:;.]\d|\d\.\.|[≥≤]$|^[A-Za-z〇]\d")


@dataclass(frozen=True)
class Doubt:
    """A table cell the recogniser is unsure of: page, its text, lowest confidence, why."""

    page: int
    text: str
    confidence: float
    reason: str

    def sentence(self) -> str:
        return (
            f"Page {self.page} {OCR_DOUBT_MARK}: the table cell '{self.text}' {self.reason} "
            f"(confidence {self.confidence:.2f}); check it against the scan."
        )


class OcrPage:
    """Characters and ruling edges of a scanned page, in pdfplumber's top-down point coordinates."""

    def __init__(
        self,
        number: int,
        width: float,
        height: float,
        pieces: list[ocrengine.Recognised],
        rules: list[Rule],
        scale: float,
    ) -> None:
        """A page of ``width``×``height`` points from text pieces and rules found at ``scale`` px/pt."""
        self.number = number
        self.width = width
        self.height = height
        self.bbox = (0.0, 0.0, width, height)
        self.chars = [c for p in pieces for c in _chars(_tidy(p), scale) if p.text.strip()]
        self.edges = [_edge(r, scale) for r in rules]
        self.text = self._text()

    def find_tables(self, table_settings: dict[str, Any]) -> list[Any]:
        """pdfplumber's table finder run on this page's ruling lines."""
        return TableFinder(self, TableSettings.resolve(table_settings)).tables  # type: ignore[arg-type]

    def doubts(self, grids: list[Any]) -> list[Doubt]:
        """Cells of these grids holding a number the recogniser is unsure of or that fails its pattern."""
        found: list[Doubt] = []
        for grid in grids:
            for row in grid.rows:
                for cell in row:
                    if cell is None or not any(ch.isdigit() for ch in cell.text):
                        continue
                    inside = [c for c in self.chars if _centre_in(c, cell)]
                    if not inside:
                        continue
                    confidence = min(c["confidence"] for c in inside)
                    text = cell.text.translate(_FOLD)
                    if _BROKEN_NUMBER.search(text):
                        reason = "is not a well-formed number"
                    elif confidence < LOW_CONFIDENCE:
                        reason = "was read with low confidence"
                    else:
                        continue
                    found.append(Doubt(self.number, cell.text, confidence, reason))
        return found

    def _text(self) -> str:
        """The page's text as a text layer gives it: a table cell by cell, row by row, the rest by line."""
        cells = [cell for table in self.find_tables(TABLE_SETTINGS) for cell in table.cells]
        groups: dict[int, list[dict[str, Any]]] = {}
        for char in self.chars:
            cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
            home = next(
                (
                    i
                    for i, (x0, top, x1, bottom) in enumerate(cells)
                    if x0 <= cx <= x1 and top <= cy <= bottom
                ),
                -1,
            )
            groups.setdefault(home, []).append(char)
        blocks: list[tuple[float, float, str]] = []
        for home, chars in groups.items():
            if home >= 0:
                x0, top, _, _ = cells[home]
                blocks.append((top, x0, "".join(text_lines(chars))))
            else:
                blocks += [
                    (line[0]["top"], line[0]["x0"], "".join(c["text"] for c in line))
                    for line in _lines(chars)
                ]
        return "\n".join(text for _, _, text in sorted(blocks, key=lambda b: (round(b[0]), b[1])))


def read_scanned_page(page: pdfium.PdfPage, number: int, check: Callable[[], None]) -> OcrPage:
    """OCR one scanned PDF page (``check`` raises when the time budget is spent)."""
    image = scanimage.deskew(scanimage.render(page))
    check()
    rules = scanimage.find_rules(image.grey, image.scale)
    text_image = scanimage.text_image(image.grey, rules)
    boxes = split_at_rules(ocrengine.detect(text_image), rules, image.scale)
    check()
    pieces = ocrengine.recognise(text_image, boxes, check)
    return OcrPage(number, float(page.get_width()), float(page.get_height()), pieces, rules, image.scale)


def split_at_rules(
    boxes: list[tuple[float, float, float, float]], rules: list[Rule], scale: float
) -> list[tuple[float, float, float, float]]:
    """Cut every text box where a vertical rule crosses it, so each piece lies inside one cell."""
    margin = 0.8 * scale  # a rule's own width plus JPEG blur, in pixels
    verticals = [r for r in rules if r.orientation == "v"]
    out: list[tuple[float, float, float, float]] = []
    for x0, top, x1, bottom in boxes:
        mid = (top + bottom) / 2
        # A rule near the box's end is the border of its own cell (boxes are padded): trim, don't cut.
        least = 0.5 * (bottom - top)
        cuts = sorted(r.pos for r in verticals if x0 < r.pos < x1 and r.start <= mid <= r.end)
        left = x0
        for cut in [*cuts, None]:
            right = x1 if cut is None else cut - margin
            if right - left >= least:
                out.append((left, top, right, bottom))
            if cut is not None:
                left = cut + margin
    return out


def _chars(piece: ocrengine.Recognised, scale: float) -> list[dict[str, Any]]:
    """The piece's characters, spread over its box in proportion to their printed widths."""
    kept = [(ch, conf) for ch, conf in zip(piece.text, _confidences(piece), strict=True) if not ch.isspace()]
    text = "".join(ch for ch, _ in kept)
    weights = [0.55 if ch.isascii() else 1.0 for ch in text]
    total = sum(weights) or 1.0
    width = (piece.x1 - piece.x0) / scale
    top, bottom = piece.top / scale, piece.bottom / scale
    x = piece.x0 / scale
    chars = []
    for (ch, conf), weight in zip(kept, weights, strict=True):
        advance = width * weight / total
        chars.append(
            {
                "text": ch,
                "x0": x,
                "x1": x + advance,
                "top": top,
                "bottom": bottom,
                "doctop": top,
                "size": round(bottom - top, 2),
                "fontname": "",
                "upright": True,
                "confidence": conf,
            }
        )
        x += advance
    return chars


def _confidences(piece: ocrengine.Recognised) -> tuple[float, ...]:
    if len(piece.char_confidence) == len(piece.text):
        return piece.char_confidence
    return (piece.confidence,) * len(piece.text)


def _edge(rule: Rule, scale: float) -> dict[str, Any]:
    if rule.orientation == "h":
        x0, x1, top, bottom = rule.start / scale, rule.end / scale, rule.pos / scale, rule.pos / scale
    else:
        x0, x1, top, bottom = rule.pos / scale, rule.pos / scale, rule.start / scale, rule.end / scale
    return {
        "object_type": "line",
        "orientation": rule.orientation,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
    }


def _centre_in(char: dict[str, Any], cell: Any) -> bool:
    cx = (char["x0"] + char["x1"]) / 2
    cy = (char["top"] + char["bottom"]) / 2
    return cell.x0 <= cx <= cell.x1 and cell.top <= cy <= cell.bottom


def _quotes(text: str) -> str:
    """ASCII double quotes in Chinese text as the curly pair: opening after none or a closing one."""
    if '"' not in text:
        return text
    out, open_ = [], False
    for ch in text:
        if ch in '"“”':
            ch = "”" if open_ else "“"
            open_ = not open_
        out.append(ch)
    return "".join(out)


def _lines(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Characters grouped into text lines (centres within half a line height), each left to right."""
    lines: list[list[dict[str, Any]]] = []
    for char in sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2):
        mid = (char["top"] + char["bottom"]) / 2
        if lines:
            last = lines[-1][-1]
            if abs(mid - (last["top"] + last["bottom"]) / 2) < 0.5 * (last["bottom"] - last["top"]):
                lines[-1].append(char)
                continue
        lines.append([char])
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def _tidy(piece: ocrengine.Recognised) -> ocrengine.Recognised:
    """The piece without edge noise, its punctuation typeset (confidences kept per character)."""
    confidences = list(_confidences(piece))
    text = piece.text
    while text and text[0] in _EDGE_NOISE:
        text, confidences = text[1:], confidences[1:]
    while text and text[-1] in _EDGE_NOISE:
        text, confidences = text[:-1], confidences[:-1]
    return replace(piece, text=typeset(text), char_confidence=tuple(confidences))


def typeset(text: str) -> str:
    """Chinese punctuation as these reports print it: the recogniser gives ASCII ( ) : , and " for them."""
    text = _quotes(text.translate(_FULL_WIDTH_BRACKETS))
    text = _CJK_PUNCT.sub(lambda m: m.group(0).translate(_FULL_WIDTH_PUNCT), text)
    return _NUMBER_PUNCT.sub(lambda m: m.group(0).translate(_HALF_WIDTH_PUNCT), text)
