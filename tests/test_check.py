"""Verdicts on real reports: the real error is caught, correct reports raise no false alarm."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrative_extract import api

from .conftest import corpus


def by_line(findings, line, kind):
    return [f for f in findings if f.claim is not None and f.claim.loc.line == line and f.kind == kind]


@pytest.fixture(scope="module")
def liaoning():
    return api.check(corpus("liaoning_org_2024_final"))


@pytest.fixture(scope="module")
def anju():
    return api.check(corpus("anju_org_2024_final"))


def test_anju_basic_expenditure_parts_do_not_add_up(anju):
    # DOMAIN.md: 基本支出563.04万元，其中：人员经费482.69万元 … 公用经费77.27万元 — parts add to 559.96.
    [f] = by_line(anju, 71, "enumeration")
    assert f.status == "mismatch" and f.expected == "559.96万元" and "gap 3.08" in f.message


def test_anju_only_real_problems_are_raised(anju):
    alarms = sorted((f.status, f.kind, (f.claim.loc.line if f.claim else f.loc.line)) for f in anju
                    if f.status in ("mismatch", "warning"))
    assert alarms == [("mismatch", "enumeration", 71), ("warning", "report_year", 147)]


def test_anju_growth_from_zero_is_not_an_alarm(anju):
    [pct] = by_line(anju, 76, "yoy_pct")  # 三公 3万元, 较上年度增加3万元, 增长100%
    assert pct.status == "unverifiable" and "growth from zero" in pct.message


def test_liaoning_has_no_false_alarm(liaoning):
    assert [f.message for f in liaoning if f.status in ("mismatch", "warning")] == []


def test_liaoning_last_digit_is_rounding(liaoning):
    [f] = [x for x in by_line(liaoning, 178, "amount") if x.raw == "5,076.95 万元"]
    assert f.status == "rounding" and f.evidence[0].standard_id == "final.05" and f.evidence[0].printed == "5,076.96"


def test_liaoning_yoy_percent_by_intervals(liaoning):
    # 公务接待费 4.75, 比上年增加 2.34, 增长 96.85%: naive 97.10% but rounding allows it.
    [f] = by_line(liaoning, 168, "yoy_pct")
    assert f.status == "consistent"


def test_liaoning_all_funds_economic_item_is_unverifiable(liaoning):
    [f] = [x for x in by_line(liaoning, 100, "amount") if x.subject == "商品和服务支出"]
    assert f.status == "unverifiable"  # 06表 says 692.20 for a narrower scope: not a mismatch


def test_liaoning_item_linked_by_code(liaoning):
    [f] = [x for x in by_line(liaoning, 132, "amount")]
    assert f.status == "consistent" and f.evidence[0].code == "2013299" and f.evidence[0].standard_id == "final.05"


@pytest.mark.parametrize(
    "old, new, line",
    [
        ("其他组织事务支出（项）4,957.73 万元", "其他组织事务支出（项）4,975.73 万元", 132),  # amount vs table
        ("占收入总计的 98.10%", "占收入总计的 96.10%", 80),  # share
        ("增长 96.85%", "增长 86.85%", 168),  # YoY percent
        ("完成年初预算的 126.21%，决算数大于", "完成年初预算的 126.21%，决算数小于", 128),  # direction word
    ],
)
def test_altered_number_is_caught_on_its_line(tmp_path: Path, old, new, line):
    text = Path(corpus("liaoning_org_2024_final")).read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "altered.txt"
    path.write_text(text.replace(old, new), encoding="utf-8")
    alarms = [f for f in api.check(str(path)) if f.status == "mismatch"]
    assert [f.claim.loc.line for f in alarms] == [line]


def test_dachang_budget_has_no_false_alarm():
    findings = api.check(corpus("dachang_org_2024_budget"))
    assert [f.message for f in findings if f.status == "mismatch"] == []


YOY_FROM_FIGURES = ("某单位2024年部门预算\n一、财政拨款支出预算情况\n"
                    "2023年执行数为100.00万元，2024年预算数为120.00万元，比上年增加20.00万元，增长20.00%。\n"
                    "2023年执行数为100.00万元，2024年预算数为120.00万元，比上年增加25.00万元。\n"
                    "2023年执行数为100.00万元，2024年预算数为90.00万元，比上年增加10.00万元。\n"
                    "2024年预算数为90.00万元，比上年增加10.00万元。\n")


def test_yoy_amount_against_both_stated_figures(tmp_path: Path):
    path = tmp_path / "yoy.txt"
    path.write_text(YOY_FROM_FIGURES, encoding="utf-8")
    changes = {f.claim.loc.line: f for f in api.check(str(path)) if f.kind == "yoy_amount"}
    assert changes[3].status == "consistent" and changes[3].evidence[0].formula == "120.00万元 − 100.00万元 = 20.00万元"
    assert (changes[4].status, changes[4].expected) == ("mismatch", "20.00万元")
    # the figures fell while the word says 增加: a direction error, whatever the size
    assert changes[5].status == "mismatch" and changes[5].expected == "a decrease of 10.00万元"
    assert changes[6].status == "unverifiable"  # no prior figure stated
