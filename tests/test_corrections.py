"""Correction files applied to a staged record: each field kind, and what is skipped with a sentence."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from test_warehouse_sample import TEST_PARSER_VERSION, sample_report

from jixiao.ingestion import corrections as corr
from jixiao.staging.store import StageRecord

SHA = "3f" * 32


def _record() -> StageRecord:
    return StageRecord(
        SHA,
        "gxj-2023.pdf",
        "2026-01-01T00:00:00+00:00",
        TEST_PARSER_VERSION,
        "parsed",
        report=sample_report(),
    )


def _load(tmp_path: Path, text: str) -> tuple[list[corr.Correction], list[str]]:
    (tmp_path / "fix.yaml").write_text(text, encoding="utf-8")
    by_sha, problems = corr.load(tmp_path)
    return by_sha.get(SHA, []), problems


def test_report_finance_and_indicator_fields(tmp_path: Path) -> None:
    fixes, problems = _load(
        tmp_path,
        f"source_sha256: {SHA}\nreason: misread\nset:\n"
        "  grade: 良\n"
        "  finance.sangong_total: '12.5'\n"
        "  finance.operating_cost: null\n"
        "  indicators.1.actual_text: '≥2家'\n"
        "  indicators.2.level1: 效益指标\n",
    )
    assert problems == []
    outcome = corr.apply(_record(), fixes)
    report = outcome.record.report
    assert report.evaluation.grade == "良"
    assert report.finance_amount("sangong_total") == Decimal("12.5")
    assert report.finance_amount("operating_cost") is None
    row = report.indicators[0]
    # the text is read again: operator and number follow it, achieved is recomputed
    assert (row.actual.text, row.actual.op, row.actual.number) == ("≥2家", ">=", 2.0)
    assert report.indicators[1].level1 == "效益"
    assert [(a.field, a.old_value, a.new_value) for a in outcome.applied] == [
        ("grade", "优", "良"),
        ("finance.sangong_total", "11.28", "12.5"),
        ("finance.operating_cost", "132.32", None),
        ("indicators.1.actual_text", sample_report().indicators[0].actual.text, "≥2家"),
        ("indicators.2.level1", "产出", "效益指标"),
    ]
    assert outcome.problems == [] and outcome.unneeded == []


@pytest.mark.parametrize(
    ("line", "sentence"),
    [
        ("fiscal_year: '二〇二三'", "fiscal_year must be a four-digit year"),
        ("report_type: overall", "report_type must be one of department_overall, project"),
        ("self_score: high", "self_score must be a number"),
        ("finance.cash: 3", "finance.cash is not a finance item"),
        ("indicators.1.colour: red", "colour is not a field of fact_indicator"),
        ("indicators.1.target_op: '≥'", "target_op must be one of"),
        ("indicators.1.achieved: maybe", "achieved must be true, false or null"),
        ("indicators.1.source_page: 0", "source_page must be a page number from 1"),
    ],
)
def test_a_value_that_does_not_parse_is_skipped_with_a_sentence(
    tmp_path: Path, line: str, sentence: str
) -> None:
    fixes, _ = _load(tmp_path, f"source_sha256: {SHA}\nreason: r\nset:\n  {line}\n  grade: 良\n")
    outcome = corr.apply(_record(), fixes)
    assert len(outcome.problems) == 1 and sentence in outcome.problems[0]
    assert outcome.problems[0].endswith("this field was skipped.")
    assert [a.field for a in outcome.applied] == ["grade"]  # the rest of the file still applies


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("- a list\n", "not a YAML mapping"),
        ("source_sha256: 123\nset:\n  fiscal_year: 2023\n", "64-digit sha256"),
        (f"source_sha256: {SHA}\nretract: true\n", "a retraction needs a reason"),
        (f"source_sha256: {SHA}\nreason: r\n", "sets no field and does not retract"),
        (f"source_sha256: {SHA}\nreason: r\nfix:\n  a: 1\n", "unknown key(s) fix"),
    ],
)
def test_an_unusable_file_is_skipped_with_a_sentence(tmp_path: Path, text: str, sentence: str) -> None:
    fixes, problems = _load(tmp_path, text)
    assert fixes == [] and len(problems) == 1 and sentence in problems[0]


def test_a_correction_the_parse_already_agrees_with_is_not_needed(tmp_path: Path) -> None:
    fixes, _ = _load(tmp_path, f"source_sha256: {SHA}\nreason: r\nset:\n  fiscal_year: 2023\n")
    outcome = corr.apply(_record(), fixes)
    assert outcome.applied == [] and outcome.unneeded == ["fix.yaml: fiscal_year is already 2023"]


def test_an_all_digit_sha256_left_unquoted_still_names_its_file(tmp_path: Path) -> None:
    digits = "1" * 64
    (tmp_path / "fix.yaml").write_text(
        f"source_sha256: {digits}\nreason: r\nretract: true\n", encoding="utf-8"
    )
    by_sha, problems = corr.load(tmp_path)
    assert problems == [] and list(by_sha) == [digits]


def test_a_corrected_department_moves_its_report_to_that_departments_partition() -> None:
    from jixiao.ingestion.quarantine import Corrections

    fix = corr.Correction("fix.yaml", SHA, "renamed", {"department": " 江门市科学技术局 "})
    fixes = Corrections({SHA: [fix]})
    departments = {SHA: "江门市科技局", "ab" * 32: "江门市科学技术局"}
    assert fixes.departments(departments) == {SHA: "江门市科学技术局", "ab" * 32: "江门市科学技术局"}
