"""Indicator values built from structure (op, number, unit) rather than parsed from text."""

from __future__ import annotations

import re
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


_THRESHOLD_WORDS = {"超过": ">", "不低于": ">=", "不少于": ">=", "达到": ">=", "不超过": "<=", "低于": "<"}


def _sentence_threshold(sentence: str, actual: Value) -> bool | None:
    """Contract v2: a sentence target with one threshold (税收超过1000万元) against an actual in its unit."""
    found = re.findall(
        r"(超过|不低于|不少于|达到|不超过|低于)(\d+(?:\.\d+)?)(万元|元|亿元|%|个|家|人)", sentence
    )
    if len(found) != 1 or found[0][2] != actual.unit or actual.number is None:
        return None
    word, number, _ = found[0]
    t, a = float(number), actual.number
    return {">": a > t, ">=": a >= t, "<=": a <= t, "<": a < t}[_THRESHOLD_WORDS[word]]


def decide(target: Value, actual: Value, direction: str | None = None) -> bool | None:
    """The contract's rule (v2): bare numeric target = at least (at most when 反向); identical qualitative
    texts are achieved; None when not numeric otherwise (sentence targets are written out by hand)."""
    if target.number is None and actual.number is None and target.text and target.text == actual.text:
        return True
    if target.number is None and actual.number is not None:
        return _sentence_threshold(target.text, actual)
    if target.number is None or actual.number is None:
        return None
    t, a = target.number, actual.number
    op = target.op
    if op is None:
        op = "<=" if direction == "negative" else ">="
    return {">=": a >= t, "<=": a <= t, ">": a > t, "<": a < t, "=": a == t}[op]
