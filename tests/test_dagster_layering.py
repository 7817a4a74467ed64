"""Only jixiao.assets and jixiao.pipelines may import dagster: the library packages stay plain Python."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIBRARY_PACKAGES = (
    "jixiao.core",
    "jixiao.extract",
    "jixiao.staging",
    "jixiao.warehouse",
    "jixiao.quality",
    "jixiao.ingestion",
    "jixiao.bi",
    "jixiao.cli",
)

_PROBE = """
import importlib, json, pkgutil, sys
names = []
for package in {packages!r}:
    pkg = importlib.import_module(package)
    names.append(package)
    for info in pkgutil.walk_packages(pkg.__path__, prefix=package + "."):
        importlib.import_module(info.name)
        names.append(info.name)
leaked = sorted(m for m in sys.modules if m == "dagster" or m.startswith("dagster."))
print(json.dumps({{"modules": names, "leaked": leaked}}))
"""


def test_library_packages_do_not_import_dagster() -> None:
    probe = _PROBE.format(packages=LIBRARY_PACKAGES)
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(LIBRARY_PACKAGES) <= set(result["modules"])
    assert result["leaked"] == [], f"dagster imported by a library module: {result['leaked']}"


def test_the_probe_detects_a_dagster_import() -> None:
    """The check itself can fail: importing jixiao.assets does pull dagster in."""
    probe = "import sys, jixiao.assets.partitions; print('dagster' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.stdout.strip() == "True", done.stderr


def test_loading_the_code_location_does_not_import_great_expectations() -> None:
    """The daemon, the webserver and every run load the definitions: GX loads only in the steps that check."""
    probe = (
        "import sys, jixiao.pipelines.definitions as d; from jixiao import quality;"
        "print(len(d.defs.resolve_asset_graph().asset_check_keys), 'great_expectations' in sys.modules);"
        "quality.run_checks;"
        "print('great_expectations' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    checks_and_loaded, loaded_on_use = done.stdout.strip().splitlines()[-2:]
    count, loaded = checks_and_loaded.split()
    assert int(count) >= 30 and loaded == "False"
    assert loaded_on_use == "True"  # the probe can fail: using the runner does load GX
