"""Vocabularies the checks enforce: the contract's, from :mod:`jixiao.core.contract`, and the checks' own."""

from __future__ import annotations

from jixiao.core.contract import (
    FINANCE_IDENTITIES,
    GRADE_FORMS,
    LEVEL1_VALUES,
    LEVEL2_VALUES,
    SOURCE_FORMATS,
    TARGET_OPS,
    score_band,
)

__all__ = [
    "FINANCE_IDENTITIES",
    "FINANCE_TOLERANCE_WAN_YUAN",
    "GRADE_FORMS",
    "LEVEL1_VALUES",
    "LEVEL2_VALUES",
    "MIN_FISCAL_YEAR",
    "SEVERITIES",
    "SOURCE_FORMATS",
    "TARGET_OPS",
    "score_band",
]

SEVERITIES: tuple[str, ...] = ("blocking", "warning")
MIN_FISCAL_YEAR = 2000
FINANCE_TOLERANCE_WAN_YUAN = 0.01
