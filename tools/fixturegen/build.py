"""Render a spec and write its truth file beside the corpus."""

from __future__ import annotations

from pathlib import Path

from fixturegen.render.report import render_report
from fixturegen.spec import ReportSpec
from fixturegen.truth import build_truth, write_truth
from jixiao.extract.model import ParsedReport


def build_report(spec: ReportSpec, pdf_dir: Path, truth_dir: Path) -> ParsedReport:
    """Write ``<pdf_dir>/<file_name>`` and ``<truth_dir>/<stem>.json``; return the truth."""
    pdf_dir.mkdir(parents=True, exist_ok=True)
    truth_dir.mkdir(parents=True, exist_ok=True)
    pdf = pdf_dir / spec.file_name
    result = render_report(spec, pdf)
    truth = build_truth(spec, result)
    write_truth(truth, truth_dir / (Path(spec.file_name).stem + ".json"))
    return truth
