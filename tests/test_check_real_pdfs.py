"""`check` on the real PDF reports: every mismatch is a real error in the published report.

corpus/labels/real_pdf_mismatches.jsonl lists each one found by hand with why it is real. A new
mismatch on these reports is a false alarm until someone confirms it there; a lost one is a miss.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from narrative_extract import api

from .conftest import CORPUS

LABELS = [json.loads(line) for line in (CORPUS / "labels" / "real_pdf_mismatches.jsonl").read_text("utf-8").splitlines()]
PDFS = sorted({
    "putuo_commerce_2025_dept_budget.pdf", "putuo_commerce_2025_unit_budget.pdf", "putuo_finance_2025_dept_budget.pdf",
    "putuo_gov_office_2025_dept_budget.pdf", "putuo_gov_office_2025_unit_budget.pdf",
    "putuo_planning_resources_2024_final.pdf", "putuo_social_work_2024_final.pdf",
    "putuo_wanli_street_2023_budget.pdf", "putuo_wanli_street_2024_budget.pdf", "putuo_wanli_street_2025_budget.pdf",
    "putuo_welfare_home_2024_unit_budget.pdf", "shanghai_final_template_2024.pdf", "shanghai_finance_2025_unit_budget.pdf",
})


@pytest.fixture(scope="module")
def findings(real_pdfs):
    cache: dict[str, list] = {}

    def get(name: str):
        if name not in cache:
            cache[name] = api.check(str(real_pdfs / name))
        return cache[name]

    return get


@pytest.mark.parametrize("name", PDFS)
def test_every_mismatch_is_a_labelled_real_error(findings, name):
    found = Counter((f.claim.loc.page if f.claim else f.loc.page, f.kind, f.raw) for f in findings(name)
                    if f.status == "mismatch")
    expected = Counter((x["page"], x["kind"], x["raw"]) for x in LABELS if x["doc"] == name)
    assert found == expected


def findings_at(found, page, kind, raw):
    return [f for f in found if f.claim is not None and f.claim.loc.page == page and f.kind == kind and f.raw == raw]


def test_prior_year_execution_figure_is_not_linked_to_this_years_cell(findings):
    # 2022年当年预算执行数为1.48万元，2023年预算安排2.63万元 — the tables print only 2.63.
    found = findings("putuo_wanli_street_2023_budget.pdf")
    [prior] = findings_at(found, 6, "amount", "1.48万元")
    [current] = [f for f in findings_at(found, 6, "amount", "2.63万元") if "预算安排" in f.claim.sentence.text]
    assert prior.status == "unverifiable" and "prior-year" in prior.message
    assert current.status == "consistent" and current.claim.figure is None
    assert not [f for f in found if f.kind == "restatement" and f.subject == "统计管理"]


def test_yoy_percent_checked_from_stated_prior_and_current_figures(findings):
    found = findings("putuo_wanli_street_2023_budget.pdf")
    [ok] = findings_at(found, 6, "yoy_pct", "77.70 %")
    assert ok.status == "consistent" and ok.expected.startswith("77.7")
    [from_zero] = findings_at(found, 6, "yoy_pct", "100.00%")
    assert from_zero.status == "unverifiable" and "growth from zero" in from_zero.message


def test_unit_price_threshold_is_not_an_amount(findings):
    # 单价50万元以上通用设备0台/套；专用设备818台/套（其中：单价100万元以上专用设备0台/套）
    found = findings("putuo_wanli_street_2023_budget.pdf")
    assert not [f for f in found if f.claim is not None and f.raw in ("50万元", "100万元") and f.claim.loc.page == 29]


def test_income_and_expenditure_total_is_the_总计_row(findings):
    # 收入支出总计9859.38万元 is 01表 总计 (本年支出合计 is 9759.38).
    found = findings("putuo_planning_resources_2024_final.pdf")
    [f] = findings_at(found, 20, "amount", "9859.38万元")
    assert f.status == "consistent" and f.evidence[0].row == "总计"


def test_list_intro_gives_fiscal_scope_to_numbered_items(findings):
    # 财政拨款支出主要内容如下： then 1.“…（项）”53.84万元 … — checked against the 一般公共预算 table.
    found = findings("putuo_welfare_home_2024_unit_budget.pdf")
    [f] = [f for f in findings_at(found, 6, "amount", "53.84万元") if f.claim.sentence.text.startswith("1.")]
    assert f.scope == "fiscal" and f.status == "consistent" and f.evidence[0].standard_id == "budget.general_function"


def test_warnings_are_real_defects_only(findings):
    # welfare home: （二）公务用车购置及运行费6.40万元，与2023年预算持平，主要原因是。 — an empty reason.
    # Its 截至2023年12月31日 is right for a 2024 budget (drawn up before 2024) and is not warned about.
    welfare = [(f.kind, f.claim.loc.page if f.claim else f.loc.page) for f in findings("putuo_welfare_home_2024_unit_budget.pdf")
               if f.status == "warning"]
    assert welfare == [("reason", 16)]
    # The template's instruction 预决算持平的不用说明变动原因。 names the word; it announces no reason.
    assert not [f for f in findings("shanghai_final_template_2024.pdf") if f.status == "warning"]


def test_figure_wrapped_to_the_next_line_stays_in_its_paragraph(findings):
    # wanli 2023 p.7 item 15: …比2022年预算执行数增加 / 60.54%。 — the line ends 24pt short of the
    # margin because 60.54% did not fit; the percentage belongs to item 15 and checks out there.
    found = findings("putuo_wanli_street_2023_budget.pdf")
    item15 = [f for f in findings_at(found, 7, "yoy_pct", "60.54%") if f.subject == "机关事业单位基本养老保险缴费支出"]
    assert [f.status for f in item15] == ["consistent"]
    assert "比2022年预算执行数增加60.54%" in item15[0].claim.sentence.text


def test_an_item_the_tables_name_otherwise_is_a_warning(findings):
    # planning 2024: …行政事业单位养老支出（款）机关事业单位退休人员活动费支出（项） and …自然资源事务（款）
    # 其他国土资源事务支出（项）: the tables list 2080599 其他行政事业单位养老支出 and 2200199 其他自然资源事务支出.
    renamed = [(f.claim.loc.page, f.subject, f.raw) for f in findings("putuo_planning_resources_2024_final.pdf")
               if f.status == "warning" and f.kind == "amount"]
    assert renamed == [(22, "机关事业单位退休人员活动费支出", "0.88万元"), (24, "其他国土资源事务支出", "45.00万元")]
