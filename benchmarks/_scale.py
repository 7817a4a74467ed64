"""Synthetic staged parse records at scale, made by varying real parsed reports.

A department gets several consecutive fiscal years cut from the same real report (so indicator codes
persist and the year-over-year views have data); names, regions, years and numbers are varied; one
record in fifty is a re-issue of the one before it (so supersession is exercised).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from fixturegen.synth import BUREAUS, REGIONS

from jixiao.core.contract import LEVEL1_VALUES, LEVEL2_VALUES
from jixiao.extract.model import FinanceFigure, IndicatorRow, ParsedReport, Value
from jixiao.staging.store import StageRecord

DISTRICTS = ("", "蓬江区", "新会区", "台山市", "开平市", "鹤山市", "恩平市", "江海区", "龙湖区", "金平区")
YEARS_PER_DEPARTMENT = 4
REISSUE_EVERY = 50
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_EPOCH = datetime(2025, 1, 1, tzinfo=UTC)


def department(i: int) -> tuple[str, str]:
    """The (department name, region) of synthetic department number ``i``."""
    region = REGIONS[i % len(REGIONS)]
    rest = i // len(REGIONS)
    bureau = BUREAUS[rest % len(BUREAUS)][0]
    rest //= len(BUREAUS)
    district = DISTRICTS[rest % len(DISTRICTS)]
    series = rest // len(DISTRICTS)
    return f"{region}{district}{bureau}" + (f"第{series + 1}分局" if series else ""), region


def _fmt(number: float) -> str:
    return f"{round(number, 2):g}"


def _vary_value(value: Value, new: float | None) -> Value:
    if value.number is None or new is None:
        return value
    text = _NUMBER.sub(_fmt(new), value.text, count=1)
    return replace(value, text=text, number=round(new, 2))


def _vary_indicator(row: IndicatorRow, rng: random.Random) -> IndicatorRow:
    """Move target and actual together, so whether the row was achieved stays as parsed."""
    t, a = row.target.number, row.actual.number
    if row.target.unit == "%" or row.actual.unit == "%" or row.unit == "%":
        delta = -rng.uniform(0, 3)
        nt = None if t is None else max(t + delta, 0.0)
        na = None if a is None else max(a + delta, 0.0)
    else:
        factor = rng.uniform(0.85, 1.15)
        nt = None if t is None else t * factor
        na = None if a is None else a * factor
    return replace(row, target=_vary_value(row.target, nt), actual=_vary_value(row.actual, na))


def _vary_finance(figures: tuple[FinanceFigure, ...], rng: random.Random) -> tuple[FinanceFigure, ...]:
    factor = Decimal(f"{rng.uniform(0.9, 1.1):.4f}")
    quantum = Decimal("0.000001")
    return tuple(replace(f, amount_wan_yuan=(f.amount_wan_yuan * factor).quantize(quantum)) for f in figures)


def variant(
    base: StageRecord,
    i: int,
    name: str,
    region: str,
    year: int,
    seen_at: str,
    *,
    sha: str | None = None,
    source: str | None = None,
) -> StageRecord:
    """Record ``i``: ``base``'s report under another department, year and file, numbers varied."""
    assert base.report is not None
    rng = random.Random(f"variant-{i}")
    sha = sha or hashlib.sha256(f"jixiao-bench-record-{i}".encode()).hexdigest()
    source = source or f"bench-{i:05d}.pdf"
    old = base.report
    title = old.title.replace(old.department, name).replace(str(old.fiscal_year), str(year))
    report: ParsedReport = replace(
        old,
        source_file=source,
        sha256=sha,
        department=name,
        region=region,
        fiscal_year=year,
        title=title,
        indicators=tuple(_vary_indicator(row, rng) for row in old.indicators),
        finance=_vary_finance(old.finance, rng),
    )
    return replace(base, sha256=sha, source_file=source, first_seen_at=seen_at, report=report)


def _vocabulary() -> tuple[set[str], set[str]]:
    """The contract's level1/level2 lists (``jixiao.core.contract``: no GX import)."""
    return set(LEVEL1_VALUES), set(LEVEL2_VALUES)


def clean(record: StageRecord) -> bool:
    """A parsed record whose indicator levels are all in the checked vocabulary (no blocking failure)."""
    if record.status != "parsed" or record.report is None:
        return False
    level1, level2 = _vocabulary()
    return all(row.level1 in level1 and row.level2 in level2 for row in record.report.indicators)


def scaled_records(bases: list[StageRecord], count: int) -> Iterator[StageRecord]:
    """``count`` records varied from the parsed ``bases`` that pass the vocabulary checks (see the module).

    Made one at a time, so any count can be written without holding the records.
    """
    parsed = [b for b in bases if clean(b)] or [b for b in bases if b.status == "parsed" and b.report]
    if not parsed:
        raise ValueError("no parsed record to vary")
    previous: StageRecord | None = None
    for i in range(count):
        if i % REISSUE_EVERY == REISSUE_EVERY - 1 and previous is not None:
            prev = previous.report
            assert prev is not None
            dept, region, year = prev.department, prev.region or "", prev.fiscal_year
            slot = i - 1
        else:
            slot = i
            dept, region = department(slot // YEARS_PER_DEPARTMENT)
            year = 2020 + slot % YEARS_PER_DEPARTMENT
        base = parsed[(slot // YEARS_PER_DEPARTMENT) % len(parsed)]
        seen = (_EPOCH + timedelta(seconds=30 * i)).isoformat()
        previous = variant(base, i, dept, region, year, seen)
        yield previous


def write_staging(staging: Path, records: Iterable[StageRecord], count: int, runs: int = 20) -> None:
    """Write the ``count`` ``records`` and one ``loaded`` log row each (spread over ``runs`` runs)."""
    parsed, logs = staging / "parsed", staging / "log"
    parsed.mkdir(parents=True, exist_ok=True)
    per_run = max(1, -(-count // runs))
    for i, rec in enumerate(records):
        with (parsed / f"{rec.sha256}.json").open("w", encoding="utf-8") as fh:
            json.dump(rec.to_dict(), fh, ensure_ascii=False, sort_keys=True)
        run_id = f"20250101T000000000000Z-bench{i // per_run:03d}"
        row: dict[str, Any] = {
            "source_file": rec.source_file,
            "source_sha256": rec.sha256,
            "status": "loaded",
            "reason_code": None,
            "reason": None,
            "ingested_at": rec.first_seen_at,
            "run_id": run_id,
        }
        folder = logs / run_id
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / f"{rec.sha256}-0.json").open("w", encoding="utf-8") as fh:
            json.dump(row, fh, ensure_ascii=False, sort_keys=True)
