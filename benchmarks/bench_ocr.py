"""OCR benchmark: seconds per scanned page on one core, and field accuracy of the scanned fixtures.

Parses every scan of ``tests/fixtures/scans`` (ONNX Runtime, OpenMP and OpenCV on one thread each) and
prints, per scan and per resolution, the OCR pages, CPU and wall seconds per OCR page and the field
accuracy against the source report's truth. The figures replace the "OCR benchmark" section of
``benchmarks/results.md`` (the rest of the file is left as it is).

    .venv/bin/python benchmarks/bench_ocr.py [--out benchmarks/results.md]
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from datetime import UTC, datetime  # noqa: E402
from pathlib import Path  # noqa: E402

import cv2  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT / "tools"), str(HERE)]

from _machine import describe  # noqa: E402
from truthcompare import compare  # noqa: E402

from jixiao.extract import Limits, parse_report  # noqa: E402
from jixiao.extract.pageimages import has_image  # noqa: E402

SCANS = ROOT / "tests" / "fixtures" / "scans"
HEADING = "# OCR benchmark"
TARGETS = {150: 0.98, 110: 0.95}
SECONDS_PER_PAGE = 2.0
PEAK_MB = 500  # the parser processes' memory target of benchmarks/bench_pipeline.py


def ocr_pages(pdf: Path) -> int:
    doc = pdfium.PdfDocument(pdf)
    try:
        return sum(
            1
            for i in range(len(doc))
            if not doc[i].get_textpage().get_text_range().strip() and has_image(doc[i])
        )
    finally:
        doc.close()


def measure() -> list[dict]:
    manifest = json.loads((SCANS / "manifest.json").read_text(encoding="utf-8"))
    parse_report(SCANS / next(iter(manifest)), Limits(max_seconds=3600))  # load the models once, untimed
    rows = []
    for name, entry in manifest.items():
        pdf = SCANS / name
        truth = json.loads((ROOT / entry["truth"]).read_text(encoding="utf-8"))
        truth["source_file"] = name
        wall, cpu = time.perf_counter(), time.process_time()
        report = parse_report(pdf, Limits(max_seconds=3600, ocr_seconds_per_page=600))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        diffs, checked = compare(truth, report)
        pages = ocr_pages(pdf)
        flagged = [w for w in report.warnings if "read by OCR" in w]
        rows.append(
            {
                "scan": name,
                "dpi": entry["dpi"],
                "ocr_pages": pages,
                "cpu_per_page": cpu / pages,
                "wall_per_page": wall / pages,
                "checked": checked,
                "wrong": len(diffs),
                "diffs": diffs,
                "flagged": len(flagged),
            }
        )
        print(
            f"{name}: {pages} OCR pages, {cpu / pages:.2f} CPU s/page ({wall / pages:.2f} wall), "
            f"{checked - len(diffs)}/{checked} fields right, {len(flagged)} cells flagged",
            flush=True,
        )
        for diff in diffs:
            print(f"    {diff}", flush=True)
    return rows


def render(rows: list[dict], command: str) -> str:
    machine = describe(ROOT)
    lines = [
        HEADING,
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: `{command}` (git {machine['git']}; "
        f"load average at start {machine['load average at start (1, 5, 15 min)']}, "
        f"at end {', '.join(f'{x:.2f}' for x in os.getloadavg())}; a shared machine: CPU seconds are "
        "the figure to compare, wall seconds depend on the other load). ONNX Runtime, OpenMP and OpenCV on "
        f"one thread; OpenCV {cv2.__version__}.",
        "",
        "| figure | target | measured | |",
        "| --- | --- | --- | --- |",
    ]
    pages = sum(r["ocr_pages"] for r in rows)
    cpu = sum(r["cpu_per_page"] * r["ocr_pages"] for r in rows) / pages
    wall = sum(r["wall_per_page"] * r["ocr_pages"] for r in rows) / pages
    met = "met" if cpu <= SECONDS_PER_PAGE else "not met"
    lines.append(
        f"| seconds per scanned page, one core (CPU; wall) | ≤ {SECONDS_PER_PAGE:g} s | "
        f"{cpu:.2f} s; {wall:.2f} s wall ({pages} pages) | {met} |"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines.append(
        f"| peak RSS of the process that parsed every scan (models loaded) | ≤ {PEAK_MB} MB (parser process) "
        f"| {peak:.0f} MB | {'met' if peak <= PEAK_MB else 'not met'} |"
    )
    for dpi, target in TARGETS.items():
        group = [r for r in rows if r["dpi"] == dpi]
        checked = sum(r["checked"] for r in group)
        right = checked - sum(r["wrong"] for r in group)
        accuracy = right / checked if checked else float("nan")
        lines.append(
            f"| field accuracy at {dpi} dpi ({len(group)} scans) | ≥ {target:.2f} | {accuracy:.4f} "
            f"({right}/{checked}) | {'met' if accuracy >= target else 'not met'} |"
        )
    lines += ["", "| scan | dpi | OCR pages | CPU s/page | wall s/page | fields right | cells flagged |"]
    lines.append("| --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        lines.append(
            f"| {r['scan']} | {r['dpi']} | {r['ocr_pages']} | {r['cpu_per_page']:.2f} "
            f"| {r['wall_per_page']:.2f} | {r['checked'] - r['wrong']}/{r['checked']} | {r['flagged']} |"
        )
    wrong = [(r["scan"], d) for r in rows for d in r["diffs"]]
    if wrong:
        lines += ["", "Fields read wrong:", ""] + [f"- {scan}: {d}" for scan, d in wrong]
    return "\n".join(lines) + "\n"


def write_section(text: str, out: Path) -> None:
    """Replace this benchmark's section of ``out`` (from its heading to the next top-level heading)."""
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    start = old.find(HEADING)
    if start < 0:
        new = old.rstrip("\n") + ("\n\n" if old else "") + text
    else:
        end = old.find("\n# ", start + len(HEADING))
        new = old[:start] + text + (old[end + 1 :] if end >= 0 else "")
    out.write_text(new, encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    args = parser.parse_args(argv)
    rows = measure()
    text = render(rows, "python benchmarks/bench_ocr.py")
    print()
    print(text)
    write_section(text, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
