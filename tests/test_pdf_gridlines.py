"""Rules that print nothing are no rules (ingest/pdf_tables.py ``_visible``, ``_open_side``).

北京's spreadsheet exports (beijing_58.pdf, beijing_44.pdf: the tables of pairs 23+58 and 48+44)
stroke the sheet's gridlines in white around the title and the 金额单位 line. Read as rules, they made
the title a row of the table: the 收支总表 had no title, so it was no standard table, and every
table of the next pages was joined to it as its continuation — the pairs verified 1 of 12 and 0 of
10 prose amounts. The last row's left border is white too: without it the 合计 row lost its name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from narrative_extract import api

ROOT = Path(__file__).resolve().parents[1]
PDF = ROOT / "tests" / "fixtures" / "pdf"
NATIONAL = ROOT.parent / "shared" / "national_pdfs"


def test_white_gridlines_around_the_title_are_no_rules():
    tables = api.tables(str(PDF / "white_gridlines.pdf"))
    assert [(t.title, t.standard_id, t.rows[0].loc.page) for t in tables] == [
        ("预算01表收支总表", "budget.summary", 1), ("预算02表收入总表", "budget.income", 2)]
    summary = {r.name: r.cells[0].text for r in tables[0].rows}
    assert summary["收入总计"] == "93,499.178546" and summary["支出总计"] == "93,499.178546"
    assert summary["上年结转结余"] == "487.730444"
    assert not any("预算02表" in r.name for r in tables[0].rows)  # the next page's title is no row of it


def test_a_last_row_whose_left_border_is_white_keeps_its_first_cell():
    [summary, _] = api.tables(str(PDF / "white_gridlines.pdf"))
    assert summary.rows[4].name == "收入总计" and summary.rows[-1].name == "支出总计"


def national(name: str) -> str:
    path = NATIONAL / name
    if not path.exists():
        pytest.skip(f"{path} absent (../shared holds the real reports; not committed)")
    return str(path)


@pytest.mark.parametrize(("name", "income_total", "total_row"), [
    ("beijing_58.pdf", "105,556.813225", None),
    ("beijing_44.pdf", "5,133.737491", ("5,133.737491", "950.088291", "4,183.649200")),
])
def test_beijing_tables_files_with_white_gridlines_have_their_summary_table(name, income_total, total_row):
    tables = api.tables(national(name))
    first = tables[0]
    assert (first.title, first.standard_id, first.rows[0].loc.page) == ("预算01表收支总表", "budget.summary", 1)
    assert {r.name: r.cells[0].text for r in first.rows if r.cells}["收入总计"] == income_total
    ids = [t.standard_id for t in tables]
    assert ids[:4] == ["budget.summary", "budget.income", "budget.expenditure", "budget.fiscal_summary"]
    if total_row is not None:  # 支出总表's 合计 row, its left border white
        [total] = [r for r in tables[2].rows if r.name == "合计"]
        assert tuple(c.text for c in total.cells[:3]) == total_row


@pytest.mark.parametrize("pair", ["beijing_23.pdf+beijing_58.pdf", "beijing_48.pdf+beijing_44.pdf"])
def test_beijing_pairs_verify_their_headline_totals(pair):
    parts = pair.split("+")
    for part in parts:
        national(part)
    found = [f for f in api.check("+".join(str(NATIONAL / p) for p in parts)) if f.kind == "amount"]
    verified = {f.subject for f in found if f.status in ("consistent", "rounding")}
    assert {"收入总计", "支出总计", "一般公共预算拨款收入", "上年结转结余"} <= verified
    assert not [f for f in found if f.status == "mismatch"]
