-- grain: one row per finance item per report; key: (report_key, item_key)
create table fact_finance (
    report_key bigint not null,
    department_key bigint not null,
    fiscal_year integer not null,
    item_key bigint not null,
    amount_wan_yuan decimal(18, 6) not null,
    source_page integer,
    source_text varchar,  -- internal
    primary key (report_key, item_key)
);

comment on table fact_finance is '财务数据 — finance figure: one row per finance item given in a report';
comment on column fact_finance.report_key is '报告键 — report the figure comes from (dim_report)';
comment on column fact_finance.department_key is '部门键 — department (dim_department)';
comment on column fact_finance.fiscal_year is '年度 — fiscal year of the report';
comment on column fact_finance.item_key is '项目键 — finance item (dim_finance_item)';
comment on column fact_finance.amount_wan_yuan is '金额（万元） — amount in 万元 (10,000 CNY)';
comment on column fact_finance.source_page is '来源页 — 1-based page the figure was read from';
comment on column fact_finance.source_text is '来源文本 — snippet the figure was read from, for tracing';
