"""The Data Docs site renders offline: local CSS and JavaScript, no logo from a public bucket.

The screenshot test opens the pages in headless Chromium with networking off (a network namespace
of its own when the test runs as root, else a dead proxy and a resolver that finds nothing) and
checks what a person would see: Bootstrap's colours and Font Awesome's icons drawn, and the index's
table filled by its JavaScript with every validation.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from PIL import Image
from quality_sample import sample_frames

from jixiao.quality.docs_offline import CDN_COPIES, remote_loads

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
GREEN = (40, 167, 69)  # Bootstrap 4's text-success: the Font Awesome check icons of passed validations
BLUE = (0, 123, 255)  # Bootstrap 4's btn-primary / link colour


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from jixiao.quality.runner import data_docs_dir, run_checks

    settings = SimpleNamespace(yoy_factor=10.0, warehouse=tmp_path_factory.mktemp("wh") / "jixiao.duckdb")
    run_checks(sample_frames(3, indicators_per_report=2), settings, "offline-run")
    return data_docs_dir(settings)


def test_no_page_loads_anything_from_the_network(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for path in [*pages, *site.joinpath("static", "styles").glob("*.css")]:
        text = path.read_text(encoding="utf-8")
        assert remote_loads(text) == [], path
        assert "great-expectations-web-assets" not in text and "dataContextId" not in text, path
    for copy in set(CDN_COPIES.values()):
        assert (site / "static" / "vendor" / copy).is_file(), copy
    assert list((site / "static" / "vendor" / "fontawesome" / "webfonts").glob("*.woff2"))


def _offline_command(*args: str, profile: Path) -> list[str]:
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--window-size=1280,900",
        "--virtual-time-budget=5000",
    ]
    unshare = shutil.which("unshare")
    if os.geteuid() == 0 and unshare and subprocess.run([unshare, "-n", "true"]).returncode == 0:
        return [unshare, "-n", str(CHROMIUM), *flags, *args]  # no network interface at all
    return [
        str(CHROMIUM),
        *flags,
        "--proxy-server=127.0.0.1:9",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        *args,
    ]


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = _offline_command(*args, profile=tmp_path / f"profile-{len(list(tmp_path.iterdir()))}")
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


def _pixels_near(png: Path, colour: tuple[int, int, int], tolerance: int = 12) -> int:
    pixels = np.asarray(Image.open(png).convert("RGB"), dtype=np.int16)
    return int((np.abs(pixels - np.array(colour, dtype=np.int16)) <= tolerance).all(axis=2).sum())


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium)")
def test_pages_are_styled_and_the_index_lists_the_validations_offline(site: Path, tmp_path: Path) -> None:
    index = site / "index.html"
    dom = _chromium(tmp_path, "--dump-dom", index.as_uri()).stdout
    validations = sorted(p for p in (site / "validations").rglob("*.html"))
    # bootstrap-table built the table from the page's data: every validation counted ("Showing 1 to
    # 10 of 21 rows" is drawn by its JavaScript) and the first page of rows drawn
    assert len(validations) > 0 and f"of {len(validations)} rows" in dom
    assert dom.count('data-index="') >= min(10, len(validations))
    assert all(page.relative_to(site).as_posix() in dom for page in validations)

    shot = tmp_path / "index.png"
    _chromium(tmp_path, f"--screenshot={shot}", index.as_uri())
    assert _pixels_near(shot, GREEN) > 200  # the passed-validation icons, in Bootstrap's green

    page = tmp_path / "validation.png"
    _chromium(tmp_path, f"--screenshot={page}", validations[0].as_uri())
    assert _pixels_near(page, BLUE) > 2000  # the styled filter buttons


def test_usage_statistics_are_off_in_the_gx_context_and_dagster() -> None:
    import yaml

    root = Path(__file__).resolve().parents[1]
    dagster = yaml.safe_load((root / "dagster_home" / "dagster.yaml").read_text(encoding="utf-8"))
    assert dagster["telemetry"] == {"enabled": False}
    gx = yaml.safe_load((root / "expectations" / "gx" / "great_expectations.yml").read_text(encoding="utf-8"))
    assert gx["analytics_enabled"] is False
