"""Grids of a RawDocument → titled Tables (``lines_to_tables``).

Around each grid the report prints its furniture as running text: the title (收入支出决算总表),
the code (公开01表), the unit (单位：万元), the unit's name (部门：…) and notes after it (注：…,
本表金额转换成万元时…). These lines describe the table, so they are consumed here and kept out of
the narrative. A grid with no title of its own directly after another table, of the same width,
is that table continued on the next page: it is joined, repeated header rows dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..model import GridRow, Location, RawDocument, Table, TextLine
from .grid import grid_to_rows, merge_header, split_header, squash
from .templates import match_template

TITLE = regex.compile(r"表(?:[（(][^）)]*[）)])?$|^.{0,40}(?:决算|预算)表")
TABLE_CODE = regex.compile(r"^(?:(?:公开|财决|财预|部门公开|预算公开|决算公开|附表)\s*)?(\d{1,2})\s*表$|^(?:公开|财决|财预)\s*\d{1,2}\s*表")
UNIT = regex.compile(r"(?:金额)?单位\s*[:：]\s*(万元|元|亿元)")
UNIT_IN_HEADER = regex.compile(r"[（(](万元|元)[）)]")
META = regex.compile(r"^(?:部门|编制部门|单位名称|预算年度|编制单位|预算单位)\s*[:：]|单位\s*[:：]\s*(?:万元|元)")
NOTE = regex.compile(r"^(?:注\s*[:：]|注\d|本表|如本表为空|其中\s*[:：]\s*预算数为|说明\s*[:：]|备注\s*[:：])")
MAX_CONTEXT = 8  # text lines looked at above a grid for its title, code and unit


@dataclass
class GridBlock:
    rows: list[GridRow]
    before: list[int] = field(default_factory=list)  # indices of text lines since the previous grid


def collect_grids(raw: RawDocument) -> list[GridBlock]:
    blocks: list[GridBlock] = []
    since: list[int] = []
    current: GridBlock | None = None
    for i, item in enumerate(raw.items):
        if isinstance(item, GridRow):
            if current is None or item.grid != current.rows[-1].grid:
                current = GridBlock(rows=[], before=since)
                blocks.append(current)
                since = []
            current.rows.append(item)
        else:
            since.append(i)
            current = None
    return blocks


@dataclass
class TableContext:
    title: str | None = None
    title_loc: Location | None = None
    code: str | None = None
    unit: str | None = None
    consumed: list[int] = field(default_factory=list)


def read_context(raw: RawDocument, line_indices: list[int]) -> TableContext:
    """Title, code and unit from the text lines just above a grid (nearest first)."""
    ctx = TableContext()
    for i in reversed(line_indices[-MAX_CONTEXT:]):
        line = raw.items[i]
        assert isinstance(line, TextLine)
        text = squash(line.text)
        if TABLE_CODE.search(text) and len(text) <= 12:
            ctx.code = ctx.code or text
            ctx.consumed.append(i)
            continue
        if (m := UNIT.search(text)) or META.search(text):
            if m:
                ctx.unit = ctx.unit or m.group(1)
            ctx.consumed.append(i)
            continue
        if ctx.title is None and len(text) <= 60 and TITLE.search(text) and "。" not in text:
            ctx.title, ctx.title_loc = line.text.strip(), line.loc
            ctx.consumed.append(i)
            continue
        if ctx.title is not None:
            break  # lines above the title belong to the narrative
    return ctx


def notes_after(raw: RawDocument, line_indices: list[int]) -> list[int]:
    """Notes printed under the previous table (注：…, 本表…, 如本表为空…)."""
    out = []
    for i in line_indices:
        item = raw.items[i]
        assert isinstance(item, TextLine)
        if NOTE.search(squash(item.text)):
            out.append(i)
        else:
            break
    return out


def unit_from_cells(rows: list[list[str]]) -> str | None:
    for cells in rows:
        for c in cells:
            if m := UNIT.search(squash(c)) or UNIT_IN_HEADER.search(squash(c)):
                return m.group(1)
    return None


def is_meta_row(cells: list[str]) -> bool:
    filled = [squash(c) for c in cells if squash(c)]
    return bool(filled) and any(META.search(c) for c in filled)


def lines_to_tables(raw: RawDocument) -> tuple[list[Table], set[int]]:
    """All tables of a document, and the indices of text lines consumed as table furniture."""
    tables: list[Table] = []
    consumed: set[int] = set()
    heads: dict[int, list[list[str]]] = {}  # id(table) → its header rows, to drop them when repeated
    for block in collect_grids(raw):
        notes = notes_after(raw, block.before) if tables else []
        consumed.update(notes)
        context_lines = [i for i in block.before if i not in notes]
        in_grid_title = first_cell_title([list(block.rows[0].cells)])
        ctx = read_context(raw, context_lines) if in_grid_title is None else TableContext(title=in_grid_title)
        if in_grid_title is None:
            consumed.update(ctx.consumed)
        cells = [list(r.cells) for r in block.rows]
        meta = [c for c in cells[:3] if is_meta_row(c)]
        unit = ctx.unit or unit_from_cells(meta)
        data_rows = [(r.cells, r.loc) for r, c in zip(block.rows, cells) if not (c in meta)]
        previous = tables[-1] if tables else None
        if ctx.title is None and previous is not None and is_continuation(block, context_lines, previous, raw):
            head_rows = heads[id(previous)]
            body = [(c, loc) for c, loc in data_rows if not any(same_row(c, h) for h in head_rows)]
            previous.rows.extend(grid_to_rows(previous_header(previous, head_rows), body, previous.unit))
            continue
        header_rows, _ = split_header([c for c, _ in data_rows])
        width = max((len(c) for c, _ in data_rows), default=0)
        header = merge_header(header_rows, width)
        body = data_rows[len(header_rows):]
        unit = unit or unit_from_cells(header_rows)
        title = ctx.title or first_cell_title(header_rows) or ""
        template = match_template(title) if title else None
        table = Table(
            title=title,
            code=ctx.code,
            family=template.family if template else "other",
            standard_id=template.id if template else None,
            unit=unit,
            header=[],
            rows=grid_to_rows(header, body, unit),
            loc=ctx.title_loc or block.rows[0].loc,
            scope=template.scope if template else None,
        )
        table.header = value_columns(table)
        heads[id(table)] = header_rows
        tables.append(table)
    return tables, consumed


def first_cell_title(header_rows: list[list[str]]) -> str | None:
    """Self-evaluation sheets often print their title inside the grid's first row."""
    if header_rows:
        filled = [squash(c) for c in header_rows[0] if squash(c)]
        if len(filled) == 1 and TITLE.search(filled[0]):
            return filled[0]
    return None


def value_columns(table: Table) -> list[str]:
    seen: list[str] = []
    for row in table.rows:
        for cell in row.cells:
            if cell.column not in seen:
                seen.append(cell.column)
    return seen


def previous_header(table: Table, head_rows: list[list[str]]) -> list[str]:
    width = max((len(r) for r in head_rows), default=0)
    return merge_header(head_rows, width)


def same_row(a: list[str], b: list[str]) -> bool:
    return [squash(x) for x in a if squash(x)] == [squash(x) for x in b if squash(x)]


def is_continuation(block: GridBlock, context_lines: list[int], previous: Table, raw: RawDocument) -> bool:
    """A titleless grid continues the previous table when only page furniture separates them."""
    if any(not NOTE.search(squash(raw.items[i].text)) for i in context_lines):
        return False
    first = block.rows[0].loc
    last = previous.rows[-1].loc if previous.rows else previous.loc
    if first.page is not None and last.page is not None:
        return first.page == last.page + 1
    return False
