"""Data quality: GX Core suites (committed in ``expectations/``) run on the warehouse's pandas frames."""

import os

os.environ["GX_ANALYTICS_ENABLED"] = "false"  # before GX is imported: no usage analytics, no network

from quality.checks import CHECKS, CheckSpec
from quality.results import CheckResult, blocking_failures, by_check, results_frame
from quality.runner import data_docs_dir, data_docs_index, run_checks
from quality.vocab import LEVEL1_VALUES, LEVEL2_VALUES, TARGET_OPS

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
