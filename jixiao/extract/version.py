"""The parser's version: part of every staged record's cache key (``jixiao.staging.store``).

A module of its own so that knowing the version never imports the parser (pdfplumber, pypdfium2): a
run over unchanged files checks the version of their records and parses nothing.
"""

# 1.6: scanned pages are read by OCR; 1.6.1: OCR doubts are failed self-checks; 1.6.2: a blank PDF that
# is a decompression bomb, absurdly nested or has a self-referencing xref says so (no longer "a scan");
# 1.6.3: a 决算 publication's self-evaluation section is read; the 三公 支出决算 is not the department's;
# value | unit sub-columns under the target and actual; grade bands of a left-in instruction are no score;
# a ruled table's foot left open under merged cells going on over the page break is closed;
# a merged cell's text centred below the page's part of the table; 预算执行率 and 自评总分 rows under it;
# 1.6.4: a bound without a number keeps its operator (≤批复概算); 元 against 万元 compared at one scale;
# "无因公出国（境）费支出" is 0; a form naming its 项目名称 is a project report;
# 1.6.5: a page number under a rule-less table broken over pages is read across the columns it crosses
# and dropped, not made a row; a bracketed note after a value (73.2%（优良天数267天）) is not part of it;
# labels centred on their rows in a rule-less table read by gaps start at the first of those rows, and
# its rows stay apart when no cell wraps
# 1.6.6: a report with no indicator table reads indicators written as numbered paragraphs under 一级/二级
# headings (name：target，actual，分值，得分。偏差原因：…); lines under a table without rules that run
# across its columns like a paragraph (scoring notes) or open with 注：/填报人：/单位负责人：… are not rows
PARSER_VERSION = "1.6.6"
