"""A performance summary (涉及资金, 自评平均分) against the projects described after it."""

from __future__ import annotations

from pathlib import Path

from narrative_extract import api

from .conftest import corpus


def at(findings, line, kind):
    return [f for f in findings if f.claim is not None and f.claim.loc.line == line and f.kind == kind]


def test_liaoning_project_budgets_and_scores_agree_with_the_summary():
    found = api.check(corpus("liaoning_org_2024_final"))
    [funds] = [f for f in at(found, 200, "amount") if f.raw == "18,382.69 万元" and f.subject == "涉及资金"]
    assert funds.status == "consistent" and funds.expected == "18,382.69万元"
    assert funds.evidence[0].formula.startswith("897.47 万元 + 50.00 万元 + 7,000.00 万元")
    [average] = at(found, 200, "score")
    assert average.status == "consistent" and average.expected == "84.92"
    # 组织对 1 个单位 … 自评平均分 98.82 分 is about the unit, not the project list: no verdict.
    [unit_score] = at(found, 202, "score")
    assert unit_score.status == "unverifiable"


def test_an_altered_project_budget_or_score_is_caught(tmp_path):
    text = Path(corpus("liaoning_org_2024_final")).read_text(encoding="utf-8")
    altered = text.replace("项目全年预算数为 661.69 万元", "项目全年预算数为 611.69 万元").replace(
        "项目自评得分 79.00 分", "项目自评得分 97.00 分")
    path = tmp_path / "liaoning_altered.txt"
    path.write_text(altered, encoding="utf-8")
    found = api.check(str(path))
    [funds] = [f for f in at(found, 200, "amount") if f.subject == "涉及资金"]
    assert funds.status == "mismatch" and funds.expected == "18,332.69万元"
    [average] = at(found, 200, "score")
    assert average.status == "mismatch" and average.expected == "86.42"
