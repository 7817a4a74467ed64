"""Time per document, per input format: the same reports read from PDF, DOCX, HTML, XLSX and XLS.

Usage: .venv/bin/python benchmarks/bench_formats.py [--repeat N] [--out FILE]

Every document of samples/reports and tests/fixtures/formats (the seven sample reports as PDF, DOCX and
HTML), tests/fixtures/office (five reports in PDF, DOCX and HTML, the two forms also in XLSX and XLS)
and the genre corpus's train split is parsed ``--repeat`` times in this process with
``jixiao.extract.parse_report`` (one warm-up parse each first); the median time of each document is
taken, and per format the median and the maximum over its documents are printed, with the pages or
bytes read. The figures replace this script's own section of ``benchmarks/results.md`` (between its
markers; appended when absent), leaving the rest of the file as it is.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

from _machine import describe
from _results import write_section

from jixiao.extract import parse_report
from jixiao.extract.errors import ExtractError

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FOLDERS = (
    ROOT / "samples" / "reports",
    ROOT / "tests" / "fixtures" / "formats",
    ROOT / "tests" / "fixtures" / "office",
    ROOT / "tests" / "fixtures" / "genre" / "train",
)
FORMATS = (".pdf", ".docx", ".html", ".xlsx", ".xls")
SECTION = "bench_formats"


def documents() -> list[Path]:
    """Every fixture document of a known format (the export-as-HTML .xls is timed as what it is)."""
    return sorted(p for folder in FOLDERS for p in folder.iterdir() if p.suffix in FORMATS)


def time_one(path: Path, repeat: int) -> tuple[float, str]:
    """(median seconds per parse, the format it was read as)."""
    fmt = "rejected"
    try:
        fmt = parse_report(path).source_format
    except ExtractError as exc:
        fmt = f"rejected ({exc.reason_code})"
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        with contextlib.suppress(ExtractError):
            parse_report(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times), fmt


def run(repeat: int) -> str:
    by_format: dict[str, list[tuple[str, float, int]]] = defaultdict(list)
    for path in documents():
        seconds, fmt = time_one(path, repeat)
        by_format[fmt].append((path.name, seconds, path.stat().st_size))
        print(f"{path.name:45} {fmt:10} {seconds * 1000:8.1f} ms", flush=True)
    machine = describe(ROOT)
    lines = [
        "## Input formats: time per document",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: `.venv/bin/python benchmarks/bench_formats.py "
        f"--repeat {repeat}` (written by the script; git {machine['git']}, load average at start "
        f"{machine['load average at start (1, 5, 15 min)']}, {machine['cores']}).",
        "",
        "One process, warm (one parse of each document first), median of the repeats per document. "
        "Documents: samples/reports + tests/fixtures/formats (7 reports × PDF, DOCX, HTML), "
        "tests/fixtures/office (5 reports × PDF, DOCX, HTML; 2 forms × XLSX, XLS; one HTML "
        "'export to Excel' .xls, counted as html) and tests/fixtures/genre/train (9 reports in 3-4 "
        "formats). Rejected files (genre reports the rules cannot read yet) are timed too, as rejections.",
        "",
        "| format | documents | median ms/document | max ms/document | median KB |",
        "| --- | --- | --- | --- | --- |",
    ]
    for fmt in sorted(by_format, key=lambda f: (f.startswith("rejected"), f)):
        rows = by_format[fmt]
        ms = [s * 1000 for _, s, _ in rows]
        kb = statistics.median(size / 1024 for _, _, size in rows)
        lines.append(f"| {fmt} | {len(rows)} | {statistics.median(ms):.1f} | {max(ms):.1f} | {kb:.0f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed parses per document (default 5)")
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    args = parser.parse_args()
    section = run(args.repeat)
    print()
    print(section)
    write_section(section, args.out, SECTION)


if __name__ == "__main__":
    main()
