"""Is the published warehouse already built from exactly what is staged? Then a no-op run need not rebuild.

"Running it again changes no fact": a run that parsed nothing, over staged records that are exactly
those the published warehouse was built from (with the same code, suites and settings), would build
the same star schema and run the same checks on the same frames. Such a run only adds its
ingest-log rows, into a copy of the published warehouse published with the same atomic rename
(``jixiao.warehouse.ingestlog.append_ingest_log``); dq_results and the Data Docs stay those of the last check.

The proof is a state file beside the warehouse (``<warehouse>.state.json``), written after each
publish: a fingerprint of the staged records (names, sizes, mtimes), of the runs whose log rows the
warehouse holds, of the correction files, of the code and expectation suites that shape it, the
parser version, the yoy factor and the year (the checks' fiscal-year bound), plus the published
file's identity. Anything else that replaces the warehouse or changes the staging makes them
differ, and the run rebuilds.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jixiao.core.settings import Settings
from jixiao.staging import store as staging

_VERSION = 1


def state_path(target: Path) -> Path:
    """The state file of warehouse ``target``."""
    return target.with_name(target.name + ".state.json")


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)  # finds the package without importing it (quality imports GX)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package {name} not found")
    return Path(next(iter(spec.submodule_search_locations)))


@functools.cache
def code_digest() -> str:
    """sha256 of the sources that shape the warehouse: the staging, ingestion, warehouse and quality
    layers, the SQL models and the expectation suites."""
    files: list[Path] = []
    for package in (
        "jixiao.staging",
        "jixiao.ingestion",
        "jixiao.warehouse",
        "jixiao.quality",
        "jixiao.expectations",
    ):
        root = _package_dir(package)
        files += sorted(p for p in root.rglob("*") if p.is_file() and p.suffix not in (".pyc",))
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.name.encode() + b"\0")
        with contextlib.suppress(OSError):
            digest.update(file.read_bytes())
    return digest.hexdigest()


def _staged_digest(settings: Settings) -> str:
    digest = hashlib.sha256()
    try:
        entries = [e for e in os.scandir(staging.parsed_dir(settings)) if not e.name.startswith(".")]
    except FileNotFoundError:
        entries = []
    for name, st in sorted((e.name, e.stat()) for e in entries):
        digest.update(f"{name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _corrections_digest(settings: Settings) -> str:
    """The correction files' names and contents: a changed correction rebuilds."""
    digest = hashlib.sha256()
    folder = settings.corrections_dir
    with contextlib.suppress(OSError):
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _runs(settings: Settings, exclude: str | None) -> list[str]:
    try:
        runs = [e.name for e in os.scandir(staging.log_dir(settings)) if not e.name.startswith(".")]
    except FileNotFoundError:
        runs = []
    return sorted(r for r in runs if r != exclude)


def current(settings: Settings, parser_version: str, *, exclude_run: str | None = None) -> dict[str, Any]:
    """What the warehouse would be built from now (``exclude_run``: leave this run's log rows out)."""
    return {
        "version": _VERSION,
        "staged": _staged_digest(settings),
        "corrections": _corrections_digest(settings),
        "runs": _runs(settings, exclude_run),
        "code": code_digest(),
        "parser_version": parser_version,
        "yoy_factor": float(settings.yoy_factor),
        "year": datetime.now(UTC).year,
    }


def _file_id(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def is_published(settings: Settings, state: dict[str, Any]) -> bool:
    """True when the published warehouse was built from ``state`` and has not been replaced since."""
    try:
        saved = json.loads(state_path(settings.warehouse).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    file_id = _file_id(settings.warehouse)
    return (
        isinstance(saved, dict)
        and file_id is not None
        and saved.get("state") == state
        and saved.get("warehouse") == file_id
    )


def remember(settings: Settings, state: dict[str, Any], run_id: str) -> None:
    """Record, after a publish, that the warehouse now holds ``state`` plus the log rows of ``run_id``.

    Best effort: a state file that is missing, stale or unwritable only makes the next run rebuild.
    """
    target = settings.warehouse
    runs = set(state["runs"])
    if (staging.log_dir(settings) / run_id).is_dir():
        runs.add(run_id)
    saved = {"state": {**state, "runs": sorted(runs)}, "warehouse": _file_id(target)}
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".state-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(saved, fh)
        os.replace(tmp, state_path(target))
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def forget(settings: Settings) -> None:
    """Drop the state file (before anything replaces the warehouse)."""
    with contextlib.suppress(FileNotFoundError):
        state_path(settings.warehouse).unlink()
