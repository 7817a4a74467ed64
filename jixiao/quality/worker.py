"""Run a :class:`.runner.CheckSession` in its own process, fed one partition of frames at a time.

Great Expectations costs about 140 MB just to import and does its work in pure Python. In a
process of its own it neither adds to the memory of the process that builds the warehouse nor
waits for it: the builder prepares the next partition while the checker validates the last one,
so a rebuild uses two cores. The process imports GX as soon as it starts, so a caller that starts it
early (``jixiao ingest`` does, before parsing) has the import done by the time the first partition
comes. If the checker dies, the builder gets a ChecksError-worthy message, never a hang.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
from collections.abc import Collection
from multiprocessing.connection import Connection
from typing import Any

import pandas as pd

from jixiao.core.faults import crash_point
from jixiao.quality.results import CheckResult


class CheckerFailed(RuntimeError):
    """The checker process could not validate (an error in GX or in a derived frame, or it died)."""


def _serve(conn: Connection, settings: Any, run_id: str, shared_suites: tuple[str, ...]) -> None:
    """The checker's loop: validate every partition received, answer the results request, exit."""
    # stopped unused (close() before results): exit through atexit, which removes the GX work copy
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    error: str | None = None
    try:
        from jixiao.quality.runner import CheckSession

        session = CheckSession(settings, run_id, shared_suites=shared_suites)
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"
    while True:
        try:
            command, payload = conn.recv()
        except EOFError:  # the builder is gone: nothing to answer
            return
        if command == "validate":
            crash_point("checks.partition_received")  # fault injection (tests only)
            if error is None:
                try:
                    session.validate(payload)
                except Exception as exc:
                    error = f"{type(exc).__name__}: {exc}"
            continue
        if command == "reuse":
            if error is None:
                session.reuse(payload)
            continue
        if error is not None:
            conn.send(("error", error))
            return
        try:
            conn.send(("results", (session.results(data_docs=payload), session.parts)))
        except Exception as exc:
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
        return


class CheckWorker:
    """The checker process of one run: ``validate`` partitions, then ``results`` once. Use it in ``with``."""

    def __init__(self, settings: Any, run_id: str, *, shared_suites: Collection[str] = ()) -> None:
        ctx = multiprocessing.get_context("spawn")  # a fresh interpreter: no inherited threads or memory
        self._conn, child = ctx.Pipe()
        self._process = ctx.Process(
            target=_serve, args=(child, settings, run_id, tuple(shared_suites)), name="jixiao-checker"
        )
        self._process.start()
        child.close()
        self._answered = False
        self.parts: list[list[dict[str, Any]]] = []  # each partition's outcomes, once results are in

    def validate(self, frames: dict[str, pd.DataFrame]) -> None:
        """Hand one partition to the checker (see ``CheckSession.validate``); returns once it took it,
        which is when it finished the partition before: building and checking overlap by one partition."""
        self._send("validate", frames)

    def reuse(self, part: list[dict[str, Any]]) -> None:
        """Merge a partition's outcomes kept from an earlier run instead of validating it again
        (``CheckSession.reuse``); in partition order with :meth:`validate`."""
        self._send("reuse", part)

    def results(self, *, data_docs: bool = True) -> list[CheckResult]:
        """Every expectation's result over all partitions; with ``data_docs`` the Data Docs are written.
        Each partition's own outcomes are then in :attr:`parts`."""
        self._send("results", data_docs)
        try:
            kind, payload = self._conn.recv()
        except (EOFError, OSError) as exc:
            raise CheckerFailed(self._died()) from exc
        self._answered = True
        if kind == "error":
            raise CheckerFailed(payload)
        results, self.parts = payload
        return results

    def _send(self, command: str, payload: Any) -> None:
        try:
            self._conn.send((command, payload))
        except (BrokenPipeError, ConnectionResetError, EOFError) as exc:
            raise CheckerFailed(self._died()) from exc

    def _died(self) -> str:
        self._process.join(timeout=5)
        return f"the checker process stopped (exit code {self._process.exitcode})"

    def close(self) -> None:
        """Stop the process if it still runs, and reap it.

        A checker that answered exits by itself. One never asked for results (the run had nothing to
        build, or the build failed) is stopped at once rather than left to finish importing GX or
        validating a partition nobody will read."""
        self._conn.close()
        if not self._answered and self._process.is_alive():
            self._process.terminate()
        self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()

    def __enter__(self) -> CheckWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
