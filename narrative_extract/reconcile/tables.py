"""Tables against themselves: parent = sum of children, 合计 = 基本支出 + 项目支出; across tables see
cross_tables.py (05 vs 06, summary tables), self_evaluation.py (绩效自评表)."""

from __future__ import annotations

from decimal import Decimal

from ..model import Amount, Document, Row, Table
from ..numbers import parse_cell
from ..relations import Doubt, Member, Relation, RelationKind, mild
from ..relations.cells import column_doubts
from ..relations.tables import TableReading, reading_doubts, table_readings
from .cross_tables import cross_table_findings
from .finding import Evidence, Finding, fmt, judge
from .interval import Interval, total
from .self_evaluation import sheet_findings


def money(table: Table, amount: Amount | None) -> Amount | None:
    if amount is None or amount.unit == "%":
        return None
    return Amount(amount.value, table.unit or "", amount.decimals)


def printed_parts(table: Table, labelled: list[tuple[str, Amount | None]]) -> list[tuple[str, Amount]]:
    """The parts that print a figure, in the table's unit (empty cells are left out, not read as 0)."""
    out = [(label, money(table, amount)) for label, amount in labelled]
    return [(label, amount) for label, amount in out if amount is not None]


def table_finding(table: Table, row: Row, kind: str, printed: Amount, parts: list[tuple[str, Amount]], what: str,
                  doubts: tuple[Doubt, ...] = ()) -> Finding:
    """``doubts``: what weakens the reading of this relation (the table's, the column's)."""
    summed = total([Interval.of(a) for _, a in parts])
    exact = sum((a.value for _, a in parts), Decimal(0))
    ulp = printed.half_ulp * 2
    status = judge(Interval.of(printed), summed, ulp)
    formula = " + ".join(f"{label} {a.value}" for label, a in parts) + f" = {fmt(exact, max(printed.decimals, 0))}"
    message = f"{table.title}: {what} {'equals' if status == 'consistent' else 'is off from'} the sum of its parts"
    if status == "mismatch":
        message += f" (prints {printed.value}, parts add to {exact})"
    where = f"{table.code or table.title} {row.loc}"
    relation = Relation(RelationKind.TABLE_SUM, (Member("total", str(printed.value), f"{what} {where}"),
                                                 *(Member("part", str(a.value), f"{label} {where}") for label, a in parts)),
                        (f"{what}: the header and codes of {table.title} make it the sum of these",), doubts)
    return Finding(status=status, kind=kind, message=message, expected=str(exact),
                   evidence=[Evidence(table=table.title, standard_id=table.standard_id, row=row.name, code=row.code,
                                      formula=formula, loc=row.loc)],
                   loc=row.loc, subject=row.name, raw=str(printed.value), amount=printed, relation=relation)


def row_levels(table: Table) -> list[int | None]:
    """Code length of every row; for a row printed without a code, the length it must have.

    A row with a blank code cell (津贴补贴 between 30101 and 30108) sits at the level of the coded
    rows around it when both have the same length; otherwise (事业单位医疗 between 21011 and 221)
    it could be a child or a sibling, and its level stays unknown (None).
    """
    levels: list[int | None] = []
    rows = table.rows
    for i, row in enumerate(rows):
        if row.code:
            levels.append(len(row.code))
            continue
        before = next((r.code for r in reversed(rows[:i]) if r.code and r.segment == row.segment), None)
        after = next((r.code for r in rows[i + 1:] if r.code and r.segment == row.segment), None)
        levels.append(len(before) if before and after and len(before) == len(after) else None)
    return levels


def direct_children(table: Table, index: int, levels: list[int | None]) -> list[Row] | None:
    """The direct children of ``table.rows[index]`` by code, or None when a row's level is unknown.

    No verdict beats a false alarm: a parent whose block holds a row of unknown level is skipped.
    """
    parent = table.rows[index]
    assert parent.code
    level = len(parent.code) + 2
    kids: list[Row] = []
    for row, row_level in zip(table.rows[index + 1:], levels[index + 1:], strict=True):
        if row.segment != parent.segment or is_total_row(row):
            break
        if row.code and not (row.code.startswith(parent.code) and len(row.code) > len(parent.code)):
            break
        if row_level is None:
            return None
        if row_level <= len(parent.code):
            break
        if row_level == level:
            kids.append(row)
    return kids


def misread(row: Row) -> bool:
    """A row whose name is a figure: its cells were read one column off (a continued table whose
    code columns were printed differently), so none of its figures sits under its header."""
    return parse_cell(row.name, None) is not None


def is_total_row(row: Row) -> bool:
    return row.name.replace(" ", "") in ("合计", "总计", "小计") or row.name.endswith(("合计", "总计"))


def children_sums(table: Table, doubts: tuple[Doubt, ...] | None = None) -> list[Finding]:
    """Each 类 (3 digits) and 款 (5 digits) equals the sum of its direct children, column by column.
    ``doubts``: the table's reading doubts, when already worked out."""
    out = []
    levels = row_levels(table)
    doubts = reading_doubts(table) if doubts is None else doubts
    for index, parent in enumerate(table.rows):
        if not parent.code or len(parent.code) not in (3, 5):
            continue
        kids = direct_children(table, index, levels)
        if not kids or misread(parent) or any(misread(k) for k in kids):
            continue
        for j, cell in enumerate(parent.cells):
            value = money(table, cell.amount)
            parts = printed_parts(table, [(k.code or k.name, k.cells[j].amount) for k in kids if j < len(k.cells)])
            if value is None or not parts:
                continue
            out.append(table_finding(table, parent, "table_children_sum", value, parts,
                                     f"{parent.code} {parent.name} [{cell.column}]", doubts + tuple(column_doubts(cell, None))))
    return out


def basic_plus_project(table: Table, doubts: tuple[Doubt, ...] | None = None) -> list[Finding]:
    """Row by row: 合计/小计 = 基本支出 + 项目支出."""
    out = []
    doubts = reading_doubts(table) if doubts is None else doubts
    for row in table.rows:
        if misread(row):
            continue
        whole = next((c for name in ("小计", "合计", "本年支出合计") if (c := row.cell(name)) is not None), None)
        basic, project = row.cell("基本支出"), row.cell("项目支出")
        if whole is None or basic is None or project is None:
            continue
        value = money(table, whole.amount)
        parts = printed_parts(table, [("基本支出", basic.amount), ("项目支出", project.amount)])
        if value is None or not parts:
            continue
        out.append(table_finding(table, row, "table_row_total", value, parts, f"{row.name} {whole.column}",
                                 doubts + sibling_doubts(whole.column, basic.column, project.column)))
    return out


def sibling_doubts(whole: str, *parts: str) -> tuple[Doubt, ...]:
    """合计 = 基本 + 项目 holds among columns of one header group: 当年预算/小计 is not the total of
    上年结转/基本支出. A total column under another heading than its parts is a doubt."""
    def group(path: str) -> str:
        return path.rsplit("/", 1)[0] if "/" in path else ""

    heads = {group(p) for p in parts}
    if len(heads) == 1 and group(whole) in heads | {""}:
        return ()
    return (mild(f"{whole} is not under the same heading as {' and '.join(parts)}"),)


#: A table whose own 类/款 sums fail this often was not read right (or was printed broken): its
#: cells are not evidence against the prose. At least MIN_BROKEN_SUMS failures, and this share.
MIN_BROKEN_SUMS = 3
BROKEN_SHARE = 0.25


def parent_sums(doc: Document, readings: dict[int, TableReading] | None = None) -> dict[int, list[Finding]]:
    """id(table) → its children-sum findings, for every final/budget table (computed once per check)."""
    readings = table_readings(doc) if readings is None else readings
    return {id(t): children_sums(t, readings[id(t)].doubts) for t in doc.tables if t.family in ("final", "budget")}


def broken_tables(sums: dict[int, list[Finding]]) -> dict[int, tuple[int, int]]:
    """id(table) → (failed, checked) parent sums, for each table that fails too many of its own."""
    return {key: broken for key, found in sums.items() if (broken := is_broken(found)) is not None}


def is_broken(sums: list[Finding]) -> tuple[int, int] | None:
    failed = sum(1 for f in sums if f.status == "mismatch")
    return (failed, len(sums)) if failed >= MIN_BROKEN_SUMS and failed >= BROKEN_SHARE * len(sums) else None


def broken_table_finding(table: Table, sums: list[Finding], failed: int) -> Finding:
    """One record for a table that does not add up: its first failures as evidence, not one alarm each.

    So many failures say the reading does not hold together more likely than that the report
    misprinted them all: it is said once, as unverifiable, never as an alarm."""
    bad = [f for f in sums if f.status == "mismatch"]
    first = bad[0]
    return Finding(status="unverifiable", kind="table_children_sum", loc=first.loc, subject=table.title,
                   raw=first.raw, amount=first.amount, expected=None,
                   message=f"{table.title}: {failed} of its {len(sums)} parent sums fail — the table is misprinted or"
                           " was not read right; its cells are not used as evidence",
                   evidence=[e for f in bad[:3] for e in f.evidence])


def tables_to_findings(doc: Document, sums: dict[int, list[Finding]] | None = None,
                       readings: dict[int, TableReading] | None = None) -> list[Finding]:
    """Every check of the tables themselves; ``sums`` (parent_sums) and ``readings``
    (relations.tables.table_readings), when already computed."""
    readings = table_readings(doc) if readings is None else readings
    sums = parent_sums(doc, readings) if sums is None else sums
    broken = broken_tables(sums)
    out: list[Finding] = []
    for table in doc.tables:
        if id(table) in sums:
            found = sums[id(table)]
            out.extend([broken_table_finding(table, found, broken[id(table)][0])] if id(table) in broken else found)
            out.extend(basic_plus_project(table, readings[id(table)].doubts))
    out.extend(cross_table_findings(doc, frozenset(broken), readings))
    out.extend(sheet_findings(doc))
    return out
