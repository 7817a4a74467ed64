-- grain: one row per indicator row of a current report, with the same indicator's previous year
-- the rows are computed once per publish in mart.indicator_yoy (mart_indicator_yoy.sql)
create view v_indicator_yoy as
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
    actual_change,
    report_type
from mart.indicator_yoy;

comment on view v_indicator_yoy is '指标同比 — indicator year over year: each indicator''s result beside its previous year (current reports only)';
comment on column v_indicator_yoy.department_name is '部门名称 — full official department name';
comment on column v_indicator_yoy.indicator_code is '指标编码 — stable indicator code';
comment on column v_indicator_yoy.indicator_name is '三级指标 — indicator name (latest wording)';
comment on column v_indicator_yoy.unit is '计量单位 — unit of measure';
comment on column v_indicator_yoy.fiscal_year is '年度 — fiscal year';
comment on column v_indicator_yoy.target_value is '预期值 — numeric target';
comment on column v_indicator_yoy.actual_value is '实现值 — numeric actual';
comment on column v_indicator_yoy.achieved is '是否完成 — target met, null when not decidable';
comment on column v_indicator_yoy.prev_fiscal_year is '上期年度 — previous fiscal year the indicator was reported';
comment on column v_indicator_yoy.prev_actual_value is '上期实现值 — actual in the previous reported year';
comment on column v_indicator_yoy.actual_change is '实现值变动 — actual minus previous actual';
comment on column v_indicator_yoy.report_type is '报告类型 — department_overall or project';
