"""Synthesised contract frames that pass every check: the base for tests and timing runs.

``sample_frames(n)`` gives ``n`` current department_overall reports (departments × consecutive years)
with indicator rows, a full set of consistent finance figures and an evaluation each, the ingest_log
of the run that loaded them (plus a rejected and a quarantined file) and a correction of one of them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import numpy as np
import pandas as pd

from jixiao.core.contract import QUARANTINE_CODE
from jixiao.quality.vocab import LEVEL1_VALUES, LEVEL2_VALUES
from jixiao.warehouse.normalize import frame

FINANCE_CODES: tuple[str, ...] = (
    "expenditure_total",
    "expenditure_basic",
    "expenditure_project",
    "budget_total",
    "budget_basic",
    "budget_project",
    "sangong_total",
    "sangong_overseas",
    "sangong_vehicle",
    "sangong_reception",
    "procurement_total",
    "procurement_goods",
    "procurement_works",
    "procurement_services",
    "assets_total",
    "liabilities_total",
    "net_assets",
    "fixed_assets_original",
    "operating_cost",
)


def _finance_amounts(rng: np.random.Generator) -> dict[str, Decimal]:
    def money(low: float, high: float) -> Decimal:
        return Decimal(f"{rng.uniform(low, high):.2f}")

    a = {"expenditure_basic": money(500, 5000), "expenditure_project": money(100, 9000)}
    a["expenditure_total"] = a["expenditure_basic"] + a["expenditure_project"]
    a |= {"budget_basic": money(500, 5000), "budget_project": money(100, 9000)}
    a["budget_total"] = a["budget_basic"] + a["budget_project"]
    a |= {"sangong_overseas": money(0, 5), "sangong_vehicle": money(0, 30), "sangong_reception": money(0, 5)}
    a["sangong_total"] = a["sangong_overseas"] + a["sangong_vehicle"] + a["sangong_reception"]
    a |= {
        "procurement_goods": money(0, 300),
        "procurement_works": money(0, 300),
        "procurement_services": money(0, 300),
    }
    a["procurement_total"] = a["procurement_goods"] + a["procurement_works"] + a["procurement_services"]
    a |= {"liabilities_total": money(0, 2000), "net_assets": money(100, 8000)}
    a["assets_total"] = a["liabilities_total"] + a["net_assets"]
    a |= {"fixed_assets_original": money(10, 3000), "operating_cost": money(10, 500)}
    return a


def sample_frames(
    n_reports: int = 30,
    *,
    indicators_per_report: int = 12,
    first_year: int = 2021,
    years: int = 3,
    seed: int = 0,
) -> dict[str, pd.DataFrame]:
    """Valid frames for ``n_reports`` reports (rounded up to whole departments of ``years`` reports)."""
    rng = np.random.default_rng(seed)
    n_depts = max(1, -(-n_reports // years))
    depts = pd.DataFrame(
        {
            "department_key": np.arange(1, n_depts + 1, dtype="int64"),
            "department_name": [f"江门市第{i}局" for i in range(1, n_depts + 1)],
            "region": "江门市",
            "province": "广东省",
            "city": "江门市",
            "county": None,
            "adcode": "440700",
        }
    )
    dept_of = np.repeat(depts["department_key"].to_numpy(), years)
    year_of = np.tile(np.arange(first_year, first_year + years, dtype="int64"), n_depts)
    n = len(dept_of)
    reports = pd.DataFrame(
        {
            "report_key": np.arange(1, n + 1, dtype="int64"),
            "department_key": dept_of,
            "fiscal_year": year_of,
            "report_type": "department_overall",
            "title": [
                f"江门市第{d}局{y}年度部门整体支出绩效自评报告" for d, y in zip(dept_of, year_of, strict=True)
            ],
            "source_file": [f"report-{k}.pdf" for k in range(1, n + 1)],
            "source_sha256": [f"{k:064x}" for k in range(1, n + 1)],
            "page_count": np.full(n, 12, dtype="int64"),
            "parser_version": "1",
            "ingested_at": pd.Timestamp(datetime(2025, 1, 1, tzinfo=UTC)),
            "is_current": True,
            "source_format": "pdf",
            "extraction": "ok",
            "self_checks": None,
        }
    )

    # One indicator per (department, slot), the same every year.
    per = indicators_per_report
    n_ind = n_depts * per
    indicators = pd.DataFrame(
        {
            "indicator_key": np.arange(1, n_ind + 1, dtype="int64"),
            "indicator_code": [f"D{d}-I{s}" for d in range(1, n_depts + 1) for s in range(1, per + 1)],
            "department_key": np.repeat(depts["department_key"].to_numpy(), per),
            "level1": [LEVEL1_VALUES[s % 3] for _ in range(n_depts) for s in range(per)],
            "level2": [LEVEL2_VALUES[s % len(LEVEL2_VALUES)] for _ in range(n_depts) for s in range(per)],
            "indicator_name": [f"指标{s}" for _ in range(n_depts) for s in range(1, per + 1)],
            "unit": "家",
        }
    )
    rep_idx = np.repeat(np.arange(n), per)
    slot = np.tile(np.arange(per), n)
    actual = np.round(rng.uniform(50, 100, n * per), 2)
    target = np.round(actual * rng.choice([0.9, 1.1], n * per), 2)
    achieved = actual >= target
    facts = pd.DataFrame(
        {
            "report_key": reports["report_key"].to_numpy()[rep_idx],
            "department_key": dept_of[rep_idx],
            "fiscal_year": year_of[rep_idx],
            "indicator_key": (dept_of[rep_idx] - 1) * per + slot + 1,
            "row_no": slot + 1,
            "indicator_name_raw": [f"指标{s + 1}" for s in slot],
            "target_text": [f"≥{t}" for t in target],
            "target_op": ">=",
            "target_value": target,
            "actual_text": [str(a) for a in actual],
            "actual_value": actual,
            "unit": "家",
            "achieved": achieved,
            "weight": np.full(n * per, 5.0),
            "score": np.where(achieved, 5.0, 4.0),
            "shortfall_reason": np.where(achieved, None, "受市场环境影响"),
            "source_page": np.full(n * per, 5, dtype="int64"),
            "source_ref": None,
        }
    )
    facts["indicator_key"] = facts["indicator_key"].astype("int64")

    items = pd.DataFrame(
        {
            "item_key": np.arange(1, len(FINANCE_CODES) + 1, dtype="int64"),
            "item_code": list(FINANCE_CODES),
            "item_name": [f"项目{c}" for c in FINANCE_CODES],
            "item_group": [c.split("_")[0] for c in FINANCE_CODES],
        }
    )
    code_key = dict(zip(items["item_code"], items["item_key"], strict=True))
    finance_rows = []
    for r in reports.itertuples(index=False):
        for code, amount in _finance_amounts(rng).items():
            finance_rows.append((r.report_key, r.department_key, r.fiscal_year, code_key[code], amount, 3))
    finance = pd.DataFrame(
        finance_rows,
        columns=["report_key", "department_key", "fiscal_year", "item_key", "amount_wan_yuan", "source_page"],
    )
    scores = np.round(rng.uniform(40, 100, n), 2)
    grades = np.select([scores >= 90, scores >= 80, scores >= 60], ["优", "良", "中"], "差")
    evaluation = pd.DataFrame(
        {
            "report_key": reports["report_key"],
            "department_key": dept_of,
            "fiscal_year": year_of,
            "self_score": scores,
            "grade": grades,
        }
    )
    at = pd.Timestamp(datetime(2025, 1, 1, tzinfo=UTC))
    log = [
        {"run_id": "run-1", "source_file": f, "source_sha256": sha, "status": "loaded", "ingested_at": at}
        for f, sha in zip(reports["source_file"], reports["source_sha256"], strict=True)
    ]
    log += [
        {
            "run_id": "run-1",
            "source_file": "scan.pdf",
            "status": "rejected",
            "reason_code": "no_text_layer",
            "reason": "scan.pdf has no text layer; OCR it or send the original.",
            "ingested_at": at,
        },
        {
            "run_id": "run-1",
            "source_file": "odd.pdf",
            "source_sha256": "f" * 64,
            "status": "quarantined",
            "reason_code": QUARANTINE_CODE,
            "reason": "odd.pdf was held out: self_score 196 (expected within 0..100).",
            "ingested_at": at,
        },
    ]
    corrections = [
        {
            "source_sha256": reports["source_sha256"].iloc[0],
            "field": field,
            "old_value": old,
            "new_value": new,
            "reason": "misread",
            "correction_file": "fix-1.yaml",
            "applied_at": at,
        }
        for field, old, new in (("fiscal_year", "2012", "2021"), ("indicators.1.actual_text", "5O", "50"))
    ]
    return {
        "dim_department": depts,
        "dim_report": reports,
        "dim_indicator": indicators,
        "dim_finance_item": items,
        "fact_indicator": facts,
        "fact_finance": finance,
        "fact_evaluation": evaluation,
        "ingest_log": frame("ingest_log", log),
        "corrections": frame("corrections", corrections),
    }
