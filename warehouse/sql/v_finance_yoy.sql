-- grain: one row per finance figure of a current report, with the previous year's figure
-- the rows are computed once per publish in mart.finance_yoy (mart_finance_yoy.sql)
create view v_finance_yoy as
select
    department_name,
    item_code,
    item_name,
    fiscal_year,
    amount_wan_yuan,
    prev_amount_wan_yuan,
    change_pct,
    prev_fiscal_year,
    report_type
from mart.finance_yoy;

comment on view v_finance_yoy is '财务同比 — finance year over year: each figure beside the previous year''s (current reports only)';
comment on column v_finance_yoy.department_name is '部门名称 — full official department name';
comment on column v_finance_yoy.item_code is '项目编码 — finance item code';
comment on column v_finance_yoy.item_name is '项目名称 — finance item name';
comment on column v_finance_yoy.fiscal_year is '年度 — fiscal year';
comment on column v_finance_yoy.amount_wan_yuan is '金额（万元） — amount in 万元';
comment on column v_finance_yoy.prev_amount_wan_yuan is '上期金额（万元） — amount in the previous reported year, in 万元';
comment on column v_finance_yoy.change_pct is '变动率（%） — change from the previous year as a percentage';
comment on column v_finance_yoy.prev_fiscal_year is '上期年度 — previous fiscal year reported';
comment on column v_finance_yoy.report_type is '报告类型 — department_overall or project';
