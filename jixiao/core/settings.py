"""Settings: every path and limit of a run in one validated object, read from the environment."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from jixiao.core.limits import Limits

DEFAULT_HOME = Path("data")
DEFAULT_WORKERS = 2
DEFAULT_YOY_FACTOR = 10.0
_DEFAULT_LIMITS = Limits()
# Upper bounds: a value past them is a typo or an attack, not a setting (each has to be a finite number).
MAX_PARSE_TIMEOUT_S = 86_400
MAX_PAGES = 100_000
MAX_FILE_MB = 100_000
MIN_PARSER_MEMORY_MB, MAX_PARSER_MEMORY_MB = 256, 1_048_576
DEFAULT_LOCK_TIMEOUT_S = 3600.0
MAX_LOCK_TIMEOUT_S = 7 * 86_400


def max_workers() -> int:
    """The most parser processes a run may start: four per CPU core."""
    return 4 * (os.cpu_count() or 1)


class SettingsError(ValueError):
    """A setting (usually an environment variable) has a value that cannot be used."""


@dataclass(frozen=True)
class Settings:
    """Where a run reads and writes, and the limits it enforces.

    Paths default under ``$JIXIAO_HOME`` (``./data``), the staging beside the warehouse (``staging/`` in
    the warehouse's folder); each can be set on its own.
    """

    home: Path
    inbox: Path
    staging: Path
    warehouse: Path
    limits: Limits
    workers: int = DEFAULT_WORKERS
    yoy_factor: float = DEFAULT_YOY_FACTOR
    duckdb_memory_mb: int | None = None  # DuckDB's memory limit while building; None: sized to the corpus
    corrections: Path | None = None  # $JIXIAO_CORRECTIONS; None: corrections/ beside the warehouse
    lock_timeout_s: float = DEFAULT_LOCK_TIMEOUT_S  # how long a run waits for another run's publish

    def __post_init__(self) -> None:
        for name in ("home", "inbox", "staging", "warehouse"):
            value = getattr(self, name)
            if not isinstance(value, Path):
                object.__setattr__(self, name, Path(value).expanduser())
        if self.corrections is not None and not isinstance(self.corrections, Path):
            object.__setattr__(self, "corrections", Path(self.corrections).expanduser())
        if not isinstance(self.workers, int) or self.workers < 1:
            raise SettingsError(f"workers must be a whole number of at least 1, got {self.workers!r}.")
        if self.duckdb_memory_mb is not None and (
            not isinstance(self.duckdb_memory_mb, int) or self.duckdb_memory_mb < 64
        ):
            raise SettingsError(
                f"duckdb_memory_mb must be a whole number of at least 64, got {self.duckdb_memory_mb!r}; "
                "fix or unset JIXIAO_DUCKDB_MEMORY_MB."
            )
        if not self.yoy_factor > 1:
            raise SettingsError(f"yoy_factor must be a number greater than 1, got {self.yoy_factor!r}.")
        if not 0 <= self.lock_timeout_s <= MAX_LOCK_TIMEOUT_S:
            raise SettingsError(
                f"lock_timeout_s must be a number of seconds from 0 to {MAX_LOCK_TIMEOUT_S}, got "
                f"{self.lock_timeout_s!r}; fix or unset JIXIAO_LOCK_TIMEOUT_S."
            )
        if self.workers > max_workers():
            raise SettingsError(
                f"workers must be at most {max_workers()} (4 per CPU core), got {self.workers}; "
                "fix JIXIAO_WORKERS or --workers."
            )
        limits = self.limits
        if not (
            0 < limits.max_seconds <= MAX_PARSE_TIMEOUT_S
            and 1 <= limits.max_pages <= MAX_PAGES
            and 1 <= limits.max_file_bytes <= MAX_FILE_MB * 2**20
            and MIN_PARSER_MEMORY_MB <= limits.max_memory_mb <= MAX_PARSER_MEMORY_MB
        ):
            raise SettingsError(
                "The parse limits must be finite and in range: JIXIAO_PARSE_TIMEOUT_S up to "
                f"{MAX_PARSE_TIMEOUT_S}, JIXIAO_MAX_PAGES up to {MAX_PAGES}, JIXIAO_MAX_FILE_MB up to "
                f"{MAX_FILE_MB}, JIXIAO_PARSER_MEMORY_MB from {MIN_PARSER_MEMORY_MB} "
                f"to {MAX_PARSER_MEMORY_MB}."
            )

    @property
    def corrections_dir(self) -> Path:
        """Correction files: ``$JIXIAO_CORRECTIONS``, else ``corrections/`` beside the warehouse."""
        return self.corrections if self.corrections is not None else self.warehouse.parent / "corrections"

    @property
    def parse_timeout_s(self) -> float:
        """The hard wall-clock limit for parsing one file."""
        return float(self.limits.max_seconds)

    def with_warehouse(self, warehouse: Path) -> Settings:
        """A copy of these settings writing to another warehouse file."""
        return replace(self, warehouse=Path(warehouse).expanduser())

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from ``JIXIAO_*`` environment variables; keyword overrides win over both.

        Raises SettingsError with one plain sentence when a variable is malformed.
        """
        env = os.environ if environ is None else environ
        known = {f.name for f in fields(cls)}
        unknown = set(overrides) - known
        if unknown:
            raise SettingsError(f"Unknown setting(s): {', '.join(sorted(unknown))}.")

        home = Path(overrides.get("home") or env.get("JIXIAO_HOME") or DEFAULT_HOME).expanduser()

        def path(name: str, var: str, default: Path) -> Path:
            if overrides.get(name) is not None:
                return Path(overrides[name]).expanduser()
            return Path(env[var]).expanduser() if env.get(var) else default

        limits = overrides.get("limits") or Limits(
            max_file_bytes=int(
                _number(env, "JIXIAO_MAX_FILE_MB", _DEFAULT_LIMITS.max_file_bytes / 2**20) * 2**20
            ),
            max_pages=int(_number(env, "JIXIAO_MAX_PAGES", _DEFAULT_LIMITS.max_pages, whole=True)),
            max_page_area=_DEFAULT_LIMITS.max_page_area,
            max_seconds=_number(env, "JIXIAO_PARSE_TIMEOUT_S", _DEFAULT_LIMITS.max_seconds),
            ocr_seconds_per_page=_number(
                env, "JIXIAO_OCR_SECONDS_PER_PAGE", _DEFAULT_LIMITS.ocr_seconds_per_page
            ),
            max_memory_mb=int(
                _number(env, "JIXIAO_PARSER_MEMORY_MB", _DEFAULT_LIMITS.max_memory_mb, whole=True)
            ),
        )
        workers = overrides.get("workers")
        if workers is None:
            workers = int(_number(env, "JIXIAO_WORKERS", DEFAULT_WORKERS, whole=True))
        yoy_factor = overrides.get("yoy_factor")
        if yoy_factor is None:
            yoy_factor = _number(env, "JIXIAO_YOY_FACTOR", DEFAULT_YOY_FACTOR)
        duckdb_memory_mb = overrides.get("duckdb_memory_mb")
        if duckdb_memory_mb is None and env.get("JIXIAO_DUCKDB_MEMORY_MB", "").strip():
            duckdb_memory_mb = int(_number(env, "JIXIAO_DUCKDB_MEMORY_MB", 0, whole=True))
        warehouse = path("warehouse", "JIXIAO_WAREHOUSE", home / "jixiao.duckdb")
        lock_timeout_s = overrides.get("lock_timeout_s")
        if lock_timeout_s is None:
            lock_timeout_s = _number(env, "JIXIAO_LOCK_TIMEOUT_S", DEFAULT_LOCK_TIMEOUT_S)
        return cls(
            home=home,
            inbox=path("inbox", "JIXIAO_INBOX", home / "inbox"),
            # beside the warehouse, not under the working directory: every run for one warehouse
            # finds the same cache and log wherever it is started from
            staging=path("staging", "JIXIAO_STAGING", warehouse.parent / "staging"),
            warehouse=warehouse,
            limits=limits,
            workers=workers,
            yoy_factor=float(yoy_factor),
            duckdb_memory_mb=duckdb_memory_mb,
            corrections=path("corrections", "JIXIAO_CORRECTIONS", Path(""))
            if overrides.get("corrections") is not None or env.get("JIXIAO_CORRECTIONS")
            else None,
            lock_timeout_s=float(lock_timeout_s),
        )


def _number(env: Mapping[str, str], var: str, default: float, *, whole: bool = False) -> float:
    raw = env.get(var, "").strip()
    if not raw:
        return float(default)
    try:
        value = int(raw) if whole else float(raw)
    except ValueError:
        kind = "a whole number" if whole else "a number"
        raise SettingsError(f"{var} must be {kind}, got {raw!r}; fix or unset it.") from None
    if not math.isfinite(value):  # nan passes every comparison, inf overflows int()
        raise SettingsError(f"{var} must be a finite number, got {raw!r}; fix or unset it.")
    if value <= 0:
        raise SettingsError(f"{var} must be greater than 0, got {raw!r}; fix or unset it.")
    return float(value)
