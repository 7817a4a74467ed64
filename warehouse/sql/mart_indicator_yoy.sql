-- materialised at build time for the view v_indicator_yoy; grain: one row per indicator row of a current report, with the same indicator's previous year
create schema if not exists mart;

create table mart.indicator_yoy as
with reports as (
    select * from dim_report where is_current
),

indicator_rows as (
    select
        dim_department.department_name,
        dim_indicator.indicator_code,
        dim_indicator.indicator_name,
        coalesce(fact_indicator.unit, dim_indicator.unit) as unit,
        reports.report_type,
        fact_indicator.fiscal_year,
        fact_indicator.target_value,
        fact_indicator.actual_value,
        fact_indicator.achieved
    from fact_indicator
    inner join reports on fact_indicator.report_key = reports.report_key
    inner join dim_indicator on fact_indicator.indicator_key = dim_indicator.indicator_key
    inner join dim_department on fact_indicator.department_key = dim_department.department_key
),

with_previous as (
    select
        *,
        lag(fiscal_year) over by_indicator as prev_fiscal_year,
        lag(actual_value) over by_indicator as prev_actual_value
    from indicator_rows
    window by_indicator as (partition by indicator_code, report_type order by fiscal_year)
)

select
    department_name,
    indicator_code,
    indicator_name,
    unit,
    fiscal_year,
    target_value,
    actual_value,
    achieved,
    prev_fiscal_year,
    prev_actual_value,
    round(actual_value - prev_actual_value, 6) as actual_change,
    report_type
from with_previous;

comment on table mart.indicator_yoy is '指标同比（物化） — rows of v_indicator_yoy, computed once per publish so BI queries do not recompute the year-over-year window';
comment on column mart.indicator_yoy.department_name is '部门名称 — full official department name';
comment on column mart.indicator_yoy.indicator_code is '指标编码 — stable indicator code';
comment on column mart.indicator_yoy.indicator_name is '三级指标 — indicator name (latest wording)';
comment on column mart.indicator_yoy.unit is '计量单位 — unit of measure';
comment on column mart.indicator_yoy.fiscal_year is '年度 — fiscal year';
comment on column mart.indicator_yoy.target_value is '预期值 — numeric target';
comment on column mart.indicator_yoy.actual_value is '实现值 — numeric actual';
comment on column mart.indicator_yoy.achieved is '是否完成 — target met, null when not decidable';
comment on column mart.indicator_yoy.prev_fiscal_year is '上期年度 — previous fiscal year the indicator was reported';
comment on column mart.indicator_yoy.prev_actual_value is '上期实现值 — actual in the previous reported year';
comment on column mart.indicator_yoy.actual_change is '实现值变动 — actual minus previous actual';
comment on column mart.indicator_yoy.report_type is '报告类型 — department_overall or project';
