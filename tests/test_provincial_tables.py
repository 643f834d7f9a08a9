"""Tables that hold a stated total in some provinces only. The government procurement budget (政府采购预算) stated
in the prose and its table, in the layouts of the
national corpus: 苏州/无锡 政府采购支出表 (货物 / 工程 / 服务 rows, a 总计 column), 北京 政府采购预算明细表
(A-货物 … rows, one 金额 column), 烟台 政府采购预算表 (rows by function item, a 合计 column beside
财政拨款/小计). docs/relations.md, the `claim_cell` row; patterns/table_templates.json budget.procurement."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrative_extract import api

from .conftest import check_text

SHARED = Path(__file__).resolve().parents[2] / "shared" / "national_pdfs"
HEAD = "某局2026年部门预算\n一、政府采购预算情况说明\n"

BY_KIND = ("\n政府采购支出表\n单位：万元\n项目\t资金来源\t\t总计\n\t一般公共预算资金\t其他资金\t\n"
           "合计\t3,668.17\t\t3,668.17\n货物\t532.93\t\t532.93\n某局机关\t532.93\t\t532.93\n"
           "工程\t56.00\t\t56.00\n服务\t3,079.24\t\t3,079.24\n")
LETTERED = "\n预算10表政府采购预算明细表\n单位：万元\n项目\t金额\nA-货物\t1,184.00\nB-工程\t811.96\nC-服务\t20,548.43\n合计\t22,544.39\n"
BY_FUNCTION = ("\n政府采购预算表\n单位：万元\n科目编码\t科目名称\t合计\t财政拨款\t\t单位资金\n\t\t\t小计\t一般公共预算\t\n"
               "\t合计\t2,920.90\t2,817.90\t2,817.90\t103.00\n214\t交通运输支出\t2,920.90\t2,817.90\t2,817.90\t103.00\n")


def amounts(found) -> dict[str, tuple[str, str]]:
    return {f.raw: (f.subject, f.status) for f in found if f.kind == "amount"}


def test_the_total_and_its_kinds_match_the_rows_of_a_table_by_kind(tmp_path: Path):
    found = amounts(check_text(tmp_path, HEAD + "2026年度政府采购支出预算总额3,668.17万元，其中：拟采购货物支出532.93万元、"
                                              "拟采购工程支出56万元、拟采购服务支出3,079.24万元。\n" + BY_KIND))
    assert found == {"3,668.17万元": ("政府采购支出总额", "consistent"), "532.93万元": ("政府采购货物支出", "consistent"),
                     "56万元": ("政府采购工程支出", "consistent"), "3,079.24万元": ("政府采购服务支出", "consistent")}


def test_a_wrong_kind_is_the_alarm(tmp_path: Path):
    found = amounts(check_text(tmp_path, HEAD + "2026年度政府采购支出预算总额3,668.17万元，其中：拟采购货物支出523.93万元、"
                                              "拟采购工程支出56万元、拟采购服务支出3,079.24万元。\n" + BY_KIND))
    assert found["523.93万元"] == ("政府采购货物支出", "mismatch")


def test_the_units_name_before_the_total_names_no_other_item_and_lettered_rows_are_the_kinds(tmp_path: Path):
    found = amounts(check_text(tmp_path, HEAD + "2026年某市交通委员会部门政府采购预算总额22544.39万元，其中：政府采购货物预算"
                                              "1184.00万元，政府采购工程预算811.96万元，政府采购服务预算20548.43万元。\n"
                                              + LETTERED))
    assert found == {"22544.39万元": ("政府采购支出总额", "consistent"), "1184.00万元": ("政府采购货物支出", "consistent"),
                     "811.96万元": ("政府采购工程支出", "consistent"), "20548.43万元": ("政府采购服务支出", "consistent")}


def test_a_table_by_function_gives_the_total_of_all_funds_not_the_fiscal_subtotal(tmp_path: Path):
    found = amounts(check_text(tmp_path, HEAD + "2026年政府采购预算2,920.9万元，其中：政府采购货物预算300.5万元，政府采购工程"
                                              "预算400万元，政府采购服务预算2,220.4万元。\n" + BY_FUNCTION))
    # the kinds are in no row of a table by function item: unverifiable, never matched to a function row
    assert found == {"2,920.9万元": ("政府采购支出总额", "consistent"), "300.5万元": ("政府采购货物支出", "unverifiable"),
                     "400万元": ("政府采购工程支出", "unverifiable"), "2,220.4万元": ("政府采购服务支出", "unverifiable")}
    wrong = amounts(check_text(tmp_path, HEAD + "2026年政府采购预算2,817.9万元。\n" + BY_FUNCTION))
    assert wrong["2,817.9万元"] == ("政府采购支出总额", "mismatch")


@pytest.mark.skipif(not (SHARED / "suzhou_01.pdf").exists(), reason="../shared/national_pdfs (real reports) is absent")
def test_suzhou_01_procurement_figures_verify_against_its_table():
    found = {f.raw: f.status for f in api.check(str(SHARED / "suzhou_01.pdf"))
             if f.kind == "amount" and f.subject.startswith("政府采购")}
    assert found == {"3,668.17万元": "consistent", "532.93万元": "consistent", "56万元": "consistent",
                     "3,079.24万元": "consistent"}


# The 江苏 budget tables of fiscal money (财政拨款支出表（功能科目）, 财政拨款基本支出表（经济科目）) and of the
# office running costs (一般公共预算机关运行经费支出预算表): the prose's 财政拨款 基本支出 and 机关运行经费 link there.
FISCAL_TABLES = ("\n财政拨款支出表（功能科目）\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t\t\t项目支出\n"
                 "\t\t\t小计\t人员经费\t公用经费\t\n\t合计\t4,651.67\t4,312.17\t3,916.57\t395.60\t339.50\n"
                 "201\t一般公共服务支出\t4,651.67\t4,312.17\t3,916.57\t395.60\t339.50\n"
                 "\n一般公共预算机关运行经费支出预算表\n单位：万元\n科目编码\t科目名称\t机关运行经费支出\n"
                 "\t合计\t395.60\n302\t商品和服务支出\t395.60\n")


def test_fiscal_basic_spending_and_office_running_costs_link_to_their_tables(tmp_path: Path):
    prose = ("某局2026年部门预算\n一、财政拨款支出预算情况说明\n2026年本部门财政拨款基本支出预算{basic}万元。\n"
             "二、机关运行经费\n2026年本部门一般公共预算机关运行经费预算支出{running}万元，与上年相比减少3.61万元。\n")
    found = amounts(check_text(tmp_path, prose.format(basic="4,312.17", running="395.6") + FISCAL_TABLES))
    assert found["4,312.17万元"] == ("基本支出", "consistent") and found["395.6万元"] == ("机关运行经费", "consistent")
    wrong = amounts(check_text(tmp_path, prose.format(basic="4,321.17", running="359.6") + FISCAL_TABLES))
    assert wrong["4,321.17万元"] == ("基本支出", "mismatch") and wrong["359.6万元"] == ("机关运行经费", "mismatch")


@pytest.mark.skipif(not (SHARED / "wuxi_01.pdf").exists(), reason="../shared/national_pdfs (real reports) is absent")
def test_wuxi_01_fiscal_basic_spending_and_office_running_costs_verify():
    found = {(f.subject, f.raw): f.status for f in api.check(str(SHARED / "wuxi_01.pdf")) if f.kind == "amount"}
    assert found[("基本支出", "3,305.86万元")] == "consistent"
    assert found[("机关运行经费", "190.74万元")] == "consistent"
    assert found[("政府采购支出总额", "112.9万元")] == "consistent"
