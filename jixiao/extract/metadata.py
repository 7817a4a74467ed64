"""Report metadata: title, department, region, fiscal year and report type."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from jixiao.extract.regions import Region, locate
from jixiao.extract.textnorm import squeeze

_YEAR = r"(20\d{2})"
_TITLE_RE = re.compile(
    r"(?P<dept>[^\s，。；：:]{2,60}?)?[(（]?(?P<year>20\d{2})年?度?[)）]?"
    r"(?P<kind>部门整体支出|整体支出|部门整体|项目支出|项目|专项资金|部门)?[^，。；]{0,30}?"
    r"(?:绩效自评(?:价)?(?:报告|表)?|自评报告|自评表|绩效评价报告)"
)
_FIELD_LABELS = (
    r"(?:单位名称|部门名称|部门[（(]单位[)）]名称|预算部门|预算单位|主管部门|填报单位|评价单位|实施单位)"
)
_FIELD_RE = re.compile(
    _FIELD_LABELS + r"(?:[（(](?:盖章|公章|签章)[)）])?[:：]?(?:\d{2,}[-－—])?"
    r"(?P<dept>[\u4e00-\u9fff（）()]{3,40}?(?:局|厅|委员会|委|办公室|办|中心|院|所|站|队|部|会|馆|处|署|政府|社|校|园|室|团|庭))"
)
_ORG_SUFFIX = r"(?:局|厅|委员会|委|办公室|中心|院|所|站|队|部|会|馆|处|署|人民政府|政府|社|学校|园|室|团|庭)"
_SELF_DESC_RE = re.compile(
    r"(?P<dept>[\u4e00-\u9fff（）()“”]{3,40}?" + _ORG_SUFFIX + r")(?:（以下简称[^）]{1,10}）)?"
    r"(?:是|为|系|作为)(?:主管|负责|承担|市政府|省政府|县政府|区政府|[^，。]{0,12}(?:工作部门|直属|组成部门|机构|单位))"
)
# The first cells of a self-evaluation form (自评表), printed right under its title.
_FORM_LABEL = re.compile(
    r"(?:项目名称?|单位名称|部门名称|部门[（(]单位[)）]名称|预算部门|预算单位|主管部门?|填报单位|评价单位|实施单位)"
)
# A line that ends a title: "…自评报告", "…自评表", or its year in brackets "（2022 年度）".
_TITLE_END = re.compile(r"(?:报告|表|[（(]20\d{2}年度?[)）])$")
# A line that may still follow an ended title: the year in brackets, or a qualifier "（更正版）".
_TITLE_TAIL = re.compile(r"^[（(][^（）()]{1,10}[)）]$|^(?:报告|表)$")
# The department's numeric budget code printed before its name: "219-池州市贵池区棠溪镇人民政府".
_CODE_PREFIX = re.compile(r"^\d{2,}\s*[-－—]\s*")
# A place name alone (重庆市, 华容县) names the area of the template, not a department.
_PLACE_ONLY = re.compile(r"^[\u4e00-\u9fff]{2,10}?(?:省|市|自治州|州|地区|盟|县|区|旗)(?:部门|本级)?$")
_HEADING_TAIL = re.compile(
    r"^.*(?:部门职能|主要职能|职能职责|部门职责|单位职能|主要职责|基本情况|部门概况|单位概况|机构设置|单位简介|部门简介)"
)
_REPORT_WORDS = re.compile(r"(?:自评|自评价|评价)(?:报告|表)|绩效自评$")
_YEAR_FIRST = re.compile(
    r"^[（(]?20\d{2}年度?[)）]?(?P<dept>[\u4e00-\u9fff（）()]{3,40}?"
    + _ORG_SUFFIX
    + r")(?=部门|整体|项目|绩效)"
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
    area: Region = field(default_factory=Region)  # province, city, county and adcode


def title_lines(first_page_text: str) -> str | None:
    """The title as printed: the leading short lines of page 1 when they name a self-evaluation."""
    lines = [line.strip() for line in first_page_text.splitlines() if line.strip()]
    picked: list[str] = []
    for line in lines[:8]:
        flat = squeeze(line)
        if re.fullmatch(r"附件\s*\d*[:：]?|附表\s*\d*[:：]?", flat):
            continue
        if not picked and re.search(r"[:：]", flat) and not _REPORT_WORDS.search(flat):
            continue  # a line above the title: "报表编号:510000_0013zp"
        heading = re.match(r"^[一二三四五六七八九十]+、|^[（(][一二三四五六七八九十]+[)）]", flat)
        if picked and (heading or _FORM_LABEL.match(flat) or len(flat) > 45 or re.search(r"[:：]", flat)):
            break  # a heading, a form's first row ("项目名称 …") or body text: the title has ended
        ended = picked and _TITLE_END.search(picked[-1]) and _REPORT_WORDS.search("".join(picked))
        if ended and not _TITLE_TAIL.match(flat):
            break  # the title ended on the last line
        picked.append(flat)
        if len(picked) >= 4:
            break
    joined = "".join(picked)
    if not _REPORT_WORDS.search(joined):
        return None
    match = _TITLE_RE.search(joined)
    if match is None:
        return _with_year_line(joined.strip("：:"), lines)
    # Keep a trailing "报告"/"表" that wrapped onto the next line.
    end = match.end()
    # …and a printed qualifier right after it: "（更正版）", "（修订稿）".
    tail = re.match(r"(?:报告|表)?(?:[（(][^（）()]{1,10}[)）])?", joined[end:])
    return joined[match.start() : end + (tail.end() if tail else 0)].strip("：:")


_YEAR_LINE = re.compile(r"[（(]20\d{2}年度?[)）]")


def _with_year_line(title: str, lines: list[str]) -> str:
    """A title that names no year, completed by the page's line that is only the year in brackets.

    A form's title and its "（2021年度）" row are two cells of the sheet; a spreadsheet's PDF draws
    its cells in its own order, so that row can stand anywhere in the page's text, not under the title.
    """
    if re.search(r"20\d{2}", title) or not _TITLE_END.search(title):
        return title
    year = next((squeeze(line) for line in lines if _YEAR_LINE.fullmatch(squeeze(line))), None)
    return title + year if year else title


def find_metadata(
    first_page_text: str,
    flat_body: str,
    last_page_text: str = "",
    *,
    form: dict[str, str] | None = None,
    pages: list[str] | None = None,
) -> Metadata:
    """Title, department, region, year and type, from the title when there is one, else the body.

    ``form`` holds the header-block fields read from the tables (主管部门, 单位名称, …): for a project
    form the department is its 主管部门. ``pages`` (every page's text) lets a self-evaluation form
    printed inside another publication give its own title. The signature at the end of the last page
    ("江门市工业和信息化局 / 2024年3月") is the last resort for the department.
    """
    form = form or {}
    printed_title = (
        title_lines(first_page_text) or _embedded_title(pages or []) or _publication_title(first_page_text)
    )
    title = chinese_years_to_digits(printed_title) if printed_title else None
    flat_body = chinese_years_to_digits(flat_body)
    department = year = None
    kind = None
    if title:
        match = _TITLE_RE.search(title)
        if match:
            department = _clean_department(match.group("dept") or "")
            year = int(match.group("year"))
            kind = match.group("kind")
            if not department:  # the year first: "2021年茂名市发展和改革局整体支出绩效自评报告"
                after = _YEAR_FIRST.match(title)
                department = _clean_department(after.group("dept")) if after else None
        else:
            # The year after the name: "华容县部门整体支出绩效评价自评报告（2022 年度）".
            bracketed = re.search(r"[（(]" + _YEAR + r"年度?[)）]", title)
            year = int(bracketed.group(1)) if bracketed else None
    # A form about one project or fund names it (项目名称) even when its title does not say 项目:
    # "中央对地方转移支付区域绩效自评表"; a department-wide title (整体支出) wins over an appended form.
    names_project = bool(form.get("project")) and not (title and "整体" in title)
    report_type = (
        "project"
        if (kind and "项目" in kind) or (title and "项目支出" in title) or names_project
        else "department_overall"
    )
    if department and _PLACE_ONLY.match(department):
        department = None
    if report_type == "project" and form.get("competent"):
        department = _clean_department(form["competent"]) or department
    if not department:
        from_form = form.get("unit") or form.get("competent")
        department = (
            (_clean_department(from_form) if from_form else None)
            or _department_from_body(flat_body)
            or _department_from_signature(last_page_text)
        )
    if year is None:
        year = _year_from_body(flat_body)
    area = locate(department, flat_body[:6000]) if department else Region()
    return Metadata(department, area.region, year, report_type, printed_title, area)


_CN_DIGITS = str.maketrans("〇零○一二三四五六七八九", "00012345678" + "9")


def chinese_years_to_digits(text: str) -> str:
    """ "二〇二三年" → "2023年" (titles and covers sometimes spell the year in Chinese numerals)."""
    return re.sub(
        r"二[〇零○][〇零○一二三四五六七八九]{2}(?=\s*年)", lambda m: m.group().translate(_CN_DIGITS), text
    )


_FORM_TITLE = re.compile(r"(?P<dept>[^，。；:：]*?)20\d{2}年度?[^，。；:：]*绩效自评(?:价)?(?:表|报告)")


def _embedded_title(pages: list[str]) -> str | None:
    """The title of a self-evaluation form printed inside another publication (a 决算 appendix).

    The form's own title names its department ("衡山县贯塘乡人民政府2021年度…自评表"); a line of the
    table of contents ("2021年度部门整体支出绩效自评表") is taken only when no such title stands.
    """
    found: list[re.Match[str]] = []
    for text in pages:
        for line in text.splitlines():
            match = _FORM_TITLE.fullmatch(squeeze(line))
            if match and len(match.group()) <= 45:
                found.append(match)
    named = [m for m in found if m.group("dept")]
    best = named[0] if named else (found[0] if found else None)
    return best.group() if best else None


# The cover of a 决算 publication: "北京市丰台区城市管理委员会" / "2021 年度部门决算".
_PUBLICATION_TITLE = re.compile(r"[^，。；:：]{0,40}20\d{2}年度?(?:部门|单位)?决算(?:公开)?(?:报告)?")


def _publication_title(first_page_text: str) -> str | None:
    """The cover title of a 决算 publication whose self-evaluation section prints no title of its own.

    Its leading lines are joined up to the line that ends the publication's name.
    """
    picked = ""
    for line in [squeeze(ln) for ln in first_page_text.splitlines() if ln.strip()][:4]:
        picked += line
        if _PUBLICATION_TITLE.fullmatch(picked):
            return picked
    return None


def _clean_department(text: str) -> str | None:
    dept = _CODE_PREFIX.sub("", squeeze(text))
    dept = _LEADING_NOISE.sub("", dept)
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


def region_of(department: str, context: str = "") -> str | None:
    """The display region of a department (江门市, 益阳市南县, 重庆市, 湖南省), read from its name."""
    return locate(department, context).region
