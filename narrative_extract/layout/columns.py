"""Which money a value column holds: this year's new money, the carry-over, or the whole of both.

Budget tables of many templates split every figure by where the money comes from, in columns:
收支总表 ``本年预算 | 编制预算 | 上年结转`` (吉林), 支出总表 ``合计 | 当年预算/基本支出 | 当年预算/项目支出 |
上年结转结余/基本支出 | …``, 收入总表 ``合计 | 本年收入/… | 上年结转结余/…``. The prose states the whole
(支出总计, 基本支出 1,208.20万元). Where a column names the whole (合计, 小计 …) the link takes it
(link.row_total); where none does, the whole is found here from the header words
(patterns/column_sources.json) and checked against the row's own figures:

* ``source_whole(row)``: the row's whole when its columns are sources of one figure and none is
  called 合计 — the this-year column that adds up the others (本年预算 = 编制预算 + 上年结转), or,
  when the carry-over prints nothing, this year's column itself (every candidate then prints
  the same figure, or there is no whole).
* ``source_cell(row, column)``: the cell of an item (基本支出) that the row prints once per source
  (当年预算/基本支出, 上年结转结余/基本支出, or …/基本支出/小计): this year's.
* ``carried_beside(row, cell)``: the carry-over cells of the same item beside a this-year cell
  that print a figure — then the whole is this year's plus the carry-over, and a link to this
  year's cell alone is not certain (relations/cells.py says so).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..model import Cell, Row, comparable_path
from ..patterns import pattern_path


@dataclass(frozen=True)
class SourceWords:
    carry: tuple[str, ...]  # a head naming the carry-over (上年结转, 结转结余, 年初结转和结余 …)
    current: tuple[str, ...]  # a head naming this year's money (本年, 当年, 编制 …)
    funds: tuple[str, ...]  # a head naming a fund or a kind of income: one part of a whole, never the whole
    subtotals: tuple[str, ...]  # an item's own total below its name (基本支出/小计)


@lru_cache(maxsize=1)
def source_words() -> SourceWords:
    path = pattern_path("column_sources.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    try:
        return SourceWords(*(tuple(data[k]) for k in ("carry", "current", "funds", "subtotals")))
    except KeyError as err:
        raise ValueError(f"{path}: lacks {err}") from None


def is_carry(part: str) -> bool:
    return any(w in part for w in source_words().carry)


def is_current(part: str) -> bool:
    return any(w in part for w in source_words().current) and not is_carry(part)


def names_fund(part: str) -> bool:
    return any(w in part for w in source_words().funds)


def relative_paths(row: Row) -> list[tuple[Cell, list[str]]]:
    """Each cell's header path, without the parts every cell of the row shares (收入/, 预算数/)."""
    paths = [comparable_path(c.column or "").split("/") for c in row.cells]
    common = 0
    while paths and all(len(p) > common + 1 and p[common] == paths[0][common] for p in paths):
        common += 1
    return [(c, p[common:]) for c, p in zip(row.cells, paths, strict=True)]


def printed(cell: Cell) -> bool:
    return cell.amount is not None and cell.amount.value != 0


def nothing(cells: list[Cell], row: Row) -> bool:
    """Whether ``cells`` print no money: zeros, or blanks in a row that prints figures elsewhere."""
    if any(printed(c) for c in cells):
        return False
    return all(c.amount is not None for c in cells) or any(c.amount is not None for c in row.cells)


def source_whole(row: Row) -> Cell | None:
    """The row's whole in a table whose columns are the sources of one figure and none is called
    合计: ``本年预算 | 编制预算 | 上年结转``. None when the columns are no such split, or the row's
    figures do not say which column is the whole."""
    paths = relative_paths(row)
    if any(len(p) != 1 for _, p in paths):
        return None
    carry = [c for c, p in paths if is_carry(p[0])]
    heads = [p[0] for _, p in paths if not is_carry(p[0])]
    rest = [c for c, p in paths if not is_carry(p[0])]
    if not carry or not rest or not all(is_current(h) and not names_fund(h) for h in heads):
        return None
    if nothing(carry, row):
        # nothing carried over: this year's money is the whole, whichever column says it
        values = {c.amount.value for c in rest if c.amount is not None}
        return next((c for c in rest if c.amount is not None), None) if len(values) == 1 else None
    wholes = [c for c in rest if adds_up(c, [o for o in row.cells if o is not c])]
    return wholes[0] if len(wholes) == 1 else None


def adds_up(whole: Cell, parts: list[Cell]) -> bool:
    """``whole`` prints the sum of ``parts`` within their rounding (blank parts are none)."""
    if whole.amount is None or not any(printed(p) for p in parts):
        return False
    figures = [p.amount for p in parts if p.amount is not None]
    slack = whole.amount.half_ulp + sum((a.half_ulp for a in figures), Decimal(0))
    return abs(whole.amount.value - sum((a.value for a in figures), Decimal(0))) <= slack


@dataclass(frozen=True)
class ItemCells:
    current: Cell
    carried: tuple[Cell, ...]


def item_cells(row: Row, column: str) -> ItemCells | None:
    """The cells of item ``column`` (基本支出) when the row prints it once per source: exactly one
    under this year's head and the rest under carry-over heads. None otherwise."""
    column = comparable_path(column)
    subtotals = source_words().subtotals
    found = []
    for cell, path in relative_paths(row):
        if len(path) < 2:
            continue
        joined = "/".join(path)
        if joined.endswith("/" + column) or any(joined.endswith(f"/{column}/{s}") for s in subtotals):
            found.append((cell, path))
    carry = [c for c, p in found if is_carry(p[0])]
    current = [c for c, p in found if is_current(p[0])]
    if len(current) != 1 or not carry or len(current) + len(carry) != len(found):
        return None
    return ItemCells(current[0], tuple(carry))


def this_years(row: Row, cells: list[Cell]) -> Cell | None:
    """Of several cells naming one item (the 三公 table's 当年预算/…/公务用车运行费 and
    上年结转结余/…/公务用车运行费), the one under this year's head when all the others are under
    carry-over heads; else None."""
    heads = {id(c): p[0] for c, p in relative_paths(row)}
    current = [c for c in cells if is_current(heads[id(c)])]
    if len(current) == 1 and all(is_carry(heads[id(c)]) for c in cells if c is not current[0]):
        return current[0]
    return None


def source_cell(row: Row, column: str) -> Cell | None:
    """This year's cell of an item the row prints once per source (当年预算/基本支出 beside
    上年结转结余/基本支出; 当年预算/基本支出/小计 …)."""
    found = item_cells(row, column)
    return found.current if found is not None else None


def carried_beside(row: Row, cell: Cell) -> list[Cell]:
    """The carry-over cells that print money beside ``cell``, when ``cell`` is this year's source of
    a split figure (its head, or itself, names this year's money): the item under a carry-over
    head (当年预算/基本支出 ↔ 上年结转结余/基本支出), or the carry-over column of a one-level split
    (本年预算 ↔ 上年结转)."""
    paths = relative_paths(row)
    mine = next((p for c, p in paths if c is cell), None)
    if mine is None or not is_current(mine[0]):
        return []
    return [c for c, p in paths if c is not cell and is_carry(p[0]) and p[1:] == mine[1:] and printed(c)]
