"""Claim → the table cell it states (``claim_to_cell``).

The cell is chosen by subject, scope and column — never by which value happens to match, so a
wrong number cannot find a home in a neighbouring cell. Totals follow patterns/subject_links.json
(收入总计 → 01表 总计; 支出总计 → 01表 本年支出合计 …); items with a function or economic code are
found by code in the tables of the claim's scope (all funds → 03表, 一般公共预算 → 05/06表).
When no table of the right scope carries the subject, there is no link: the claim is unverifiable.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from .claims.breakdowns import comparable
from .claims.figures import BUDGET, is_current, is_prior
from .claims.subjects import clean_name
from .layout.columns import source_cell, source_whole, this_years
from .model import PRINTED_YEAR, Cell, Claim, Document, Row, Table
from .patterns import pattern_path


@dataclass(frozen=True)
class Target:
    table: str
    rows: tuple[str, ...]
    segment: str | None
    column: str | None


@dataclass(frozen=True)
class LinkData:
    links: dict[tuple[str, str], tuple[Target, ...]]
    code_tables: dict[str, tuple[str, ...]]
    name_tables: dict[str, tuple[str, ...]]
    total_columns: tuple[str, ...]
    fund_tables: tuple[str, ...]


@lru_cache(maxsize=1)
def link_data() -> LinkData:
    path = pattern_path("subject_links.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    links: dict[tuple[str, str], tuple[Target, ...]] = {}
    for entry in data["links"]:
        try:
            targets = tuple(
                Target(t["table"], tuple(t["row"]), t.get("segment"), t.get("column")) for t in entry["targets"]
            )
            for scope in entry["scopes"]:
                links[(entry["subject"], scope)] = links.get((entry["subject"], scope), ()) + targets
        except KeyError as err:
            raise ValueError(f"{path}: link for {entry.get('subject')!r} lacks {err}") from None
    return LinkData(
        links,
        {k: tuple(v) for k, v in data["code_tables"].items()},
        {k: tuple(v) for k, v in data["name_tables"].items()},
        tuple(data["total_columns"]),
        tuple(data["fund_tables"]),
    )


@dataclass
class CellLink:
    table: Table
    row: Row
    cell: Cell
    #: how the row was found: named (a link target), exact (the subject's name), code, path (name under its 款),
    #: header (the column naming the item in a table whose items are columns), fund (a fund's money
    #: in a summary table, named with or without 拨款)
    how: str = "named"
    merged: bool = False  # the figure was taken from a neighbouring cell (a total printed across merged cells)


def tables_by_id(doc: Document) -> dict[str, list[Table]]:
    out: dict[str, list[Table]] = {}
    for t in doc.tables:
        if t.standard_id:
            out.setdefault(t.standard_id, []).append(t)
    return out


def pick_cell(row: Row, column: str | None, totals: tuple[str, ...]) -> Cell | None:
    """The named column's cell; with no name, the row's total column (合计, 决算数 …) or its only
    cell. Never the first of several: in 政府性基金 tables that is 年初结转和结余."""
    return picked_cell(row, column, totals)[0]


def picked_cell(row: Row, column: str | None, totals: tuple[str, ...]) -> tuple[Cell | None, bool]:
    """``pick_cell`` and whether the figure came from a neighbouring merged cell."""
    only = row.cells[0] if len(row.cells) == 1 else None
    if column is not None:
        # an item printed once per source (当年预算/基本支出 | 上年结转结余/基本支出): this year's cell,
        # whose carry-over beside it relations.cells weighs
        cell = source_cell(row, column) or row.cell(column)
    else:
        cell = row_total(row, totals, only) or source_whole(row)
    if cell is not None and cell.is_empty and column is None:
        # A total printed across merged cells (06表 公用经费合计) lands in a neighbouring column.
        filled = [c for c in row.cells if c.amount is not None]
        if len(filled) == 1:
            return filled[0], True
    return cell, False


def row_total(row: Row, totals: tuple[str, ...], only: Cell | None) -> Cell | None:
    """The row's total column. A total at the top of the header (合计 | 基本支出/小计 | …) comes first:
    基本支出/小计 is 基本支出's subtotal, not the row's total (无锡's 一般公共预算支出表)."""
    best: tuple[int, Cell] | None = None
    for name in totals:  # the shallowest total column; among equals, the first of ``totals``
        cell = row.cell(name)
        if cell is not None and (best is None or cell.column.count("/") < best[0]):
            best = (cell.column.count("/"), cell)
    return best[1] if best is not None else only


def figure_cell(row: Row, figure: str, year: int | None) -> Cell | None:
    """The cell of a prior-year or budget figure: the one column whose header names it, if any.

    Budget tables rarely print the prior year (上年执行数) and final accounts rarely print the
    budget beside the actual, so usually there is none and the claim stays unverifiable. A
    carry-over column (上年结转) is not a prior-year figure; two candidates are one too many.
    """
    def names_it(column: str) -> bool:
        if "结转" in column or "结余" in column:
            return False
        if is_prior(figure):
            return "上年" in column or (year is not None and str(year - 1) in column)
        return figure == BUDGET and "预算" in column and "决算" not in column

    found = [cell for cell in row.cells if names_it(cell.column or "")]
    return found[0] if len(found) == 1 else None


WHOLE_COLUMNS = ("合计", "小计", "总计")
FUNDS = ("一般公共预算", "政府性基金预算", "政府性基金", "国有资本经营预算")


def fund_name(name: str) -> str:
    """A fund's income or spending named with or without 财政拨款 / 拨款 (一般公共预算拨款收入,
    一般公共预算财政拨款收入, 一般公共预算收入: one figure); other names as they are."""
    if name.startswith(FUNDS):
        return name.replace("财政拨款", "").replace("拨款", "")
    return name


def item_column_cell(claim: Claim, doc: Document) -> CellLink | None:
    """In a table of the claim's scope whose items are columns (the 三公 table: one row of figures
    under 因公出国（境）经费 | 公务接待费 | …, often for two years side by side), the cell under the
    column that names the claim's item — compared by meaning (费 / 经费 / 支出 dropped, brackets
    alike) — of the report's year when the header prints years. The scope's whole (“三公”经费) is
    the top 合计 column."""
    name = comparable(claim.subject.name)
    whole = claim.scope == "three_public" and "三公" in claim.subject.name
    for table in doc.tables:
        if table.scope != claim.scope or table.family not in ("final", "budget") or len(table.rows) > 2:
            continue
        for row in table.rows:
            found = [c for c in row.cells if names_item(c.column, name, whole, doc.year)]
            if len(found) > 1 and (current := this_years(row, found)) is not None:
                found = [current]  # 当年预算/… beside 上年结转结余/…: this year's (its carry-over weighed in relations.cells)
            if len(found) == 1:
                return CellLink(table, row, found[0], "header")
    return None


def names_item(column: str, name: str, whole: bool, year: int | None) -> bool:
    parts = [p for p in column.split("/") if p]
    years = [int(m.group(0)[:4]) for p in parts if (m := PRINTED_YEAR.match(p))]
    if years and year is not None and years[-1] != year:
        return False
    leaves = [p for p in parts if not PRINTED_YEAR.match(p)]
    if whole:  # 合计, or “三公”经费合计 / “三公”经费小计 / “三公”经费财政拨款预算总额
        return len(leaves) == 1 and (leaves[0] in WHOLE_COLUMNS or ("三公" in leaves[0]
                                                                   and leaves[0].endswith((*WHOLE_COLUMNS, "总额"))))
    if len(leaves) >= 2 and leaves[-1] in WHOLE_COLUMNS:  # 公务用车购置及运行维护费/小计: the item's own total
        leaves = leaves[:-1]
    return bool(leaves) and comparable(leaves[-1]) == name


def parent_name(table: Table, row: Row) -> str | None:
    """The name of the nearest row above ``row`` printed with a 款 (5-digit) code."""
    above = table.rows[: next(i for i, r in enumerate(table.rows) if r is row)]
    parent = next((r for r in reversed(above) if r.code and len(r.code) == 5), None)
    return clean_name(parent.name) if parent else None


def find_row(table: Table, names: tuple[str, ...], segment: str | None) -> Row | None:
    """The first row named one of ``names``; ``*`` is the first row printing a figure (the one-row
    三公 table whose items are columns). ``segment`` 收入 also matches a half headed 财政拨款收入."""
    for name in names:
        for row in table.rows:
            if segment and row.segment and not row.segment.endswith(segment):
                continue
            if name == "*" and any(c.amount is not None for c in row.cells):
                return row
            if clean_name(row.name) == name:
                return row
    return None


def claim_to_cell(claim: Claim, doc: Document, by_id: dict[str, list[Table]] | None = None) -> CellLink | None:
    """The one cell a claim states, or None when no table of its scope carries its subject."""
    if not claim.subject.name and not claim.subject.code:
        return None  # a figure naming no item (2026年预算数48.24万元) is no row's, least of all an unnamed one's
    data = link_data()
    by_id = by_id if by_id is not None else tables_by_id(doc)

    merged = False

    def pick(row: Row, column: str | None) -> Cell | None:
        nonlocal merged
        if is_current(claim.figure):
            cell, merged = picked_cell(row, column, data.total_columns)
            return cell
        if column is not None:
            # 三公 年初预算为 A: the 预算数 beside the 决算数 a target names; no other column holds it
            if claim.figure == BUDGET and column.endswith("决算数"):
                return row.cell(column.removesuffix("决算数") + "预算数")
            return None
        return figure_cell(row, claim.figure, doc.year) if claim.figure is not None else None

    for target in data.links.get((claim.subject.name, claim.scope), ()):
        for table in by_id.get(target.table, []):
            row = find_row(table, target.rows, target.segment)
            if row is None:
                continue
            cell = pick(row, target.column)
            if cell is not None:
                return CellLink(table, row, cell, "named", merged)
    if is_current(claim.figure) and (found := item_column_cell(claim, doc)) is not None:
        return found
    # A row of the scope's summary table printed with exactly the subject's name (上级补助收入 …); a
    # fund's money in the summary tables named with or without 财政拨款/拨款 (一般公共预算收入 = 一、一般公共
    # 预算拨款收入) — only for a subject named after its fund, never an item of the fund (一般公共服务支出
    # of 一般公共预算 is not the all-funds row of that name)
    named_tables = data.name_tables.get(claim.scope, ())
    if claim.subject.name.startswith(FUNDS):
        named_tables = tuple(dict.fromkeys(named_tables + data.fund_tables))
    for table_id in named_tables:
        for table in by_id.get(table_id, []):
            rows = [r for r in table.rows if fund_name(clean_name(r.name)) == fund_name(claim.subject.name)]
            if len(rows) == 1 and (cell := pick(rows[0], None)) is not None:
                fund = table_id in data.fund_tables and table_id not in data.name_tables.get(claim.scope, ())
                return CellLink(table, rows[0], cell, "fund" if fund else "exact", merged)
    for table_id in data.code_tables.get(claim.scope, ()):
        for table in by_id.get(table_id, []):
            rows = [r for r in table.rows if r.code == claim.subject.code] if claim.subject.code else []
            how = "code"
            if not rows and len(claim.subject.path) >= 2:
                how = "path"
                # an item path whose code this table does not print (a misprinted 类 code): its row by
                # name, if unique and under a 款 of the path's name — 行政运行 sits under many 款
                rows = [r for r in table.rows if clean_name(r.name) == claim.subject.name
                        and parent_name(table, r) == clean_name(claim.subject.path[-2])]
            if len(rows) == 1 and (cell := pick(rows[0], None)) is not None:
                return CellLink(table, rows[0], cell, how, merged)
    return None
