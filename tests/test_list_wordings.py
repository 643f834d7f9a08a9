"""Where a list's total and parts are, whatever the wording: brackets, a 包括 with no colon, a
breakdown 分项目看 inside a part. Each sentence is modelled on a page of the blind web batches
(docs/relations.md, the `list` row); the false alarms they raised are tests here."""

from __future__ import annotations

from pathlib import Path

from .conftest import check_text

UNIT_HEAD = "某小学2023年单位预算\n一、收入支出预算总体情况\n"
COUNTY_HEAD = "某旗2024年上半年预算执行情况\n一、一般公共预算收入情况\n"


def enumerations(found):
    return [f for f in found if f.kind == "enumeration"]


def test_a_figure_in_brackets_is_no_total_of_a_list_outside_them(tmp_path: Path):
    """年初预算数761.21万元（含上年结转5.01万元），其中：一般公共预算拨款761.21万元（含上年结转5.01万元），…0万元."""
    text = UNIT_HEAD + ("2023年年初预算数761.21万元（含上年结转5.01万元），其中：一般公共预算拨款761.21万元（含上年结转5.01万元），"
                        "政府性基金预算拨款0万元，事业收入0万元，其他收入0万元。\n")
    [listed] = [f for f in enumerations(check_text(tmp_path, text)) if f.claim.total.raw != "5.01万元"]
    assert str(listed.claim.amount.value) == "761.21" and listed.status == "consistent"


def test_baokuo_without_a_colon_opens_a_list_nested_in_the_part_before(tmp_path: Path):
    """其中：因公出国（境）费用0万元；公务接待费140万元；公务用车购置及运行维护费1701.3万元，包括公务用车购置费260万元、
    公务用车运行及维护费1441.3万元."""
    text = UNIT_HEAD + ("2013年“三公”经费决算1841.3万元，其中：因公出国（境）费用0万元；公务接待费140万元；公务用车购置及"
                        "运行维护费1701.3万元，包括公务用车购置费260万元、公务用车运行及维护费1441.3万元。\n")
    found = enumerations(check_text(tmp_path, text))
    assert sorted((str(f.claim.amount.value), f.status) for f in found) == [("1701.3", "consistent"), ("1841.3", "consistent")]


def test_a_breakdown_inside_a_part_and_the_rest_of_the_list(tmp_path: Path):
    """全旗一般公共预算收入完成100.03亿元，其中：旗本级…75.29亿元（包括…1.38亿元），…，分项目看：税收完成16.81亿元，…非税完成
    58.48亿元；上级转移支付20.88亿元；债券转贷收入0.48亿元；上年结余3.38亿元."""
    text = COUNTY_HEAD + ("1-6月，全旗一般公共预算收入完成100.03亿元，其中：旗本级一般公共财政预算收入完成75.29亿元（包括苏里格"
                          "开发区收入1.38亿元），同比增长219.2%，完成年初目标任务的145.07%，分项目看：税收完成16.81亿元，同比"
                          "减少17.7%，非税完成58.48亿元，同比增加1757.0%；上级转移支付20.88亿元；债券转贷收入0.48亿元；"
                          "上年结余3.38亿元。\n")
    found = check_text(tmp_path, text)
    assert not [f for f in found if f.status == "mismatch"]


def test_the_total_stated_again_after_a_missing_full_stop_is_no_part(tmp_path: Path):
    """五华区: …公务接待费支出决算为0.00万元，本年无预算2021年五华区…“三公”经费支出决算汇总数为769.70 万元 (。 missing)."""
    text = "五华区2021年“三公”经费决算情况说明\n" + ("2021年五华区一般公共预算财政拨款“三公”经费支出决算为769.70万元，其中：因公出国（境）费支出决算为0.00万元，"
                        "本年无预算；公务用车购置及运行费支出决算为769.70万元，完成预算的69.85%；公务接待费支出决算为0.00万元，"
                        "本年无预算2021年五华区一般公共预算财政拨款“三公”经费支出决算汇总数为769.70 万元，较上年决算数减少279.08万元。\n")
    [listed] = [f for f in enumerations(check_text(tmp_path, text)) if str(f.claim.amount.value) == "769.70"
                and len(f.claim.parts) > 2]
    assert [p.raw for p in listed.claim.parts] == ["0.00万元", "769.70万元", "0.00万元"]
    assert listed.status == "consistent"


def test_a_part_equal_to_its_total_beside_zeros_is_a_part(tmp_path: Path):
    """辽宁: 财政拨款收入 10,892.96 万元，其中：一般公共预算财政拨款收入 10,892.96 万元，政府性基金…0.00 万元 — not the
    total stated again (the other parts do not add up to it)."""
    text = UNIT_HEAD + ("财政拨款收入 10,892.96 万元。其中：一般公共预算财政拨款收入 10,892.96 万元，政府性基金预算财政拨款收入"
                        " 0.00 万元，国有资本经营预算财政拨款收入 0.00 万元。\n")
    [listed] = enumerations(check_text(tmp_path, text))
    assert len(listed.claim.parts) == 3 and listed.status == "consistent"


VIEWS = ("某社区卫生服务中心本年度支出预算581.72万元，比上年增加149.29万元。其中：\n"
         "按支出项目类别：基本支出581.72万元，包括：人员经费支出454.43万元，公用经费支出127.29万元。\n"
         "按支出功能分类科目：医疗卫生和计划生育支出522.09万元，社会保障和就业支出37.95万元，住房保障支出21.68万元。\n"
         "按支出经济分类科目：工资福利支出432.54万元，商品和服务支出127.29万元，对个人和家庭的补助支出21.89万元。\n")


def test_paragraphs_of_views_after_a_lead_are_each_a_list_of_the_total(tmp_path: Path):
    """其中：↵按支出项目类别：…↵按支出功能分类科目：…↵按支出经济分类科目：… (a 青海 unit budget): three breakdowns
    of 581.72, not one list of each view's first figure (581.72 + 522.09 + 432.54 was a false alarm)."""
    found = enumerations(check_text(tmp_path, UNIT_HEAD + VIEWS))
    assert sorted((str(f.claim.amount.value), len(f.claim.parts), f.status) for f in found) == [
        ("581.72", 2, "consistent"), ("581.72", 3, "consistent"), ("581.72", 3, "consistent")]


def test_a_view_that_does_not_add_up_is_still_found(tmp_path: Path):
    found = enumerations(check_text(tmp_path, UNIT_HEAD + VIEWS.replace("住房保障支出21.68万元", "住房保障支出41.68万元")))
    assert sorted(f.status for f in found) == ["consistent", "consistent", "mismatch"]


def test_a_numbered_item_ends_the_list_nested_in_the_item_before(tmp_path: Path):
    """1、基本支出246.59万元，包括：人员经费…215.59万元，公用经费…31万元；2、项目支出130万元 (a 青海 unit budget whose
    line ends in an ASCII full stop, so the next view runs on in the same sentence)."""
    text = UNIT_HEAD + ("本年度支出预算376.59万元，比上年减少4.89万元。其中：\n按支出项目类别：1、基本支出246.59万元，包括：人员经费"
                        "支出215.59万元，公用经费支出31万元；2、项目支出130万元.按支出功能分类科目：一般公共服务支出361.06万元，"
                        "住房保障支出15.53万元。\n")
    found = enumerations(check_text(tmp_path, text))
    assert sorted((str(f.claim.amount.value), f.status) for f in found) == [
        ("246.59", "consistent"), ("376.59", "consistent"), ("376.59", "consistent")]


def test_a_list_numbered_itself_runs_over_its_numbers(tmp_path: Path):
    text = UNIT_HEAD + "本年度支出预算376.59万元，其中：1、基本支出246.59万元；2、项目支出130万元。\n"
    [found] = enumerations(check_text(tmp_path, text))
    assert (str(found.claim.amount.value), len(found.claim.parts), found.status) == ("376.59", 2, "consistent")
