"""Line breaking for mixed CJK/Latin text by measured glyph width, with Word's kinsoku rules."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fixturegen.render.fonts import char_width, is_cjk, is_latin_alnum

# Characters Word will not put at the start of a line, and ones it will not leave at the end.
NO_LINE_START = frozenset("，。、；：？！）》」』】〕”’%％·…—,.;:?!)]}℃")
NO_LINE_END = frozenset("（《「『【〔“‘([{")
# Latin runs that must not be broken: numbers with separators, words, percentages.
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,:/\-+%]*[A-Za-z0-9%]|[A-Za-z0-9]|.", re.S)

AUTOSPACE = 0.25  # em gap Word inserts between Asian and Latin text


def tokens(text: str) -> list[str]:
    """Split text into unbreakable units: Latin words/numbers, or single characters."""
    return _TOKEN.findall(text)


def gap_between(left: str, right: str, size: float, autospace: bool) -> float:
    """Extra space between two adjacent characters (Asian/Latin autospacing)."""
    if not autospace or not left or not right:
        return 0.0
    if (is_cjk(left) and is_latin_alnum(right) and not _is_punct(left)) or (
        is_latin_alnum(left) and is_cjk(right) and not _is_punct(right)
    ):
        return AUTOSPACE * size
    return 0.0


def _is_punct(ch: str) -> bool:
    return ch in NO_LINE_START or ch in NO_LINE_END or ch in "、，。；：？！"


def measure(text: str, size: float, autospace: bool = True) -> float:
    """Width of ``text`` at ``size`` including autospacing."""
    total = 0.0
    prev = ""
    for ch in text:
        total += char_width(ch, size) + gap_between(prev, ch, size, autospace)
        prev = ch
    return total


@dataclass(frozen=True)
class Line:
    """One wrapped line; ``start`` is the index of its first character in the source text."""

    text: str
    start: int
    last: bool  # last line of its paragraph (not justified)


def wrap(
    text: str, width: float, size: float, first_indent: float = 0.0, autospace: bool = True
) -> list[Line]:
    """Greedy line breaking: Latin runs stay whole, kinsoku characters hang or move down."""
    if text == "":
        return [Line("", 0, True)]
    toks = tokens(text)
    lines: list[Line] = []
    cur: list[str] = []
    cur_start = 0
    pos = 0
    avail = width - first_indent
    for tok in toks:
        candidate = "".join(cur) + tok
        fits = measure(candidate, size, autospace) <= avail + 0.01
        hangs = tok[0] in NO_LINE_START and measure(candidate, size, autospace) <= avail + 0.5 * size
        if fits or not cur or hangs:
            cur.append(tok)
        else:
            carry: list[str] = []
            # A closing mark may not start a line: take the previous character down with it.
            if tok[0] in NO_LINE_START and len(cur) > 1:
                carry.insert(0, cur.pop())
            # Do not leave an opening bracket/quote at the end of the line: carry it down.
            while cur and cur[-1][-1] in NO_LINE_END:
                carry.insert(0, cur.pop())
            if not cur:
                cur, carry = carry, []
            if measure(tok, size, autospace) > avail and len(tok) > 1:
                # A Latin run longer than the line: break it by character.
                cur_text = "".join(cur)
                lines.append(Line(cur_text, cur_start, False))
                cur_start += len(cur_text)
                avail = width
                cur = carry
                for ch in tok:
                    if measure("".join(cur) + ch, size, autospace) > avail and cur:
                        cur_text = "".join(cur)
                        lines.append(Line(cur_text, cur_start, False))
                        cur_start += len(cur_text)
                        cur = []
                    cur.append(ch)
                pos += len(tok)
                continue
            cur_text = "".join(cur)
            lines.append(Line(cur_text, cur_start, False))
            cur_start += len(cur_text)
            avail = width
            cur = [*carry, tok]
        pos += len(tok)
    lines.append(Line("".join(cur), cur_start, True))
    return lines
