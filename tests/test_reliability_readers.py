"""BI readers never lose their warehouse: publishes complete while reader processes query the views."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from reliability_helpers import SAMPLES_DIR, read_progress, start_reader, wait_for_queries

from jixiao.core.settings import Settings
from jixiao.ingestion.ingest import ingest

BATCHES = (
    ("jiangmen-gxj-2021.pdf", "hunan-slt-2023.pdf"),
    ("jiangmen-gxj-2022.pdf", "chengdu-sthjj-2023.pdf"),
    ("jiangmen-gxj-2023.pdf",),
)


@pytest.mark.slow
def test_publishes_complete_while_readers_query_and_no_reader_errors(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    settings = Settings.from_env({}, home=tmp_path / "data", warehouse=tmp_path / "bi" / "jixiao.duckdb")
    for name in BATCHES[0]:
        shutil.copy(SAMPLES_DIR / name, inbox / name)
    assert ingest([inbox], settings).published
    stop = tmp_path / "stop"
    held_out, fresh_out = tmp_path / "held.json", tmp_path / "fresh.json"
    held = start_reader(settings.warehouse, held_out, stop)
    fresh = start_reader(settings.warehouse, fresh_out, stop, reconnect=True)
    try:
        wait_for_queries(held_out, 40, held)
        wait_for_queries(fresh_out, 40, fresh)
        during: list[int] = []
        for batch in BATCHES[1:]:
            for name in batch:
                shutil.copy(SAMPLES_DIR / name, inbox / name)
            before = read_progress(held_out)["queries"]
            result = ingest([inbox], settings)
            assert result.published, result.error
            during.append(read_progress(held_out)["queries"] - before)
            wait_for_queries(held_out, read_progress(held_out)["queries"] + 40, held)  # reads on after it
            wait_for_queries(fresh_out, read_progress(fresh_out)["queries"] + 40, fresh)
    finally:
        stop.touch()
        held.wait(timeout=120)
        fresh.wait(timeout=120)
    total = sum(len(b) for b in BATCHES)
    held_result, fresh_result = read_progress(held_out), read_progress(fresh_out)
    print(f"\nreader queries: held {held_result['queries']}, reconnecting {fresh_result['queries']}")
    print(f"queries run by the held reader during each publish: {during}")
    assert held.returncode == 0 and fresh.returncode == 0
    assert held_result["done"] and fresh_result["done"]
    assert held_result["errors"] == [] and fresh_result["errors"] == []
    # The held connection keeps its snapshot; after reconnecting it sees the newest warehouse.
    assert held_result["counts"] == [len(BATCHES[0])]
    assert held_result["after_reconnect"] == total
    # A reader reconnecting all the time sees each published state in order, never a torn one.
    assert fresh_result["count_sequence"] == [2, 4, 5]
    assert fresh_result["after_reconnect"] == total
    assert all(n > 0 for n in during), during  # the readers were querying while each publish ran
