"""Grids of a RawDocument → titled Tables (``lines_to_tables``).

Around each grid the report prints its furniture as running text: the title (收入支出决算总表),
the code (公开01表), the unit (单位：万元), the unit's name (部门：…) and notes after it (注：…,
本表金额转换成万元时…). These lines describe the table, so they are consumed here and kept out of
the narrative. A grid with no title of its own directly after another table, of the same width,
is that table continued on the next page: it is joined, repeated header rows dropped.

* A one-cell row that reads as a title starts a table of its own (a DOCX export runs its 绩效自评表
  together as one block of cells); in a text export a lone short label between two blocks of
  cells (``绩效指标``, a cell spanning rows) does not end the table.
* A table printed with no title takes the heading just above it (二、部门决算单位构成).
* Rows are built once every page of a table is in, so column roles are judged on the whole table;
  a side-by-side table (01表 收入 | 支出, the Shanghai 06表) lists one half after the other, so that
  each half's codes form one block; a form (绩效自评表) keeps its print order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..model import GridRow, Location, RawDocument, Row, Table, TextLine
from .grid import grid_to_segments, merge_header, split_header, squash, value_paths
from .paragraphs import heading_level
from .templates import match_template, normalize_title

TITLE = regex.compile(r"表(?:[（(][^）)]*[）)])?$|^.{0,40}(?:决算|预算)表")
#: A short line naming what the grid under it shows (单位机构设置情况), for a table with no 表 title.
TITLE_SITUATION = regex.compile(r"^\p{Han}[^，。：:；;]{1,28}情况$")
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
            new_grid = current is None or item.grid != current.rows[-1].grid
            if current is None or new_grid or (
                any(squash(c) for r in current.rows for c in r.cells) and is_title_row(item.cells)
            ):
                # a title printed as a one-cell row starts a table of its own: a DOCX export runs
                # two dozen 绩效自评表 together as one block of cells
                current = GridBlock(rows=[], before=since if new_grid else [])
                blocks.append(current)
                since = []
            current.rows.append(item)
        else:
            since.append(i)
            current = None
    return blocks


def is_form(table: Table) -> bool:
    return table.family == "self_evaluation" or table.standard_id == "budget.performance_target"


def print_order(row: Row) -> tuple[int, int, int, int, float]:
    loc = row.loc
    return (loc.page or 0, loc.line or 0, loc.table or 0, loc.row or 0, loc.bbox[1] if loc.bbox else 0.0)


def text_line(raw: RawDocument, i: int) -> TextLine:
    """The item at ``i``, which the caller knows is a line of running text (not a grid row)."""
    line = raw.items[i]
    assert isinstance(line, TextLine)
    return line


def trailing_lines(raw: RawDocument) -> list[int]:
    """Indices of the text lines after the last grid row."""
    out: list[int] = []
    for i in range(len(raw.items) - 1, -1, -1):
        if isinstance(raw.items[i], GridRow):
            break
        out.append(i)
    return out[::-1]


def is_title_row(cells: list[str]) -> bool:
    filled = [squash(c) for c in cells if squash(c)]
    return len(filled) == 1 and len(filled[0]) <= 60 and "。" not in filled[0] and bool(TITLE.search(filled[0]))


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
        is_title = (TITLE.search(text) and "。" not in text) or (
            not ctx.consumed and TITLE_SITUATION.match(text) and heading_level(text) is None
        )
        if ctx.title is None and len(text) <= 60 and is_title:
            ctx.title, ctx.title_loc = line.text.strip(), line.loc
            ctx.consumed.append(i)
            continue
        if ctx.title is not None:
            break  # lines above the title belong to the narrative
    return ctx


def notes_after(raw: RawDocument, line_indices: list[int]) -> list[int]:
    """Notes printed under the previous table (注：…, 本表…, 如本表为空…).

    The block of notes starts with a note line and goes on over lines that continue one (a note
    wrapped onto the next line: the line before does not end its sentence) or that sit between
    two notes (the Shanghai template's ``无政府性基金…并在本表下方作下述说明：`` between ``注：`` and
    ``说明：``).
    """
    texts = []
    for i in line_indices:
        item = raw.items[i]
        assert isinstance(item, TextLine)
        texts.append(squash(item.text))
    is_note = [bool(NOTE.search(t)) for t in texts]
    n = 0
    while n < len(texts):
        starts_anew = heading_level(texts[n]) is not None or bool(TITLE.search(texts[n]))
        if is_note[n] or (n and texts[n - 1][-1:] not in "。；;" and not starts_anew) or any(is_note[n + 1:n + 3]) and not any(TITLE.search(t) for t in texts[n:n + 2]):
            n += 1
        else:
            break
        if n == 1 and not is_note[0]:
            return []
    return line_indices[:n]


def unit_from_cells(rows: list[list[str]]) -> str | None:
    for cells in rows:
        for c in cells:
            if m := UNIT.search(squash(c)) or UNIT_IN_HEADER.search(squash(c)):
                return m.group(1)
    return None


def sole_unit(rows: list[list[str]]) -> str | None:
    """The one money unit that labels inside the grid name (a form: ``项目资金（元）``,
    ``全年执行数(万元)``), when no unit line is printed; None when they name several or none."""
    units = {m.group(1) for cells in rows for c in cells if (m := UNIT_IN_HEADER.search(squash(c)))}
    return units.pop() if len(units) == 1 else None


def is_meta_row(cells: list[str]) -> bool:
    filled = [squash(c) for c in cells if squash(c)]
    return bool(filled) and any(META.search(c) for c in filled)


def lines_to_tables(raw: RawDocument) -> tuple[list[Table], set[int]]:
    """All tables of a document, and the indices of text lines consumed as table furniture."""
    tables: list[Table] = []
    consumed: set[int] = set()
    heads: dict[int, list[list[str]]] = {}  # id(table) → its header rows, to drop them when repeated
    # id(table) → its column paths and body rows, continuation pages included; the rows are made
    # once all pages are in, so column roles are judged on the whole table
    bodies: dict[int, tuple[list[str], list[tuple[list[str], Location]]]] = {}
    last_row = Location()  # where the previous grid ended
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
        last_row, prev_last = block.rows[-1].loc, last_row
        if (ctx.title is None and previous is not None and is_continuation(block, context_lines, prev_last, raw)) \
                or repeats_title(ctx.title, previous, heads, data_rows, block, prev_last):
            assert previous is not None  # both tests above need a previous table
            head_rows = heads[id(previous)]
            body = [(c, loc) for c, loc in data_rows if not any(same_row(c, h) for h in head_rows)]
            # a text export's lone label line between the parts (a cell spanning rows) is a row
            labels = [i for i in context_lines if not NOTE.search(squash(text_line(raw, i).text))]
            consumed.update(labels)
            bodies[id(previous)][1].extend([([text_line(raw, i).text], text_line(raw, i).loc) for i in labels] + body)
            previous.printed_rows.extend([([text_line(raw, i).text], text_line(raw, i).loc) for i in labels] + body)
            continue
        if ctx.title is None:
            ctx.title, ctx.title_loc = heading_above(raw, context_lines)
        header_rows, _ = split_header([c for c, _ in data_rows])
        width = max((len(c) for c, _ in data_rows), default=0)
        # a title printed as the grid's first row (长春: 收支总表（预算表1） over every column) names the
        # table, not a column: no column path starts with it
        header = merge_header(header_rows[1:] if in_grid_title is not None else header_rows, width)
        body = data_rows[len(header_rows):]
        unit = unit or unit_from_cells(header_rows) or sole_unit([c for c, _ in body])
        title = ctx.title or first_cell_title(header_rows) or ""
        template = match_template(title) if title else None
        table = Table(
            title=title,
            code=ctx.code,
            family=template.family if template else "other",
            standard_id=template.id if template else None,
            unit=unit,
            header=[],
            rows=[],
            loc=ctx.title_loc or block.rows[0].loc,
            scope=template.scope if template else None,
            printed_rows=[(list(c), loc) for c, loc in data_rows],
        )
        heads[id(table)] = header_rows
        bodies[id(table)] = (header, list(body))
        tables.append(table)
    if tables:  # notes under the last table of the document
        consumed.update(notes_after(raw, trailing_lines(raw)))
    for table in tables:
        header, body = bodies[id(table)]
        table.header = value_paths(header, [c for c, _ in body])
        groups = grid_to_segments(header, body, table.unit, join_names=not is_form(table))
        rows = [row for group in groups for row in group]
        if is_form(table):
            # a form (绩效自评表, 绩效目标表) has labels beside values, not halves: keep print order
            rows.sort(key=print_order)
        # a side-by-side table reads half after half, so each half's codes form one block
        table.rows = rows
    return tables, consumed


def repeats_title(title: str | None, previous: Table | None, heads: dict[int, list[list[str]]],
                  data_rows: list[tuple[list[str], Location]], block: GridBlock, last: Location) -> bool:
    """A table printed again on the next page under its own title and header (烟台 prints 收入总体情况表
    over three pages, each with the title, the unit line and the header): one table, not three."""
    if title is None or previous is None or normalize_title(title) != normalize_title(previous.title):
        return False
    first = block.rows[0].loc
    if first.file != last.file or first.page is None or last.page is None or first.page != last.page + 1:
        return False
    header_rows, _ = split_header([c for c, _ in data_rows])
    head = heads[id(previous)]
    return len(header_rows) == len(head) and all(same_row(a, b) for a, b in zip(header_rows, head, strict=True))


def first_cell_title(header_rows: list[list[str]]) -> str | None:
    """Self-evaluation sheets often print their title inside the grid's first row."""
    if header_rows:
        filled = [squash(c) for c in header_rows[0] if squash(c)]
        if len(filled) == 1 and TITLE.search(filled[0]):
            return filled[0]
    return None


def same_row(a: list[str], b: list[str]) -> bool:
    return [squash(x) for x in a if squash(x)] == [squash(x) for x in b if squash(x)]


def heading_above(raw: RawDocument, line_indices: list[int]) -> tuple[str | None, Location | None]:
    """For a table printed without a title, the heading just above it (二、部门决算单位构成): it
    says what the table is. The heading stays in the narrative's sections too."""
    for i in reversed(line_indices[-MAX_CONTEXT:]):
        line = raw.items[i]
        assert isinstance(line, TextLine)
        if heading_level(line.text.strip()) is not None and len(line.text.strip()) <= 40:
            return line.text.strip(), line.loc
    return None, None


def is_label_line(text: str) -> bool:
    """A short label alone on its line (绩效指标): a text export's cell that spans rows."""
    text = squash(text)
    return 0 < len(text) <= 12 and heading_level(text) is None and not regex.search(r"[。，,：:；;、表]", text)


def is_continuation(block: GridBlock, context_lines: list[int], last: Location, raw: RawDocument) -> bool:
    """A titleless grid continues the previous table (whose last grid row is at ``last``) when
    only page furniture separates them: notes and a page break in a PDF, one short label line
    between two blocks of cells in a text export or between two tables of a DOCX or web page (a
    sheet of a workbook is a table of its own)."""
    first = block.rows[0].loc
    if first.file != last.file:
        return False  # a table never runs from one file of a report into the next
    if first.line is not None and last.line is not None:
        texts = [text_line(raw, i).text for i in context_lines]
        return len(texts) == 1 and is_label_line(texts[0]) and first.line - last.line <= 4
    if first.table is not None and last.table is not None:
        # a DOCX or web page: the next table, with only a lone label between (as in a text export)
        texts = [text_line(raw, i).text for i in context_lines]
        return len(texts) == 1 and is_label_line(texts[0]) and first.table == last.table + 1
    if any(not NOTE.search(squash(text_line(raw, i).text)) for i in context_lines):
        return False
    if first.page is not None and last.page is not None:
        return first.page == last.page + 1
    return False
