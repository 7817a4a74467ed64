"""Bad input: every file of tests/fixtures/bad gets its typed error; limits are enforced."""

from __future__ import annotations

import json
import random
import zipfile
from pathlib import Path

import pytest

from jixiao.extract import Limits, parse_report
from jixiao.extract.errors import REASON_CODES, ExtractError

ROOT = Path(__file__).resolve().parents[1]
BAD_DIR = ROOT / "tests" / "fixtures" / "bad"


def bad_cases() -> list[tuple[str, str]]:
    expected = BAD_DIR / "expected.json"
    if not expected.exists():
        return []
    return sorted(json.loads(expected.read_text(encoding="utf-8")).items())


def good_pdf() -> Path:
    candidates = sorted((ROOT / "samples" / "reports").glob("*.pdf"))
    if not candidates:
        pytest.skip("the sample report has not been generated yet")
    return candidates[0]


def assert_rejected(path: Path, reason_code: str, limits: Limits | None = None) -> ExtractError:
    with pytest.raises(ExtractError) as info:
        parse_report(path, limits)
    error = info.value
    assert error.reason_code == reason_code, f"{path.name}: {error.reason_code} ({error})"
    assert error.reason_code in REASON_CODES
    sentence = str(error)
    assert sentence.strip() and "\n" not in sentence and path.name in sentence
    return error


@pytest.mark.parametrize(("name", "reason_code"), bad_cases())
def test_bad_fixture_is_rejected_with_its_reason(name: str, reason_code: str) -> None:
    assert_rejected(BAD_DIR / name, reason_code)


def test_empty_file_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert_rejected(path, "corrupt")


def test_html_error_page_saved_as_pdf(tmp_path: Path) -> None:
    """Read as the web page it is (by content, not by name): a site's error page, not a report."""
    path = tmp_path / "report.pdf"
    path.write_text(
        "\ufeff<!DOCTYPE html><html><head><title>404 Not Found</title></head></html>", encoding="utf-8"
    )
    error = assert_rejected(path, "not_a_report")
    assert "error page" in str(error) and "download" in str(error)


def test_docx_without_its_package_parts_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    assert_rejected(path, "corrupt")


def test_not_a_pdf_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"\x00\x01garbage that is not a pdf" * 10)
    assert_rejected(path, "corrupt")


def test_truncated_download_is_corrupt(tmp_path: Path) -> None:
    data = good_pdf().read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 3])
    assert_rejected(path, "corrupt")


@pytest.mark.parametrize(
    "limits",
    [Limits(max_file_bytes=1000), Limits(max_pages=1), Limits(max_page_area=1000.0)],
    ids=["bytes", "pages", "page-area"],
)
def test_limits_give_too_large(limits: Limits) -> None:
    assert_rejected(good_pdf(), "too_large", limits)


def test_time_limit_gives_timeout() -> None:
    assert_rejected(good_pdf(), "timeout", Limits(max_seconds=1e-9))


def test_source_name_is_used_in_errors(tmp_path: Path) -> None:
    path = tmp_path / "upload-123.tmp"
    path.write_bytes(b"")
    with pytest.raises(ExtractError, match=r"年度报告\.pdf"):
        parse_report(path, source_name="年度报告.pdf")


@pytest.mark.parametrize("seed", range(12))
def test_damaged_copies_never_crash(tmp_path: Path, seed: int) -> None:
    """Byte damage anywhere in a real report gives a parse or a typed error, never a stray exception."""
    rnd = random.Random(seed)
    data = bytearray(good_pdf().read_bytes())
    for _ in range(rnd.choice([1, 20, 400])):
        data[rnd.randrange(len(data))] = rnd.randrange(256)
    if seed % 3 == 0:
        data = data[: rnd.randrange(len(data) // 4, len(data))]
    path = tmp_path / f"damaged-{seed}.pdf"
    path.write_bytes(bytes(data))
    try:
        report = parse_report(path)
    except ExtractError as error:
        assert error.reason_code in REASON_CODES and str(error).strip()
        # A deliberate parse_error (say, no department named) is fine; a wrapped stray exception is not.
        if error.reason_code == "parse_error":
            assert error.__cause__ is None, f"stray exception inside the parser: {error.__cause__!r}"
    else:
        assert report.page_count > 0
