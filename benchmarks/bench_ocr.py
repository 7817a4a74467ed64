"""OCR benchmark: seconds per scanned page on one core, and field accuracy of the scanned fixtures.

Parses every scan of ``tests/fixtures/scans`` (ONNX Runtime, OpenMP and OpenCV on one thread each) and
prints, per scan and per resolution, the OCR pages, CPU and wall seconds per OCR page and the field
accuracy against the source report's truth. The figures replace the "OCR benchmark" section of
``benchmarks/results.md`` (between its ``bench_ocr`` markers; the rest of the file is left as it is).

When the ``tesseract`` binary with its chi_sim model is installed (Debian: tesseract-ocr,
tesseract-ocr-chi-sim), the same scans are parsed again with Tesseract reading the same text boxes in
place of RapidOCR's recogniser, as a baseline (``--no-tesseract`` skips it; the product never uses it).
The scans are also parsed with the PP-OCRv4 models as the wheel ships them (``ocrgraph``'s folding off),
the two taking turns on each scan (``--repeats`` times, the least CPU kept) to compare them in one window.

    .venv/bin/python benchmarks/bench_ocr.py [--out benchmarks/results.md] [--no-tesseract] [--repeats N]
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from contextlib import contextmanager, nullcontext  # noqa: E402
from datetime import UTC, datetime  # noqa: E402
from pathlib import Path  # noqa: E402

import cv2  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT / "tools"), str(HERE)]

import _tesseract  # noqa: E402
from _machine import describe  # noqa: E402
from _results import write_section  # noqa: E402
from truthcompare import compare  # noqa: E402

from jixiao.extract import Limits, ocrengine, parse_report  # noqa: E402
from jixiao.extract.pageimages import has_image  # noqa: E402

SCANS = ROOT / "tests" / "fixtures" / "scans"
HEADING = "## OCR benchmark"
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


@contextmanager
def tesseract_recogniser() -> Iterator[None]:
    """Tesseract reads the text boxes instead of RapidOCR's recogniser (detection and all else as is)."""
    own = ocrengine.recognise
    ocrengine.recognise = _tesseract.recognise
    try:
        yield
    finally:
        ocrengine.recognise = own


@contextmanager
def unsimplified_models() -> Iterator[None]:
    """The ONNX models run as the wheel ships them, without ``ocrgraph.simplify``."""
    own = ocrengine._simplified
    ocrengine._simplified = lambda path: path.read_bytes()
    ocrengine._models.cache_clear()
    try:
        yield
    finally:
        ocrengine._simplified = own
        ocrengine._models.cache_clear()


_PEAK = """
import resource, sys
from pathlib import Path
from jixiao.extract import Limits, parse_report
for pdf in sys.argv[1:]:
    parse_report(Path(pdf), Limits(max_seconds=3600, ocr_seconds_per_page=600))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def peak_mb() -> float:
    """Peak RSS (MB) of a process that parses every scan with the product, as a parser process does.

    A process of its own: the benchmark's own peak includes the models it loads again for each turn.
    """
    manifest = json.loads((SCANS / "manifest.json").read_text(encoding="utf-8"))
    command = [sys.executable, "-c", _PEAK, *(str(SCANS / name) for name in manifest)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    return float(done.stdout.split()[-1])


ENGINES = {"rapidocr": nullcontext, "tesseract": tesseract_recogniser, "unsimplified": unsimplified_models}


def measure(engines: list[str], repeats: int = 1) -> dict[str, list[dict]]:
    """Each scan parsed by each engine in turn, ``repeats`` times; per scan and engine, the least CPU.

    The engines take turns on each scan so that they share the machine's load of the moment (other
    processes on the same cores inflate CPU seconds too); the least of the repeats is the least inflated.
    """
    manifest = json.loads((SCANS / "manifest.json").read_text(encoding="utf-8"))
    parse_report(SCANS / next(iter(manifest)), Limits(max_seconds=3600))  # imports and models, untimed
    rows: dict[str, list[dict]] = {engine: [] for engine in engines}
    for name, entry in manifest.items():
        truth = json.loads((ROOT / entry["truth"]).read_text(encoding="utf-8"))
        truth["source_file"] = name
        runs: dict[str, list[dict]] = {engine: [] for engine in engines}
        for _ in range(repeats):
            for engine in engines:
                with ENGINES[engine]():
                    ocrengine._models()  # loaded before the clock starts
                    runs[engine].append(_parse(SCANS / name, entry["dpi"], truth))
        for engine in engines:
            row = min(runs[engine], key=lambda r: r["cpu_per_page"])
            rows[engine].append(row)
            each = ", ".join(f"{r['cpu_per_page']:.2f}" for r in runs[engine])
            print(
                f"{engine} {name}: {row['ocr_pages']} OCR pages, {row['cpu_per_page']:.2f} CPU s/page "
                f"({row['wall_per_page']:.2f} wall; runs {each}), {row['checked'] - row['wrong']}/"
                f"{row['checked']} fields right, {row['flagged']} cells flagged",
                flush=True,
            )
            for diff in row["diffs"]:
                print(f"    {diff}", flush=True)
    return rows


def _parse(pdf: Path, dpi: int, truth: dict) -> dict:
    wall, cpu = time.perf_counter(), time.process_time() + _tesseract.child_cpu()
    report = parse_report(pdf, Limits(max_seconds=3600, ocr_seconds_per_page=600))
    wall, cpu = time.perf_counter() - wall, time.process_time() + _tesseract.child_cpu() - cpu
    diffs, checked = compare(truth, report)
    pages = ocr_pages(pdf)
    return {
        "scan": pdf.name,
        "dpi": dpi,
        "ocr_pages": pages,
        "cpu_per_page": cpu / pages,
        "wall_per_page": wall / pages,
        "checked": checked,
        "wrong": len(diffs),
        "diffs": diffs,
        "flagged": sum(1 for w in report.warnings if "read by OCR" in w),
    }


def accuracy(rows: list[dict], dpi: int) -> tuple[float, int, int]:
    """Field accuracy of the scans at ``dpi``: the share right, fields right, fields checked."""
    group = [r for r in rows if r["dpi"] == dpi]
    checked = sum(r["checked"] for r in group)
    right = checked - sum(r["wrong"] for r in group)
    return (right / checked if checked else float("nan")), right, checked


def cpu_per_page(rows: list[dict]) -> float:
    return sum(r["cpu_per_page"] * r["ocr_pages"] for r in rows) / sum(r["ocr_pages"] for r in rows)


def render(
    rows: list[dict],
    command: str,
    peak: float,
    baseline: list[dict] | None,
    shipped: list[dict],
    repeats: int,
) -> str:
    machine = describe(ROOT)
    lines = [
        HEADING,
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: `{command}` (git {machine['git']}; "
        f"load average at start {machine['load average at start (1, 5, 15 min)']}, "
        f"at end {', '.join(f'{x:.2f}' for x in os.getloadavg())}; a shared machine: CPU seconds are "
        "the figure to compare, wall seconds depend on the other load). ONNX Runtime, OpenMP and OpenCV on "
        f"one thread; OpenCV {cv2.__version__}. Each scan parsed {repeats} times by the product and by the "
        "models as shipped, taking turns; CPU is the least of the repeats.",
        "",
        "| figure | target | measured | |",
        "| --- | --- | --- | --- |",
    ]
    pages = sum(r["ocr_pages"] for r in rows)
    cpu = cpu_per_page(rows)
    wall = sum(r["wall_per_page"] * r["ocr_pages"] for r in rows) / pages
    met = "met" if cpu <= SECONDS_PER_PAGE else "not met"
    lines.append(
        f"| seconds per scanned page, one core (CPU; wall) | ≤ {SECONDS_PER_PAGE:g} s | "
        f"{cpu:.2f} s; {wall:.2f} s wall ({pages} pages) | {met} |"
    )
    lines.append(
        f"| peak RSS of the process that parsed every scan (models loaded) | ≤ {PEAK_MB} MB (parser process) "
        f"| {peak:.0f} MB | {'met' if peak <= PEAK_MB else 'not met'} |"
    )
    for dpi, target in TARGETS.items():
        share, right, checked = accuracy(rows, dpi)
        scans = sum(1 for r in rows if r["dpi"] == dpi)
        lines.append(
            f"| field accuracy at {dpi} dpi ({scans} scans) | ≥ {target:.2f} | {share:.4f} "
            f"({right}/{checked}) | {'met' if share >= target else 'not met'} |"
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
    lines += ["", *baseline_lines(rows, baseline, shipped)]
    return "\n".join(lines) + "\n"


def baseline_lines(rows: list[dict], baseline: list[dict] | None, shipped: list[dict]) -> list[str]:
    """RapidOCR beside its models as shipped and the Tesseract baseline: CPU s/page, field accuracy."""
    engines = [
        ("RapidOCR (PP-OCRv4, the product: graphs folded by ocrgraph)", rows),
        ("RapidOCR, the models as the wheel ships them", shipped),
    ]
    if baseline is None:
        lines = [
            "Baseline: Tesseract was not measured (no `tesseract` binary with chi_sim on this machine, "
            "or `--no-tesseract`)."
        ]
    else:
        version = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, check=False)
        name = version.stdout.splitlines()[0] if version.stdout else "tesseract"
        lines = [
            f"Baseline: {name} with Debian's chi_sim "
            "(`--psm 7`, one thread, one process per page reading every box) reads the same text boxes in "
            "place of RapidOCR's recogniser; detection, rules and table assembly are the same. CPU includes "
            "the Tesseract processes."
        ]
        engines.append(("Tesseract chi_sim", baseline))
    lines += [
        "",
        "| engine | CPU s/page | " + " | ".join(f"field accuracy at {dpi} dpi" for dpi in TARGETS) + " |",
        "| --- | --- | " + " | ".join("---" for _ in TARGETS) + " |",
    ]
    for engine, group in engines:
        figures = []
        for dpi in TARGETS:
            share, right, checked = accuracy(group, dpi)
            figures.append(f"{share:.4f} ({right}/{checked})")
        lines.append(f"| {engine} | {cpu_per_page(group):.2f} | " + " | ".join(figures) + " |")
    return lines


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    parser.add_argument("--no-tesseract", action="store_true", help="skip the Tesseract baseline")
    parser.add_argument("--repeats", type=int, default=3, help="parses of each scan per engine (least CPU)")
    args = parser.parse_args(argv)
    peak = peak_mb()
    measured = measure(["rapidocr", "unsimplified"], args.repeats)
    baseline = None
    if not args.no_tesseract and _tesseract.available():
        baseline = measure(["tesseract"])["tesseract"]
    command = "python benchmarks/bench_ocr.py" + (" --no-tesseract" if args.no_tesseract else "")
    command += f" --repeats {args.repeats}" if args.repeats != 3 else ""
    text = render(measured["rapidocr"], command, peak, baseline, measured["unsimplified"], args.repeats)
    print()
    print(text)
    write_section(text, args.out, "bench_ocr")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
