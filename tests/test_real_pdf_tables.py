"""Every table of every real report: found, titled, in its unit, with the cells as printed.

The 13 Shanghai PDFs (../shared/real_pdfs: public, not committed; these tests skip without them)
and the three corpus reports. Each figure below was read off the printed page; cells that a parser
could put in the wrong column (项目支出 vs 基本支出, 人员经费 vs 公用经费, a table's halves) and rows
of tables continued over a page break are among them.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from narrative_extract import api
from narrative_extract.ingest import pdf as pdf_module
from narrative_extract.model import Document, Row, Table

from .conftest import corpus

# Per report, in order: page (PDF) or line (text) of each table, standard id ("-": none), unit
# ("-": none) and number of rows.
INVENTORY = {
    "putuo_commerce_2025_dept_budget.pdf": (
        "9 summary 元 16; 10 income 元 31; 12 expenditure 元 31; 14 fiscal_summary 元 12; "
        "15 general_function 元 31; 17 gov_fund 元 1; 18 state_capital 元 1; "
        "19 general_basic 元 31; 21 three_public 万元 1"
    ),
    "putuo_commerce_2025_unit_budget.pdf": (
        "9 summary 元 16; 10 income 元 31; 12 expenditure 元 31; 14 fiscal_summary 元 12; "
        "15 general_function 元 31; 17 gov_fund 元 1; 18 state_capital 元 1; "
        "19 general_basic 元 31; 21 three_public 万元 1"
    ),
    "putuo_finance_2025_dept_budget.pdf": (
        "9 summary 元 13; 10 income 元 20; 12 expenditure 元 20; 14 fiscal_summary 元 9; "
        "15 general_function 元 20; 17 gov_fund 元 1; 18 state_capital 元 1; "
        "19 general_basic 元 30; 21 three_public 万元 1"
    ),
    "putuo_gov_office_2025_dept_budget.pdf": (
        "8 summary 元 13; 9 income 元 21; 11 expenditure 元 21; 13 fiscal_summary 元 9; "
        "14 general_function 元 21; 16 gov_fund 元 1; 17 state_capital 元 1; "
        "18 general_basic 元 30; 20 three_public 万元 1"
    ),
    "putuo_gov_office_2025_unit_budget.pdf": (
        "8 summary 元 13; 9 income 元 21; 11 expenditure 元 21; 13 fiscal_summary 元 9; "
        "14 general_function 元 21; 16 gov_fund 元 1; 17 state_capital 元 1; "
        "18 general_basic 元 30; 20 three_public 万元 1"
    ),
    "putuo_planning_resources_2024_final.pdf": (
        "6 - - 5; 7 final.01 万元 40; 8 final.02 万元 25; 10 final.03 万元 25; 12 final.04 万元 36; "
        "14 final.05 万元 25; 16 final.06 万元 67; 17 final.09 万元 1; 18 final.07 万元 0; "
        "19 final.08 万元 0"
    ),
    "putuo_social_work_2024_final.pdf": (
        "4 - - 2; 5 final.01 万元 42; 6 final.02 万元 18; 8 final.03 万元 18; 10 final.04 万元 38; "
        "12 final.05 万元 18; 13 final.06 万元 67; 14 final.09 万元 0; 15 final.07 万元 0; "
        "16 final.08 万元 0"
    ),
    "putuo_wanli_street_2023_budget.pdf": (
        "10 summary 元 17; 11 income 元 67; 15 expenditure 元 67; 19 fiscal_summary 元 13; "
        "20 general_function 元 67; 24 gov_fund 元 1; 25 state_capital 元 1; "
        "26 general_basic 元 31; 28 three_public 万元 1; 31 performance_target 元 36; "
        "32 performance_target 元 33; 33 performance_target 元 33; "
        "34 performance_target 元 111; 35 performance_target 元 43"
    ),
    "putuo_wanli_street_2024_budget.pdf": (
        "10 summary 元 18; 11 income 元 67; 16 expenditure 元 67; 21 fiscal_summary 元 14; "
        "22 general_function 元 67; 27 gov_fund 元 1; 28 state_capital 元 1; "
        "29 general_basic 元 32; 31 three_public 万元 1"
    ),
    "putuo_wanli_street_2025_budget.pdf": (
        "9 summary 元 18; 10 income 元 67; 14 expenditure 元 67; 19 fiscal_summary 元 14; "
        "20 general_function 元 67; 25 gov_fund 元 1; 26 state_capital 元 1; "
        "27 general_basic 元 32; 29 three_public 万元 1"
    ),
    "putuo_welfare_home_2024_unit_budget.pdf": (
        "7 summary 元 13; 8 income 元 15; 9 expenditure 元 15; 10 fiscal_summary 元 9; "
        "11 general_function 元 15; 12 gov_fund 元 1; 13 state_capital 元 1; "
        "14 general_basic 元 27; 15 three_public 万元 1"
    ),
    "shanghai_final_template_2024.pdf": (
        "4 - - 8; 5 final.01 万元 40; 6 final.02 万元 8; 7 final.03 万元 8; 8 final.04 万元 36; "
        "10 final.05 万元 8; 11 final.06 万元 67; 12 final.09 万元 0; 13 final.07 万元 0; "
        "14 final.08 万元 0"
    ),
    "shanghai_finance_2025_unit_budget.pdf": (
        "7 summary 元 13; 8 income 元 24; 10 expenditure 元 24; 12 fiscal_summary 元 9; "
        "13 general_function 元 24; 15 gov_fund 元 1; 16 state_capital 元 1; "
        "17 general_basic 元 35; 20 three_public 万元 1"
    ),
    "liaoning_org_2024_final": (
        "298 final.01 万元 42; 344 final.02 万元 18; 380 final.03 万元 19; 417 final.04 万元 38; "
        "467 final.05 万元 19; 504 final.06 万元 90; 555 final.07 万元 1; 574 final.08 万元 1; "
        "593 final.09 万元 6; 619 self_evaluation.unit - 132"
        + "".join(f"; {line} self_evaluation.project 万元 {n}" for line, n in (
            (665, 72), (685, 74), (708, 82), (733, 56), (753, 50), (773, 61), (793, 65), (815, 49),
            (833, 54), (854, 59), (872, 92), (896, 57)))
    ),
    "dachang_org_2024_budget": (
        "1 summary 万元 42; 234 income 万元 17; 531 expenditure 万元 17; 744 fiscal_summary 万元 43; "
        "1116 general_function 万元 17; 1266 general_basic 万元 26; 1479 gov_fund 万元 0; "
        "1517 state_capital 万元 0; 1555 three_public 万元 8; 1656 - - 4"
        + "".join(f"; {line} performance_target 万元 {n}" for line, n in (
            (1675, 47), (1793, 45), (1910, 51), (2035, 54), (2162, 47), (2280, 57), (2413, 48),
            (2531, 46), (2648, 56), (2781, 57), (2914, 60), (3055, 50), (3180, 52), (3305, 62),
            (3447, 60), (3588, 60), (3729, 62), (3871, 50), (3996, 46), (4113, 55), (4246, 45),
            (4363, 64)))
        + "; 4569 - 万元 6"
    ),
    "anju_org_2024_final": (
        "206 self_evaluation.unit - 91"
        + "".join(f"; {line} self_evaluation.project 万元 {n}" for line, n in (
            (492, 83), (701, 39), (838, 87), (1059, 88), (1280, 39), (1417, 84), (1626, 89),
            (1859, 86), (2080, 90), (2313, 84), (2522, 39), (2659, 89), (2880, 84), (3089, 87),
            (3310, 84), (3519, 39), (3656, 39), (3793, 39), (3930, 39), (4067, 39), (4204, 39),
            (4341, 39), (4478, 47)))
        + "; 4614 - - 24"  # the series of the DOCX's charts: no title is printed
    ),
}

_docs: dict[str, Document] = {}
_furniture: dict[str, set] = {}


def document(name: str, real_pdfs=None) -> Document:
    """The report read once per session; for a PDF, also the running headers/footers it dropped."""
    if name not in _docs:
        if name.endswith(".pdf"):
            found: set = set()
            original = pdf_module.find_furniture

            def spy(*args, **kwargs):
                found.update(original(*args, **kwargs))
                return found

            pdf_module.find_furniture = spy
            try:
                _docs[name] = api.read_document(str(real_pdfs / name))
            finally:
                pdf_module.find_furniture = original
            _furniture[name] = found
        else:
            _docs[name] = api.read_document(corpus(name))
    return _docs[name]


def short_id(table: Table) -> str:
    sid = table.standard_id or "-"
    return sid.removeprefix("budget.")


def inventory(d: Document) -> str:
    return "; ".join(
        f"{t.loc.page if t.loc.page is not None else t.loc.line} {short_id(t)} {t.unit or '-'} {len(t.rows)}"
        for t in d.tables
    )


@pytest.mark.parametrize("name", sorted(INVENTORY))
def test_every_table_found_titled_with_unit(name, request):
    d = document(name, request.getfixturevalue("real_pdfs") if name.endswith(".pdf") else None)
    assert inventory(d) == INVENTORY[name]
    # a title for every table but the DOCX's chart data (anju), printed or the heading above it
    untitled = [t for t in d.tables if not t.title]
    assert len(untitled) == (1 if name == "anju_org_2024_final" else 0)
    for t in d.tables:
        if t.standard_id:
            assert t.family == t.standard_id.split(".")[0] and t.scope


def test_no_running_header_or_footer_in_the_real_reports(real_pdfs):
    """The Shanghai reports only print page numbers (dropped as such): nothing else repeats in the
    margin bands, so furniture detection must find nothing there."""
    for name in sorted(n for n in INVENTORY if n.endswith(".pdf")):
        document(name, real_pdfs)
        assert _furniture[name] == set(), name


# --------------------------------------------------------------------------- cells

# report, table, row (code, or segment/name), column (header path or its end), printed, page/line
CELLS = [
    # continued on p.13 with no repeated header; the 基本支出 column, 项目支出 blank
    ("putuo_commerce_2025_dept_budget.pdf", "budget.expenditure", "2080506", "支出预算/基本支出", "705,443.00", 13),
    ("putuo_commerce_2025_dept_budget.pdf", "budget.expenditure", "2011302", "支出预算/项目支出", "4,545,000.00", 12),
    ("putuo_commerce_2025_dept_budget.pdf", "budget.three_public", "", "机关运行经费预算数", "171.01", 21),
    ("putuo_commerce_2025_dept_budget.pdf", "budget.three_public", "", "“三公”经费预算数/公务接待费", "1.00", 21),
    # the 本年支出 half of 财务收支预算总表: 预算数 over 合计 | 基本支出 (人员经费 | 公用经费) | 项目支出
    ("putuo_commerce_2025_unit_budget.pdf", "budget.summary", "本年支出/一、一般公共服务支出",
     "本年支出/预算数/基本支出/人员经费", "10,823,891.00", 9),
    ("putuo_commerce_2025_unit_budget.pdf", "budget.summary", "本年支出/一、一般公共服务支出",
     "本年支出/预算数/基本支出/公用经费", "1,467,842.00", 9),
    ("putuo_commerce_2025_unit_budget.pdf", "budget.summary", "本年支出/一、一般公共服务支出",
     "本年支出/预算数/项目支出", "9,310,000.00", 9),
    # p.14 paints every cell and the title band as white rectangles: not rules
    ("putuo_commerce_2025_unit_budget.pdf", "budget.fiscal_summary", "财政拨款支出/支出总计",
     "财政拨款支出/一般公共预算", "371,514,655.00", 14),
    ("putuo_commerce_2025_unit_budget.pdf", "budget.general_basic", "30217", "一般公共预算基本支出/公用经费", "10,000.00", 20),
    ("putuo_finance_2025_dept_budget.pdf", "budget.expenditure", "2010601", "支出预算/基本支出", "16,093,326.00", 12),
    ("putuo_finance_2025_dept_budget.pdf", "budget.expenditure", "2010601", "支出预算/项目支出", "138,514.80", 12),
    ("putuo_finance_2025_dept_budget.pdf", "budget.general_basic", "302", "一般公共预算基本支出/人员经费", "0.00", 19),
    ("putuo_finance_2025_dept_budget.pdf", "budget.general_basic", "302", "一般公共预算基本支出/公用经费", "2,204,335.00", 19),
    ("putuo_gov_office_2025_dept_budget.pdf", "budget.expenditure", "2010350", "支出预算/基本支出", "3,767,295.58", 11),
    ("putuo_gov_office_2025_dept_budget.pdf", "budget.expenditure", "2010350", "支出预算/项目支出", "40,000.00", 11),
    ("putuo_gov_office_2025_dept_budget.pdf", "budget.three_public", "", "“三公”经费预算数/因公出国(境)费", "839.00", 20),
    ("putuo_gov_office_2025_unit_budget.pdf", "budget.summary", "本年支出/二、社会保障和就业支出",
     "本年支出/预算数/基本支出/公用经费", "265,380.00", 8),
    ("putuo_gov_office_2025_unit_budget.pdf", "budget.general_basic", "合计", "一般公共预算基本支出/合计", "24,606,775.35", 19),
    ("putuo_planning_resources_2024_final.pdf", "final.05", "2120101", "基本支出", "1084.02", 14),
    ("putuo_planning_resources_2024_final.pdf", "final.05", "2120101", "项目支出", "8.77", 14),
    ("putuo_planning_resources_2024_final.pdf", "final.03", "2200150", "项目支出", "2077.09", 11),
    ("putuo_planning_resources_2024_final.pdf", "final.01", "支出/本年支出合计", "支出/决算数", "9759.38", 7),
    ("putuo_planning_resources_2024_final.pdf", "final.09", "", "财政拨款“三公”经费/合计/预算数", "2.85", 17),
    ("putuo_planning_resources_2024_final.pdf", "final.09", "", "财政拨款“三公”经费/公务接待费/决算数", "0.39", 17),
    ("putuo_planning_resources_2024_final.pdf", "final.06", "30217", "决算数", "0.39", 16),  # right half
    ("putuo_social_work_2024_final.pdf", "final.06", "30108", "决算数", "6.18", 13),  # left half
    ("putuo_social_work_2024_final.pdf", "final.06", "30206", "决算数", "0.00", 13),  # right half
    ("putuo_social_work_2024_final.pdf", "final.05", "2013999", "项目支出", "202.24", 12),
    ("putuo_wanli_street_2023_budget.pdf", "budget.income", "2101102", "收入预算/财政拨款收入", "1,450,237", 13),
    ("putuo_wanli_street_2023_budget.pdf", "budget.general_function", "20899", "一般公共预算支出/项目支出", "1,878,200", 22),
    ("putuo_wanli_street_2023_budget.pdf", "budget.three_public", "", "2023年机关运行经费预算数", "786.09", 28),
    ("putuo_wanli_street_2024_budget.pdf", "budget.general_function", "20899", "一般公共预算支出/基本支出", "6,133,194", 24),
    ("putuo_wanli_street_2024_budget.pdf", "budget.general_function", "20899", "一般公共预算支出/项目支出", "1,679,200", 24),
    # p.15 holds only the 合计 row, its first cell spanning 类/款/项/名称
    ("putuo_wanli_street_2024_budget.pdf", "budget.income", "合计", "收入预算/合计", "156,211,123", 15),
    ("putuo_wanli_street_2024_budget.pdf", "budget.three_public", "",
     "2024年“三公”经费预算数/公务用车购置及运行费/购置费", "25", 31),
    ("putuo_wanli_street_2025_budget.pdf", "budget.income", "2010507", "收入预算/合计", "438,300", 10),
    ("putuo_wanli_street_2025_budget.pdf", "budget.general_function", "20899", "一般公共预算支出/项目支出", "1,408,200", 22),
    ("putuo_welfare_home_2024_unit_budget.pdf", "budget.summary", "本年支出/二、社会保障和就业支出",
     "本年支出/预算数/基本支出/人员经费", "6,540,674", 7),
    ("putuo_welfare_home_2024_unit_budget.pdf", "budget.fiscal_summary", "财政拨款支出/支出总计",
     "财政拨款支出/合计", "9,501,164", 10),
    # printed with 类 "7" instead of 210 (a misprint): no code, the row and its figures kept
    ("putuo_welfare_home_2024_unit_budget.pdf", "budget.expenditure", "/事业单位医疗", "支出预算/基本支出", "503,724", 9),
    ("shanghai_finance_2025_unit_budget.pdf", "budget.three_public", "", "“三公”经费预算数/因公出国(境)费", "288.70", 20),
    ("shanghai_finance_2025_unit_budget.pdf", "budget.general_basic", "31002", "一般公共预算基本支出/公用经费", "337,000", 19),
    ("shanghai_finance_2025_unit_budget.pdf", "budget.expenditure", "2010602", "支出预算/项目支出", "28,544,130", 10),
    ("liaoning_org_2024_final", "final.05", "2013299", "本年支出/项目支出", "4,957.73", 483),
    ("liaoning_org_2024_final", "final.06", "30217", "公用经费/决算数", "4.75", 530),
    ("dachang_org_2024_budget", "budget.expenditure", "2013299", "项目支出", "356.33", 612),
    ("dachang_org_2024_budget", "budget.three_public", "/“三公”经费小计", "资金性质/合计", "8.83", 1584),
]

# cells printed blank, next to a figure that belongs to the other column
BLANK = [
    ("putuo_commerce_2025_dept_budget.pdf", "budget.expenditure", "2080506", "支出预算/项目支出"),
    ("putuo_commerce_2025_dept_budget.pdf", "budget.expenditure", "2011302", "支出预算/基本支出"),
    ("putuo_commerce_2025_dept_budget.pdf", "budget.three_public", "", "“三公”经费预算数/因公出国(境)费"),
    ("putuo_commerce_2025_unit_budget.pdf", "budget.general_basic", "30217", "一般公共预算基本支出/人员经费"),
    ("putuo_gov_office_2025_unit_budget.pdf", "budget.summary", "本年支出/二、社会保障和就业支出", "本年支出/预算数/项目支出"),
    ("putuo_social_work_2024_final.pdf", "final.05", "2013999", "基本支出"),
    ("shanghai_finance_2025_unit_budget.pdf", "budget.expenditure", "2010602", "支出预算/基本支出"),
    ("shanghai_final_template_2024.pdf", "final.02", "2050205", "本年收入合计"),  # the template is blank
    ("shanghai_final_template_2024.pdf", "final.06", "30217", "决算数"),
    ("liaoning_org_2024_final", "final.05", "2013299", "本年支出/基本支出"),
    ("dachang_org_2024_budget", "budget.expenditure", "2013299", "基本支出"),
]


def find_row(d: Document, standard_id: str, key: str) -> tuple[Table, Row]:
    """The row by code, by ``segment/name``, or the only row of a table without item names ('')."""
    table = next(t for t in d.tables if t.standard_id == standard_id)
    if key == "":
        assert len(table.rows) == 1
        return table, table.rows[0]
    if key.isdigit():
        rows = list(table.find_rows(code=key))
    else:
        segment, _, name = key.rpartition("/")
        rows = [r for r in table.rows if r.name == name and (not segment or r.segment == segment)]
    assert len(rows) == 1, (standard_id, key, len(rows))
    return table, rows[0]


def load(report: str, request) -> Document:
    return document(report, request.getfixturevalue("real_pdfs") if report.endswith(".pdf") else None)


@pytest.mark.parametrize(("report", "standard_id", "key", "column", "printed", "where"), CELLS)
def test_cell(report, standard_id, key, column, printed, where, request):
    table, row = find_row(load(report, request), standard_id, key)
    assert (row.loc.page if row.loc.page is not None else row.loc.line) == where
    cell = row.cell(column)
    assert cell is not None, [c.column for c in row.cells]
    assert cell.text == printed
    assert cell.amount.value == Decimal(printed.replace(",", ""))
    assert cell.amount.unit == table.unit and cell.amount.decimals == len(printed.partition(".")[2])


@pytest.mark.parametrize(("report", "standard_id", "key", "column"), BLANK)
def test_blank_cell_is_not_zero(report, standard_id, key, column, request):
    _, row = find_row(load(report, request), standard_id, key)
    cell = row.cell(column)
    assert cell is not None and cell.is_empty and cell.amount is None


def test_welfare_home_misprinted_class_code(real_pdfs):
    """p.9 prints 类 ``7`` for 210 11 02 事业单位医疗 (p.8, the same table of 收入, prints 210): the
    code is not made up; the row keeps its name and figures."""
    d = document("putuo_welfare_home_2024_unit_budget.pdf", real_pdfs)
    _, row = find_row(d, "budget.income", "2101102")
    assert row.name == "事业单位医疗"
    for sid in ("budget.expenditure", "budget.general_function"):
        _, row = find_row(d, sid, "/事业单位医疗")
        assert row.code is None


def test_empty_tables_keep_their_header(real_pdfs):
    """A 09表 with no spending prints its header over a blank row: no rows, the columns kept."""
    t = next(t for t in document("putuo_social_work_2024_final.pdf", real_pdfs).tables if t.standard_id == "final.09")
    assert t.rows == [] and "财政拨款“三公”经费/公务接待费/决算数" in t.header and len(t.header) == 12
    t = next(t for t in document("putuo_social_work_2024_final.pdf", real_pdfs).tables if t.standard_id == "final.07")
    assert t.header == ["年初结转和结余", "本年收入", "本年支出/合计", "本年支出/基本支出", "本年支出/项目支出", "年末结转和结余"]


def test_performance_target_forms_titled(real_pdfs):
    d = document("putuo_wanli_street_2023_budget.pdf", real_pdfs)
    forms = [t for t in d.tables if t.standard_id == "budget.performance_target"]
    assert len(forms) == 5 and {t.title for t in forms} == {"财政项目支出绩效目标填报表"}
    first = forms[0]
    row = next(r for r in first.rows if r.name == "项目资金总额")
    assert row.cells[0].text == "4,100,000.00" and row.cells[0].amount.unit == "元"


def test_anju_self_evaluation_forms_split_and_read():
    """The DOCX export runs 24 forms together as one block of cells: each title starts a table."""
    d = document("anju_org_2024_final")
    t = next(t for t in d.tables if t.loc.line == 701)
    row = next(r for r in t.rows if r.name == "总额")
    assert [c.text for c in row.cells] == ["0.00", "15.00", "15.00", "100.00%"]
    assert row.cells[1].amount.unit == "万元" and row.cells[3].amount.unit == "%"


def test_side_by_side_halves_read_half_after_half(real_pdfs):
    """01表 (收入 | 支出) and the two halves of the Shanghai 06表 list each half's rows together."""
    t = next(t for t in document("putuo_planning_resources_2024_final.pdf", real_pdfs).tables
             if t.standard_id == "final.01")
    segments = [r.segment for r in t.rows]
    assert segments == sorted(segments, key=["收入", "支出"].index)
    t = next(t for t in document("putuo_planning_resources_2024_final.pdf", real_pdfs).tables
             if t.standard_id == "final.06")
    codes = [r.code for r in t.rows if r.code]
    assert codes.index("30399") < codes.index("302")  # the left half (301, 303) ends before 302
