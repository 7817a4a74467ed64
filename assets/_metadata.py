"""Small, uniform materialization metadata: row counts and a preview."""

from __future__ import annotations

import pandas as pd
from dagster import MetadataValue

PREVIEW_ROWS = 5


def frame_metadata(frame: pd.DataFrame, rows: int | None = None) -> dict[str, object]:
    """Row count (``rows``, else the frame's), column names and the first rows of ``frame`` as Markdown."""
    head = frame.head(PREVIEW_ROWS).astype(str)
    return {
        "dagster/row_count": len(frame) if rows is None else rows,
        "columns": ", ".join(map(str, frame.columns)),
        "preview": MetadataValue.md(head.to_markdown(index=False) if len(head) else "(no rows)"),
    }
