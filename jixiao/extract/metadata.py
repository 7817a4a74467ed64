"""Report metadata: title, department, region, fiscal year and report type."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from jixiao.extract.textnorm import squeeze

PROVINCES: tuple[str, ...] = (
    "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省",
    "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省",
    "四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省", "台湾省", "内蒙古自治区",
    "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区",
)  # fmt: skip

_YEAR = r"(20\d{2})"
_TITLE_RE = re.compile(
    r"(?P<dept>[^\s，。；：:]{2,60}?)?[(（]?(?P<year>20\d{2})年?度?[)）]?"
    r"(?P<kind>部门整体支出|整体支出|部门整体|项目支出|项目|专项资金|部门)?[^，。；]{0,30}?"
    r"(?:绩效自评(?:价)?(?:报告|表)?|自评报告|自评表|绩效评价报告)"
)
_FIELD_RE = re.compile(
    r"(?:单位名称|部门名称|预算部门|预算单位|主管部门|填报单位|评价单位|实施单位)"
    r"(?:[（(](?:盖章|公章|签章)[)）])?[:：]?"
    r"(?P<dept>[\u4e00-\u9fff（）()]{3,40}?(?:局|厅|委员会|委|办公室|办|中心|院|所|站|队|部|会|馆|处|署|政府|社|校|园|室|团|庭))"
)
_ORG_SUFFIX = r"(?:局|厅|委员会|委|办公室|中心|院|所|站|队|部|会|馆|处|署|人民政府|政府|社|学校|园|室|团|庭)"
_SELF_DESC_RE = re.compile(
    r"(?P<dept>[\u4e00-\u9fff（）()“”]{3,40}?" + _ORG_SUFFIX + r")(?:（以下简称[^）]{1,10}）)?"
    r"(?:是|为|系|作为)(?:主管|负责|承担|市政府|省政府|县政府|区政府|[^，。]{0,12}(?:工作部门|直属|组成部门|机构|单位))"
)
# The first cells of a self-evaluation form (自评表), printed right under its title.
_FORM_LABEL = re.compile(
    r"(?:项目名称|单位名称|部门名称|预算部门|预算单位|主管部门|填报单位|评价单位|实施单位)"
)
_HEADING_TAIL = re.compile(
    r"^.*(?:部门职能|主要职能|职能职责|部门职责|单位职能|主要职责|基本情况|部门概况|单位概况|机构设置|单位简介|部门简介)"
)
_LEADING_NOISE = re.compile(r"^(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)+")
_EXPENDITURE_YEAR_RE = re.compile(
    _YEAR + r"年度?(?:部门)?(?:决算支出|支出决算|整体支出|部门整体支出|收入预算|预算)"
)


@dataclass(frozen=True)
class Metadata:
    """What the report says about itself."""

    department: str | None
    region: str | None
    fiscal_year: int | None
    report_type: str
    title: str | None  # as printed, None when the document has no title


def title_lines(first_page_text: str) -> str | None:
    """The title as printed: the leading short lines of page 1 when they name a self-evaluation."""
    lines = [line.strip() for line in first_page_text.splitlines() if line.strip()]
    picked: list[str] = []
    for line in lines[:8]:
        flat = squeeze(line)
        if re.fullmatch(r"附件\s*\d*[:：]?|附表\s*\d*[:：]?", flat):
            continue
        heading = re.match(r"^[一二三四五六七八九十]+、|^[（(][一二三四五六七八九十]+[)）]", flat)
        if picked and (heading or _FORM_LABEL.match(flat) or len(flat) > 45 or re.search(r"[:：]", flat)):
            break  # a heading, a form's first row ("项目名称 …") or body text: the title has ended
        picked.append(flat)
        if len(picked) >= 4:
            break
    joined = "".join(picked)
    if not re.search(r"(?:自评|自评价|评价)(?:报告|表)|绩效自评$", joined):
        return None
    match = _TITLE_RE.search(joined)
    if match is None:
        return joined.strip("：:")
    # Keep a trailing "报告"/"表" that wrapped onto the next line.
    end = match.end()
    # …and a printed qualifier right after it: "（更正版）", "（修订稿）".
    tail = re.match(r"(?:报告|表)?(?:[（(][^（）()]{1,10}[)）])?", joined[end:])
    return joined[match.start() : end + (tail.end() if tail else 0)].strip("：:")


def find_metadata(first_page_text: str, flat_body: str, last_page_text: str = "") -> Metadata:
    """Title, department, region, year and type, from the title when there is one, else the body.

    The signature at the end of the last page ("江门市工业和信息化局 / 2024年3月") is the last resort
    for the department.
    """
    printed_title = title_lines(first_page_text)
    title = title_lines(chinese_years_to_digits(first_page_text))
    flat_body = chinese_years_to_digits(flat_body)
    department = year = None
    kind = None
    if title:
        match = _TITLE_RE.search(title)
        if match:
            department = _clean_department(match.group("dept") or "")
            year = int(match.group("year"))
            kind = match.group("kind")
    report_type = (
        "project" if (kind and "项目" in kind) or (title and "项目支出" in title) else "department_overall"
    )
    if not department:
        department = _department_from_body(flat_body) or _department_from_signature(last_page_text)
    if year is None:
        year = _year_from_body(flat_body)
    region = region_of(department) if department else None
    return Metadata(department, region, year, report_type, printed_title)


_CN_DIGITS = str.maketrans("〇零○一二三四五六七八九", "00012345678" + "9")


def chinese_years_to_digits(text: str) -> str:
    """ "二〇二三年" → "2023年" (titles and covers sometimes spell the year in Chinese numerals)."""
    return re.sub(
        r"二[〇零○][〇零○一二三四五六七八九]{2}(?=\s*年)", lambda m: m.group().translate(_CN_DIGITS), text
    )


def _clean_department(text: str) -> str | None:
    dept = _LEADING_NOISE.sub("", text)
    dept = re.sub(r"^(?:附件\d*[:：]?)", "", dept).strip('“”"《》 ')
    if re.fullmatch(r"(?:我|本)(?:局|厅|委|办|部门|单位|中心|院|所|处|部)?", dept):
        return None  # "我局", "本部门": the name is elsewhere
    return dept if len(dept) >= 2 else None


def _department_from_body(flat: str) -> str | None:
    field = _FIELD_RE.search(flat)
    if field:
        return _clean_department(field.group("dept"))
    for match in _SELF_DESC_RE.finditer(flat[:6000]):
        candidate = _HEADING_TAIL.sub("", match.group("dept"))
        candidate = _clean_department(candidate)
        if candidate and len(candidate) >= 3:
            return candidate
    return None


def _department_from_signature(last_page_text: str) -> str | None:
    lines = [squeeze(ln) for ln in last_page_text.splitlines() if ln.strip()]
    for line in reversed(lines[-4:]):
        if re.fullmatch(r"[\u4e00-\u9fff（）()]{3,40}" + _ORG_SUFFIX, line):
            return line
    return None


def _year_from_body(flat: str) -> int | None:
    match = _EXPENDITURE_YEAR_RE.search(flat)
    if match:
        return int(match.group(1))
    years = Counter(int(y) for y in re.findall(_YEAR + r"年", flat))
    return years.most_common(1)[0][0] if years else None


def region_of(department: str) -> str | None:
    """The city (else province, else county) a department belongs to, read from its name."""
    name = re.sub(r"^(?:中国共产党|中共)", "", department)
    province = next((p for p in PROVINCES if name.startswith(p) or name.startswith(p[:-1])), None)
    rest = name
    if province:
        rest = name[len(province) :] if name.startswith(province) else name[len(province) - 1 :]
        if province.endswith("市"):
            return province
    city = re.match(r"([\u4e00-\u9fff]{2,4}?(?:市|自治州|地区|盟))", rest)
    if city and not city.group(1).startswith(("市场", "市政", "市直")):
        return city.group(1)
    if province:
        return province
    county = re.match(r"([\u4e00-\u9fff]{2,4}?(?:县|区|旗))", rest)
    return county.group(1) if county else None
