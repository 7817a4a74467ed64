"""Target / actual cell values: operators, numbers, units, and whether a target was met.

Also the exact money conversion to 万元 used by the finance extractor.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from jixiao.extract.model import Value

# Full-width forms the templates use interchangeably with ASCII.
_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９．，％＞＜＝＋－：～﹥﹤﹦−",
    "0123456789.,%><=+-:~><=-",
)

# Longest first so ">=" wins over ">".
_SYMBOL_OPS: tuple[tuple[str, str], ...] = (
    (">=", ">="),
    ("=>", ">="),
    ("<=", "<="),
    ("=<", "<="),
    ("≥", ">="),
    ("≧", ">="),
    ("≤", "<="),
    ("≦", "<="),
    (">", ">"),
    ("<", "<"),
    ("=", "="),
)
_WORD_OPS: tuple[tuple[str, str], ...] = (
    ("不低于", ">="),
    ("不少于", ">="),
    ("不小于", ">="),
    ("不下于", ">="),
    ("至少", ">="),
    ("达到", ">="),
    ("高于等于", ">="),
    ("大于等于", ">="),
    ("不高于", "<="),
    ("不超过", "<="),
    ("不多于", "<="),
    ("不大于", "<="),
    ("至多", "<="),
    ("小于等于", "<="),
    ("低于等于", "<="),
    ("大于", ">"),
    ("多于", ">"),
    ("超过", ">"),
    ("高于", ">"),
    ("小于", "<"),
    ("少于", "<"),
    ("低于", "<"),
    ("等于", "="),
)
# Trailing qualifiers: "85%以上", "3天以内".
_SUFFIX_OPS: tuple[tuple[str, str], ...] = (
    ("及以上", ">="),
    ("以上", ">="),
    ("及以下", "<="),
    ("以下", "<="),
    ("以内", "<="),
)
# Words that can only state a bound (unlike 达到 / 高于, which also open plain sentences: 达到预期效果).
_BOUND_WORDS = (
    *("≥", "≤", ">=", "<="),
    *("不低于", "不少于", "不小于", "不下于", "不高于", "不超过", "不多于", "不大于"),
)
_EMPTY_MARKS = frozenset({"", "/", "／", "—", "——", "-", "--", "－", "无", "\\", "…"})

_NUMBER_RE = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")
# A unit is a short run of CJK / Latin letters or %, with no sentence punctuation or digits.
_UNIT_RE = re.compile(r"[%‰℃㎡a-zA-Z\u4e00-\u9fff（）()/·]{1,8}")
_SENTENCE_MARKS = re.compile(r"[。；;，、！？!?]")
# A bracketed note closing a cell ("73.2%（优良天数267天）"): the text before it and the note.
_NOTE_RE = re.compile(r"(.*[^（(/])[（(]([^（）()]+)[)）]")
# An approximate figure: "约4.6万个" reads as 4.6 万个.
_ABOUT = "约"
# A range target: "90%-100%", "90-100%", "3～5天". Group 1 and 3 are the bounds, 2 and 4 their units.
_RANGE_RE = re.compile(
    r"(\d+(?:\.\d+)?)(%|[\u4e00-\u9fff]{0,3})(?:-|~|至|到)(\d+(?:\.\d+)?)(%|[\u4e00-\u9fff]{0,3})"
)
# A threshold inside a sentence target: "…缴纳的税收超过1000万元。"
_THRESHOLD_RE = re.compile(
    r"(不低于|不少于|不小于|至少|达到|大于等于|高于等于|不高于|不超过|不多于|不大于|至多|小于等于|低于等于"
    r"|大于|多于|超过|高于|小于|少于|低于|≥|≤|>=|<=|>|<)"
    r"(\d+(?:\.\d+)?)([%‰]|[\u4e00-\u9fff]{1,3})"
)


def normalize_text(text: str) -> str:
    """Full-width digits and symbols to ASCII, every whitespace character removed."""
    # str.split() drops exactly what the pattern \s matches (every code point agrees), and is faster
    return "".join(text.translate(_FULLWIDTH).split())


def split_op(s: str) -> tuple[str | None, str]:
    for symbol, op in _SYMBOL_OPS:
        if s.startswith(symbol):
            return op, s[len(symbol) :]
    for word, op in _WORD_OPS:
        if s.startswith(word):
            return op, s[len(word) :]
    return None, s


def parse_value(text: str | None) -> Value:
    """Parse one target/actual cell into operator, number and unit.

    ``text`` keeps the cell as printed (whitespace removed). A cell that is not a single
    (optionally qualified) number with an optional short unit — qualitative words, sentences,
    "/" or "—" — gets ``number=None``. Never raises.
    """
    raw = re.sub(r"\s+", "", text or "")
    s = strip_note(normalize_text(raw))
    if s in _EMPTY_MARKS or s.strip("—-/") == "":
        return Value(text=raw)
    op, rest = split_op(s)
    if op is None and rest.startswith(_ABOUT):
        rest = rest[len(_ABOUT) :]
    bounds = value_range(s)
    if op is None and bounds is not None:
        return Value(text=raw, number=bounds[0], unit=bounds[2])
    if rest.startswith(("+", "-")) and op is None and len(rest) > 1 and not rest[1].isdigit():
        return Value(text=raw)
    for suffix, suffix_op in _SUFFIX_OPS:
        if rest.endswith(suffix) and op is None:
            op, rest = suffix_op, rest[: -len(suffix)]
            break
    match = _NUMBER_RE.match(rest)
    if match is None:
        # "不低于省级下达任务": a bound against a figure printed elsewhere; the bound is read, no number
        bound = op if op is not None and s.startswith(_BOUND_WORDS) else None
        return Value(text=raw, op=bound)
    tail = rest[match.end() :]
    # "(含)" after a threshold means the bound is inclusive, not a unit.
    tail = re.sub(r"[（(]含[)）]$", "", tail)
    # A unit in brackets after the figure ("10.5（万人次）"): the brackets are punctuation, not the unit.
    tail = re.sub(r"^[（(]([^（）()]+)[)）]$", r"\1", tail)
    unit: str | None = None
    if tail:
        if _SENTENCE_MARKS.search(tail) or not _UNIT_RE.fullmatch(tail):
            return Value(text=raw)
        unit = tail
    try:
        number = float(match.group().replace(",", ""))
    except ValueError:
        return Value(text=raw)
    if number != number or number in (float("inf"), float("-inf")):
        return Value(text=raw)
    return Value(text=raw, op=op, number=number, unit=unit)


def strip_note(text: str) -> str:
    """The value before a bracketed note closing the cell ("73.2%（优良天数267天）" → "73.2%"), else ``text``.

    The brackets are no note when they hold the unit of a bare figure ("10.5（万人次）") or say that the
    bound is inclusive ("≥85%（含）"); a unit running on into them ("元/（人·年）") is left whole; a
    qualifier in them ("90%（以上）") is read without them.
    """
    match = _NOTE_RE.fullmatch(text)
    if match is None:
        return text
    before, inside = match.groups()
    if inside == "含":
        return text
    if any(inside == suffix for suffix, _ in _SUFFIX_OPS):
        return before + inside  # "90%（以上）": a qualifier in brackets
    if before[-1].isdigit() and _UNIT_RE.fullmatch(inside) and not _SENTENCE_MARKS.search(inside):
        return text
    return before


def is_negative_direction(direction: str | None) -> bool:
    """True for a 反向 / "negative" indicator (smaller is better)."""
    return bool(direction) and direction.strip().lower() in ("negative", "反向", "反向指标", "逆向")


def value_range(text: str) -> tuple[float, float, str | None] | None:
    """(lower, upper, unit) of a range cell ("90%-100%", "90-100%"), else None."""
    match = _RANGE_RE.fullmatch(strip_note(normalize_text(text)))
    if match is None:
        return None
    low, low_unit, high, high_unit = match.groups()
    if low_unit and high_unit and low_unit != high_unit:
        return None
    if float(low) > float(high):
        return None
    return float(low), float(high), (high_unit or low_unit) or None


def sentence_threshold(text: str) -> Value | None:
    """The one threshold a sentence target states ("税收超过1000万元" → > 1000 万元), else None."""
    found = _THRESHOLD_RE.findall(normalize_text(text))
    if len(found) != 1:
        return None
    word, number, unit = found[0]
    op, _ = split_op(word)
    return Value(text=text, op=op, number=float(number), unit=unit)


def is_achieved(target: Value, actual: Value, direction: str | None = None) -> bool | None:
    """Whether ``actual`` meets ``target`` by the contract's rules; None when that cannot be decided.

    Numbers are compared: a bare target means "at least", or "at most" for a negative (反向) indicator;
    a range target ("90%-100%") holds its bounds. Identical qualitative texts (持续促进 / 持续促进) are
    achieved; a sentence target with one threshold ("税收超过1000万元") is compared with a numeric actual
    in the same unit; anything else (differently worded qualitative pairs) is None.
    """
    if actual.number is None:
        return _same_words(target, actual)
    if target.number is None:
        threshold = sentence_threshold(target.text)
        if threshold is None or not actual.unit or threshold.unit != actual.unit:
            return None
        target = threshold
    bounds = value_range(target.text) if target.op is None else None
    if bounds is not None:
        return bounds[0] <= actual.number <= bounds[1]
    assert target.number is not None
    op = target.op or ("<=" if is_negative_direction(direction) else ">=")
    a, t = actual.number * _scale(actual.unit, target.unit), target.number
    # only float representation error (relative ~1e-16, e.g. 1.2万 → 12000.000000000002) is forgiven;
    # 1e-9 relative was wide enough to call 9999999.96 "at least 9999999.97"
    eps = 1e-12 * max(1.0, abs(t))
    if op == ">=":
        return a >= t - eps
    if op == "<=":
        return a <= t + eps
    if op == ">":
        return a > t + eps
    if op == "<":
        return a < t - eps
    return abs(a - t) <= eps


_MAGNITUDES = (("百万", 1e6), ("千", 1e3), ("万", 1e4), ("亿", 1e8))


def _scale(unit: str | None, into: str | None) -> float:
    """The factor from ``unit`` to ``into`` when they differ by a magnitude (762,400元 → 万元: 0.0001),
    else 1: a count in 元 against a bound in 万元 is the same quantity, printed at another scale."""
    if not unit or not into or unit == into:
        return 1.0

    def split(u: str) -> tuple[float, str]:
        for prefix, factor in _MAGNITUDES:
            if u.startswith(prefix) and len(u) > len(prefix):
                return factor, u[len(prefix) :]
        return 1.0, u

    (f_unit, base), (f_into, base_into) = split(unit), split(into)
    return f_unit / f_into if base == base_into else 1.0


def _same_words(target: Value, actual: Value) -> bool | None:
    """True for identical non-numeric texts (持续促进 / 持续促进), else None."""
    want, have = normalize_text(target.text), normalize_text(actual.text)
    if target.number is not None or want in _EMPTY_MARKS or want != have:
        return None
    return True


_MONEY_FACTORS: dict[str, Decimal] = {
    "元": Decimal("0.0001"),
    "千元": Decimal("0.1"),
    "万元": Decimal(1),
    "百万元": Decimal(100),
    "亿元": Decimal(10000),
}


def to_wan_yuan(number_text: str, unit: str) -> Decimal:
    """Exact amount in 万元 from a printed number ("11,940.41") and its unit (元 / 万元 / 亿元).

    Raises ValueError for a number or unit it cannot read.
    """
    unit_key = normalize_text(unit or "")
    if unit_key not in _MONEY_FACTORS:
        raise ValueError(f"unknown money unit {unit!r}; expected one of {', '.join(_MONEY_FACTORS)}")
    cleaned = normalize_text(number_text).replace(",", "")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", cleaned):
        raise ValueError(f"not a number: {number_text!r}")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation as exc:  # pragma: no cover - the regex above already guards this
        raise ValueError(f"not a number: {number_text!r}") from exc
    factor = _MONEY_FACTORS[unit_key]
    if factor == 1:
        return amount
    return _strip_zeros(amount * factor)


def _strip_zeros(amount: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation (12000.0 → 12000, 123.4500 → 123.45)."""
    if amount == amount.to_integral_value():
        return amount.quantize(Decimal(1))
    return amount.normalize()
