"""Give the same indicator of the same department the same ``indicator_code`` in every year.

Wording drifts between years (quote styles, full/half width, 企业数量 vs 数量, the unit in or out
of the name), so rows are matched within one department and one level1/level2, in three tiers,
each one-to-one per report and only between compatible units:

1. the canonical name (NFKC, no quotes, punctuation, whitespace or trailing unit) is equal;
2. the loose name (canonical without filler words such as 企业/数量 and place words such as 江门市) is equal;
3. the same words reordered: the loose names are made of the same characters (at least four), and
   each is the other's only such row;
4. a conservative fuzzy match: the loose names differ by single characters that carry no meaning
   (never a digit, numeral, level or direction word), and each is the other's unique best match.

The loose name also reads 比例 / 占比 / 比重 as 率 (验收合格比例 = 验收合格率).

Anything else gets a new code: a missed join is recoverable, a false join silently corrupts a series.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Protocol, TypeVar

from jixiao.core.contract import normalize_level1

_QUOTES = "“”\"'‘’「」『』〝〞〃《》〈〉"
_PUNCT = re.compile(r"[\s、，,。.;；:：!！?？·…\-—–_/\\|()\[\]{}【】" + re.escape(_QUOTES) + "]")
_TRAILING_UNIT = re.compile(r"[（(]([^（）()\d]{1,5})[）)]$")
_FILLER = ("企业数量", "企业", "数量", "个数")
_PLACE = ("全市", "我市", "本市", "本地", "市本级")
_MEANINGFUL = set(
    "0123456789一二三四五六七八九十百千万亿两零国省市县区镇村级新增减降升非不未无率额数量年月日季周内外上下前后高低多少大小总均次人%"
)
_NOT_A_UNIT = set("含试暂注括约")
_KEEPS_SHU = set("指系分倍参基总次人户件函约整")
_RATIO = re.compile(r"比例|占比|比重")
_ANAGRAM_MIN = 4  # shorter names reordered are too often different words
FUZZY_MIN_RATIO = 0.9
_K = TypeVar("_K")


def canonical_level1(level1: str | None) -> str:
    """产出指标 → 产出: the level1 as stored ("" for a table without 一级 columns)."""
    return normalize_level1(level1) or ""


def canonical_level2(level2: str | None) -> str:
    """The level2 for grouping only: width and spacing folded, a trailing 指标 dropped."""
    text = re.sub(r"\s", "", unicodedata.normalize("NFKC", level2 or ""))
    return text[:-2] if text.endswith("指标") and len(text) > 2 else text


def normalize_unit(unit: str | None) -> str | None:
    """A unit folded for comparison (％ → %, full width → half width), None when empty."""
    if unit is None:
        return None
    text = re.sub(r"[\s()（）]", "", unicodedata.normalize("NFKC", unit))
    return text or None


def split_name(name: str) -> tuple[str, str | None]:
    """The canonical name and the unit written at its end in brackets, e.g. "数量（家）" → ("数量", "家")."""
    text = re.sub(r"\s", "", unicodedata.normalize("NFKC", name or ""))
    for q in _QUOTES:
        text = text.replace(q, "")
    unit = None
    match = _TRAILING_UNIT.search(text)
    if match and len(match.group(0)) < len(text) and not _NOT_A_UNIT & set(match.group(1)):
        unit = match.group(1)
        text = text[: match.start()]
    return _PUNCT.sub("", text).lower(), normalize_unit(unit)


def loose_name(canonical: str, places: Sequence[str] = ()) -> str:
    """The canonical name without filler and place words (企业, 数量, 江门市, 全市, ...)."""
    text = canonical
    for word in (*sorted(places, key=len, reverse=True), *_PLACE, *_FILLER):
        if word:
            text = text.replace(word, "")
    text = _RATIO.sub("率", text)
    # "项目数" is "项目数量" cut short; "指数", "系数", "人数" ... are words of their own
    if len(text) > 2 and text.endswith("数") and text[-2] not in _KEEPS_SHU:
        text = text[:-1]
    return text or canonical


def place_words(department: str, region: str | None) -> tuple[str, ...]:
    """Place names a department writes in or leaves out of its indicator names (江门市, 江门)."""
    words = []
    for source in (region or "", department):
        match = re.match(r"^(.{2,8}?[省市县区])", source)
        if match:
            words.append(match.group(1))
            words.append(match.group(1)[:-1])
    return tuple(w for w in dict.fromkeys(words) if len(w) >= 2)


def fuzzy_ratio(a: str, b: str) -> float:
    """Similarity of two loose names, 0 when they differ by anything but meaningless single characters."""
    if a == b:
        return 1.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        changed = a[i1:i2] + b[j1:j2]
        if max(i2 - i1, j2 - j1) > 1 or any(ch in _MEANINGFUL for ch in changed):
            return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= FUZZY_MIN_RATIO else 0.0


class IndicatorLike(Protocol):
    """What the matcher reads of an indicator row (``jixiao.extract.model.IndicatorRow`` has it)."""

    @property
    def row_no(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def unit(self) -> str | None: ...
    @property
    def level1(self) -> str: ...
    @property
    def level2(self) -> str: ...


class ReportLike(Protocol):
    """What the matcher reads of a report (``jixiao.extract.model.ParsedReport`` has it)."""

    @property
    def sha256(self) -> str: ...
    @property
    def department(self) -> str: ...
    @property
    def region(self) -> str | None: ...
    @property
    def fiscal_year(self) -> int: ...
    @property
    def indicators(self) -> Sequence[IndicatorLike]: ...


@dataclass
class MatchedIndicator:
    """One indicator as it persists across years (a row of dim_indicator)."""

    code: str
    department: str
    level1: str
    level2: str
    name: str
    unit: str | None
    first_fiscal_year: int
    last_fiscal_year: int
    canonical: set[str] = field(default_factory=set)
    loose: set[str] = field(default_factory=set)
    anagram: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class _Row:
    row_no: int
    name: str
    canonical: str
    loose: str
    unit: str | None
    level2: str

    @property
    def anagram(self) -> str:
        """The loose name's characters in order: equal for the same words reordered."""
        return "".join(sorted(self.loose)) if len(self.loose) >= _ANAGRAM_MIN else ""


def _units_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _code(department: str, level1: str, level2: str, canonical: str, ordinal: int) -> str:
    text = "\x1f".join((department, level1, level2, canonical, str(ordinal)))
    return "IND-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def match_indicators(
    reports: Sequence[ReportLike],
) -> tuple[dict[tuple[str, int], str], list[MatchedIndicator]]:
    """Assign an indicator_code to every indicator row of ``reports``.

    ``reports`` are matched in the order given (the caller puts current reports first, oldest
    fiscal year first), so a code is named after the indicator's first wording in that order.
    Returns ``{(report sha256, row_no): code}`` and one MatchedIndicator per code.
    """
    codes: dict[tuple[str, int], str] = {}
    groups: dict[tuple[str, str, str], list[MatchedIndicator]] = {}
    for report in reports:
        places = place_words(report.department, report.region)
        by_group: dict[tuple[str, str, str], list[_Row]] = {}
        for ind in report.indicators:
            canonical, unit_in_name = split_name(ind.name)
            unit = normalize_unit(ind.unit) or unit_in_name
            key = (report.department, canonical_level1(ind.level1), canonical_level2(ind.level2))
            row = _Row(ind.row_no, ind.name, canonical, loose_name(canonical, places), unit, ind.level2)
            by_group.setdefault(key, []).append(row)
        used: set[str] = set()
        for key, rows in by_group.items():
            clusters = groups.setdefault(key, [])
            for row, cluster in _match_group(rows, clusters).items():
                if cluster is None:
                    cluster = _across_hierarchy(key, row, groups, used)
                if cluster is None:
                    ordinal = sum(1 for c in clusters if row.canonical in c.canonical)
                    cluster = MatchedIndicator(
                        code=_code(*key, row.canonical, ordinal),
                        department=report.department,
                        level1=key[1],
                        level2=row.level2,
                        name=row.name,
                        unit=row.unit,
                        first_fiscal_year=report.fiscal_year,
                        last_fiscal_year=report.fiscal_year,
                    )
                    clusters.append(cluster)
                elif report.fiscal_year >= cluster.last_fiscal_year:
                    cluster.name, cluster.level2 = row.name, row.level2
                    cluster.unit = row.unit or cluster.unit
                cluster.canonical.add(row.canonical)
                cluster.loose.add(row.loose)
                if row.anagram:
                    cluster.anagram.add(row.anagram)
                cluster.first_fiscal_year = min(cluster.first_fiscal_year, report.fiscal_year)
                cluster.last_fiscal_year = max(cluster.last_fiscal_year, report.fiscal_year)
                codes[(report.sha256, row.row_no)] = cluster.code
                used.add(cluster.code)
    return codes, [c for clusters in groups.values() for c in clusters]


def _across_hierarchy(
    key: tuple[str, str, str],
    row: _Row,
    groups: dict[tuple[str, str, str], list[MatchedIndicator]],
    used: set[str],
) -> MatchedIndicator | None:
    """The one cluster of the department's table of the other kind (with or without 一级/二级 columns,
    as templates change between years) whose wording is the row's, canonical or loose."""
    department, level1, level2 = key
    flat = not level1 and not level2
    pool = [
        c
        for other, clusters in groups.items()
        if other[0] == department and other != key and (flat or other[1:] == ("", ""))
        for c in clusters
        if c.code not in used and _units_compatible(row.unit, c.unit)
    ]
    for attr in ("canonical", "loose"):
        found = [c for c in pool if getattr(row, attr) in getattr(c, attr)]
        if len(found) == 1:
            return found[0]
        if found:
            return None
    return None


def _match_group(rows: list[_Row], clusters: list[MatchedIndicator]) -> dict[_Row, MatchedIndicator | None]:
    """Match one report's rows of one group to existing clusters, one-to-one."""
    result: dict[_Row, MatchedIndicator | None] = {}
    free = list(clusters)
    for attr in ("canonical", "loose"):
        for row in rows:
            if row in result:
                continue
            for cluster in free:
                if getattr(row, attr) in getattr(cluster, attr) and _units_compatible(row.unit, cluster.unit):
                    result[row] = cluster
                    free.remove(cluster)
                    break
    # The same words reordered: only where the row and the cluster are each other's only candidate.
    left = [r for r in rows if r not in result and r.anagram]
    for row in left:
        found = [c for c in free if row.anagram in c.anagram and _units_compatible(row.unit, c.unit)]
        rivals = [r for r in left if r.anagram == row.anagram and r not in result]
        if len(found) == 1 and len(rivals) == 1:
            result[row] = found[0]
            free.remove(found[0])
    left = [r for r in rows if r not in result]
    scores = {
        (r, id(c)): max((fuzzy_ratio(r.loose, name) for name in c.loose), default=0.0)
        for r in left
        for c in free
        if _units_compatible(r.unit, c.unit)
    }
    for row in left:
        best = _unique_best({id(c): scores.get((row, id(c)), 0.0) for c in free})
        if best is None:
            continue
        cluster = next(c for c in free if id(c) == best)
        back = _unique_best({r: scores.get((r, best), 0.0) for r in left if r not in result})
        if back == row:
            result[row] = cluster
            free.remove(cluster)
    for row in rows:
        result.setdefault(row, None)
    return dict(sorted(result.items(), key=lambda item: item[0].row_no))


def _unique_best(scores: dict[_K, float]) -> _K | None:
    """The key with the highest positive score, or None when there is none or it is tied."""
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    if not ranked or ranked[0][1] <= 0 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]
