"""Deterministic fault injection for crash-safety tests.

``crash_point(name)`` is a no-op unless the environment variable ``JIXIAO_CRASH_AT`` names this
point; then the calling process kills itself with SIGKILL (no cleanup, no ``finally``, no atexit),
exactly as the OOM killer or a power cut would. ``JIXIAO_CRASH_AT=name#n`` crashes at the n-th time
this process reaches the point (n counts per process). Production never sets the variable.

The points a run passes, in order (see the call sites):

``staging.log_row_written``
    the parent has staged one input and queued its ingest-log row (``#n``: after the n-th input); the
    row is on disk once its batch is (``jixiao.staging.store.RunLog``: after each parsed file, and at
    the end of staging)
``staging.log_temp_written``
    a batch of log rows is in its temp file, not yet linked into place (a half-finished write)
``staging.log_batch_written``
    a batch of log rows is durable and in place: its rows are acknowledged
``parse.child_before_save``
    a parser process has parsed its file and not yet stored the record (kills that process only)
``staging.record_temp_written``
    a record's temp file is written but not yet linked into place
``ingest.staged``
    every input is staged; nothing of the warehouse is touched yet
``ingest.before_build``
    the run is about to rebuild the warehouse from the staging; no candidate exists yet
``checks.partition_received``
    the checker process (``jixiao.quality.worker``) took a partition to validate (kills that process only:
    the run publishes nothing and says the checks could not run)
``checks.data_docs``
    the checker sent the results and is about to write the Data Docs (kills that process only: the
    warehouse is published all the same and the run says the Data Docs could not be written)
``build.tables_loaded``
    the candidate ``<warehouse>.next-<run id>`` holds the tables and the check results, but no marts, views or
    final checkpoint yet
``build.before_fsync``
    the candidate is complete and closed but not yet fsynced
``publish.before_replace``
    the candidate is ready beside the target; the rename has not happened
``publish.after_replace``
    the rename happened; the directory is not yet fsynced
"""

from __future__ import annotations

import os
import signal

ENV_VAR = "JIXIAO_CRASH_AT"

POINTS: tuple[str, ...] = (
    "staging.log_row_written",
    "staging.log_temp_written",
    "staging.log_batch_written",
    "parse.child_before_save",
    "staging.record_temp_written",
    "ingest.staged",
    "ingest.before_build",
    "checks.partition_received",
    "checks.data_docs",
    "build.tables_loaded",
    "build.before_fsync",
    "publish.before_replace",
    "publish.after_replace",
)

_hits: dict[str, int] = {}


def _target(spec: str) -> tuple[str, int]:
    """``name`` or ``name#n`` → (name, n)."""
    name, _, nth = spec.strip().partition("#")
    try:
        n = int(nth) if nth else 1
    except ValueError:
        n = 1
    return name, max(n, 1)


def crash_point(name: str) -> None:
    """SIGKILL this process when ``$JIXIAO_CRASH_AT`` names this point (and its hit count is reached)."""
    spec = os.environ.get(ENV_VAR)
    if not spec:
        return
    target, nth = _target(spec)
    if target != name:
        return
    _hits[name] = _hits.get(name, 0) + 1
    if _hits[name] >= nth:
        os.kill(os.getpid(), signal.SIGKILL)
