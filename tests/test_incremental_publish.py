"""An incremental publish gives the warehouse a full rebuild of the same inputs gives.

Each step ingests through ``jixiao.ingestion.ingest.ingest`` (the JSON stand-in parser), then the
same staging is rebuilt whole (``jixiao.ingestion.rebuild.rebuild``) into another file and every
contract table and view is compared, rows sorted. Columns left out of the comparison, because they record
*when* a run did something rather than a fact: dq_results.run_id and checked_at (the run that
checked), corrections.applied_at (the publish that applied it).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb
import pytest
from test_warehouse_sample import JSON_PARSER, make_settings, sample_report, write_document

from jixiao.core.settings import Settings
from jixiao.ingestion import basis
from jixiao.ingestion.ingest import IngestResult, ingest
from jixiao.ingestion.rebuild import rebuild
from jixiao.warehouse import partition
from jixiao.warehouse.build import VIEWS, candidate_path
from jixiao.warehouse.normalize import TABLES

GXJ, KJJ, RSJ = "江门市工业和信息化局", "江门市科学技术局", "江门市人力资源和社会保障局"
PARTITION = 2
VARIES = {"dq_results": ("run_id", "checked_at"), "corrections": ("applied_at",)}


def _rows(warehouse: Path) -> dict[str, list[str]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        out = {}
        for table in (*TABLES, *VIEWS):  # the views read the marts, made again at each publish
            frame = con.execute(f"select * from {table}").df()
            frame = frame.drop(columns=list(VARIES.get(table, ())))
            out[table] = sorted(repr(row) for row in frame.astype(object).itertuples(index=False))
        return out


def _full_rebuild(settings: Settings) -> dict[str, list[str]]:
    """The same staging rebuilt whole, into another warehouse file, with the same partitions."""
    other = dataclasses.replace(settings, warehouse=settings.warehouse.with_name("full.duckdb"))
    rebuilt = rebuild(other, JSON_PARSER.version, "full-rebuild", partition_reports=PARTITION)
    assert rebuilt.candidate is not None and not rebuilt.incremental
    return _rows(rebuilt.candidate)


def _same_as_full(result: IngestResult, settings: Settings) -> None:
    assert result.published and result.error is None
    incremental, full = _rows(settings.warehouse), _full_rebuild(settings)
    for table in (*TABLES, *VIEWS):
        assert incremental[table] == full[table], table


@pytest.mark.slow
def test_incremental_publishes_equal_full_rebuilds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # partitions of (at most) 2 reports: three departments, three partitions, checked one at a time
    monkeypatch.setattr(partition, "PARTITION_REPORTS", PARTITION)
    settings = make_settings(tmp_path)
    inbox = tmp_path / "inbox"
    write_document(inbox / "gxj-2022.json", sample_report(year=2022))
    write_document(inbox / "gxj-2023.json", sample_report(year=2023))
    write_document(inbox / "kjj-2023.json", sample_report(department=KJJ, source_file="kjj-2023.json"))
    write_document(inbox / "rsj-2022.json", sample_report(year=2022, department=RSJ))
    first = ingest([inbox], settings, parser=JSON_PARSER)
    assert first.published and not first.incremental  # nothing to start from: the full rebuild
    assert basis.basis_path(settings.warehouse).exists()

    # one report added to a department, and a re-issue superseding the 2023 report of another
    write_document(inbox / "kjj-2022.json", sample_report(year=2022, department=KJJ))
    write_document(inbox / "gxj-2023-v2.json", sample_report(year=2023, score=91.5))
    capsys.readouterr()
    added = ingest([inbox], settings, parser=JSON_PARSER, progress=True)
    assert added.incremental and added.status_counts() == {"loaded": 2, "unchanged": 3, "superseded": 1}
    assert added.replaced == [("gxj-2023.json", "gxj-2023-v2.json")]
    progress = capsys.readouterr().err
    assert "incremental: 2 department(s) changed, 5 report(s) built again" in progress
    assert "checks: 2 of 3 partition(s) validated" in progress  # RSJ's outcomes were kept
    _same_as_full(added, settings)

    # corrections: one report moved to another department, one retracted; one report quarantined
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        shas = dict(con.execute("select source_file, source_sha256 from dim_report").fetchall())
    fixes = settings.corrections_dir
    fixes.mkdir(parents=True)
    (fixes / "move.yaml").write_text(
        f"source_sha256: {shas['kjj-2023.json']}\nreason: renamed bureau\nset:\n  department: {RSJ}\n",
        encoding="utf-8",
    )
    (fixes / "retract.yaml").write_text(
        f"source_sha256: {shas['gxj-2022.json']}\nretract: true\nreason: not a self-evaluation\n",
        encoding="utf-8",
    )
    misprint = sample_report(year=2033, department=KJJ, source_file="kjj-2033.json")
    write_document(inbox / "kjj-2033.json", misprint)
    corrected = ingest([inbox], settings, parser=JSON_PARSER)
    assert corrected.incremental and corrected.corrections_applied == 2
    assert [q.source_file for q in corrected.quarantined] == ["kjj-2033.json"]
    _same_as_full(corrected, settings)
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        moved = con.execute(
            "select d.department_name from dim_report join dim_department as d using (department_key) "
            "where source_sha256 = ?",
            [shas["kjj-2023.json"]],
        ).fetchall()
        assert moved == [(RSJ,)]
        assert con.execute(
            "select count(*) from dim_report where source_sha256 = ?", [shas["gxj-2022.json"]]
        ).fetchone() == (0,)

    # --rebuild takes the full path, even when nothing is new (no no-op shortcut)
    whole = ingest([inbox], settings, parser=JSON_PARSER, full=True)
    assert whole.published and not whole.incremental and "loaded" not in whole.status_counts()
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        assert con.execute("select distinct run_id from dq_results").fetchall() == [(whole.run_id,)]
    last_full = candidate_path(settings.warehouse.with_name("full.duckdb"), "full-rebuild")
    assert _rows(settings.warehouse) == _rows(last_full) | {
        "ingest_log": _rows(settings.warehouse)["ingest_log"]  # the full rebuild above ran before it
    }

    # a basis holds for its parser version and its warehouse file only
    assert basis.load(settings, JSON_PARSER.version) is not None
    assert basis.load(settings, "another-parser") is None
    settings.warehouse.write_bytes(settings.warehouse.read_bytes())  # replaced behind its back
    assert basis.load(settings, JSON_PARSER.version) is None
