"""Totals that two summary tables must print alike (patterns/table_crosschecks.json).

决算: 01表 本年收入合计 = 02表 合计, 01表 本年支出合计 = 03表 合计, 01表 一般公共预算财政拨款收入 =
04表, 04表 一般公共预算 支出 = 05表 合计. 预算: 收支总表 = 收入/支出总表, 财政拨款收支总表 = 一般公共预算
功能分类表, 功能分类表 基本支出 = 经济分类表 合计. Tables may differ in unit (元 / 万元): both sides are
compared as intervals in the coarser unit, so a 万元 rounding of a 元 figure is not a mismatch.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from ..link import Target, find_row, link_data, pick_cell, tables_by_id
from ..model import MONEY_UNITS, Amount, Cell, Document, Row, Table
from ..patterns import pattern_path
from .finding import Evidence, Finding, fmt, judge
from .interval import Interval


@dataclass(frozen=True)
class CrossCheck:
    what: str
    a: Target  # one side: a table, a row, maybe a half and a column — as a link target
    b: Target


@lru_cache(maxsize=1)
def cross_checks() -> tuple[CrossCheck, ...]:
    path = pattern_path("table_crosschecks.json")
    data = json.loads(path.read_text(encoding="utf-8"))

    def side(d: dict) -> Target:
        return Target(d["table"], tuple(d["row"]), d.get("segment"), d.get("column"))

    try:
        return tuple(CrossCheck(p["what"], side(p["a"]), side(p["b"])) for p in data["pairs"])
    except KeyError as err:
        raise ValueError(f"{path}: a pair lacks {err}") from None


def locate(side: Target, by_id: dict[str, list[Table]]) -> tuple[Table, Row, Cell, Amount] | None:
    for table in by_id.get(side.table, []):
        row = find_row(table, side.rows, side.segment)
        if row is None:
            continue
        cell = pick_cell(row, side.column, link_data().total_columns)
        unit = table.unit
        if cell is None or cell.amount is None or unit not in MONEY_UNITS:
            continue
        return table, row, cell, Amount(cell.amount.value, unit, cell.amount.decimals)
    return None


def cross_table_findings(doc: Document) -> list[Finding]:
    by_id = tables_by_id(doc)
    out = []
    for check in cross_checks():
        a, b = locate(check.a, by_id), locate(check.b, by_id)
        if a is None or b is None:
            continue
        (ta, ra, ca, va), (tb, rb, cb, vb) = a, b
        unit = max(va.unit, vb.unit, key=lambda u: MONEY_UNITS[u])  # compare in the coarser unit
        left, right = va.to(unit), vb.to(unit)
        ulp = max(left.half_ulp, right.half_ulp) * 2
        status = judge(Interval.of(left), Interval.of(right), ulp)
        verb = "agrees with" if status != "mismatch" else "differs from"
        message = (f"{check.what}: {ta.title} prints {ca.text}, {tb.title} prints {cb.text} ({verb})")
        out.append(Finding(
            status=status, kind="table_agreement", message=message, expected=f"{fmt(right.value)}{unit}",
            evidence=[Evidence.cell(ta, ra, ca.column, ca.text), Evidence.cell(tb, rb, cb.column, cb.text)],
            loc=ra.loc, subject=ra.name, raw=ca.text, amount=left,
        ))
    return out
