"""parse_value / is_achieved / to_wan_yuan on every form the reports use, plus property tests."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.extract.model import TARGET_OPS, Value
from jixiao.extract.values import _FULLWIDTH, is_achieved, normalize_text, parse_value, to_wan_yuan

FULLWIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


@pytest.mark.parametrize(
    ("text", "op", "number", "unit"),
    [
        ("≥300", ">=", 300, None),
        ("219", None, 219, None),
        ("≥80%", ">=", 80, "%"),
        ("88.88%", None, 88.88, "%"),
        ("８８．８８％", None, 88.88, "%"),
        ("＞5", ">", 5, None),
        ("＜3天", "<", 3, "天"),
        ("≤ 10 %", "<=", 10, "%"),
        (">=95%", ">=", 95, "%"),
        ("<=2", "<=", 2, None),
        ("=100%", "=", 100, "%"),
        ("不低于95%", ">=", 95, "%"),
        ("不少于20家", ">=", 20, "家"),
        ("不高于5%", "<=", 5, "%"),
        ("不超过30天", "<=", 30, "天"),
        ("大于0", ">", 0, None),
        ("小于1", "<", 1, None),
        ("超过1000万元", ">", 1000, "万元"),
        ("达到100%", ">=", 100, "%"),
        ("85%以上", ">=", 85, "%"),
        ("2个百分点", None, 2, "个百分点"),
        ("1年", None, 1, "年"),
        ("1074 万\n元", None, 1074, "万元"),
        ("11,940.41", None, 11940.41, None),
        ("１，２３４．５万元", None, 1234.5, "万元"),
        ("-5%", None, -5, "%"),
        # A unit printed in brackets after the figure: the brackets are punctuation.
        ("≥10（万人次）", ">=", 10, "万人次"),
        ("10.5(万人次)", None, 10.5, "万人次"),
        ("≤1200（元/平方米）", "<=", 1200, "元/平方米"),
    ],
)
def test_parse_value_numeric_forms(text: str, op: str | None, number: float, unit: str | None) -> None:
    value = parse_value(text)
    assert (value.op, value.number, value.unit) == (op, pytest.approx(number), unit)
    assert value.text == "".join(text.split())


@pytest.mark.parametrize(
    ("text", "op", "number", "unit"),
    [
        ("−12.5%", None, -12.5, "%"),  # U+2212, as Word prints a minus
        ("-3.2个百分点", None, -3.2, "个百分点"),
        ("90%-100%", None, 90.0, "%"),  # a range: the lower bound
        ("90-100%", None, 90.0, "%"),
        ("3～5天", None, 3.0, "天"),
        ("约4.6万个", None, 4.6, "万个"),
        ("约95%", None, 95.0, "%"),
    ],
)
def test_negative_range_and_approximate_values(text: str, op: str | None, number: float, unit: str) -> None:
    value = parse_value(text)
    assert (value.text, value.op, value.number, value.unit) == (text, op, number, unit)


@pytest.mark.parametrize(
    ("text", "op", "number", "unit"),
    [
        ("73.2%（优良天数267天）", None, 73.2, "%"),
        ("44微克/立方米（上年50微克/立方米）", None, 44, "微克/立方米"),
        ("≥90% (按省考核口径)", ">=", 90, "%"),
        ("3（其中：新建2个，改建1个）", None, 3, None),
        ("90%-95%（考核区间）", None, 90, "%"),
        ("90%（以上）", ">=", 90, "%"),
        ("≥85%（含）", ">=", 85, "%"),
        ("100元/（人·年）", None, 100, "元/（人·年）"),
    ],
)
def test_a_bracketed_note_after_the_value_is_not_part_of_it(
    text: str, op: str | None, number: float, unit: str | None
) -> None:
    """A note in brackets closing the cell: the value is read before it, the text keeps the whole cell."""
    value = parse_value(text)
    assert (value.text, value.op, value.number, value.unit) == ("".join(text.split()), op, number, unit)


@pytest.mark.parametrize(
    ("target", "actual", "expected"),
    [
        ("≥70%", "73.2%（优良天数267天）", True),
        ("≥70%", "68.5%（优良天数250天）", False),
        ("90%-95%（考核区间）", "96%", False),
        ("≤上年", "44微克/立方米（上年50微克/立方米）", None),
    ],
)
def test_a_noted_value_is_compared_by_its_number(target: str, actual: str, expected: bool | None) -> None:
    assert is_achieved(parse_value(target), parse_value(actual)) is expected


@pytest.mark.parametrize(
    "text",
    [
        "持续促进",
        "有效提升",
        "获得奖补的企业2021年缴纳的税收超过1000万元。",
        "按计划完成，质量达标",
        "2023年12月31日前",
        "/",
        "／",
        "—",
        "——",
        "",
        "   ",
    ],
)
def test_parse_value_non_numeric(text: str) -> None:
    value = parse_value(text)
    assert value.number is None
    assert value.op is None
    assert value.text == "".join(text.split())


@pytest.mark.parametrize(
    ("text", "op"),
    [
        ("不低于省级下达任务", ">="),  # a bound against a figure printed elsewhere
        ("不超过年度预算", "<="),
        ("≥上年水平", ">="),
        ("达到预期效果", None),  # 达到 also opens a plain sentence
        ("高于全省平均", None),
    ],
)
def test_a_bound_without_a_number_keeps_its_operator(text: str, op: str | None) -> None:
    value = parse_value(text)
    assert (value.op, value.number, value.unit) == (op, None, None)


def test_empty_cell_is_empty() -> None:
    assert parse_value("").is_empty
    assert parse_value(" \n").is_empty
    assert not parse_value("/").is_empty


@pytest.mark.parametrize(
    ("target", "actual", "direction", "expected"),
    [
        ("≥300", "219", None, False),
        ("≥500", "852", None, True),
        ("4", "3", None, False),  # a bare target means "at least"
        ("85%", "91%", None, True),
        ("≥35", "35", None, True),
        ("2个百分点", "7.2", None, True),
        ("≥85%", "≥85%", None, True),
        ("≤5%", "6%", None, False),
        ("<3", "3", None, False),
        (">3", "3.5", None, True),
        ("=100%", "100%", None, True),
        ("=100%", "99%", None, False),
        ("10", "12", "negative", False),  # 反向: at most
        ("10", "8", "反向", True),
        ("持续促进", "持续促进", None, True),  # contract v2: identical qualitative texts
        ("建立健全", "已建立", None, None),  # differently worded: not decidable
        ("获得奖补的企业2022年缴纳的税收超过1000万元。", "1074万元", None, True),  # sentence threshold
        ("获得奖补的企业2022年缴纳的税收超过1000万元。", "974万元", None, False),
        ("获得奖补的企业2022年缴纳的税收超过1000万元。", "1074", None, None),  # unit not stated
        ("税收超过1000万元，就业不少于50人", "1074万元", None, None),  # two thresholds: which one?
        ("90%-100%", "98.6%", None, True),  # a range holds its bounds
        ("90%-100%", "86%", None, False),
        ("≤0", "−12.5%", None, True),  # U+2212 MINUS SIGN
        ("≥90%", "约95%", None, True),
        ("≥80%", "/", None, None),
        ("", "", None, None),
        # the same quantity printed at another magnitude: 762,400元 is 76.24万元
        ("≤80万元", "762,400元", None, True),
        ("≤80万元", "812,000元", None, False),
        ("≥10万人次", "12.6万人次", None, True),
        ("≥10万人次", "98000人次", None, False),
        ("≥2亿元", "19000万元", None, False),
        ("≥95%", "96", None, True),  # no unit on one side: no scale to apply
    ],
)
def test_is_achieved(target: str, actual: str, direction: str | None, expected: bool | None) -> None:
    assert is_achieved(parse_value(target), parse_value(actual), direction) is expected


@pytest.mark.parametrize(
    ("number", "unit", "expected"),
    [
        ("11,940.41", "万元", "11940.41"),
        ("8,925.5", "万元", "8925.5"),
        ("1,234,500", "元", "123.45"),
        ("1000000", "元", "100"),
        ("1.2", "亿元", "12000"),
        ("11.97", "亿元", "119700"),
        ("３，０１４．９１", "万元", "3014.91"),
        ("0.52", "万元", "0.52"),
    ],
)
def test_to_wan_yuan_exact(number: str, unit: str, expected: str) -> None:
    amount = to_wan_yuan(number, unit)
    assert amount == Decimal(expected)
    assert str(amount) == expected


@pytest.mark.parametrize(("number", "unit"), [("abc", "万元"), ("12", "美元"), ("", "元"), ("1.2.3", "元")])
def test_to_wan_yuan_rejects_garbage(number: str, unit: str) -> None:
    with pytest.raises(ValueError):
        to_wan_yuan(number, unit)


# --- properties ------------------------------------------------------------------------------------------

OPS = {
    "≥": ">=",
    "≤": "<=",
    "＞": ">",
    "＜": "<",
    "=": "=",
    ">=": ">=",
    "<=": "<=",
    ">": ">",
    "<": "<",
    "": None,
}
WORD_OPS = {"不低于": ">=", "不少于": ">=", "不高于": "<=", "不超过": "<=", "大于": ">", "小于": "<"}
UNITS = ["", "%", "家", "个", "万元", "年", "天", "个百分点", "人次"]
numbers = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False)


@given(numbers, st.sampled_from(sorted(OPS)), st.sampled_from(UNITS), st.booleans())
def test_property_operator_number_unit(number: Decimal, symbol: str, unit: str, fullwidth: bool) -> None:
    text = f"{symbol}{number}{unit}"
    if fullwidth:
        text = text.translate(FULLWIDTH)
    value = parse_value(text)
    assert value.op == OPS[symbol]
    assert value.number == pytest.approx(float(number))
    assert value.unit == (unit or None)


@given(numbers, st.sampled_from(sorted(WORD_OPS)), st.sampled_from(UNITS))
def test_property_word_operators(number: Decimal, word: str, unit: str) -> None:
    value = parse_value(f"{word}{number}{unit}")
    assert (value.op, value.unit) == (WORD_OPS[word], unit or None)
    assert value.number == pytest.approx(float(number))


@given(st.integers(min_value=1000, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_property_thousands_separators(whole: int, cents: int) -> None:
    printed = f"{whole:,}.{cents:02d}"
    assert parse_value(printed).number == pytest.approx(whole + cents / 100)
    assert to_wan_yuan(printed, "万元") == Decimal(f"{whole}.{cents:02d}")
    assert to_wan_yuan(printed, "元") * 10000 == Decimal(f"{whole}.{cents:02d}")
    assert to_wan_yuan(printed, "亿元") == Decimal(f"{whole}.{cents:02d}") * 10000


@given(st.text(max_size=40))
def test_property_garbage_never_raises(text: str) -> None:
    value = parse_value(text)
    assert isinstance(value, Value)
    assert value.op in (*TARGET_OPS, None)
    assert value.number is None or value.number == value.number  # never NaN
    assert is_achieved(value, value) in (True, False, None)


@given(numbers, numbers, st.sampled_from(["≥", "≤", ""]), st.sampled_from([None, "negative"]))
def test_property_is_achieved_matches_comparison(
    target: Decimal, actual: Decimal, symbol: str, direction: str | None
) -> None:
    result = is_achieved(parse_value(f"{symbol}{target}"), parse_value(str(actual)), direction)
    at_most = symbol == "≤" or (symbol == "" and direction == "negative")
    assert result is (actual <= target if at_most else actual >= target)


@given(st.sampled_from(["持续促进", "有效提升", "/", "—", "", "达标"]), numbers)
def test_property_non_numeric_side_is_undecidable(word: str, number: Decimal) -> None:
    assert is_achieved(parse_value(word), parse_value(str(number))) is None
    assert is_achieved(parse_value(str(number)), parse_value(word)) is None


def test_normalize_text_drops_every_whitespace_character_and_nothing_else() -> None:
    """Every code point (one a line) that the pattern \\s matches is dropped, every other one kept."""
    text = "\n".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert normalize_text(text) == re.sub(r"\s+", "", text.translate(_FULLWIDTH))
