"""A performance summary (涉及资金, 自评平均分) against the projects described after it."""

from __future__ import annotations

from pathlib import Path

from narrative_extract import api

from .conftest import check_text, corpus


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


def test_a_projects_prose_figures_match_its_own_self_evaluation_sheet(tmp_path):
    found = api.check(corpus("liaoning_org_2024_final"))
    # (1) “工作业务经费”项目自评综述：…项目自评得分 99.73 分。项目全年预算数为 897.47 万元，执行数为 873.55 万元
    line_210 = {(f.kind, f.raw): f for f in found if f.claim is not None and f.claim.loc.line == 210}
    for key in (("score", "99.73 分"), ("amount", "897.47 万元"), ("amount", "873.55 万元")):
        assert line_210[key].status == "consistent"
        assert line_210[key].evidence[0].row == "工作业务经费"
    # The same paragraph with its executed figure misprinted: the sheet says 873.55.
    text = Path(corpus("liaoning_org_2024_final")).read_text(encoding="utf-8")
    path = tmp_path / "liaoning_altered.txt"
    path.write_text(text.replace("执行数为 873.55 万元", "执行数为 837.55 万元"), encoding="utf-8")
    [bad] = [f for f in api.check(str(path)) if f.claim is not None and f.claim.loc.line == 210
             and f.raw == "837.55 万元"]
    assert bad.status == "mismatch" and bad.expected == "873.55万元" and "“工作业务经费” prints 873.55" in bad.message


def test_target_funds_against_the_performance_target_sheets(real_pdfs):
    # wanli 2023 p.29: 编报绩效目标的项目5个，涉及项目预算资金3328.13万元 — its five 绩效目标填报表 add to 3351.33.
    found = api.check(str(real_pdfs / "putuo_wanli_street_2023_budget.pdf"))
    [funds] = [f for f in found if f.kind == "amount" and f.subject == "涉及项目预算资金"]
    assert funds.status == "mismatch" and funds.expected == "3,351.33万元"
    assert funds.evidence[0].formula.startswith("4,100,000.00元 + 6,351,000.00元")


TARGET_SHEET = ("某局2026年部门预算\n七、项目经费情况说明\n"
                "本年度道路保洁经费预算金额为120.50万元，用于道路保洁。\n"
                "项目三年共需道路保洁经费360.00万元。\n"
                "本年度绿化养护经费预算金额为88.00万元。\n"
                "财政项目支出绩效目标申报表\n（2026年度）\n"
                "项目名称\t\t道路保洁经费\t\t项目性质\t阶段性项目\n"
                "项目资金（元）\t\t项目资金总额\t\t3,600,000.00\t年度资金申请总额\t\t1,205,000.00\n"
                "\t\t其中：财政资金\t\t3,600,000.00\t其中：当年财政拨款\t\t1,205,000.00\n"
                "财政项目支出绩效目标申报表\n（2026年度）\n"
                "项目名称\t\t绿化养护经费\t\t项目性质\t经常性项目\n"
                "项目资金（元）\t\t项目资金总额\t\t800,000.00\t年度资金申请总额\t\t800,000.00\n")


def test_a_projects_budget_against_its_performance_target_sheet(tmp_path):
    # 城管执法局 2026 (unseen): 本年度拆违经费预算金额为349.80万元 = its sheet's 年度资金申请总额 3,498,000.00,
    # while 项目资金总额 10,308,000.00 spans 2024–2026: either figure may be stated, neither is a mismatch
    found = {f.raw: f for f in check_text(tmp_path, TARGET_SHEET) if f.kind == "amount"}
    assert found["120.50万元"].status == "consistent"
    assert found["120.50万元"].evidence[0].column == "年度资金申请总额"
    assert found["360.00万元"].status == "consistent" and found["360.00万元"].evidence[0].column == "项目资金总额"
    assert found["88.00万元"].status == "mismatch" and found["88.00万元"].expected == "80.00万元"
