"""Inbox scanning with a size+mtime index, so an unchanged inbox is never re-hashed.

Plain Python (no Dagster): the sensor, the schedule and the partition assets all call
``scan_inbox`` to map an inbox file to its content hash, the dynamic partition key.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from jixiao.staging.store import hash_file

INDEX_NAME = "inbox_index.json"


@dataclass(frozen=True)
class InboxFile:
    """One regular file in the inbox and the sha256 of its bytes."""

    path: Path
    size: int
    mtime_ns: int
    sha256: str


def index_path(staging: Path) -> Path:
    """Where the scan index of an inbox lives: beside the staged records."""
    return staging / INDEX_NAME


def _walk(root: Path) -> list[os.DirEntry[str]]:
    """Regular files under ``root``, hidden files and directories skipped, in name order."""
    found: list[os.DirEntry[str]] = []
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except (FileNotFoundError, NotADirectoryError, PermissionError):
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
            elif entry.is_file():
                found.append(entry)
    found.sort(key=lambda e: e.path)
    return found


def _load_index(path: Path) -> dict[str, list]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save_index(path: Path, index: dict[str, list]) -> None:
    # Temp file + os.replace: the sensor and partition steps may scan at the same time.
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".inbox_index.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(index, fh)  # ASCII escapes: a non-UTF-8 file name (surrogates) round-trips too
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def scan_inbox(inbox: Path, index_file: Path) -> list[InboxFile]:
    """Every file in ``inbox`` with its sha256, hashing only files whose size or mtime changed.

    The index (``{relative path: [size, mtime_ns, sha256]}``) is rewritten only when it changed.
    A file that disappears or cannot be read during the scan is left out until the next scan.
    """
    old = _load_index(index_file)
    new: dict[str, list] = {}
    files: list[InboxFile] = []
    for entry in _walk(inbox):
        try:
            st = entry.stat()
        except OSError:
            continue
        rel = os.path.relpath(entry.path, inbox)
        cached = old.get(rel)
        if cached and cached[0] == st.st_size and cached[1] == st.st_mtime_ns:
            sha = cached[2]
        else:
            try:
                sha = hash_file(Path(entry.path))
            except OSError:
                continue
        new[rel] = [st.st_size, st.st_mtime_ns, sha]
        files.append(InboxFile(Path(entry.path), st.st_size, st.st_mtime_ns, sha))
    if new != old:
        _save_index(index_file, new)
    return files


def inbox_label(inbox: Path, path: Path) -> str:
    """How messages and ingest_log name an inbox file: its path relative to the inbox."""
    return os.path.relpath(path, inbox)


def find_by_sha256(inbox: Path, index_file: Path, sha256: str) -> list[InboxFile]:
    """Every inbox file (in path order) whose bytes hash to ``sha256``: usually one, more for re-downloads."""
    return [item for item in scan_inbox(inbox, index_file) if item.sha256 == sha256]
