"""How changes, bounds and percentage points are worded across the country, and what they are
checked against. Each sentence is modelled on a wording of a report or page read in the blind web
batches (docs/relations.md, "Change words"); each false alarm those pages raised is a test here,
beside the real errors of the same pages, which must still be caught."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrative_extract.claims.figures import measured_against, measured_from
from narrative_extract.reconcile.finding import Finding

from .conftest import check_text

BUDGET_HEAD = "某单位2026年部门预算\n一、收入支出预算情况说明\n"
FINAL_HEAD = "某单位2021年度部门决算\n一、收入支出决算总体情况说明\n"


def of_kind(findings: list[Finding], kind: str) -> list[Finding]:
    return [f for f in findings if f.kind == kind]


def statuses(findings: list[Finding]) -> list[tuple[str, str, str]]:
    return [(f.kind, f.raw, f.status) for f in findings if f.kind != "reason"]


def test_a_change_of_a_growth_rate_in_percentage_points_is_not_the_changes_percentage(tmp_path: Path):
    """比上年增加924.24亿元，增长5.6%，增幅下降11.6个百分点: the points are the growth rate's own change."""
    found = check_text(tmp_path, BUDGET_HEAD + "2026年政府采购规模为17305.34亿元，比上年增加924.24亿元，增长5.6%，"
                                               "增幅下降11.6个百分点。\n")
    points = [f for f in of_kind(found, "yoy_pct") if "个百分点" in f.raw]
    assert [f.status for f in points] == ["unverifiable"] and "percentage points" in points[0].message
    assert not [f for f in found if f.status == "mismatch"]


def test_a_share_in_percentage_points_is_a_difference_of_shares_not_a_share(tmp_path: Path):
    """占一般公共预算收入比重为42.6%，高于上年同期占比2个百分点: no share claim, no warning."""
    found = check_text(tmp_path, BUDGET_HEAD + "非税收入22.10亿元，占一般公共预算收入比重为42.6%，"
                                               "高于上年同期占比2个百分点。\n")
    assert [f.raw for f in of_kind(found, "share")] == ["42.6%"]
    assert not [f for f in found if f.status in ("mismatch", "warning")]


@pytest.mark.parametrize("word", ["负增长", "下降"])
def test_negative_growth_is_a_decrease(tmp_path: Path, word: str):
    """“三公”经费4.77亿元，同比减少0.61亿元，负增长11.3%: the same verdict as 下降11.3%."""
    found = check_text(tmp_path, BUDGET_HEAD + f"“三公”经费4.77亿元，同比减少0.61亿元，{word}11.3%。\n")
    [pct] = of_kind(found, "yoy_pct")
    assert pct.status in ("consistent", "rounding")


def test_a_percentage_naming_its_own_item_is_not_the_change_of_another_item(tmp_path: Path):
    """青岛: “三公”经费…比2025年上升867.60万元，上升5.65%，其中…；公务用车运行维护费上升20.1%."""
    text = BUDGET_HEAD + ("2026年“三公”经费预算为16224.30万元，比2025年上升867.60万元，上升5.65%，其中，公务接待费、"
                          "因公出国（境）费用降幅均超过25%；公务用车运行维护费上升20.1%，主要原因是单位上划。\n")
    found = check_text(tmp_path, text)
    pcts = {f.raw: f.status for f in of_kind(found, "yoy_pct")}
    assert pcts["5.65%"] in ("consistent", "rounding") and pcts["20.1%"] == "unverifiable"


def test_a_change_opening_its_sentence_after_a_list_is_carried_not_certain(tmp_path: Path):
    """中央本级“三公”经费63.16亿元，其中…公务用车购置及运行费34.59亿元…。比2014年年初预算减少8.35亿元，
    下降11.7%，其中…公务用车购置及运行费减少6.68亿元: the item of 8.35 is carried from the list's sentence."""
    text = BUDGET_HEAD + ("2026年，本级“三公”经费财政拨款预算63.16亿元，其中，因公出国（境）费19.38亿元，公务用车购置及运行费"
                          "34.59亿元（公务用车购置费0.93亿元，公务用车运行费33.66亿元），公务接待费9.19亿元。比2025年年初预算"
                          "减少8.35亿元，下降11.7%，其中，因公出国（境）费减少0.38亿元，公务用车购置及运行费减少6.68亿元，"
                          "公务接待费减少1.29亿元。\n")
    found = check_text(tmp_path, text)
    assert not [f for f in found if f.status == "mismatch"]


def test_a_bound_is_no_total_of_a_list(tmp_path: Path):
    """20多个部门因公出国经费超过1000万元。其中，最高的是外交部，达到8693.76万元…最低，仅为0元."""
    found = check_text(tmp_path, BUDGET_HEAD + "20多个部门因公出国经费超过1000万元。其中，出国（境）预算最高的是"
                                               "外交部，达到8693.76万元，该项预算最低的仅为0元。\n")
    [listed] = of_kind(found, "enumeration")
    assert listed.status == "unverifiable" and "approximate" in listed.message


@pytest.mark.parametrize("change", ["增72000元", "增加72000元", "比上年预算增72000元"])
def test_one_character_change_words_are_changes_not_parts_of_a_list(tmp_path: Path, change: str):
    """保山: 其中：公务用车购置费0元，增（减）0元，同比增长（下降）0%…；公务用车运行维护费325000元，增72000元."""
    text = BUDGET_HEAD + ("安排公务用车运行维护及购置费325000元，比上年预算增加72000元，同比增长28.46%，其中：公务用车购置费"
                          f"0元，增（减）0元，同比增长（下降）0%；公务用车运行维护费325000元，{change}，同比增长28.46%。\n")
    found = check_text(tmp_path, text)
    assert not [f for f in found if f.status == "mismatch"]
    [listed] = of_kind(found, "enumeration")
    assert [p.raw for p in listed.claim.parts] == ["0元", "325000元"]


def test_an_either_way_change_states_no_direction(tmp_path: Path):
    """增（减）5万元 (a form's wording filled in): the size of a change, not its sign."""
    found = check_text(tmp_path, BUDGET_HEAD + "2026年公务接待费预算20万元，2025年预算15万元，增（减）5万元。\n")
    [change] = of_kind(found, "yoy_amount")
    assert change.claim.direction is None and change.status == "unverifiable"


def test_an_adjustment_is_not_the_year_over_year_percentage_after_it(tmp_path: Path):
    """彭水 预算调整: 税收收入拟调整为85000万元，调减16000万元，下降9.7% — 9.7% is not 16000 ÷ 101000."""
    text = BUDGET_HEAD + ("本级财政收入拟调整为134000万元，其中：税收收入拟调整为85000万元，调减16000万元，下降9.7%；"
                          "非税收入49000万元，保持不变。\n")
    found = check_text(tmp_path, text)
    [pct] = of_kind(found, "yoy_pct")
    [cut] = of_kind(found, "yoy_amount")
    assert cut.claim.basis == "adjustment" and pct.status == "unverifiable"
    assert not [f for f in found if f.status == "mismatch"]


def test_a_percentage_taken_of_this_years_figure_is_caught_and_named(tmp_path: Path):
    """重庆渝中: 收入合计10911万元，较上年决算数减少1376.32万元，减少12.61% (1376.32 ÷ 10911)."""
    found = check_text(tmp_path, FINAL_HEAD + "本部门2021年度收入合计10911万元，较上年决算数减少1376.32万元，"
                                              "减少12.61%，主要原因是专项资金拨款数减少。\n")
    [pct] = of_kind(found, "yoy_pct")
    assert pct.status == "mismatch" and pct.expected == "11.20%"
    assert "taken of this year's figure" in pct.message


def test_a_completion_rate_with_a_unit_printed_wrongly_is_caught_and_named(tmp_path: Path):
    """昆明: 预算为494,400.00万元，支出决算为115,749.56元，完成预算的23.42% — 元 printed as 万元."""
    found = check_text(tmp_path, FINAL_HEAD + "2021年度一般公共预算财政拨款“三公”经费支出预算为494,400.00万元，"
                                              "支出决算为115,749.56元，完成预算的23.42%。\n")
    [rate] = of_kind(found, "budget_completion")
    assert rate.status == "mismatch" and "10,000 times smaller" in rate.message


def test_shares_with_swapped_digits_are_still_caught(tmp_path: Path):
    """重庆渝中: 支出合计12638.86万元，其中：基本支出1591.79万元，占21.59%；项目支出11047.07万元，占78.41%."""
    found = check_text(tmp_path, FINAL_HEAD + "本部门2021年度支出合计12638.86万元。其中：基本支出1591.79万元，"
                                              "占21.59%；项目支出11047.07万元，占78.41%。\n")
    assert [(f.raw, f.status) for f in of_kind(found, "share")] == [("21.59%", "mismatch"), ("78.41%", "mismatch")]


COUNTY_HEAD = "某县2023年财政预算执行情况报告\n一、一般公共预算收支情况\n"


@pytest.mark.parametrize("word, other", [("增收", "减收"), ("增支", "减支")])
def test_fiscal_change_words_are_changes(tmp_path: Path, word: str, other: str):
    """财政收入完成162113万元，同比增收19176万元，增长13.4%，其中：上划中央收入…: 增收 is a change, not the list's total."""
    text = COUNTY_HEAD + (f"2021年全县财政收入完成162113万元，同比{word}19176万元，增长13.4%，其中：上划中央收入61412万元，"
                          f"上划自治区收入17186万元，地方收入83515万元。非税收入完成4253万元，较上年决算6452万元，{other}2199万元。\n")
    found = check_text(tmp_path, text)
    [listed] = of_kind(found, "enumeration")
    assert listed.status == "consistent" and listed.claim.amount.value == 162113
    assert [(f.raw, f.claim.direction) for f in of_kind(found, "yoy_amount")][-1] == ("2199万元", "decrease")
    assert not [f for f in found if f.status == "mismatch"]


def test_over_budget_words_are_measured_against_the_budget_not_last_year(tmp_path: Path):
    """公共财政预算收入43101万元，完成预算40023万元的107.7%，超收3078万元，同比增长14.2%，增收5345万元."""
    text = COUNTY_HEAD + ("其中：公共财政预算收入43101万元，完成预算40023万元的107.7%，超收3078万元，同比增长14.2%，"
                          "增收5345万元。\n")
    found = check_text(tmp_path, text)
    over = next(f for f in of_kind(found, "yoy_amount") if f.raw == "3078万元")
    assert over.claim.basis == "budget" and over.status == "consistent"
    [pct] = of_kind(found, "yoy_pct")
    assert pct.status == "unverifiable"


def test_the_budget_a_rate_is_taken_of_is_not_the_current_figure(tmp_path: Path):
    """收入37,730万元，为…全年预算46,908万元的80.43%，比上年同期35,285万元增收2,445万元，增长6.9%."""
    text = COUNTY_HEAD + ("2023年1-9月一般公共预算收入37,730万元，为县人民代表大会批准全县全年预算46,908万元的80.43%，"
                          "比上年同期35,285万元增收2,445万元，增长6.9%。\n")
    found = check_text(tmp_path, text)
    [budget] = [f for f in found if f.raw == "46,908万元"]
    assert measured_against(budget.claim)
    assert not [f for f in found if f.status == "mismatch"]  # (before: 6.9% vs 2,445 ÷ (46,908 − 2,445))


def test_a_completion_worded_as_a_share_of_the_plan_is_no_share(tmp_path: Path):
    """上划中央收入完成36400万元，占年计划34300万元的106.12% (a completion rate, not 34300 ÷ a whole)."""
    text = COUNTY_HEAD + ("其中，上划中央收入完成36400万元，占年计划34300万元的106.12%，同比增长21.73%；一般公共预算地方收入"
                          "完成67676万元，占年计划58345万元的115.99%，同比增长16.61%。\n")
    found = check_text(tmp_path, text)
    assert not of_kind(found, "share") and not [f for f in found if f.status == "mismatch"]
    assert [f.raw for f in of_kind(found, "budget_completion")] == ["106.12%", "115.99%"]


def test_a_change_printed_with_a_wrong_unit_is_caught_and_its_percentage_is_not(tmp_path: Path):
    """弥渡: 科学技术支出259万元，比上年同期139万元增支120元，增长86.3% — 120元 for 120万元."""
    found = check_text(tmp_path, COUNTY_HEAD + "其中：科学技术支出259万元，比上年同期139万元增支120元，增长86.3%。\n")
    [change] = of_kind(found, "yoy_amount")
    [pct] = of_kind(found, "yoy_pct")
    assert change.status == "mismatch" and "10,000 times" in change.message
    assert pct.status in ("consistent", "rounding")


def test_the_figure_before_tiao_zheng_wei_is_the_base(tmp_path: Path):
    """政府性基金预算由年初的80000万元调整为50000万元，其中：土地出让收入由年初预算的65000万元调整为35000万元，…."""
    text = COUNTY_HEAD + ("政府性基金预算由年初的80000万元调整为50000万元，其中：土地出让收入由年初预算的65000万元调整为35000万元，"
                          "城市建设配套费10000万元、专项债务对应项目专项收入5000万元不作调整。\n")
    found = check_text(tmp_path, text)
    [listed] = of_kind(found, "enumeration")
    [old] = [p for p in listed.claim.parts if p.raw == "65000万元"]
    assert measured_from(old) and listed.status == "unverifiable"


def test_a_share_of_a_list_that_does_not_add_up_is_uncertain(tmp_path: Path):
    """同口径完成地方财政收入10,066万元，…其中：税收收入完成5,537万元，非税收入完成3,015万元，非税占比35.3% (of 8,552)."""
    text = COUNTY_HEAD + ("考虑留抵退税调库1514万元的因素，同口径完成地方财政收入10,066万元，同口径增长9.7%，其中：税收收入完成"
                          "5,537万元，非税收入完成3,015万元，非税占比35.3%。\n")
    [share] = of_kind(check_text(tmp_path, text), "share")
    assert share.status == "unverifiable" and "do not add up" in share.message


def test_less_than_or_equal_to_the_budget_is_not_contradicted_by_a_full_completion(tmp_path: Path):
    """大英: 决算为3.46万元，完成预算100%…。决算数小于预算数（或与预算数持平）的主要原因是… (a form's either-or wording)."""
    text = FINAL_HEAD + ("2022年“三公”经费财政拨款支出决算为3.46万元，完成预算100%。决算数小于预算数（或与预算数持平）的主要原因是"
                         "公务用车年久失修。\n")
    [comparison] = of_kind(check_text(tmp_path, text), "comparison")
    assert comparison.status == "consistent"
    plain = FINAL_HEAD + "2022年“三公”经费财政拨款支出决算为3.46万元，完成预算100%。决算数小于预算数的主要原因是公务用车年久失修。\n"
    [comparison] = of_kind(check_text(tmp_path, plain), "comparison")
    assert comparison.status == "mismatch"  # without the either-or, a full completion still contradicts 小于
