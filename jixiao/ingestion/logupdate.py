"""The ingest_log of an incremental publish: the published rows, with only what can have changed redone.

A row's final status depends on its own staged row and on its report alone (superseded by a newer
report of its department, quarantined, retracted). The candidate starts with the published
ingest_log; the rows redone, exactly as a full rebuild makes them (``rebuild.log_history`` then
``normalize.ingest_log_frame``), are those of the ``affected`` reports (of a changed department,
held out now or at the last publish) and of every (run, input) whose staged row files are not the
published rows by count (new runs, this run, a run published half-way). The others are the published
rows a full rebuild would make again, so the staging's other row files are never read.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from jixiao.core.settings import Settings
from jixiao.staging import store as staging
from jixiao.warehouse.build import Candidate, log_records
from jixiao.warehouse.ingestlog import HELD_ROWS_SQL
from jixiao.warehouse.normalize import ingest_log_frame, merge_log_history

_NO_SHA = "unreadable"  # the stem of a log-row file of an input with no sha256 (``store.write_log_row``)
_GROUP = f"coalesce(run_id, '') || '/' || coalesce(source_sha256, '{_NO_SHA}')"


def update_ingest_log(
    candidate: Candidate,
    settings: Settings,
    run_id: str,
    affected: set[str],
    newer_file: dict[str, str],
    held: Mapping[str, tuple[str, str, str]],
) -> pd.DataFrame:
    """Redo the candidate's ingest_log rows that can differ from a full rebuild's (see the module
    docstring); ``newer_file`` and ``held`` as for ``ingest_log_frame``. Returns this run's rows."""
    published = candidate.query(f"select {_GROUP} as grp, count(*) as n from ingest_log group by grp")
    counts = dict(zip(published["grp"], published["n"], strict=True))
    held_before = candidate.query(
        f"select distinct source_sha256 from ingest_log where source_sha256 is not null and {HELD_ROWS_SQL}"
    )
    affected = affected | set(held) | set(held_before["source_sha256"])
    files = staging.log_row_index(settings)
    redo = sorted(
        f"{run}/{stem}"
        for (run, stem), paths in files.items()
        if stem in affected or run == run_id or len(paths) != counts.get(f"{run}/{stem}", 0)
    )
    redo_set = set(redo)
    staged = [
        row
        for (run, stem), paths in files.items()
        if f"{run}/{stem}" in redo_set
        for path in paths
        if (row := staging.read_log_row(path)) is not None
    ]
    staged.sort(key=staging.log_order)
    condition = f"source_sha256 in (select unnest(?::varchar[])) or {_GROUP} in (select unnest(?::varchar[]))"
    params = [sorted(affected), redo]
    before = log_records(candidate.query(f"select * from ingest_log where {condition}", params))
    log = ingest_log_frame(merge_log_history(staged, before), newer_file, held)
    candidate.delete_where("ingest_log", condition, params)
    candidate.add({"ingest_log": log}, ("ingest_log",))
    return log[log["run_id"] == run_id]
