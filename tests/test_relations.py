"""Relations and their certainty: a mismatch only through a certain relation (docs/relations.md).

Each regression is a false alarm of the national corpus (../shared/national_pdfs), written down as
prose in the family's wording and fixed in the mechanism that paired the wrong figures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrative_extract import api
from narrative_extract.cli import app
from narrative_extract.model import Claim
from narrative_extract.reconcile.certainty import certain_alarms
from narrative_extract.reconcile.finding import Finding
from narrative_extract.relations import Certainty, Member, Relation, RelationKind, mild, serious

from .conftest import check_text, corpus

BUDGET_HEAD = "某单位2026年部门预算\n一、收入支出预算情况说明\n"


def only(findings: list[Finding], kind: str) -> Finding:
    [found] = [f for f in findings if f.kind == kind]
    return found


def test_certainty_follows_from_the_doubts():
    members = (Member("claim", "1.00万元", "l.1"),)
    assert Relation(RelationKind.CELL, members, ("why",)).certainty is Certainty.CERTAIN
    assert Relation(RelationKind.CELL, members, ("why",), (mild("a"),)).certainty is Certainty.PROBABLE
    assert Relation(RelationKind.CELL, members, ("why",), (mild("a"), serious("b"))).certainty is Certainty.DOUBTFUL


def test_mismatch_without_a_certain_relation_is_unverifiable_with_its_candidate():
    members = (Member("claim", "1.00万元", "l.1"),)
    doubtful = Finding("mismatch", "amount", "table prints 2.00", expected="2.00万元",
                       relation=Relation(RelationKind.CELL, members, ("why",), (serious("a column of 2025"),)))
    bare = Finding("mismatch", "amount", "no relation given")
    sure = Finding("mismatch", "amount", "table prints 2.00", relation=Relation(RelationKind.CELL, members, ("why",)))
    certain_alarms([doubtful, bare, sure])
    assert doubtful.status == "unverifiable" and doubtful.expected == "2.00万元"
    assert doubtful.message.startswith("uncertain link (a column of 2025)") and "table prints 2.00" in doubtful.message
    assert bare.status == "unverifiable" and "no relation stated" in bare.message
    assert sure.status == "mismatch"


def test_share_whole_is_this_years_figure_not_the_prior_years(tmp_path: Path):
    """北京: 占本年支出预算10.02% was taken of 2025年年初预算数 1506121.45 (the prior year's), not 2026's."""
    text = BUDGET_HEAD + ("2026年支出预算1448787.35万元，比2025年年初预算数1506121.45万元减少57334.09万元，下降3.81%。\n"
                          "基本支出预算145113.35万元，占支出预算的10.02%。\n")
    share = only(check_text(tmp_path, text), "share")
    assert share.status == "consistent"
    assert [m.printed for m in share.relation.members] == ["10.02%", "145113.35万元", "1448787.35万元"]


def test_this_years_spending_is_not_the_spending_total(tmp_path: Path):
    """北京: 占本年支出预算 is of 本年支出合计 (基本 + 项目), not of 支出总计 (2026年支出预算, which
    may hold more): with 本年支出合计 stated nowhere, the share is unverifiable, not an alarm."""
    text = BUDGET_HEAD + ("2026年支出预算134133.33万元。\n基本支出预算70692.09万元，占本年支出预算53.59%。\n"
                          "项目支出预算61213.81万元，占本年支出预算46.41%。\n")
    shares = [f for f in check_text(tmp_path, text) if f.kind == "share"]
    assert [f.status for f in shares] == ["unverifiable", "unverifiable"]
    assert all(f.claim.whole.name == "本年支出合计" for f in shares)


def test_base_of_a_comparison_is_never_the_current_figure(tmp_path: Path):
    """北京: in 收入A比2025年初预算数B减少C，降低x%, B was read as this year's figure."""
    text = BUDGET_HEAD + "一般公共预算收入19,828.57万元比2025年初预算数20,292.85万元减少464.27万元，降低2.29%。\n"
    pct = only(check_text(tmp_path, text), "yoy_pct")
    assert pct.status == "consistent", pct.message
    assert "19,828.57万元" in pct.message


def test_list_holding_the_base_of_a_comparison_raises_no_alarm(tmp_path: Path):
    """北京: 收入预算 T，其中：A 比…B 减少…；C 比…执行数 D 增加…: B and D are no parts of T."""
    # the report's year unknown (2026度收入预算): the base figures are not known to be the prior year's
    text = ("某单位部门预算情况说明\n一、收入预算情况说明\n"
            "2026度收入预算515,664.77万元，其中:一般公共预算收入19,828.57万元比2025年初预算数20,292.85万元"
            "减少464.27万元；国有资本经营预算收入495,836.20万元，比2025年预算收入执行数483,923.17万元"
            "增加11,913.03万元。\n")
    listed = only(check_text(tmp_path, text), "enumeration")
    if listed.status == "unverifiable":  # the bases were read as parts: the reading is doubtful
        assert listed.message.startswith("uncertain link") and "measured from" in listed.message
    else:  # the bases were left out: the two parts add up
        assert listed.status == "consistent" and len(listed.relation.members) == 3


def test_roughly_flat_is_not_contradicted_by_a_small_change(tmp_path: Path):
    """烟台: 机关运行经费…比上年减少0.07万元，与上年基本持平 — 基本持平 means roughly."""
    text = BUDGET_HEAD + "机关运行经费预算12.50万元，比上年减少0.07万元，与上年基本持平。\n"
    flat = only(check_text(tmp_path, text), "comparison")
    assert flat.status == "unverifiable" and "approximate" in flat.message


def test_plainly_flat_with_a_change_is_still_an_alarm(tmp_path: Path):
    text = BUDGET_HEAD + "机关运行经费预算12.50万元，比上年减少0.07万元，与上年持平。\n"
    flat = only(check_text(tmp_path, text), "comparison")
    assert flat.status == "mismatch" and flat.relation.certain


def test_whole_with_two_different_figures_in_the_report_is_uncertain(tmp_path: Path):
    """The whole named by a share, stated elsewhere with two values: which one is meant is a guess."""
    text = BUDGET_HEAD + ("收入总计100.00万元。\n（二）其他说明\n收入总计120.00万元。\n"
                          "（三）构成\n财政拨款收入60.00万元，占收入总计的80.00%。\n")
    share = only(check_text(tmp_path, text), "share")
    assert share.status == "unverifiable" and share.message.startswith("uncertain link")
    assert share.relation.certainty is Certainty.PROBABLE
    summary, _ = api.checked(str(tmp_path / "report.txt"))
    assert summary.uncertain_links == 1  # the report record counts the alarms withheld


def test_whole_stated_once_in_an_earlier_paragraph_keeps_its_alarm(tmp_path: Path):
    text = BUDGET_HEAD + "收入总计100.00万元，包括：\n1.财政拨款收入60.00万元，占收入总计的80.00%。\n"
    share = only(check_text(tmp_path, text), "share")
    assert share.status == "mismatch" and share.expected == "60.00%" and share.relation.certain


TABLE_BY_UNIT = """某单位2026年部门预算
一、支出预算情况说明
本年支出合计30.00万元。

支出总表
单位：万元
科目编码\t科目名称\t合计\t基本支出\t项目支出
201\t一般公共服务支出\t30.00\t20.00\t10.00
20101\t人大事务\t30.00\t20.00\t10.00
2010101\t行政运行\t10.00\t10.00\t
2010101\t行政运行\t10.00\t10.00\t
2010102\t一般行政管理事务\t10.00\t\t10.00
"""


def test_table_with_repeated_coded_rows_is_no_evidence_and_the_report_record_says_so(tmp_path: Path):
    """北京 预算03表 lists 行政运行 once per unit: its rows are no one-line-per-item reading."""
    path = tmp_path / "report.txt"
    path.write_text(TABLE_BY_UNIT, encoding="utf-8")
    summary, findings = api.checked(str(path))
    assert not [f for f in findings if f.status == "mismatch"]
    [unread] = summary.not_read
    assert unread.title == "支出总表" and "rows repeat" in unread.why[0]
    sums = [f for f in findings if f.kind == "table_children_sum"]
    assert sums and all(f.relation.certainty is Certainty.DOUBTFUL for f in sums)


def test_every_file_gets_a_report_record_first(tmp_path: Path):
    empty_of_claims = tmp_path / "notes.txt"
    empty_of_claims.write_text("某单位2026年部门预算\n一、部门职责\n负责本单位日常工作。\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", corpus("anju_org_2024_final"), str(empty_of_claims), "-q",
                                      "--only", "mismatch"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    reports = [r for r in records if "report" in r]
    assert [r["doc"] for r in reports] == [corpus("anju_org_2024_final"), str(empty_of_claims)]
    assert reports[0]["report"]["verdicts"]["mismatch"] == 1 and reports[0]["report"]["year"] == 2024
    assert reports[1]["report"]["claims"] == 0 and "no stated figure found in the narrative" in reports[1]["report"]["notes"]
    assert records.index(reports[1]) == len(records) - 1  # a file with nothing found is still one record


def test_relations_command_prints_each_relation_with_its_certainty():
    result = CliRunner().invoke(app, ["relations", corpus("anju_org_2024_final")])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    [alarm] = [r for r in records if r["status"] == "mismatch"]
    assert alarm["kind"] == "list" and alarm["certainty"] == "certain"
    assert [m["printed"] for m in alarm["members"]][:3] == ["563.04万元", "482.69万元", "77.27万元"]
    assert {r["kind"] for r in records} >= {"change", "share", "list", "claim_cell"} - {"claim_cell"}


def test_api_relations_pairs_each_relation_with_its_finding():
    pairs = api.relations(corpus("liaoning_org_2024_final"))
    cells = [r for f, r in pairs if r.kind is RelationKind.CELL and f.status == "consistent"]
    assert cells and all(r.certain for r in cells[:20])
    assert all(isinstance(f.claim, Claim) for f, r in pairs if r.kind is RelationKind.CELL)


def test_change_whose_item_is_carried_from_an_earlier_sentence_is_no_alarm(tmp_path: Path):
    """长春: 项目支出474.56万元。2026年预算比2025年预算增加50.32万元，增长3.08% — the change is the whole
    budget's (1682.76), not 项目支出's carried from the sentence before."""
    text = BUDGET_HEAD + ("2026年支出预算1682.76万元，其中基本支出1208.20万元，项目支出474.56万元。"
                          "2026年预算比2025年预算增加50.32万元，增长3.08%。\n")
    pct = only(check_text(tmp_path, text), "yoy_pct")
    assert pct.status != "mismatch"


def test_bare_base_after_bilastyear_may_be_the_change(tmp_path: Path):
    """烟台: 机关运行经费安排210.32万元，比上年1.43万元，增加0.68% — 1.43 reads as the change (0.68% of
    208.89), not as last year's figure."""
    text = BUDGET_HEAD + "2026年本单位机关运行经费安排210.32万元，比上年1.43万元，增加0.68%。\n"
    pct = only(check_text(tmp_path, text), "yoy_pct")
    assert pct.status == "unverifiable" and "names no role" in pct.message


def test_list_total_among_several_figures_of_the_sentence_before_is_uncertain(tmp_path: Path):
    """苏州/无锡: 收入预算合计A，包括本年收入A，上年结转结余0万元。其中：…: the list is 本年收入's, not 0's."""
    text = BUDGET_HEAD + ("2026年收入预算合计100.00万元，包括本年收入100.00万元，上年结转结余0万元。"
                          "其中：一般公共预算拨款收入60.00万元，事业收入40.00万元。\n")
    found = [f for f in check_text(tmp_path, text) if f.kind == "enumeration"]
    assert found and all(f.status != "mismatch" for f in found)


def test_part_of_a_function_items_breakdown_is_not_the_units_whole(tmp_path: Path):
    """上海: “农林水支出”科目83万元，主要用于人员经费18万元… — 18 is 农林水支出's 人员经费, while the 06表
    prints the unit's whole 人员经费."""
    text = ("某单位2026年单位预算\n一、财政拨款支出预算情况\n"
            "“农林水支出”科目83万元，主要用于人员经费18万元、公用经费58万元、项目支出7万元。\n"
            "\n一般公共预算支出功能分类预算表\n单位：万元\n功能分类科目编码\t功能分类科目名称\t合计\n"
            "213\t农林水支出\t83.00\n"
            "\n一般公共预算基本支出表\n单位：万元\n经济分类科目编码\t经济分类科目名称\t合计\t人员经费\t公用经费\n"
            "\t合计\t79.23\t21.23\t58.00\n")
    amounts = [f for f in check_text(tmp_path, text) if f.kind == "amount" and f.subject == "人员经费"]
    assert amounts and all(f.status != "mismatch" for f in amounts)


def test_an_open_list_short_of_its_total_is_no_alarm_but_a_closed_one_is(tmp_path: Path):
    """北京: 收入预算 515,665.27，其中：一般公共预算收入 19,828.57；国有资本经营预算收入 495,836.20 — the
    tables print 其他收入 0.50 too: a 其中 list may name only the main parts. 人员经费 + 公用经费 make
    up 基本支出 whole, so there a shortfall is an error (patterns/breakdowns.json)."""
    open_list = BUDGET_HEAD + "收入预算515,665.27万元，其中：一般公共预算收入19,828.57万元，国有资本经营预算收入495,836.20万元。\n"
    listed = only(check_text(tmp_path, open_list), "enumeration")
    assert listed.status == "unverifiable" and "need not name every part" in listed.message
    closed = BUDGET_HEAD + "基本支出预算563.04万元，其中：人员经费482.69万元，公用经费77.27万元。\n"
    assert only(check_text(tmp_path, closed), "enumeration").status == "mismatch"
    over = open_list.replace("515,665.27", "515,000.00")  # parts above the total: wrong whatever the list
    assert only(check_text(tmp_path, over), "enumeration").status == "mismatch"


SANGONG_TWO_YEARS = """某单位2026年部门预算
四、“三公”经费预算情况说明
2026年“三公”经费预算20.60万元。其中：因公出国（境）费5.00万元，公务用车购置及运行费4.00万元，公务接待费11.60万元。

一般公共预算“三公”经费支出情况表
单位：万元
2025年预算数\t\t\t\t2026年预算数\t\t\t
合计\t因公出国（境）经费\t公务用车购置及运行维护费\t公务接待费\t合计\t因公出国（境）经费\t公务用车购置及运行维护费\t公务接待费
20.60\t\t8.00\t12.60\t20.60\t5.00\t4.00\t11.60
"""


def test_items_printed_as_columns_link_by_meaning_to_the_reports_year(tmp_path: Path):
    """烟台: the 三公 table prints 2025 and 2026 side by side under 因公出国（境）经费 …: each item is the
    column naming it (经费 = 费, 运行维护费 = 运行费) of the report's own year."""
    amounts = {f.subject: f for f in check_text(tmp_path, SANGONG_TWO_YEARS) if f.kind == "amount"}
    assert {name: f.status for name, f in amounts.items()} == {
        "“三公”经费": "consistent", "因公出国（境）费": "consistent", "公务用车购置及运行费": "consistent",
        "公务接待费": "consistent"}
    assert amounts["公务接待费"].evidence[0].column == "2026年预算数/公务接待费"
    wrong = check_text(tmp_path, SANGONG_TWO_YEARS.replace("公务接待费11.60万元", "公务接待费12.60万元"))
    [alarm] = [f for f in wrong if f.status == "mismatch" and f.kind == "amount"]
    assert alarm.subject == "公务接待费" and alarm.expected == "11.60万元"


def test_a_year_compared_with_is_not_the_figures_year(tmp_path: Path):
    """上海: 一般公共预算拨款支出预算19,302万元，比2025年预算增加4,476万元；…国有资本经营预算拨款支出预算为0万元
    — the 0 is 2026's, not 2025's: a year after 比/较/与 is the one compared with."""
    from narrative_extract.relations.prose import governing_year

    sentence = "一般公共预算拨款支出预算19,302万元，比2025年预算增加4,476万元；国有资本经营预算拨款支出预算为"
    assert governing_year(sentence) is None
    assert governing_year("2025年执行数为100万元，2026年预算为") == 2026
    assert governing_year("2025年当年预算执行数为") == 2025


def test_a_change_and_its_percentage_that_contradict_are_an_alarm_whatever_the_item(tmp_path: Path):
    """苏州: the item is carried from an earlier sentence, but 增加740.84万元，下降31.93% contradicts itself."""
    text = BUDGET_HEAD + ("社会保障和就业支出3,061.00万元。与上年相比增加740.84万元，下降31.93%。\n")
    pct = only(check_text(tmp_path, text), "yoy_pct")
    assert pct.status == "mismatch" and pct.expected == "an increase"


def test_government_procurement_goods_works_services_is_a_closed_list(tmp_path: Path):
    """北京/上海: 政府采购预算总额 A，其中：货物 B，工程 C，服务 D — the three make up the whole."""
    text = BUDGET_HEAD + ("政府采购预算总额31524.04万元，其中：政府采购货物预算4400.24万元，政府采购工程预算1240.46万元，"
                          "政府采购服务预算25883.24万元。\n")
    assert only(check_text(tmp_path, text), "enumeration").status == "mismatch"


FUNCTION_TABLE = """某单位2026年部门预算
三、一般公共预算支出情况说明
一般公共服务支出（类）人大事务（款）行政运行（项）1,897.72万元。
2026年培训费预算8.98万元。

一般公共预算支出表
单位：万元
科目编码\t科目名称\t合计\t基本支出\t\t\t项目支出
类款项\t名称\t\t小计\t人员经费\t公用经费\t
201\t一般公共服务支出\t1,897.72\t1,595.84\t1,400.00\t195.84\t301.88
20101\t人大事务\t1,897.72\t1,595.84\t1,400.00\t195.84\t301.88
2010101\t行政运行\t1,897.72\t1,595.84\t1,400.00\t195.84\t301.88

一般公共预算基本支出表
单位：万元
经济分类科目编码\t经济分类科目名称\t合计\t人员经费\t公用经费
302\t商品和服务支出\t195.84\t\t195.84
30216\t培训费\t2.50\t\t2.50
"""


def test_a_rows_total_is_its_top_total_column_not_a_nested_subtotal(tmp_path: Path):
    """无锡: 合计 | 基本支出/小计 | … — the row's total is 合计, not 基本支出's 小计 (131 false alarms)."""
    amounts = {f.subject: f for f in check_text(tmp_path, FUNCTION_TABLE) if f.kind == "amount"}
    assert amounts["行政运行"].status == "consistent" and amounts["行政运行"].evidence[0].column == "合计"


def test_a_basic_expenditure_table_is_no_evidence_for_the_years_whole_item(tmp_path: Path):
    """无锡: 培训费 8.98 (the year's 培训费) against the 基本支出 table's 培训费 2.50: the table holds
    only basic spending, and the sentence does not say the 8.98 is."""
    amounts = {f.subject: f for f in check_text(tmp_path, FUNCTION_TABLE) if f.kind == "amount"}
    assert amounts["培训费"].status == "unverifiable" and "holds only 基本支出" in amounts["培训费"].message


KUAN_NOT_PRINTED = """某单位2026年部门预算
三、财政拨款支出预算情况说明
1.林业和草原（款）一般行政管理事务（项）支出0万元，与上年相比减少94.61万元，减少100%。

一般公共预算支出表
单位：万元
科目编码\t科目名称\t合计
220\t自然资源海洋气象等支出\t1,543.16
22001\t自然资源事务\t1,543.16
2200102\t一般行政管理事务\t1,543.16
"""


def test_an_item_under_a_kuan_the_tables_do_not_print_is_not_the_namesake_under_another(tmp_path: Path):
    """苏州/无锡: 林业和草原（款）一般行政管理事务（项）0万元 was linked to 自然资源事务's 一般行政管理事务 1,543.16."""
    [amount] = [f for f in check_text(tmp_path, KUAN_NOT_PRINTED) if f.kind == "amount"]
    assert amount.status != "mismatch"


def test_a_figure_naming_no_item_links_to_no_unnamed_row(tmp_path: Path):
    """北京: 2026年预算数48.24万元 (under （一）因公出国（境）费用) named no item and was linked to the one
    unnamed row of the 三公 table, its 公务用车 column: 51.06 against 48.24."""
    text = ("某单位2026年部门预算\n四、“三公”经费预算情况说明\n（一）因公出国（境）费用\n2026年预算数48.24万元，主要用于业务培训交流。\n"
            "\n财政拨款“三公”经费支出表\n单位：万元\n合计\t因公出国（境）费用\t公务接待费\t公务用车购置及运行维护费\n"
            "102.11\t48.24\t2.81\t51.06\n")
    amounts = [f for f in check_text(tmp_path, text) if f.kind == "amount" and f.raw == "48.24万元"]
    assert amounts and all(f.status != "mismatch" for f in amounts)


FUND_WITH_CARRY_OVER = """某单位2026年部门预算
二、收入预算情况说明
一般公共预算收入19,828.57万元，比2025年初预算数20,292.85万元减少464.28万元。

收支总表
单位：万元
收入\t\t支出\t
项目\t预算数\t项目\t预算数
一、一般公共预算拨款收入\t19,756.66\t一、一般公共服务支出\t19,828.57
本年收入合计\t19,756.66\t本年支出合计\t19,828.57
上年结转结余\t71.91\t年终结转结余\t
收入总计\t19,828.57\t支出总计\t19,828.57
"""


def test_a_funds_income_beside_a_carry_over_is_no_alarm_and_a_base_is_no_current_figure(tmp_path: Path):
    """北京: the prose's 一般公共预算收入 19,828.57 is the fund's money with its carry-over (71.91); the
    收支总表 row 一般公共预算拨款收入 prints this year's 19,756.66. And 20,292.85 after 比2025年初预算数 is
    the base of the comparison, never this year's figure."""
    amounts = {f.raw: f for f in check_text(tmp_path, FUND_WITH_CARRY_OVER) if f.kind == "amount"}
    assert amounts["19,828.57万元"].status == "unverifiable" and "carry-over" in amounts["19,828.57万元"].message
    assert amounts["20,292.85万元"].status != "mismatch"


def test_a_figure_under_a_heading_that_names_an_item_is_that_items(tmp_path: Path):
    """北京: （一）因公出国（境）费用 / 2026年预算数48.24万元 — the heading names the item; the table's
    column 因公出国（境）费用 (费用 = 费) and its “三公”经费财政拨款预算总额 are the cells."""
    text = ("某单位2026年部门预算\n四、财政拨款“三公”经费预算情况说明\n2026年财政拨款“三公”经费预算102.11万元。\n"
            "（一）因公出国（境）费用\n2026年预算数48.24万元，主要用于业务培训交流。\n"
            "\n财政拨款“三公”经费支出表\n单位：万元\n“三公”经费财政拨款预算总额\t因公出国（境）费用\t公务接待费\t公务用车购置及运行维护费\n"
            "102.11\t48.24\t2.81\t51.06\n")
    amounts = {f.raw: f for f in check_text(tmp_path, text) if f.kind == "amount"}
    assert amounts["48.24万元"].status == "consistent" and amounts["48.24万元"].subject == "因公出国（境）费"
    assert amounts["102.11万元"].status == "consistent"


def test_a_title_printed_as_the_grids_first_row_is_no_column_heading(tmp_path: Path):
    """长春: 收支总表（预算表1） printed over every column of the grid's first row made every column path
    start with the title (收支总表（预算表1）/收入/本年预算), so no column was found by its name."""
    text = ("某单位2026年部门预算\n一、支出预算情况\n项目支出预算474.56万元。\n\n"
            "支出总表（预算表3）\t\t\t\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
            "\t合计\t1682.76\t1208.20\t474.56\n")
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    [table] = api.tables(str(path))
    assert table.title == "支出总表（预算表3）" and table.header == ["合计", "基本支出", "项目支出"]


@pytest.mark.parametrize("name", ["relations.md", "reasons.md"])
def test_every_test_the_rules_document_names_exists(name):
    """docs/relations.md and docs/reasons.md link each rule to its test: every test file and test
    function they name exists."""
    import re

    repo = Path(__file__).resolve().parents[1]
    doc = (repo / "docs" / name).read_text(encoding="utf-8")
    sources = {p.name: p.read_text(encoding="utf-8") for p in (repo / "tests").glob("test_*.py")}
    files = set(re.findall(r"`(test_\w+\.py)(?:::\w+)?`", doc))
    functions = set(re.findall(r"`(?:test_\w+\.py::)?(test_\w+)`", doc))
    assert files and functions
    assert sorted(files - set(sources)) == []
    assert sorted(f for f in functions if not any(f"def {f}(" in s for s in sources.values())) == []
