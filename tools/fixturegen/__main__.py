"""``python -m fixturegen``: regenerate the whole fixture corpus deterministically."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fixturegen.corpus.registry import generate_all

REPO = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fixturegen", description=__doc__)
    parser.add_argument(
        "--root", type=Path, default=REPO, help="repository root to write into (default: this repo)"
    )
    args = parser.parse_args(argv)
    written = generate_all(args.root)
    for path in written:
        print(path.relative_to(args.root))
    return 0


if __name__ == "__main__":
    sys.exit(main())
