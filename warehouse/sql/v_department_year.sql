-- grain: one row per current report (department, fiscal year, report type)
create view v_department_year as
with reports as (
    select * from dim_report where is_current
),

departments as (
    select * from dim_department
),

evaluations as (
    select * from fact_evaluation
),

finance as (
    select
        fact_finance.report_key,
        dim_finance_item.item_code,
        fact_finance.amount_wan_yuan
    from fact_finance
    inner join dim_finance_item on fact_finance.item_key = dim_finance_item.item_key
),

finance_wide as (
    select
        report_key,
        max(amount_wan_yuan) filter (where item_code = 'expenditure_total') as expenditure_total,
        max(amount_wan_yuan) filter (where item_code = 'expenditure_basic') as expenditure_basic,
        max(amount_wan_yuan) filter (where item_code = 'expenditure_project') as expenditure_project,
        max(amount_wan_yuan) filter (where item_code = 'sangong_total') as sangong_total
    from finance
    group by report_key
),

indicator_counts as (
    select
        report_key,
        count(*) as indicator_count,
        count(*) filter (where achieved) as indicators_achieved,
        count(achieved) as indicators_decidable
    from fact_indicator
    group by report_key
)

select
    departments.department_name,
    departments.region,
    reports.fiscal_year,
    reports.report_type,
    evaluations.self_score,
    evaluations.grade,
    finance_wide.expenditure_total,
    finance_wide.expenditure_basic,
    finance_wide.expenditure_project,
    finance_wide.sangong_total,
    coalesce(indicator_counts.indicator_count, 0) as indicator_count,
    coalesce(indicator_counts.indicators_achieved, 0) as indicators_achieved,
    round(100.0 * indicator_counts.indicators_achieved / nullif(indicator_counts.indicators_decidable, 0), 2)
        as achieved_rate
from reports
inner join departments on reports.department_key = departments.department_key
left join evaluations on reports.report_key = evaluations.report_key
left join finance_wide on reports.report_key = finance_wide.report_key
left join indicator_counts on reports.report_key = indicator_counts.report_key;

comment on view v_department_year is '部门年度概览 — department year: score, spending and indicator results per current report';
comment on column v_department_year.department_name is '部门名称 — full official department name';
comment on column v_department_year.region is '所属地区 — city or province, null when unknown';
comment on column v_department_year.fiscal_year is '年度 — fiscal year';
comment on column v_department_year.report_type is '报告类型 — department_overall or project';
comment on column v_department_year.self_score is '自评分数 — self-assessed score';
comment on column v_department_year.grade is '绩效等级 — grade (优, 良, 中, 差)';
comment on column v_department_year.expenditure_total is '决算支出合计（万元） — total final-account expenditure in 万元';
comment on column v_department_year.expenditure_basic is '基本支出（万元） — basic expenditure in 万元';
comment on column v_department_year.expenditure_project is '项目支出（万元） — project expenditure in 万元';
comment on column v_department_year.sangong_total is '“三公”经费合计（万元） — three public expenses (travel abroad, vehicles, reception) in 万元';
comment on column v_department_year.indicator_count is '指标个数 — rows in the indicator table';
comment on column v_department_year.indicators_achieved is '完成指标数 — indicators whose target was met';
comment on column v_department_year.achieved_rate is '指标完成率（%） — achieved indicators as a percentage of those decidable';
