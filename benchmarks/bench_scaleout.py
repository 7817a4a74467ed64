"""Distributed parsing on Celery: nightly_job wall time on 1, 2 and 4 workers, and what it predicts.

Runs ``scripts/scaleout-check.sh`` once per worker count (PostgreSQL, Redis and the workers on loopback,
the nightly job through the Celery executor, facts checked against ``jixiao ingest``) over the same
generated inbox, reads the figures it writes (``SCALEOUT_SUMMARY``), prints them and writes the
"Scale-out" section of ``benchmarks/results.md`` (between its markers, the rest of the file kept).

    .venv/bin/python benchmarks/bench_scaleout.py                 # 24 reports; 1, 2, 4 workers
    .venv/bin/python benchmarks/bench_scaleout.py --reports 12 --workers 1 2
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from _machine import describe  # noqa: E402
from _results import write_section  # noqa: E402

SECTION = "bench_scaleout"
CORPUS = ROOT / "data" / "bench" / "scaleout-corpus"
# Predictions: a report file of the generated corpus, and a rebuild+check+publish cost per 1,000
# reports measured by bench_pipeline.py (results.md: publish at 10,000 reports ≈ 22 s).
PUBLISH_S_PER_1000 = 2.2


def run_once(reports: int, workers: int) -> dict:
    """One scaleout-check.sh run; its figures, or SystemExit naming the log when it failed."""
    with tempfile.TemporaryDirectory() as tmp:
        summary = Path(tmp) / "summary.json"
        env = {
            **os.environ,
            "SCALEOUT_REPORTS": str(reports),
            "SCALEOUT_WORKERS": str(workers),
            "SCALEOUT_SUMMARY": str(summary),
            "SCALEOUT_CORPUS": str(CORPUS),
        }
        proc = subprocess.run(
            ["bash", str(ROOT / "scripts" / "scaleout-check.sh")], env=env, capture_output=True, text=True
        )
        print(proc.stdout.strip(), flush=True)
        if proc.returncode != 0 or not summary.exists():
            sys.stderr.write(proc.stderr[-4000:])
            raise SystemExit(f"scaleout-check.sh failed with {workers} workers")
        return json.loads(summary.read_text(encoding="utf-8"))


def worker_s_per_file(run: dict) -> float:
    """Worker-seconds per file: how long the fan-out kept every worker busy, per file."""
    return run["fan_out_s"] * run["workers"] / run["files"]


def predict(runs: list[dict], reports: int) -> list[str]:
    """Lines on what the measured per-step cost predicts for more hosts (stated assumptions)."""
    one = next((r for r in runs if r["workers"] == 1), runs[0])
    per_file = worker_s_per_file(one)
    fixed = one["nightly_s"] - one["fan_out_s"] - one["build_check_publish_s"]  # run start, register, end
    lines = [
        f"One worker spends {per_file:.2f} s per file (fan-out phase ÷ files: the parse, the step's "
        f"own overhead and the hand-over to the next step; {one['parse_step_mean_s']:.2f} s of it inside "
        f"the step); the run's start, registration and end took {fixed:.1f} s, and building, checking "
        f"and publishing {reports} reports {one['build_check_publish_s']:.1f} s.",
        "Assuming steps spread evenly, a core per worker, and the broker and PostgreSQL keeping up, a "
        "nightly run of R new files on W workers takes about "
        f"R × {per_file:.2f} s / W + {fixed:.0f} s + the publish on one host (`jixiao ingest` rebuilds "
        f"at ≈ {PUBLISH_S_PER_1000} s per 1,000 reports in the warehouse by `bench_pipeline.py`; the "
        "Dagster publish runs the GX suites a second time as asset checks, so count it twice):",
        "",
        "| new files | warehouse | 2 workers (this machine) | 8 (4 hosts × 2 cores) | 32 (16 × 2) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for new, corpus in ((1_000, 10_000), (10_000, 100_000), (100_000, 100_000)):
        publish = 2 * corpus / 1000 * PUBLISH_S_PER_1000
        cells = [f"{(new * per_file / w + fixed + publish) / 60:.0f} min" for w in (2, 8, 32)]
        lines.append(f"| {new:,} | {corpus:,} | " + " | ".join(cells) + " |")
    return lines


def render(runs: list[dict], reports: int, argv: list[str]) -> str:
    machine = describe(ROOT)
    base = next((r for r in runs if r["workers"] == 1), runs[0])
    lines = [
        "## Scale-out: parsing on Celery workers (`benchmarks/bench_scaleout.py`)",
        "",
        f"`{' '.join(['.venv/bin/python benchmarks/bench_scaleout.py', *argv])}` on {machine['CPU']}, "
        f"{machine['cores']}; load average at start {machine['load average at start (1, 5, 15 min)']}; "
        f"git {machine['git']}. Each row is one `scripts/scaleout-check.sh` run: PostgreSQL, Redis and the "
        f"workers (one `--pool solo` process each) on loopback, `nightly_job` through the Celery executor "
        f"over {reports} generated reports plus two bad files (one step per file), the published facts "
        "checked equal to `jixiao ingest` of the same inbox. The in-process `jixiao ingest` of the same "
        "inbox (2 parser processes, fresh staging) is timed in the same run.",
        "",
        "| Celery workers | files | nightly_job wall | speed-up over 1 | fan-out phase | worker-s per file | "
        "parse step (inside, mean) | build + check + publish | `jixiao ingest` same inbox |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in runs:
        lines.append(
            f"| {r['workers']} | {r['files']} | {r['nightly_s']:.1f} s | "
            f"{base['nightly_s'] / r['nightly_s']:.2f}× | {r['fan_out_s']:.1f} s | "
            f"{worker_s_per_file(r):.2f} s | {r['parse_step_mean_s']:.2f} s | "
            f"{r['build_check_publish_s']:.1f} s | {r['ingest_s']:.1f} s |"
        )
    lines += ["", *predict(runs, reports)]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=24)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    args = parser.parse_args(argv)
    runs = [run_once(args.reports, w) for w in args.workers]
    text = render(runs, args.reports, argv)
    print(text)
    write_section(text, args.out, SECTION)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
