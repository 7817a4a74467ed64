"""Incremental publish: what adding one report to a 10,000-report warehouse costs against a full rebuild,
and what a no-op ``jixiao ingest`` over 1,000 unchanged files costs. One run measures every figure.

Usage: .venv/bin/python benchmarks/bench_incremental.py [--scale N] [--noop-files N] [--repeat R] [--out FILE]
       .venv/bin/python benchmarks/bench_incremental.py --noop-only [--noop-files N]   (step 4 alone)

1. The cold ingest of ``bench_pipeline``'s 300-report corpus gives real parsed records (cached under
   ``data/bench/``); ``_scale`` varies them into N staged records (10,000; cached).
2. Full rebuild and publish at N: ``jixiao ingest EMPTY --rebuild`` on a copy of that staging (the real
   command, in its own process: interpreter start and imports included).
3. Add one report: one more staged record (the next fiscal year of an existing department, as a parse
   would have staged it), then ``jixiao ingest EMPTY``: the incremental publish. Steps 2 and 3 are
   interleaved ``--repeat`` times (full, add, full, add, …) on a shared machine; the ratio is of medians.
4. No-op: ``jixiao ingest INBOX`` over 1,000 unchanged files (``bench_pipeline``'s no-op inbox), twice
   after the run that published them.

Figures are printed and written into ``benchmarks/results.md`` between this script's markers
(``benchmarks/_results.py``); the rest of the file is kept. ``--noop-only`` measures step 4 alone (a
minute, not the add-one's many) and writes its own section (``bench_incremental_noop``), so the
add-one figures of the last full run stay as they were.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
sys.path.append(str(ROOT))
sys.path.append(str(ROOT / "tools"))

from benchmarks import _machine, _proc, _scale  # noqa: E402
from benchmarks._results import write_section  # noqa: E402
from benchmarks.bench_pipeline import _env, _jixiao, corpus, inbox_of, parse_args, run_ingest  # noqa: E402
from jixiao.core.settings import Settings  # noqa: E402
from jixiao.extract import PARSER_VERSION  # noqa: E402
from jixiao.staging import store  # noqa: E402

SECTION = "bench_incremental"  # its markers in results.md (``_results.markers``)
NOOP_SECTION = "bench_incremental_noop"  # the section of a ``--noop-only`` run
TARGET_RATIO, TARGET_NOOP_S = 0.10, 2.0


def log(message: str) -> None:
    print(f"[{datetime.now(UTC):%H:%M:%S} load {os.getloadavg()[0]:.1f}] {message}", flush=True)


def cold_home(bench: Path, pdfs: list[Path]) -> Path:
    """A home whose staging holds the corpus's parsed records (cold ingest once, then cached)."""
    home = bench / f"incremental-cold-n{len(pdfs)}-p{PARSER_VERSION}"  # records of this parser version
    if (home / ".complete").exists():
        return home
    shutil.rmtree(home, ignore_errors=True)
    inbox = inbox_of(pdfs, bench / f"inbox-n{len(pdfs)}-s0")
    log(f"cold ingest of {len(pdfs)} reports (once)")
    run_ingest(inbox, home, bench / "incremental-logs" / "cold")
    (home / ".complete").write_text("ok\n")
    return home


def scaled(bench: Path, cold: Path, scale: int) -> Path:
    """``scale`` staged records varied from the cold run's parses (``_scale``), written once."""
    folder = bench / f"incremental-scale{scale}-p{PARSER_VERSION}"
    if (folder / ".complete").exists():
        return folder / "staging"
    shutil.rmtree(folder, ignore_errors=True)
    bases = store.load_records(Settings.from_env(environ={}, home=cold), PARSER_VERSION)
    _scale.write_staging(folder / "staging", _scale.scaled_records(bases, scale), scale)
    (folder / ".complete").write_text("ok\n")
    return folder / "staging"


def one_more(staging: Path, k: int) -> str:
    """Stage one more record: the year after an existing department's latest, as parsed now."""
    records = sorted((staging / "parsed").glob("*.json"))
    base = store.StageRecord.from_dict(json.loads(records[k * 97 % len(records)].read_text()))
    assert base.report is not None
    year = 2024 + k  # the synthetic departments report on 2020-2023: a year none of them has
    now = datetime.now(UTC).isoformat()
    rec = _scale.variant(base, 900_000 + k, base.report.department, base.report.region or "", year, now)
    rec = replace(rec, first_seen_at=now)
    (staging / "parsed" / f"{rec.sha256}.json").write_text(
        json.dumps(rec.to_dict(), ensure_ascii=False, sort_keys=True), encoding="utf-8"
    )
    return rec.report.department if rec.report else ""


def ingest(args: list[str], home: Path, staging: Path, logs: Path) -> dict[str, Any]:
    """``jixiao ingest ARGS`` with ``home`` and ``staging``; wall time and the path it took."""
    env = _env(home) | {"JIXIAO_STAGING": str(staging)}
    m = _proc.run([*_jixiao(), "ingest", *args], env, logs)
    if m.returncode != 0:
        tail = f"{m.stdout[:3000]}\n{m.stderr[-3000:]}"
        raise SystemExit(f"jixiao ingest {args} exited {m.returncode}:\n{tail}")
    return {"wall_s": m.wall_s, "rss_mb": m.self_maxrss_mb, "out": m.stdout, "err": m.stderr}


def _took(run: dict[str, Any]) -> str:
    text = run["err"] + run["out"]
    found = re.search(r"incremental: (\d+) department\(s\) changed, (\d+) report", text)
    checked = re.search(r"checks: (\d+) of (\d+) partition", text)
    if not found:
        return "full"
    parts = f", {checked.group(1)} of {checked.group(2)} partitions checked" if checked else ""
    return f"incremental ({found.group(1)} dept., {found.group(2)} reports built{parts})"


def noop_setup(bench: Path, pdfs: list[Path], cold: Path, files: int, run_dir: Path) -> tuple[Path, Path]:
    """An inbox of ``files`` distinct files, all staged already (``bench_pipeline``'s no-op inbox)."""
    settings = Settings.from_env(environ={}, home=cold)
    records = store.load_records(settings, PARSER_VERSION)
    good = {r.sha256 for r in records if _scale.clean(r)}
    usable = [p for p in pdfs if store.hash_file(p) in good]
    inbox, home = run_dir / "noop-inbox", run_dir / "noop"
    inbox.mkdir(parents=True)
    parsed = home / "staging" / "parsed"
    parsed.mkdir(parents=True)
    by_sha = {r.sha256: r for r in records}
    now = datetime.now(UTC).isoformat()
    for k in range(files):
        source = usable[k % len(usable)]
        if k < len(usable):
            target = inbox / source.name
            os.link(source, target)
            sha = store.hash_file(target)
            shutil.copy2(store.parsed_dir(settings) / f"{sha}.json", parsed / f"{sha}.json")
            continue
        target = inbox / f"copy-{k:04d}-{source.name}"
        target.write_bytes(source.read_bytes() + f"\n%jixiao-bench copy {k}\n".encode())
        sha = store.hash_file(target)
        base = by_sha[store.hash_file(source)]
        dept, region = _scale.department(252 + k)
        assert base.report is not None
        rec = _scale.variant(
            base, 100_000 + k, dept, region, base.report.fiscal_year, now, sha=sha, source=target.name
        )
        (parsed / f"{sha}.json").write_text(json.dumps(rec.to_dict(), ensure_ascii=False, sort_keys=True))
    return inbox, home


def measure(
    scale: int, noop_files: int, repeat: int, *, noop_only: bool = False, keep: bool = False
) -> dict[str, Any]:
    cfg = parse_args([])
    bench = cfg.bench_dir
    r: dict[str, Any] = {"machine": _machine.describe(ROOT), "scale": scale, "noop_files": noop_files}
    r["load_start"] = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    run_dir = bench / "runs" / f"incremental-{datetime.now(UTC):%Y%m%dT%H%M%S}"
    run_dir.mkdir(parents=True)
    try:
        pdfs = corpus(cfg)
        cold = cold_home(bench, pdfs)
        r["full"], r["add"] = [], []
        logs = run_dir / "logs"
        if not noop_only:
            measure_add_one(r, bench, cold, scale, repeat, run_dir)

        log(f"no-op: {noop_files} unchanged files")
        inbox, noop_home = noop_setup(bench, pdfs, cold, noop_files, run_dir)
        settings_home = noop_home
        staging_noop = settings_home / "staging"
        once = ingest([str(inbox), "--no-progress"], settings_home, staging_noop, logs / "noop-first")
        log(f"  first run over the staged files: {once['wall_s']:.1f} s")
        r["noop"] = []
        for k in range(3):
            run = ingest([str(inbox), "--no-progress"], settings_home, staging_noop, logs / f"noop-{k}")
            r["noop"].append({"wall_s": run["wall_s"], "rss_mb": run["rss_mb"]})
            log(f"  no-op run: {run['wall_s']:.2f} s")
        r["load_end"] = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    finally:
        if keep:
            log(f"kept {run_dir} (no-op home: {run_dir / 'noop'}, inbox: {run_dir / 'noop-inbox'})")
        else:
            shutil.rmtree(run_dir, ignore_errors=True)
    return r


def measure_add_one(
    r: dict[str, Any], bench: Path, cold: Path, scale: int, repeat: int, run_dir: Path
) -> None:
    """Steps 2 and 3: full rebuild and add-one, interleaved ``repeat`` times, into ``r``."""
    t = time.perf_counter()
    source = scaled(bench, cold, scale)
    log(f"{scale} staged records ready in {time.perf_counter() - t:.1f} s")
    staging, home = run_dir / "staging", run_dir / "scale"
    shutil.copytree(source, staging)
    empty = run_dir / "empty"
    empty.mkdir()
    logs = run_dir / "logs"
    first = ingest([str(empty)], home, staging, logs / "first")
    log(f"first publish at {scale}: {first['wall_s']:.1f} s ({_took(first)})")
    for k in range(repeat):
        full = ingest([str(empty), "--rebuild"], home, staging, logs / f"full-{k}")
        log(f"full rebuild at {scale}: {full['wall_s']:.2f} s ({_took(full)})")
        department = one_more(staging, k)
        add = ingest([str(empty)], home, staging, logs / f"add-{k}")
        log(f"add one report ({department}): {add['wall_s']:.2f} s ({_took(add)})")
        r["full"].append({"wall_s": full["wall_s"], "rss_mb": full["rss_mb"], "took": _took(full)})
        r["add"].append({"wall_s": add["wall_s"], "rss_mb": add["rss_mb"], "took": _took(add)})


def render_noop(r: dict[str, Any], argv: list[str]) -> str:
    """The section of a ``--noop-only`` run: the no-op figure alone."""
    m = r["machine"]
    noop = statistics.median(x["wall_s"] for x in r["noop"])
    command = " ".join([".venv/bin/python benchmarks/bench_incremental.py", *argv]).strip()
    met = "met" if noop <= TARGET_NOOP_S else "**not met**"
    return (
        "\n".join(
            [
                "### No-op run alone (`benchmarks/bench_incremental.py --noop-only`)",
                "",
                f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: `{command}` (written by the script; "
                f"git {m['git']}, load average at start {r['load_start']}, at end {r['load_end']}; "
                f"{m['cores']}).",
                "",
                "| figure | target | measured | |",
                "| --- | --- | --- | --- |",
                f"| no-op `jixiao ingest`, {r['noop_files']:,} unchanged files (median) "
                f"| ≤ {TARGET_NOOP_S:.0f} s | {noop:.2f} s | {met} |",
                "",
                f"No-op runs over {r['noop_files']:,} unchanged files: "
                + ", ".join(f"{x['wall_s']:.2f} s" for x in r["noop"])
                + f" (peak RSS {max(x['rss_mb'] for x in r['noop']):.0f} MB). The real command in its own "
                "process, interpreter start and imports included, after the run that published the files.",
            ]
        )
        + "\n"
    )


def render(r: dict[str, Any], argv: list[str]) -> str:
    m = r["machine"]
    full = statistics.median(x["wall_s"] for x in r["full"])
    add = statistics.median(x["wall_s"] for x in r["add"])
    noop = statistics.median(x["wall_s"] for x in r["noop"])
    ratio = add / full
    command = " ".join([".venv/bin/python benchmarks/bench_incremental.py", *argv]).strip()

    def ok(good: bool) -> str:
        return "met" if good else "**not met**"

    lines = [
        "## Incremental publish (`benchmarks/bench_incremental.py`)",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: `{command}` (written by the script; git {m['git']}, "
        f"load average at start {r['load_start']}, at end {r['load_end']}; {m['cores']}).",
        "",
        "| figure | target | measured | |",
        "| --- | --- | --- | --- |",
        f"| add one report at {r['scale']:,} ÷ full rebuild at {r['scale']:,} (medians, same run) "
        f"| ≤ {TARGET_RATIO:.2f} | {ratio:.3f} ({add:.1f} s vs {full:.1f} s) | {ok(ratio <= TARGET_RATIO)} |",
        f"| no-op `jixiao ingest`, {r['noop_files']:,} unchanged files | ≤ {TARGET_NOOP_S:.0f} s "
        f"| {noop:.2f} s | {ok(noop <= TARGET_NOOP_S)} |",
        "",
        f"Each figure is the wall time of the real command (`jixiao ingest`, its own process: interpreter "
        f"start, imports and the GX checker process included). Full rebuild: `jixiao ingest EMPTY "
        f"--rebuild` over {r['scale']:,} staged records varied from real parses (`_scale`); add one: one "
        "more staged record (a new fiscal year of an existing department), then `jixiao ingest EMPTY`. "
        "Full and add-one runs alternate, so both see the same machine.",
        "",
        "| run | full rebuild s | add one s | add-one path | peak RSS full / add, MB |",
        "| --- | --- | --- | --- | --- |",
    ]
    for i, (f, a) in enumerate(zip(r["full"], r["add"], strict=True), start=1):
        rss = f"{f['rss_mb']:.0f} / {a['rss_mb']:.0f}"
        lines.append(f"| {i} | {f['wall_s']:.2f} | {a['wall_s']:.2f} | {a['took']} | {rss} |")
    lines += [
        "",
        f"No-op runs over {r['noop_files']:,} unchanged files: "
        + ", ".join(f"{x['wall_s']:.2f} s" for x in r["noop"])
        + f" (peak RSS {max(x['rss_mb'] for x in r['noop']):.0f} MB).",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10_000)
    parser.add_argument("--noop-files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    parser.add_argument("--noop-only", action="store_true", help="measure only the no-op run (step 4)")
    parser.add_argument("--keep", action="store_true", help="keep the run's folders (to profile a run)")
    args = parser.parse_args(argv)
    results = measure(args.scale, args.noop_files, args.repeat, noop_only=args.noop_only, keep=args.keep)
    section = (render_noop if args.noop_only else render)(results, argv)
    print(section)
    write_section(section, args.out, NOOP_SECTION if args.noop_only else SECTION)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
