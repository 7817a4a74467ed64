"""Run every check on the normalised frames with GX and collect one result per expectation."""

from __future__ import annotations

import json
import shutil
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import pandas as pd
from great_expectations.constants import DATAFRAME_REPLACEMENT_STR
from great_expectations.core.expectation_validation_result import ExpectationSuiteValidationResult
from great_expectations.core.run_identifier import RunIdentifier
from great_expectations.data_context.types.resource_identifiers import (
    ExpectationSuiteIdentifier,
    ValidationResultIdentifier,
)

from jixiao.quality.catalog import check_parameters
from jixiao.quality.checks import CHECKS_BY_NAME, SUITES, SuiteDef
from jixiao.quality.contract import TABLE_COLUMNS, WHOLE_TABLES
from jixiao.quality.datadocs import data_docs_dir
from jixiao.quality.derive import DERIVED
from jixiao.quality.docs_offline import make_offline
from jixiao.quality.gxcontext import runtime_context, suite_plans, use_docs_site
from jixiao.quality.results import CheckResult, _plain, describe, expectation_label


class QualitySettings(Protocol):
    """What the checks need from ``jixiao.core.settings.Settings``."""

    yoy_factor: float
    warehouse: Path


def gx_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy GX 1.24 can type-check under pandas 3.

    GX compares a column's dtype with the names in a type list; pandas 3's default ``str`` dtype and
    tz-aware datetimes never compare equal to any name. Strings (and all-null columns, which carry no
    type) become object columns, whose values GX then checks one by one; tz-aware times become naive
    UTC ones (``datetime64[us]``, as DuckDB gives the warehouse's UTC timestamps back), which GX
    type-checks by dtype and compares with the naive UTC ``checked_at`` parameter.
    """
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            series = out[column] = series.dt.tz_convert("UTC").dt.tz_localize(None)
        if isinstance(series.dtype, pd.StringDtype) or series.isna().all():
            out[column] = series.astype(object)
    return out


def _frame_for(definition: SuiteDef, frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    if definition.name in TABLE_COLUMNS:
        # A missing table is validated as an empty one, so the schema check says what is missing.
        return frames.get(definition.name, pd.DataFrame())
    return DERIVED[definition.name](frames)


@dataclass
class _Outcome:
    """One expectation's result, merged over the partitions it was evaluated on."""

    definition: SuiteDef
    check_name: str
    label: str
    success: bool = True
    result: dict[str, Any] = field(default_factory=dict)
    error: str | None = None  # "not evaluated: ..." when it could not run on some partition
    missing: list[str] = field(default_factory=list)

    def merge(self, success: bool, result: Mapping[str, Any], error: str | None, missing: list[str]) -> None:
        self.success = self.success and success
        self.error = self.error or error
        self.missing = self.missing or missing
        merged = self.result
        if not merged:
            self.result = dict(result)
            return
        for key in ("unexpected_count", "element_count", "missing_count"):
            if key in result or key in merged:
                merged[key] = (merged.get(key) or 0) + (result.get(key) or 0)
        for key in ("partial_unexpected_index_list", "partial_unexpected_list"):
            if result.get(key):
                merged[key] = list(merged.get(key) or []) + list(result[key])
        if not (merged.get("details") or {}).get("mismatched") and (result.get("details") or {}).get(
            "mismatched"
        ):
            merged["details"] = result["details"]
        if not success and merged.get("observed_value") is None:
            merged["observed_value"] = result.get("observed_value")

    def plain(self) -> PartOutcome:
        """This outcome as JSON-ready data: what :meth:`merge` and ``describe`` read of it, values as
        the details print them."""
        result = self.result
        out: dict[str, Any] = {}
        for key in ("unexpected_count", "element_count", "missing_count"):
            if key in result:
                out[key] = None if result[key] is None else int(result[key])
        if result.get("partial_unexpected_index_list"):
            rows = result["partial_unexpected_index_list"]
            out["partial_unexpected_index_list"] = [{k: _plain(v) for k, v in row.items()} for row in rows]
        if result.get("partial_unexpected_list"):
            out["partial_unexpected_list"] = [_plain(v) for v in result["partial_unexpected_list"]]
        mismatched = (result.get("details") or {}).get("mismatched")
        if mismatched:
            out["details"] = {"mismatched": json.loads(json.dumps(mismatched, default=str))}
        observed = result.get("observed_value")
        if observed is not None:
            out["observed_value"] = (
                [_plain(v) for v in observed] if isinstance(observed, list) else _plain(observed)
            )
        return {
            "suite": self.definition.name,
            "check": self.check_name,
            "label": self.label,
            "success": bool(self.success),
            "result": out,
            "error": self.error,
            "missing": list(self.missing),
        }


# One expectation's outcome on one partition (``_Outcome.plain``): kept beside the warehouse, so an
# incremental publish merges an unchanged partition's outcomes instead of validating it again.
PartOutcome = dict[str, Any]
_SUITES_BY_NAME: dict[str, SuiteDef] = {suite.name: suite for suite in SUITES}


class CheckSession:
    """One check run over a warehouse given as one or more partitions of frames.

    Every suite is validated on every partition passed to :meth:`validate` and an expectation's
    results are merged (failed if it failed anywhere, counts summed). That is exact when a partition
    holds whole departments with every row that refers to them, as ``jixiao.ingestion.rebuild`` makes them: no
    check relates rows of two departments, and keys are unique across departments by construction
    (and by the warehouse's own constraints). A rebuild then never holds every table in memory.
    """

    def __init__(
        self,
        settings: QualitySettings,
        run_id: str,
        *,
        only: Collection[str] | None = None,
        shared_suites: Collection[str] = (),
    ) -> None:
        if only is not None and (unknown := set(only) - set(CHECKS_BY_NAME)):
            raise ValueError(f"unknown check(s): {', '.join(sorted(unknown))}")
        self.settings = settings
        self.run_id = run_id
        self.only = None if only is None else set(only)
        self.context = runtime_context()
        suite_plans()  # read now: a checker process opens its session while the files are still parsed
        self._documented: dict[str, ExpectationSuiteValidationResult] = {}  # suite → last validation
        self.at = datetime.now(UTC)
        self.params = check_parameters(settings.yoy_factor, self.at.year, self.at)
        # suites of tables every partition repeats (dim_finance_item): validated with the first
        # partition only, so their counts are not multiplied
        self.shared_suites = frozenset(shared_suites)
        self.partitions = 0
        self._outcomes: dict[tuple[str, str, str], _Outcome] = {}  # (suite, check, expectation label)
        self.parts: list[list[PartOutcome]] = []  # each partition's own outcomes, in order
        self._started = False

    def validate(self, frames: Mapping[str, pd.DataFrame]) -> None:
        """Validate one partition (or the whole warehouse) with every suite (shared ones: first only)."""
        self._start()
        merged, self._outcomes = self._outcomes, {}
        try:
            self._validate_all(frames, self.shared_suites if self.partitions else frozenset())
            part = [outcome.plain() for outcome in self._outcomes.values()]
        finally:
            self._outcomes = merged
        self.reuse(part)

    def validate_whole(self, frames: Mapping[str, pd.DataFrame]) -> None:
        """Validate the whole-table suites (ingest_log, corrections) once, after the partitions:
        ``frames`` holds those tables whole, and dim_report's source_sha256. Their outcomes are not
        a partition's (:attr:`parts`): an incremental publish validates them again every time."""
        self._start()
        self._validate_all(frames, whole=True)

    def reuse(self, part: list[PartOutcome]) -> None:
        """Merge one partition's outcomes, as :meth:`validate` made them (now, or for an earlier run
        on the same frames): results are a fold of the partitions' outcomes, in order."""
        self._start()
        self.partitions += 1
        self.parts.append(part)
        for o in part:
            outcome = self._outcome(_SUITES_BY_NAME[o["suite"]], o["check"], o["label"])
            outcome.merge(o["success"], o["result"], o["error"], o["missing"])

    def _start(self) -> None:
        """At the first partition: the run's check time and parameters (a session may be opened long
        before, while the files are parsed)."""
        if not self._started:
            self.at = datetime.now(UTC)
            self.params = check_parameters(self.settings.yoy_factor, self.at.year, self.at)
        self._started = True

    def _validate_all(
        self, frames: Mapping[str, pd.DataFrame], skip: Collection[str] = (), *, whole: bool = False
    ) -> None:
        for definition in SUITES:
            if definition.name in skip or definition.whole != whole:
                continue
            if self.only is not None and not {e.meta["check"] for e in definition.expectations} & self.only:
                continue
            try:
                frame = _frame_for(definition, frames)
            except (KeyError, ValueError, TypeError, AttributeError) as exc:
                error = f"not evaluated: derived frame failed ({type(exc).__name__}: {exc})"
                for expectation in definition.expectations:
                    label = expectation_label(expectation.expectation_type, expectation.configuration.kwargs)
                    self._outcome(definition, expectation.meta["check"], label).merge(False, {}, error, [])
                continue
            self._validate(definition, frame)

    def _outcome(self, definition: SuiteDef, check: str, label: str) -> _Outcome:
        key = (definition.name, check, label)
        if key not in self._outcomes:
            self._outcomes[key] = _Outcome(definition, check, label)
        return self._outcomes[key]

    def _validate(self, definition: SuiteDef, frame: pd.DataFrame) -> None:
        plan = suite_plans()[definition.name]
        present = set(frame.columns)
        batch = plan.batch_definition.get_batch(batch_parameters={"dataframe": gx_frame(frame)})
        validation = batch.validate(
            plan.suite, result_format=plan.result_format, expectation_parameters=self.params
        )
        # what a Checkpoint run would have stored for the Data Docs (the last partition's, as then)
        run_id = RunIdentifier(run_name=self.run_id, run_time=self.at)
        validation.meta.update(
            validation_id=plan.validation_id,
            checkpoint_id=plan.checkpoint_id,
            run_id=run_id,
            validation_time=run_id.run_time,
            batch_parameters={"dataframe": DATAFRAME_REPLACEMENT_STR},
        )
        self._documented[definition.name] = validation
        for er in validation.results:
            config = er.expectation_config
            missing = [c for c in _columns(config.kwargs) if c not in present]
            error = describe({}, er.exception_info) or None
            label = expectation_label(config.type, config.kwargs)
            outcome = self._outcome(definition, config.meta["check"], label)
            outcome.merge(bool(er.success), er.result, error, missing)

    def write_data_docs(self) -> None:
        """(Re)write the Data Docs site of this run's validations to :func:`data_docs_dir`."""
        docs = data_docs_dir(self.settings)
        shutil.rmtree(docs, ignore_errors=True)
        docs.mkdir(parents=True, exist_ok=True)
        store = self.context.validation_results_store
        for key in store.list_keys():  # the docs show this run only
            store.remove_key(key)
        for name, validation in self._documented.items():
            suite = ExpectationSuiteIdentifier(name=name)
            key = ValidationResultIdentifier(suite, validation.meta["run_id"], validation.batch_id)
            store.store_validation_results(validation, key, suite)
        self.context.build_data_docs(site_names=[use_docs_site(self.context, docs)])
        make_offline(docs)  # local CSS/JS, no logo from a public bucket: the pages render offline

    def results(self, *, data_docs: bool = True) -> list[CheckResult]:
        """One result per expectation; with ``data_docs`` the Data Docs site is (re)written."""
        results = []
        for outcome in self._outcomes.values():
            check = CHECKS_BY_NAME[outcome.check_name]
            if self.only is not None and check.name not in self.only:
                continue
            details = outcome.error or describe(outcome.result, None)
            if outcome.missing and details.startswith("not evaluated"):
                details = f"not evaluated: column {', '.join(outcome.missing)} missing"
            count = outcome.result.get("unexpected_count")
            results.append(
                CheckResult(
                    run_id=self.run_id,
                    checked_at=self.at,
                    check_name=check.name,
                    suite=outcome.definition.name,
                    expectation=outcome.label,
                    table_name=check.table,
                    severity=check.severity,
                    success=outcome.success,
                    unexpected_count=None if count is None or outcome.error else int(count),
                    details=details,
                )
            )
        if data_docs:
            self.write_data_docs()
        return results


def _columns(kwargs: dict[str, Any]) -> list[str]:
    columns = [kwargs[k] for k in ("column", "column_A", "column_B") if k in kwargs]
    return columns + list(kwargs.get("column_list") or [])


def run_checks(
    frames: Mapping[str, pd.DataFrame],
    settings: QualitySettings,
    run_id: str,
    *,
    data_docs: bool = True,
    only: Collection[str] | None = None,
) -> list[CheckResult]:
    """Validate the contract frames with every GX suite; one result per expectation.

    With ``data_docs`` the GX Data Docs site for this run is (re)written to :func:`data_docs_dir`;
    ``only`` restricts the run to the named checks (a subset of ``quality.CHECKS`` names). The
    whole-table suites run when ``frames`` hold ingest_log and corrections. For a warehouse validated
    in partitions, use :class:`CheckSession`.
    """
    session = CheckSession(settings, run_id, only=only)
    session.validate(frames)
    if all(table in frames for table in WHOLE_TABLES):
        session.validate_whole(frames)
    return session.results(data_docs=data_docs)
