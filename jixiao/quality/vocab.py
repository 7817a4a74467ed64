"""Vocabularies the checks enforce: the contract's, from :mod:`jixiao.core.contract`, and the checks' own."""

from __future__ import annotations

import re
from collections.abc import Iterable

from jixiao.core.contract import (
    CORRECTION_INDICATOR_FIELDS,
    CORRECTION_REPORT_FIELDS,
    FINANCE_IDENTITIES,
    FINANCE_ITEMS,
    GRADE_FORMS,
    INGEST_STATUSES,
    LEVEL1_VALUES,
    LEVEL2_VALUES,
    QUARANTINE_CODE,
    REJECTION_CODES,
    RETRACT_FIELD,
    RETRACTION_CODE,
    SHA256_PATTERN,
    SOURCE_FORMATS,
    TARGET_OPS,
    score_band,
)

__all__ = [
    "CORRECTION_FIELD_PATTERN",
    "FINANCE_IDENTITIES",
    "FINANCE_TOLERANCE_WAN_YUAN",
    "GRADE_FORMS",
    "INGEST_STATUSES",
    "LEVEL1_VALUES",
    "LEVEL2_VALUES",
    "MIN_FISCAL_YEAR",
    "QUARANTINE_CODE",
    "REJECTION_CODES",
    "RETRACTION_CODE",
    "SEVERITIES",
    "SHA256_PATTERN",
    "SOURCE_FORMATS",
    "TARGET_OPS",
    "score_band",
]

SEVERITIES: tuple[str, ...] = ("blocking", "warning")
MIN_FISCAL_YEAR = 2000
FINANCE_TOLERANCE_WAN_YUAN = 0.01


def _alternatives(names: Iterable[str]) -> str:
    return "|".join(re.escape(n) for n in names)


# corrections.field: the correction files' grammar (contract: report fields, finance.<item_code>,
# indicators.<row_no>.<field of fact_indicator>) plus the retraction, every name from the contract
CORRECTION_FIELD_PATTERN = (
    f"^(?:{_alternatives((*CORRECTION_REPORT_FIELDS, RETRACT_FIELD))}"
    f"|finance\\.(?:{_alternatives(FINANCE_ITEMS)})"
    f"|indicators\\.\\d+\\.(?:{_alternatives(CORRECTION_INDICATOR_FIELDS)}))$"
)
