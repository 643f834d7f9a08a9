"""Was a table read consistently? (``table_readings``)

A table is evidence only when its reading holds together. Reading can fail in ways no single cell
shows: the rows of a table that breaks its items down by unit or project repeat (行政运行 once per
unit), so its 合计 is not what the standard table's 合计 means; a row whose name is a figure was
read one column off; most rows of a long table came out with no figure at all. Such a table is
still printed by ``tables``, and its cells are still shown as candidates, but no relation through
it is certain. Each failure is a doubt stated once per table.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..model import MONEY_UNITS, Document, Row, Table
from ..numbers import parse_cell
from .model import Doubt, serious

#: rows printing no cell at all, as a share of the rows, beyond which the columns were not found
EMPTY_ROW_SHARE = 0.3
MIN_ROWS = 5


@dataclass(frozen=True)
class TableReading:
    table: Table
    doubts: tuple[Doubt, ...]

    @property
    def consistent(self) -> bool:
        return not self.doubts


def misread(row: Row) -> bool:
    """A row whose name is a figure: its cells were read one column off."""
    return parse_cell(row.name, None) is not None


def reading_doubts(table: Table) -> tuple[Doubt, ...]:
    if table.family == "self_evaluation" or table.standard_id == "budget.performance_target":
        return ()  # a form is read label by label (reconcile/self_evaluation.py, target_sheets.py), not as rows
    doubts: list[Doubt] = []
    if table.unit not in MONEY_UNITS:
        doubts.append(serious(f"{table.title or 'the table'} prints no money unit"))
    rows = table.rows
    if any(misread(r) for r in rows):
        doubts.append(serious(f"{table.title}: a row's name is a figure (cells read one column off)"))
    if len(rows) >= MIN_ROWS and sum(1 for r in rows if not r.cells) > EMPTY_ROW_SHARE * len(rows):
        doubts.append(serious(f"{table.title}: most rows came out with no figure (its columns were not found)"))
    # items printed with a code (201, 2040201-行政运行) are one row each in a table read right
    coded = Counter((r.segment, r.code, r.name) for r in rows if r.code or r.name[:3].isdigit())
    repeated = [key for key, n in coded.items() if n > 1]
    if repeated:
        doubts.append(serious(f"{table.title}: rows repeat ({repeated[0][2]} …): it breaks items down by unit"
                              " or project, so its rows are not one line per item"))
    return tuple(doubts)


def table_readings(doc: Document) -> dict[int, TableReading]:
    """id(table) → how consistently it was read, for every table of the document."""
    return {id(t): TableReading(t, reading_doubts(t)) for t in doc.tables}
