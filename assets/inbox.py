"""Inbox scanning through the staging's input index, so an unchanged inbox is never re-hashed.

Plain Python (no Dagster): the sensor, the schedule and the partition assets all call
``scan_inbox`` to map an inbox file to its content hash, the dynamic partition key.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from jixiao.staging.index import InputHashes
from jixiao.staging.store import hash_file


@dataclass(frozen=True)
class InboxFile:
    """One regular file in the inbox and the sha256 of its bytes."""

    path: Path
    size: int
    mtime_ns: int
    sha256: str


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


def scan_inbox(inbox: Path, staging: Path) -> list[InboxFile]:
    """Every file in ``inbox`` with its sha256, hashing only files whose identity changed.

    The hashes are the staging's input index (``jixiao.staging.index.InputHashes``, shared with
    ``jixiao ingest``): a file is trusted unhashed while its device, inode, size, mtime and ctime are
    the recorded ones, so a same-size rewrite with its mtime put back (``cp -p``) is still seen.
    A file that disappears or cannot be read during the scan is left out until the next scan.
    """
    hashes = InputHashes(staging)
    files: list[InboxFile] = []
    for entry in _walk(inbox):
        path = Path(entry.path)
        try:
            st = entry.stat()
            sha = hashes.sha256(path, hash_file)
        except OSError:
            continue
        files.append(InboxFile(path, st.st_size, st.st_mtime_ns, sha))
    hashes.save()
    return files


def inbox_label(inbox: Path, path: Path) -> str:
    """How messages and ingest_log name an inbox file: its path relative to the inbox."""
    return os.path.relpath(path, inbox)


def find_by_sha256(inbox: Path, staging: Path, sha256: str) -> list[InboxFile]:
    """Every inbox file (in path order) whose bytes hash to ``sha256``: usually one, more for re-downloads."""
    return [item for item in scan_inbox(inbox, staging) if item.sha256 == sha256]
