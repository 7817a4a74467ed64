"""A spreadsheet cell as Excel shows it: the value through its number format.

Reports are compared as printed, so 1 formatted ``0%`` is "100%", 0.95 typed as "95%" is "95%" and
11940.41 formatted ``#,##0.00`` is "11,940.41" — what the PDF of the same sheet would show.
Covers the formats forms use: General, fixed decimals, thousands separators, percentages, literal
prefixes and suffixes ("0.00"分""), sections for negatives and zero, dates; not fractions or scientific.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

_QUOTED = re.compile(r'"([^"]*)"')
_BRACKETS = re.compile(r"\[[^\]]*\]")
_DATE_CODES = re.compile(r"[ymdhs]", re.IGNORECASE)


def format_value(value: object, number_format: str | None) -> str:
    """The text Excel shows for ``value`` under ``number_format`` (``None``: General)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime | date | time):
        return _format_date(value, number_format or "")
    if isinstance(value, int | float | Decimal):
        return format_number(float(value), number_format or "General")
    return str(value)


def format_number(value: float, number_format: str) -> str:
    """``value`` under a numeric format ``number_format``."""
    sections = _split_sections(number_format)
    section = sections[0]
    negative = value < 0
    if negative and len(sections) > 1:
        section, value, negative = sections[1], -value, False  # the section prints its own sign
    elif value == 0 and len(sections) > 2:
        section = sections[2]
    section = _BRACKETS.sub("", section)  # [Red], [$-804], conditions
    if section.strip().lower() in ("general", "", "@"):
        return _general(value)
    literal = _literal_parts(section)
    code = "".join(part for part, is_code in literal if is_code)
    if not re.search(r"[0#?]", code):
        return "".join(part if not is_code else "" for part, is_code in literal) or _general(value)
    percent = code.count("%")
    scaled = Decimal(repr(value)) * (Decimal(100) ** percent)
    number_code = re.search(r"[0#?,.]*[0#?][0#?,.]*", code)
    assert number_code is not None
    digits = number_code.group()
    decimals = len(re.sub(r"[^0#?]", "", digits.split(".", 1)[1])) if "." in digits else 0
    grouped = "," in digits.split(".", 1)[0]
    rounded = abs(scaled).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}" if grouped else f"{rounded:.{decimals}f}"
    if "." in digits and re.search(r"#", digits.split(".", 1)[1]):
        text = text.rstrip("0").rstrip(".") if "." in text else text  # optional decimals
    if negative and rounded != 0:
        text = "-" + text
    out: list[str] = []
    placed = False
    for part, is_code in literal:
        if not is_code:
            out.append(part)
            continue
        start = part.find(digits) if not placed else -1
        if start >= 0:
            out.append(part[:start].replace("%", "") + text + part[start + len(digits) :])
            placed = True
        else:
            out.append(part)
    return "".join(out)


def _general(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.11g}" if abs(value) >= 1e-4 else repr(value)


def _split_sections(fmt: str) -> list[str]:
    sections, current, quoted = [], "", False
    for ch in fmt:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            sections.append(current)
            current = ""
        else:
            current += ch
    sections.append(current)
    return sections


def _literal_parts(section: str) -> list[tuple[str, bool]]:
    """The section as (text, is_code) pieces: quoted text and ``\\x`` escapes literal, padding dropped."""
    parts: list[tuple[str, bool]] = []
    i = 0
    buffer = ""
    while i < len(section):
        ch = section[i]
        if ch == '"':
            end = section.find('"', i + 1)
            end = len(section) if end < 0 else end
            if buffer:
                parts.append((buffer, True))
                buffer = ""
            parts.append((section[i + 1 : end], False))
            i = end + 1
            continue
        if ch == "\\" and i + 1 < len(section):
            if buffer:
                parts.append((buffer, True))
                buffer = ""
            parts.append((section[i + 1], False))
            i += 2
            continue
        if ch in "_*" and i + 1 < len(section):
            i += 2  # padding: a space as wide as the next character, or a fill
            continue
        buffer += ch
        i += 1
    if buffer:
        parts.append((buffer, True))
    return parts


def _format_date(value: datetime | date | time, fmt: str) -> str:
    code = _BRACKETS.sub("", _QUOTED.sub("", fmt))
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    day = value if isinstance(value, date) else value.date()
    if "年" in fmt:
        text = (
            f"{day.year}年{day.month}月{day.day}日" if "d" in code.lower() else f"{day.year}年{day.month}月"
        )
        return text
    if isinstance(value, datetime) and re.search(r"h", code, re.IGNORECASE):
        return value.strftime("%Y-%m-%d %H:%M")
    return day.isoformat()


def is_date_format(fmt: str) -> bool:
    """True for a number format that shows a date or time (``yyyy-mm-dd``, ``yyyy"年"m"月"``)."""
    code = _BRACKETS.sub("", _QUOTED.sub("", fmt))
    return bool(_DATE_CODES.search(code)) and code.lower() != "general"
