"""The GX file context: written once from :mod:`.checks`, loaded from a private copy at run time.

Runs never touch the committed project in ``expectations/``: the first call copies it to a temporary
directory and opens that copy, once per process; validation results and Data Docs sites go there (or
to the warehouse's ``data_docs`` folder), never back into the repository.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from pathlib import Path

import great_expectations as gx
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
        suite = context.suites.add(gx.ExpectationSuite(definition.name, expectations=definition.expectations))
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
    write_catalog(CHECKS, root)
    return root / "gx"


@cache
def runtime_context() -> AbstractDataContext:
    """A file context opened on a private copy of the committed project (one per process)."""
    if not (PROJECT_ROOT / "gx" / "great_expectations.yml").exists():
        raise FileNotFoundError(
            f"no GX project in {PROJECT_ROOT}; run `python -m jixiao.quality.build_suites`"
        )
    workdir = Path(tempfile.mkdtemp(prefix="jixiao-gx-"))
    atexit.register(shutil.rmtree, workdir, True)
    shutil.copytree(PROJECT_ROOT / "gx", workdir / "gx", ignore=shutil.ignore_patterns("uncommitted"))
    context = gx.get_context(mode="file", project_root_dir=workdir)
    _quiet(context)
    return context


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
