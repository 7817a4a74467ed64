#!/usr/bin/env bash
# Install everything (first run), ingest the bundled sample reports into data/jixiao.duckdb,
# and show the closing summary and an example query's result.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
export JIXIAO_HOME="${JIXIAO_HOME:-$PWD/data}"
warehouse="${JIXIAO_WAREHOUSE:-$JIXIAO_HOME/jixiao.duckdb}"
.venv/bin/jixiao ingest samples/reports --warehouse "$warehouse"
echo
echo "Example query — missed targets and their reasons, current reports (fact_indicator):"
.venv/bin/jixiao query --warehouse "$warehouse" "
select d.department_name, f.fiscal_year, f.indicator_name_raw as indicator,
       f.target_text as target, f.actual_text as actual, left(f.shortfall_reason, 40) as reason
from fact_indicator f
join dim_report r using (report_key)
join dim_department d on d.department_key = f.department_key
where r.is_current and f.achieved = false
order by d.department_name, f.fiscal_year, f.row_no"
echo
echo "Department-years (v_department_year):"
.venv/bin/jixiao query --warehouse "$warehouse" "
select department_name, fiscal_year, report_type, self_score, grade, expenditure_total,
       sangong_total, indicator_count, indicators_achieved, achieved_rate
from v_department_year order by department_name, fiscal_year"
