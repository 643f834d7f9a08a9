"""A report given as several files (``read_report``): 北京 publishes each department's narrative
(情况说明) and its tables (报表) as two PDFs; a bureau may publish a narrative and its tables apart.

Such a report is named ``A.pdf+B.pdf`` (the files joined by ``+``, in reading order); its files
may be of different formats (a DOCX or PDF narrative with its tables in an XLSX workbook:
``说明.docx+报表.xlsx``; the report's ``format`` is then ``docx+xlsx``). Its items are
read file by file and chained into one RawDocument, each location naming its file, so a claim of
the narrative is checked against the tables of the other file and every record says where each
figure is. A name with a ``+`` that is itself an existing file is that one file.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..model import GridRow, RawDocument, RawItem, TextLine
from ..settings import DEFAULT_SETTINGS, Settings

JOIN = "+"


def report_parts(path: str) -> list[str]:
    """The files of the report ``path`` names: itself, or the parts of ``A+B`` when it is no file."""
    if JOIN not in path or Path(path).exists():
        return [path]
    return [p for p in path.split(JOIN) if p]


def read_report(path: str, settings: Settings = DEFAULT_SETTINGS) -> RawDocument:
    """One report from one file or from several (``A.pdf+B.pdf``). Raises InputError naming the file."""
    from . import read_raw

    parts = report_parts(path)
    if len(parts) == 1:
        return read_raw(parts[0], settings)
    raws = [read_raw(p, settings) for p in parts]
    formats = list(dict.fromkeys(r.format for r in raws))  # a DOCX narrative with its XLSX tables: "docx+xlsx"
    items: list[RawItem] = []
    grids = 0
    for part, raw in zip(parts, raws, strict=True):
        items.extend(relocated(item, part, grids) for item in raw.items)
        grids += 1 + max((i.grid for i in raw.items if isinstance(i, GridRow)), default=0)
    pages = sum(r.pages or 0 for r in raws) or None
    return RawDocument(source=path, format=JOIN.join(formats), items=items, encoding=raws[0].encoding, pages=pages,
                       parts=tuple(parts))


def relocated(item: RawItem, part: str, grid_offset: int) -> RawItem:
    """The item located in its file; grids numbered after the previous files' (a table never runs
    from one file into the next)."""
    loc = replace(item.loc, file=part)
    if isinstance(item, TextLine):
        return TextLine(item.text, loc, item.alone)
    return GridRow(item.cells, loc, item.grid + grid_offset)

