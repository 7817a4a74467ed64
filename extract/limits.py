"""Resource limits for one parse, so a hostile or broken file cannot stall the run."""

from __future__ import annotations

import time
from dataclasses import dataclass

from extract.errors import ParseTimeoutError

A4_AREA_PT2 = 595.0 * 842.0


@dataclass(frozen=True)
class Limits:
    """Per-file limits: bytes, pages, page area (points²) and wall-clock seconds."""

    max_file_bytes: int = 50 * 1024 * 1024
    max_pages: int = 300
    max_page_area: float = 20 * A4_AREA_PT2
    max_seconds: float = 120.0


class Deadline:
    """Wall-clock budget for one file; ``check`` raises ParseTimeoutError once it is spent."""

    def __init__(self, seconds: float, file_name: str) -> None:
        self._end = time.monotonic() + seconds
        self._seconds = seconds
        self._file_name = file_name

    def check(self) -> None:
        """Raise ParseTimeoutError when the budget is spent."""
        if time.monotonic() > self._end:
            raise ParseTimeoutError(
                f"{self._file_name} took longer than the {self._seconds:g}-second parse limit; "
                "check the file is a normal report or raise JIXIAO_PARSE_TIMEOUT_S."
            )
