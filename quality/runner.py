"""Run every check on the normalised frames with GX and collect one result per expectation."""

from __future__ import annotations

import shutil
from collections.abc import Collection
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import pandas as pd
from great_expectations.core.run_identifier import RunIdentifier

from quality.checks import CHECKS_BY_NAME, PARAM_MAX_FISCAL_YEAR, PARAM_YOY_FACTOR, SUITES, SuiteDef
from quality.contract import TABLE_COLUMNS
from quality.derive import DERIVED
from quality.gxcontext import runtime_context, use_docs_site
from quality.results import CheckResult, describe, expectation_label


class QualitySettings(Protocol):
    """What the checks need from ``jixiao.config.Settings``."""

    yoy_factor: float
    warehouse: Path


def data_docs_dir(settings: QualitySettings) -> Path:
    """Where the Data Docs site is written: ``<warehouse dir>/data_docs``."""
    return Path(settings.warehouse).resolve().parent / "data_docs"


def data_docs_index(settings: QualitySettings) -> Path:
    """The Data Docs page to open after :func:`run_checks`."""
    return data_docs_dir(settings) / "index.html"


def gx_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy GX 1.24 can type-check under pandas 3.

    GX compares a column's dtype with the names in a type list; pandas 3's default ``str`` dtype and
    tz-aware datetimes never compare equal to any name, so these (and all-null columns, which carry
    no type) become object columns, whose values GX then checks one by one.
    """
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if isinstance(series.dtype, pd.StringDtype | pd.DatetimeTZDtype) or series.isna().all():
            out[column] = series.astype(object)
    return out


def _frame_for(definition: SuiteDef, frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    if definition.name in TABLE_COLUMNS:
        # A missing table is validated as an empty one, so the schema check says what is missing.
        return frames.get(definition.name, pd.DataFrame())
    return DERIVED[definition.name](frames)


def _not_evaluated(definition: SuiteDef, error: Exception, run_id: str, at: datetime) -> list[CheckResult]:
    results = []
    for expectation in definition.expectations:
        check = CHECKS_BY_NAME[expectation.meta["check"]]
        results.append(
            CheckResult(
                run_id=run_id,
                checked_at=at,
                check_name=check.name,
                suite=definition.name,
                expectation=expectation_label(expectation.expectation_type, expectation.configuration.kwargs),
                table_name=check.table,
                severity=check.severity,
                success=False,
                unexpected_count=None,
                details=f"not evaluated: derived frame failed ({type(error).__name__}: {error})",
            )
        )
    return results


def _columns(kwargs: dict[str, Any]) -> list[str]:
    columns = [kwargs[k] for k in ("column", "column_A", "column_B") if k in kwargs]
    return columns + list(kwargs.get("column_list") or [])


def _validate(
    definition: SuiteDef, frame: pd.DataFrame, params: dict[str, Any], run_id: str, at: datetime
) -> list[CheckResult]:
    checkpoint = runtime_context().checkpoints.get(definition.name)
    present = set(frame.columns)
    outcome = checkpoint.run(
        batch_parameters={"dataframe": gx_frame(frame)},
        expectation_parameters=params,
        run_id=RunIdentifier(run_name=run_id, run_time=at),
    )
    results = []
    for validation in outcome.run_results.values():
        for er in validation.results:
            config = er.expectation_config
            check = CHECKS_BY_NAME[config.meta["check"]]
            count = er.result.get("unexpected_count")
            details = describe(er.result, er.exception_info)
            missing = [c for c in _columns(config.kwargs) if c not in present]
            if missing and details.startswith("not evaluated"):
                details = f"not evaluated: column {', '.join(missing)} missing"
            results.append(
                CheckResult(
                    run_id=run_id,
                    checked_at=at,
                    check_name=check.name,
                    suite=definition.name,
                    expectation=expectation_label(config.type, config.kwargs),
                    table_name=check.table,
                    severity=check.severity,
                    success=bool(er.success),
                    unexpected_count=None if count is None else int(count),
                    details=details,
                )
            )
    return results


def run_checks(
    frames: dict[str, pd.DataFrame],
    settings: QualitySettings,
    run_id: str,
    *,
    data_docs: bool = True,
    only: Collection[str] | None = None,
) -> list[CheckResult]:
    """Validate the contract frames with every GX suite; one result per expectation.

    With ``data_docs`` the GX Data Docs site for this run is (re)written to :func:`data_docs_dir`;
    ``only`` restricts the run to the named checks (a subset of ``quality.CHECKS`` names).
    """
    if only is not None and (unknown := set(only) - set(CHECKS_BY_NAME)):
        raise ValueError(f"unknown check(s): {', '.join(sorted(unknown))}")
    context = runtime_context()
    store = context.validation_results_store
    for key in store.list_keys():  # the docs show this run only
        store.remove_key(key)
    at = datetime.now(UTC)
    params = {PARAM_MAX_FISCAL_YEAR: at.year + 1, PARAM_YOY_FACTOR: float(settings.yoy_factor)}
    results: list[CheckResult] = []
    for definition in SUITES:
        if only is not None and not {e.meta["check"] for e in definition.expectations} & set(only):
            continue
        try:
            frame = _frame_for(definition, frames)
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            results += _not_evaluated(definition, exc, run_id, at)
            continue
        results += _validate(definition, frame, params, run_id, at)
    if only is not None:
        results = [r for r in results if r.check_name in only]
    if data_docs:
        docs = data_docs_dir(settings)
        shutil.rmtree(docs, ignore_errors=True)
        docs.mkdir(parents=True, exist_ok=True)
        context.build_data_docs(site_names=[use_docs_site(context, docs)])
    return results
