"""Table structure of scanned pages on small synthetic images: deskew, rules, merged cells, box cutting.

No recognition model runs here (that is tests/test_ocr_scans.py); the images are drawn with OpenCV and
Pillow so every expected position is known.
"""

from __future__ import annotations

import math
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from jixiao.extract import ocrengine, ocrpage, scanimage
from jixiao.extract.ocrengine import Recognised
from jixiao.extract.ocrpage import LOW_CONFIDENCE, OcrPage, split_at_rules, typeset
from jixiao.extract.tables import TABLE_SETTINGS, page_grids

FONT = Path(__file__).resolve().parents[1] / "tools" / "fixturegen" / "fonts" / "DroidSansFallbackFull.ttf"
SCALE = 200 / 72  # pixels per point, as scanned pages are rendered
# Column edges and row edges (points) of a 4-column table whose first column merges rows 1–3.
XS = (60.0, 150.0, 300.0, 400.0, 500.0)
YS = (200.0, 230.0, 262.0, 294.0, 326.0)


def table_image(title: str = "肇庆市农业农村局绩效自评表") -> np.ndarray:
    """A white A4 page (200 dpi) with a big bold title and a ruled table; column 0 merged over rows 1–3."""
    w, h = int(595 * SCALE), int(842 * SCALE)
    img = Image.new("L", (w, h), 250)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT), int(22 * SCALE))
    draw.text((int(150 * SCALE), int(120 * SCALE)), title, font=font, fill=10, stroke_width=2, stroke_fill=10)
    px = [int(x * SCALE) for x in XS]
    py = [int(y * SCALE) for y in YS]
    for i, y in enumerate(py):
        left = px[0] if i in (0, 1, len(py) - 1) else px[1]  # no rule across the merged cell
        draw.line((left, y, px[-1], y), fill=40, width=2)
    for x in px:
        draw.line((x, py[0], x, py[-1]), fill=40, width=2)
    body = ImageFont.truetype(str(FONT), int(10.5 * SCALE))
    draw.text((px[1] + 10, py[1] + 12), "数量指标", font=body, fill=20)
    return np.array(img)


def rotate(grey: np.ndarray, degrees: float) -> np.ndarray:
    h, w = grey.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(grey, matrix, (w, h), borderValue=250)


@pytest.mark.parametrize("degrees", [1.5, -1.5, 0.7])
def test_skew_is_measured_and_removed(degrees: float) -> None:
    skewed = scanimage.PageImage(rotate(table_image(), degrees), SCALE)
    straight = scanimage.deskew(skewed)
    assert straight.skew_deg == pytest.approx(-degrees, abs=0.1)
    rules = scanimage.find_rules(straight.grey, SCALE)
    assert len([r for r in rules if r.orientation == "v"]) == len(XS)


def test_rules_are_the_table_not_the_title() -> None:
    rules = scanimage.find_rules(table_image(), SCALE)
    verticals = sorted(r.pos / SCALE for r in rules if r.orientation == "v")
    assert verticals == pytest.approx(XS, abs=1.5)
    # Every horizontal rule lies on a row edge; the bold 22-point title adds none.
    horizontals = {round(r.pos / SCALE) for r in rules if r.orientation == "h"}
    assert all(min(abs(y - e) for e in YS) <= 1.5 for y in horizontals)
    assert {min(YS, key=lambda e: abs(e - y)) for y in horizontals} == set(YS)


def test_merged_cell_and_text_come_out_as_on_a_text_pdf() -> None:
    rules = scanimage.find_rules(table_image(), SCALE)

    def piece(x: float, y: float, text: str, confidence: float = 0.99) -> Recognised:
        return Recognised(
            x * SCALE, y * SCALE, (x + 12 * len(text)) * SCALE, (y + 12) * SCALE, text, confidence
        )

    pieces = [
        piece(70, 208, "一级指标"),
        piece(160, 208, "二级指标"),
        piece(310, 208, "指标值"),
        piece(410, 208, "实际值"),
        piece(70, 270, "产出指标"),  # in the merged cell, rows 1–3
        piece(160, 238, "数量指标"),
        piece(310, 238, "≥95%", 0.97),
        piece(410, 238, "96%"),
        piece(160, 302, "质量指标"),
        piece(310, 302, "100%", 0.31),
        piece(410, 302, "%56"),
    ]
    page = OcrPage(3, 595.0, 842.0, pieces, rules, SCALE)
    grids = page_grids(page, 3)
    assert len(grids) == 1
    rows = [[c.text if c else None for c in row] for row in grids[0].rows]
    assert rows == [
        ["一级指标", "二级指标", "指标值", "实际值"],
        ["产出指标", "数量指标", "≥95%", "96%"],
        [None, "", "", ""],
        [None, "质量指标", "100%", "%56"],
    ]
    # The page text runs cell by cell, row by row, as a PDF text layer does.
    assert page.text.splitlines()[:4] == ["一级指标", "二级指标", "指标值", "实际值"]
    doubts = {d.text: d for d in page.doubts(grids)}
    assert set(doubts) == {"100%", "%56"}
    assert doubts["100%"].confidence == pytest.approx(0.31)
    assert "low confidence" in doubts["100%"].sentence() and "Page 3" in doubts["100%"].sentence()
    assert "not a well-formed number" in doubts["%56"].sentence()


def test_boxes_are_cut_at_vertical_rules_but_not_at_their_own_border() -> None:
    rules = scanimage.find_rules(table_image(), SCALE)
    # A detected line running over the rule at x=300 between two cells, and one padded onto its border.
    across = (160 * SCALE, 240 * SCALE, 360 * SCALE, 254 * SCALE)
    padded = (298 * SCALE, 240 * SCALE, 360 * SCALE, 254 * SCALE)
    cut = split_at_rules([across, padded], rules, SCALE)
    assert len(cut) == 3
    assert cut[0][2] < 300 * SCALE < cut[1][0]
    assert cut[2][0] > 300 * SCALE and cut[2][2] == padded[2]


def _pred(steps: list[dict[str, float]], alphabet: list[str]) -> np.ndarray:
    """A CTC output: one probability row per time step (the rest of each row on the blank)."""
    pred = np.zeros((len(steps), len(alphabet)), np.float32)
    for t, probs in enumerate(steps):
        for ch, p in probs.items():
            pred[t, alphabet.index(ch)] = p
        pred[t, 0] = 1 - sum(probs.values())
    return pred


ALPHABET = ["blank", "2", "6", "8", "0", "≥", "≤", "万"]


def test_a_sign_read_as_a_digit_is_restored_and_flagged() -> None:
    # "≥6万" read as "26万" with the sign a distant second: the sign is what is printed.
    text, conf = ocrengine._decode(
        _pred([{"2": 0.986, "≥": 0.005}, {"6": 0.99}, {"万": 0.99}], ALPHABET), ALPHABET
    )
    assert text == "≥6万"
    assert conf[0] < 0.01
    # A real leading 2 leaves the signs nothing: "26万" stays.
    text, conf = ocrengine._decode(_pred([{"2": 0.999}, {"6": 0.99}, {"万": 0.99}], ALPHABET), ALPHABET)
    assert text == "26万" and min(conf) > 0.98
    # The sign lost to the blank before the number: "800" → "≥800".
    steps = [{"≥": 0.3}, {"8": 0.99}, {"0": 0.99}, {}, {"0": 0.99}]
    text, conf = ocrengine._decode(_pred(steps, ALPHABET), ALPHABET)
    assert text == "≥800" and conf[0] == pytest.approx(0.3 / 1.0, abs=0.01)
    # Never before what cannot follow a sign: a leading zero, a year ("2023年" is not "≥023年").
    text, _ = ocrengine._decode(
        _pred([{"2": 0.99, "≥": 0.005}, {"0": 0.99}, {"6": 0.99}], ALPHABET), ALPHABET
    )
    assert text == "206"


def test_recogniser_punctuation_is_typeset_as_printed() -> None:
    assert typeset("(2023年度)") == "（2023年度）"
    assert typeset("其中:当年财政拨款,合计") == "其中：当年财政拨款，合计"
    assert typeset("7.5:1") == "7.5:1"
    assert typeset('“三公"经费') == "“三公”经费"
    assert typeset('"三公”经费') == "“三公”经费"
    assert typeset("决算支出27，981．62万元") == "决算支出27,981.62万元"


def test_skew_angle_of_a_blank_page_is_zero() -> None:
    blank = np.full((400, 300), 250, np.uint8)
    assert math.isclose(scanimage.skew_angle(blank), 0.0, abs_tol=0.3)


def test_ocr_time_per_page_is_a_setting_and_a_limit() -> None:
    from jixiao.core.settings import Settings, SettingsError
    from jixiao.extract import Limits, parse_report
    from jixiao.extract.errors import ParseTimeoutError

    assert Settings.from_env({"JIXIAO_OCR_SECONDS_PER_PAGE": "12.5"}).limits.ocr_seconds_per_page == 12.5
    assert Settings.from_env({}).limits.ocr_seconds_per_page == Limits().ocr_seconds_per_page
    with pytest.raises(SettingsError, match="JIXIAO_OCR_SECONDS_PER_PAGE"):
        Settings.from_env({"JIXIAO_OCR_SECONDS_PER_PAGE": "0"})
    blank = Path(__file__).resolve().parent / "fixtures" / "bad" / "scanned-blank-page.pdf"
    with pytest.raises(ParseTimeoutError, match="OCR of page 1 took more than 1e-06 CPU seconds"):
        parse_report(blank, Limits(ocr_seconds_per_page=1e-6))


def test_touching_strokes_of_title_characters_are_not_a_rule() -> None:
    # Bold "庆市": the top strokes of the two characters touch into one 37-point run with a stroke
    # hanging from its left end, like a table corner that has no rule at its other end.
    grey = table_image()
    y, x0, x1 = int(100 * SCALE), int(150 * SCALE), int(187 * SCALE)
    cv2.line(grey, (x0, y), (x1, y), 10, 3)
    cv2.line(grey, (x0, y), (x0, y + int(16 * SCALE)), 10, 3)
    rules = scanimage.find_rules(grey, SCALE)
    assert not [r for r in rules if abs(r.pos / SCALE - 100) < 3 and r.orientation == "h"]
    assert len(rules) == len(XS) + len(YS)


def _glyphs(text: str, px: int = 26) -> np.ndarray:
    """``text`` drawn as a tight text-line crop (grey, paper 250), as a detector box gives it.

    "≥" and "≤" are drawn as a serif font has them (the bundled CJK font has no such glyph): a wedge
    over a bar.
    """
    font = ImageFont.truetype(str(FONT), px)
    img = Image.new("L", (int(px * 0.8 * len(text)) + 12, int(px * 1.5)), 250)
    draw = ImageDraw.Draw(img)
    x = 4
    for ch in text:
        if ch in "≥≤":
            tip, back = (x + 12, x) if ch == "≥" else (x, x + 12)
            draw.line([(back, 9), (tip, 16), (back, 23)], fill=20, width=2)
            draw.line([(x, 28), (x + 12, 28)], fill=20, width=2)
            x += 16
        else:
            draw.text((x, int(px * 0.2)), ch, font=font, fill=20)
            x += int(draw.textlength(ch, font=font))
    return np.array(img)


@pytest.mark.parametrize(
    ("text", "sign"), [("≥6万", "≥"), ("≤15", "≤"), ("26万", None), ("=100", None), ("2023年", None)]
)
def test_a_comparison_sign_is_told_from_a_digit_by_its_shape(text: str, sign: str | None) -> None:
    found, cut = ocrengine._leading_sign(_glyphs(text))
    assert found == sign
    if sign:
        assert 0 < cut < 0.5 * _glyphs(text).shape[1]


def test_a_two_broken_off_its_base_is_not_a_sign() -> None:
    crop = _glyphs("26万")
    ink_cols = np.flatnonzero((crop < 128).any(axis=0))
    first = ink_cols[: np.argmax(np.diff(ink_cols) > 1) + 1]  # the columns of the "2"
    rows = np.flatnonzero((crop[:, first] < 128).any(axis=1))
    crop[rows.max() - 3 : rows.max() - 1, first.min() : first.max() + 1] = 250  # a JPEG gap above its base
    assert ocrengine._leading_sign(crop) == (None, 0)


def test_a_sign_read_as_a_letter_is_restored_or_flagged() -> None:
    alphabet = [*ALPHABET, "z", "M", "3"]
    text, conf = ocrengine._decode(
        _pred([{"z": 0.9, "≥": 0.05}, {"8": 0.99}, {"0": 0.99}], alphabet), alphabet
    )
    assert text == "≥80" and conf[0] < 0.1
    rules = scanimage.find_rules(table_image(), SCALE)
    cell = Recognised(310 * SCALE, 238 * SCALE, 350 * SCALE, 250 * SCALE, "M300", 0.95, (0.95,) * 4)
    page = OcrPage(1, 595.0, 842.0, [cell], rules, SCALE)
    (doubt,) = page.doubts(page_grids(page, 1))
    assert doubt.text == "M300" and "not a well-formed number" in doubt.sentence()


def test_a_sign_whose_bar_touches_its_wedge_is_still_a_sign() -> None:
    # "≥8" as a 110-dpi scan has it (the bar joined to the wedge), read by the recogniser as "28".
    crop = _glyphs("≥8")
    crop[24:28, 4:8] = 20  # join the bar to the lower arm of the wedge
    assert ocrengine._leading_sign(crop)[0] == "≥"
    for digits in ("28", "18", "48", "78"):  # one-piece digits are not signs
        assert ocrengine._leading_sign(_glyphs(digits)) == (None, 0), digits


def test_a_box_is_widened_over_print_the_detector_left_out_up_to_the_rule() -> None:
    # The detector at its resolution loses a lone thin stroke: "一级指标" detected as "级指标".
    w, h = int(400 * SCALE), int(100 * SCALE)
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    body = ImageFont.truetype(str(FONT), int(10.5 * SCALE))
    rule_x, text_x, top = int(50 * SCALE), int(60 * SCALE), int(40 * SCALE)
    draw.line((rule_x, 0, rule_x, h), fill=0, width=2)
    draw.text((text_x, top), "一级指标", font=body, fill=0)
    draw.line((int(230 * SCALE), 0, int(230 * SCALE), h), fill=0, width=2)
    draw.text((int(240 * SCALE), top), "数量", font=body, fill=0)
    grey = np.array(img)
    rules = [scanimage.Rule("v", rule_x, 0, h), scanimage.Rule("v", int(230 * SCALE), 0, h)]
    em = 10.5 * SCALE
    line = (top - 3.0, top + em + 6)
    missed = (text_x + em + 2, line[0], text_x + 4 * em + 4, line[1])  # from "级" on
    neighbour = (240 * SCALE - 4, line[0], 240 * SCALE + 2 * em + 4, line[1])
    image = scanimage.text_image(grey, rules)
    grown, kept = ocrpage.grow_to_ink([missed, neighbour], image, rules)
    assert rule_x < grown[0] <= text_x + 0.1 * em  # "一" is in, the rule is not
    assert grown[1:] == missed[1:]  # the right end had nothing left out, the height is the detector's
    assert kept == neighbour
    # A box is not widened into the next box on its line, even with no rule between them.
    first = (text_x + em + 2, line[0], text_x + 2 * em + 2, line[1])
    second = (text_x + 2 * em + 6, line[0], missed[2], line[1])
    left, right = ocrpage.grow_to_ink([first, second], image, rules)
    assert left[0] <= text_x + 0.1 * em and left[2] <= right[0]


def test_the_detector_sees_the_page_at_its_limit_not_rapidocrs_2000_pixels() -> None:
    page = np.full((2339, 1655), 255, np.uint8)  # an A4 page at 200 dpi
    tensor = ocrengine._det_input(page, ocrengine._DET_SIDE)
    assert tensor.shape[:2] == (1, 3) and max(tensor.shape[2:]) <= ocrengine._DET_SIDE
    assert tensor.shape[2] % 32 == 0 and tensor.shape[3] % 32 == 0
    assert tensor.dtype == np.float32 and float(tensor.max()) == pytest.approx(1.0)


def test_a_long_line_is_read_in_pieces_cut_between_characters() -> None:
    body = ImageFont.truetype(str(FONT), int(10.5 * SCALE))
    text = "2022年度决算支出27,981.62万元，其中基本支出4,436.18万元，项目支出23,545.44万元"
    w = int(body.getlength(text)) + 20
    img = Image.new("L", (w, 44), 255)
    ImageDraw.Draw(img).text((10, 6), text, font=body, fill=0)
    crop = np.array(img)
    pieces = ocrengine._pieces(crop)
    assert len(pieces) >= 3 and sum(p.shape[1] for p in pieces) == w  # nothing lost, nothing twice
    ink = crop < 128
    edge = 0
    for piece in pieces[:-1]:
        edge += piece.shape[1]
        assert not ink[:, edge].any()  # every cut is in a blank column
        assert piece.shape[1] <= ocrengine._PIECE_RATIO * crop.shape[0]
    # A short cell is read whole.
    assert len(ocrengine._pieces(crop[:, : 5 * crop.shape[0]])) == 1


def test_a_piece_inside_a_line_gets_no_comparison_sign() -> None:
    # The "26" that continues a line ("…增长26万…") is not a "≥6" at the start of a cell.
    pred = _pred([{"2": 0.986, "≥": 0.005}, {"6": 0.99}, {"万": 0.99}], ALPHABET)
    assert ocrengine._decode(pred, ALPHABET)[0] == "≥6万"
    assert ocrengine._decode(pred, ALPHABET, leading=False)[0] == "26万"


def test_a_cell_whose_lone_thin_digit_the_detector_missed_gets_a_box() -> None:
    img = Image.fromarray(table_image())
    draw = ImageDraw.Draw(img)
    body = ImageFont.truetype(str(FONT), int(10.5 * SCALE))
    one_at = (int(XS[3] * SCALE) + 20, int(YS[1] * SCALE) + 14)
    draw.text(one_at, "1", font=body, fill=20)
    draw.point([(int(XS[3] * SCALE) + 60, int(YS[2] * SCALE) + 30)], fill=0)  # a speck in the next row
    grey = np.array(img)
    rules = scanimage.find_rules(grey, SCALE)
    image = scanimage.text_image(grey, rules)
    page = OcrPage(1, 595, 842, [], rules, SCALE)
    cells = [tuple(v * SCALE for v in cell) for t in page.find_tables(TABLE_SETTINGS) for cell in t.cells]
    # The detector found "数量指标" (its box) but nothing in the cell with the "1".
    words = (XS[1] * SCALE + 6, YS[1] * SCALE + 8, XS[2] * SCALE - 6, YS[2] * SCALE - 6)
    extra = ocrpage.unseen_print(image, [words], cells, SCALE)
    assert len(extra) == 1
    x0, top, x1, bottom = extra[0]
    assert XS[3] * SCALE < x0 <= one_at[0] + 5 * SCALE < x1 < XS[4] * SCALE  # around the "1" alone
    assert YS[1] * SCALE < top and bottom < YS[2] * SCALE
    # Once a box covers it, nothing is added.
    assert ocrpage.unseen_print(image, [words, extra[0]], cells, SCALE) == []


def test_a_sign_read_as_a_plain_wedge_is_restored_and_flagged(monkeypatch: pytest.MonkeyPatch) -> None:
    # "≥2000" read as ">2000" (its bar thin on a 150-dpi scan): the glyph's bar shows it is "≥".
    crop = _glyphs("≥2000")
    reads = iter([[(">2000", (0.57, 1.0, 0.76, 1.0, 1.0))], [("2000", (1.0, 0.76, 1.0, 1.0))]])
    monkeypatch.setattr(ocrengine, "_read_lines", lambda crops, check: next(reads))
    (piece,) = ocrengine.recognise(crop, [(0, 0, crop.shape[1], crop.shape[0])], lambda: None)
    assert piece.text == "≥2000" and piece.char_confidence[0] < LOW_CONFIDENCE
    # A ">" drawn as a plain wedge stays what it is.
    reads = iter([[(">2000", (0.9, 1.0, 1.0, 1.0, 1.0))]])
    crop = _glyphs(">2000")
    (piece,) = ocrengine.recognise(crop, [(0, 0, crop.shape[1], crop.shape[0])], lambda: None)
    assert piece.text == ">2000"
