"""What the published warehouse was built from, record by record: the basis of an incremental publish.

After every publish by ``jixiao ingest`` a basis file sits beside the warehouse
(``<warehouse>.basis.json``): the identity (inode, size, mtime) and department of every staged record
file the build read, the settings and code that shape the warehouse (as ``buildstate``), and the
published file's identity. The next run compares the staging with it to find the departments whose
rows can have changed (``jixiao.ingestion.incremental``). A basis that is missing, unreadable, made by
other code or settings, or made for a warehouse file that has been replaced since, is no basis: the
run rebuilds everything.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jixiao.core.settings import Settings
from jixiao.ingestion.buildstate import code_digest
from jixiao.staging import store as staging

_VERSION = 1
# A record file's identity, and what it holds for this parser version: the department of a parsed
# report, "" for a rejected file, None for a record of another parser version.
Entry = tuple[int, int, int, str | None]


def basis_path(target: Path) -> Path:
    """The basis file of warehouse ``target``."""
    return target.with_name(target.name + ".basis.json")


def _identity(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def snapshot(settings: Settings) -> dict[str, tuple[int, int, int]]:
    """sha256 → identity of every staged record file now (taken before the records are read)."""
    found: dict[str, tuple[int, int, int]] = {}
    with contextlib.suppress(FileNotFoundError):
        for entry in os.scandir(staging.parsed_dir(settings)):
            if entry.name.endswith(".json") and not entry.name.startswith("."):
                with contextlib.suppress(OSError):
                    found[entry.name[: -len(".json")]] = _identity(entry.stat())
    return found


def globals_of(settings: Settings, parser_version: str) -> dict[str, Any]:
    """Everything besides the records that shapes the warehouse: a change means a full rebuild."""
    return {
        "version": _VERSION,
        "code": code_digest(),
        "parser_version": parser_version,
        "yoy_factor": float(settings.yoy_factor),
        "year": datetime.now(UTC).year,
        "limits": staging.limits_dict(settings),
    }


@dataclass
class Basis:
    """The records one build read (see the module docstring), ready to be saved after its publish."""

    settings_digest: dict[str, Any]
    records: dict[str, Entry] = field(default_factory=dict)
    # partition_digest → that partition's check outcomes (``jixiao.quality.runner.CheckSession.parts``)
    checks: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def keep_checks(self, parts: list[list[str]], outcomes: list[list[dict[str, Any]]]) -> None:
        """Keep each partition's check outcomes (``parts``: the partitions' sha256s, checked in order)."""
        if len(parts) == len(outcomes):
            self.checks = {
                partition_digest(shas, i == 0): part
                for i, (shas, part) in enumerate(zip(parts, outcomes, strict=True))
            }

    @classmethod
    def of_build(
        cls,
        settings: Settings,
        parser_version: str,
        identities: dict[str, tuple[int, int, int]],
        departments: dict[str, str],
        staged: set[str],
    ) -> Basis:
        """The basis of a build that read ``departments`` (parsed) and ``staged`` (every record of the
        version) from the record files whose identities were ``identities`` just before."""
        records: dict[str, Entry] = {}
        for sha, ident in identities.items():
            held = departments.get(sha, "" if sha in staged else None)
            records[sha] = (*ident, held)
        return cls(globals_of(settings, parser_version), records)

    def save(self, settings: Settings) -> None:
        """Write the basis for the warehouse just published. Best effort: without it the next run
        rebuilds everything."""
        target = settings.warehouse
        try:
            st = target.stat()
        except OSError:
            return
        data = {
            "settings": self.settings_digest,
            "warehouse": list(_identity(st)),
            "records": self.records,
            "checks": self.checks,
        }
        tmp = None
        try:
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".basis-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False)
            os.replace(tmp, basis_path(target))
        except OSError:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)


def load(settings: Settings, parser_version: str) -> Basis | None:
    """The basis of the published warehouse, or None when there is none that still holds."""
    return load_for(settings, parser_version, warehouse_identity(settings))


def carry_over(
    settings: Settings, parser_version: str, published_before: tuple[int, int, int] | None
) -> None:
    """After a publish that changed no fact (a no-op run's log rows), keep the basis: the warehouse that
    was ``published_before`` had it, and the one published now was built from the same records."""
    basis = load_for(settings, parser_version, published_before)
    if basis is not None:
        basis.save(settings)


def load_for(settings: Settings, parser_version: str, identity: tuple[int, int, int] | None) -> Basis | None:
    """The saved basis if it was made for the warehouse file of ``identity``."""
    try:
        data = json.loads(basis_path(settings.warehouse).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if identity is None or not isinstance(data, dict) or data.get("warehouse") != list(identity):
        return None  # made for another file (replaced since: another build, a restore)
    if data.get("settings") != globals_of(settings, parser_version):
        return None
    try:
        records = {str(sha): (int(i), int(s), int(m), d) for sha, (i, s, m, d) in data["records"].items()}
        checks = {str(k): list(v) for k, v in data.get("checks", {}).items()}
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return Basis(data["settings"], records, checks)


def partition_digest(shas: list[str], first: bool) -> str:
    """What identifies a partition's frames given its records: its sha256s, and whether it was the first
    (which also checks the shared tables)."""
    return hashlib.sha256(("first\n" if first else "\n").encode() + "\n".join(shas).encode()).hexdigest()


def warehouse_identity(settings: Settings) -> tuple[int, int, int] | None:
    """The published file's identity now (None when there is none)."""
    try:
        return _identity(settings.warehouse.stat())
    except OSError:
        return None


def forget(settings: Settings) -> None:
    """Drop the basis file."""
    with contextlib.suppress(FileNotFoundError):
        basis_path(settings.warehouse).unlink()
