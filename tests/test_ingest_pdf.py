"""PDF ingestion: fixtures that reproduce each hazard, and facts checked on the real reports."""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest

from narrative_extract import api
from narrative_extract.errors import InputError
from narrative_extract.ingest.pdf import PAGE_NUMBER, pdf_to_raw
from narrative_extract.ingest.pdf_furniture import PlacedLine, find_furniture
from narrative_extract.settings import DEFAULT_SETTINGS

FURNITURE_BAND = DEFAULT_SETTINGS.furniture_band
from narrative_extract.ingest.pdf_lines import chars_text, cluster_lines
from narrative_extract.ingest.pdf_tables import GridCell, GridGeom, fit_columns
from narrative_extract.ingest.pdf_text_tables import find_text_tables
from narrative_extract.model import GridRow, TextLine

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
PDF = FIXTURES / "pdf"
REAL = ROOT.parent / "shared" / "real_pdfs"


T05_CODES = [None, "201", "20132", "2013201", "2013202", "2013299", "208", "20805", "2080501", "2080505",
             "2080506", "20808", "2080801", "210", "21011", "2101101", "221", "22102", "2210201"]


def texts(doc, page=None):
    return [i.text for i in doc.items if isinstance(i, TextLine) and (page is None or i.loc.page == page)]


def rows(doc, page=None):
    return [i for i in doc.items if isinstance(i, GridRow) and (page is None or i.loc.page == page)]


# --------------------------------------------------------------------------- fixtures


def test_fixtures_are_reproducible(tmp_path):
    """The committed PDFs are exactly what the generator writes (fixed dates, ids and salts)."""
    spec = importlib.util.spec_from_file_location("make_pdf_fixtures", FIXTURES / "make_pdf_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(str(tmp_path))
    for committed in sorted(PDF.glob("*.pdf")):
        assert (tmp_path / committed.name).read_bytes() == committed.read_bytes(), committed.name
        assert committed.stat().st_size < 50_000


def test_shifted_digits_stay_in_their_sentence():
    doc = pdf_to_raw(str(PDF / "shifted_digits.pdf"))
    assert doc.format == "pdf" and doc.pages == 1
    # liaoning_org_2024_final.txt lines 96 and 80; the spaces the corpus shows around numbers are
    # the half-width gaps word processors set between Chinese and digits: removed here
    assert texts(doc) == [
        "一、收入支出决算总体情况说明",
        "与上年相比，今年收入总计减少16,687.89万元，下降60.05%。",
        "主要原因：省级人才专项经费、主题教育工作经费收入减少。",
        "财政拨款收入10,892.96万元，占收入总计的98.10%。",
        "基本支出5,080.62万元，占支出总计的49.96%。其中：工资福利支出",
        "4,021.51万元；商品和服务支出695.87万元。",
    ]  # and the page number "- 1 -" in the bottom margin is gone


def test_shifted_digits_fixture_reproduces_the_hazard():
    """pdfplumber's own line grouping (by ``top``) puts the lowered digits on a line of their own."""
    with pdfplumber.open(PDF / "shifted_digits.pdf") as pdf:
        naive = pdf.pages[0].extract_text().splitlines()
    assert "16,687.89 60.05%" in naive
    assert "与上年相比，今年收入总计减少 万元，下降 。" in naive


def test_shifted_digit_line_box_covers_the_digits():
    doc = pdf_to_raw(str(PDF / "shifted_digits.pdf"))
    line = next(i for i in doc.items if isinstance(i, TextLine) and "16,687.89" in i.text)
    x0, top, x1, bottom = line.loc.bbox
    assert line.loc.page == 1 and 0 < x0 < x1 < 595 and 0 < top < bottom < 842
    assert bottom - top > 12  # the 12 pt Chinese plus the digits 4 pt lower


def test_table_across_pages():
    doc = pdf_to_raw(str(PDF / "table_across_pages.pdf"))
    assert doc.pages == 2
    # titles above the table stay running text, before the table, in reading order
    assert texts(doc, 1) == [
        "（五）一般公共预算财政拨款支出决算情况",
        "一般公共预算财政拨款支出决算表",
        "公开05表",
        "部门：中共辽宁省委组织部 单位：万元",
    ]
    first_row = next(k for k, i in enumerate(doc.items) if isinstance(i, GridRow))
    assert all(isinstance(i, TextLine) for i in doc.items[:first_row])
    p1, p2 = rows(doc, 1), rows(doc, 2)
    assert len({r.grid for r in p1}) == 1 and len({r.grid for r in p2}) == 1
    assert p1[0].grid != p2[0].grid  # a new grid on the next page; layout joins them
    assert [r.cells for r in p1[:3]] == [
        ["项目", "", "本年支出", "", ""],  # spanning headers: text in the first cell, '' after
        ["功能分类科目编码", "科目名称", "小计", "基本支出", "项目支出"],  # "功能分类\n科目编码"
        ["合计", "", "10,165.73", "5,076.96", "5,088.77"],
    ]
    # the continuation repeats the header rows and keeps the column count
    assert [r.cells for r in p2[:3]] == [
        ["项目", "", "本年支出", "", ""],
        ["功能分类科目编码", "科目名称", "小计", "基本支出", "项目支出"],
        ["2013299", "其他组织事务支出", "4,957.73", "", "4,957.73"],
    ]
    assert p2[-1].cells == ["2210201", "住房公积金", "389.61", "389.61", ""]
    assert all(len(r.cells) == 5 for r in p1 + p2)
    assert len(p1) == 7 and len(p2) == 16
    # row boxes go down the page
    tops = [r.loc.bbox[1] for r in p2]
    assert tops == sorted(tops)
    assert texts(doc, 2) == ["注：本表反映部门本年度一般公共预算财政拨款支出情况。"]
    assert doc.items[-1].text.startswith("注：")  # the note follows the rows


def test_function_code_columns_and_continuation_column_count():
    doc = pdf_to_raw(str(PDF / "code_columns.pdf"))
    assert texts(doc, 1) == ["2025年部门收入预算总表", "编制部门：上海市普陀区人民政府万里街道办事处 单位：元"]
    p1 = [r.cells for r in rows(doc, 1)]
    assert p1[:3] == [
        ["项目", "", "", "", "收入预算", "", "", "", ""],
        ["功能分类科目编码", "", "", "功能分类科目名称", "合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入"],
        ["类", "款", "项", "", "", "", "", "", ""],
    ]
    assert ["201", "05", "07", "专项普查活动", "438,300", "438,300", "0", "0", "0"] in p1
    assert ["201", "05", "", "统计信息事务", "438,300", "438,300", "0", "0", "0"] in p1
    # p.2 holds only the total row, whose first cell spans 类/款/项/名称: only 6 ruled columns,
    # re-mapped onto the 9 columns of the table it continues
    assert [r.cells for r in rows(doc, 2)] == [["合计", "", "", "", "3,296,600", "3,296,600", "0", "0", "0"]]


def test_spaced_characters_lose_their_artefact_spaces():
    doc = pdf_to_raw(str(PDF / "spaced_chars.pdf"))
    assert texts(doc) == [
        "收入总计",  # letter-spaced title
        "财政拨款收入10,892.96万元，占收入总计的98.10%。",
        "与上年相比，今年收入总计减少16,687.89万元。",
        "编制部门：中共辽宁省委组织部 单位：万元",  # two blocks far apart: one space
        "Total income 10,892.96 (in 10000 yuan)",  # real spaces between Latin words kept
    ]
    with pdfplumber.open(PDF / "spaced_chars.pdf") as pdf:  # the hazard is real
        assert "1 0 , 8 9 2 . 9 6" in pdf.pages[0].extract_text()


def test_partially_ruled_tables():
    doc = pdf_to_raw(str(PDF / "partial_rulings.pdf"))
    grids: dict[int, list[list[str]]] = {}
    for r in rows(doc):
        grids.setdefault(r.grid, []).append(r.cells)
    three_line, no_borders = grids.values()
    assert three_line == [  # horizontal rules only: columns from the text
        ["项目", "预算数", "决算数"],
        ["因公出国（境）费", "0.00", "0.00"],
        ["公务用车购置及运行维护费", "50.00", "44.10"],
        ["公务接待费", "5.00", "4.75"],
        ["合计", "55.00", "48.85"],
    ]
    assert no_borders == [  # no outer side rules, no top rule: first/last column and header kept
        ["项目", "货物", "工程", "服务", "合计"],
        ["预算数", "21.07", "0.00", "0.00", "21.07"],
        ["决算数", "21.07", "0.00", "0.00", "21.07"],
    ]
    assert "注：本表反映部门本年度“三公”经费支出情况。" in texts(doc)
    assert "政府采购支出情况表" in texts(doc)


def test_running_header_and_footer_dropped():
    doc = pdf_to_raw(str(PDF / "running_headers.pdf"))
    lines = texts(doc)
    assert not any("部门决算" in t and "规划" in t for t in lines)  # the running header
    assert not any("内部资料" in t for t in lines)  # the footer with its page number
    assert lines[0] == "第二部分情况说明"
    # the paragraph cut by the first page break goes on with the body of p.2, no header between
    assert texts(doc, 2)[0].startswith("及事业运行经费随人员调整有所增加。")
    # the hazard is real: pdfplumber's text of p.2 starts with the header
    with pdfplumber.open(PDF / "running_headers.pdf") as pdf:
        assert pdf.pages[1].extract_text().splitlines()[0] == "上海市普陀区规划和自然资源局2024年度部门决算"


def test_table_continued_under_a_running_header_is_joined():
    tables = api.tables(str(PDF / "running_headers.pdf"))
    assert len(tables) == 1
    t = tables[0]
    assert (t.title, t.code, t.unit, t.standard_id) == ("一般公共预算财政拨款支出决算表", "公开05表", "万元", "final.05")
    assert len(t.rows) == len(T05_CODES) and [r.code for r in t.rows[1:]] == T05_CODES[1:]
    row = next(t.find_rows(code="2080501"))  # the first row of p.3
    assert row.loc.page == 3 and row.cell("基本支出").text == "290.20"
    paragraphs = api.text(str(PDF / "running_headers.pdf"))
    assert len(paragraphs) == 1 and paragraphs[0].text.endswith("项目支出4,381.74万元。")
    assert [loc.page for _, loc in paragraphs[0].anchors][-2:] == [2, 2]


def test_furniture_needs_the_same_place_on_enough_pages():
    def line(page, text, top, bottom=700.0):
        return PlacedLine(page, 0, text, top, bottom)

    header = [line(p, "某某局2024年度部门决算", 30.0) for p in range(1, 5)]
    assert find_furniture(header, 4, FURNITURE_BAND) == {(p, 0) for p in range(1, 5)}
    assert find_furniture(header[:1], 4, FURNITURE_BAND) == set()  # once is not furniture
    moved = [line(p, "某某局2024年度部门决算", 30.0 + 10 * p) for p in range(1, 5)]
    assert find_furniture(moved, 4, FURNITURE_BAND) == set()  # not at the same place
    footers = [line(p, f"内部资料 第 {p} 页", 700.0, 25.0) for p in range(1, 5)]
    assert len(find_furniture(footers, 4, FURNITURE_BAND)) == 4  # digits ignored, bottom measured
    body = [line(p, "二、收入支出预算总体情况", 120.0) for p in range(1, 5)]
    assert find_furniture(body, 4, FURNITURE_BAND) == set()  # outside the bands
    units = [line(p, "单位：万元", 50.0) for p in range(1, 5)]
    assert find_furniture(units, 4, FURNITURE_BAND) == set()  # table furniture, read by layout


def test_tables_without_rules():
    doc = pdf_to_raw(str(PDF / "unruled_tables.pdf"))
    grids: dict[int, list[list[str]]] = {}
    for r in rows(doc):
        grids.setdefault(r.grid, []).append(r.cells)
    three, t05, t05_more = grids.values()
    assert three == [
        ["项目", "预算数", "决算数"],
        ["因公出国（境）费", "0.00", "0.00"],
        ["公务用车购置及运行维护费", "50.00", "44.10"],
        ["其中：公务用车购置费", "", ""],  # an item without figures stays in the table
        ["公务接待费", "5.00", "4.75"],
        ["合计", "55.00", "48.85"],
    ]
    assert t05[0] == ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    assert ["2013202", "一般行政管理事务", "3.60", "", "3.60"] in t05  # blank 基本支出 kept in place
    assert ["2013201", "行政运行", "3,784.17", "3,784.17", ""] in t05
    assert len(t05) == 12
    # p.2 continues it with 基本支出 blank throughout: read in the columns of p.1, not in four
    assert t05_more[0] == ["212", "城乡社区支出", "120.00", "", "120.00"]
    with pdfplumber.open(PDF / "unruled_tables.pdf") as pdf:
        alone, _ = find_text_tables(cluster_lines(pdf.pages[1].chars, 3.0), 4.0)
    assert alone[0].ncols == 4
    # prose with figures, titles, unit lines and notes stay running text
    assert texts(doc) == [
        "（九）财政拨款“三公”经费支出决算情况说明",
        "2024年度“三公”经费支出决算数为48.85万元，完成预算的88.82%，比上年减少2.10万元。",
        "财政拨款“三公”经费支出决算表",
        "单位：万元",
        "注：本表反映部门本年度“三公”经费支出预决算情况。",
        "一般公共预算财政拨款支出决算表",
        "部门：中共辽宁省委组织部 单位：万元",
        "注：本表反映部门本年度一般公共预算财政拨款支出情况。",
        "一般公共预算财政拨款支出决算10,165.73万元，比年初预算增加1,263.04万元。",
    ]
    tables = api.tables(str(PDF / "unruled_tables.pdf"))
    assert [(t.standard_id, t.unit, len(t.rows)) for t in tables] == [("final.09", "万元", 5), ("final.05", "万元", 14)]
    row = next(tables[1].find_rows(code="2013299"))
    assert row.cell("项目支出").text == "4,957.73" and row.cell("基本支出").is_empty
    row = next(tables[1].find_rows(code="2129999"))
    assert row.loc.page == 2 and row.cell("项目支出").text == "120.00" and row.cell("基本支出").is_empty


@pytest.mark.parametrize("text", ["3", "- 3 -", "— 12 —", "第 3 页", "第3页 共24页", "3/24", "iv"])
def test_page_number_pattern(text):
    assert PAGE_NUMBER.match(text)


@pytest.mark.parametrize("text", ["2024年", "3.5", "一、", "公开01表", "单位：元"])
def test_page_number_pattern_rejects_text(text):
    assert not PAGE_NUMBER.match(text)


# --------------------------------------------------------------------------- line clustering


def _char(text, x0, top, size, width=None):
    width = width if width is not None else (size if ord(text) > 0x2E80 else size / 2)
    return {"text": text, "x0": x0, "x1": x0 + width, "top": top, "bottom": top + size, "size": size}


def test_lowered_digits_join_their_line_but_dense_lines_stay_apart():
    chars = [_char(ch, x, 100, 12) for ch, x in (("减", 10), ("少", 22), ("万", 58), ("元", 70))]
    chars += [_char(d, 34 + 6 * k, 104, 12) for k, d in enumerate("16.5")]  # 4 pt lower
    for k in range(4):  # 4 rows of 5.7 pt table text, 7 pt apart
        chars += [_char(ch, 10 + 6 * j, 200 + 7 * k, 5.7) for j, ch in enumerate("合计")]
    lines = cluster_lines(chars, 3.0)
    assert [ln.text(4.0) for ln in lines] == ["减少16.5万元", "合计", "合计", "合计", "合计"]


def test_gap_rules():
    cjk_gap = [_char("收", 0, 0, 12), _char("入", 12 + 6, 0, 12)]  # half-em gap between CJK
    assert chars_text(cjk_gap, 4.0) == "收入"
    block_gap = [_char("元", 0, 0, 12), _char("单", 12 + 30, 0, 12)]  # 2.5 em: two blocks
    assert chars_text(block_gap, 4.0) == "元 单"
    number = [_char("1", 0, 0, 12, 6), _char("0", 9.5, 0, 12, 6)]  # 3.5 pt < word_gap
    assert chars_text(number, 4.0) == "10"
    words = [_char("a", 0, 0, 12, 6), _char("b", 11, 0, 12, 6)]  # 5 pt > word_gap
    assert chars_text(words, 4.0) == "a b"


def test_fit_columns_only_when_the_rules_line_up():
    head = [0.0, 30.0, 60.0, 90.0, 220.0, 280.0]
    lone_total = GridGeom((0, 0, 280, 20), [0.0, 220.0, 280.0], [((0, 0, 280, 20), [
        GridCell(0, 220, "合计"), GridCell(220, 280, "3,296,600")])])
    fitted = fit_columns(lone_total, head)
    assert [[c.text if c else "" for c in cells] for _, cells in fitted.rows] == [
        ["合计", "", "", "", "3,296,600"]
    ]
    other = GridGeom((0, 0, 280, 20), [0.0, 150.0, 280.0], lone_total.rows)  # 150 is no head rule
    assert fit_columns(other, head) is other


# --------------------------------------------------------------------------- bad input


def _reason(path) -> InputError:
    with pytest.raises(InputError) as info:
        pdf_to_raw(str(path))
    err = info.value
    assert err.path == str(path)
    assert err.__cause__ is None  # no chained pdfminer traceback
    assert err.__context__ is None or err.__suppress_context__
    return err


def test_text_clipped_out_of_sight_is_not_read():
    """clipped_text_box.pdf: the text box is drawn whole on both pages, each clipped to its window.
    Every item is read once, on the page that shows it; without the clip the box is read twice."""
    figures = {"1,623.18": 1, "166.66": 1, "87.70": 1, "78.21": 2, "204.91": 2}
    claims = api.extract(str(PDF / "clipped_text_box.pdf"))
    assert sorted((c.raw, c.loc.page) for c in claims if c.kind == "amount") == sorted(
        (f"{v}万元", page) for v, page in figures.items())
    blind = pdf_to_raw(str(PDF / "clipped_text_box.pdf"), replace(DEFAULT_SETTINGS, honour_clipping=False))
    assert sum("1,623.18" in i.text for i in blind.items if isinstance(i, TextLine)) == 2  # the hazard


def test_encrypted_pdf():
    assert _reason(PDF / "encrypted.pdf").reason == "encrypted PDF: cannot read without a password"


def test_a_page_tree_broken_past_opening_is_an_input_error_not_a_failure_to_close(tmp_path):
    # pdfplumber's close() walks the pages again; on a page dictionary that cannot be parsed it
    # raised and hid the InputError (found by the mutated-fixture property test)
    data = (PDF / "clipped_text_box.pdf").read_bytes()
    assert data.count(b"/MediaBox [ ") >= 1
    path = tmp_path / "broken.pdf"
    path.write_bytes(data.replace(b"/MediaBox [ ", b"/MediaBox \x01\x88", 1))
    err = _reason(path)
    assert err.reason.startswith("corrupt PDF: ") and "Invalid dictionary construct" in err.reason


def test_scanned_pdf():
    err = _reason(PDF / "scanned.pdf")
    assert err.reason == "no text layer (scanned PDF?): 1 page, no extractable characters"
    assert str(err).endswith("scanned.pdf: " + err.reason)


def test_not_a_pdf(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_text("<html>部门预算</html>", encoding="utf-8")
    assert _reason(path).reason == "not a PDF (no %PDF- header)"


def test_truncated_pdf(tmp_path):
    path = tmp_path / "cut.pdf"
    path.write_bytes((PDF / "table_across_pages.pdf").read_bytes()[:1500])
    assert _reason(path).reason.startswith("corrupt PDF")


def test_missing_file(tmp_path):
    assert _reason(tmp_path / "nope.pdf").reason == "no such file"


# --------------------------------------------------------------------------- real reports

REAL_FILES = {
    "putuo_commerce_2025_dept_budget.pdf": 26,
    "putuo_commerce_2025_unit_budget.pdf": 22,
    "putuo_finance_2025_dept_budget.pdf": 24,
    "putuo_gov_office_2025_dept_budget.pdf": 22,
    "putuo_gov_office_2025_unit_budget.pdf": 21,
    "putuo_planning_resources_2024_final.pdf": 30,
    "putuo_social_work_2024_final.pdf": 24,
    "putuo_wanli_street_2023_budget.pdf": 35,
    "putuo_wanli_street_2024_budget.pdf": 33,
    "putuo_wanli_street_2025_budget.pdf": 31,
    "putuo_welfare_home_2024_unit_budget.pdf": 16,
    "shanghai_final_template_2024.pdf": 23,
    "shanghai_finance_2025_unit_budget.pdf": 21,
}

_cache: dict[str, object] = {}


def real(name: str):
    path = REAL / name
    if not path.exists():
        pytest.skip(f"real PDF {name} not found under {REAL} (public reports, not committed)")
    if name not in _cache:
        _cache[name] = pdf_to_raw(str(path))
    return _cache[name]


@pytest.mark.parametrize("name", sorted(REAL_FILES))
def test_real_pdf_reads(name):
    doc = real(name)
    assert doc.pages == REAL_FILES[name]
    assert any(isinstance(i, TextLine) for i in doc.items)
    assert any(isinstance(i, GridRow) for i in doc.items)
    pages = [i.loc.page for i in doc.items]
    assert pages == sorted(pages) and 1 <= pages[0] and pages[-1] <= doc.pages
    # the rows of one grid sit on one page, next to each other, with one column count
    seen: dict[int, tuple[int, int]] = {}
    last = None
    for i in doc.items:
        if isinstance(i, GridRow):
            if i.grid in seen:
                assert last == i.grid and seen[i.grid] == (i.loc.page, len(i.cells))
            seen[i.grid] = (i.loc.page, len(i.cells))
        last = i.grid if isinstance(i, GridRow) else None
    assert all(i.text.strip() == i.text and i.text for i in doc.items if isinstance(i, TextLine))


def test_real_wanli_2025_income_table_code_columns():
    doc = real("putuo_wanli_street_2025_budget.pdf")
    assert texts(doc, 10)[:2] == ["2025年部门收入预算总表", "编制部门：上海市普陀区人民政府万里街道办事处 单位：元"]
    cells = [r.cells for r in rows(doc, 10)]
    assert ["201", "05", "07", "专项普查活动", "438,300", "438,300", "0", "0", "0"] in cells
    assert cells[1] == ["功能分类科目编码", "", "", "功能分类科目名称", "合计", "财政拨款收入", "事业收入",
                        "事业单位经营收入", "其他收入"]


def test_real_wanli_2025_narrative_number_intact():
    doc = real("putuo_wanli_street_2025_budget.pdf")
    assert texts(doc, 6)[1] == (
        "2025年，上海市普陀区人民政府万里街道办事处收入预算18,976.76万元，其中：财政拨款收入18,976.76万元，"
        "比2024年预算增加"
    )
    assert texts(doc, 6)[2] == "3,355.65万元；事业收入0.00万元；事业单位经营收入0.00万元；其他收入0.00万元。"


def test_real_wanli_2024_lone_total_row_keeps_column_count():
    doc = real("putuo_wanli_street_2024_budget.pdf")
    assert [r.cells for r in rows(doc, 15)] == [
        ["合计", "", "", "", "156,211,123", "156,211,123", "0", "0", "0"]
    ]


def test_real_social_work_spaces_and_wrapped_cells():
    doc = real("putuo_social_work_2024_final.pdf")
    # printed "与 2023 年度相比…增加 307.82 万元" with gaps around the Times digits
    assert "万元。与2023年度相比，收入支出总计增加307.82万元，增长" in texts(doc, 17)
    assert "第一部分 中共上海市普陀区委社会工作部概况" in texts(doc, 4)
    cells = [r.cells for r in rows(doc, 13)]
    assert cells[0] == ["经济分类科目编码", "科目名称", "决算数", "经济分类科目编码", "科目名称", "决算数"]
    assert ["30108", "机关事业单位基本养老保险缴费", "6.18", "30206", "电费", "0.00"] in cells


def test_real_planning_times_digits_in_their_line():
    doc = real("putuo_planning_resources_2024_final.pdf")
    assert "截至2024年12月31日，上海市普陀区规划和自然资源局" in texts(doc, 28)


def test_real_title_drawn_last_is_read_first():
    """The producer draws this page's title after its body; reading order follows the page."""
    doc = real("shanghai_finance_2025_unit_budget.pdf")
    assert texts(doc, 4)[0] == "上海市财政局（单位）机构设置"


def test_real_boxed_table_of_contents_is_text():
    doc = real("putuo_wanli_street_2025_budget.pdf")
    assert not rows(doc, 2)
    assert texts(doc, 2)[0] == "目录"



def test_real_finance_text_box_copies_hidden_by_clipping_are_not_read():
    # putuo_finance_2025_dept_budget.pdf pp.7–8: the 财政拨款支出主要内容 list is drawn whole on both
    # pages; p.7 shows items 1–8, p.8 items 9–11 (the rest is clipped away, invisible when rendered).
    doc = real("putuo_finance_2025_dept_budget.pdf")
    starts = {(i.loc.page, i.text.split("“")[0]) for i in doc.items
              if isinstance(i, TextLine) and i.loc.page in (7, 8) and "（类）" in i.text and i.text[0].isdigit()}
    expected = [(7, f"{n}.") for n in range(1, 9)] + [(8, f"{n}.") for n in range(9, 12)]
    assert sorted(starts) == sorted(expected)
