"""The files of another commit, laid out so that a process with ``PYTHONPATH`` set to them imports
every jixiao module from that commit.

The editable install maps the top-level folders ``warehouse/``, ``assets/``, ``pipelines/`` and
``expectations/`` to jixiao subpackages (pyproject's package-dir). With ``PYTHONPATH`` alone, ``jixiao``
would come from the ref but those subpackages from this checkout; linking them into the ref's
``jixiao/`` makes the whole package the ref's.
"""

from __future__ import annotations

import subprocess
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAPPED = ("warehouse", "assets", "pipelines", "expectations")


def checkout(ref: str, into: Path) -> Path:
    """The files of ``ref`` in ``into``/ref (git archive: the shared repository is not touched)."""
    archive = into / "ref.tar"
    subprocess.run(["git", "archive", "--output", str(archive), ref], cwd=ROOT, check=True)
    tree = into / "ref"
    with tarfile.open(archive) as tar:
        tar.extractall(tree, filter="data")
    for folder in MAPPED:
        (tree / "jixiao" / folder).symlink_to(tree / folder, target_is_directory=True)
    return tree
