"""Run a :class:`.runner.CheckSession` in its own process, fed one partition of frames at a time.

Great Expectations costs about 140 MB just to import and does its work in pure Python. In a
process of its own it neither adds to the memory of the process that builds the warehouse nor
waits for it: the builder prepares the next partition while the checker validates the last one,
so a rebuild uses two cores. The process imports GX as soon as it starts, so a caller that starts it
early (``jixiao ingest`` does, before parsing) has the import done by the time the first partition
comes. If the checker dies, the builder gets a ChecksError-worthy message, never a hang.

The Data Docs are written after the results are sent, while the builder finishes and publishes the
warehouse; :meth:`CheckWorker.data_docs` waits for them. Its work done, the checker leaves at once
instead of tearing down an interpreter that has GX loaded (about a second).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import warnings
from collections.abc import Collection
from multiprocessing.connection import Connection
from typing import Any, NoReturn

import pandas as pd

from jixiao.core.faults import crash_point
from jixiao.quality.results import CheckResult


class CheckerFailed(RuntimeError):
    """The checker process could not validate (an error in GX or in a derived frame, or it died)."""


def _serve(conn: Connection, settings: Any, run_id: str, shared_suites: tuple[str, ...]) -> None:
    """The checker's loop: validate every partition received, answer the results request (then write
    the Data Docs if asked and say how that went), exit."""
    # stopped unused (close() before results): exit through atexit, which removes the GX work copy
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    error: str | None = None
    try:
        import tqdm

        # GX makes (disabled) progress bars; tqdm's default lock holds a named semaphore, which
        # _leave() would leave behind. One thread in one process needs a thread lock only.
        tqdm.tqdm.set_lock(threading.RLock())
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
        if command == "validate_whole":
            if error is None:
                try:
                    session.validate_whole(payload)
                except Exception as exc:
                    error = f"{type(exc).__name__}: {exc}"
            continue
        if command == "reuse":
            if error is None:
                session.reuse(payload)
            continue
        if error is not None:
            conn.send(("error", error))
            _leave()
        try:
            conn.send(("results", (session.results(data_docs=False), session.parts)))
        except Exception as exc:
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
            _leave()
        if payload:
            crash_point("checks.data_docs")  # fault injection (tests only)
            try:
                session.write_data_docs()
                conn.send(("docs", None))
            except Exception as exc:
                conn.send(("docs", f"{type(exc).__name__}: {exc}"))
        _leave()


def _leave() -> NoReturn:
    """End the checker now that everything is answered: remove the GX work copy and skip the
    interpreter's teardown (garbage-collecting GX's module graph), which nothing here needs."""
    gxcontext = sys.modules.get("jixiao.quality.gxcontext")
    if gxcontext is not None:
        gxcontext.remove_workdirs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


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
        self._docs_pending = False  # until the checker said how writing the Data Docs went
        self.docs_error: str | None = None
        self.parts: list[list[dict[str, Any]]] = []  # each partition's outcomes, once results are in

    def validate(self, frames: dict[str, pd.DataFrame]) -> None:
        """Hand one partition to the checker (see ``CheckSession.validate``); returns once it took it,
        which is when it finished the partition before: building and checking overlap by one partition."""
        self._send("validate", frames)

    def validate_whole(self, frames: dict[str, pd.DataFrame]) -> None:
        """Hand the whole-table suites their tables, once, after the partitions
        (``CheckSession.validate_whole``)."""
        self._send("validate_whole", frames)

    def reuse(self, part: list[dict[str, Any]]) -> None:
        """Merge a partition's outcomes kept from an earlier run instead of validating it again
        (``CheckSession.reuse``); in partition order with :meth:`validate`."""
        self._send("reuse", part)

    def results(self, *, data_docs: bool = True) -> list[CheckResult]:
        """Every expectation's result over all partitions; with ``data_docs`` the checker then writes
        the Data Docs (see :meth:`data_docs`). Each partition's own outcomes are then in :attr:`parts`."""
        self._send("results", data_docs)
        try:
            kind, payload = self._conn.recv()
        except (EOFError, OSError) as exc:
            raise CheckerFailed(self._died()) from exc
        self._answered = True
        if kind == "error":
            raise CheckerFailed(payload)
        results, self.parts = payload
        self._docs_pending = data_docs
        return results

    def data_docs(self) -> str | None:
        """Wait until the Data Docs asked for with :meth:`results` are written; None when they were (or
        none were asked for), else why not, in one sentence (also kept in :attr:`docs_error`)."""
        if not self._docs_pending:
            return self.docs_error
        self._docs_pending = False
        try:
            _kind, error = self._conn.recv()
        except (EOFError, OSError):
            error = self._died()
        if error is not None:
            self.docs_error = f"The Data Docs could not be written ({error})."
        return self.docs_error

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
        validating a partition nobody will read. Data Docs being written are waited for; if they
        failed and the caller never asked (:meth:`data_docs`), that is said as a warning."""
        if self._docs_pending and self.data_docs():
            warnings.warn(self.docs_error or "", RuntimeWarning, stacklevel=2)
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
