"""One grid of printed cells → header column paths, column roles and Rows.

A grid is the rows of one table as printed. Its leading rows are the header (possibly several
rows with cells spanning columns: 本年支出 over 小计/基本支出/项目支出); they merge into one path per
column, such as ``本年支出/基本支出``. Each column then gets a role: ``index`` (序号/行次),
``code`` (功能分类科目编码, or 类/款/项 split over three columns), ``name`` (项目/科目名称) or
``value``. A table printed side by side (收入 | 支出 in 01表, three halves in 06表) has several name
columns; each name column starts a *segment* and every printed row yields one Row per segment.

The header ends at the first row that prints a figure or starts like an item (a code, 一、…, a
bare 合计), so an empty table (07/08, or a 决算 template) keeps its header and its items. A table
with no code or name column (the Shanghai 三公 table: one row of figures under item headers)
keeps its row, named ''.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..model import Cell, Location, Row
from ..numbers import parse_cell
from .name_columns import group_name, level, name_groups, project_name

CODE = regex.compile(r"^\d{3}(?:\d{2}){0,2}$")  # 类 201, 款 20132, 项 2013201; economic 301/30101
NAME_WITH_CODE = regex.compile(r"^(\d{3}(?:\d{2}){0,2})\s*(\p{Han}.*)$")
#: headers of row-number columns (and, first in a row, of a column-index row): never values
INDEX_HEADERS = {"序号", "行次", "栏次", "行", "行号", "栏号", "编号"}
TOTAL_NAMES = {"合计", "总计"}
LIST_ITEM = regex.compile(r"^(?:[一二三四五六七八九十]+、|\d{1,2}[、．.](?!\d))")
SPACES = regex.compile(r"[\s\u3000]+")
NUMBER_CELL = regex.compile(r"^[-－−]?\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?%?$|^[-－−]?\d+(?:\.\d+)?%?$")


def squash(text: str) -> str:
    """Remove spaces: in Chinese table text they are layout or extraction artefacts (项  目 → 项目)."""
    return SPACES.sub("", text)


def is_number(text: str) -> bool:
    return bool(NUMBER_CELL.match(squash(text)))


def is_column_number_row(cells: list[str]) -> bool:
    """栏次 rows (``栏次 1 2 3``) only number the columns."""
    values = [squash(c) for c in cells if squash(c)]
    if not values:
        return False
    if values[0] in INDEX_HEADERS and values[0] not in ("序号", "编号"):
        return True
    ints = [v for v in values if v.isdigit()]
    return len(ints) == len(values) and len(ints) >= 3 and [int(v) for v in ints] == list(range(1, len(ints) + 1))


def is_header_row(cells: list[str]) -> bool:
    if is_column_number_row(cells):
        return True
    return not any(is_number(c) for c in cells)


def looks_like_item(cells: list[str]) -> bool:
    """A row that starts like a table item, whatever its figures: a code (201, 30101), a numbered
    item (一、…, 1、…) or a bare 合计/总计. Blank-valued items (a 决算 template, an empty 07表)
    must not be taken for header rows."""
    filled = [squash(c) for c in cells if squash(c)]
    if not filled:
        return False
    return bool(CODE.match(filled[0]) or LIST_ITEM.match(filled[0])) or is_total_label(cells)


def split_header(rows: list[list[str]]) -> tuple[list[list[str]], list[list[str]]]:
    """Leading header rows and the data rows after them."""
    n = 0
    while n < len(rows) and is_header_row(rows[n]) and not looks_like_item(rows[n]):
        n += 1
    if n == len(rows) and n > 1:
        # No figure anywhere. An empty table (07/08 often are, 09 when there was no such spending)
        # prints its header above blank rows: the header is what is above them, except a 合计/总计
        # row. A table of words only (机构设置: 单位名称 | 单位性质 …) has a one-row header.
        while n and not any(squash(c) for c in rows[n - 1]):
            n -= 1
        if n == len(rows):
            n = 1
        elif n and is_total_label(rows[n - 1]):
            n -= 1
    return rows[:n], rows[n:]


def is_total_label(cells: list[str]) -> bool:
    """A row that only names a total (合计, 总计) with nothing else printed."""
    filled = [squash(c) for c in cells if squash(c)]
    return len(filled) == 1 and filled[0] in TOTAL_NAMES


def merge_header(rows: list[list[str]], width: int) -> list[str]:
    """Column paths from several header rows.

    A spanning header prints its text in its first cell and leaves the cells it covers empty, so a
    label covers the empty cells to its right, but never beyond the span of its own parent in the
    row above: under ``本年支出 | 预算数`` the ``基本支出`` of the next row reaches over
    ``人员经费 | 公用经费`` and stops where ``项目支出`` starts, and a label in the first header row
    covers up to the next label. An empty cell below a label is that label's cell spanning rows.
    """
    rows = [r for r in rows if not is_column_number_row(r)]
    grid = [[squash(c) for c in r] + [""] * (width - len(r)) for r in rows]
    parents = [(0, width)] * width  # the span of the label above each column
    parts: list[list[str]] = [[] for _ in range(width)]
    for row in grid:
        spans = list(parents)
        j = 0
        while j < width:
            if not row[j]:
                j += 1
                continue
            end = j + 1
            while end < parents[j][1] and not row[end]:
                end += 1
            for k in range(j, end):
                if not parts[k] or parts[k][-1] != row[j]:
                    parts[k].append(row[j])
                spans[k] = (j, end)
            j = end
        parents = spans
    return ["/".join(p) for p in parts]


@dataclass
class Segment:
    label: str  # 收入 / 支出 / 人员经费 … ('' when the table is not side by side)
    codes: list[int]
    name: int | None
    values: list[int]
    #: a project's name printed over several adjacent columns (一级项目 | 二级项目 | 项目单位): all of
    #: them, read as one name (layout/name_columns.py); empty when the name is the one column ``name``
    names: list[int] = field(default_factory=list)

    def row_name(self, cells: list[str], header: list[str]) -> str:
        if len(self.names) > 1:
            return group_name([squash(cells[j]) for j in self.names], [header[j] for j in self.names])
        return squash(cells[self.name]) if self.name is not None else ""

    def names_project(self, cells: list[str], header: list[str]) -> bool:
        """Whether the row's name is a project's (a filled level column of a name group)."""
        return len(self.names) > 1 and project_name([squash(cells[j]) for j in self.names],
                                                    [header[j] for j in self.names]) is not None


def column_role(path: str, column: list[str]) -> str:
    last = path.rsplit("/", 1)[-1]
    if last in INDEX_HEADERS:
        return "index"
    if "编码" in path or "代码" in path or last in {"类", "款", "项"}:
        return "code"
    filled = [squash(c) for c in column if squash(c)]
    numeric = [c for c in filled if is_number(c)]
    if last in {"项目", "科目名称", "名称", "项目名称", "科目"} or last.endswith("名称") or level(path) is not None:
        return "name"
    if filled and len(numeric) <= len(filled) / 2:
        codes = [c for c in filled if CODE.match(c)]
        return "code" if len(codes) > len(filled) / 2 else "name"
    if filled and all(c.isdigit() and len(c) <= 2 for c in numeric) and last in {"", "序号"}:
        return "index"
    return "value"


def segments_of(header: list[str], data: list[list[str]], join_names: bool = True) -> list[Segment]:
    """``join_names``: adjacent name columns naming a project are one name (not for forms, whose
    labels and values are read from the printed grid)."""
    width = len(header)
    columns = [[r[j] if j < len(r) else "" for r in data] for j in range(width)]
    roles = [column_role(header[j], columns[j]) for j in range(width)]
    # A column with no header and no content is a stray trailing separator, not a value column.
    roles = ["blank" if not header[j] and not any(squash(c) for c in columns[j]) else r for j, r in enumerate(roles)]
    groups = {g[0]: g for g in name_groups(header, roles)} if join_names else {}
    joined = {j for g in groups.values() for j in g[1:]}
    segments: list[Segment] = []
    pending_codes: list[int] = []
    for j, role in enumerate(roles):
        if j in joined:
            continue
        if role == "code":
            if segments and segments[-1].name is not None and segments[-1].values:
                pending_codes = []  # a code column after values opens the next segment
            pending_codes.append(j)
        elif role == "name":
            label = header[j].split("/")[0] if "/" in header[j] else ""
            group = groups.get(j, [j])
            segments.append(Segment(label, pending_codes, j, [], group if len(group) > 1 else []))
            pending_codes = []
        elif role == "value":
            if not segments:
                segments.append(Segment("", pending_codes, None, []))
                pending_codes = []
            segments[-1].values.append(j)
    if not segments:
        segments.append(Segment("", [], None, [j for j, r in enumerate(roles) if r == "value"]))
    if len(segments) == 1:
        segments[0].label = ""  # the label only tells apart the halves of a side-by-side table
    return segments


def value_paths(header: list[str], data: list[list[str]]) -> list[str]:
    """The header paths of the value columns, in order, each once (also for a table with no rows)."""
    out: list[str] = []
    for seg in segments_of(header, data):
        for j in seg.values:
            if header[j] not in out:
                out.append(header[j])
    return out


def compose_code(parts: list[str]) -> tuple[str | None, str]:
    """The code from its printed parts (one column, or 类/款/项 split), and any stray text."""
    texts = [squash(p) for p in parts if squash(p)]
    if not texts:
        return None, ""
    if len(texts) == 1 and CODE.match(texts[0]):
        return texts[0], ""
    if len(texts[0]) == 3 and texts[0].isdigit() and all(t.isdigit() and len(t) <= 2 for t in texts[1:]):
        # 款/项 are two-digit fields; a spreadsheet export drops the leading zero (301 | 2 is 30102)
        return texts[0] + "".join(t.zfill(2) for t in texts[1:]), ""
    # 合计 / 人员经费合计 printed in the code column of a total row
    return None, "".join(t for t in texts if not t.isdigit())


def carried_code(parts: list[str], last: str | None) -> str | None:
    """A code split over 类 | 款 (| 项) columns whose row prints only its own level, as 烟台 prints
    them (201 | | ; | 04 | ; | | 01): the 款 and 项 take the 类 and 款 of the rows above."""
    if len(parts) not in (2, 3) or not last or not last[:3].isdigit():
        return None
    texts = [squash(p) for p in parts]
    if texts[0] or not all(t.isdigit() and len(t) <= 2 for t in texts if t):
        return None
    if len(texts) == 3 and not texts[1] and texts[2] and len(last) >= 5:
        return last[:5] + texts[2].zfill(2)  # a 项 under the 款 above
    if texts[1]:
        return last[:3] + texts[1].zfill(2) + (texts[2].zfill(2) if len(texts) == 3 and texts[2] else "")
    return None


def grid_to_rows(
    header: list[str], data: list[tuple[list[str], Location]], unit: str | None
) -> list[Row]:
    return [row for group in grid_to_segments(header, data, unit) for row in group]


def grid_to_segments(
    header: list[str], data: list[tuple[list[str], Location]], unit: str | None, join_names: bool = True
) -> list[list[Row]]:
    """The Rows of a grid, one list per segment (a side-by-side table reads half after half)."""
    segments = segments_of(header, [cells for cells, _ in data], join_names)
    groups: list[list[Row]] = [[] for _ in segments]
    last_codes: list[str | None] = [None for _ in segments]  # each half's code above, for split codes
    for cells, loc in data:
        cells = cells + [""] * (len(header) - len(cells))
        pending: Row | None = None  # a named total whose figure sits in the next segment's columns
        for k, seg in enumerate(segments):
            printed = [cells[j] for j in seg.codes]
            code, stray = compose_code(printed)
            if code is None and not stray:
                code = carried_code(printed, last_codes[k])
            if code is not None:
                last_codes[k] = code
            name = seg.row_name(cells, header) or stray
            if code is not None and seg.names_project(cells, header):
                # 科目编码 | 科目名称 | 项目名称: the code classifies the project's spending; the row is the
                # project's, not the function item's (its name must not carry the item's code into the prose)
                code = None
            if code is None and (m := NAME_WITH_CODE.match(name)):
                code, name = m.group(1), m.group(2)
            values = [
                Cell(text=cells[j].strip(), column=header[j], amount=parse_cell(cells[j], unit))
                for j in seg.values
            ]
            has_values = any(not c.is_empty for c in values)
            if not name and code is None:
                if has_values and pending is not None:
                    pending.cells = values
                    pending = None
                    continue
                # a table without code or name columns (the Shanghai 三公 table: one row of
                # figures under item headers) still has its row; elsewhere a blank row is skipped
                if not (has_values and seg.name is None and not seg.codes):
                    continue
            row = Row(code=code, name=name, cells=values, loc=loc, segment=seg.label)
            groups[k].append(row)
            pending = row if not has_values else None
    return groups
