"""Reasons printed in tables' reason columns (reasons/table_reasons.py): what is read, what is not."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from narrative_extract import api
from narrative_extract.reasons.table_reasons import TableFigures, load_column_words, table_reasons

from .conftest import CORPUS, corpus


def labelled_table_rows(source: str) -> list[dict]:
    rows = [json.loads(line) for line in (CORPUS / "reasons" / "labels.jsonl").read_text(encoding="utf-8").splitlines()]
    return [r for r in rows if r["origin"] == "table" and r["source"] == source]


@pytest.fixture(scope="module")
def liaoning():
    return table_reasons(api.read_document(corpus("liaoning_org_2024_final")))


@pytest.fixture(scope="module")
def anju():
    return table_reasons(api.read_document(corpus("anju_org_2024_final")))


def test_every_ticked_reason_of_the_self_evaluation_tables_is_read_once_per_indicator_row(liaoning):
    labelled = labelled_table_rows("liaoning_org_2024_final.txt")
    assert [(r.loc.line, r.text) for r in liaoning] == [(r["line"], r["text"]) for r in labelled]
    assert {r.column for r in liaoning} == {"未完成原因分析"} and {r.basis for r in liaoning} == {"performance"}


def test_a_table_reason_names_its_indicator_and_the_target_it_missed(liaoning):
    first = liaoning[0]
    assert (first.item, first.direction, first.table, first.row) == ("人才培养人数", "under", 13, 9)
    assert first.figures == TableFigures("年度目标值", "500", "全年完成值", "0")
    assert first.amount is None  # 500 人: an indicator's target is no money
    # the export shifts this row's left cells by one: the item and figures are still its own
    shifted = next(r for r in liaoning if r.loc.line == 720)
    assert (shifted.item, shifted.figures) == ("奖补涉及人才数", TableFigures("年度目标值", "700", "全年完成值", "0"))
    # the 改进措施 text printed after the reason is not the reason
    assert not any("争取按期完成" in r.text for r in liaoning)


def test_the_budget_block_reason_comes_with_its_budget_and_actual_and_instructions_are_no_reasons(anju):
    labelled = labelled_table_rows("anju_org_2024_final.txt")
    assert [r.text for r in anju] == [r["text"] for r in labelled]
    (only,) = anju
    assert (only.item, only.column, only.direction, only.completion, only.amount) == (
        "总额", "原因", "under", Decimal("0.00"), Decimal("-20.00"))
    assert only.figures == TableFigures("调整后预算数", "20.00", "预算执行数", "0.00")


def test_reasons_reports_table_reasons_with_their_location_and_origin():
    records = [r.as_dict() for r in api.reasons(corpus("anju_org_2024_final"))]
    table = [r for r in records if r["origin"] == "table"]
    prose = [r for r in records if r["origin"] == "prose"]
    assert len(table) == 1 and len(prose) >= 8
    assert {k: table[0][k] for k in ("line", "table", "row", "column", "basis")} == {
        "line": 4512, "table": 24, "row": 8, "column": "原因", "basis": "performance"}
    assert table[0]["figures"] == {"base_label": "调整后预算数", "base": "20.00", "value_label": "预算执行数", "value": "0.00"}
    assert all("table" not in r and r["figures"] is None for r in prose)


EXECUTION = """某某局2024年度部门决算

一、收入支出决算总体情况说明

2024年度收入总计100.00万元。

项目支出预算执行情况表

单位：万元

项目名称\t预算数\t决算数\t变动原因
办公楼维修\t50.00\t20.00\t工程招标延期，部分工程款
\t\t\t结转下年支付
信息系统运维\t30.00\t30.00\t无
培训经费\t20.00\t25.00\t年中追加培训任务

项目清单

项目名称\t金额\t说明
会议费\t5.00\t用于召开年度工作会议
"""


def test_a_budget_execution_table_gives_wrapped_reasons_joined_and_skips_none_and_plain_notes(tmp_path: Path):
    path = tmp_path / "final.txt"
    path.write_text(EXECUTION, encoding="utf-8")
    found = table_reasons(api.read_document(str(path)))
    assert [(r.item, r.text, r.basis, r.direction, r.amount) for r in found] == [
        ("办公楼维修", "工程招标延期，部分工程款结转下年支付", "budget", "under", Decimal("-30.00")),
        ("培训经费", "年中追加培训任务", "budget", "over", Decimal("5.00")),
    ]  # 无 is no reason; a 说明 column beside one figure describes, it does not explain


def test_a_note_column_beside_two_years_is_a_reason_column_in_a_budget(tmp_path: Path):
    text = EXECUTION.replace("部门决算", "部门预算").replace("预算数\t决算数\t变动原因", "上年预算数\t本年预算数\t说明")
    path = tmp_path / "budget.txt"
    path.write_text(text, encoding="utf-8")
    found = table_reasons(api.read_document(str(path)))
    assert [(r.item, r.column, r.basis, r.direction) for r in found] == [
        ("办公楼维修", "说明", "yoy", "decrease"), ("培训经费", "说明", "yoy", "increase")]
    # a budget comparing with last year's 预算数 | 决算数 (its execution): a change over the year
    path.write_text(EXECUTION.replace("部门决算", "部门预算"), encoding="utf-8")
    assert [(r.basis, r.direction) for r in table_reasons(api.read_document(str(path)))] == [
        ("yoy", "decrease"), ("yoy", "increase")]


@pytest.mark.slow
def test_the_final_accounts_among_the_real_pdfs_print_no_reason_column(real_pdfs):
    # their only column near one is the 备注 of the list of units (部门决算单位构成): no figures, no reason
    found = Counter()
    for pdf in sorted(real_pdfs.glob("*final*.pdf")):
        found[pdf.name] = len(table_reasons(api.read_document(str(pdf))))
    assert len(found) == 3 and sum(found.values()) == 0, found


def test_the_column_words_are_checked_on_load(tmp_path: Path):
    good = json.loads((Path(__file__).resolve().parents[1] / "patterns" / "reason_columns.json").read_text("utf-8"))
    bad_regex = dict(good, group_label="(")
    missing = {k: v for k, v in good.items() if k != "ticks"}
    figures = dict(good, figures={"budget": ["预算数"]})
    for i, data in enumerate((bad_regex, missing, figures)):
        path = tmp_path / f"columns{i}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(ValueError, match=str(path.name)):
            load_column_words(path)
    assert "未完成原因分析" in load_column_words(Path(__file__).resolve().parents[1] / "patterns" / "reason_columns.json").reason_headers


def test_check_records_a_table_reason_as_it_records_a_reason_of_the_prose():
    findings = [f for f in api.check(corpus("anju_org_2024_final")) if f.kind == "reason"]
    table = [f for f in findings if f.claim is None]
    assert len(findings) == 10 and len(table) == 1
    (only,) = table
    assert (only.status, only.loc.line, only.subject) == ("unverifiable", 4512, "总额")
    assert (only.evidence[0].column, only.evidence[0].printed) == ("原因", only.raw) and only.raw.startswith("预算执行率未达标")


def test_a_pdf_self_evaluation_table_gives_its_reasons_wrapped_cells_joined_and_a_ticked_cause_by_name():
    pdf = Path(__file__).resolve().parent / "fixtures" / "pdf" / "self_evaluation_reasons.pdf"
    found = table_reasons(api.read_document(str(pdf)))
    assert [(r.item, r.text, r.loc.page) for r in found] == [
        ("单位办公用房维修改造项目", "单位办公用房维修改造项目的预算指标下达时间是2024年11月26日,截止2024年底,项目执行中。", 1),
        ("维修改造质量达标率", "办公用房维修改造项目的预算指标下达时间是2024年11月26日,截止2024年底,项目执行中。", 1),
        ("保障公用房的正常使用", "经费保障", 1),  # a tick under 经费保障 and no text: the cause ticked
    ]
    assert found[0].figures == TableFigures("年度目标值", "90", "全年完成值", "45") and found[0].direction == "under"
    assert not any("争取按期完成" in r.text for r in found)  # 改进措施, printed after the reason


SELF_EVALUATION = """某县2024年度农村饮水安全项目支出绩效自评表

一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施
产出指标\t数量指标\t新建供水点\t20个\t16个\t10\t8\t受汛期影响部分工程停工，下一步将
\t\t\t\t\t\t\t加快施工进度
产出指标\t时效指标\t完工及时率\t100%\t80%\t10\t8\t施工许可审批时间较长
"""


def test_a_reason_cell_ends_before_the_measures_after_it_even_over_wrapped_rows(tmp_path: Path):
    path = tmp_path / "self_evaluation.txt"
    path.write_text(SELF_EVALUATION, encoding="utf-8")
    found = table_reasons(api.read_document(str(path)))
    assert [(r.item, r.text, r.basis, r.direction) for r in found] == [
        ("新建供水点", "受汛期影响部分工程停工", "performance", "under"),
        ("完工及时率", "施工许可审批时间较长", "performance", "under"),
    ]
