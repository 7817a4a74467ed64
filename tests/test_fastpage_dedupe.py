"""jixiao.extract.fastpage.dedupe is pdfplumber's dedupe_chars, faster when no character repeats."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.utils import dedupe_chars

from jixiao.extract.fastpage import dedupe


def _char(text: str, top: float, x0: float, size: float = 10.5) -> dict:
    return {
        "text": text,
        "doctop": top,
        "top": top,
        "x0": x0,
        "x1": x0 + 5,
        "size": size,
        "fontname": "",
        "upright": True,
    }


def _same(chars: list[dict]) -> None:
    expected, got = dedupe_chars(chars), dedupe(chars)
    assert got == expected and all(a is b for a, b in zip(got, expected, strict=True))


def test_distinct_characters_come_back_unchanged_and_in_order() -> None:
    chars = [
        _char("1", 10, 10),
        _char("0", 10, 16),
        _char("0", 10, 22),
        _char("0", 30, 10),
        _char("率", 10, 10),
    ]
    _same(chars)
    assert dedupe(chars) == chars


def test_overprinted_characters_are_dropped_as_pdfplumber_does() -> None:
    chars = [_char("指", 10, 10), _char("标", 10, 20), _char("指", 10.4, 10.6), _char("标", 40, 20)]
    _same(chars)
    assert len(dedupe(chars)) == 3


_values = st.sampled_from([0.0, 0.5, 1.0, 1.5, 2.0, 2.9, 3.0, 10.0, 10.99, 12.0])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from("0一率"), _values, _values, st.sampled_from([9.0, 10.5])), max_size=12)
)
def test_agrees_with_dedupe_chars_everywhere(rows: list[tuple[str, float, float, float]]) -> None:
    chars = [_char(text, top, x0, size) for text, top, x0, size in rows]
    _same(chars)
