"""A scanned page read by OCR, with the parts of pdfplumber's Page that table finding uses.

The page's ruling lines (from the image) are its edges and the recognised text is its characters, in
PDF points, so ``tables.page_grids`` finds cells and merged cells exactly as on a text PDF and the same
row assembly follows. Text boxes are cut at vertical rules before recognition so no box spans two cells.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import cv2
import numpy as np
import pypdfium2 as pdfium
from pdfplumber.table import TableFinder, TableSettings

from jixiao.extract import ocrengine, scanimage
from jixiao.extract.scanimage import Rule
from jixiao.extract.selfcheck import OCR_DOUBT_MARK
from jixiao.extract.tables import TABLE_SETTINGS, text_lines

_INK = 128  # grey below this is print in the recognition image (paper is 255 there)
_BAND = 0.2  # share of a box's height at its top and bottom not searched for print it left out
_GROW_GAP = 0.6  # a gap in box heights that a box is widened across (between characters: ~0.1)
_GROW_PAD = 0.1  # paper left around print a box is widened to, in box heights, as the detector leaves
_GLYPH_PT = 3.0  # print no detected box covers counts when a piece of it is this long (points)
_GLYPH_PIXELS = 12  # and has this many pixels (a speck of JPEG noise has fewer)
_CELL_INSET_PT = 1.0  # a cell's edge not searched: the erased rule's edge and JPEG blur along it
_BODY_PT = 10.5  # the reports' body text size
_BOX_MARGIN = 0.6  # paper around it in such a box, in text heights (a lone "-" with less reads "/")
_COVER_MARGIN = 0.35  # around a detected box, in box heights, print is taken to be its own
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
    boxes = grow_to_ink(split_at_rules(ocrengine.detect(text_image), rules, image.scale), text_image, rules)
    width, height = float(page.get_width()), float(page.get_height())
    s = image.scale
    cells = [
        (x0 * s, top * s, x1 * s, bottom * s)
        for table in OcrPage(number, width, height, [], rules, s).find_tables(TABLE_SETTINGS)
        for x0, top, x1, bottom in table.cells
    ]
    boxes += unseen_print(text_image, boxes, cells, s)
    check()
    pieces = ocrengine.recognise(text_image, boxes, check)
    return OcrPage(number, width, height, pieces, rules, image.scale)


def unseen_print(
    image: np.ndarray,
    boxes: list[tuple[float, float, float, float]],
    cells: list[tuple[float, float, float, float]],
    scale: float,
) -> list[tuple[float, float, float, float]]:
    """Boxes for print in table cells that no detected box covers, one per line of it.

    At the detector's resolution a cell holding one thin glyph ("1", "一") can come out with no box at
    all, and its value would be silently empty; the cell's own ink shows where the text is.
    """
    covered = np.zeros(image.shape, bool)
    for x0, top, x1, bottom in boxes:
        # With a margin: strokes of the box's own characters may reach out of it.
        m = _COVER_MARGIN * (bottom - top)
        covered[max(0, int(top - m)) : math.ceil(bottom + m), max(0, int(x0 - m)) : math.ceil(x1 + m)] = True
    ink = (image < _INK) & ~covered
    least = _GLYPH_PT * scale
    out: list[tuple[float, float, float, float]] = []
    for x0, top, x1, bottom in cells:
        inset = _CELL_INSET_PT * scale
        cx0, ctop = int(x0 + inset), int(top + inset)
        region = ink[ctop : max(ctop, int(bottom - inset)), cx0 : max(cx0, int(x1 - inset))]
        if region.sum() < _GLYPH_PIXELS:
            continue
        count, _, stats, _ = cv2.connectedComponentsWithStats(region.astype(np.uint8), connectivity=8)
        glyphs = [s for s in stats[1:count] if max(s[2], s[3]) >= least and s[4] >= _GLYPH_PIXELS]
        lines: list[list[float]] = []  # [x0, top, x1, bottom] in the region
        for gx, gy, gw, gh, _ in sorted(glyphs, key=lambda s: s[1]):
            for line in lines:
                if gy < line[3] and gy + gh > line[1]:  # overlaps the line vertically
                    line[:] = [
                        min(line[0], gx),
                        min(line[1], gy),
                        max(line[2], gx + gw),
                        max(line[3], gy + gh),
                    ]
                    break
            else:
                lines.append([gx, gy, gx + gw, gy + gh])
        for lx0, ltop, lx1, lbottom in lines:
            # A box as the detector draws one around a line of body text: a lone "1" or "/" cropped
            # tight is read as "I" or "!".
            mid, height = (ltop + lbottom) / 2, max(lbottom - ltop, _BODY_PT * scale)
            out.append(
                (
                    max(x0 + 1, cx0 + lx0 - _BOX_MARGIN * height),
                    max(top + 1, ctop + mid - (0.5 + _BOX_MARGIN) * height),
                    min(x1 - 1, cx0 + lx1 + _BOX_MARGIN * height),
                    min(bottom - 1, ctop + mid + (0.5 + _BOX_MARGIN) * height),
                )
            )
    return out


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


def grow_to_ink(
    boxes: list[tuple[float, float, float, float]], image: np.ndarray, rules: list[Rule]
) -> list[tuple[float, float, float, float]]:
    """Each box widened over print the detector left out at its ends, up to a rule or another box.

    The detector sees the page at a third of its resolution, where a thin stroke standing alone, as
    "一" is, can vanish: "一级指标" came out as "级指标" and the column went unrecognised. Print counts
    when it is within ``_GROW_GAP`` box heights of the box, in the box's middle band (not the line
    above's or below's).
    """
    ink = image < _INK
    out = []
    for i, (x0, top, x1, bottom) in enumerate(boxes):
        height = bottom - top
        band = ink[int(top + _BAND * height) : math.ceil(bottom - _BAND * height)]
        if band.size == 0:
            out.append((x0, top, x1, bottom))
            continue
        columns = band.sum(axis=0) >= 2  # one pixel is JPEG noise
        mid = (top + bottom) / 2
        # Stops: vertical rules across the box's middle and the gaps to the other boxes on its line.
        across = [r.pos for r in rules if r.orientation == "v" and r.start <= mid <= r.end]
        left_stops = [pos for pos in across if pos <= x0]
        right_stops = [pos for pos in across if pos >= x1]
        for j, (ox0, otop, ox1, obottom) in enumerate(boxes):
            if j != i and otop < mid < obottom:
                # Halfway: two boxes never both take the print between them.
                if ox1 <= x0:
                    left_stops.append((ox1 + x0) / 2)
                elif ox0 >= x1:
                    right_stops.append((x1 + ox0) / 2)
        reach = _GROW_GAP * height
        pad = _GROW_PAD * height
        left, right = max(left_stops, default=0.0), min(right_stops, default=float(image.shape[1]))
        new_x0 = _reach(columns, x0, left, reach, -1)
        new_x1 = _reach(columns, x1, right, reach, 1)
        out.append(
            (
                x0 if new_x0 == x0 else max(left + 1, new_x0 - pad),
                top,
                x1 if new_x1 == x1 else min(right - 1, new_x1 + pad),
                bottom,
            )
        )
    return out


def _reach(columns: np.ndarray, edge: float, stop: float, reach: float, step: int) -> float:
    """The outermost inked column reachable from ``edge`` towards ``stop`` by gaps under ``reach``."""
    x = edge
    while True:
        if step < 0:
            lo = max(int(stop) + 1, int(x - reach))
            found = np.flatnonzero(columns[lo : int(x)])
            if not found.size:
                return x
            x = float(lo + found[0])
        else:
            hi = min(int(stop), math.ceil(x + reach))
            found = np.flatnonzero(columns[math.ceil(x) + 1 : hi])
            if not found.size:
                return x
            x = float(math.ceil(x) + 1 + found[-1] + 1)


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
