"""The administrative area of a department: province, city, county and the 6-digit division code.

Read from the department's name against the national list of divisions (``gazetteer/divisions.csv``,
offline): "宁波市北仑区经济和信息化局" → 浙江省 / 宁波市 / 北仑区 / 330206; "衡山县贯塘乡人民政府" →
湖南省 / 衡阳市 / 衡山县 / 430423; "中国人民政治协商会议南县委员会" → 湖南省 / 益阳市 / 南县. A county
name shared by several cities (鼓楼区) is settled by the places the document names; when it cannot be,
only what is certain is kept.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

# Bodies named after the Party or the CPPCC put the place after this prefix.
_PREFIX = re.compile(r"^(?:中国共产党|中共|中国人民政治协商会议|政协)")
_MUNICIPALITIES = frozenset({"11", "12", "31", "50"})


@dataclass(frozen=True)
class Region:
    """Where a department belongs; every field None when its name does not say."""

    region: str | None = None  # display form: 江门市, 益阳市南县, 重庆市, 湖南省
    province: str | None = None
    city: str | None = None
    county: str | None = None
    adcode: str | None = None


@dataclass(frozen=True)
class _Division:
    code: str
    name: str
    current: bool

    @property
    def level(self) -> str:
        if self.code[2:] == "0000":
            return "province"
        if self.code[4:] == "00":
            return "city"
        return "county"


@cache
def _divisions() -> tuple[dict[str, list[_Division]], dict[str, _Division]]:
    """(name or short name → divisions, code → division)."""
    by_name: dict[str, list[_Division]] = {}
    by_code: dict[str, _Division] = {}
    text = resources.files("jixiao.extract").joinpath("gazetteer/divisions.csv").read_text(encoding="utf-8")
    for row in csv.DictReader(text.splitlines()):
        division = _Division(row["adcode"], row["name"], row["current"] == "1")
        if division.current or division.code not in by_code:
            by_code[division.code] = division
        for key in {division.name, *_short_names(division)}:
            by_name.setdefault(key, []).append(division)
    return by_name, by_code


def warm() -> None:
    """Read the gazetteer now (about 40 ms), e.g. in a fork server, rather than in the first lookup."""
    _divisions()


def _short_names(division: _Division) -> set[str]:
    """Province and city names without their suffix (广东, 宁波, 大理); counties only by full name."""
    if division.level == "county":
        return set()
    short = re.sub(
        r"(?:省|市|特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|地区|盟)$", "", division.name
    )
    short = re.sub(r"(?:[\u4e00-\u9fff]{1,6}族)+$", "", short) if division.name.endswith("自治州") else short
    return {short} if len(short) >= 2 else set()


def locate(department: str, context: str = "") -> Region:
    """The region of ``department``; ``context`` (the document's text) settles an ambiguous name."""
    name = _PREFIX.sub("", department)
    chain = _leading_places(name)
    if not chain:
        return Region()
    division = _resolve(chain, context)
    return _region(division) if division is not None else Region()


def _leading_places(name: str) -> list[list[_Division]]:
    """The place names the department's name starts with, longest first at each step."""
    by_name, _ = _divisions()
    chain: list[list[_Division]] = []
    pos = 0
    while pos < len(name):
        for end in range(min(len(name), pos + 12), pos + 1, -1):
            found = by_name.get(name[pos:end])
            if found:
                chain.append(found)
                pos = end
                break
        else:
            break
    return chain


def _resolve(chain: list[list[_Division]], context: str) -> _Division | None:
    """The most specific division consistent with every name of the chain."""
    candidates = chain[-1]
    for outer in chain[:-1]:
        candidates = [c for c in candidates if any(_within(c, o) for o in outer)] or candidates
    # One place per code (重庆市 is both 500000 and 500100): keep the least specific of one name.
    if len({c.name for c in candidates}) == 1 and len(candidates) > 1:
        same_area = {c.code[:2] for c in candidates}
        if len(same_area) == 1 and all(c.level != "county" for c in candidates):
            return min(candidates, key=lambda c: c.code)
    current = [c for c in candidates if c.current] or candidates
    if len(current) == 1:
        return current[0]
    return _by_context(current, context)


def _within(inner: _Division, outer: _Division) -> bool:
    if outer.level == "province" or outer.code[:2] in _MUNICIPALITIES:
        return inner.code[:2] == outer.code[:2]
    if outer.level == "city":
        return inner.code[:4] == outer.code[:4]
    return inner.code == outer.code


def _by_context(candidates: list[_Division], context: str) -> _Division | None:
    """The candidate whose city or province the document names most often, if one stands out."""
    _, by_code = _divisions()
    scores: Counter[str] = Counter()
    for candidate in candidates:
        for code in (candidate.code[:4] + "00", candidate.code[:2] + "0000"):
            parent = by_code.get(code)
            if parent is not None and parent.code != candidate.code:
                scores[candidate.code] += context.count(parent.name)
    ranked = scores.most_common(2)
    if ranked and ranked[0][1] > 0 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return next(c for c in candidates if c.code == ranked[0][0])
    return None


def _region(division: _Division) -> Region:
    _, by_code = _divisions()
    province = by_code.get(division.code[:2] + "0000")
    province_name = province.name if province else None
    if division.level == "province":
        if division.code[:2] in _MUNICIPALITIES:
            return Region(division.name, division.name, division.name, None, division.code)
        return Region(division.name, division.name, None, None, division.code)
    if division.code[:2] in _MUNICIPALITIES:
        city_name = province_name
    elif division.level == "city":
        city_name = division.name
    else:
        city = by_code.get(division.code[:4] + "00")
        city_name = city.name if city else None
    if division.level == "city":
        return Region(division.name, province_name, division.name, None, division.code)
    if city_name is None:  # a county-level city under its province (仙桃市): it stands for the city
        return Region(division.name, province_name, division.name, None, division.code)
    return Region(city_name + division.name, province_name, city_name, division.name, division.code)
