"""Amounts in 元 printed under a "（万元）" header (Excel forms whose cells were typed in 元).

The rule, never a silent guess:

1. Convert only on evidence from the document itself: the block's header says 万元, and every item the
   block shares with the rest of the report (the same item code stated in a sentence or a statement
   table, in 万元) is 10,000 times that figure (within 10 %), for at least one such item. The block's
   figures are then read as 元 and a warning names the evidence.
2. Without such evidence a block is read as printed. When its largest figure is implausibly large for
   the body's level (a county body over 10 亿元, a city body over 100 亿元, any other over 1,000 亿元)
   the report gets a warning asking a reviewer to check the unit.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.contract import FINANCE_ITEMS
from jixiao.extract.model import FinanceFigure

_YUAN_PER_WAN = Decimal(10000)
_SLACK = Decimal("0.1")  # an item's two statements may differ (adjusted budget, rounding) by this share
# The largest budget in 万元 a body of each level plausibly has: county, city, any other.
_PLAUSIBLE_WAN = {"county": Decimal(100_000), "city": Decimal(1_000_000), "other": Decimal(10_000_000)}


def rescale_block(
    block: list[FinanceFigure], elsewhere: list[FinanceFigure], header_unit: str | None
) -> tuple[list[FinanceFigure], list[str]]:
    """The budget block's figures, converted from 元 when the document proves it (rule 1), and warnings."""
    if header_unit != "万元" or not block:
        return block, []
    stated = {fig.item_code: fig for fig in elsewhere}
    pairs = [
        (fig, stated[fig.item_code])
        for fig in block
        if fig.item_code in stated and fig.amount_wan_yuan > 0 and stated[fig.item_code].amount_wan_yuan > 0
    ]
    if not pairs or not all(_ten_thousand_times(fig, other) for fig, other in pairs):
        return block, []
    fig, other = pairs[0]
    item = FINANCE_ITEMS[fig.item_code][0]
    converted = [
        FinanceFigure(f.item_code, f.amount_wan_yuan / _YUAN_PER_WAN, f.page, f.source_text) for f in block
    ]
    warning = (
        f"The budget block's {item} {fig.amount_wan_yuan} under its 万元 header is 10,000 times the "
        f"{other.amount_wan_yuan} 万元 stated elsewhere in the report: its figures were read as 元 and "
        "converted to 万元; check the printed unit."
    )
    return converted, [warning]


def implausible_block(block: list[FinanceFigure], header_unit: str | None, level: str) -> list[str]:
    """A warning when the block's largest figure, read as printed, is too large for the body (rule 2)."""
    if header_unit != "万元" or not block:
        return []
    largest = max(block, key=lambda fig: fig.amount_wan_yuan)
    if largest.amount_wan_yuan < _PLAUSIBLE_WAN.get(level, _PLAUSIBLE_WAN["other"]):
        return []
    return [
        f"The budget block's {FINANCE_ITEMS[largest.item_code][0]} reads {largest.amount_wan_yuan} 万元, "
        f"implausibly large for a {level}-level body: its figures may be in 元 under a 万元 header; "
        "they were kept as printed, check the unit."
    ]


def body_level(province: str | None, city: str | None, county: str | None) -> str:
    """county / city / other, from the report's region (a municipality such as 重庆市 is a province)."""
    if county:
        return "county"
    return "city" if city and city != province else "other"


def _ten_thousand_times(fig: FinanceFigure, other: FinanceFigure) -> bool:
    ratio = fig.amount_wan_yuan / other.amount_wan_yuan / _YUAN_PER_WAN
    return abs(ratio - 1) <= _SLACK
