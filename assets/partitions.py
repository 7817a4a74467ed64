"""The dynamic partitions of the asset graph: one per distinct report file (key = sha256 of its bytes)."""

from __future__ import annotations

from dagster import DynamicPartitionsDefinition

REPORT_FILES = "report_files"

report_files = DynamicPartitionsDefinition(name=REPORT_FILES)
