"""Where a run's GX Data Docs site is written (without importing GX: the asset checks only link it)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol


class WarehouseSettings(Protocol):
    """What the Data Docs location needs from ``jixiao.core.settings.Settings``."""

    warehouse: Path


def data_docs_dir(settings: WarehouseSettings) -> Path:
    """Where the Data Docs site is written: ``<warehouse dir>/data_docs``."""
    return Path(settings.warehouse).resolve().parent / "data_docs"


def data_docs_index(settings: WarehouseSettings) -> Path:
    """The Data Docs page to open after a check run."""
    return data_docs_dir(settings) / "index.html"
