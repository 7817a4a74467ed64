"""`jixiao ingest` starts its checker process (GX's import) while the files are still being parsed."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_warehouse_sample import JSON_PARSER, make_settings, sample_report, write_document

from jixiao.ingestion.ingest import ingest
from jixiao.quality.worker import CheckWorker
from jixiao.staging.store import log_dir


@pytest.mark.slow
def test_the_checker_starts_as_the_first_file_is_parsed_and_not_on_a_no_op_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings(tmp_path)
    inbox = tmp_path / "inbox"
    for year in (2021, 2022, 2023):
        write_document(inbox / f"gxj-{year}.json", sample_report(year=year))
    staged_at_start: list[int] = []  # how many files the run had staged when a checker was started
    start = CheckWorker.__init__

    def counting(self: CheckWorker, settings_: object, run_id: str, **kwargs: object) -> None:
        staged_at_start.append(len(list((log_dir(settings) / run_id).glob("*.json"))))
        start(self, settings_, run_id, **kwargs)

    monkeypatch.setattr(CheckWorker, "__init__", counting)

    first = ingest([inbox], settings, parser=JSON_PARSER)
    assert first.published and first.status_counts() == {"loaded": 3}
    assert first.row_counts["dq_results"] > 0 and not first.blocking
    assert staged_at_start == [1]  # one checker, for the whole run, started before the other two files

    again = ingest([inbox], settings, parser=JSON_PARSER)  # nothing new: no rebuild, so no GX
    assert again.published and again.status_counts() == {"unchanged": 3}
    assert staged_at_start == [1]
