"""The progress bar shown on stderr while files are staged."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from tqdm import tqdm

from jixiao.staging.store import StageOutcome


@contextmanager
def staging_progress(total: int, *, enabled: bool = True) -> Iterator[Callable[[StageOutcome], None]]:
    """A tqdm bar on stderr over ``total`` files; yields the callback to call as each file finishes."""
    bar = tqdm(total=total, desc="staging", unit="file", file=sys.stderr, disable=not enabled or total == 0)
    counts: dict[str, int] = {}

    def advance(outcome: StageOutcome) -> None:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
        bar.set_postfix(counts, refresh=False)
        bar.update(1)

    try:
        yield advance
    finally:
        bar.close()
