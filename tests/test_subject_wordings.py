"""Subjects as other provinces word them (national corpus: 无锡, 苏州, 烟台, 北京): the item a figure
is about, whatever the unit's name, the year, the path's first level or the role words around it."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrative_extract.claims.subjects import SubjectReader
from narrative_extract.model import Document

from .conftest import check_text


@pytest.fixture(scope="module")
def reader() -> SubjectReader:
    return SubjectReader(Document(source="x", format="text", kind="budget", year=2026))


@pytest.mark.parametrize("left, name", [
    ("无锡市交通运输局（本级）2026年度收入、支出预算总计", "收入总计"),  # the unit and the year name no item
    ("苏州市交通运输局2026年财政拨款预算支出", "财政拨款支出"),
    ("无锡市交通运输局（本级）2026年收入预算合计", "收入总计"),
    ("苏州市交通运输局2026年度一般公共预算拨款安排的“三公”经费支出预算", "“三公”经费"),
    ("2026年本单位一般公共预算机关运行经费预算支出", "机关运行经费"),
    ("本年支出预算", "本年支出合计"),  # this year's money, not the 总计 with its carry-over
    ("2026年支出预算", "支出总计"),
    ("（1）因公出国（境）费预算支出", "因公出国（境）费"),
    ("2026年收支预算", "收入总计"),
    ("基本支出2024年预算数为", "基本支出2024年"),  # nothing names an item after the year: kept as it was
    # the period of an execution report names no item (弥渡 2023年1-9月…, 浙江 前7个月…, 伊州 1—6月…)
    ("2023年1-9月一般公共预算收入", "一般公共预算收入"),
    ("1—6月一般公共预算收入累计完成", "一般公共预算收入"),
    ("前7个月一般公共预算收入", "一般公共预算收入"),
    ("上半年政府性基金预算收入", "政府性基金预算收入"),
    # the procurement budget and its kinds, however worded (北京 / 苏州 / 烟台 / 无锡)
    ("2026年北京市交通委员会部门政府采购预算总额", "政府采购支出总额"),
    ("2026年度政府采购支出预算总额", "政府采购支出总额"),
    ("2026年政府采购预算", "政府采购支出总额"),
    ("拟采购货物支出", "政府采购货物支出"),
    ("政府采购服务预算", "政府采购服务支出"),
    # 青海 unit budgets: the unit and 本年度 name no item; 预算总收入 is the unit's whole income
    ("西宁市城中区南滩社区卫生服务中心本年度预算总收入为", "收入总计"),
    ("海东市残疾人联合会本年度预算总收入为", "收入总计"),
    ("西宁市城中区南滩社区卫生服务中心本年度支出预算", "支出总计"),
])
def test_subject_of_other_provinces_wordings(reader: SubjectReader, left: str, name: str):
    subject = reader.from_left(left)
    assert subject is not None and subject.name == name


def test_a_path_that_starts_at_its_kuan(reader: SubjectReader):
    subject = reader.from_left("2.行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）支出")
    assert subject is not None and subject.name == "机关事业单位基本养老保险缴费支出"
    assert subject.path == ("行政事业单位养老支出", "机关事业单位基本养老保险缴费支出")


FUND_INCOME = """某单位2026年部门预算
一、收入预算情况说明
本年一般公共预算收入196.28万元。

收支总表
单位：万元
收入\t\t支出\t
项目\t预算数\t项目\t预算数
一、一般公共预算拨款收入\t196.28\t一、一般公共服务支出\t196.28
本年收入合计\t196.28\t本年支出合计\t196.28
"""


def test_a_funds_income_is_its_row_with_or_without_bokuan(tmp_path: Path):
    """无锡: 一般公共预算收入 is the 收支总表 row 一、一般公共预算拨款收入 (an item of the fund, such as
    一般公共服务支出 in a 一般公共预算 section, is never the all-funds row of its name:
    test_check.py::test_liaoning_has_no_false_alarm)."""
    amounts = {f.subject: f for f in check_text(tmp_path, FUND_INCOME) if f.kind == "amount"}
    assert amounts["一般公共预算收入"].status == "consistent"
    assert amounts["一般公共预算收入"].evidence[0].row == "一、一般公共预算拨款收入"


SANGONG_HEADED = ("某局2026年部门预算\n五、“三公”经费预算情况说明\n"
                  "（一）因公出国（境）费用。2026年预算数142.2万元，主要用于领域交流合作。\n"
                  "（三）公务用车购置和运行维护费。2026年预算数87.13万元，包括公务用车购置费预算18.69万元、公务用车运行维护费预算68.44万元。\n"
                  "\n预算09表财政拨款“三公”经费支出表\n单位：万元\n"
                  "“三公”经费财政拨款预算总额\t因公出国（境）费用\t公务接待费\t公务用车购置及运行维护费\t\t\n"
                  "\t\t\t小计\t公务用车购置费\t公务用车运行维护费\n247.14\t142.20\t17.81\t87.13\t18.69\t68.44\n"
                  "\n预算12表绩效目标表\n单位：万元\n序号\t项目\t金额\n26\t某项目\t1.00\n")


def test_a_numbered_sentence_naming_an_item_names_the_figures_after_it(tmp_path: Path):
    """（一）因公出国（境）费用。2026年预算数142.2万元 (北京): the heading names the figure; a table row named 26 never
    does (it took 2026年's 26 as a word)."""
    found = {f.raw: (f.subject, f.status) for f in check_text(tmp_path, SANGONG_HEADED) if f.kind == "amount"}
    assert found["142.2万元"] == ("因公出国（境）费", "consistent")
    assert found["87.13万元"] == ("公务用车购置及运行费", "consistent")
    wrong = {f.raw: (f.subject, f.status) for f in check_text(tmp_path, SANGONG_HEADED.replace("预算数87.13万元", "预算数78.13万元"))
             if f.kind == "amount"}
    assert wrong["78.13万元"] == ("公务用车购置及运行费", "mismatch")


GENERAL_BUDGET = ("某局2026年部门预算\n一、支出预算情况说明\n2026年支出预算515,665.27万元，其中:一般公共预算支出{figure}万元。\n"
                  "\n预算05表一般公共预算支出表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
                  "\t合计\t19,828.57\t1,828.57\t18,000.00\n201\t一般公共服务支出\t19,828.57\t1,828.57\t18,000.00\n")


def test_a_units_general_budget_spending_is_its_general_budget_tables_total(tmp_path: Path):
    """北京: 其中:一般公共预算支出19,828.57万元 is the total of its 一般公共预算支出表; the name stays as printed (in a
    government's fiscal report it is the government's spending, which no unit table holds)."""
    found = {f.raw: (f.subject, f.status) for f in check_text(tmp_path, GENERAL_BUDGET.format(figure="19,828.57"))
             if f.kind == "amount"}
    assert found["19,828.57万元"] == ("一般公共预算支出", "consistent")
    wrong = {f.raw: f.status for f in check_text(tmp_path, GENERAL_BUDGET.format(figure="19,882.57")) if f.kind == "amount"}
    assert wrong["19,882.57万元"] == "mismatch"
