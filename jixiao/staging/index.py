"""What a no-op run needs to know of a file and its record, without hashing the file or reading the record.

Two caches beside the staging, each a JSON file keyed by file identity; both are only ever a shortcut:

``inputs.json``
    input path → (device, inode, size, mtime_ns, ctime_ns) and the sha256 its bytes had; read by
    ``jixiao ingest`` and by the Dagster inbox scan (``jixiao.assets.inbox``) alike. A file whose
    identity is the one recorded is not hashed again (as ``jixiao.ingestion.basis`` trusts a record
    file's identity). ctime is part of it because no tool can set it (``cp -p``, ``touch -d`` and
    archive tools set mtime), so a rewrite shows even when size and mtime are put back. A file changed
    within ``_RACY_S`` of being hashed is not recorded (the "racy" case of git's index: a second
    write in the same clock tick would keep the identity).
``headers.json``
    sha256 → the record file's identity and the record without its report (status, reasons, names,
    limits, parser version): a cached file's outcome needs those, not the parsed report, and reading
    a thousand whole records costs a millisecond each.

Crash safety: the records and log rows stay the only truth (``jixiao.staging.store``). An index is
written whole to a temp file and renamed over the old one, without fsync: after a crash it is the old
one, the new one, or unreadable, and an unreadable index, a missing entry or an entry whose identity
differs from the file's now only means the file is hashed, or the record read, as before. Two runs
saving at once: the last rename wins, and the other's entries are merely missing.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
import time
from pathlib import Path
from typing import Any

_VERSION = 1
_RACY_S = 2.0  # a file changed this recently is hashed again next time (see the module docstring)
Identity = list[int]


def identity(st: os.stat_result) -> Identity:
    """What tells a file's bytes changed without reading them."""
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


class _Index:
    """A JSON map of key → [identity, value], loaded once and saved when it changed.

    Saved with the entries this run used only, so it holds one run's files, never every file ever seen
    (a file of another inbox is hashed again when that inbox comes next: the price of a bounded index).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, list[Any]] = {}
        self.used: set[str] = set()
        self.dirty = False
        with contextlib.suppress(OSError, ValueError):
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("version") == _VERSION:
                entries = data.get("entries")
                self.entries = entries if isinstance(entries, dict) else {}

    def get(self, key: str, ident: Identity) -> Any:
        entry = self.entries.get(key)
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == ident:
            self.used.add(key)
            return entry[1]
        return None

    def put(self, key: str, ident: Identity, value: Any) -> None:
        self.entries[key] = [ident, value]
        self.used.add(key)
        self.dirty = True

    def save(self) -> None:
        """Replace the index file with this one (best effort: without it the next run reads more)."""
        if not self.used:
            return  # a run that looked nothing up (a Dagster step with no input): keep the index
        if not self.dirty and self.used == self.entries.keys():
            return
        tmp = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-index-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                entries = {key: self.entries[key] for key in sorted(self.used)}
                # ASCII escapes: a non-UTF-8 file name (a GBK download: surrogates) round-trips too
                json.dump({"version": _VERSION, "entries": entries}, fh)
            os.replace(tmp, self.path)
            self.dirty = False
        except OSError:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)


class InputHashes(_Index):
    """Input path → sha256 of its bytes, trusted while the file's identity is unchanged."""

    def __init__(self, staging: Path) -> None:
        super().__init__(staging / "inputs.json")

    def sha256(self, path: Path, hash_file: Any) -> str:
        """The sha256 of ``path``: from the index when its identity is the recorded one, else
        ``hash_file(path)`` (which raises OSError for what is not a regular file)."""
        st = os.stat(path)
        key = os.path.abspath(path)
        ident = identity(st)
        if stat.S_ISREG(st.st_mode):
            known = self.get(key, ident)
            if isinstance(known, str):
                return known
        started = time.time_ns()
        digest = hash_file(path)
        with contextlib.suppress(OSError):
            after = identity(os.stat(path))
            settled = started - max(st.st_mtime_ns, st.st_ctime_ns) > _RACY_S * 1e9
            if after == ident and settled:
                self.put(key, ident, digest)
        return digest


class RecordHeaders(_Index):
    """sha256 → a staged record without its report, trusted while the record file is unchanged."""

    def __init__(self, staging: Path) -> None:
        super().__init__(staging / "headers.json")
        self.parsed = staging / "parsed"

    def file_identity(self, sha256: str) -> Identity | None:
        try:
            return identity(os.stat(self.parsed / f"{sha256}.json"))
        except OSError:
            return None

    def header(self, sha256: str) -> dict[str, Any] | None:
        """The stored header of the record of ``sha256`` when its file has not changed since."""
        ident = self.file_identity(sha256)
        found = self.get(sha256, ident) if ident is not None else None
        return found if isinstance(found, dict) else None

    def remember(self, sha256: str, ident: Identity | None, header: dict[str, Any]) -> None:
        """Keep ``header``, read from the record file whose identity was ``ident`` before the read."""
        if ident is not None and self.file_identity(sha256) == ident:
            self.put(sha256, ident, header)
