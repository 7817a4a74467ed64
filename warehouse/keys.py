"""Stable surrogate keys: a hash of the natural key, the same on every run and every machine."""

from __future__ import annotations

import hashlib

_MASK = 0x7FFF_FFFF_FFFF_FFFF  # keep keys positive so they fit BIGINT


def surrogate_key(kind: str, *natural_key: str) -> int:
    """A positive 63-bit integer from the first 8 bytes of sha256 over ``kind`` and the natural key."""
    text = "\x1f".join((kind, *natural_key))
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big") & _MASK


def department_key(department_name: str) -> int:
    """Key of a department, from its full official name."""
    return surrogate_key("department", department_name)


def report_key(source_sha256: str) -> int:
    """Key of a report, from the sha256 of its file."""
    return surrogate_key("report", source_sha256)


def indicator_key(indicator_code: str) -> int:
    """Key of an indicator, from its stable indicator_code."""
    return surrogate_key("indicator", indicator_code)


def item_key(item_code: str) -> int:
    """Key of a finance item, from its item_code."""
    return surrogate_key("finance_item", item_code)
