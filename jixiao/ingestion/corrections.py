"""Correction files: a reviewer's fixes to what the parser read, applied at every rebuild without re-parsing.

One YAML file per source file in ``Settings.corrections_dir`` (format: the warehouse contract)::

    source_sha256: 3f1c…
    reason: "year misprinted in the title (2033 for 2023)"
    set:
      fiscal_year: 2023
      finance.sangong_total: 11.28
      indicators.7.actual_text: "219"

or ``retract: true`` (with a reason) for a file that should never have been ingested. A correction
addresses fields of the report, not parse internals, so it applies to the staged record of any
parser version. A file, field or value that cannot be applied is skipped with one sentence
(:attr:`Correction.problems`, :func:`apply`); the rest of the run goes on.
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from jixiao.core.contract import (
    CORRECTION_INDICATOR_FIELDS,
    CORRECTION_REPORT_FIELDS,
    FINANCE_ITEMS,
    REPORT_TYPES,
    RETRACT_FIELD,
    SHA256_PATTERN,
    TARGET_OPS,
    normalize_level1,
)
from jixiao.extract.model import FinanceFigure, IndicatorRow, ParsedReport
from jixiao.extract.values import is_achieved, parse_value
from jixiao.staging.store import StageRecord

REPORT_FIELDS: tuple[str, ...] = CORRECTION_REPORT_FIELDS
# the IndicatorRow attribute of each correctable indicator field (contract.CORRECTION_INDICATOR_FIELDS):
# the field's own name unless renamed here; target/actual texts and numbers live in Value objects.
_RENAMED: dict[str, str] = {
    "indicator_name_raw": "name",
    "target_text": "target",
    "target_op": "target",
    "target_value": "target",
    "actual_text": "actual",
    "actual_value": "actual",
    "source_page": "page",
}
INDICATOR_FIELDS: dict[str, str] = {name: _RENAMED.get(name, name) for name in CORRECTION_INDICATOR_FIELDS}
_SHA256 = re.compile(SHA256_PATTERN)
_RAW_SHA256 = re.compile(r"^source_sha256:\s*[\"']?([0-9a-fA-F]{64})\b", re.M)
_INDICATOR_KEY = re.compile(r"^indicators\.(\d+)\.(\w+)$")


class Unparsable(ValueError):
    """A correction value that does not parse as its field's type."""


@dataclass
class Correction:
    """One correction file as read: the fields it sets (in file order) or a retraction."""

    file: str  # name within the corrections folder
    source_sha256: str
    reason: str | None
    sets: dict[str, Any] = field(default_factory=dict)
    retract: bool = False


@dataclass(frozen=True)
class Applied:
    """One field a correction changed: a row of the ``corrections`` table, less applied_at."""

    source_sha256: str
    field: str
    old_value: str | None
    new_value: str | None
    reason: str | None
    correction_file: str


@dataclass
class Outcome:
    """What applying one correction to one staged record did."""

    record: StageRecord | None  # None: retracted
    applied: list[Applied] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one sentence per skipped field
    unneeded: list[str] = field(default_factory=list)  # fields the parse already reads as corrected


def load(directory: Path) -> tuple[dict[str, list[Correction]], list[str]]:
    """Every correction file of ``directory`` (``*.yaml``/``*.yml``, name order) by source sha256,
    and one sentence per file that cannot be used. A missing folder holds no corrections."""
    by_sha: dict[str, list[Correction]] = {}
    problems: list[str] = []
    if not directory.is_dir():
        return by_sha, problems
    for path in sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()):
        try:
            correction = _read(path)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}" if mark is not None else ""
            problem = getattr(exc, "problem", None) or "a syntax error"
            problems.append(
                f"Correction file {path.name} was skipped: it is not valid YAML ({problem}{where})."
            )
            continue
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            problems.append(f"Correction file {path.name} was skipped: {_first_line(exc)}")
            continue
        by_sha.setdefault(correction.source_sha256, []).append(correction)
    return by_sha, problems


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text if text.endswith(".") else text + "."


def _read(path: Path) -> Correction:
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError("it is not a YAML mapping with source_sha256, reason and set (or retract).")
    sha = data.get("source_sha256")
    if not isinstance(sha, str):  # YAML reads an unquoted all-digit hash as a number: take the text
        raw = _RAW_SHA256.search(text)
        sha = raw.group(1) if raw else ""
    sha = sha.strip().lower()
    if not _SHA256.match(sha):
        raise ValueError("source_sha256 must be the file's 64-digit sha256, as in ingest_log.")
    unknown = sorted(set(data) - {"source_sha256", "reason", "set", "retract"})
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(unknown)}; use source_sha256, reason, set or retract.")
    reason = data.get("reason")
    retract = data.get("retract", False)
    if not isinstance(retract, bool):
        raise ValueError("retract must be true or false.")
    if retract and not str(reason or "").strip():
        raise ValueError("a retraction needs a reason.")
    sets = data.get("set") or {}
    if not isinstance(sets, dict):
        raise ValueError("set must map field names to values.")
    if not retract and not sets:
        raise ValueError("it sets no field and does not retract.")
    return Correction(path.name, sha, None if reason is None else str(reason), dict(sets), retract)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number(value: Any, name: str, *, nullable: bool = True) -> float | None:
    if value is None and nullable:
        return None
    if isinstance(value, bool):
        raise Unparsable(f"{name} must be a number, not {value!r}")
    try:
        number = float(str(value).replace(",", ""))
    except ValueError:
        raise Unparsable(f"{name} must be a number, not {value!r}") from None
    if not math.isfinite(number):
        raise Unparsable(f"{name} must be a number, not {value!r}")
    return number


def _report_value(name: str, value: Any) -> Any:
    if name == "fiscal_year":
        if isinstance(value, bool) or not re.fullmatch(r"\d{4}", str(value).strip()):
            raise Unparsable(f"fiscal_year must be a four-digit year, not {value!r}")
        return int(str(value).strip())
    if name == "report_type":
        if value not in REPORT_TYPES:
            raise Unparsable(f"report_type must be one of {', '.join(REPORT_TYPES)}, not {value!r}")
        return value
    if name == "self_score":
        return _number(value, name)
    if name == "department" and not str(value or "").strip():
        raise Unparsable("department must be a name")
    return None if value is None else str(value)


def _set_report(report: ParsedReport, name: str, value: Any) -> tuple[ParsedReport, Any]:
    new = _report_value(name, value)
    if name in ("self_score", "grade"):
        old = getattr(report.evaluation, name)
        evaluation = dataclasses.replace(report.evaluation, **{name: new})
        return dataclasses.replace(report, evaluation=evaluation), old
    return dataclasses.replace(report, **{name: new}), getattr(report, name)


def _set_finance(report: ParsedReport, code: str, value: Any) -> tuple[ParsedReport, Any]:
    if code not in FINANCE_ITEMS:
        raise KeyError(f"finance.{code} is not a finance item (one of {', '.join(FINANCE_ITEMS)})")
    amount = None
    if value is not None:
        try:
            amount = Decimal(str(value).replace(",", ""))
        except InvalidOperation:
            raise Unparsable(f"finance.{code} must be an amount in 万元, not {value!r}") from None
        if not amount.is_finite():
            raise Unparsable(f"finance.{code} must be an amount in 万元, not {value!r}")
    old = report.finance_amount(code)
    kept, done = [], False
    for fig in report.finance:
        if fig.item_code == code and not done:  # the first mention is the one the warehouse keeps
            done = True
            if amount is not None:
                kept.append(dataclasses.replace(fig, amount_wan_yuan=amount, source_text="corrected"))
            continue
        kept.append(fig)
    if not done and amount is not None:
        kept.append(FinanceFigure(code, amount, None, "corrected"))  # type: ignore[arg-type]
    return dataclasses.replace(report, finance=tuple(kept)), old


def _set_indicator(row: IndicatorRow, name: str, value: Any, explicit: set[str]) -> tuple[IndicatorRow, Any]:
    attr = INDICATOR_FIELDS[name]
    if name in ("target_text", "actual_text"):
        cell = getattr(row, attr)
        parsed = parse_value(None if value is None else str(value))
        keep_op = "target_op" in explicit and attr == "target"
        keep_number = f"{attr}_value" in explicit
        new = dataclasses.replace(
            parsed,
            op=cell.op if keep_op else parsed.op,
            number=cell.number if keep_number else parsed.number,
        )
        changed = dataclasses.replace(row, **{attr: new})
        if "achieved" not in explicit:
            changed = dataclasses.replace(
                changed, achieved=is_achieved(changed.target, changed.actual, changed.direction)
            )
        return changed, cell.text
    if name == "target_op":
        if value is not None and value not in TARGET_OPS:
            raise Unparsable(f"target_op must be one of {', '.join(TARGET_OPS)} or null, not {value!r}")
        return dataclasses.replace(row, target=dataclasses.replace(row.target, op=value)), row.target.op
    if name in ("target_value", "actual_value"):
        cell = getattr(row, attr)
        new = dataclasses.replace(cell, number=_number(value, name))
        return dataclasses.replace(row, **{attr: new}), cell.number
    if name == "achieved":
        if value is not None and not isinstance(value, bool):
            raise Unparsable(f"achieved must be true, false or null, not {value!r}")
        return dataclasses.replace(row, achieved=value), row.achieved
    if name in ("weight", "score"):
        return dataclasses.replace(row, **{attr: _number(value, name)}), getattr(row, attr)
    if name == "source_page":
        if isinstance(value, bool) or not str(value).strip().isdigit() or int(value) < 1:
            raise Unparsable(f"source_page must be a page number from 1, not {value!r}")
        return dataclasses.replace(row, page=int(value)), row.page
    if name == "level1":
        return dataclasses.replace(row, level1=normalize_level1(value) or ""), row.level1
    return dataclasses.replace(row, **{attr: None if value is None else str(value)}), getattr(row, attr)


def _set(report: ParsedReport, key: str, value: Any, explicit: set[str]) -> tuple[ParsedReport, Any]:
    """The report with ``key`` set to ``value``, and the value it had. Raises KeyError for a field
    that does not exist in this report, Unparsable for a value that does not parse."""
    if key in REPORT_FIELDS:
        return _set_report(report, key, value)
    if key.startswith("finance."):
        return _set_finance(report, key.removeprefix("finance."), value)
    match = _INDICATOR_KEY.match(key)
    if match is None:
        raise KeyError(
            f"{key} is not a correctable field (report fields: {', '.join(REPORT_FIELDS)}; "
            "finance.<item_code>; indicators.<row_no>.<field of fact_indicator>)"
        )
    row_no, name = int(match.group(1)), match.group(2)
    if name not in INDICATOR_FIELDS:
        raise KeyError(f"{key}: {name} is not a field of fact_indicator")
    rows = list(report.indicators)
    prefix = f"indicators.{row_no}."
    row_explicit = {k.removeprefix(prefix) for k in explicit if k.startswith(prefix)}
    for i, row in enumerate(rows):
        if row.row_no == row_no:
            rows[i], old = _set_indicator(row, name, value, row_explicit)
            return dataclasses.replace(report, indicators=tuple(rows)), old
    raise KeyError(f"{key}: the report has no indicator row {row_no} (it has {len(rows)})")


def apply(record: StageRecord, corrections: list[Correction]) -> Outcome:
    """``record`` with ``corrections`` applied in order; a field that cannot be applied is skipped."""
    outcome = Outcome(record)
    if record.report is None:
        outcome.problems += [
            f"Correction file {c.file} was skipped: {record.source_file} was rejected "
            f"({record.reason_code}), so there is no report to correct."
            for c in corrections
        ]
        return outcome
    report = record.report
    for correction in corrections:
        if correction.retract:
            outcome.record = None
            outcome.applied.append(
                Applied(record.sha256, RETRACT_FIELD, None, "true", correction.reason, correction.file)
            )
            return outcome
        explicit = {str(key) for key in correction.sets}
        for key, value in correction.sets.items():
            try:
                report, old = _set(report, str(key), value, explicit)
            except (KeyError, Unparsable) as exc:
                message = exc.args[0] if exc.args else str(exc)
                outcome.problems.append(f"Correction {correction.file}: {message}; this field was skipped.")
                continue
            if _text(old) == _text(value):
                outcome.unneeded.append(f"{correction.file}: {key} is already {_text(value)}")
                continue
            outcome.applied.append(
                Applied(record.sha256, str(key), _text(old), _text(value), correction.reason, correction.file)
            )
    outcome.record = dataclasses.replace(record, report=report)
    return outcome
