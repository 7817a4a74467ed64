"""An incremental publish gives the warehouse a full rebuild of the same inputs gives.

Each step ingests through ``jixiao.ingestion.ingest.ingest`` (the JSON stand-in parser), then the
same staging is rebuilt whole (``jixiao.ingestion.rebuild.rebuild``) into another file and every
contract table is compared, rows sorted. Columns left out of the comparison, because they record
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
from jixiao.warehouse.normalize import TABLES

GXJ, KJJ, RSJ = "江门市工业和信息化局", "江门市科学技术局", "江门市人力资源和社会保障局"
VARIES = {"dq_results": ("run_id", "checked_at"), "corrections": ("applied_at",)}


def _rows(warehouse: Path) -> dict[str, list[str]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        out = {}
        for table in TABLES:
            frame = con.execute(f"select * from {table}").df()
            frame = frame.drop(columns=list(VARIES.get(table, ())))
            out[table] = sorted(repr(row) for row in frame.astype(object).itertuples(index=False))
        return out


def _full_rebuild(settings: Settings, tmp_path: Path) -> dict[str, list[str]]:
    """The same staging rebuilt whole, into another warehouse file."""
    other = dataclasses.replace(settings, warehouse=settings.warehouse.with_name("full.duckdb"))
    rebuilt = rebuild(other, JSON_PARSER.version, "full-rebuild")
    assert rebuilt.candidate is not None and not rebuilt.incremental
    return _rows(rebuilt.candidate)


def _same_as_full(result: IngestResult, settings: Settings, tmp_path: Path) -> None:
    assert result.published and result.error is None
    incremental, full = _rows(settings.warehouse), _full_rebuild(settings, tmp_path)
    for table in TABLES:
        assert incremental[table] == full[table], table


@pytest.mark.slow
def test_incremental_publishes_equal_full_rebuilds(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    inbox = tmp_path / "inbox"
    write_document(inbox / "gxj-2022.json", sample_report(year=2022))
    write_document(inbox / "gxj-2023.json", sample_report(year=2023))
    write_document(inbox / "kjj-2023.json", sample_report(department=KJJ, source_file="kjj-2023.json"))
    write_document(inbox / "rsj-2022.json", sample_report(year=2022, department=RSJ))
    first = ingest([inbox], settings, parser=JSON_PARSER)
    assert first.published and not first.incremental  # nothing to start from: the full rebuild
    assert basis.basis_path(settings.warehouse).exists()

    # one report added
    write_document(inbox / "kjj-2022.json", sample_report(year=2022, department=KJJ))
    added = ingest([inbox], settings, parser=JSON_PARSER)
    assert added.incremental and added.status_counts() == {"loaded": 1, "unchanged": 4}
    _same_as_full(added, settings, tmp_path)

    # a re-issue supersedes the 2023 report of its department
    write_document(inbox / "gxj-2023-v2.json", sample_report(year=2023, score=91.5))
    reissued = ingest([inbox], settings, parser=JSON_PARSER)
    assert reissued.incremental and reissued.replaced == [("gxj-2023.json", "gxj-2023-v2.json")]
    _same_as_full(reissued, settings, tmp_path)

    # corrections: one report moved to another department, one retracted
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
    corrected = ingest([inbox], settings, parser=JSON_PARSER)
    assert corrected.incremental and corrected.corrections_applied == 2
    _same_as_full(corrected, settings, tmp_path)
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

    # a report whose year is misprinted is quarantined, the rest publish
    misprint = sample_report(year=2033, department=KJJ, source_file="kjj-2033.json")
    write_document(inbox / "kjj-2033.json", misprint)
    held = ingest([inbox], settings, parser=JSON_PARSER)
    assert held.incremental and [q.source_file for q in held.quarantined] == ["kjj-2033.json"]
    _same_as_full(held, settings, tmp_path)

    # --rebuild takes the full path, and gives the same facts
    before = _rows(settings.warehouse)
    write_document(inbox / "rsj-2023.json", sample_report(year=2023, department=RSJ))
    whole = ingest([inbox], settings, parser=JSON_PARSER, full=True)
    assert whole.published and not whole.incremental
    assert _rows(settings.warehouse)["dim_report"] != before["dim_report"]
    _same_as_full(whole, settings, tmp_path)


@pytest.mark.slow
def test_a_replaced_warehouse_or_a_new_parser_is_rebuilt_whole(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    inbox = tmp_path / "inbox"
    write_document(inbox / "gxj-2022.json", sample_report(year=2022))
    assert ingest([inbox], settings, parser=JSON_PARSER).published
    assert basis.load(settings, JSON_PARSER.version) is not None
    assert basis.load(settings, "another-parser") is None
    settings.warehouse.write_bytes(settings.warehouse.read_bytes())  # replaced behind its back
    assert basis.load(settings, JSON_PARSER.version) is None
    write_document(inbox / "gxj-2023.json", sample_report(year=2023))
    again = ingest([inbox], settings, parser=JSON_PARSER)
    assert again.published and not again.incremental
