-- grain: one row per indicator of a department as it persists across years; key: indicator_key
create table dim_indicator (
    indicator_key bigint primary key,
    indicator_code varchar not null unique,
    department_key bigint not null,  -- internal
    level1 varchar,
    level2 varchar,
    indicator_name varchar not null,
    unit varchar,
    first_fiscal_year integer,  -- internal
    last_fiscal_year integer  -- internal
);

comment on table dim_indicator is '绩效指标 — indicator: one row per indicator of a department, matched across years despite wording drift';
comment on column dim_indicator.indicator_key is '指标键 — indicator surrogate key (hash of indicator_code)';
comment on column dim_indicator.indicator_code is '指标编码 — stable code: the same indicator of the same department keeps it in every year';
comment on column dim_indicator.department_key is '部门键 — department the indicator belongs to (dim_department)';
comment on column dim_indicator.level1 is '一级指标 — 产出 (output), 效益 (benefit), 满意度 (satisfaction) or 成本 (cost); null when the table has no 一级 column';
comment on column dim_indicator.level2 is '二级指标 — second-level category as printed, e.g. 数量指标; null when the table has no 二级 column';
comment on column dim_indicator.indicator_name is '三级指标 — indicator name as printed in its latest year';
comment on column dim_indicator.unit is '计量单位 — unit of measure, e.g. 家, %, 万元; null when none';
comment on column dim_indicator.first_fiscal_year is '首次年度 — first fiscal year the indicator appears';
comment on column dim_indicator.last_fiscal_year is '最近年度 — latest fiscal year the indicator appears';
