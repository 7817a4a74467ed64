"""One parser process's cost per file and per page, in-process (issue 17, item 5: the parse stage).

    PYTHONPATH=tools .venv/bin/python benchmarks/profile_parse.py [--reports 160] [--repeat 2] [--profile N]

Parses every PDF of bench_cold's corpus with ``jixiao.extract.parse_report`` in this process (the
imports warmed by one parse first, as a parser process has them from its fork server) and prints
CPU ms per file and per page, best of ``--repeat`` passes; ``--profile N`` prints cProfile's top N
functions (cumulative and own time) of one pass instead.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "tools"))

from benchmarks.bench_cold import corpus  # noqa: E402
from jixiao.extract import parse_report  # noqa: E402


def one_pass(pdfs: list[Path]) -> tuple[float, float, int]:
    """CPU seconds and wall seconds to parse every file, and the pages parsed."""
    pages = 0
    cpu, wall = time.process_time(), time.perf_counter()
    for pdf in pdfs:
        pages += parse_report(pdf).page_count or 0
    return time.process_time() - cpu, time.perf_counter() - wall, pages


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=160)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--profile", type=int, default=0, help="print cProfile's top N functions of one pass")
    args = ap.parse_args()
    pdfs = corpus(args.reports, args.seed)
    parse_report(pdfs[0])  # imports and first-use caches, as a forked parser process has them
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(one_pass, pdfs)
        stats = pstats.Stats(profiler).strip_dirs()
        stats.sort_stats("cumulative").print_stats(args.profile)
        stats.sort_stats("tottime").print_stats(args.profile)
        return 0
    best, wall, pages = min(one_pass(pdfs) for _ in range(args.repeat))
    print(
        f"{len(pdfs)} files, {pages} pages: {best:.2f} s CPU ({wall:.2f} s wall), "
        f"{1000 * best / len(pdfs):.1f} ms/file, {1000 * best / pages:.2f} ms/page "
        f"(best of {args.repeat} by CPU time, one process)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
