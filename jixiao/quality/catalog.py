"""The check catalogue without Great Expectations: names, tables, severities and descriptions.

Dagster builds its asset-check specs from this when it loads the code location, and the CLI
summary quotes the descriptions; neither should pay GX's import (seconds and ~250 MB) for that.
It is read from ``expectations/checks.json``, which ``python -m jixiao.quality.build_suites`` writes from
:mod:`jixiao.quality.checks` together with the GX suites (a test keeps the two in step).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path

# The GX project ships as package data (expectations/ in the repository, jixiao.expectations installed).
PROJECT_ROOT = Path(str(resources.files("jixiao.expectations")))
CATALOG_FILE = "checks.json"

# Runtime parameters the suites refer to with {"$PARAMETER": name}.
PARAM_MAX_FISCAL_YEAR = "max_fiscal_year"
PARAM_YOY_FACTOR = "yoy_factor"
# the check run's time, naive UTC (as gx_frame gives times): nothing logged may be later
PARAM_CHECKED_AT = "checked_at"


@dataclass(frozen=True)
class CheckSpec:
    """One data-quality check as Dagster and dq_results see it."""

    name: str
    table: str  # the contract table (asset key) the check is attached to
    severity: str  # "blocking" | "warning"
    description: str
    # "report": a blocking failure concerns the rows of single reports, which are quarantined while the
    # rest publishes; "warehouse": a blocking failure stops the publish (schema, keys, foreign keys).
    scope: str = "warehouse"


def load_checks(root: Path = PROJECT_ROOT) -> tuple[CheckSpec, ...]:
    """Every check of the committed catalogue, in catalogue order."""
    path = root / CATALOG_FILE
    if not path.exists():
        raise FileNotFoundError(f"no check catalogue at {path}; run `python -m jixiao.quality.build_suites`")
    return tuple(CheckSpec(**item) for item in json.loads(path.read_text(encoding="utf-8")))


def write_catalog(checks: list[CheckSpec] | tuple[CheckSpec, ...], root: Path = PROJECT_ROOT) -> Path:
    """Write the catalogue file for ``checks`` under ``root``."""
    path = root / CATALOG_FILE
    items = [asdict(c) for c in checks]
    path.write_text(json.dumps(items, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def check_parameters(
    yoy_factor: float, year: int, checked_at: datetime | None = None
) -> dict[str, float | int | datetime]:
    """The values of the suites' runtime parameters for a check run in ``year`` (at ``checked_at``,
    default now)."""
    at = (checked_at or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
    return {PARAM_MAX_FISCAL_YEAR: year + 1, PARAM_YOY_FACTOR: float(yoy_factor), PARAM_CHECKED_AT: at}


@cache
def _catalogue() -> tuple[tuple[CheckSpec, ...], dict[str, CheckSpec]]:
    checks = load_checks()
    return checks, {c.name: c for c in checks}


def __getattr__(name: str) -> object:
    # CHECKS and CHECKS_BY_NAME are read on first use, so `build_suites` can import this module
    # before the catalogue file exists.
    if name == "CHECKS":
        return _catalogue()[0]
    if name == "CHECKS_BY_NAME":
        return _catalogue()[1]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
