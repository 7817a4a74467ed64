"""Where a cold end-to-end `jixiao ingest` spends its time, against plain pdfplumber, in one run.

    PYTHONPATH=tools .venv/bin/python benchmarks/bench_cold.py [--corpus DIR]

Prints: the import time of each heavy module in a fresh interpreter (best of two), pdfplumber
``extract_text()`` of every page on 2 processes (before and after), and the cold ingest of the same
files (fresh home; 2 parser processes) split into the parse stage (start → last ingest-log row) and
the rest (rebuild, GX checks in their own process, publish). Default corpus: the 24 generated reports
that ``bench_scaleout.py`` leaves in data/bench/scaleout-corpus.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_pipeline import baseline, run_ingest  # noqa: E402

MODULES = ("jixiao.cli", "pdfplumber", "dagster", "great_expectations", "jixiao.quality.runner")


def import_s(module: str) -> float:
    """Seconds to start a fresh interpreter and import ``module``, less a bare start; best of two."""
    env = {**os.environ, "GX_ANALYTICS_ENABLED": "false"}

    def once(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        return time.perf_counter() - start

    bare = min(once("pass") for _ in range(2))
    return min(once(f"import {module}") for _ in range(2)) - bare


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "data" / "bench" / "scaleout-corpus")
    args = parser.parse_args(argv)
    pdfs = sorted(args.corpus.glob("*.pdf"))
    if not pdfs:
        raise SystemExit(
            f"No PDFs in {args.corpus}; run benchmarks/bench_scaleout.py once, or pass --corpus."
        )
    print(f"load average at start: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for module in MODULES:
        print(f"import {module}: {import_s(module):.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        inbox = Path(tmp) / "inbox"
        inbox.mkdir()
        for pdf in pdfs:
            shutil.copy(pdf, inbox / pdf.name)
        before = baseline(pdfs)
        cold = run_ingest(inbox, Path(tmp) / "home", Path(tmp) / "out")
        after = baseline(pdfs)
    pages = before["pages"]
    base_ms = (before["ms_per_page"] + after["ms_per_page"]) / 2
    wall, staged = cold["wall_s"], cold["staged_s"] or float("nan")
    plain = f"{before['ms_per_page']:.1f}, {after['ms_per_page']:.1f}"
    print(f"pdfplumber extract_text, 2 processes: {plain} ms/page")
    print(
        f"cold jixiao ingest: {len(pdfs)} files, {pages} pages, {wall:.1f} s "
        f"(published: {cold['published']}); ratio end to end {1000 * wall / pages / base_ms:.2f}; "
        f"parse stage {staged:.1f} s (ratio {1000 * staged / pages / base_ms:.2f}); "
        f"rebuild + checks + publish {wall - staged:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
