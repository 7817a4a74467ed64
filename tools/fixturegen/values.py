"""Indicator values built from structure (op, number, unit) rather than parsed from text."""

from __future__ import annotations

from decimal import Decimal

from fixturegen.money import fullwidth, plain
from jixiao.extract.model import Value

OP_SYMBOL = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "=", None: ""}
OP_WORD = {">=": ("不低于", "不少于"), "<=": ("不高于", "不超过")}


def num_text(x: float) -> str:
    return plain(Decimal(str(x)))


def make_value(
    op: str | None,
    number: float,
    unit: str | None,
    *,
    style: str = "symbol",  # symbol | word | ascii | fullwidth
    word: int = 0,
    show_unit: bool = True,
) -> Value:
    """A Value and its printed text from its parts; ``style`` picks how the operator is written."""
    n = num_text(number)
    u = unit if (unit and show_unit) else ""
    body = n + u
    if style == "word" and op in OP_WORD:
        text = OP_WORD[op][word % 2] + body
    elif style == "ascii":
        text = {">=": ">=", "<=": "<=", ">": ">", "<": "<", "=": "=", None: ""}[op] + body
    elif style == "fullwidth":
        text = fullwidth(OP_SYMBOL[op] + body)
    else:
        text = OP_SYMBOL[op] + body
    return Value(text, op, number, u or None)


def qualitative(text: str) -> Value:
    return Value("".join(text.split()))


def decide(target: Value, actual: Value, direction: str | None = None) -> bool | None:
    """The contract's rule: bare numeric target = at least (at most when 反向); None when not numeric."""
    if target.number is None or actual.number is None:
        return None
    t, a = target.number, actual.number
    op = target.op
    if op is None:
        op = "<=" if direction == "negative" else ">="
    return {">=": a >= t, "<=": a <= t, ">": a > t, "<": a < t, "=": a == t}[op]
