"""A table excerpt around the cells a finding cites: their header paths, their rows and the rows
around them, the cited cells marked."""

from __future__ import annotations

from ..model import Document, Row, Table
from ..reconcile.finding import Evidence
from .model import Excerpt, ExcerptRow, ReviewLimits
from .quotes import where

#: rows at most in one excerpt
MAX_ROWS = 15


def find_cell(doc: Document, ev: Evidence) -> tuple[Table, Row] | None:
    """The table and row an evidence cell comes from (by title, row and where the row is)."""
    for table in doc.tables:
        if table.title != ev.table:
            continue
        for row in table.rows:
            if row.loc == ev.loc and row.name == ev.row and row.code == ev.code:
                return table, row
    return None


def excerpts(doc: Document, evidence: list[Evidence], limits: ReviewLimits, max_tables: int = 4) -> tuple[Excerpt, ...]:
    """One excerpt per table cited (at most ``max_tables``), each cited cell marked."""
    cited: dict[int, tuple[Table, dict[int, set[str]]]] = {}
    for ev in evidence:
        if ev.table is None or ev.column is None or (found := find_cell(doc, ev)) is None:
            continue
        table, row = found
        if id(table) not in cited and len(cited) >= max_tables:
            continue
        rows = cited.setdefault(id(table), (table, {}))[1]
        rows.setdefault(table.rows.index(row), set()).add(ev.column)
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
