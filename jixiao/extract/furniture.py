"""Page furniture: page numbers and running headers that interrupt the body text."""

from __future__ import annotations

import re

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}"
    r"|\d{1,4}|[-—–－]\s*\d{1,4}|\d{1,4}\s*[-—–－])\s*$"
)


def is_page_number(text: str) -> bool:
    """True for a line that is only a page number ("— 3 —", "第 3 页", "3/12", "3")."""
    return bool(_PAGE_NUMBER.match(text))


def strip_furniture(page_text: str, running: frozenset[str] = frozenset()) -> str:
    """Drop page numbers and running headers/footers (``running``) at the top or bottom of a page."""
    lines = page_text.split("\n")

    def furniture(line: str) -> bool:
        return not line.strip() or is_page_number(line) or _key(line) in running

    while lines and furniture(lines[-1]):
        lines.pop()
    while lines and furniture(lines[0]):
        lines.pop(0)
    return "\n".join(lines)


def running_lines(page_texts: list[str]) -> frozenset[str]:
    """Lines printed first or last on most pages (a running header or footer), as whitespace-free keys."""
    if len(page_texts) < 3:
        return frozenset()
    counts: dict[str, int] = {}
    for text in page_texts:
        lines = [ln for ln in text.split("\n") if ln.strip() and not is_page_number(ln)]
        for key in {_key(ln) for ln in lines[:2] + lines[-2:]}:
            counts[key] = counts.get(key, 0) + 1
    return frozenset(k for k, n in counts.items() if n >= max(3, len(page_texts) // 2) and len(k) <= 60)


def _key(line: str) -> str:
    return "".join(line.split())
