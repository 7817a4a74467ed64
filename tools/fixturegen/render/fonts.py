"""Font registration and glyph measurement.

Droid Sans Fallback carries the CJK glyphs but no Latin letters, digits, curly quotes or ≥/≤; those
runs are set in Bitstream Vera, the way Word sets ASCII in Times New Roman next to 仿宋.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
CJK = "FGDroidFallback"
LATIN = "FGVera"
# Vera is wide; set at 80% it has about the advance widths of Times New Roman, which Word uses.
LATIN_SCALE = 0.80


@cache
def register() -> None:
    """Register both fonts with reportlab once per process."""
    pdfmetrics.registerFont(TTFont(CJK, str(FONT_DIR / "DroidSansFallbackFull.ttf")))
    pdfmetrics.registerFont(TTFont(LATIN, str(FONT_DIR / "Vera.ttf")))


@cache
def _cjk_cmap() -> frozenset[int]:
    register()
    return frozenset(pdfmetrics.getFont(CJK).face.charToGlyph)


@cache
def font_for(ch: str) -> str:
    """The registered font that draws ``ch``."""
    return CJK if ord(ch) in _cjk_cmap() else LATIN


@cache
def _unit_width(ch: str) -> float:
    font = font_for(ch)
    scale = LATIN_SCALE if font == LATIN else 1.0
    return pdfmetrics.stringWidth(ch, font, 1000) / 1000.0 * scale


def char_width(ch: str, size: float) -> float:
    """Advance width of one character at ``size`` points."""
    return _unit_width(ch) * size


def is_cjk(ch: str) -> bool:
    """True for ideographs and full-width forms (not for Latin punctuation)."""
    code = ord(ch)
    return 0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF


def is_latin_alnum(ch: str) -> bool:
    """ASCII letters and digits (where Word adds Asian/Latin spacing)."""
    return ch.isascii() and ch.isalnum()
