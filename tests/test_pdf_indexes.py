"""The shortcuts PDF ingest takes for speed pick exactly what the plain tests pick.

``CharIndex.inside`` (a table row's characters by height) against testing every character of the
page; ``visible_chars`` (clipped objects filed by height) against testing every clipped object;
the readings ``parse_number``/``parse_cell`` remember against reading afresh.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from narrative_extract.ingest.pdf_clip import clipped_objects, visible, visible_chars
from narrative_extract.ingest.pdf_tables import CharIndex, _inside, _ruled_finder
from narrative_extract.numbers import _parse_cell, _parse_number, parse_cell, parse_number

ROOT = Path(__file__).resolve().parents[1]
PDF = ROOT / "tests" / "fixtures" / "pdf"
REAL = ROOT.parent / "shared" / "real_pdfs"
NATIONAL = ROOT.parent / "shared" / "national_pdfs"


def _path(folder: Path, name: str) -> Path:
    path = folder / name
    if not path.exists():
        pytest.skip(f"{name} not found under {folder} (public reports, not committed)")
    return path


@pytest.mark.parametrize(("folder", "name"), [
    (PDF, "table_across_pages.pdf"),
    (PDF, "code_columns.pdf"),
    (REAL, "putuo_planning_resources_2024_final.pdf"),
    (NATIONAL, "beijing_29.pdf"),
])
def test_row_characters_by_height_are_those_inside_the_row(folder, name):
    rows = 0
    with pdfplumber.open(_path(folder, name)) as pdf:
        for page in pdf.pages[:6]:
            chars = list(page.chars)
            index = CharIndex(chars)
            for table in _ruled_finder(page).tables:
                for row in table.rows:
                    plain = [c for c in chars if _inside(c, row.bbox)]
                    assert index.inside(row.bbox) == plain
                    rows += bool(plain)
    assert rows >= 5  # the files do have ruled tables with text in their rows


@pytest.mark.parametrize(("folder", "name", "pages"), [
    (PDF, "clipped_text_box.pdf", None),
    (REAL, "putuo_finance_2025_dept_budget.pdf", [7, 8]),
    # hundreds of clipped objects a page (one per character), hundreds of characters hidden
    (NATIONAL, "beijing_29.pdf", [30, 34]),
])
def test_characters_shown_by_height_are_those_shown(folder, name, pages):
    path = _path(folder, name)
    clipping = clipped_objects(str(path))
    hidden = objects = 0
    with pdfplumber.open(path) as pdf:
        for number in pages or range(1, len(pdf.pages) + 1):
            chars = list(pdf.pages[number - 1].chars)
            clipped = clipping[number - 1]
            plain = [c for c in chars if visible(c, clipped)]
            assert visible_chars(chars, clipped) == plain
            hidden += len(chars) - len(plain)
            objects += len(clipped or [])
    assert objects > 0  # clipped objects to test against
    assert hidden > 0  # characters hidden behind a clip: the test can tell


CELLS = ["16,687.89", "(1,234.56)", "3万元", "98.10%", "-", "—", "合计", "39 批次", "百分之一点五七",
         "≥95%", "", "0.000000", "12 345.6"]


@pytest.mark.parametrize("unit", [None, "万元", "元"])
def test_remembered_cell_readings_are_fresh_readings(unit):
    for text in CELLS:
        fresh = _parse_cell.__wrapped__(text, unit, 1.0)
        assert parse_cell(text, unit) == fresh
        assert parse_cell(text, unit) == fresh  # the second time from memory
        assert parse_number(text) == _parse_number.__wrapped__(text, 1.0)
    assert parse_cell("16,687.89", "万元").unit == "万元"
    assert parse_cell("16,687.89", None).unit == ""
