"""Parents equal the sum of their children (类 = Σ款, 款 = Σ项) in every parsed function-code table
of every report, the 13 real PDFs included; the exceptions are listed with why."""

from __future__ import annotations

import pytest

from narrative_extract import api
from narrative_extract.model import Table
from narrative_extract.reconcile.tables import children_sums, tables_to_findings

from .conftest import corpus
from .test_real_pdf_tables import INVENTORY, document

# Parents whose sum cannot be checked, by report: "standard_id code: why". A parent is unchecked
# when one of the rows under it has no code the check can place.
UNCHECKED = {
    # p.9 and p.11 print the 类 of 210 11 02 事业单位医疗 as "7" (p.8 prints 210): a misprint in
    # the published report. The row keeps its figures but no code, so 210 卫生健康支出 and 21011
    # 行政事业单位医疗 have a child of unknown level in 支出预算总表 and 一般公共预算支出功能分类预算表.
    "putuo_welfare_home_2024_unit_budget.pdf": [
        "budget.expenditure 210: 7 11 02", "budget.expenditure 21011: 7 11 02",
        "budget.general_function 210: 7 11 02", "budget.general_function 21011: 7 11 02",
    ],
}
# Parents whose printed figure differs from the sum of their children beyond rounding: none. Every
# function-code table of the 16 reports adds up, once the tables are parsed right (the gaps fixed
# on the way: white cell backgrounds taken for rules, a continued table's halves interleaved, the
# 06表's halves breaking each other's blocks).
MISMATCHES: dict[str, list[str]] = {}

# Sums checked per report (one per parent and column printing a figure): a parsing regression that
# loses rows or columns shows here first.
CHECKS = {
    "putuo_commerce_2025_dept_budget.pdf": 96, "putuo_commerce_2025_unit_budget.pdf": 96,
    "putuo_finance_2025_dept_budget.pdf": 64, "putuo_gov_office_2025_dept_budget.pdf": 60,
    "putuo_gov_office_2025_unit_budget.pdf": 60, "putuo_planning_resources_2024_final.pdf": 92,
    "putuo_social_work_2024_final.pdf": 56, "putuo_wanli_street_2023_budget.pdf": 262,
    "putuo_wanli_street_2024_budget.pdf": 372, "putuo_wanli_street_2025_budget.pdf": 372,
    "putuo_welfare_home_2024_unit_budget.pdf": 44,
    "shanghai_final_template_2024.pdf": 0,  # XX template: no figure printed
    "shanghai_finance_2025_unit_budget.pdf": 76,
    "anju_org_2024_final": 0,  # no function-code table: narrative and self-evaluation forms only
    "dachang_org_2024_budget": 82, "liaoning_org_2024_final": 66,
}


def unchecked(table: Table, checked: set[str]) -> list[str]:
    out = []
    for k, parent in enumerate(table.rows):
        if not parent.code or len(parent.code) not in (3, 5) or parent.code in checked:
            continue
        block = []
        for row in table.rows[k + 1:]:
            if row.segment != parent.segment or (row.code and not row.code.startswith(parent.code)):
                break
            if row.name.endswith(("合计", "总计")):
                break
            block.append(row)
        figures = any(c.amount is not None for c in parent.cells)
        if figures and any(r.code and len(r.code) == len(parent.code) + 2 or not r.code for r in block):
            uncoded = [r for r in block if not r.code and r.cells and any(not c.is_empty for c in r.cells)]
            printed = " ".join(_printed_code(r) for r in uncoded)
            out.append(f"{table.standard_id} {parent.code}: {printed}")
    return out


def _printed_code(row) -> str:
    # the welfare home prints 类/款/项 in three cells; only the figures are kept in the row
    return {"事业单位医疗": "7 11 02"}.get(row.name, row.name)


@pytest.mark.parametrize("name", sorted(INVENTORY))
def test_children_sum_to_parents(name, request):
    d = document(name, request.getfixturevalue("real_pdfs") if name.endswith(".pdf") else None)
    checks, bad, skipped = 0, [], []
    for table in d.tables:
        if table.family not in ("final", "budget") or not any(r.code for r in table.rows):
            continue
        findings = children_sums(table)
        checks += len(findings)
        bad += [f"{table.standard_id} {f.subject}: {f.message}" for f in findings if f.status == "mismatch"]
        skipped += unchecked(table, {f.evidence[0].code for f in findings})
    assert bad == MISMATCHES.get(name, [])
    assert skipped == UNCHECKED.get(name, [])
    assert checks == CHECKS[name]


def test_row_totals_and_cross_total_liaoning():
    findings = tables_to_findings(api.read_document(corpus("liaoning_org_2024_final")))
    cross = [f for f in findings if f.kind == "table_cross_total"]
    assert len(cross) == 1 and cross[0].status == "consistent"  # 4,363.99 + 712.96 = 5,076.95 vs 5,076.96
    assert all(f.status != "mismatch" for f in findings if f.kind == "table_row_total")
