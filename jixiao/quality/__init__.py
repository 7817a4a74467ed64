"""Data quality: GX Core suites (committed in ``expectations/``) run on the warehouse's pandas frames.

Importing the package imports neither Great Expectations nor pandas: the check catalogue (``CHECKS``)
comes from ``expectations/checks.json``; the results (pandas), ``run_checks`` and the Data Docs helpers
load on first use.
"""

import os
from typing import Any

os.environ["GX_ANALYTICS_ENABLED"] = "false"  # before GX is imported: no usage analytics, no network

from jixiao.quality.catalog import CheckSpec
from jixiao.quality.vocab import LEVEL1_VALUES, LEVEL2_VALUES, TARGET_OPS

# Loaded on first use: results needs pandas, which the catalogue's readers (a no-op run's summary) do not.
_LAZY = {
    "CheckResult": "jixiao.quality.results",
    "blocking_failures": "jixiao.quality.results",
    "by_check": "jixiao.quality.results",
    "results_frame": "jixiao.quality.results",
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
