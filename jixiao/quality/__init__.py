"""Data quality: GX Core suites (committed in ``expectations/``) run on the warehouse's pandas frames.

Importing the package does not import Great Expectations: the check catalogue (``CHECKS``) comes from
``expectations/checks.json``, and ``run_checks`` and the Data Docs helpers load GX on first use.
"""

import os
from typing import Any

os.environ["GX_ANALYTICS_ENABLED"] = "false"  # before GX is imported: no usage analytics, no network

from jixiao.quality.catalog import CheckSpec
from jixiao.quality.results import CheckResult, blocking_failures, by_check, results_frame
from jixiao.quality.vocab import LEVEL1_VALUES, LEVEL2_VALUES, TARGET_OPS

_LAZY = {
    "CHECKS": "jixiao.quality.catalog",
    "run_checks": "jixiao.quality.runner",
    "data_docs_dir": "jixiao.quality.datadocs",
    "data_docs_index": "jixiao.quality.datadocs",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CHECKS",
    "LEVEL1_VALUES",
    "LEVEL2_VALUES",
    "TARGET_OPS",
    "CheckResult",
    "CheckSpec",
    "blocking_failures",
    "by_check",
    "data_docs_dir",
    "data_docs_index",
    "results_frame",
    "run_checks",
]
