"""What an ingest shows on stderr while it runs: every phase, as a bar on a terminal or plain lines.

The phases are parse (staging the input files), build (the candidate warehouse, partition by
partition, the checks running beside it), checks (waiting for the last results) and publish. On a
terminal, parsing draws a tqdm bar; in a log file or a pipe (the nightly job), every line is plain
text ending in a newline, never a carriage-return redraw.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from tqdm import tqdm

from jixiao.staging.store import StageOutcome

# Without a terminal, parsing writes one line per file up to this many files, then one per 5 %.
_EVERY_FILE_UP_TO = 50


class Progress:
    """The progress of one ingest; ``enabled=False`` keeps every method silent."""

    def __init__(self, *, enabled: bool = True, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = enabled and self.stream.isatty()

    def line(self, text: str) -> None:
        """One plain line (on a terminal, written above any bar)."""
        if self.enabled:
            tqdm.write(f"jixiao: {text}", file=self.stream)

    @contextmanager
    def parsing(self, total: int) -> Iterator[Callable[[StageOutcome], None]]:
        """Yields the callback to call as each of ``total`` files finishes staging."""
        counts: dict[str, int] = {}
        started = time.monotonic()
        done = 0
        bar = tqdm(
            total=total, desc="parse", unit="file", file=self.stream, disable=not self.tty or total == 0
        )
        step = 1 if total <= _EVERY_FILE_UP_TO else max(1, total // 20)

        def advance(outcome: StageOutcome) -> None:
            nonlocal done
            done += 1
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
            if self.tty:
                bar.set_postfix(counts, refresh=False)
                bar.update(1)
            elif done % step == 0 or done == total:
                self.line(f"parse {done}/{total} {outcome.path.name}: {outcome.status}")

        self.line(f"parse: {total} input file{'s' if total != 1 else ''}")
        try:
            yield advance
        finally:
            bar.close()
            summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
            self.line(f"parse done in {time.monotonic() - started:.1f} s ({summary or 'nothing to parse'})")

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """A line when phase ``name`` starts, and one when it ends (with its time) or fails."""
        self.line(f"{name}…")
        started = time.monotonic()
        try:
            yield
        except BaseException:
            self.line(f"{name} stopped after {time.monotonic() - started:.1f} s")
            raise
        self.line(f"{name} done in {time.monotonic() - started:.1f} s")
