"""Before/after in one window: this tree against a git ref, interleaved (A, B, B, A) on the same inputs.

Usage: .venv/bin/python benchmarks/ab_compare.py --ref a6773e8 [--rounds 2]

Needs the inputs ``benchmarks/bench_pipeline.py`` caches under ``data/bench/`` (run it once first):
the 300-report inbox and the staged 10,000 records. The ref's files are laid out in a temporary folder
(``benchmarks/_reftree.py``: every jixiao module, the top-level folders the package maps included, comes
from the ref); each command runs with ``PYTHONPATH`` set to its tree. Measures the cold ``jixiao ingest``
of the inbox (fresh home each run) and the publish at 10,000 (``benchmarks/_phases.py publish``),
and checks that both trees build the same warehouse (every table and view, sorted, row for row).
The shared machine's load cancels out of the comparison; the figures are printed, nothing is written.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks._reftree import checkout
from jixiao.extract import PARSER_VERSION  # the inputs are cached for this parser version
from jixiao.warehouse.build import VIEWS
from jixiao.warehouse.normalize import TABLES

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "data" / "bench"
# every contract table and view but dq_results (its run ids and times differ by construction)
COMPARED = (*(t for t in TABLES if t != "dq_results"), *VIEWS)


def _env(tree: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_")}
    env.update(PYTHONPATH=str(tree), GX_ANALYTICS_ENABLED="false", **extra)
    return env


def cold_ingest(tree: Path, inbox: Path, home: Path) -> float:
    """Wall seconds of ``jixiao ingest INBOX`` run from ``tree`` with a fresh home."""
    shutil.rmtree(home, ignore_errors=True)
    command = [sys.executable, "-c", "import sys; from jixiao.cli import main; sys.exit(main())"]
    start = time.perf_counter()
    proc = subprocess.run(
        [*command, "ingest", str(inbox), "--no-progress"],
        cwd=tree,
        env=_env(tree, JIXIAO_HOME=str(home), JIXIAO_WORKERS="2"),
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{tree}: jixiao ingest exited {proc.returncode}\n{proc.stderr[-2000:]}")
    return wall


def publish(tree: Path, staging: Path, warehouse: Path) -> dict[str, float]:
    """``benchmarks/_phases.py publish`` of ``tree``: total seconds and peak memory."""
    shutil.rmtree(warehouse.parent, ignore_errors=True)
    warehouse.parent.mkdir(parents=True)
    proc = subprocess.run(
        [sys.executable, str(tree / "benchmarks" / "_phases.py"), "publish", "--staging", str(staging),
         "--warehouse", str(warehouse)],
        cwd=tree, env=_env(tree), capture_output=True, text=True, check=True,
    )  # fmt: skip
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    return {
        "s": sum(out["split_s"].values()),
        "rss_mb": out["maxrss_mb"],
        "checker_rss_mb": out.get("checker_maxrss_mb", 0.0),
    }


def content(warehouse: Path) -> dict[str, str]:
    """A digest of every compared table and view (rows sorted)."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {
            name: hashlib.sha256(
                "\n".join(sorted(map(repr, con.execute(f"select * from {name}").fetchall()))).encode()
            ).hexdigest()
            for name in COMPARED
        }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", required=True, help="the 'before' commit")
    parser.add_argument("--rounds", type=int, default=2, help="pairs per figure (order A B, then B A)")
    args = parser.parse_args(argv)
    inbox = BENCH / "inbox-n300-s0"
    staging = BENCH / f"scale10000-n300-s0-p{PARSER_VERSION}" / "staging"
    if not inbox.is_dir() or not staging.is_dir():
        raise SystemExit("run benchmarks/bench_pipeline.py first: it caches the inputs under data/bench/")
    work = Path(tempfile.mkdtemp(prefix="jixiao-ab-"))
    before = checkout(args.ref, work)
    trees = {"before": before, "after": ROOT}
    try:
        ingest: dict[str, list[float]] = {"before": [], "after": []}
        pub: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
        for i in range(args.rounds):
            order = ("before", "after") if i % 2 == 0 else ("after", "before")
            for name in order:
                ingest[name].append(cold_ingest(trees[name], inbox, work / f"home-{name}"))
                print(f"cold ingest {name}: {ingest[name][-1]:.1f} s", flush=True)
            for name in order:
                pub[name].append(publish(trees[name], staging, work / f"pub-{name}" / "w.duckdb"))
                print(f"publish at 10,000 {name}: {pub[name][-1]}", flush=True)
        same = content(work / "pub-before" / "w.duckdb") == content(work / "pub-after" / "w.duckdb")
        print(json.dumps({"cold_ingest_s": ingest, "publish": pub, "same_warehouse": same}, indent=1))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
