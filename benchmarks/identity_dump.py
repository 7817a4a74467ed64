"""Dump the parser's output for every document under tests/fixtures/ (and samples/), to prove a change
leaves it byte-identical.

    .venv/bin/python benchmarks/identity_dump.py OUT_DIR [--extra DIR ...] [--no-scans]

Every file except the fixtures' own truth/notes (``*.json``, ``*.md``) is parsed with
``jixiao.extract.parse_report``; ``OUT_DIR/<relative path>.json`` receives ``ParsedReport.to_dict()``
or the rejection's reason code and message. ``--extra`` adds a folder (e.g. the bench_cold corpus).
Compare two dumps with ``diff -r``. The parser's output never depends on the order of the files.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jixiao.extract import parse_report  # noqa: E402
from jixiao.extract.errors import ExtractError  # noqa: E402

SKIP_SUFFIXES = {".json", ".md"}


def documents(folder: Path, *, scans: bool) -> list[Path]:
    """The documents under ``folder``, in name order."""
    found = [
        p
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".") and p.suffix.lower() not in SKIP_SUFFIXES
    ]
    return [p for p in found if scans or "scans" not in p.parts]


def dump(path: Path) -> dict:
    """What the parser makes of ``path``: its report, or its rejection."""
    try:
        return {"report": parse_report(path).to_dict()}
    except ExtractError as exc:
        return {"rejected": exc.reason_code, "message": str(exc)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--extra", type=Path, action="append", default=[])
    ap.add_argument("--no-scans", action="store_true", help="leave out tests/fixtures/scans (OCR)")
    args = ap.parse_args()
    roots = [ROOT / "tests" / "fixtures", ROOT / "samples", *(p.resolve() for p in args.extra)]
    start = time.perf_counter()
    count = 0
    for root in roots:
        for path in documents(root, scans=not args.no_scans):
            rel = path.relative_to(root.parent)
            target = args.out / rel.parent / f"{rel.name}.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(dump(path), ensure_ascii=False, indent=1, sort_keys=True) + "\n")
            count += 1
    print(f"{count} documents in {time.perf_counter() - start:.1f} s → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
