"""Field accuracy on the blind genre corpus (templates the parser was not written against).

Parses every PDF of ``tests/fixtures/genre/<split>/``, compares each with the truth JSON beside it field
by field (``tools/truthcompare.py``, as the fixture tests do) and prints the accuracy per template and
overall. ``--diffs`` also prints every differing field. Usage:
``python benchmarks/genre_accuracy.py --split SPLIT [--diffs]`` (SPLIT: a folder of tests/fixtures/genre/).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from truthcompare import compare  # noqa: E402

from jixiao.extract import parse_report  # noqa: E402
from jixiao.extract.errors import ExtractError  # noqa: E402


def template_of(pdf: Path, truth: dict) -> str:
    """The template a report was made from: the truth's ``template`` key, else the file stem less its year."""
    return str(truth.get("template") or re.sub(r"-\d{4}$", "", pdf.stem))


def score_split(split_dir: Path, *, show_diffs: bool = False) -> tuple[int, int, dict[str, list[int]]]:
    """(right, checked, {template: [right, checked]}) over every PDF with a truth file in ``split_dir``."""
    per_template: dict[str, list[int]] = {}
    right = total = 0
    for pdf in sorted(split_dir.glob("*.pdf")):
        truth_path = pdf.with_suffix(".json")
        if not truth_path.exists():
            continue
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        try:
            report = parse_report(pdf)
            rejected = ""
        except ExtractError as exc:
            report, rejected = None, f"{exc.reason_code}: {exc}"
        diffs, checked = compare(truth, report)
        wrong = min(len(diffs), checked)
        tally = per_template.setdefault(template_of(pdf, truth), [0, 0])
        tally[0] += checked - wrong
        tally[1] += checked
        right += checked - wrong
        total += checked
        if show_diffs and (diffs or rejected):
            print(
                f"--- {pdf.name}: {checked - wrong}/{checked}"
                + (f" (rejected {rejected})" if rejected else "")
            )
            for diff in diffs:
                print(f"    {diff}")
    return right, total, per_template


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="train", help="a folder of --root (train, holdout4, …)")
    parser.add_argument("--root", type=Path, default=ROOT / "tests" / "fixtures" / "genre")
    parser.add_argument("--diffs", action="store_true", help="print every differing field")
    args = parser.parse_args(argv)
    split_dir = args.root / args.split
    if not split_dir.is_dir():
        splits = ", ".join(sorted(d.name for d in args.root.iterdir() if d.is_dir()))
        parser.error(f"no split {args.split!r} in {args.root}; the splits are: {splits}")
    right, total, per_template = score_split(split_dir, show_diffs=args.diffs)
    if not total:
        print(f"no PDF with a truth file in {split_dir}")
        return 1
    print(f"{'template':<40} {'fields right':>14} {'accuracy':>9}")
    for name, (ok, checked) in sorted(per_template.items()):
        print(f"{name:<40} {f'{ok}/{checked}':>14} {ok / checked:>9.1%}")
    print(f"{'TOTAL (' + args.split + ')':<40} {f'{right}/{total}':>14} {right / total:>9.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
