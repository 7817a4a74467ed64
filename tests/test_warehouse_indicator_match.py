"""indicator_code: the same indicator keeps its code across years; different indicators never share one."""

from __future__ import annotations

from dataclasses import replace

import pytest
from test_warehouse_sample import SAMPLE_ROWS, drifted_rows_2022, sample_report
from yoypairs import drifted_year, fixture_reports, score, truth_groups

from jixiao.extract.model import ParsedReport
from jixiao.warehouse.indicator_match import fuzzy_ratio, match_indicators, split_name


def _codes(*reports: ParsedReport) -> list[dict[str, str]]:
    """Per report: indicator name as printed → code."""
    reports = tuple(replace(r, sha256=f"sha-{i}") for i, r in enumerate(reports))
    codes, _ = match_indicators(reports)
    return [{ind.name: codes[(r.sha256, ind.row_no)] for ind in r.indicators} for r in reports]


def _row(name: str, unit: str | None = "家", level2: str = "数量指标") -> tuple:
    return ("产出", level2, name, "≥10", "12", unit, True, None, 8)


@pytest.mark.parametrize(
    ("printed", "canonical", "unit"),
    [
        ("新增国家级专精特新“小巨人”数量（家）", "新增国家级专精特新小巨人数量", "家"),
        ('新增国家级专精特新"小巨人"数量(家)', "新增国家级专精特新小巨人数量", "家"),
        ("新增国家级专精特新「小巨人」数量", "新增国家级专精特新小巨人数量", None),
        ("“小升规”奖补覆盖率（％）", "小升规奖补覆盖率", "%"),
        ("培养工业互联网、人工智能相关人才数量（名）", "培养工业互联网人工智能相关人才数量", "名"),
        (
            "升规后第一年工业增加值增长超10%（含）的工业企业数量",
            "升规后第一年工业增加值增长超10%含的工业企业数量",
            None,
        ),
        ("ＡＢＣ 企业 数量", "abc企业数量", None),
    ],
)
def test_split_name_folds_quotes_width_punctuation_and_the_trailing_unit(
    printed: str, canonical: str, unit: str | None
) -> None:
    assert split_name(printed) == (canonical, unit)


def test_the_2022_wording_of_every_sample_indicator_gets_its_2023_code() -> None:
    y2022, y2023 = _codes(sample_report(year=2022, rows=drifted_rows_2022()), sample_report(year=2023))
    assert len(set(y2023.values())) == 27
    pairs = zip(drifted_rows_2022(), SAMPLE_ROWS, strict=True)
    for (_, _, name_2022, *_), (_, _, name_2023, *_) in pairs:
        assert y2022[name_2022] == y2023[name_2023], (name_2022, name_2023)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("新增国家级专精特新“小巨人”数量（家）", "新增国家级专精特新「小巨人」企业数量（家）"),
        ("新增省级专精特新中小企业（家）", "新增省级专精特新中小企业数量"),
        ("扶持技术改造工业企业数量（家）", "扶持技术改造工业企业数量"),
        (
            "带动江门市本地工业企业应用工业互联网技术进行信息化升级改造",
            "带动本地工业企业应用工业互联网技术进行信息化升级改造",
        ),
        ("扶持的技术改造项目完工验收率", "扶持技术改造项目完工验收率"),
        ("中小企业“上云用云”项目数（个）", "中小企业“上云用云”项目（个）"),
        ("扶持技术改造工业企业数（家）", "扶持技术改造工业企业数量（家）"),
        # issue 14's drift classes: reordered words, 率/比例, a unit added or dropped, quotes, 数量/企业 added
        ("工业企业技术改造投资额", "技术改造工业企业投资额"),
        ("政务服务事项网上可办率", "网上可办政务服务事项率"),
        ("项目完工验收合格率", "项目完工验收合格比例"),
        ("贫困人口医疗保障占比", "贫困人口医疗保障比例"),
        ("新建农村供水工程", "新建农村供水工程（处）"),
        ("河道清淤疏浚长度（公里）", "河道清淤疏浚长度"),
        ("新增‘小巨人’企业", "新增“小巨人”企业"),
        ("新增专精特新", "新增专精特新企业数量"),
    ],
)
def test_drifted_wordings_share_a_code(before: str, after: str) -> None:
    y1, y2 = _codes(
        sample_report(year=2022, rows=[_row(before)]), sample_report(year=2023, rows=[_row(after)])
    )
    assert y1[before] == y2[after]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (
            "升规后第一年工业增加值增长超10%（含）的工业企业数量（家）",
            "升规后第一年和第二年工业增加值增长均超10%（含）的工业企业数量（家）",
        ),
        ("新增国家级专精特新中小企业（家）", "新增省级专精特新中小企业（家）"),
        ("扶持技术改造工业企业数量（家）", "开展技术改造企业数量（家）"),
        ("项目库企业主营业务收入总增长率", "项目库企业主营业务收入增长率"),
        ("新增5G基站数量", "新增6G基站数量"),
        ("工业互联网标杆示范项目", "工业互联网标杆示范项目验收"),
        ("营商环境指数", "营商环境"),
        ("培训人数", "培训人次数"),
        ("出口增长率", "进口增长率"),
        ("本年完成率", "完成率"),  # a word added is not a reorder
        ("人均收入增长", "收入增长"),
    ],
)
def test_different_indicators_never_share_a_code_across_years(one: str, other: str) -> None:
    y1, y2 = _codes(sample_report(year=2022, rows=[_row(one)]), sample_report(year=2023, rows=[_row(other)]))
    assert y1[one] != y2[other]


def test_units_must_be_compatible() -> None:
    y1, y2 = _codes(
        sample_report(year=2022, rows=[_row("培训人数", unit="人")]),
        sample_report(year=2023, rows=[_row("培训人数", unit="人次")]),
    )
    assert y1["培训人数"] != y2["培训人数"]


def test_level2_separates_indicators_of_the_same_name() -> None:
    rows = [
        _row("企业满意度", unit="%", level2="满意度指标"),
        _row("企业满意度", unit="%", level2="质量指标"),
    ]
    report = replace(sample_report(rows=rows), sha256="x")
    by_row, indicators = match_indicators([report])
    assert by_row[("x", 1)] != by_row[("x", 2)]
    assert sorted(i.level2 for i in indicators) == ["满意度指标", "质量指标"]


def test_matching_is_one_to_one_per_report() -> None:
    # 2023 has two rows that both drift-match the one 2022 indicator: only one may take its code
    y1, y2 = _codes(
        sample_report(year=2022, rows=[_row("新增专精特新企业数量")]),
        sample_report(year=2023, rows=[_row("新增专精特新企业"), _row("新增专精特新数量")]),
    )
    assert y1["新增专精特新企业数量"] in y2.values()
    assert len(set(y2.values())) == 2


def test_the_same_indicator_of_two_departments_gets_two_codes() -> None:
    a, b = _codes(sample_report(), sample_report(department="江门市科学技术局"))
    assert a["企业满意度"] != b["企业满意度"]


def test_codes_do_not_depend_on_the_order_rows_are_seen_within_a_year() -> None:
    report = sample_report()
    reordered = replace(report, indicators=tuple(reversed(report.indicators)))
    assert _codes(report) == _codes(reordered)


def test_fuzzy_ratio_accepts_only_meaningless_single_character_edits() -> None:
    assert fuzzy_ratio("项目库主营业务收入的增长率", "项目库主营业务收入增长率") > 0.9
    assert fuzzy_ratio("项目库主营业务收入总增长率", "项目库主营业务收入增长率") == 0
    assert fuzzy_ratio("新增国家级专精特新", "新增省级专精特新") == 0
    assert fuzzy_ratio("开展技术改造", "扶持技术改造") == 0


def test_every_true_pair_of_the_fixture_years_and_a_drifted_year_matches_with_no_false_merge() -> None:
    """Issue 14: the jiangmen-gxj 2021-2023 rows (hand-judged groups) plus a 2024 whose every row is a
    2023 row reworded (reordered, 率/比例, unit added or dropped, quotes, 企业/数量 added)."""
    reports = fixture_reports()
    assert score(reports, truth_groups(False)) == (40, 40, 0)
    pairs, matched, false = score([*reports, drifted_year(reports[-1], 2024)], truth_groups(True))
    assert (matched, false) == (pairs, 0)


def test_a_table_without_hierarchy_matches_the_same_indicators_of_a_hierarchical_year() -> None:
    """A department moving to a template without 一级/二级 columns keeps its codes; a name found in two
    groups of the other year is left alone rather than guessed."""
    before = sample_report(
        year=2022,
        rows=[
            _row("培训人次（人次）"),
            _row("群众满意度"),
            _row("完成率"),
            _row("完成率", level2="时效指标"),
        ],
    )
    after = sample_report(year=2023, rows=[_row("培训人次"), _row("群众满意度"), _row("完成率")])
    after = replace(after, indicators=tuple(replace(i, level1=None, level2=None) for i in after.indicators))
    y1, y2 = _codes(before, after)
    assert y1["培训人次（人次）"] == y2["培训人次"]
    assert y1["群众满意度"] == y2["群众满意度"]
    codes, _ = match_indicators([replace(before, sha256="sha-0"), replace(after, sha256="sha-1")])
    assert codes[("sha-1", 3)] not in {codes[("sha-0", 3)], codes[("sha-0", 4)]}
