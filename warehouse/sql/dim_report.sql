-- grain: one row per ingested report file (content hash); key: report_key
create table dim_report (
    report_key bigint primary key,
    department_key bigint not null,
    fiscal_year integer not null,
    report_type varchar not null,
    title varchar,
    source_file varchar not null,
    source_sha256 varchar not null unique,
    page_count integer,
    parser_version varchar not null,
    ingested_at timestamp not null,
    is_current boolean not null,
    source_format varchar not null,
    extraction varchar not null,
    superseded_by bigint,  -- internal
    warnings varchar,  -- internal
    self_checks varchar,  -- internal
    source_path varchar  -- internal
);

comment on table dim_report is '自评报告 — report: one row per ingested report file';
comment on column dim_report.report_key is '报告键 — report surrogate key (hash of the file''s sha256)';
comment on column dim_report.department_key is '部门键 — department of the report (dim_department)';
comment on column dim_report.fiscal_year is '年度 — fiscal year the report evaluates';
comment on column dim_report.report_type is '报告类型 — department_overall (部门整体支出) or project (项目支出)';
comment on column dim_report.title is '报告标题 — title as printed, or composed when absent';
comment on column dim_report.source_file is '源文件 — file name as received';
comment on column dim_report.source_sha256 is '文件哈希 — sha256 of the file''s bytes';
comment on column dim_report.page_count is '页数 — number of pages';
comment on column dim_report.parser_version is '解析器版本 — version of the extractor that read the file';
comment on column dim_report.ingested_at is '入库时间 — when the file was first ingested (UTC)';
comment on column dim_report.is_current is '是否现行 — false when another file for the same department, year and type supersedes it: a re-issue, or the same report in a preferred format';
comment on column dim_report.source_format is '源格式 — how the file was read: pdf, pdf_ocr (a scan, by OCR), docx, xlsx, xls or html';
comment on column dim_report.superseded_by is '被替代为 — report_key of the report that supersedes this one, null when current';
comment on column dim_report.extraction is '抽取自检 — ok, or flagged when the document''s own redundancy (Σ分值 = 100, Σ得分 = 总分, 执行率, parts = totals) disagrees with what was read';
comment on column dim_report.self_checks is '自检失败项 — the failed self-checks, one per line; null when extraction is ok';
comment on column dim_report.source_path is '源路径 — the first copy''s path relative to the folder given to its run (or the inbox), which tells apart files of the same name (附件1.pdf)';
comment on column dim_report.warnings is '解析提示 — non-fatal oddities found while parsing, one per line';
