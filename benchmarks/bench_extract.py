"""Full parse time per page against plain pdfplumber ``extract_text()`` of every page (target ratio ≤ 0.35).

Usage: .venv/bin/python benchmarks/bench_extract.py [PDF or folder ...]
Default corpus: every good PDF under samples/reports and tests/fixtures (tests/fixtures/bad excluded).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jixiao.extract import parse_report  # noqa: E402 - after the path tweak so the script runs from anywhere

TARGET_RATIO = 0.35


def corpus(args: list[str]) -> list[Path]:
    """PDFs named on the command line (files or folders), else the fixture corpus's good PDFs."""
    if args:
        paths: list[Path] = []
        for arg in args:
            p = Path(arg)
            paths += sorted(p.rglob("*.pdf")) if p.is_dir() else [p]
        return paths
    good = sorted((ROOT / "samples" / "reports").glob("*.pdf"))
    good += [
        p for p in sorted((ROOT / "tests" / "fixtures").rglob("*.pdf")) if not {"bad", "scans"} & set(p.parts)
    ]
    return good


def time_ours(path: Path) -> float:
    start = time.perf_counter()
    parse_report(path)
    return time.perf_counter() - start


def time_pdfplumber(path: Path) -> tuple[float, int]:
    start = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()
        count = len(pdf.pages)
    return time.perf_counter() - start, count


def main(argv: list[str]) -> int:
    files = corpus(argv)
    if not files:
        print("no PDFs to benchmark (generate the fixture corpus first)")
        return 1
    # Warm both sides up (imports, regex compilation, font caches) so the first file is not penalised.
    time_pdfplumber(files[0])
    time_ours(files[0])
    ours_total = plumber_total = 0.0
    pages_total = 0
    print(f"{'file':44} {'pages':>5} {'ours ms/page':>13} {'pdfplumber ms/page':>19} {'ratio':>6}")
    for path in files:
        plumber, pages = time_pdfplumber(path)
        ours = time_ours(path)
        ours_total += ours
        plumber_total += plumber
        pages_total += pages
        print(
            f"{path.name[:44]:44} {pages:5d} {1000 * ours / pages:13.1f} {1000 * plumber / pages:19.1f} "
            f"{ours / plumber:6.3f}"
        )
    ratio = ours_total / plumber_total
    print(
        f"\n{len(files)} files, {pages_total} pages: ours {1000 * ours_total / pages_total:.1f} ms/page, "
        f"pdfplumber extract_text {1000 * plumber_total / pages_total:.1f} ms/page, "
        f"ratio {ratio:.3f} (target ≤ {TARGET_RATIO})"
    )
    return 0 if ratio <= TARGET_RATIO else 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
