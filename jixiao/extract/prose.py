"""Indicators a narrative report writes as numbered paragraphs under headings instead of a table.

    （一）产出指标
    1.数量指标
    （1）城乡低保保障人数：年度目标值≥3200人，实际完成值3356人，分值10分，得分10分。偏差原因：…

Read only where a report has no indicator table. Conservative: a paragraph is an indicator only inside
a section opened by a 一级/二级 heading (closed by the next other heading of the outline), only when it
names the indicator before a colon and states both a target and an actual in a recognisable wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.core.contract import LEVEL1_VALUES, LEVEL2_VALUES
from jixiao.extract.indicators import indicator_row
from jixiao.extract.model import IndicatorRow
from jixiao.extract.textnorm import join_fragments, squeeze

_CN = "一二三四五六七八九十"
# Outline markers: （一） 一、 （1） 1. 1、 1） ①; "1.5万元" is not one.
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("paren-cn", re.compile(rf"^[（(][{_CN}]{{1,3}}[)）]")),
    ("cn", re.compile(rf"^[{_CN}]{{1,3}}[、.．]")),
    ("part", re.compile(rf"^第[{_CN}]{{1,3}}部分")),
    ("paren-ar", re.compile(r"^[（(]\d{1,2}[)）]")),
    ("ar", re.compile(r"^\d{1,2}(?:[、．]|\.(?!\d))")),
    ("half-paren-ar", re.compile(r"^\d{1,2}[)）]")),
    ("circled", re.compile(r"^[①-⑳]")),
)
_CHAPTER_KINDS = frozenset({"paren-cn", "cn", "part"})
_LEVEL1_LABELS = frozenset(f"{word}指标" for word in LEVEL1_VALUES)
_LEVEL2_ENDINGS = tuple({label[-4:] for label in LEVEL2_VALUES})  # 数量指标, 社会效益指标, 服务对象满意度指标
# A heading: a label ending in 指标, perhaps "完成情况" and the group's points after it, perhaps a remark
# after a colon ("（一）产出指标：共设置7个指标。").
_HEADING = re.compile(
    r"^([\u4e00-\u9fff]{2,10}?指标)(?:完成情况|情况|完成情况分析)?(?:[（(]\d+(?:\.\d+)?分[)）])?"
    r"([:：。，,].*)?$"
)
_REASON = re.compile(
    r"(?:偏差|未完成|未达标|未达到目标的?|差异)?原因(?:分析|说明)?(?:及改进措施)?[:：]|(?:主要)?原因(?:是|为|在于)"
)
_CLAUSE_SPLIT = re.compile(r"[，；;。]|(?<!\d),|,(?!\d)")
_VERB = r"(?:为|是|了|设定为|[:：])?"
_FIELDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "target",
        re.compile(
            r"^(?:年度|全年|年初)?(?:绩效)?(?:目标值|指标值|目标|预期值|预期目标值|预期目标|预期|计划值|计划数|计划)"
            rf"(?!率)(?:情况)?{_VERB}(.+)$"
        ),
    ),
    (
        "actual",
        re.compile(
            rf"^(?:实际完成值|实际完成|实际值|实际|完成值|实现值|已完成|完成)(?!率)(?:情况)?{_VERB}(.+)$"
        ),
    ),
    ("weight", re.compile(rf"^(?:分值|权重|满分|标准分){_VERB}(\d+(?:\.\d+)?)分?$")),
    ("score", re.compile(rf"^(?:自评得分|实际得分|得分|评分){_VERB}(\d+(?:\.\d+)?)分?$")),
)
_MAX_NAME = 40
_MAX_VALUE = 40
_TERMINAL = ("。", "！", "？", "!", "?")


@dataclass
class _Paragraph:
    page: int
    kind: str | None  # outline marker kind, None when unnumbered
    lines: list[str]

    @property
    def text(self) -> str:
        return join_fragments(self.lines)


def prose_indicators(pages: list[str]) -> list[IndicatorRow]:
    """The indicators written as paragraphs in ``pages`` (text per page, 1-based order), in order."""
    rows: list[IndicatorRow] = []
    level1_kind: str | None = None
    level1: str | None = None
    level2: str | None = None
    in_section = False
    for paragraph in _paragraphs(pages):
        text = paragraph.text
        body = _unmarked(text, paragraph.kind)
        heading = _HEADING.match(body)
        if heading and heading.group(2) and _indicator_fields(body, numbered=True) is not None:
            heading = None  # "（1）数量指标：年度目标值…，实际完成值…" is an indicator so named
        if heading and paragraph.kind != "part":
            label = heading.group(1)
            # 成本指标 is a 一级 group and a 二级 one: the outline level (its marker) tells which.
            if label in _LEVEL1_LABELS and (level1 is None or paragraph.kind == level1_kind):
                level1_kind, level1, level2 = paragraph.kind, label, None
                in_section = True
                continue
            if label.endswith(_LEVEL2_ENDINGS):
                level2, in_section = label, True
                continue
        fields = _indicator_fields(body, numbered=paragraph.kind is not None) if in_section else None
        # Another heading of the outline ends the section ("四、自评结论"), unless it is an indicator
        # numbered below a 一级 heading of another marker ("一、产出指标" / "（一）name：…").
        if paragraph.kind in _CHAPTER_KINDS and (fields is None or paragraph.kind == level1_kind):
            in_section, level1, level2, level1_kind = False, None, None, None
            continue
        if fields is None:
            continue
        columns = {"name", "target", "actual", "weight", "score", "reason"}
        if level1 is not None:
            fields["level1"] = level1
            columns.add("level1")
        if level2 is not None:
            fields["level2"] = level2
            columns.add("level2")
        rows.append(indicator_row(len(rows) + 1, fields, paragraph.page, columns=columns))
    return rows


def _paragraphs(pages: list[str]) -> list[_Paragraph]:
    """The text's paragraphs: a line opens one when it starts with an outline marker or a heading, or when
    the line before ended a sentence; a wrapped line (also over a page break) carries on the last one."""
    paragraphs: list[_Paragraph] = []
    for number, page in enumerate(pages, start=1):
        for raw in page.split("\n"):
            line = squeeze(raw)
            if not line:
                continue
            kind = _marker_kind(line)
            last = paragraphs[-1] if paragraphs else None
            carries = (
                last is not None
                and kind is None
                and not _bare_heading(last)
                and (not last.text.endswith(_TERMINAL) or _REASON.match(line) is not None)
            )
            if carries and last is not None:
                last.lines.append(line)
            else:
                paragraphs.append(_Paragraph(number, kind, [line]))
    return paragraphs


def _bare_heading(paragraph: _Paragraph) -> bool:
    heading = _HEADING.match(_unmarked(paragraph.text, paragraph.kind))
    return heading is not None and not heading.group(2)


def _marker_kind(line: str) -> str | None:
    for kind, pattern in _MARKERS:
        if pattern.match(line):
            return kind
    return None


def _unmarked(text: str, kind: str | None) -> str:
    if kind is None:
        return text
    pattern = dict(_MARKERS)[kind]
    return pattern.sub("", text, count=1).strip()


def _indicator_fields(body: str, *, numbered: bool) -> dict[str, str] | None:
    """name/target/actual (and weight/score/reason where written) of one indicator paragraph, or None
    when it does not name an indicator and give both a target and an actual."""
    reason = ""
    if match := _REASON.search(body):
        body, reason = body[: match.start()], body[match.end() :].strip()
    name, sep, rest = _split_name(body, numbered)
    if not sep:
        return None
    fields: dict[str, str] = {"name": name, "reason": reason}
    for clause in _CLAUSE_SPLIT.split(rest):
        clause = clause.strip()
        for field, pattern in _FIELDS:
            if field in fields or not (match := pattern.match(clause)):
                continue
            value = match.group(1).strip()
            if value and len(value) <= _MAX_VALUE:
                fields[field] = value
            break
    if "target" not in fields or "actual" not in fields:
        return None
    return fields


def _split_name(body: str, numbered: bool) -> tuple[str, str, str]:
    """(name, separator, rest): the name before the first colon (or, in a numbered paragraph, before the
    first comma); no separator when the head is not a plausible name (a sentence, a field word)."""
    cuts = [m for m in (re.search(r"[:：]", body), re.search(r"[，,]", body) if numbered else None) if m]
    if not cuts:
        return body, "", ""
    cut = min(cuts, key=lambda m: m.start())
    name = body[: cut.start()].strip()
    if not 2 <= len(name) <= _MAX_NAME or re.search(r"[。，；;,]", name):
        return body, "", ""
    if any(pattern.match(name) for _, pattern in _FIELDS):
        return body, "", ""
    return name, cut.group(0), body[cut.end() :]
