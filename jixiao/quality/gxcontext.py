"""The GX file context: written once from :mod:`.checks`, loaded from a private copy at run time.

Runs never touch the committed project in ``expectations/``: the first call copies it to a temporary
directory and opens that copy, once per process; validation results and Data Docs sites go there (or
to the warehouse's ``data_docs`` folder), never back into the repository.
"""

from __future__ import annotations

import atexit
import copy
import re
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import great_expectations as gx
from great_expectations.core.batch_definition import BatchDefinition
from great_expectations.data_context import AbstractDataContext
from great_expectations.data_context.types.base import ProgressBarsConfig

from jixiao.quality.catalog import PROJECT_ROOT, write_catalog
from jixiao.quality.checks import CHECKS, SUITES

DATASOURCE = "jixiao_frames"
BATCH_DEFINITION = "whole_frame"
PARTIAL_UNEXPECTED_COUNT = 10


def _quiet(context: AbstractDataContext) -> None:
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    context.variables.analytics_enabled = False


def write_project(root: Path = PROJECT_ROOT) -> Path:
    """Create the GX project under ``root`` (replacing an earlier one) from the check catalogue."""
    shutil.rmtree(root / "gx", ignore_errors=True)
    context = gx.get_context(mode="file", project_root_dir=root)
    for site in list(context.get_site_names()):
        context.delete_data_docs_site(site)  # runs add their own site beside the warehouse
    _quiet(context)
    context.variables.save()
    datasource = context.data_sources.add_pandas(DATASOURCE)
    for definition in SUITES:
        batch = datasource.add_dataframe_asset(definition.name).add_batch_definition_whole_dataframe(
            BATCH_DEFINITION
        )
        # copies: adding binds an expectation to its suite, and the catalogue's are written again
        expectations = [copy.copy(expectation) for expectation in definition.expectations]
        suite = context.suites.add(gx.ExpectationSuite(definition.name, expectations=expectations))
        validation = context.validation_definitions.add(
            gx.ValidationDefinition(name=definition.name, data=batch, suite=suite)
        )
        context.checkpoints.add(
            gx.Checkpoint(
                name=definition.name,
                validation_definitions=[validation],
                result_format={
                    "result_format": "SUMMARY",
                    "unexpected_index_column_names": definition.id_columns,
                    "partial_unexpected_count": PARTIAL_UNEXPECTED_COUNT,
                },
            )
        )
    shutil.rmtree(root / "gx" / "uncommitted", ignore_errors=True)
    _stable_ids(root / "gx")
    write_catalog(CHECKS, root)
    return root / "gx"


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_ID_NAMESPACE = uuid.UUID("5f0c1d7e-7a51-4f0e-9a57-6a1a0c5e1b2d")  # jixiao's GX project ids


def _stable_ids(gx_dir: Path) -> None:
    """Replace the random ids GX gave the project's objects by ids derived from where each first
    appears (file and order), so that regenerating unchanged checks rewrites no file. The same id
    keeps the same replacement everywhere, so the objects' references to one another hold."""
    texts = {path: path.read_text(encoding="utf-8") for path in sorted(gx_dir.rglob("*")) if path.is_file()}
    stable: dict[str, str] = {}
    for path, text in texts.items():
        for index, found in enumerate(_UUID.findall(text)):
            key = f"{path.relative_to(gx_dir).as_posix()}#{index}"
            stable.setdefault(found, str(uuid.uuid5(_ID_NAMESPACE, key)))
    for path, text in texts.items():
        new = _UUID.sub(lambda m: stable[m.group(0)], text)
        if new != text:
            path.write_text(new, encoding="utf-8")


_WORKDIRS: list[Path] = []  # this process's private copies, removed at exit or by remove_workdirs()


def remove_workdirs() -> None:
    """Remove this process's private copies of the project (for a process that skips ``atexit``)."""
    while _WORKDIRS:
        shutil.rmtree(_WORKDIRS.pop(), ignore_errors=True)


atexit.register(remove_workdirs)


@cache
def runtime_context() -> AbstractDataContext:
    """A file context opened on a private copy of the committed project (one per process)."""
    if not (PROJECT_ROOT / "gx" / "great_expectations.yml").exists():
        raise FileNotFoundError(
            f"no GX project in {PROJECT_ROOT}; run `python -m jixiao.quality.build_suites`"
        )
    workdir = Path(tempfile.mkdtemp(prefix="jixiao-gx-"))
    _WORKDIRS.append(workdir)
    shutil.copytree(PROJECT_ROOT / "gx", workdir / "gx", ignore=shutil.ignore_patterns("uncommitted"))
    context = gx.get_context(mode="file", project_root_dir=workdir)
    _quiet(context)
    return context


@dataclass(frozen=True)
class SuitePlan:
    """What validating one suite needs, read once per process from its committed checkpoint."""

    suite: gx.ExpectationSuite
    batch_definition: BatchDefinition
    result_format: dict[str, Any]
    checkpoint_id: str
    validation_id: str


@cache
def suite_plans() -> dict[str, SuitePlan]:
    """Every suite's plan by name, from the checkpoints of :func:`runtime_context` (one per process).

    A run validates each suite with ``Batch.validate`` on these objects rather than through its
    Checkpoint: the checkpoint's stored configuration is the same, but a Checkpoint run re-reads every
    object from the stores to check it is fresh and writes a result per partition, which together cost
    more than validating the rows."""
    context = runtime_context()
    plans = {}
    for definition in SUITES:
        checkpoint = context.checkpoints.get(definition.name)
        (validation,) = checkpoint.validation_definitions
        result_format = checkpoint.result_format  # a dict, as write_project() made it
        plans[definition.name] = SuitePlan(
            suite=validation.suite,
            batch_definition=validation.batch_definition,
            result_format=dict(result_format) if isinstance(result_format, dict) else {},
            checkpoint_id=str(checkpoint.id),
            validation_id=str(validation.id),
        )
    return plans


def use_docs_site(context: AbstractDataContext, directory: Path) -> str:
    """Point the context's one Data Docs site at ``directory``; returns the site name."""
    name = "warehouse"
    config = {
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(directory)},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    }
    if name in context.get_site_names():
        context.update_data_docs_site(name, config)
    else:
        context.add_data_docs_site(name, config)
    return name
