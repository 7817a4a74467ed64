"""Benchmark phases that run in their own process (fresh imports, own peak memory); each prints one JSON line.

python benchmarks/_phases.py scaling --files LIST --runs-dir DIR
python benchmarks/_phases.py sensor --inbox DIR --staging DIR --ticks N
python benchmarks/_phases.py publish --staging DIR --warehouse FILE [--profile OUT.prof]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT))  # after $PYTHONPATH, so a patched copy can be measured

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


def _maxrss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _rss_mb() -> float:
    """Resident memory now (not the peak)."""
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def scaling(files: list[Path], runs_dir: Path) -> dict[str, Any]:
    """Stage the same files with 1 and with 2 parser processes (order 1, 2, 2, 1), each into a fresh cache.

    After each trial the fork server is stopped and reaped, so the CPU time of the parser processes it
    waited for shows in RUSAGE_CHILDREN: CPU-seconds per wall-second tells how many cores were busy.
    """
    from multiprocessing import forkserver

    from jixiao.core.settings import Settings
    from jixiao.staging import runner

    def stage(workers: int, paths: list[Path]) -> float:
        home = Path(tempfile.mkdtemp(prefix=f"scale-w{workers}-", dir=runs_dir))
        settings = Settings.from_env(environ={}, home=home, workers=workers)
        start = time.perf_counter()
        outcomes = runner.stage_files(paths, settings, f"bench-w{workers}")
        elapsed = time.perf_counter() - start
        bad = [o for o in outcomes if o.status != "loaded"]
        if bad:
            raise SystemExit(f"scaling: {len(bad)} files not loaded, e.g. {bad[0].reason}")
        return elapsed

    def warm_and_stop() -> float:
        before = _children_cpu_s()
        stage(1, files[:1])
        forkserver._forkserver._stop()  # type: ignore[attr-defined]
        return _children_cpu_s() - before

    overhead = min(warm_and_stop() for _ in range(2))  # fork server start + the warm-up file
    times: dict[int, list[float]] = {1: [], 2: []}
    cpu: dict[int, list[float]] = {1: [], 2: []}
    for workers in (1, 2, 2, 1):
        before = _children_cpu_s()
        stage(1, files[:1])  # (re)start the fork server outside the timed part
        times[workers].append(stage(workers, files))
        forkserver._forkserver._stop()  # type: ignore[attr-defined]  # reap it: its children's CPU shows
        cpu[workers].append(max(0.0, _children_cpu_s() - before - overhead))
    # Every parser process was reaped by a fork server this process started (exec'd from a small
    # process, so the inherited high-water mark is small too): the largest of them, fork servers included.
    workers_maxrss = _maxrss_mb(resource.RUSAGE_CHILDREN)
    control: dict[int, list[float]] = {1: [], 2: []}
    for workers in (1, 2, 2, 1):
        control[workers].append(_plain_parse(files, workers))
    return {
        "files": len(files),
        "w1": times[1],
        "w2": times[2],
        "cpu_w1": cpu[1],
        "cpu_w2": cpu[2],
        "control_w1": control[1],
        "control_w2": control[2],
        "workers_maxrss_mb": workers_maxrss,
        "self_maxrss_mb": _maxrss_mb(),
    }


def _parse_all(paths: list[Path]) -> float:
    from jixiao.extract import parse_report

    start = time.perf_counter()
    for path in paths:
        parse_report(path)
    return time.perf_counter() - start


def _plain_parse(files: list[Path], workers: int) -> float:
    """Control: ``parse_report`` on the files split over ``workers`` long-lived processes, no runner.

    What two cores give at this moment on this (shared) machine, to read the runner's speed-up against.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        list(pool.map(_parse_all, [files[:1]] * workers))  # imports and caches warm in every worker
        start = time.perf_counter()
        list(pool.map(_parse_all, [files[i::workers] for i in range(workers)]))
        return time.perf_counter() - start


def sensor(inbox: Path, staging: Path, ticks: int) -> dict[str, Any]:
    """Time the inbox sensor: the first tick (hashes everything), then no-op ticks on the unchanged inbox."""
    start = time.perf_counter()
    from dagster import SkipReason, build_sensor_context, instance_for_test

    from jixiao.assets.resources import JixiaoSettings
    from jixiao.pipelines.definitions import defs
    from jixiao.pipelines.sensors import inbox_sensor

    import_s = time.perf_counter() - start
    resource_ = JixiaoSettings(
        home=str(staging.parent),
        inbox=str(inbox),
        staging=str(staging),
        warehouse=str(staging.parent / "jixiao.duckdb"),
    )

    def tick(instance: Any, cursor: str | None) -> tuple[float, Any]:
        t0 = time.perf_counter()
        context = build_sensor_context(
            instance=instance, cursor=cursor, resources={"jixiao": resource_}, definitions=defs
        )
        result = inbox_sensor(context)
        return time.perf_counter() - t0, result

    with instance_for_test() as instance:
        first_s, first = tick(instance, None)
        for request in first.dynamic_partitions_requests:
            instance.add_dynamic_partitions(request.partitions_def_name, list(request.partition_keys))
        noop: list[float] = []
        for _ in range(ticks):
            elapsed, result = tick(instance, first.cursor)
            if not isinstance(result, SkipReason):
                raise SystemExit(f"sensor: a tick on the unchanged inbox did not skip: {result!r}")
            noop.append(elapsed)
        lost_s, lost = tick(instance, None)  # cursor lost (daemon state reset): re-scan, nothing new
        lost_requests = len(getattr(lost, "run_requests", None) or [])
    return {
        "files": len(first.run_requests),
        "import_s": import_s,
        "first_tick_s": first_s,
        "noop_ticks_s": noop,
        "lost_cursor_tick_s": lost_s,
        "lost_cursor_requests": lost_requests,
        "maxrss_mb": _maxrss_mb(),
    }


def publish_phase(staging: Path, warehouse: Path) -> dict[str, Any]:
    """Rebuild the warehouse from every staged record and publish it, as ``ingestion.ingest`` does."""
    from jixiao.core.settings import Settings
    from jixiao.extract import PARSER_VERSION
    from jixiao.ingestion.ingest import new_run_id
    from jixiao.ingestion.rebuild import rebuild
    from jixiao.warehouse.publish import publish

    settings = Settings.from_env(environ={}, home=warehouse.parent, staging=staging, warehouse=warehouse)
    split: dict[str, float] = {}
    memory: dict[str, tuple[float, float]] = {}  # step: (RSS after it, peak so far), MB

    def step(name: str, t: float) -> None:
        split[name] = time.perf_counter() - t
        memory[name] = (_rss_mb(), _maxrss_mb())

    t = time.perf_counter()
    rebuilt = rebuild(settings, PARSER_VERSION, new_run_id())
    step("rebuild: read, normalise, build and check by partition; ingest log", t)
    t = time.perf_counter()
    if rebuilt.candidate is not None:
        publish(rebuilt.candidate, warehouse)
    step("publish", t)
    return {
        "records": rebuilt.row_counts["dim_report"],
        "partitions": rebuilt.partitions,
        "split_s": split,
        "memory_mb": memory,
        "rows": rebuilt.row_counts,
        "blocking_failed": sorted({r.check_name for r in rebuilt.blocking}),
        "warnings_failed": sorted({r.check_name for r in rebuilt.warnings}),
        "maxrss_mb": _maxrss_mb(),
        "checker_maxrss_mb": _maxrss_mb(resource.RUSAGE_CHILDREN),  # the GX checker process, reaped
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="phase", required=True)
    sc = sub.add_parser("scaling")
    sc.add_argument("--files", type=Path, required=True, help="a text file listing one PDF per line")
    sc.add_argument("--runs-dir", type=Path, required=True)
    se = sub.add_parser("sensor")
    se.add_argument("--inbox", type=Path, required=True)
    se.add_argument("--staging", type=Path, required=True)
    se.add_argument("--ticks", type=int, default=5)
    pu = sub.add_parser("publish")
    pu.add_argument("--staging", type=Path, required=True)
    pu.add_argument("--warehouse", type=Path, required=True)
    pu.add_argument("--profile", type=Path)
    args = parser.parse_args(argv)
    if args.phase == "scaling":
        paths = [Path(line) for line in args.files.read_text().splitlines() if line]
        out = scaling(paths, args.runs_dir)
    elif args.phase == "sensor":
        out = sensor(args.inbox, args.staging, args.ticks)
    elif args.profile:
        profiler = cProfile.Profile()
        out = profiler.runcall(publish_phase, args.staging, args.warehouse)
        profiler.dump_stats(args.profile)
    else:
        out = publish_phase(args.staging, args.warehouse)
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
