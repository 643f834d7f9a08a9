"""Tables of the word-processor, spreadsheet and web formats → rows of printed cell strings.

Every reader gives merged cells the form the PDF grid reader gives them (``pdf_tables``): the
text sits in the merged cell's top-left position and every position it covers prints ``''``, so
``layout.grid.merge_header`` turns a header cell spanning columns (本年支出 over 小计/基本支出/项目支出)
or rows (科目名称 beside 类/款/项) into header paths the same way whatever the format.
"""

from __future__ import annotations

from dataclasses import dataclass

from .pdf_lines import join_wrapped


@dataclass(frozen=True)
class SpanCell:
    """One cell as a format declares it: its text and how many rows and columns it covers."""

    text: str
    rowspan: int = 1
    colspan: int = 1


def cell_text(parts: list[str]) -> str:
    """The text of a cell from its paragraphs or lines: a cell wrapped over lines is one text."""
    return join_wrapped([line for part in parts for line in part.split("\n")])


def spread(rows: list[list[SpanCell]]) -> list[list[str]]:
    """Rows of declared cells → a rectangular grid of strings, each merged cell's text at its
    top-left position and ``''`` where it spans (an HTML ``rowspan``, a Word vertical merge)."""
    taken: dict[tuple[int, int], bool] = {}
    grid: list[dict[int, str]] = []
    for r, cells in enumerate(rows):
        out: dict[int, str] = {}
        k = 0
        for cell in cells:
            while taken.get((r, k)):
                out.setdefault(k, "")
                k += 1
            for dr in range(max(1, cell.rowspan)):
                for dc in range(max(1, cell.colspan)):
                    taken[(r + dr, k + dc)] = True
            out[k] = cell.text
            for dc in range(1, max(1, cell.colspan)):
                out[k + dc] = ""
            k += max(1, cell.colspan)
        grid.append(out)
    width = max((max(row) + 1 for row in grid if row), default=0)
    return [[row.get(k, "") for k in range(width)] for row in grid]
