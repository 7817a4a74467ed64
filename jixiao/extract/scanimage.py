"""The image of a scanned page, prepared for recognition: grey, seal-free, deskewed, despeckled.

Also finds the page's ruling lines (OpenCV morphology), which become table edges and are then erased
so that recognition never reads a rule as "1" or "|".
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import pypdfium2 as pdfium

from jixiao.extract.pageimages import native_dpi

# Scans are rendered at their own resolution, upsampled to at least this (small print at 100 dpi is
# too coarse for the detector) and at most the second figure (bigger costs time, reads no better).
_MIN_DPI = 200.0
_MAX_DPI = 300.0
_MAX_SKEW_DEG = 3.0
_BLACK_POINT, _WHITE_POINT = 40, 205  # grey levels stretched to 0 and 255 for recognition
_INK_LEVEL = 160  # grey below this is print (paper of a grey scan is ~230, black print below ~100)
_MIN_HRULE_PT = 28.0  # longer than a stroke of a 22-point title character
_LONG_HRULE_PT = 72.0  # longer than two touching ones
_MIN_VRULE_PT = 12.0  # longer than a stroke of body text (bold 10.5 pt: 11 pt); a one-line row is taller
_MAX_RULE_THICKNESS_PT = 2.5  # thinner than a bold title stroke (mean width of the dark run, blur included)
_TOUCH_PT = 2.5  # a vertical rule ends this close to a horizontal one: at both ends, or at one when it is
_LONG_VRULE_PT = 24.0  # this long


@dataclass
class PageImage:
    """A cleaned page image (uint8 grey, 255 = paper) and its scale in pixels per point."""

    grey: np.ndarray
    scale: float
    skew_deg: float = 0.0


@dataclass(frozen=True)
class Rule:
    """A ruling line in pixels: horizontal (y fixed, x0..x1) or vertical (x fixed, y0..y1)."""

    orientation: str  # "h" or "v"
    pos: float
    start: float
    end: float
    thickness: float = 1.0


def render(page: pdfium.PdfPage) -> PageImage:
    """The page rendered at (upsampled) scan resolution, one grey channel with a red seal dropped."""
    dpi = min(max(native_dpi(page) or _MIN_DPI, _MIN_DPI), _MAX_DPI)
    scale = dpi / 72
    rgb = page.render(scale=scale, may_draw_forms=False).to_numpy()
    # pdfium gives BGR(A); the red channel keeps black text dark and turns red ink (seals) pale.
    grey = np.ascontiguousarray(rgb[:, :, 2]) if rgb.ndim == 3 else rgb
    return PageImage(grey, scale)


def deskew(image: PageImage) -> PageImage:
    """The page turned straight (the skew is measured on the text and rules, within ±3°)."""
    grey = image.grey
    angle = skew_angle(cv2.medianBlur(grey, 3))
    if abs(angle) >= 0.05:
        h, w = grey.shape
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        grey = cv2.warpAffine(
            grey, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=255
        )
    return PageImage(grey, image.scale, angle)


def skew_angle(grey: np.ndarray) -> float:
    """The rotation (degrees, OpenCV's sense) that makes text lines and rules horizontal.

    The angle whose row profile of ink is the most peaked wins (coarse then fine search on a reduced
    image).
    """
    h, w = grey.shape
    factor = 800 / max(w, 1)
    small = grey
    if factor < 1:
        small = cv2.resize(grey, (800, max(1, int(h * factor))), interpolation=cv2.INTER_AREA)
    # A fixed threshold: Otsu's would split a blank page's paper into "ink" and paper.
    ink = (small < _INK_LEVEL).astype(np.float32)
    if ink.mean() < 0.001:
        return 0.0  # nothing printed: nothing to straighten
    sh, sw = ink.shape

    def score(angle: float) -> float:
        matrix = cv2.getRotationMatrix2D((sw / 2, sh / 2), angle, 1.0)
        rotated = cv2.warpAffine(ink, matrix, (sw, sh), flags=cv2.INTER_NEAREST)
        profile = rotated.sum(axis=1)
        return float(np.square(np.diff(profile)).sum())

    best = max(np.arange(-_MAX_SKEW_DEG, _MAX_SKEW_DEG + 1e-9, 0.25), key=score)
    fine = max(np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05), key=score)
    return float(np.clip(fine, -_MAX_SKEW_DEG, _MAX_SKEW_DEG))


def find_rules(grey: np.ndarray, scale: float) -> list[Rule]:
    """Horizontal and vertical ruling lines of a deskewed page image.

    Horizontal rules are thin dark runs longer than any character stroke; vertical runs count only when
    they end on a horizontal rule, as table rules do and the strokes of characters do not.
    """
    # A lower contrast than for text: the thin light rules of a 100-dpi scan must come out whole.
    ink = cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 8)
    found: dict[str, list[Rule]] = {"h": [], "v": []}
    thin = _MAX_RULE_THICKNESS_PT * scale
    for orientation, least in (("h", _MIN_HRULE_PT * scale), ("v", _MIN_VRULE_PT * scale)):
        n = max(8, int(least))
        kernel = (n, 1) if orientation == "h" else (1, n)
        lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        count, _, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
        for x, y, w, h, area in stats[1:count]:
            # Mean thickness, not the box's: a long rule left slightly slanted has a wide box.
            if orientation == "h" and w >= n and area / w <= thin:
                found["h"].append(Rule("h", y + h / 2, float(x), float(x + w), float(h)))
            elif orientation == "v" and h >= n and area / h <= thin:
                found["v"].append(Rule("v", x + w / 2, float(y), float(y + h), float(w)))
    reach = _TOUCH_PT * scale
    found = {key: _join(rules, reach, 2 * reach) for key, rules in found.items()}
    # A short run, horizontal or vertical, counts only between two rules across it: the strokes of two
    # bold title characters can touch into a 30-point horizontal run.
    horizontal = [
        r
        for r in found["h"]
        if r.end - r.start >= _LONG_HRULE_PT * scale
        or (_touches(r, found["v"], reach, r.start) and _touches(r, found["v"], reach, r.end))
    ]
    vertical = [
        r
        for r in found["v"]
        if _touches(r, horizontal, reach, r.start) + _touches(r, horizontal, reach, r.end)
        >= (1 if r.end - r.start >= _LONG_VRULE_PT * scale else 2)
    ]
    return horizontal + vertical


def _join(rules: list[Rule], offset: float, gap: float) -> list[Rule]:
    """Collinear pieces of one rule (broken by JPEG noise) joined into one."""
    out: list[Rule] = []
    for rule in sorted(rules, key=lambda r: r.start):
        for i, other in enumerate(out):
            if abs(other.pos - rule.pos) <= offset and rule.start <= other.end + gap:
                out[i] = Rule(
                    rule.orientation,
                    (other.pos + rule.pos) / 2,
                    other.start,
                    max(other.end, rule.end),
                    max(other.thickness, rule.thickness),
                )
                break
        else:
            out.append(rule)
    return out


def _touches(rule: Rule, others: list[Rule], reach: float, end: float) -> bool:
    """True when the end of ``rule`` at ``end`` meets a perpendicular rule of ``others``."""
    return any(
        other.start - reach <= rule.pos <= other.end + reach and abs(other.pos - end) <= reach
        for other in others
    )


def text_image(grey: np.ndarray, rules: list[Rule]) -> np.ndarray:
    """The image for recognition: ruling lines painted over with paper, speckle removed.

    (Rules are found before despeckling: a median filter erases a thin light rule of a 100-dpi scan.)
    """
    out = grey.copy()
    for rule in rules:
        half = rule.thickness / 2 + 2
        if rule.orientation == "h":
            out[
                max(0, int(rule.pos - half)) : int(rule.pos + half) + 1, int(rule.start) : int(rule.end) + 1
            ] = 255
        else:
            out[
                int(rule.start) : int(rule.end) + 1, max(0, int(rule.pos - half)) : int(rule.pos + half) + 1
            ] = 255
    # Paper to white: what is left of a red seal in the red channel (~230) and light smudges go, print
    # (below ~150) keeps its contrast.
    levels = np.clip((np.arange(256) - _BLACK_POINT) * 255.0 / (_WHITE_POINT - _BLACK_POINT), 0, 255)
    return cv2.LUT(cv2.medianBlur(out, 3), levels.astype(np.uint8))
