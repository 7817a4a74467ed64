"""Issue 12, case 9, for real: `jixiao ingest` on a read-only filesystem (a bind mount remounted read-only
in a private mount namespace, so even root gets EROFS) says one sentence, exits 2 before parsing, and
changes nothing already published."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_warehouse_sample import (
    build_warehouse,
    make_settings,
    sample_report,
    stage_documents,
    write_document,
)

# In a new user and mount namespace: make folder $0 read-only, then run the rest of the line.
_READ_ONLY = 'mount --bind -o ro "$0" "$0" && exec "$@"'


@functools.cache
def _no_read_only_mounts() -> str | None:
    """Why a folder cannot be mounted read-only here (None when it can)."""
    if shutil.which("unshare") is None:
        return "unshare (util-linux) is not installed"
    probe = Path(os.environ.get("TMPDIR", "/tmp")) / f"jixiao-ro-probe-{os.getpid()}"
    probe.mkdir(exist_ok=True)
    try:
        done = subprocess.run(
            ["unshare", "-rm", "sh", "-c", _READ_ONLY, str(probe), "sh", "-c", '! touch "$0/x"', str(probe)],
            capture_output=True,
            text=True,
            timeout=30,
        )
    finally:
        shutil.rmtree(probe, ignore_errors=True)
    if done.returncode != 0:
        return f"this machine does not let a test mount a folder read-only ({done.stderr.strip()[:200]})"
    return None


def _ingest_with_read_only(folder: Path, args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    """`jixiao ingest ARGS` with ``folder`` mounted read-only for that process only."""
    main = "import sys; from jixiao.cli.app import main; sys.exit(main(sys.argv[1:]))"
    command = [sys.executable, "-c", main, "ingest", *args, "--no-progress"]
    return subprocess.run(
        ["unshare", "-rm", "sh", "-c", _READ_ONLY, str(folder), *command],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.fixture
def published(tmp_path: Path) -> dict[str, Path]:
    """A published warehouse in w/, its staging in staging/, and one more report to ingest."""
    reason = _no_read_only_mounts()
    if reason:
        pytest.skip(reason)
    warehouse = tmp_path / "w" / "j.duckdb"
    staging = tmp_path / "staging"
    settings = make_settings(tmp_path, warehouse=warehouse, staging=staging)
    first = write_document(tmp_path / "in" / "gxj-2022.json", sample_report(year=2022))
    stage_documents(settings, [first], "run-1")
    build_warehouse(settings)  # published (without the GX checks, to keep the test short)
    new = write_document(tmp_path / "in2" / "gxj-2023.json", sample_report(year=2023))
    return {"warehouse": warehouse, "staging": staging, "new": new}


def _state(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file under ``folder``: size, modification time, content."""
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _env(staging: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_")}
    return env | {"JIXIAO_STAGING": str(staging)}


@pytest.mark.parametrize("read_only", ["warehouse", "staging"])
def test_a_read_only_folder_is_one_sentence_exit_2_and_changes_nothing(
    published: dict[str, Path], read_only: str
) -> None:
    warehouse, staging = published["warehouse"], published["staging"]
    folder = warehouse.parent if read_only == "warehouse" else staging
    before = {"w": _state(warehouse.parent), "staging": _state(staging)}

    done = _ingest_with_read_only(
        folder, [str(published["new"]), "--warehouse", str(warehouse)], _env(staging)
    )

    assert done.returncode == 2, done.stderr
    sentence = done.stderr.strip()
    assert "\n" not in sentence and "Traceback" not in done.stderr
    assert f"The {read_only} folder {folder} cannot be written (Read-only file system)" in sentence
    assert {
        "w": _state(warehouse.parent),
        "staging": _state(staging),
    } == before  # nothing parsed or published
