"""A stated figure → the table cell that prints it (``cell_relation``), with its certainty.

``link.claim_to_cell`` chooses the cell by subject, scope and column, never by value. This says
how sure that choice is. Certain needs every one of: the table read consistently
(relations/tables.py); the row found by its code or its exact name in the table the subject
belongs to; the column one whose meaning is this year's figure of the claim's role (not a prior
year's, not a memo 其中 column, not a neighbouring merged cell); the sentence about the report's
own year; and the table of the report's own kind.
"""

from __future__ import annotations

from ..claims.figures import measured_from
from ..claims.subjects import clean_name
from ..layout.columns import carried_beside
from ..layout.templates import template_by_id
from ..link import parent_name
from ..model import PRINTED_YEAR, Cell, Claim, Document, Row, Table
from .model import Doubt, Member, Relation, RelationKind, mild, serious
from .prose import governing_year, member
from .tables import TableReading

MEMO = "其中"


def cell_member(table: Table, row: Row, cell: Cell) -> Member:
    where = f"{table.code or table.title} {row.code or ''} {row.name} [{cell.column}]".replace("  ", " ")
    return Member("cell", cell.text, f"{where} {row.loc}")


def column_doubts(cell: Cell, year: int | None) -> list[Doubt]:
    doubts = []
    path = cell.column or ""
    printed = [int(m.group(0)[:4]) for part in path.split("/") if (m := PRINTED_YEAR.match(part))]
    if year is not None and printed and printed[-1] != year:
        doubts.append(serious(f"the column {path} is of {printed[-1]}, the report of {year}"))
    if "上年" in path and "结转" not in path:
        doubts.append(serious(f"the column {path} holds the prior year's figure"))
    if MEMO in path.split("/")[0] or f"/{MEMO}" in path:
        doubts.append(mild(f"the column {path} is a memo column (其中), part of no total"))
    return doubts


#: what names a figure as of the 基本支出 (the part a basic-expenditure table holds)
BASIC_WORDS = ("基本支出", "人员经费", "公用经费", "工资福利支出", "对个人和家庭的补助", "商品和服务支出")


def carry_over(table: Table) -> str | None:
    """The carry-over a summary table prints (上年结转结余 / 年初结转和结余 …), when not zero."""
    for row in table.rows:
        if "结转" in row.name and "结转下年" not in row.name and "年末" not in row.name:
            figures = [c for c in row.cells if c.amount is not None and c.amount.value != 0]
            if figures:
                return f"{row.name} {figures[0].text}"
    return None


def covered_part(table: Table) -> str | None:
    template = template_by_id(table.standard_id)
    return template.covers if template is not None else None


def says_part(claim: Claim, part: str) -> bool:
    """Whether the claim's sentence, heading or subject says it is of ``part`` of the money."""
    words = BASIC_WORDS if part == "基本支出" else (part,)
    texts = (claim.sentence.text, claim.subject.name, *claim.sentence.section)
    return any(w in t for w in words for t in texts)


def cell_relation(claim: Claim, table: Table, row: Row, cell: Cell, doc: Document,
                  reading: TableReading | None, how: str, merged: bool = False) -> Relation:
    """``how``: how the row was found — ``named`` (a row the subject's link names), ``code`` (its
    function or economic code), ``exact`` (the row printed with the subject's name) or ``path``
    (by name under its 款, its code not printed), ``project`` (the one row of the project tables
    bearing the project's name); ``merged``: the figure was
    taken from a neighbouring cell, a total printed across merged cells."""
    why = [f"{claim.subject.name or 'the item'} ({claim.scope}) → "
           + {"named": "the row its link names", "code": f"the row coded {row.code}",
              "exact": "the row printed with its name", "path": "the row of its name under its 款",
              "header": f"the column {cell.column} naming it", "fund": "the summary table's row of its fund",
              "project": "the one project row printed with its name"}[how]
           + f" in {table.standard_id or table.title}"]
    doubts: list[Doubt] = list(reading.doubts if reading else ())
    if how == "path":
        doubts.append(mild(f"row {row.name} found by name under its 款; the code {claim.subject.code} is not printed"))
    if len(claim.subject.path) >= 2 and row.code and len(row.code) == 7 \
            and (kuan := parent_name(table, row)) is not None and kuan != clean_name(claim.subject.path[-2]):
        doubts.append(serious(f"row {row.code} {row.name} sits under {kuan}; the claim names {claim.subject.path[-2]}"))
    if merged:
        doubts.append(mild("the figure is taken from a neighbouring merged cell"))
    doubts += column_doubts(cell, doc.year)
    if beside := carried_beside(row, cell):
        # 当年预算/基本支出 beside 上年结转结余/基本支出 that prints money: the whole 基本支出 is their sum
        doubts.append(mild(f"{cell.column} is this year's money; the carry-over beside it ("
                           + ", ".join(f"{c.column} {c.text}" for c in beside) + ") may be part of the figure stated"))
    year = governing_year(claim.sentence.text[:claim.start])
    if doc.year is not None and year is not None and year < doc.year:
        doubts.append(serious(f"the sentence is about {year}, the tables about {doc.year}"))
    carried = carry_over(table)
    if carried is not None and how == "fund":
        # 北京: 一般公共预算收入 19,828.57 in the prose is the fund's money with its carry-over; the
        # 收支总表 row 一般公共预算拨款收入 19,756.66 is this year's only
        doubts.append(serious(f"{table.title} prints a carry-over ({carried}): a fund's income may include it"))
    if carried is not None and "总计" in row.name and "总计" not in (claim.subject.printed or ""):
        doubts.append(serious(f"{row.name} includes the carry-over {carried}; the claim does not say 总计"))
    if measured_from(claim):
        doubts.append(serious(f"{claim.raw} is the figure a comparison is measured from, not this year's"))
    if (part := covered_part(table)) is not None and not says_part(claim, part):
        # 培训费 8.98万元 (the year's whole 培训费) against the 基本支出 table's 培训费 2.50
        doubts.append(serious(f"{table.title} holds only {part}; the claim is not said to be of it"))
    if doc.kind and table.family in ("final", "budget") and table.family != doc.kind:
        doubts.append(mild(f"a {table.family} table in a {doc.kind} report"))
    return Relation(RelationKind.CELL, (member("claim", claim), cell_member(table, row, cell)), tuple(why),
                    tuple(dict.fromkeys(doubts)))


def form_relation(claim: Claim | None, table: Table | None, label: str, printed: str, why: str) -> Relation:
    """A figure → the labelled value of a form (绩效自评表, 绩效目标表) or the projects a summary
    describes: found by the project's quoted name and the form's own label, so certain."""
    where = f"{table.title} {label}" if table is not None else label
    members = ((member("claim", claim),) if claim is not None else ()) + (Member("value", printed, where),)
    return Relation(RelationKind.PROJECT, members, (why,))
