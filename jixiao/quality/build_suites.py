"""Regenerate the committed GX project in ``expectations/`` from :mod:`jixiao.quality.checks`.

Run once after changing a check: ``python -m jixiao.quality.build_suites [ROOT]``; commit the files it writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from jixiao.quality.gxcontext import PROJECT_ROOT, write_project


def main(argv: list[str] | None = None) -> int:
    """Write the project to ROOT (default: the repository's ``expectations/``)."""
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else PROJECT_ROOT
    print(write_project(root))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
