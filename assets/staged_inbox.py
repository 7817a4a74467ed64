"""The nightly catch-up: the whole inbox registered as partitions and staged, fanned out in steps.

A graph-backed asset: ``register_inbox`` scans the inbox once and registers new partitions, then
emits the files in batches (dynamic outputs); each batch is one ``stage_batch`` step; ``summarize``
collects the outcomes into the asset's metadata. On one host the whole inbox is one batch, parsed on
``settings.workers`` processes. Under a distributed executor (``JIXIAO_EXECUTOR=celery``) each batch
is a step that any worker may run: ``files_per_step: 1`` makes every file its own step.
"""

from collections import Counter
from pathlib import Path

from dagster import (
    Config,
    DynamicOut,
    DynamicOutput,
    MetadataValue,
    OpExecutionContext,
    Out,
    Output,
    graph_asset,
    op,
)

from jixiao.assets.inbox import InboxFile, inbox_label, scan_inbox
from jixiao.assets.partitions import REPORT_FILES
from jixiao.assets.resources import JixiaoSettings
from jixiao.assets.routing import ONCE_TAGS
from jixiao.staging.runner import stage_files

# Steps with this prefix parse files; the scale-out check finds them by it in the event log.
STAGE_STEP = "staged_inbox.stage_batch"


class FanOut(Config):
    """How the inbox is split into steps: 0 puts every file in one step (one host)."""

    files_per_step: int = 0


def batches(files: list[InboxFile], files_per_step: int) -> list[list[InboxFile]]:
    """Files grouped by content (copies stay together), then ``files_per_step`` contents per batch.

    Always at least one batch, possibly empty, so the collecting step runs on an empty inbox too.
    """
    by_content: dict[str, list[InboxFile]] = {}
    for item in files:
        by_content.setdefault(item.sha256, []).append(item)
    groups = [by_content[key] for key in sorted(by_content)]
    size = files_per_step if files_per_step > 0 else max(len(groups), 1)
    chunks = [groups[i : i + size] for i in range(0, len(groups), size)] or [[]]
    return [[item for group in chunk for item in group] for chunk in chunks]


def _mapping_key(batch: list[InboxFile], index: int) -> str:
    return batch[0].sha256[:16] if batch else f"empty_{index}"


@op(out={"batches": DynamicOut(list), "registered": Out(dict)}, tags=ONCE_TAGS)
def register_inbox(context: OpExecutionContext, config: FanOut, jixiao: JixiaoSettings):
    """Scan the inbox once, register new contents as report_files partitions, emit the batches."""
    settings = jixiao.settings()
    files = scan_inbox(settings.inbox, settings.staging)
    known = set(context.instance.get_dynamic_partitions(REPORT_FILES))
    new_keys = sorted({f.sha256 for f in files} - known)
    if new_keys:
        context.instance.add_dynamic_partitions(REPORT_FILES, new_keys)
    for i, batch in enumerate(batches(files, config.files_per_step)):
        yield DynamicOutput(
            [str(item.path) for item in batch], mapping_key=_mapping_key(batch, i), output_name="batches"
        )
    yield Output({"files": len(files), "new_partitions": len(new_keys)}, output_name="registered")


@op(out=Out(dict))
def stage_batch(context: OpExecutionContext, jixiao: JixiaoSettings, paths: list[str]) -> dict:
    """Stage one batch of inbox files (parsed at most once each); bad files are rejections, never errors."""
    settings = jixiao.settings()
    # stage_files serves cached contents in this process and parses the rest on settings.workers
    # child processes with a hard time limit; bad files come back as rejected outcomes, never raise.
    labels = [inbox_label(settings.inbox, Path(path)) for path in paths]
    outcomes = stage_files(paths, settings, context.run_id, labels=labels)
    return {
        "statuses": dict(Counter(o.status for o in outcomes)),
        "rejected": [f"- {o.log_row['source_path']}: {o.reason}" for o in outcomes if o.status == "rejected"],
    }


@op(tags=ONCE_TAGS)
def summarize(context: OpExecutionContext, registered: dict, staged: list[dict]) -> None:
    """The asset's metadata: files seen, partitions registered, outcomes by status, rejections."""
    statuses: Counter[str] = Counter()
    for part in staged:
        statuses.update(part["statuses"])
    rejected = [line for part in staged for line in part["rejected"]]
    context.add_output_metadata(
        {
            **registered,
            "steps": len(staged),
            **{f"status.{k}": v for k, v in sorted(statuses.items())},
            "rejected": MetadataValue.md("\n".join(rejected) or "(none)"),
        }
    )


@graph_asset(group_name="ingest")
def staged_inbox():
    """Every inbox file registered as a report_files partition and staged (parsed at most once)."""
    batches_out, registered = register_inbox()
    return summarize(registered, batches_out.map(stage_batch).collect())
