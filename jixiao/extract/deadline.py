"""The wall-clock budget of one parse (the limit itself is ``jixiao.core.limits.Limits.max_seconds``)."""

from __future__ import annotations

import time

from jixiao.extract.errors import ParseTimeoutError


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
