"""Totals that two summary tables must print alike (patterns/table_crosschecks.json).

决算: 01表 本年收入合计 = 02表 合计, 01表 本年支出合计 = 03表 合计, 01表 一般公共预算财政拨款收入 =
04表, 04表 一般公共预算 支出 = 05表 合计. 预算: 收支总表 = 收入/支出总表, 财政拨款收支总表 = 一般公共预算
功能分类表, 功能分类表 基本支出 = 经济分类表 合计. Tables may differ in unit (元 / 万元): both sides are
compared as intervals in the coarser unit, so a 万元 rounding of a 元 figure is not a mismatch.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..link import Target, find_row, link_data, pick_cell, tables_by_id
from ..model import MONEY_UNITS, Amount, Cell, Document, Row, Table
from ..patterns import pattern_path
from ..relations import Relation, RelationKind
from ..relations.cells import cell_member, column_doubts
from ..relations.tables import TableReading, reading_doubts
from .finding import Evidence, Finding, fmt, judge
from .interval import Interval, total


@dataclass(frozen=True)
class CrossCheck:
    what: str
    kind: str  # the record's kind: table_agreement, or table_cross_total for 05 vs 06
    a: Target  # one side: a table, a row, maybe a half and a column — as a link target
    b: tuple[Target, ...]  # the other side: one total, or parts that add up to ``a``


@lru_cache(maxsize=1)
def cross_checks() -> tuple[CrossCheck, ...]:
    path = pattern_path("table_crosschecks.json")
    data = json.loads(path.read_text(encoding="utf-8"))

    def side(d: dict) -> Target:
        return Target(d["table"], tuple(d["row"]), d.get("segment"), d.get("column"))

    try:
        return tuple(
            CrossCheck(p["what"], p.get("kind", "table_agreement"), side(p["a"]),
                       tuple(side(b) for b in (p["b"] if isinstance(p["b"], list) else [p["b"]])))
            for p in data["pairs"]
        )
    except KeyError as err:
        raise ValueError(f"{path}: a pair lacks {err}") from None


@dataclass(frozen=True)
class Located:
    table: Table
    row: Row
    cell: Cell
    amount: Amount  # in the table's unit


def locate(side: Target, by_id: dict[str, list[Table]]) -> Located | None:
    for table in by_id.get(side.table, []):
        row = find_row(table, side.rows, side.segment)
        if row is None:
            continue
        cell = pick_cell(row, side.column, link_data().total_columns)
        unit = table.unit
        if cell is None or cell.amount is None or unit not in MONEY_UNITS:
            continue
        return Located(table, row, cell, Amount(cell.amount.value, unit, cell.amount.decimals))
    return None


def cross_table_findings(doc: Document, broken: frozenset[int] = frozenset(),
                         readings: dict[int, TableReading] | None = None) -> list[Finding]:
    """Each pair of table_crosschecks.json whose cells are found; none with a table in ``broken``
    (ids of tables whose own sums fail: their cells are no evidence); ``readings``: each table's
    reading (relations.tables.table_readings), when already worked out."""

    def doubts_of(table: Table) -> tuple:
        reading = readings.get(id(table)) if readings is not None else None
        return reading.doubts if reading is not None else reading_doubts(table)

    by_id = tables_by_id(doc)
    out = []
    for check in cross_checks():
        a, parts = locate(check.a, by_id), [locate(b, by_id) for b in check.b]
        if a is None or any(p is None for p in parts):
            continue
        if any(id(x.table) in broken for x in (a, *parts) if x is not None):
            continue
        found = [p for p in parts if p is not None]
        unit = max([a.amount.unit, *(p.amount.unit for p in found)], key=lambda u: MONEY_UNITS[u])  # the coarser
        left = a.amount.to(unit)
        right = total([Interval.of(p.amount, unit) for p in found])
        exact = sum((p.amount.to(unit).value for p in found), Decimal(0))
        ulp = max([left.half_ulp, *(p.amount.to(unit).half_ulp for p in found)]) * 2
        status = judge(Interval.of(left), right, ulp)
        verb = "agrees with" if status != "mismatch" else "differs from"
        printed = " + ".join(f"{p.table.title} {p.row.name} {p.cell.text}" for p in found)
        sides = (a, *found)
        relation = Relation(RelationKind.TABLE_AGREEMENT, tuple(cell_member(x.table, x.row, x.cell) for x in sides),
                            (f"{check.what}: the rows these standard tables print for one total",),
                            tuple(dict.fromkeys(d for x in sides for d in (*doubts_of(x.table),
                                                                           *column_doubts(x.cell, doc.year)))))
        out.append(Finding(
            status=status, kind=check.kind, message=f"{check.what}: {a.table.title} prints {a.cell.text}, {printed} ({verb})",
            expected=f"{fmt(exact)}{unit}",
            evidence=[Evidence.cell(x.table, x.row, x.cell.column, x.cell.text) for x in (a, *found)],
            loc=a.row.loc, subject=a.row.name, raw=a.cell.text, amount=left, relation=relation,
        ))
    return out
