"""``python -m fixturegen.office``: rebuild the office-made fixtures (needs LibreOffice and python-docx)."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from fixturegen.office.reports import REPORTS
from fixturegen.office.spec import OfficeReport, truth

REPO = Path(__file__).resolve().parents[3]
OUT = Path("tests") / "fixtures" / "office"


def convert(docx: Path, out_dir: Path) -> Path:
    """Export ``docx`` to PDF with LibreOffice in a throw-away profile; returns the PDF path."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice is needed: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    pdf = out_dir / f"{docx.stem}.pdf"
    if not pdf.exists():
        raise SystemExit(f"LibreOffice did not write {pdf}")
    return pdf


def generate(report: OfficeReport, out_dir: Path) -> list[Path]:
    """Write one report's .docx, .pdf and truth .json into ``out_dir``."""
    docx = out_dir / f"{report.stem}.docx"
    report.build(report).save(str(docx))
    pdf = convert(docx, out_dir)
    truth_path = out_dir / f"{report.stem}.json"
    text = json.dumps(truth(report), ensure_ascii=False, indent=2, sort_keys=True)
    truth_path.write_text(text + "\n", encoding="utf-8")
    return [docx, pdf, truth_path]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fixturegen.office", description=__doc__)
    parser.add_argument("--root", type=Path, default=REPO, help="repository root to write into")
    parser.add_argument("stems", nargs="*", help="only these reports (default: all)")
    args = parser.parse_args(argv)
    out_dir = args.root / OUT
    out_dir.mkdir(parents=True, exist_ok=True)
    for report in REPORTS:
        if args.stems and report.stem not in args.stems:
            continue
        for path in generate(report, out_dir):
            print(path.relative_to(args.root))
    return 0


if __name__ == "__main__":
    sys.exit(main())
