-- grain: one row per row of a report's indicator table; key: (report_key, row_no)
create table fact_indicator (
    report_key bigint not null,
    department_key bigint not null,
    fiscal_year integer not null,
    indicator_key bigint not null,
    row_no integer not null,
    indicator_name_raw varchar not null,
    target_text varchar,
    target_op varchar,
    target_value double,
    actual_text varchar,
    actual_value double,
    unit varchar,
    achieved boolean,
    weight double,
    score double,
    shortfall_reason varchar,
    source_page integer,
    source_ref varchar,
    primary key (report_key, row_no)
);

comment on table fact_indicator is '绩效指标完成情况 — indicator result: one row per row of a report''s indicator table, in table order';
comment on column fact_indicator.report_key is '报告键 — report the row comes from (dim_report)';
comment on column fact_indicator.department_key is '部门键 — department (dim_department)';
comment on column fact_indicator.fiscal_year is '年度 — fiscal year of the report';
comment on column fact_indicator.indicator_key is '指标键 — indicator (dim_indicator)';
comment on column fact_indicator.row_no is '行号 — 1-based row number in the indicator table';
comment on column fact_indicator.indicator_name_raw is '三级指标原文 — indicator name as printed in this report';
comment on column fact_indicator.target_text is '预期值原文 — target cell as printed, whitespace removed';
comment on column fact_indicator.target_op is '比较符 — >=, <=, >, <, = or null for a bare target';
comment on column fact_indicator.target_value is '预期值 — numeric target (a percentage keeps the number before %), null when not numeric';
comment on column fact_indicator.actual_text is '实现值原文 — actual cell as printed, whitespace removed';
comment on column fact_indicator.actual_value is '实现值 — numeric actual (a percentage keeps the number before %), null when not numeric';
comment on column fact_indicator.unit is '计量单位 — unit of the row, e.g. 家, %, 个';
comment on column fact_indicator.achieved is '是否完成 — true/false when decidable (a bare numeric target means at least), else null';
comment on column fact_indicator.weight is '分值 — weight of the indicator, where the template has it';
comment on column fact_indicator.score is '得分 — score awarded, where the template has it';
comment on column fact_indicator.shortfall_reason is '未完成原因 — reason a target was missed; null where the cell is / or empty';
comment on column fact_indicator.source_page is '来源页 — 1-based page of the row''s first line';
comment on column fact_indicator.source_ref is '来源位置 — where the row was read in a file without pages: 表2第5行 (Word, HTML) or Sheet1!C7 (Excel); null for a PDF';
