"""Claims out of real sentences, and precision/recall against the hand-labelled set."""

from __future__ import annotations

import importlib.util
from decimal import Decimal

import pytest

from narrative_extract import api

from .conftest import REPO, corpus


@pytest.fixture(scope="module")
def liaoning():
    return api.extract(corpus("liaoning_org_2024_final"))


def on(claims, line, kind):
    return [c for c in claims if c.loc.line == line and c.kind == kind]


def test_yoy_pair_and_reason(liaoning):
    [amount] = on(liaoning, 96, "yoy_amount")
    [pct] = on(liaoning, 96, "yoy_pct")
    [reason] = on(liaoning, 96, "reason")
    assert (amount.amount.value, amount.direction, amount.subject.name) == (Decimal("16687.89"), "decrease", "收入总计")
    assert pct.amount.value == Decimal("60.05") and pct.basis == "prior_year"
    assert reason.text == "省级人才专项经费、主题教育工作经费收入减少" and reason.basis == "yoy"


def test_share_with_whole(liaoning):
    [share] = on(liaoning, 80, "share")
    assert share.raw == "98.10%" and share.whole.name == "收入总计"


def test_item_path_subject_and_code(liaoning):
    [amount] = on(liaoning, 128, "amount")
    assert amount.subject.name == "行政运行" and amount.subject.code == "2013201"
    assert amount.subject.path == ("一般公共服务支出", "组织事务", "行政运行")
    assert amount.scope == "general_budget"
    [completion] = on(liaoning, 128, "budget_completion")
    assert completion.basis == "initial_budget" and completion.amount.value == Decimal("126.21")
    [comparison] = on(liaoning, 128, "comparison")
    assert comparison.direction == "over"
    [reason] = on(liaoning, 128, "reason")
    assert reason.text == "执行中追加经费支出" and reason.basis == "budget"


def test_scope_from_section(liaoning):
    [basic] = [c for c in on(liaoning, 100, "amount") if c.subject.name == "基本支出"]
    assert basic.scope == "all_funds"
    [basic_gb] = [c for c in on(liaoning, 178, "amount") if c.raw == "5,076.95 万元"]
    assert basic_gb.scope == "general_budget"


def test_counts_and_enumeration(liaoning):
    counts = [(c.raw, c.amount.unit) for c in on(liaoning, 168, "count")]
    assert ("39 批次", "批次") in counts and ("208 人", "人") in counts
    [enum] = on(liaoning, 100, "enumeration")
    assert [p.subject.name for p in enum.parts] == ["工资福利支出", "商品和服务支出", "对个人和家庭的补助", "资本性支出"]
    assert enum.hedged is False


def test_description_after_amount_is_not_a_reason(liaoning):
    assert on(liaoning, 100, "reason") == []  # 主要是为保障机构正常运转…: a use of funds


def test_precision_recall_against_labels():
    spec = importlib.util.spec_from_file_location("eval_extract", REPO / "bench" / "eval_extract.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for report in module.REPORTS:
        result = module.evaluate(report)
        assert result["precision"] >= 0.97, result
        assert result["recall"] >= 0.95, result
