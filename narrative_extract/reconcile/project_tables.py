"""A project's amount in the prose against its row in the report's project table.

八、项目支出情况说明: 2026信访接待中心运行费116万元，2026信访专项经费30万元 … — the 项目支出表
(预算表9) prints one row per project (its name read over several name columns by
layout/name_columns.py) with the project's 合计. The prose names the project; the row is found by
that name alone, never by value. Certainty first:

* the row named exactly so (spaces, quotes, a leading project code and the 年 of a year aside:
  2026年驻京经费 = 2026驻京经费; a year the subject reader kept out of the subject counts when the
  clause prints it right before: 2026年信访专项经费 is 2026信访专项经费), and only one such row in the
  report's project tables: the figure is compared, a disagreement is a ``mismatch``;
* two rows of that name, or a row whose name only contains the subject or is contained in it:
  ``unverifiable``, naming the candidate rows, never a mismatch.

A table is a project table by its title (patterns/project_columns.json); the figure compared is
the row's whole (its 合计 column), so only a claim of all funds is checked, this year's.
"""

from __future__ import annotations

import regex

from ..claims.figures import is_current
from ..layout.columns import source_whole
from ..layout.name_columns import is_project_title
from ..link import link_data, row_total
from ..model import MONEY_UNITS, Amount, Cell, Claim, Document, Row, Table
from ..relations.cells import cell_relation
from ..relations.tables import TableReading
from .finding import Evidence, Finding, finding, fmt, judge, ulp
from .interval import Interval
from .project_lists import left_of
from .target_tables import project_key

YEAR_PREFIX = regex.compile(r"(?:19|20)\d\d")
MIN_PART = 4  # characters the shorter name needs before a partial match is shown as a candidate
SCOPES = ("all_funds", "project")


def is_project_table(table: Table) -> bool:
    return table.family not in ("self_evaluation",) and table.standard_id != "budget.performance_target" \
        and is_project_title(table.title or "")


class ProjectTables:
    def __init__(self, doc: Document, readings: dict[int, TableReading] | None = None):
        self.doc = doc
        self.readings = readings or {}
        self.rows: list[tuple[str, Table, Row]] = []
        for table in doc.tables:
            if is_project_table(table):
                self.rows += [(key, table, row) for row in table.rows if (key := project_key(row.name))]

    def named(self, claim: Claim) -> tuple[str, list[tuple[Table, Row]]] | None:
        """The claim's project key and the rows named exactly so; None when the claim is no project's amount."""
        if not self.rows or claim.amount is None or not claim.amount.is_money or claim.hedged:
            return None
        if claim.scope not in SCOPES or not is_current(claim.figure):
            return None
        if claim.subject.code or len(claim.subject.path) >= 2:
            return None  # an item of the function or economic classification (差旅费 30211), not a project
        key = project_key(claim.subject.name)
        if len(key) < MIN_PART:
            return None
        exact = [(t, r) for k, t, r in self.rows if k == key]
        if not exact:
            # 2026年信访专项经费30万元: the subject read is 信访专项经费, the clause prints the year before it
            clause = project_key(left_of(claim))
            exact = [(t, r) for k, t, r in self.rows if clause.endswith(k) and YEAR_PREFIX.fullmatch(k[:-len(key)])
                     and k.endswith(key)]
        return key, exact

    def row_of(self, claim: Claim) -> tuple[Table, Row] | None:
        """The one project row named exactly as the claim's subject, if there is one."""
        found = self.named(claim)
        return found[1][0] if found is not None and len(found[1]) == 1 else None

    def check(self, claim: Claim) -> Finding | None:
        """The claim's project row and verdict; None when no project row bears a name like its subject."""
        if (found := self.named(claim)) is None:
            return None
        key, exact = found
        if len(exact) == 1:
            return self.compare(claim, *exact[0])
        if exact:
            where = "; ".join(f"{t.title} p.{r.loc.page}" for t, r in exact)
            return finding(claim, "unverifiable", f"{len(exact)} project rows are named {claim.subject.name} ({where}):"
                           " which one the prose means is not certain")
        partial = [(t, r) for k, t, r in self.rows
                   if min(len(k), len(key)) >= MIN_PART and (k in key or key in k)]
        if not partial:
            return None
        names = "、".join(dict.fromkeys(r.name for _, r in partial))
        evidence = [Evidence.cell(t, r, c.column, c.text) for t, r in partial[:3] if (c := whole(r)) is not None]
        return finding(claim, "unverifiable", f"{claim.subject.name} only partly matches the project row(s) {names}:"
                       " the project is not certain", None, evidence)

    def compare(self, claim: Claim, table: Table, row: Row) -> Finding:
        assert claim.amount is not None
        cell = whole(row)
        if cell is None or cell.amount is None:
            return finding(claim, "unverifiable", f"{table.title} {row.name}: no total figure printed")
        ev = Evidence.cell(table, row, cell.column, cell.text)
        if table.unit not in MONEY_UNITS and not cell.amount.is_money:
            return finding(claim, "unverifiable", f"{table.title} prints no money unit", None, [ev])
        value = cell.amount if cell.amount.is_money else Amount(cell.amount.value, table.unit or "", cell.amount.decimals)
        unit = claim.amount.unit
        status = judge(Interval.of(claim.amount), Interval.of(value, unit), max(ulp(claim.amount), ulp(value.to(unit))))
        shown = value.to(unit)
        rel = cell_relation(claim, table, row, cell, self.doc, self.readings.get(id(table)), "project")
        where = f"{table.title} {row.name} {cell.column}"
        message = {"consistent": f"matches {where}",
                   "rounding": f"differs from {where} by a last-digit rounding",
                   "mismatch": f"{where} prints {cell.text} ({fmt(shown.value)}{unit}); the prose says {claim.raw}"}[status]
        return finding(claim, status, message, f"{fmt(shown.value)}{unit}", [ev], rel)


def whole(row: Row) -> Cell | None:
    """The row's total: its 合计 column, else the whole of its source columns, else its only cell."""
    only = row.cells[0] if len(row.cells) == 1 else None
    return row_total(row, link_data().total_columns, only) or source_whole(row)
