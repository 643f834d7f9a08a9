"""A worksheet's printed cells → ``TextLine`` and ``GridRow`` items (``sheet_items``).

A sheet of a budget workbook is one table as the report prints it: its title, table code and unit
line in the first rows, each in one cell merged across the width (``一般公共预算财政拨款支出决算表``,
``公开05表``, ``部门：… 单位：万元``), then the header rows and the body, then notes (``注：…``).
The rows above the header and the notes under the body are running text around the table, as a
PDF prints them, so they become ``TextLine`` s and the layout stage reads the title, code and unit
from them as it does for every format; the rest is one grid. A sheet whose first rows name no
title is introduced by its name when that is words (``收入支出决算总表``, not ``Sheet1``).
"""

from __future__ import annotations

import regex

from ..model import GridRow, Location, RawItem, TextLine

META = regex.compile(r"^(?:部门|编制部门|单位名称|编制单位|预算单位|填报单位)\s*[:：]|单位\s*[:：]\s*(?:万元|元|亿元)")
NOTE = regex.compile(r"^(?:注\s*[:：\d]|说明\s*[:：]|备注\s*[:：]|本表|如本表为空|数据来源)")
HAN = regex.compile(r"\p{Han}")
LONG_TEXT = 40  # a lone cell this long under the body is a note, not a row


def filled(cells: list[str]) -> list[str]:
    return [c.strip() for c in cells if c.strip()]


def is_text_row(cells: list[str]) -> bool:
    """A row above the header: one text across the sheet, or the line of the unit's name and unit."""
    texts = filled(cells)
    return len(set(texts)) == 1 or (0 < len(texts) <= 3 and any(META.search(t) for t in texts))


def is_note_row(cells: list[str]) -> bool:
    texts = filled(cells)
    return len(texts) == 1 and (bool(NOTE.search(texts[0])) or len(texts[0]) >= LONG_TEXT)


def sheet_items(name: str, rows: list[tuple[int, list[str]]], grid: int) -> list[RawItem]:
    """The items of one sheet; ``rows`` are (spreadsheet row number, cells), empty rows left out."""
    rows = [(n, cells) for n, cells in rows if filled(cells)]
    head = 0
    while head < len(rows) - 1 and is_text_row(rows[head][1]):
        head += 1
    tail = len(rows)
    while tail > head + 1 and is_note_row(rows[tail - 1][1]):
        tail -= 1
    items: list[RawItem] = []
    if head == 0 and HAN.search(name):
        items.append(TextLine(name.strip(), Location(sheet=name)))
    items += [TextLine("  ".join(filled(cells)), Location(sheet=name, row=n)) for n, cells in rows[:head]]
    body = rows[head:tail]
    width = max((len(cells) for _, cells in body), default=0)
    # columns empty in every body row (a sheet's margin column) are no part of the table
    used = [k for k in range(width) if any(k < len(c) and c[k].strip() for _, c in body)]
    if used:
        first, last = used[0], used[-1] + 1
        items += [GridRow([c.strip() for c in (cells + [""] * width)[first:last]], Location(sheet=name, row=n), grid)
                  for n, cells in body]
    items += [TextLine(filled(cells)[0], Location(sheet=name, row=n)) for n, cells in rows[tail:]]
    return items
