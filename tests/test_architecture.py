"""The house rules: one import package in layers, imports only downward, Dagster only at the top.

Read from the source with ``ast`` (no import is executed), so a violation names the file and line.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Layer of each subpackage, bottom first; where it lives in the repository.
LAYERS: dict[str, tuple[int, Path]] = {
    "core": (0, ROOT / "jixiao" / "core"),
    "extract": (1, ROOT / "jixiao" / "extract"),
    "staging": (2, ROOT / "jixiao" / "staging"),
    "warehouse": (3, ROOT / "warehouse"),
    "quality": (4, ROOT / "jixiao" / "quality"),
    "ingestion": (5, ROOT / "jixiao" / "ingestion"),
    "bi": (6, ROOT / "jixiao" / "bi"),
    "cli": (7, ROOT / "jixiao" / "cli"),
    "assets": (8, ROOT / "assets"),
    "pipelines": (9, ROOT / "pipelines"),
}
DAGSTER_LAYERS = {"assets", "pipelines"}
# Names that were top-level packages before everything moved under jixiao; importing them would
# load a second copy of a module (or the test tooling) under another name.
FORBIDDEN_TOP_LEVEL = {
    "extract",
    "warehouse",
    "quality",
    "assets",
    "pipelines",
    "fixturegen",
    "quality_sample",
}


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in ``path``, relative imports resolved to absolute names."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                raise AssertionError(f"{path}:{node.lineno}: use absolute jixiao imports")
            module = node.module or ""
            found.append((node.lineno, module))
            if module == "jixiao":  # from jixiao import staging → jixiao.staging
                found += [(node.lineno, f"jixiao.{alias.name}") for alias in node.names]
    return found


def _violations() -> list[str]:
    problems: list[str] = []
    for name, (level, folder) in LAYERS.items():
        assert folder.is_dir(), f"layer {name} has no folder {folder}"
        for path in sorted(folder.rglob("*.py")):
            where = f"{folder.name}/{path.relative_to(folder)}"
            for line, module in _imports(path):
                top, _, rest = module.partition(".")
                if top in FORBIDDEN_TOP_LEVEL:
                    problems.append(f"{where}:{line}: imports {module}; use jixiao.{module}")
                if (top == "dagster" or top.startswith("dagster_")) and name not in DAGSTER_LAYERS:
                    problems.append(f"{where}:{line}: {name} imports Dagster ({module})")
                if top != "jixiao" or not rest:
                    continue
                target = rest.partition(".")[0]
                if target not in LAYERS or target == name:
                    continue
                target_level = LAYERS[target][0]
                if target_level > level or (target_level == level and target != name):
                    problems.append(
                        f"{where}:{line}: {name} (layer {level}) imports {module} (layer {target_level})"
                    )
    return problems


def test_imports_only_go_down_the_layers() -> None:
    assert _violations() == []


def test_the_layer_check_can_fail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An upward import planted in a copy of the core layer is reported with its file and line."""
    core = tmp_path / "core"
    core.mkdir()
    (core / "bad.py").write_text(
        "from jixiao.ingestion.ingest import ingest\nimport dagster\n", encoding="utf-8"
    )
    monkeypatch.setitem(LAYERS, "core", (0, core))
    problems = _violations()
    assert any("core/bad.py:1" in p and "jixiao.ingestion.ingest" in p for p in problems), problems
    assert any("core/bad.py:2" in p and "Dagster" in p for p in problems), problems


def test_every_python_file_of_the_package_belongs_to_a_layer() -> None:
    layered = {p for _, folder in LAYERS.values() for p in folder.rglob("*.py")}
    loose = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "jixiao").rglob("*.py") if p not in layered)
    assert loose == ["jixiao/__init__.py"]


def test_extract_imports_no_dagster_at_run_time() -> None:
    code = (
        "import sys, jixiao.extract, jixiao.extract.values, jixiao.extract.parse, jixiao.extract.tables\n"
        "bad = sorted(m for m in sys.modules if m == 'dagster' or m.startswith('dagster.'))\n"
        "print(','.join(bad))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "", f"jixiao.extract imported Dagster modules: {proc.stdout.strip()}"
