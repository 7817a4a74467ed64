"""Undo the line breaking of linearised PDF text so sentences can be matched with regexes."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_LATIN_GAP = re.compile(r"(?<=[A-Za-z])\s+(?=[A-Za-z])")
_ANY_WS = re.compile(r"\s+")
# Digits, decimal point and per cent only: the CJK comma and colon stay, so "1,234" cannot be confused
# with a list "1，234".
_FOLD_NUMBERS = str.maketrans("０１２３４５６７８９．％", "0123456789.%")


def join_fragments(parts: list[str] | tuple[str, ...]) -> str:
    """Join wrapped pieces of one cell or sentence; keep a single space only between two Latin words."""
    out = ""
    for part in parts:
        piece = part.strip()
        if not piece:
            continue
        if out and out[-1].isascii() and out[-1].isalpha() and piece[0].isascii() and piece[0].isalpha():
            out += " "
        out += piece
    return squeeze(out)


def squeeze(text: str) -> str:
    """Remove whitespace except one space between two Latin words ("OA 系统" → "OA系统", "ABB Ltd" kept)."""
    marked = _LATIN_GAP.sub("\x00", text.strip())
    return _ANY_WS.sub("", marked).replace("\x00", " ")


@dataclass(frozen=True)
class FlatText:
    """All pages' text flattened into one string, with a map from offsets back to pages."""

    text: str
    page_starts: tuple[int, ...]  # offset where each page (1-based index + 1) begins

    def page_at(self, offset: int) -> int:
        """1-based page number of the character at ``offset``."""
        return bisect_right(self.page_starts, offset)


def flatten(page_texts: list[str], fold_width: bool = True) -> FlatText:
    """Join every page's lines with no separator and drop whitespace (see ``squeeze``).

    With ``fold_width`` full-width digits and symbols become ASCII, so regexes need one form only.
    """
    starts: list[int] = []
    chunks: list[str] = []
    pos = 0
    for text in page_texts:
        flat = squeeze(text)
        if fold_width:
            flat = flat.translate(_FOLD_NUMBERS)
        starts.append(pos)
        chunks.append(flat)
        pos += len(flat)
    return FlatText("".join(chunks), tuple(starts))
