"""The extractor is a plain library: importing it must not pull in Dagster."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_extract_imports_no_dagster() -> None:
    code = (
        "import sys, extract, extract.values, extract.parse, extract.tables, extract.indicators\n"
        "bad = sorted(m for m in sys.modules if m == 'dagster' or m.startswith('dagster.'))\n"
        "print(','.join(bad))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "", f"extract imported Dagster modules: {proc.stdout.strip()}"


def test_extract_source_never_mentions_dagster() -> None:
    offenders = [
        p.name for p in (ROOT / "extract").glob("*.py") if "import dagster" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []
