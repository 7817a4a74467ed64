"""One partition's GX validation on synthesised frames: ``python benchmarks/bench_checks.py [N_REPORTS ...]``.

For each size, in one process and alternating (best of three each): the suites run through their
21 committed Checkpoints, as runs did before issue 17 (``Checkpoint.run``: freshness checks against the
stores and a stored result per suite and partition), and ``CheckSession.validate`` as runs do now
(``Batch.validate`` on suites and batch definitions read once per process); then the Data Docs of
the session, and a whole ``run_checks`` with Data Docs.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from types import SimpleNamespace

import _tooling  # noqa: F401  (tools/ on the path)
import pandas as pd
from great_expectations.core.run_identifier import RunIdentifier
from quality_sample import sample_frames

from jixiao.quality.checks import SUITES
from jixiao.quality.gxcontext import runtime_context
from jixiao.quality.runner import CheckSession, _frame_for, gx_frame, run_checks


def _by_checkpoints(frames: Mapping[str, pd.DataFrame], session: CheckSession) -> None:
    """The suites validated as before: one Checkpoint run per suite."""
    context = runtime_context()
    for definition in SUITES:
        context.checkpoints.get(definition.name).run(
            batch_parameters={"dataframe": gx_frame(_frame_for(definition, frames))},
            expectation_parameters=session.params,
            run_id=RunIdentifier(run_name=session.run_id, run_time=session.at),
        )


def best_cpu(run: Callable[[], object], times: int = 3) -> float:
    """The least CPU time of this process over ``times`` calls of ``run``."""
    best = float("inf")
    for _ in range(times):
        start = time.process_time()  # CPU time: the machine is shared, and GX uses one core
        run()
        best = min(best, time.process_time() - start)
    return best


def _one_size(n: int, settings: SimpleNamespace) -> str:
    frames = sample_frames(n)
    rows = sum(len(f) for f in frames.values())
    session = CheckSession(settings, f"bench-{n}")
    session.validate(frames)  # warm: suites, batch definitions, metric providers
    before = after = float("inf")
    for _ in range(3):
        before = min(before, best_cpu(lambda: _by_checkpoints(frames, session), 1))
        after = min(after, best_cpu(lambda: session.validate(frames), 1))
    docs = best_cpu(session.write_data_docs, 1)
    whole = best_cpu(lambda: run_checks(frames, settings, f"bench-{n}"), 1)
    return (
        f"{n} reports ({rows} rows), one partition: checkpoints {before:.2f}s, "
        f"session {after:.2f}s ({before / after:.1f}x); Data Docs {docs:.2f}s; "
        f"run_checks with docs {whole:.2f}s"
    )


def main(argv: list[str] | None = None) -> int:
    """Print, per size, one partition's validation by Checkpoints and by the session, and the docs."""
    sizes = [int(a) for a in (sys.argv[1:] if argv is None else argv)] or [30, 160, 2_000]
    print("CPU seconds of this process, best of three")
    with tempfile.TemporaryDirectory() as tmp:
        settings = SimpleNamespace(yoy_factor=10.0, warehouse=Path(tmp) / "jixiao.duckdb")
        for n in sizes:
            print(_one_size(n, settings), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
