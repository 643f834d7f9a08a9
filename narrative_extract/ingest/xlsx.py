"""Workbooks: XLSX (openpyxl) and XLS (xlrd), each visible sheet a table (``ingest/sheets``).

Cells are read as the sheet prints them: a number through its cell's number format
(``ingest/numfmt``: 1234.5678 under ``0.00`` is ``1234.57``, the figure the report shows and the
precision the rounding checks judge), a date as ``YYYY-MM-DD``, a formula as its last computed
value (a workbook saved without computed values shows nothing there). A merged range prints its
text in its top-left cell and ``''`` in the cells it covers, as a PDF's spanning cell does, so
merged header cells become header paths. Hidden sheets, rows and columns are not printed and not
read. Locations are ``Location(sheet=NAME, row=N)``, N the row number the spreadsheet shows.
"""

from __future__ import annotations

import datetime
import zipfile

from ..errors import InputError
from ..model import RawDocument, RawItem
from .cells import cell_text
from .numfmt import display
from .script import items_to_simplified
from .sheets import sheet_items

Rows = list[tuple[int, list[str]]]


def shown(value, fmt: str | None) -> str:
    """A cell's value as printed."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return display(value, fmt)
    return cell_text([str(value)])


def workbook_raw(name: str, fmt: str, sheets: list[tuple[str, Rows]]) -> RawDocument:
    items: list[RawItem] = []
    for k, (title, rows) in enumerate(sheets, start=1):
        items += sheet_items(title, rows, grid=k)
    if not items:
        raise InputError(name, f"empty workbook: no visible sheet has any cell filled ({len(sheets)} sheets)")
    return RawDocument(source=name, format=fmt, items=items_to_simplified(items))


def xlsx_to_raw(path: str, source: str | None = None) -> RawDocument:
    """Read the XLSX at ``path`` (``source``: the name the report goes by, when it was converted)."""
    import openpyxl  # lazy: only workbooks need it

    name = source or path
    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError, TypeError) as err:
        raise InputError(name, f"corrupt XLSX: {type(err).__name__}: {err}") from None
    sheets = [(ws.title, xlsx_rows(ws)) for ws in book.worksheets if ws.sheet_state == "visible"]
    return workbook_raw(name, "xlsx", sheets)


def hidden_columns(ws) -> set[int]:
    """1-based indices of hidden columns (a dimension may cover a range of them)."""
    out: set[int] = set()
    for dim in ws.column_dimensions.values():
        if dim.hidden and dim.min and dim.max:
            out.update(range(dim.min, dim.max + 1))
    return out


def xlsx_rows(ws) -> Rows:
    hide = hidden_columns(ws)
    rows: Rows = []
    for r, row in enumerate(ws.iter_rows(), start=1):
        if ws.row_dimensions[r].hidden if r in ws.row_dimensions else False:
            continue
        cells = [shown(c.value, c.number_format) for k, c in enumerate(row, start=1) if k not in hide]
        rows.append((r, cells))
    return rows


def xls_to_raw(path: str, source: str | None = None) -> RawDocument:
    """Read a legacy XLS (BIFF) workbook at ``path``."""
    import xlrd  # lazy: only legacy workbooks need it

    name = source or path
    try:
        book = xlrd.open_workbook(path, formatting_info=True)
    except (xlrd.XLRDError, xlrd.compdoc.CompDocError, ValueError, OSError, IndexError, AssertionError) as err:
        raise InputError(name, f"corrupt XLS: {type(err).__name__}: {err}") from None
    sheets = [(sh.name, xls_rows(book, sh)) for sh in book.sheets() if not sh.visibility]
    return workbook_raw(name, "xls", sheets)


def xls_rows(book, sh) -> Rows:
    import xlrd

    covered = {(r, c) for r0, r1, c0, c1 in sh.merged_cells for r in range(r0, r1) for c in range(c0, c1)
               if (r, c) != (r0, c0)}
    hidden_cols = {c for c, info in sh.colinfo_map.items() if info.hidden}
    rows: Rows = []
    for r in range(sh.nrows):
        if (info := sh.rowinfo_map.get(r)) is not None and info.hidden:
            continue
        cells = []
        for c in range(sh.ncols):
            if c in hidden_cols:
                continue
            cell = sh.cell(r, c)
            if (r, c) in covered or cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                cells.append("")
            elif cell.ctype == xlrd.XL_CELL_DATE:
                cells.append(shown(xlrd.xldate_as_datetime(cell.value, book.datemode), None))
            elif cell.ctype == xlrd.XL_CELL_NUMBER:
                fmt = book.format_map[book.xf_list[cell.xf_index].format_key].format_str
                cells.append(display(cell.value, fmt))
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                cells.append("TRUE" if cell.value else "FALSE")
            else:
                cells.append(cell_text([str(cell.value)]))
        rows.append((r + 1, cells))
    return rows
