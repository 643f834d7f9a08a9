"""绩效自评表 against themselves: 执行率 = 执行数 / 预算数, scores adding up to their totals."""

from __future__ import annotations

from collections import Counter

import pytest

from narrative_extract import api
from narrative_extract.reconcile.self_evaluation import sheet_findings

from .conftest import corpus


@pytest.fixture
def liaoning():
    return api.read_document(corpus("liaoning_org_2024_final"))


def at(findings, line, kind):
    return [f for f in findings if f.loc.line == line and f.kind == kind]


def test_liaoning_sheets_agree_with_themselves(liaoning):
    found = sheet_findings(liaoning)
    assert Counter((f.kind, f.status) for f in found) == {("sheet_rate", "consistent"): 12, ("sheet_score", "consistent"): 22}
    [rate] = at(found, 670, "sheet_rate")  # 项目预算金额 897.47 全年执行数 873.55 执行率 97.34%
    assert rate.raw == "97.34%" and rate.evidence[0].formula == "873.55 ÷ 897.47 × 100"
    total, subtotal = sorted(at(found, 683, "sheet_score"), key=lambda f: f.subject)
    assert (subtotal.subject, subtotal.raw, subtotal.expected) == ("绩效自评总得分", "99.73", "99.73")
    assert (total.subject, total.raw, total.expected) == ("指标自评得分小计 得分", "90", "90")


def set_cell(doc, line, old, new):
    table = next(t for t in doc.tables if any(loc.line == line for _, loc in t.printed_rows))
    cells = next(c for c, loc in table.printed_rows if loc.line == line)
    cells[cells.index(old)] = new


@pytest.mark.parametrize(("line", "old", "new", "caught"), [
    (670, "873.55", "853.55", [("sheet_rate", "执行率")]),
    (683, "99.73", "98.73", [("sheet_score", "绩效自评总得分")]),
    # the subtotal enters both its own sum and the total score
    (683, "90", "95", [("sheet_score", "指标自评得分小计 得分"), ("sheet_score", "绩效自评总得分")]),
])
def test_an_altered_sheet_figure_is_caught(liaoning, line, old, new, caught):
    set_cell(liaoning, line, old, new)
    bad = [f for f in sheet_findings(liaoning) if f.status == "mismatch"]
    assert sorted((f.kind, f.subject) for f in bad) == sorted(caught) and {f.loc.line for f in bad} == {line}


def test_anju_budget_blocks_and_an_incompletely_read_block_gets_no_verdict():
    found = sheet_findings(api.read_document(corpus("anju_org_2024_final")))
    assert {f.status for f in found} == {"consistent"}
    [rate] = at(found, 526, "sheet_rate")  # 总额 10.00 9.99 9.99 100.00%: 调整后预算数 9.99, 执行数 9.99
    assert rate.evidence[0].formula == "9.99 ÷ 9.99 × 100"
    # 干部人事档案数字化建设项目: its indicator rows are not read into the sheet, so 合计 100 100
    # cannot be checked — the weights read do not reach 100, so no verdict (not a false alarm).
    assert not at(found, 809, "sheet_score")
