-- grain: one row per report; key: report_key
create table fact_evaluation (
    report_key bigint primary key,
    department_key bigint not null,
    fiscal_year integer not null,
    self_score double,
    grade varchar,
    source_page integer  -- internal
);

comment on table fact_evaluation is '自评结论 — self-evaluation conclusion: one row per report';
comment on column fact_evaluation.report_key is '报告键 — report (dim_report)';
comment on column fact_evaluation.department_key is '部门键 — department (dim_department)';
comment on column fact_evaluation.fiscal_year is '年度 — fiscal year of the report';
comment on column fact_evaluation.self_score is '自评分数 — self-assessed score, e.g. 96.66; null when not given';
comment on column fact_evaluation.grade is '绩效等级 — grade, e.g. 优, 良, 中, 差; null when not given';
comment on column fact_evaluation.source_page is '来源页 — 1-based page of the conclusion';
