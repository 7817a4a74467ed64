"""Cross-year matching: true same-indicator pairs matched and false merges (issue 14, item 6).

On the jiangmen-gxj 2021-2023 fixtures (hand-judged groups) and on the same with a fourth year whose rows
are the 2023 rows reworded (reordered words, 率/比例, units added or dropped, quotes, 企业/数量 added).
Usage: ``python benchmarks/yoy_pairs.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

from yoypairs import drifted_year, fixture_reports, score, truth_groups


def main() -> int:
    reports = fixture_reports()
    for label, corpus, groups in (
        ("jiangmen-gxj 2021-2023", reports, truth_groups(False)),
        ("… plus a drifted 2024", [*reports, drifted_year(reports[-1], 2024)], truth_groups(True)),
    ):
        pairs, matched, false = score(corpus, groups)
        print(f"{label:<26} true pairs {pairs:>3}  matched {matched:>3}  false merges {false}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
