"""Cold end-to-end `jixiao ingest` against plain pdfplumber on the same files, in one run (issue 17, item 5).

    PYTHONPATH=tools .venv/bin/python benchmarks/bench_cold.py [--reports 160] [--ref REF]

The corpus is like the issue's: ``--reports`` generated reports of about five pages each
(``fixturegen.synth``, ``short``), cached under data/bench/. Measured, in this order: the import time
of each heavy module in a fresh interpreter (best of two); pdfplumber ``extract_text()`` of every page
on 2 processes; the cold ingest (fresh home, 2 parser processes) of this tree, and with ``--ref``
of that git ref too, interleaved (ref, this, pdfplumber, this, ref, pdfplumber); pdfplumber again.
An ingest's ratio is its wall time per page over the mean of the pdfplumber runs around it. Each is
split by its own progress lines (parse, build and check, publish; the rest is start-up and exit).
The figures are printed and written to ``benchmarks/results.md`` between this script's markers.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "tools"))  # the corpus generator (test tooling, not packaged)

from benchmarks import _proc  # noqa: E402
from benchmarks._machine import describe  # noqa: E402
from benchmarks._reftree import checkout  # noqa: E402
from benchmarks._results import write_section  # noqa: E402
from benchmarks.bench_pipeline import baseline  # noqa: E402

SECTION = "bench_cold"
TARGET = 0.35  # cold ingest time per page over pdfplumber's, at most
MODULES = ("jixiao.cli", "pdfplumber", "dagster", "great_expectations", "jixiao.quality.runner")
LAUNCH = "import sys; from jixiao.cli import main; sys.exit(main())"


def corpus(reports: int, seed: int) -> list[Path]:
    """The short synthetic reports, generated once per (reports, seed) and reused."""
    from fixturegen.synth import generate_corpus

    folder = ROOT / "data" / "bench" / f"cold-short-n{reports}-s{seed}"
    marker = folder / ".complete"
    if not marker.exists() or len(list(folder.glob("*.pdf"))) != reports:
        start = time.perf_counter()
        generate_corpus(folder, reports, seed=seed, workers=2, short=True)
        marker.write_text(f"generated in {time.perf_counter() - start:.0f} s\n")
    return sorted(folder.glob("*.pdf"))


def import_s(module: str) -> float:
    """Seconds to start a fresh interpreter and import ``module``, less a bare start; best of two."""
    env = {**os.environ, "GX_ANALYTICS_ENABLED": "false"}

    def once(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        return time.perf_counter() - start

    bare = min(once("pass") for _ in range(2))
    return min(once(f"import {module}") for _ in range(2)) - bare


def import_cpu_s(module: str) -> float:
    """CPU seconds (user + system) of importing ``module`` in a fresh interpreter, less a bare start;
    best of two. Unlike wall time, this is what the import takes from the cores the parsers share."""
    env = {**os.environ, "GX_ANALYTICS_ENABLED": "false"}

    def once(code: str) -> float:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)

    bare = min(once("pass") for _ in range(2))
    return min(once(f"import {module}") for _ in range(2)) - bare


@dataclass
class Ingest:
    """One cold ingest: wall seconds, and the seconds of each phase its progress lines report."""

    wall_s: float
    parse_s: float
    build_s: float
    publish_s: float
    published: bool
    cpu_s: float  # every process of the run: the command, its parser processes and its GX checker

    @property
    def rest_s(self) -> float:
        """Interpreter start, imports, waiting for the lock and exit: what no phase line covers."""
        return self.wall_s - self.parse_s - self.build_s - self.publish_s


def cold_ingest(inbox: Path, work: Path, tree: Path | None) -> Ingest:
    """``jixiao ingest INBOX`` with a fresh home, from ``tree`` (PYTHONPATH) or this checkout."""
    home = work / "home"
    shutil.rmtree(home, ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_") and k != "PYTHONPATH"}
    env.update(JIXIAO_HOME=str(home), JIXIAO_WORKERS="2", GX_ANALYTICS_ENABLED="false")
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    m = _proc.run([sys.executable, "-c", LAUNCH, "ingest", str(inbox)], env, work / "out")
    if m.returncode not in (0, 1):
        raise SystemExit(f"jixiao ingest exited {m.returncode}:\n{m.stdout[-2000:]}\n{m.stderr[-3000:]}")

    def seconds(pattern: str) -> float:
        found = re.findall(pattern + r" done in ([\d.]+) s", m.stderr)
        return float(found[-1]) if found else 0.0

    return Ingest(
        m.wall_s, seconds("parse"), seconds("build and check"), seconds("publish"), m.returncode == 0, m.cpu_s
    )


@dataclass
class Measured:
    """One cold ingest with the pdfplumber runs just before and after it (its own baseline)."""

    tree: str
    ingest: Ingest
    plumber_ms: tuple[float, float]  # ms/page of the pdfplumber runs bracketing it

    def ratio(self, pages: int) -> float:
        """Wall time per page over pdfplumber's (the mean of the two runs around it)."""
        return 1000 * self.ingest.wall_s / pages / statistics.mean(self.plumber_ms)


def render(
    pdfs: list[Path],
    imports: dict[str, float],
    gx_cpu: float,
    plumber: list[dict],
    runs: list[Measured],
    argv: list[str],
) -> str:
    machine = describe(ROOT)
    pages = plumber[0]["pages"]
    lines = [
        "## Cold end to end against plain pdfplumber (issue 17, item 5; `benchmarks/bench_cold.py`)",
        "",
        f"`{' '.join(['PYTHONPATH=tools .venv/bin/python benchmarks/bench_cold.py', *argv])}` on "
        f"{machine['CPU']}, {machine['cores']}; load average at start "
        f"{machine['load average at start (1, 5, 15 min)']}; git {machine['git']}. {len(pdfs)} generated "
        f"reports (`fixturegen.synth`, short), {pages} pages ({pages / len(pdfs):.1f} a file); 2 parser "
        "processes for the ingest, 2 processes for pdfplumber `extract_text()` of every page, run before, "
        "between and after the ingests: "
        + ", ".join(f"{p['ms_per_page']:.1f}" for p in plumber)
        + " ms/page. Each ingest's ratio is its wall time per page over the mean of the two pdfplumber "
        "runs around it (the machine is shared: the load moves). Phases from the ingest's progress "
        "lines; the rest is interpreter start-up, imports and exit.",
        "",
        f"| tree | cold `jixiao ingest` | pdfplumber around it | ratio (target ≤ {TARGET}) | parse | "
        "build and check | publish | rest | CPU, all processes |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for run in runs:
        ingest, ratio = run.ingest, run.ratio(pages)
        lines.append(
            f"| {run.tree} | {ingest.wall_s:.1f} s{'' if ingest.published else ' (not published)'} | "
            f"{statistics.mean(run.plumber_ms) * pages / 1000:.1f} s | "
            f"{ratio:.2f} {'✓' if ratio <= TARGET else '✗'} | {ingest.parse_s:.1f} s | "
            f"{ingest.build_s:.1f} s | {ingest.publish_s:.1f} s | {ingest.rest_s:.1f} s | "
            f"{ingest.cpu_s:.1f} s |"
        )
    lines += [
        "",
        "Import in a fresh interpreter (best of two, less a bare start): "
        + "; ".join(f"`{m}` {s:.2f} s" for m, s in imports.items())
        + ".",
        "",
        f"CPU: at the target an ingest may take {TARGET} × pdfplumber's wall time; on these 2 cores that "
        f"is at most {2 * TARGET * statistics.mean(p['wall_s'] for p in plumber):.1f} CPU seconds for "
        f"the whole run, of which `import great_expectations` alone takes {gx_cpu:.1f} s (fresh "
        "interpreter, best of two, less a bare start). pdfplumber's own runs took "
        + ", ".join(f"{p['cpu_ms_per_page'] * p['pages'] / 1000:.1f}" for p in plumber)
        + " CPU seconds.",
    ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=160)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--ref", help="also measure this git ref (the tree before a change), interleaved")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.md")
    parser.add_argument("--no-write", action="store_true", help="print the figures only")
    args = parser.parse_args(argv)
    _proc.become_subreaper()
    pdfs = corpus(args.reports, args.seed)
    imports = {module: import_s(module) for module in MODULES}
    gx_cpu = import_cpu_s("great_expectations")
    print(imports, f"great_expectations CPU {gx_cpu:.2f} s", flush=True)
    this = "this tree"
    order = [[args.ref, this], [this, args.ref]] if args.ref else [[this]]
    runs: list[Measured] = []
    with tempfile.TemporaryDirectory(prefix="jixiao-cold-") as tmp:
        work = Path(tmp)
        os.chdir(work)  # python -c puts the working directory first on sys.path: not this checkout
        inbox = work / "inbox"
        inbox.mkdir()
        for pdf in pdfs:
            shutil.copy(pdf, inbox / pdf.name)
        trees = {this: None} | ({args.ref: checkout(args.ref, work)} if args.ref else {})
        plumber = [baseline(pdfs)]
        print(f"pdfplumber: {plumber[-1]}", flush=True)
        for names in order:
            done = [(name, cold_ingest(inbox, work, trees[name])) for name in names]
            plumber.append(baseline(pdfs))
            print(f"{done}\npdfplumber: {plumber[-1]}", flush=True)
            around = (plumber[-2]["ms_per_page"], plumber[-1]["ms_per_page"])
            runs += [Measured(name, ingest, around) for name, ingest in done]
        os.chdir(ROOT)
    text = render(pdfs, imports, gx_cpu, plumber, runs, argv)
    print(text)
    if not args.no_write:
        write_section(text, args.out, SECTION)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
