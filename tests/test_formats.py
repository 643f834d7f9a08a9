"""DOCX, XLSX/XLS, HTML and the formats read through LibreOffice (ingest/docx.py, xlsx.py, html.py,
convert.py): each version of a report that tests/fixtures/make_format_fixtures.py writes gets the
verdicts of the text or PDF it was made from, and bad files get one clear error naming them."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrative_extract import api
from narrative_extract.cli import app
from narrative_extract.errors import InputError
from narrative_extract.ingest import read_raw
from narrative_extract.ingest.numfmt import display
from narrative_extract.model import GridRow, TextLine
from narrative_extract.output import finding_record
from narrative_extract.settings import Settings

from .conftest import REPO, corpus

spec = importlib.util.spec_from_file_location("make_format_fixtures", REPO / "tests/fixtures/make_format_fixtures.py")
assert spec is not None and spec.loader is not None
fixtures = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = fixtures  # its dataclasses look their module up
spec.loader.exec_module(fixtures)

SOURCES = fixtures.sources()
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
LOCATION_KEYS = {"doc", "file", "line", "page", "bbox", "para", "table", "sheet", "row", "at"}


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    """Every format version of every source, written once for the module (a few seconds)."""
    out = tmp_path_factory.mktemp("formats")
    for source in SOURCES:
        fixtures.write_versions(source, out)
    return out


def without_locations(value):
    if isinstance(value, dict):
        return {k: without_locations(v) for k, v in value.items() if k not in LOCATION_KEYS}
    if isinstance(value, list):
        return [without_locations(v) for v in value]
    return value


def verdicts(path: str) -> Counter:
    """The ``check`` records of a report, locations left out (kind, status, claim, figures,
    expected figure, evidence, relation, message …), as a multiset."""
    return Counter(json.dumps(without_locations(finding_record(f, path)), ensure_ascii=False, sort_keys=True)
                   for f in api.check(path))


def versions(made: Path, source: Path) -> list[str]:
    out = [str(made / f"{source.stem}.docx"), str(made / f"{source.stem}.html")]
    if (made / f"{source.stem}.tables.xlsx").exists():
        out.append(f"{made / source.stem}.narrative.docx+{made / source.stem}.tables.xlsx")
    return out


@pytest.mark.parametrize("source", SOURCES, ids=[s.name for s in SOURCES])
def test_every_format_version_gets_the_verdicts_of_its_source(made: Path, source: Path):
    expected = verdicts(str(source))
    for version in versions(made, source):
        got = verdicts(version)
        assert got == expected, (version, list((expected - got).elements())[:3], list((got - expected).elements())[:3])


def test_the_versions_are_real_tables_with_merged_headers(made: Path):
    """The fixtures do not just restate the text: tables are tables, header labels are merged."""
    from docx import Document
    from openpyxl import load_workbook

    name = "liaoning_org_2024_final"
    doc = Document(str(made / f"{name}.docx"))
    assert len(doc.tables) == 22 and any('w:gridSpan' in t._tbl.xml for t in doc.tables)
    assert any('w:vMerge' in t._tbl.xml for t in doc.tables)
    page = (made / f"{name}.html").read_text(encoding="utf-8")
    assert page.count("<table") == 22 and "colspan=" in page and "rowspan=" in page
    book = load_workbook(made / f"{name}.tables.xlsx")
    assert len(book.worksheets) == 22 and all(ws.merged_cells.ranges for ws in book.worksheets)
    # figures are stored as numbers with a tail below their printed precision
    t05 = next(ws for ws in book.worksheets if "一般公共预算财政拨款支出决算表" in ws.title)
    numbers = [c for row in t05.iter_rows() for c in row if isinstance(c.value, float)]
    assert numbers and all(c.number_format.endswith("0.00") for c in numbers)
    assert any(abs(c.value * 100 - round(c.value * 100)) > 1e-9 for c in numbers)


def test_a_docx_and_html_report_locate_claims_by_paragraph_and_cells_by_table_row(made: Path):
    name = "anju_org_2024_final"
    for path in (made / f"{name}.docx", made / f"{name}.html"):
        records = [finding_record(f, str(path)) for f in api.check(str(path))]
        mismatch = next(r for r in records if r["status"] == "mismatch" and r["kind"] == "enumeration")
        assert mismatch["raw"] == "563.04万元" and mismatch["para"] >= 1 and "line" not in mismatch
        cells = [e["at"] for r in records for e in r["evidence"] if "at" in e]
        assert cells and all(set(at) == {"table", "row"} for at in cells)


def test_a_narrative_with_its_workbook_names_each_file(made: Path):
    name = "liaoning_org_2024_final"
    narrative, workbook = made / f"{name}.narrative.docx", made / f"{name}.tables.xlsx"
    doc = api.read_document(f"{narrative}+{workbook}")
    assert doc.format == "docx+xlsx" and doc.parts == (str(narrative), str(workbook))
    t05 = next(t for t in doc.tables if t.standard_id == "final.05")
    assert t05.loc.file == str(workbook) and t05.loc.sheet is not None and t05.unit == "万元"
    assert "本年支出/基本支出" in t05.header or "基本支出" in t05.header
    row = next(r for r in t05.rows if r.code == "2013201")
    assert row.loc.sheet == t05.loc.sheet and row.loc.row is not None and row.loc.row > 3
    assert {c.text for c in row.cells if c.text} == {"3,784.17"}  # the stored 3784.173 as printed
    # the workbook alone has no prose, but its tables are checked against themselves as in the source
    alone = [f for f in api.check(str(workbook)) if f.claim is None]
    whole = [f for f in api.check(corpus(name)) if f.claim is None]
    assert alone and sorted((f.kind, f.status, f.message) for f in alone) == sorted(
        (f.kind, f.status, f.message) for f in whole)


def test_docx_merged_cells_headings_and_a_table_split_by_a_label(tmp_path: Path):
    """gridSpan/vMerge spread as a PDF's spanning cells; a heading-styled paragraph is never joined to
    the next; a form split into two tables by a lone label paragraph (绩效指标) is one table."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("收入支出决算总表", style="Heading 2")  # words alone would run on into the next
    doc.add_paragraph("2024年度收入总计1,281.97万元")
    doc.add_paragraph("项目支出绩效自评表")
    first = doc.add_table(rows=3, cols=3)
    first.cell(0, 0).merge(first.cell(1, 0)).text = "项目"
    first.cell(0, 1).merge(first.cell(0, 2)).text = "资金"
    for k, text in enumerate(["预算数", "执行数"]):
        first.cell(1, k + 1).text = text
    for k, text in enumerate(["年度资金总额", "10.00", "9.50"]):
        first.cell(2, k).text = text
    doc.add_paragraph("绩效指标")
    second = doc.add_table(rows=1, cols=3)
    for k, text in enumerate(["产出指标", "数量指标", "3"]):
        second.cell(0, k).text = text
    path = tmp_path / "form.docx"
    doc.save(str(path))
    raw = read_raw(str(path))
    assert [i.cells for i in raw.items if isinstance(i, GridRow)] == [
        ["项目", "资金", ""], ["", "预算数", "执行数"], ["年度资金总额", "10.00", "9.50"], ["产出指标", "数量指标", "3"]]
    title = next(i for i in raw.items if isinstance(i, TextLine))
    assert title.alone and title.loc.para == 1
    document = api.read_document(str(path))
    assert [p.text for p in document.paragraphs][:2] == ["收入支出决算总表", "2024年度收入总计1,281.97万元"]
    [table] = document.tables
    assert table.title == "项目支出绩效自评表"
    assert [cells for cells, _ in table.printed_rows][-2:] == [["绩效指标"], ["产出指标", "数量指标", "3"]]


def test_docx_automatic_numbering_is_printed_before_its_paragraphs(tmp_path: Path):
    """Headings numbered by Word (一、 / （一） / 1.) keep their labels: sections are found by them."""
    from docx import Document
    from docx.oxml import parse_xml

    doc = Document()
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    levels = "".join(
        f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for k, fmt, text in ((0, "chineseCounting", "%1、"), (1, "chineseCounting", "（%2）"), (2, "decimal", "%3.")))
    numbering = doc.part.numbering_part.element
    numbering.append(parse_xml(f'<w:abstractNum {w} w:abstractNumId="7">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="9"><w:abstractNumId w:val="7"/></w:num>'))

    def numbered(text: str, ilvl: int) -> None:
        p = doc.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {w}><w:ilvl w:val="{ilvl}"/><w:numId w:val="9"/></w:numPr>'))

    numbered("收入支出决算总体情况说明", 0)
    numbered("收入决算情况", 1)
    numbered("财政拨款收入10,892.96万元。", 2)
    numbered("其他收入24.43万元。", 2)
    numbered("支出决算情况说明", 0)
    numbered("基本支出情况", 1)
    path = tmp_path / "numbered.docx"
    doc.save(str(path))
    assert [i.text for i in read_raw(str(path)).items] == [
        "一、收入支出决算总体情况说明", "（一）收入决算情况", "1. 财政拨款收入10,892.96万元。", "2. 其他收入24.43万元。",
        "二、支出决算情况说明", "（一）基本支出情况"]
    sections = [s.path for s in api.read_document(str(path)).sections]
    assert ("二、支出决算情况说明", "（一）基本支出情况") in sections


def test_the_records_of_every_format_follow_the_published_schemas(made: Path, tmp_path: Path):
    from .test_record_schema import errors_of, run, validator

    name = "anju_org_2024_final"
    paths = [str(made / f"{name}.docx"), str(made / f"{name}.html"),
             f"{made / name}.narrative.docx+{made / name}.tables.xlsx"]
    checked = run("check", paths, tmp_path / "check.jsonl")
    assert {r["report"]["format"] for r in checked if "report" in r} == {"docx", "html", "docx+xlsx"}
    assert any("para" in r for r in checked) and any("sheet" in r for r in checked)
    assert errors_of(validator("check_record.schema.json"), checked) == []
    claims = run("extract", paths[:1], tmp_path / "extract.jsonl")
    assert claims and errors_of(validator("claim_record.schema.json"), claims) == []


# --------------------------------------------------------------------------- spreadsheets


def test_a_number_is_read_as_its_number_format_prints_it():
    assert display(1234.5678, "0.00") == "1234.57"
    assert display(1234.5678, "#,##0.00") == "1,234.57"
    assert display(0.981, "0.00%") == "98.10%"
    assert display(-5.125, "#,##0.00;[Red]\\(#,##0.00\\)") == "(5.13)"
    assert display(0, '#,##0.00;-#,##0.00;"-"') == "-"
    assert display(10892.96, "#,##0.00_ ") == "10,892.96"
    assert display(1234567, "#,##0,") == "1,235"
    assert display(12.5, "0.##") == "12.5"
    assert display(2.675, "0.00") == "2.68"  # half away from zero on the decimal value, as Excel
    assert display(0.1 + 0.2, "General") == "0.3"
    assert display(7, '0.00"万元"') == "7.00万元"


def merged_header_workbook():
    """A sheet as bureaus publish one: title, unit, a two-row header with merged cells, figures
    stored with more digits than their number format prints, a note under the table."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "财政拨款支出"
    rows = [["一般公共预算财政拨款支出决算表", None, None, None],
            ["单位：万元", None, None, None],
            ["科目名称", "本年支出", None, None],
            [None, "小计", "基本支出", "项目支出"],
            ["一般公共服务支出", 8745.5012, 3784.1693, 4961.3319],
            ["注：本表反映部门本年度一般公共预算财政拨款支出情况。", None, None, None]]
    for row in rows:
        ws.append(row)
    for cells in ("A1:D1", "A2:D2", "A3:A4", "B3:D3", "A6:D6"):
        ws.merge_cells(cells)
    for cell in ws[5][1:]:
        cell.number_format = "#,##0.00"
    return book


def test_merged_header_cells_of_a_sheet_become_header_paths(tmp_path: Path):
    path = tmp_path / "t.xlsx"
    merged_header_workbook().save(path)
    raw = read_raw(str(path))
    assert raw.format == "xlsx"
    assert [i.text for i in raw.items if isinstance(i, TextLine)] == [
        "一般公共预算财政拨款支出决算表", "单位：万元", "注：本表反映部门本年度一般公共预算财政拨款支出情况。"]
    assert [i.cells for i in raw.items if isinstance(i, GridRow)] == [
        ["科目名称", "本年支出", "", ""], ["", "小计", "基本支出", "项目支出"],
        ["一般公共服务支出", "8,745.50", "3,784.17", "4,961.33"]]
    [table] = api.tables(str(path))
    assert table.title == "一般公共预算财政拨款支出决算表" and table.unit == "万元"
    assert table.header == ["本年支出/小计", "本年支出/基本支出", "本年支出/项目支出"]
    assert table.rows[0].loc.sheet == "财政拨款支出" and table.rows[0].loc.row == 5


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: it writes the XLS read here "
                                            "(apt-get install libreoffice-calc-nogui)")
def test_a_legacy_xls_is_read_with_its_merges_and_formats(tmp_path: Path):
    xlsx = tmp_path / "t.xlsx"
    merged_header_workbook().save(xlsx)
    assert SOFFICE is not None
    soffice(SOFFICE, tmp_path, xlsx, "xls")
    xls = tmp_path / "t.xls"
    raw = read_raw(str(xls))
    assert raw.format == "xls"
    assert [i.cells for i in raw.items if isinstance(i, GridRow)] == [
        ["科目名称", "本年支出", "", ""], ["", "小计", "基本支出", "项目支出"],
        ["一般公共服务支出", "8,745.50", "3,784.17", "4,961.33"]]
    [table] = api.tables(str(xls))
    assert table.header == ["本年支出/小计", "本年支出/基本支出", "本年支出/项目支出"] and table.unit == "万元"


# --------------------------------------------------------------------------- HTML


def test_html_tables_spread_rowspan_and_colspan_and_scripts_are_never_read(tmp_path: Path):
    page = tmp_path / "report.html"
    page.write_text(
        "<html><head><title>x</title><style>p{color:red}</style></head><body>"
        "<script>document.write('2024年收入总计999万元。')</script>"
        "<h2>一、收入支出决算总体情况说明</h2><p>2024年度收入总计1,281.97万元。<br>支出总计1,281.97万元。</p>"
        "<div style='display:none'>隐藏的收入总计5万元。</div>"
        "<table><tr><th rowspan=2>项目</th><th colspan=2>本年支出</th></tr>"
        "<tr><th>基本支出</th><th>项目支出</th></tr>"
        "<tr><td>合计</td><td>563.04</td><td>718.94</td></tr></table></body></html>",
        encoding="utf-8")
    raw = read_raw(str(page))
    texts = [(i.text, i.loc.para, i.alone) for i in raw.items if isinstance(i, TextLine)]
    assert texts == [("一、收入支出决算总体情况说明", 1, True), ("2024年度收入总计1,281.97万元。", 2, False),
                     ("支出总计1,281.97万元。", 3, False)]
    assert [i.cells for i in raw.items if isinstance(i, GridRow)] == [
        ["项目", "本年支出", ""], ["", "基本支出", "项目支出"], ["合计", "563.04", "718.94"]]


def test_a_page_of_scripts_only_is_no_report(tmp_path: Path):
    page = tmp_path / "app.html"
    page.write_text("<!DOCTYPE html><html><head><script>var a = '收入总计100万元';</script></head>"
                    "<body><script>render('支出总计100万元')</script><noscript>请启用脚本</noscript></body></html>",
                    encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_raw(str(page))
    assert str(page) in str(err.value) and "no Chinese text" in str(err.value)


def test_a_gbk_page_is_decoded_by_its_meta_charset(tmp_path: Path):
    page = tmp_path / "gbk.htm"
    page.write_bytes('<html><head><meta charset="gb2312"></head><body><p>基本支出563.04万元。</p></body></html>'
                     .encode("gb18030"))
    assert [i.text for i in read_raw(str(page)).items] == ["基本支出563.04万元。"]


# --------------------------------------------------------------------------- bad files


def test_a_corrupt_docx_is_an_error_naming_it(tmp_path: Path, made: Path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes((made / "anju_org_2024_final.docx").read_bytes()[:5000])  # cut short
    with pytest.raises(InputError) as err:
        read_raw(str(broken))
    assert str(broken) in str(err.value) and "corrupt" in str(err.value)
    not_docx = tmp_path / "other.docx"
    with zipfile.ZipFile(not_docx, "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(InputError) as err:
        read_raw(str(not_docx))
    assert str(not_docx) in str(err.value) and "DOCX" in str(err.value)


def test_a_workbook_with_no_sheets_or_no_cells_is_an_error_naming_it(tmp_path: Path):
    from openpyxl import Workbook

    empty = tmp_path / "empty.xlsx"
    Workbook().save(empty)  # one sheet, no cell filled
    with pytest.raises(InputError) as err:
        read_raw(str(empty))
    assert str(empty) in str(err.value) and "empty workbook" in str(err.value)
    no_sheets = tmp_path / "nosheets.xlsx"
    with zipfile.ZipFile(empty) as src, zipfile.ZipFile(no_sheets, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = data.replace(data[data.index(b"<sheets>"):data.index(b"</sheets>") + 9], b"<sheets/>")
            dst.writestr(item, data)
    with pytest.raises(InputError) as err:
        read_raw(str(no_sheets))
    assert str(no_sheets) in str(err.value) and ("no visible sheet" in str(err.value) or "corrupt" in str(err.value))


def test_a_batch_goes_on_past_a_bad_docx(tmp_path: Path, made: Path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    good = made / "shifted_digits.docx"
    result = CliRunner().invoke(app, ["check", str(bad), str(good), "-q"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 2
    assert records[0]["doc"] == str(bad) and "corrupt DOCX" in records[0]["error"]
    assert any(r.get("doc") == str(good) and "status" in r for r in records)


# --------------------------------------------------------------------------- LibreOffice


def soffice(program: str, tmp_path: Path, path: Path, target: str) -> None:
    """Convert ``path`` to ``target`` beside it with LibreOffice (to make legacy files to read)."""
    import subprocess

    subprocess.run([program, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", target, "--outdir", str(path.parent), str(path)],
                   check=True, capture_output=True, timeout=300)


def legacy_doc(tmp_path: Path) -> Path:
    doc = tmp_path / "说明.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)  # an OLE header: what a DOC starts with
    return doc


def test_a_doc_without_libreoffice_is_one_clear_error(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    doc = legacy_doc(tmp_path)
    with pytest.raises(InputError) as err:
        read_raw(str(doc))
    message = str(err.value)
    assert message.startswith(f"{doc}: legacy Word (DOC) file") and "save it as DOCX" in message
    assert "LibreOffice" in message
    for suffix, target in ((".wps", "DOCX"), (".et", "XLSX")):
        other = doc.with_suffix(suffix)
        other.write_bytes(doc.read_bytes())
        with pytest.raises(InputError, match=f"save it as {target}"):
            read_raw(str(other))


def test_a_converter_named_in_the_settings_that_is_missing_is_the_same_error(tmp_path: Path):
    doc = legacy_doc(tmp_path)
    with pytest.raises(InputError, match="not installed"):
        read_raw(str(doc), Settings(office_converter=str(tmp_path / "no-soffice")))


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: the conversion branch is "
                                            "tested where it is (apt-get install libreoffice-writer-nogui)")
def test_a_doc_is_read_through_libreoffice(tmp_path: Path, made: Path):
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(made / "anju_org_2024_final.docx", work / "report.docx")
    assert SOFFICE is not None
    soffice(SOFFICE, tmp_path, work / "report.docx", "doc")
    doc = work / "report.doc"
    raw = read_raw(str(doc))
    assert raw.source == str(doc) and raw.format == "docx"
    records = [finding_record(f, str(doc)) for f in api.check(str(doc))]
    mismatch = next(r for r in records if r["status"] == "mismatch" and r["kind"] == "enumeration")
    assert mismatch["doc"] == str(doc) and mismatch["raw"] == "563.04万元"
