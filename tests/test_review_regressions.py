"""Regressions found in review: each sentence once raised a false alarm or a false subject."""

from __future__ import annotations

from narrative_extract import api
from narrative_extract.model import Cell, Location, Row


def check_text(tmp_path, text: str):
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return api.check(str(path))


def test_approximate_parts_are_not_added_up(tmp_path):
    found = check_text(tmp_path, "项目支出500万元，其中：设备购置200余万元，专项业务费290余万元。\n")
    [listed] = [f for f in found if f.kind == "enumeration"]
    assert listed.status == "unverifiable" and "approximate" in listed.message


def test_a_bare_income_word_is_not_the_units_total(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("2024年部门预算\n城市管理项目安排50万元，主要用于道路保洁，收入10万元。\n", encoding="utf-8")
    subjects = {c.raw: c.subject.name for c in api.extract(str(path))}
    assert subjects["10万元"] != "收入总计"


def test_a_head_count_change_is_no_money_change(tmp_path):
    found = check_text(tmp_path, "支出50万元，比上年减少5人，下降3%。\n")
    [pct] = [f for f in found if f.kind == "yoy_pct"]
    assert pct.status == "unverifiable"


def test_columns_differing_only_by_year_are_ambiguous():
    row = Row(None, "合计", [Cell("1", "2022年预算数/合计"), Cell("2", "2023年预算数/合计")], Location(line=1))
    assert row.cell("合计") is None
    one_year = Row(None, "", [Cell("22.91", "2023年“三公”经费预算数/合计"), Cell("786.09", "2023年机关运行经费预算数")],
                   Location(line=1))
    assert one_year.cell("“三公”经费预算数/合计").text == "22.91" and one_year.cell("机关运行经费预算数").text == "786.09"


def test_a_reason_list_announced_with_ruxia_is_no_empty_reason(tmp_path):
    found = check_text(tmp_path, "与上年相比，今年支出增加10万元，增长5%，主要原因如下：\n1、人员增加。\n")
    assert not [f for f in found if f.status == "warning"]


def test_weighted_average_score_is_not_a_plain_average(tmp_path):
    found = check_text(tmp_path, "共涉及预算支出项目2个，涉及资金30万元，自评加权平均分90分。\n"
                                 "(1)“甲项目”项目自评综述：项目自评得分80分。项目全年预算数为10万元。\n"
                                 "(2)“乙项目”项目自评综述：项目自评得分95分。项目全年预算数为20万元。\n")
    [score] = [f for f in found if f.kind == "score" and f.raw == "90分"]
    assert score.status == "unverifiable"
