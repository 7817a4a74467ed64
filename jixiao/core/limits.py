"""Resource limits for one parse, so a hostile or broken file cannot stall the run."""

from __future__ import annotations

from dataclasses import dataclass

A4_AREA_PT2 = 595.0 * 842.0


@dataclass(frozen=True)
class Limits:
    """Per-file limits: bytes, pages, page area (points²), wall-clock seconds; OCR CPU-seconds a page;
    parser memory (MB)."""

    max_file_bytes: int = 50 * 1024 * 1024
    max_pages: int = 300
    max_page_area: float = 20 * A4_AREA_PT2
    max_seconds: float = 300.0  # a text PDF takes about a second; a 50-page scan's OCR about 200 s
    ocr_seconds_per_page: float = 30.0  # CPU seconds for the OCR of one scanned page
    max_memory_mb: int = 4096  # address space of one parser process (RLIMIT_AS); OCR peaks near 1 GB RSS
