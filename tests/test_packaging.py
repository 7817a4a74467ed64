"""What `pip install .` delivers: the product only, and a copy that works without the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "-w",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    (built,) = out.glob("jixiao-*.whl")
    return built


def test_the_wheel_carries_the_product_and_no_test_tooling(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.startswith("jixiao-")}
    assert tops == {"jixiao"}, tops
    for tooling in ("fixturegen", "quality_sample", "tests/", "benchmarks/", ".ttf", "tools/"):
        assert not [n for n in names if tooling in n], tooling
    # the data the product reads at run time
    assert "jixiao/warehouse/sql/dim_report.sql" in names
    assert "jixiao/expectations/checks.json" in names
    assert "jixiao/expectations/gx/great_expectations.yml" in names
    assert any(n.startswith("jixiao/expectations/gx/expectations/") and n.endswith(".json") for n in names)
    assert "jixiao/pipelines/definitions.py" in names and "jixiao/assets/warehouse.py" in names


@pytest.mark.slow
def test_an_installed_copy_ingests_the_samples_without_the_source_tree(wheel: Path, tmp_path: Path) -> None:
    """Install the wheel into a folder of its own and run `jixiao ingest` from elsewhere.

    The folder comes first on the path, so every jixiao module, SQL file and suite is the installed
    copy's (the probe prints where jixiao came from); the dependencies are this environment's.
    """
    target = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(target), str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_")}
    env.update(PYTHONPATH=str(target), JIXIAO_HOME=str(work / "data"))
    where = subprocess.run(
        [
            sys.executable,
            "-c",
            "import jixiao.quality.catalog as c, jixiao; print(jixiao.__file__, c.PROJECT_ROOT)",
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert where.returncode == 0, where.stderr
    assert all(part.startswith(str(target)) for part in where.stdout.split()), where.stdout
    warehouse = work / "out" / "jixiao.duckdb"
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from jixiao.cli import main; sys.exit(main(sys.argv[1:]))",
            "ingest",
            str(ROOT / "samples" / "reports"),
            "--warehouse",
            str(warehouse),
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert run.returncode == 0, (run.stdout[-2000:], run.stderr[-3000:])
    with duckdb.connect(str(warehouse), read_only=True) as con:
        reports = con.execute("select count(*) from dim_report").fetchone()[0]
        passed = con.execute(
            "select bool_and(success) from dq_results where severity = 'blocking'"
        ).fetchone()[0]
    assert reports == len(list((ROOT / "samples" / "reports").glob("*.pdf")))
    assert passed
