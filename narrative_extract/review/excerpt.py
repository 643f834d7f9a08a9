"""A table excerpt around the cells a finding cites: their header paths, their rows and the rows
around them, the cited cells marked."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..model import Document, Row, Table
from ..reconcile.finding import Evidence, Finding
from .model import Excerpt, ExcerptRow, ReviewLimits
from .quotes import where

#: rows at most in one excerpt
MAX_ROWS = 15
BRACKETED = regex.compile(r"\[([^\[\]]+)\]")


def find_cell(doc: Document, ev: Evidence) -> tuple[Table, Row] | None:
    """The table and row an evidence cell comes from (by title, row and where the row is)."""
    for table in doc.tables:
        if table.title != ev.table:
            continue
        for row in table.rows:
            if row.loc == ev.loc and row.name == ev.row and row.code == ev.code:
                return table, row
    return None


@dataclass(frozen=True)
class CitedCell:
    """A cell a finding cites: its table, row and column, and the text printed in it."""

    table: Table
    row: Row
    column: str
    printed: str


def cited_cells(doc: Document, f: Finding) -> list[CitedCell]:
    """The cells a finding cites: those its evidence names, and for a table's own sum (whose
    evidence names the row only) the total's cell — the column its message names in brackets —
    and its parts' cells in that column."""
    out: list[CitedCell] = []
    for ev in f.evidence:
        if ev.table is None or (found := find_cell(doc, ev)) is None:
            continue
        table, row = found
        if ev.column:
            out.append(CitedCell(table, row, ev.column, ev.printed or ""))
        elif (column := total_column(row, f)) is not None:
            cell = row.cell(column)
            out.append(CitedCell(table, row, column, cell.text if cell else ""))
            out += part_cells(table, row, column, f)
    seen: set[tuple[int, int, str]] = set()
    unique = []
    for c in out:
        key = (id(c.table), id(c.row), c.column)
        if key not in seen:
            seen.add(key)
            unique.append(c)
    return unique


def total_column(row: Row, f: Finding) -> str | None:
    """The column of a table sum's total: the one its message names, else the cell printing it."""
    columns = [c.column for c in row.cells]
    for named in BRACKETED.findall(f.message):
        if named in columns:
            return named
    if f.amount is not None:
        return next((c.column for c in row.cells if c.amount is not None and c.amount.value == f.amount.value), None)
    return None


def part_cells(table: Table, total: Row, column: str, f: Finding) -> list[CitedCell]:
    """The cells of a table sum's parts: rows of the table named in the relation's part members
    whose cell in ``column`` prints the member's figure."""
    if f.relation is None:
        return []
    out = []
    for member in f.relation.members:
        if member.role != "part":
            continue
        for row in table.rows:
            cell = row.cell(column)
            if (row is not total and cell is not None and cell.amount is not None
                    and str(cell.amount.value) == member.printed
                    and (row.code is not None and member.where.startswith(row.code + " ")
                         or member.where.startswith(row.name + " "))):
                out.append(CitedCell(table, row, column, cell.text))
                break
    return out


def excerpts(cells: list[CitedCell], limits: ReviewLimits, max_tables: int = 4) -> tuple[Excerpt, ...]:
    """One excerpt per table cited (at most ``max_tables``), each cited cell marked."""
    cited: dict[int, tuple[Table, dict[int, set[str]]]] = {}
    for c in cells:
        if id(c.table) not in cited and len(cited) >= max_tables:
            continue
        rows = cited.setdefault(id(c.table), (c.table, {}))[1]
        rows.setdefault(c.table.rows.index(c.row), set()).add(c.column)
    return tuple(excerpt(table, hits, limits) for table, hits in cited.values())


def excerpt(table: Table, hits: dict[int, set[str]], limits: ReviewLimits) -> Excerpt:
    first = table.rows[min(hits)]
    segment = first.segment
    columns = [c.column for c in first.cells]
    for k in sorted(hits):
        columns += [c.column for c in table.rows[k].cells if c.column not in columns]
    hit_columns = [j for j, c in enumerate(columns) if any(c in cols for cols in hits.values())]
    shown, skipped = column_window(len(columns), hit_columns, limits.max_columns)
    keep = sorted({k for h in hits for k in range(h - limits.context_rows, h + limits.context_rows + 1)
                   if 0 <= k < len(table.rows) and (k in hits or table.rows[k].segment == segment)})
    if len(keep) > MAX_ROWS:  # far-apart cells: the cited rows, and what room is left around the first
        room = MAX_ROWS - len(hits)
        keep = sorted(set(hits) | set([k for k in keep if k not in hits][:room]))
    rows = []
    previous = None
    for k in keep:
        row = table.rows[k]
        by_column = {c.column: c.text for c in row.cells}
        texts = tuple(by_column.get(columns[j], "") for j in shown)
        marked = tuple(n for n, j in enumerate(shown) if columns[j] in hits.get(k, ()))
        rows.append(ExcerptRow(row.code, row.name, texts, where(row.loc), marked,
                               gap_before=previous is not None and k != previous + 1))
        previous = k
    return Excerpt(table.title, table.standard_id, table.unit, tuple(columns[j] for j in shown), tuple(rows),
                   where(table.loc), skipped)


def column_window(n: int, hits: list[int], width: int) -> tuple[list[int], int]:
    """The columns to show (all when they fit; else those around the cited ones) and how many are left out."""
    if n <= width or width == 0:
        return list(range(n)), 0
    order = sorted(range(n), key=lambda j: (min((abs(j - h) for h in hits), default=j), j))
    chosen = sorted(order[:width])
    return chosen, n - len(chosen)
