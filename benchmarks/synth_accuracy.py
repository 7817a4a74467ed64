"""Extraction accuracy on a synthetic corpus the fixtures never saw.

Generates N reports with ``fixturegen.synth`` (deterministic per seed; cached in ``data/bench/``),
parses each and prints, per report, the fields that differ from its truth, then the number of
reports right in every field. Usage: ``python benchmarks/synth_accuracy.py [--reports N] [--seed S]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import _tooling  # noqa: F401  (tools/ on the path)
from fixturegen.synth import generate_corpus

from jixiao.extract import ParsedReport, parse_report

ROOT = Path(__file__).resolve().parents[1]
_ROW_FIELDS = ("level1", "level2", "name", "unit", "target", "actual", "achieved", "weight", "score")
_REPORT_FIELDS = ("department", "region", "fiscal_year", "report_type", "title", "evaluation")


def differences(pdf: Path) -> tuple[str, list[str]]:
    """The fields of ``pdf``'s parse that differ from the truth JSON beside it."""
    data = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
    truth = ParsedReport.from_dict({**data, "sha256": "", "parser_version": ""})
    try:
        got = parse_report(pdf)
    except Exception as exc:  # a rejection is a difference too
        return pdf.name, [f"rejected: {exc}"]
    diffs = [
        f"{f}: {getattr(got, f)!r} != {getattr(truth, f)!r}"
        for f in _REPORT_FIELDS
        if getattr(got, f) != getattr(truth, f)
    ]
    if len(got.indicators) != len(truth.indicators):
        diffs.append(f"{len(got.indicators)} indicator rows, truth has {len(truth.indicators)}")
    for mine, want in zip(got.indicators, truth.indicators, strict=False):
        for f in (*_ROW_FIELDS, "shortfall_reason", "page"):
            if getattr(mine, f) != getattr(want, f):
                diffs.append(f"row {want.row_no} {f}: {getattr(mine, f)!r} != {getattr(want, f)!r}")
    amounts = {x.item_code: x.amount_wan_yuan for x in got.finance}
    if amounts != {x.item_code: x.amount_wan_yuan for x in truth.finance}:
        diffs.append("finance figures differ")
    return pdf.name, diffs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=80)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    corpus = ROOT / "data" / "bench" / f"corpus-n{args.reports}-s{args.seed}"
    pdfs = sorted(corpus.glob("*.pdf"))
    if len(pdfs) != args.reports:
        pdfs = generate_corpus(corpus, args.reports, seed=args.seed, workers=2)
    right = 0
    with ProcessPoolExecutor(2) as pool:
        for name, diffs in pool.map(differences, pdfs):
            if diffs:
                print(name, "; ".join(diffs[:4]))
            else:
                right += 1
    print(f"{right}/{len(pdfs)} synthetic reports right in every field (seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
