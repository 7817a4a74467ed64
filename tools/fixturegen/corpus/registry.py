"""Every hand-made fixture and where it goes in the repository."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from fixturegen.bad import write_bad_inputs
from fixturegen.build import build_report
from fixturegen.corpus import chengdu_eco, foshan_project, hangzhou_amr, hunan_water, jiangmen
from fixturegen.spec import ReportSpec

SAMPLES: tuple[Callable[[], ReportSpec], ...] = (
    jiangmen.spec_2023,
    jiangmen.spec_2022,
    jiangmen.spec_2021,
    hunan_water.spec,
    chengdu_eco.spec,
    hangzhou_amr.spec,
    foshan_project.spec,
)
REISSUES: tuple[Callable[[], ReportSpec], ...] = (jiangmen.spec_2022_reissue,)

SAMPLES_DIR = Path("samples/reports")
TRUTH_DIR = Path("tests/fixtures/truth")
REISSUE_DIR = Path("tests/fixtures/reissue")
BAD_DIR = Path("tests/fixtures/bad")


def generate_all(root: Path) -> list[Path]:
    """Write samples + truths, re-issues, and bad inputs under ``root``; returns the files written."""
    written: list[Path] = []
    for make in SAMPLES:
        spec = make()
        build_report(spec, root / SAMPLES_DIR, root / TRUTH_DIR)
        written += [
            root / SAMPLES_DIR / spec.file_name,
            root / TRUTH_DIR / (Path(spec.file_name).stem + ".json"),
        ]
    for make in REISSUES:
        spec = make()
        build_report(spec, root / REISSUE_DIR, root / REISSUE_DIR)
        written += [
            root / REISSUE_DIR / spec.file_name,
            root / REISSUE_DIR / (Path(spec.file_name).stem + ".json"),
        ]
    with tempfile.TemporaryDirectory() as tmp:
        written += write_bad_inputs(root / BAD_DIR, Path(tmp))
    return written
