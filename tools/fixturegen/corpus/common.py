"""Helpers for writing report specs by hand."""

from __future__ import annotations

from collections.abc import Iterable

from fixturegen.spec import Para


def paras(items: Iterable[tuple[str, str]], pending: dict[str, str] | None = None) -> list[Para]:
    """Paragraphs from (style, text) pairs.

    Each anchor in ``pending`` goes on the first paragraph containing its snippet and is removed
    from ``pending``, so one dict can be shared by several calls and checked with ``no_leftovers``.
    """
    if pending is None:
        pending = {}
    out = []
    for style, text in items:
        mine = tuple((key, snip) for key, snip in pending.items() if snip in text)
        for key, _ in mine:
            del pending[key]
        out.append(Para(text, style, mine))
    return out


def no_leftovers(pending: dict[str, str]) -> None:
    """Fail loudly when an anchor snippet matched no paragraph (a typo in a hand-written spec)."""
    if pending:
        raise ValueError(f"anchor snippets not found in any paragraph: {pending}")
