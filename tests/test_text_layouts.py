"""The three text layouts → tables with trustworthy cells, titles and units."""

from __future__ import annotations

from decimal import Decimal

import pytest

from narrative_extract import api
from narrative_extract.errors import InputError
from narrative_extract.ingest.text import lines_to_items
from narrative_extract.model import GridRow

from .conftest import corpus


def table(doc, standard_id):
    return next(t for t in doc.tables if t.standard_id == standard_id)


def test_liaoning_05_project_column():
    doc = api.read_document(corpus("liaoning_org_2024_final"))
    row = next(table(doc, "final.05").find_rows(code="2013299"))
    assert row.name == "其他组织事务支出"
    cell = row.cell("项目支出")
    assert cell.text == "4,957.73" and cell.amount.value == Decimal("4957.73") and cell.amount.unit == "万元"
    assert row.cell("基本支出").is_empty  # empty is not zero
    assert row.cell("基本支出").amount is None


def test_liaoning_all_nine_tables_titled_with_unit():
    doc = api.read_document(corpus("liaoning_org_2024_final"))
    found = {t.standard_id: t for t in doc.tables if t.family == "final"}
    assert sorted(found) == [f"final.0{i}" for i in range(1, 10)]
    assert all(t.unit == "万元" for t in found.values())
    assert found["final.01"].code == "公开01表" and found["final.01"].title == "收入支出决算总表"
    assert doc.year == 2024 and doc.kind == "final"


def test_liaoning_01_side_by_side_segments():
    t = table(api.read_document(corpus("liaoning_org_2024_final")), "final.01")
    total_out = [r for r in t.rows if r.name == "本年支出合计"]
    assert len(total_out) == 1 and total_out[0].segment == "支出"
    assert total_out[0].cells[0].text == "10,169.39"
    carry = next(r for r in t.rows if r.name == "年初结转和结余")
    assert carry.segment == "收入" and carry.cells[0].amount.value == Decimal("210.45")


def test_liaoning_06_three_halves_and_merged_total():
    t = table(api.read_document(corpus("liaoning_org_2024_final")), "final.06")
    assert next(t.find_rows(code="30217")).cells[0].text == "4.75"  # 公务接待费, middle half
    assert next(t.find_rows(code="31002")).cells[0].text == "19.38"  # 办公设备购置, right half
    assert next(t.find_rows(code="301")).segment == "人员经费"


def test_dachang_expenditure_project_column_not_basic():
    doc = api.read_document(corpus("dachang_org_2024_budget"))
    t = table(doc, "budget.expenditure")
    assert t.title == "单位预算支出总表" and t.unit == "万元"
    row = next(t.find_rows(code="2013299"))
    assert row.cell("项目支出").text == "356.33"
    assert row.cell("基本支出").is_empty
    assert doc.kind == "budget" and doc.year == 2024


def test_dachang_budget_families():
    doc = api.read_document(corpus("dachang_org_2024_budget"))
    ids = [t.standard_id for t in doc.tables if t.family == "budget" and t.standard_id != "budget.performance_target"]
    assert ids == ["budget.summary", "budget.income", "budget.expenditure", "budget.fiscal_summary",
                   "budget.general_function", "budget.general_basic", "budget.gov_fund", "budget.state_capital",
                   "budget.three_public"]
    three = table(doc, "budget.three_public")
    assert next(three.find_rows(name="“三公”经费小计")).cells[0].text == "8.83"


def test_anju_docx_export_bookmarks_removed_and_cells_joined():
    doc = api.read_document(corpus("anju_org_2024_final"))
    assert not any("[bookmark" in p.text for p in doc.paragraphs)
    evaluation = next(t for t in doc.tables if t.title == "部门整体支出绩效自评表")
    assert evaluation.family == "self_evaluation"
    names = [r.name for r in evaluation.rows]
    assert any(n.startswith("总体绩效（56分）") for n in names)  # a wrapped cell joined back


def test_paragraph_cut_by_page_break_is_joined():
    paragraphs = api.text(corpus("liaoning_org_2024_final"))
    joined = next(p for p in paragraphs if "占政府采购支出总额的 2.02%" in p.text)
    assert joined.anchors[0][1].line == 188 and joined.anchors[1][1].line == 190


def test_cell_per_line_layout_empty_cell_and_row_break():
    items = lines_to_items(["标题表", "\t201", "\t", "\t9.50", "", "\t合计", "\t9.50"])
    rows = [i for i in items if isinstance(i, GridRow)]
    assert [r.cells for r in rows] == [["201", "", "9.50"], ["合计", "9.50"]]
    assert rows[0].loc.line == 2 and rows[0].grid == rows[1].grid


def test_gb18030_text_is_decoded(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("第二部分 情况说明\n一、收入总计 11,103.41 万元。\n".encode("gb18030"))
    paragraphs = api.text(str(path))
    assert paragraphs[0].text == "一、收入总计 11,103.41 万元。"


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty file"),
        (b"\x00\x01\x02binary\x00junk", "binary data"),
        (b"PK\x03\x04rest-of-a-docx", "not a readable DOCX or XLSX"),
        (b"just some english text", "no Chinese text"),
    ],
)
def test_bad_input_names_file_and_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        api.read_document(str(path))
    assert reason in str(err.value) and str(path) in str(err.value)


def test_missing_file():
    with pytest.raises(InputError, match="no such file"):
        api.read_document("/nonexistent/report.pdf")
