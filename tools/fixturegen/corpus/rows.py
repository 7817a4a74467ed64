"""A compact way to write indicator rows by hand: printed text comes from the truth Value."""

from __future__ import annotations

from fixturegen.spec import Indicator
from fixturegen.values import decide
from jixiao.extract.model import Value

AUTO = object()


def row(
    l1: str,
    l2: str,
    name: str,
    target: Value,
    actual: Value,
    unit: str | None,
    reason: str = "/",
    rows: int = 1,
    *,
    weight: float | None = None,
    score: float | None = None,
    unit_col: str | None = None,
    nature: str | None = None,
    achieved: object = AUTO,
) -> Indicator:
    """One indicator row; ``achieved`` follows the contract rule unless given explicitly."""
    direction = {"正向": "positive", "反向": "negative"}.get(nature or "")
    ok = decide(target, actual, direction) if achieved is AUTO else achieved
    return Indicator(
        level1=l1,
        level2=l2,
        name=name,
        target_text=target.text,
        actual_text=actual.text,
        target=target,
        actual=actual,
        achieved=ok,
        unit=unit,
        reason=reason,
        reason_rows=rows,
        weight=weight,
        score=score,
        unit_col=unit_col,
        nature_col=nature,
        direction=direction,
    )
