"""One partition's reports as the rebuild publishes them: corrections applied, odd reports quarantined.

A report whose rows fail a row-level blocking check (``jixiao.quality.screen``) stays out of this
publish, with its reason in ingest_log (status ``quarantined``, reason_code ``dq_blocking``) and in
dq_results; the rest of the partition is normalised again without it, so nothing it would have
changed (a re-issue it supersedes, an indicator code it shares) reaches the warehouse either.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pandas as pd

from jixiao.core.contract import QUARANTINE_CODE, RETRACTION_CODE
from jixiao.core.settings import Settings
from jixiao.ingestion import corrections as corr
from jixiao.quality.catalog import check_parameters
from jixiao.quality.results import CheckResult
from jixiao.quality.screen import Failure, screen
from jixiao.staging import store as staging
from jixiao.staging.store import StageRecord
from jixiao.warehouse.normalize import frame, to_frames

QUARANTINED, DQ_BLOCKING = "quarantined", QUARANTINE_CODE
REJECTED, RETRACTED = "rejected", RETRACTION_CODE


@dataclass(frozen=True)
class Quarantine:
    """A parsed report held out of this publish, and why."""

    sha256: str
    source_file: str
    failures: tuple[Failure, ...]

    def reason(self) -> str:
        """The ingest_log sentence: the failed check(s) and the values read, and what to do."""
        checks: dict[str, list[str]] = {}  # one finding (fiscal_year 2033) fails a check per table
        for f in self.failures:
            checks.setdefault(f.finding(), []).append(f.check)
        found = "; ".join(f"{finding} [{', '.join(names)}]" for finding, names in checks.items())
        return (
            f"Quarantined by blocking checks: {found}; fix the values with a correction file "
            "(see `jixiao review`) and ingest again."
        )

    def log_status(self) -> tuple[str, str, str]:
        return (QUARANTINED, DQ_BLOCKING, self.reason())


@dataclass
class Corrections:
    """The correction files of a rebuild, applied to each staged record as it is read."""

    by_sha: dict[str, list[corr.Correction]]
    problems: list[str] = field(default_factory=list)  # one sentence per correction skipped
    unneeded: list[str] = field(default_factory=list)  # corrections the parse already agrees with
    applied: list[corr.Applied] = field(default_factory=list)
    retracted: dict[str, str] = field(default_factory=dict)  # sha256 → reason sentence
    applied_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    _done: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, settings: Settings, staged: set[str]) -> Corrections:
        """The files in ``settings.corrections_dir``; those for a sha256 not in ``staged`` are skipped."""
        by_sha, problems = corr.load(settings.corrections_dir)
        for sha in sorted(set(by_sha) - staged):
            for c in by_sha.pop(sha):
                problems.append(
                    f"Correction file {c.file} was skipped: no parsed report with sha256 {sha[:12]}… "
                    "is staged (the file was never ingested, or it was rejected); check source_sha256 "
                    "in ingest_log."
                )
        return cls(by_sha, problems)

    def departments(self, departments: dict[str, str]) -> dict[str, str]:
        """``departments`` (sha256 → department) with corrected departments: a report whose department
        is corrected is partitioned with its new department's reports."""
        out = dict(departments)
        for sha, fixes in self.by_sha.items():
            for fix in fixes:
                name = fix.sets.get("department")
                if isinstance(name, str) and name.strip():
                    out[sha] = name.strip()
        return out

    def apply(self, record: StageRecord) -> StageRecord | None:
        """``record`` corrected, or None when a correction retracts it. Each record's corrections are
        recorded once, however often the record is read."""
        fixes = self.by_sha.get(record.sha256)
        if not fixes:
            return record
        outcome = corr.apply(record, fixes)
        if record.sha256 not in self._done:
            self._done.add(record.sha256)
            self.applied += outcome.applied
            self.problems += outcome.problems
            self.unneeded += outcome.unneeded
            if outcome.record is None:
                fix = outcome.applied[-1]
                self.retracted[record.sha256] = (
                    f"Retracted by correction file {fix.correction_file}: {fix.reason}"
                )
        return outcome.record

    def retracted_log_status(self) -> dict[str, tuple[str, str, str]]:
        return {sha: (REJECTED, RETRACTED, reason) for sha, reason in self.retracted.items()}

    def frame(self) -> pd.DataFrame:
        """The ``corrections`` table: every correction applied at this publish."""
        return frame(
            "corrections",
            ({**vars(a), "applied_at": self.applied_at} for a in self.applied),
        )


def _records(
    shas: list[str],
    settings: Settings,
    parser_version: str,
    fixes: Corrections,
    skip: set[str],
    carried: Mapping[str, StageRecord],
) -> Iterator[StageRecord]:
    for sha in shas:
        if sha in skip:
            continue
        record = carried.get(sha) or staging.cached_record(sha, settings, parser_version)
        if record is not None and (record := fixes.apply(record)) is not None:
            yield record


def screened(
    shas: list[str],
    settings: Settings,
    parser_version: str,
    fixes: Corrections,
    carried: Mapping[str, StageRecord] | None = None,
) -> tuple[dict[str, pd.DataFrame], list[Quarantine]]:
    """The frames of the staged reports ``shas`` (corrected), less those a row-level blocking check
    quarantines; and the quarantines. Records are read as they are reduced, twice only when some
    report is quarantined. ``carried``: records of published reports the staging lacks
    (``jixiao.warehouse.carry``), read instead of the staging."""
    carried = carried or {}
    frames = to_frames(_records(shas, settings, parser_version, fixes, set(), carried), [])
    failing = screen(frames, check_parameters(settings.yoy_factor, datetime.now(UTC).year))
    if not failing:
        return frames, []
    reports = frames["dim_report"].set_index("report_key")
    held = [
        Quarantine(
            str(reports.at[key, "source_sha256"]), str(reports.at[key, "source_file"]), tuple(failures)
        )
        for key, failures in sorted(failing.items())
    ]
    skip = {q.sha256 for q in held}
    return to_frames(_records(shas, settings, parser_version, fixes, skip, carried), []), held


def quarantine_results(quarantined: list[Quarantine], run_id: str) -> list[CheckResult]:
    """One dq_results row per expectation that quarantined reports: which check, which reports."""
    from jixiao.quality.catalog import CHECKS_BY_NAME

    at = datetime.now(UTC)
    grouped: dict[tuple[str, str], list[tuple[Quarantine, Failure]]] = {}
    for q in quarantined:
        for f in q.failures:
            grouped.setdefault((f.check, f.expectation), []).append((q, f))
    results = []
    for (check, expectation), items in grouped.items():
        spec: Any = CHECKS_BY_NAME[check]
        details = "quarantined " + "; ".join(f"{q.source_file} ({f.sentence()})" for q, f in items)
        results.append(
            CheckResult(
                run_id=run_id,
                checked_at=at,
                check_name=check,
                suite="quarantine",
                expectation=expectation,
                table_name=spec.table,
                severity=spec.severity,
                success=False,
                unexpected_count=sum(f.rows for _, f in items),
                details=details,
                quarantined_reports=",".join(q.sha256 for q, _ in items),
            )
        )
    return results
