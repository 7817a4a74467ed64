-- materialised at build time for the view v_finance_yoy; grain: one row per finance figure of a current report, with the previous year's figure
create schema if not exists mart;

create table mart.finance_yoy as
with reports as (
    select * from dim_report where is_current
),

figures as (
    select
        dim_department.department_name,
        fact_finance.department_key,
        dim_finance_item.item_code,
        dim_finance_item.item_name,
        reports.report_type,
        fact_finance.fiscal_year,
        fact_finance.amount_wan_yuan
    from fact_finance
    inner join reports on fact_finance.report_key = reports.report_key
    inner join dim_finance_item on fact_finance.item_key = dim_finance_item.item_key
    inner join dim_department on fact_finance.department_key = dim_department.department_key
),

with_previous as (
    select
        *,
        lag(fiscal_year) over by_item as prev_fiscal_year,
        lag(amount_wan_yuan) over by_item as prev_amount_wan_yuan
    from figures
    window by_item as (partition by department_key, item_code, report_type order by fiscal_year)
)

select
    department_name,
    item_code,
    item_name,
    fiscal_year,
    amount_wan_yuan,
    prev_amount_wan_yuan,
    round(100.0 * (amount_wan_yuan - prev_amount_wan_yuan) / nullif(prev_amount_wan_yuan, 0), 2) as change_pct,
    prev_fiscal_year,
    report_type
from with_previous;

comment on table mart.finance_yoy is '财务同比（物化） — rows of v_finance_yoy, computed once per publish so BI queries do not recompute the year-over-year window';
comment on column mart.finance_yoy.department_name is '部门名称 — full official department name';
comment on column mart.finance_yoy.item_code is '项目编码 — finance item code';
comment on column mart.finance_yoy.item_name is '项目名称 — finance item name';
comment on column mart.finance_yoy.fiscal_year is '年度 — fiscal year';
comment on column mart.finance_yoy.amount_wan_yuan is '金额（万元） — amount in 万元';
comment on column mart.finance_yoy.prev_amount_wan_yuan is '上期金额（万元） — amount in the previous reported year, in 万元';
comment on column mart.finance_yoy.change_pct is '变动率（%） — change from the previous year as a percentage';
comment on column mart.finance_yoy.prev_fiscal_year is '上期年度 — previous fiscal year reported';
comment on column mart.finance_yoy.report_type is '报告类型 — department_overall or project';
