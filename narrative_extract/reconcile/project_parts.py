"""A project-expenditure total and the projects the prose names after it, against the project table.

八、项目支出情况说明: 项目支出预算474.56万元，2026信访接待中心运行费116万元，2026信访专项经费30万元，2026驻京经费
312万元，信访局临聘人员经费15.56万元 — a total followed by its parts with no 其中 or 主要用于. Each part is
linked to its row of the project table (``ProjectTables.row_of``: the one row bearing its name; with
no row of its name there, the one project of its name a multi-project 绩效目标表 lists), and:

* ``covering``: when the parts' rows, as the table prints them, add up to the stated total, the named
  projects are the whole of it — the list is closed, even one led by 主要用于, so the prose's parts
  must add up too: a disagreement is a ``mismatch`` (the 15.56 above: 116 + 30 + 312 + 15.56 = 473.56);
* ``bare_lists``: with no lead word, a run of figures after a project total (a subject ending with a
  word of patterns/project_columns.json ``totals``) is read as its list only when every figure after
  the total in the sentence is a project's amount with its row; when the rows do not cover the total
  the reading is probable only (the prose may name a selection), so it raises no alarm.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ..claims.figures import is_current
from ..layout.name_columns import project_column_words
from ..model import Amount, Claim
from .finding import Evidence, judge, ulp
from .interval import Interval, total
from .project_lists import left_of
from .project_tables import ProjectTables, whole
from .target_sheets import TargetSheet, listed_named
from .target_tables import project_key


class ProjectRows:
    """A project's one row: in the project tables, else (a report printing none for it) the one
    project of its name a multi-project 绩效目标表 lists, by its 年度资金总额 (target_tables.py)."""

    def __init__(self, tables: ProjectTables, sheets: Sequence[TargetSheet]):
        self.tables = tables
        self.sheets = [s for s in sheets if s.listed and s.annual is not None]

    def __bool__(self) -> bool:
        return bool(self.tables.rows or self.sheets)

    def row_of(self, claim: Claim) -> tuple[object, Amount, Evidence] | None:
        """(the row, its figure, its evidence) of the claim's project, if it has exactly one."""
        if (found := self.tables.row_of(claim)) is not None:
            table, row = found
            cell = whole(row)
            if cell is None or cell.amount is None:
                return None
            value = cell.amount if cell.amount.is_money else Amount(cell.amount.value, table.unit or "",
                                                                    cell.amount.decimals)
            return (row, value, Evidence.cell(table, row, cell.column, cell.text)) if value.is_money else None
        if ((named := self.tables.named(claim)) is not None and named[1]) or len(
                mine := listed_named(claim, self.sheets, left_of(claim))) != 1:
            return None  # the project tables bear the name twice or more, or no one listed project does
        sheet = mine[0]
        assert sheet.annual is not None
        amount, text = sheet.annual
        return sheet, amount, Evidence(table=sheet.table.title, standard_id=sheet.table.standard_id,
                                       row=sheet.name or "", column="年度资金总额", printed=text,
                                       loc=sheet.loc or sheet.table.loc)


def covering(claim: Claim, parts: Sequence[Claim], rows: ProjectRows) -> list[Evidence] | None:
    """The project rows of a list's parts, when each part has its one row, no row twice, and the rows
    as printed add up to the list's total (so the parts named are all of it); else None."""
    assert claim.amount is not None
    if len(parts) < 2 or not claim.amount.is_money:
        return None
    found = [rows.row_of(p) for p in parts]
    if any(r is None for r in found) or len({id(r[0]) for r in found if r}) != len(found):
        return None
    unit = claim.amount.unit
    printed = [Interval.of(r[1], unit) for r in found if r]
    evidence = [r[2] for r in found if r]
    summed = total(printed)
    if judge(Interval.of(claim.amount), summed, max(ulp(claim.amount), Decimal(0))) == "mismatch":
        return None
    return evidence


def is_project_total(claim: Claim) -> bool:
    key = project_key(claim.subject.name)
    return any(key.endswith(word) for word in project_column_words().totals)


def bare_lists(claims: Sequence[Claim], tables: ProjectRows) -> list[Claim]:
    """The lists a project total heads with no lead word (see the module docstring), as enumeration claims."""
    if not tables:
        return []
    listed = {id(p) for c in claims if c.kind == "enumeration" for p in [*c.parts, c.total] if p is not None}
    by_sentence: dict[int, list[Claim]] = {}
    for c in claims:
        if c.kind == "amount" and c.amount is not None and c.amount.is_money:
            by_sentence.setdefault(id(c.sentence), []).append(c)
    out = []
    for money in by_sentence.values():
        for i, head in enumerate(money):
            if id(head) in listed or head.hedged or not is_current(head.figure) or not is_project_total(head):
                continue
            parts = money[i + 1:]
            if len(parts) < 2 or any(id(p) in listed or tables.row_of(p) is None for p in parts):
                continue
            text = head.sentence.text
            start = head.start + len(head.raw)
            start += len(text[start:]) - len(text[start:].lstrip("，,；; "))
            end = parts[-1].start + len(parts[-1].raw)
            out.append(Claim(kind="enumeration", sentence=head.sentence, start=start,
                             raw=text[start:end], subject=head.subject, scope=head.scope,
                             amount=head.amount, parts=list(parts), total=head))
            break
    return out
