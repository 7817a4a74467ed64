"""Money as departments print it (元 / 万元 / 亿元, with or without thousands separators)."""

from __future__ import annotations

from decimal import Decimal

_FACTOR = {"元": Decimal(10000), "万元": Decimal(1), "亿元": Decimal("0.0001")}


def plain(d: Decimal) -> str:
    """A Decimal without exponent or trailing zeros: Decimal('8925.50') → '8925.5'."""
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def fmt_money(wan: Decimal, unit: str = "万元", thousands: bool = True, places: int | None = None) -> str:
    """``wan`` (万元) written in ``unit``, e.g. 11940.41 → '11,940.41万元' or '119,404,100.00元'."""
    amount = wan * _FACTOR[unit]
    if places is None:
        places = 2 if unit == "元" else max(0, -amount.normalize().as_tuple().exponent)
    text = f"{amount:,.{places}f}" if thousands else f"{amount:.{places}f}"
    if Decimal(text.replace(",", "")) != amount:
        raise ValueError(f"{wan} 万元 cannot be written exactly in {unit} with {places} decimals")
    return text + unit


def fullwidth(text: str) -> str:
    """Digits, point, percent and comparison signs in their full-width forms (８８．８８％)."""
    return text.translate(str.maketrans("0123456789.%><=,", "０１２３４５６７８９．％＞＜＝，"))
