"""Regression tests from the synthetic benchmark corpus: page-break and unruled-table layouts that
the hand-made fixtures did not have, each a report that was parsed wrong before its fix.

The reports are generated at test time (fixturegen.synth is deterministic per seed and index) and
compared field by field with their truth, as the committed corpus is.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixturegen.synth import _one
from test_extract_corpus import compare

from jixiao.extract import parse_report

# (seed, index) -> what went wrong before the fix
CASES = {
    (0, 11): "three-line table: a reason merged over two rows had its last line given to the second row",
    (0, 18): "一级/二级 labels cut by the page break as 效益 | 指标",
    (0, 13): "label and reason heads at the foot of a page, the row's name and values on the next page",
    (0, 230): "a row broken by the page with only the head of its name at the foot",
    (0, 234): "a reason whose first lines stand alone at the foot of the page",
    (0, 237): "expenditure stated as 全年执行数 in the narrative",
    (0, 224): "a unit made of a measure and a substance in the name: （吨标准煤）",
}


@pytest.mark.parametrize(("seed", "index"), sorted(CASES), ids=lambda v: str(v))
def test_synthetic_report_matches_its_truth(tmp_path: Path, seed: int, index: int) -> None:
    pdf = _one((tmp_path, seed, index, False))
    truth = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
    diffs, _ = compare(truth, parse_report(pdf))
    assert not diffs, f"{CASES[(seed, index)]}:\n  " + "\n  ".join(diffs)
