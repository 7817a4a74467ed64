"""Field-by-field comparison of a parse with its truth file (shared by the fixture tests and benchmarks)."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from jixiao.extract import ParsedReport

SCALARS = ("source_file", "page_count", "department", "region", "fiscal_year", "report_type", "title")
# Compared only where the truth file has them (the older fixtures predate contract version 2).
OPTIONAL_SCALARS = ("province", "city", "county", "adcode")
ROW_FIELDS = (
    "row_no",
    "level1",
    "level2",
    "name",
    "unit",
    "achieved",
    "weight",
    "score",
    "shortfall_reason",
    "page",
    "direction",
)
VALUE_FIELDS = ("text", "op", "number", "unit")


def _same(want: Any, got: Any) -> bool:
    if isinstance(want, float | int) and isinstance(got, float | int) and not isinstance(want, bool):
        return not isinstance(got, bool) and math.isclose(float(want), float(got), rel_tol=1e-9, abs_tol=1e-9)
    return want == got


def compare(truth: dict[str, Any], report: ParsedReport | None) -> tuple[list[str], int]:
    """Readable differences between a truth dict and a parse, and the number of fields compared.

    ``report`` None (the file was rejected) counts every field of the truth as wrong.
    """
    got = report.to_dict() if report is not None else _empty(truth)
    diffs: list[str] = []
    checked = 0

    def check(label: str, want: Any, have: Any) -> None:
        nonlocal checked
        checked += 1
        if not _same(want, have):
            diffs.append(f"{label}: expected {want!r}, got {have!r}")

    for key in SCALARS:
        check(key, truth.get(key), got.get(key))
    for key in OPTIONAL_SCALARS:
        if key in truth:
            check(key, truth[key], got.get(key))
    for key in ("self_score", "grade", "page"):
        check(f"evaluation.{key}", (truth.get("evaluation") or {}).get(key), got["evaluation"][key])

    want_fin = {f["item_code"]: f for f in truth.get("finance", [])}
    have_fin = {f["item_code"]: f for f in got["finance"]}
    for code in sorted(set(want_fin) | set(have_fin)):
        want, have = want_fin.get(code), have_fin.get(code)
        if want is None or have is None:
            checked += 1
            expected = want and want["amount_wan_yuan"]
            diffs.append(f"finance.{code}: expected {expected!r}, got {have and have['amount_wan_yuan']!r}")
            continue
        check(
            f"finance.{code}.amount_wan_yuan",
            Decimal(want["amount_wan_yuan"]),
            Decimal(have["amount_wan_yuan"]),
        )
        check(f"finance.{code}.page", want["page"], have["page"])
        # source_text is a tracing snippet: the two must overlap, not agree character for character.
        checked += 1
        if want["source_text"] and not (
            have["source_text"] in want["source_text"] or want["source_text"] in have["source_text"]
        ):
            diffs.append(
                f"finance.{code}.source_text: expected {want['source_text']!r}, got {have['source_text']!r}"
            )

    want_rows, have_rows = truth.get("indicators", []), got["indicators"]
    check("indicators.count", len(want_rows), len(have_rows))
    for want, have in zip(want_rows, have_rows, strict=False):
        label = f"indicators[{want['row_no']}] {want['name'][:16]}"
        for key in ROW_FIELDS:
            check(f"{label}.{key}", want.get(key), have.get(key))
        for side in ("target", "actual"):
            for key in VALUE_FIELDS:
                check(f"{label}.{side}.{key}", want[side].get(key), have[side].get(key))
    # Every field of a row the parse did not return is a field read wrong (not merely compared).
    for want in want_rows[len(have_rows) :]:
        label = f"indicators[{want['row_no']}] {want['name'][:16]}"
        fields = [*ROW_FIELDS, *(f"{side}.{key}" for side in ("target", "actual") for key in VALUE_FIELDS)]
        checked += len(fields)
        diffs += [f"{label}.{field}: row not read" for field in fields]
    return diffs, checked


def _empty(truth: dict[str, Any]) -> dict[str, Any]:
    """What a rejected file gave: nothing."""
    return {"evaluation": {"self_score": None, "grade": None, "page": None}, "finance": [], "indicators": []}
