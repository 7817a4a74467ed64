"""The Python half of scripts/scaleout-check.sh: make the inbox, prove where steps ran, compare facts.

    python tools/scaleout_check.py inbox DIR --reports N        # N generated reports + two bad files
    python tools/scaleout_check.py verify --launcher-pid P --worker-pid W ... --published A --reference B

``verify`` reads the latest ``nightly_job`` run from the Dagster instance (``$DAGSTER_HOME``, PostgreSQL
in the check) and the two warehouses, prints what it found, and exits 1 naming each thing that did not
hold: the run succeeded; every parse step ran in a process of one of the given Celery workers (its
events carry that process's pid) and never in the launcher; every worker ran parse steps; the steps
that must run once ran once; the published warehouse has the same facts as the reference.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from jixiao.assets.staged_inbox import STAGE_STEP

# Compared in full except timestamps (when a file was ingested differs between two runs by design).
FACT_TABLES = ("fact_indicator", "fact_finance", "fact_evaluation", "dim_report")
ONCE_STEPS = (
    "staged_inbox.register_inbox",
    "staged_inbox.summarize",
    "warehouse_tables",
    "warehouse_views",
    "published_warehouse",
    "data_quality",
)
BAD_FILES = {"下载失败.pdf": b"<html><body>404 Not Found</body></html>", "空文件.pdf": b""}


def make_inbox(inbox: Path, reports: int, seed: int, corpus: Path | None = None) -> int:
    """``reports`` generated reports (PDF only) and two bad files in ``inbox``; returns the file count.

    The reports are generated into ``corpus`` (default: beside the inbox); a corpus folder that
    already holds this many reports of this seed is reused (the benchmark runs several times).
    """
    from fixturegen.synth import generate_corpus

    corpus = corpus or inbox.parent / "corpus"
    done = corpus / f".complete-{reports}-{seed}"
    if done.exists():
        pdfs = [corpus / name for name in done.read_text(encoding="utf-8").splitlines()]
    else:
        pdfs = generate_corpus(corpus, reports, seed=seed, workers=2)
        done.write_text("\n".join(p.name for p in pdfs), encoding="utf-8")
    inbox.mkdir(parents=True, exist_ok=True)
    for pdf in pdfs:
        (inbox / pdf.name).write_bytes(pdf.read_bytes())
    for name, data in BAD_FILES.items():
        (inbox / name).write_bytes(data)
    return len(pdfs) + len(BAD_FILES)


def _parent_pid(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("PPid:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def worker_of(pid: int, workers: list[int]) -> int | None:
    """The worker whose process tree ``pid`` is in (itself, or a pool child of it), else None."""
    seen = 0
    while pid and pid > 1 and seen < 5:
        if pid in workers:
            return pid
        pid = _parent_pid(pid) or 0
        seen += 1
    return None


@dataclass
class RunFacts:
    """What the event log says about one run."""

    run_id: str
    status: str
    stage_steps: dict[str, int] = field(default_factory=dict)  # step key → pid of its STEP_START
    succeeded: Counter[str] = field(default_factory=Counter)  # step key → STEP_SUCCESS events
    celery_hosts: dict[str, str] = field(default_factory=dict)  # step key → Celery worker name
    submitted: dict[str, float] = field(default_factory=dict)  # step key → when it was sent to Celery
    started: dict[str, float] = field(default_factory=dict)  # step key → STEP_START time
    finished: dict[str, float] = field(default_factory=dict)  # step key → STEP_SUCCESS time

    def timings(self) -> dict[str, float]:
        """Where the run's time went: parse steps (in the worker, and sent to done), fan-out, publish."""
        stage = [k for k in self.started if k.startswith(STAGE_STEP) and k in self.finished]
        if not stage:
            return {}
        inside = [self.finished[k] - self.started[k] for k in stage]
        round_trip = [self.finished[k] - self.submitted.get(k, self.started[k]) for k in stage]
        first = min(self.submitted.get(k, self.started[k]) for k in stage)
        last = max(self.finished[k] for k in stage)
        publish = [self.started.get("warehouse_tables"), self.finished.get("published_warehouse")]
        return {
            "parse_step_mean_s": round(sum(inside) / len(inside), 2),
            "parse_step_sent_to_done_mean_s": round(sum(round_trip) / len(round_trip), 2),
            "fan_out_s": round(last - first, 2),
            "build_check_publish_s": round(publish[1] - publish[0], 2) if None not in publish else -1.0,
        }


def read_run(job: str = "nightly_job") -> RunFacts:
    """The latest run of ``job`` in the instance at ``$DAGSTER_HOME``, from its event log."""
    from dagster import DagsterEventType, DagsterInstance, RunsFilter

    with DagsterInstance.get() as instance:
        runs = instance.get_runs(RunsFilter(job_name=job), limit=1)
        if not runs:
            raise SystemExit(f"No {job} run in the Dagster instance at $DAGSTER_HOME.")
        run = runs[0]
        facts = RunFacts(run.run_id, run.status.value)
        for record in instance.all_logs(run.run_id):
            event = record.dagster_event
            if event is None or not event.step_key:
                continue
            if event.event_type == DagsterEventType.STEP_START:
                facts.started[event.step_key] = record.timestamp
                if event.step_key.startswith(STAGE_STEP):
                    facts.stage_steps[event.step_key] = event.pid
            elif event.event_type == DagsterEventType.STEP_SUCCESS:
                facts.succeeded[event.step_key] += 1
                facts.finished[event.step_key] = record.timestamp
            elif event.event_type == DagsterEventType.ENGINE_EVENT and (event.message or "").startswith(
                "Submitting celery task"
            ):
                facts.submitted[event.step_key] = record.timestamp
            elif event.event_type == DagsterEventType.ENGINE_EVENT and "in celery worker" in (
                event.message or ""
            ):
                meta = event.engine_event_data.metadata if event.engine_event_data else {}
                host = meta.get("Celery worker")
                if host is not None:
                    facts.celery_hosts[event.step_key] = str(host.value)
    return facts


def _columns(con: duckdb.DuckDBPyConnection, db: str, table: str) -> list[str]:
    rows = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_catalog = ? and table_name = ? order by ordinal_position",
        [db, table],
    ).fetchall()
    return [name for name, kind in rows if not kind.startswith("TIMESTAMP")]


def compare_facts(published: Path, reference: Path) -> tuple[dict[str, int], list[str]]:
    """Row counts of the published facts, and every difference from the reference warehouse."""
    problems: list[str] = []
    counts: dict[str, int] = {}
    with duckdb.connect() as con:
        con.execute(f"attach '{published}' as pub (read_only)")
        con.execute(f"attach '{reference}' as ref (read_only)")
        for table in FACT_TABLES:
            cols = _columns(con, "pub", table)
            if cols != _columns(con, "ref", table):
                problems.append(f"{table}: the two warehouses have different columns")
                continue
            select = ", ".join(f'"{c}"' for c in cols)
            counts[table] = con.execute(f"select count(*) from pub.{table}").fetchone()[0]
            ref_count = con.execute(f"select count(*) from ref.{table}").fetchone()[0]
            only_pub = con.execute(
                f"select count(*) from (select {select} from pub.{table} except all "
                f"select {select} from ref.{table})"
            ).fetchone()[0]
            only_ref = con.execute(
                f"select count(*) from (select {select} from ref.{table} except all "
                f"select {select} from pub.{table})"
            ).fetchone()[0]
            if counts[table] == 0:
                problems.append(f"{table}: the published warehouse has no rows")
            if only_pub or only_ref or counts[table] != ref_count:
                problems.append(
                    f"{table}: {counts[table]} rows published, {ref_count} in the reference; "
                    f"{only_pub} only in the published one, {only_ref} only in the reference"
                )
    return counts, problems


def verify(args: argparse.Namespace) -> int:
    facts = read_run()
    problems: list[str] = []
    if facts.status != "SUCCESS":
        problems.append(f"nightly_job run {facts.run_id} ended {facts.status}")
    workers: list[int] = args.worker_pid
    expected = len({p.read_bytes() for p in Path(args.inbox).iterdir() if p.is_file()})
    if len(facts.stage_steps) != expected:
        problems.append(f"{len(facts.stage_steps)} parse steps for {expected} distinct files in the inbox")
    per_worker: Counter[int] = Counter()
    for step, pid in sorted(facts.stage_steps.items()):
        owner = worker_of(pid, workers)
        if pid == args.launcher_pid:
            problems.append(f"{step} ran in the launcher process (pid {pid})")
        elif owner is None:
            problems.append(f"{step} ran in pid {pid}, which is not a process of any Celery worker")
        else:
            per_worker[owner] += 1
        if step not in facts.celery_hosts:
            problems.append(f"{step} has no 'executing in celery worker' event")
        if facts.succeeded[step] != 1:
            problems.append(f"{step} succeeded {facts.succeeded[step]} times")
    idle = [pid for pid in workers if per_worker[pid] == 0]
    if idle:
        problems.append(f"worker(s) {idle} ran no parse step")
    for step in ONCE_STEPS:
        if facts.succeeded[step] != 1:
            problems.append(f"{step} succeeded {facts.succeeded[step]} times, not once")
    counts, differences = compare_facts(Path(args.published), Path(args.reference))
    problems += differences
    summary = {
        "run_id": facts.run_id,
        "parse_steps": len(facts.stage_steps),
        "parse_steps_per_worker_pid": {str(k): v for k, v in sorted(per_worker.items())},
        "celery_workers": sorted(set(facts.celery_hosts.values())),
        "fact_rows": counts,
        **facts.timings(),
    }
    print(json.dumps(summary, ensure_ascii=False))
    for problem in problems:
        print(f"scaleout-check: FAILED: {problem}", file=sys.stderr)
    if args.summary:
        Path(args.summary).write_text(json.dumps({**summary, "problems": problems}, ensure_ascii=False))
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("inbox", help="generate the inbox")
    make.add_argument("inbox", type=Path)
    make.add_argument("--reports", type=int, default=12)
    make.add_argument("--seed", type=int, default=17)
    make.add_argument("--corpus", type=Path, help="generate into (or reuse) this folder")
    check = sub.add_parser("verify", help="prove where the steps ran and compare the facts")
    check.add_argument("--inbox", required=True)
    check.add_argument("--launcher-pid", type=int, required=True)
    check.add_argument("--worker-pid", type=int, action="append", required=True)
    check.add_argument("--published", required=True)
    check.add_argument("--reference", required=True)
    check.add_argument("--summary", help="also write the findings as JSON here")
    args = parser.parse_args(argv)
    if args.command == "inbox":
        print(make_inbox(args.inbox, args.reports, args.seed, args.corpus))
        return 0
    return verify(args)


if __name__ == "__main__":
    sys.exit(main())
