"""Tables on one PDF page -> grids of printed cell strings.

* **Ruled tables**: pdfplumber's ``lines`` strategy. When the rules of a table run past its outer
  cells (vertical rules going above the top rule: no top border; horizontal rules going left or
  right of the outer vertical rules: no side border) the missing border is added as an explicit
  line and the page is searched again, so the outer row/column is not lost.
* **Partially ruled tables** (horizontal rules only, e.g. three-line tables): a stack of at least
  three horizontal rules with text between them that no ruled table covers is read as a text grid:
  rows are the bands between rules when every row is ruled, else the text lines; columns are the
  x-extents of the text blocks of the rows that have the most blocks (see ``_text_grid``).
* Cell text is rebuilt from the characters with :mod:`.pdf_lines` (same line clustering and space
  rules as the running text); a cell wrapped over several lines is joined without the newline.
  Cells hidden under a spanning cell (pdfplumber ``None``) print as ``''``.
* ``fit_columns`` re-maps a continuation table onto the columns of the table it continues when
  each of its rules lines up with one of the head's (e.g. a lone ``合计`` row whose first cell spans
  the 类/款/项/名称 columns), so the continuation keeps the head's column count.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import pairwise

from pdfplumber.table import TableFinder, TableSettings

from .pdf_lines import Char, cluster_lines, join_wrapped

#: Rules closer than this (points) are the same rule; also the slack when comparing columns.
SNAP = 3.0
#: How far (points) a rule must run past a table's outer cells to count as a missing border.
OVERRUN = 4.0

LINES_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


@dataclass
class GridCell:
    x0: float
    x1: float
    text: str


@dataclass
class GridGeom:
    """One table found on a page: its box, its column rules and its rows."""

    bbox: tuple[float, float, float, float]
    xs: list[float]  # column boundaries, len(xs) == number of columns + 1
    rows: list[tuple[tuple[float, float, float, float], list[GridCell | None]]] = field(default_factory=list)
    kind: str = "ruled"  # "ruled" | "text"

    @property
    def ncols(self) -> int:
        return len(self.xs) - 1


def _inside(c: Char, bbox, pad: float = 0.0) -> bool:
    x = (c["x0"] + c["x1"]) / 2
    y = (c["top"] + c["bottom"]) / 2
    return bbox[0] - pad <= x <= bbox[2] + pad and bbox[1] - pad <= y <= bbox[3] + pad


def _cell_text(chars: list[Char], tolerance: float, word_gap: float) -> str:
    if not chars:
        return ""
    return join_wrapped([line.text(word_gap) for line in cluster_lines(chars, tolerance)])


def _dedupe_xs(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return out


# --------------------------------------------------------------------------- ruled tables


def _missing_borders(finder: TableFinder) -> tuple[list[dict], list[dict]]:
    """Explicit border lines for tables whose rules overrun their outer cells.

    Only the table's own rules count: vertical rules on one of its column boundaries, horizontal
    rules inside its height. An overrun longer than a few rows / columns is some other drawing
    (a page frame) and is ignored.
    """
    v_extra: list[dict] = []
    h_extra: list[dict] = []
    for table in finder.tables:
        x0, top, x1, bottom = table.bbox
        xs = _dedupe_xs([c[0] for c in table.cells] + [c[2] for c in table.cells])
        heights = sorted(c[3] - c[1] for c in table.cells)
        reach_y = 4 * heights[len(heights) // 2]
        reach_x = 2 * max(b - a for a, b in pairwise(xs))
        vs = [
            e for e in finder.edges
            if e["orientation"] == "v" and any(abs(e["x0"] - x) <= SNAP for x in xs)
            and e["bottom"] > top and e["top"] < bottom
        ]
        hs = [
            e for e in finder.edges
            if e["orientation"] == "h" and top - SNAP <= e["top"] <= bottom + SNAP
            and e["x1"] > x0 and e["x0"] < x1
        ]
        ntop = min([top] + [e["top"] for e in vs if e["top"] >= top - reach_y])
        nbottom = max([bottom] + [e["bottom"] for e in vs if e["bottom"] <= bottom + reach_y])
        nx0 = min([x0] + [e["x0"] for e in hs if e["x0"] >= x0 - reach_x])
        nx1 = max([x1] + [e["x1"] for e in hs if e["x1"] <= x1 + reach_x])
        # close the box at the extended extent on every side that overran
        if ntop < top - OVERRUN:
            h_extra.append(_hline(nx0, nx1, ntop))
        if nbottom > bottom + OVERRUN:
            h_extra.append(_hline(nx0, nx1, nbottom))
        if nx0 < x0 - OVERRUN:
            v_extra.append(_vline(nx0, ntop, nbottom))
        if nx1 > x1 + OVERRUN:
            v_extra.append(_vline(nx1, ntop, nbottom))
        v_extra += [_vline(x, top, bottom) for x in (x0, x1) if _open_side(x, top, bottom, vs, hs)]
    return v_extra, h_extra


def _open_side(x: float, top: float, bottom: float, vs: list[dict], hs: list[dict]) -> bool:
    """Whether the outer vertical rule at ``x`` stops short of the table's top or bottom rule
    while both of those reach it: a 合计 row whose left border was drawn in white (北京's exports)
    would otherwise lose its first cell. The box is closed where its own rules say it is."""
    mine = [e for e in vs if abs(e["x0"] - x) <= SNAP]
    if not mine:
        return False
    short = min(e["top"] for e in mine) > top + OVERRUN or max(e["bottom"] for e in mine) < bottom - OVERRUN

    def reaches(y: float) -> bool:
        return any(abs(e["top"] - y) <= SNAP and e["x0"] <= x + SNAP and e["x1"] >= x - SNAP for e in hs)

    return short and reaches(top) and reaches(bottom)


def _hline(x0: float, x1: float, y: float) -> dict:
    return {"object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0}


def _vline(x: float, top: float, bottom: float) -> dict:
    return {"object_type": "line", "x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0,
            "height": bottom - top}


def _is_white(color) -> bool:
    """A fill colour that prints nothing on white paper: gray 1, RGB (1, 1, 1) or CMYK (0, 0, 0, 0)."""
    if isinstance(color, (int, float)):
        color = (color,)
    if not isinstance(color, (tuple, list)) or not color:
        return False
    if len(color) == 4:
        return all(abs(float(v)) < 0.01 for v in color)
    return all(abs(float(v) - 1) < 0.01 for v in color)


def _visible(obj: dict) -> bool:
    """Whether a drawing can be a rule: it paints something on white paper. Some producers (the
    Shanghai budget exports) paint every cell, and the blank band around the title, as a white
    filled rectangle without a stroke; others (北京's spreadsheet exports) stroke the sheet's
    unprinted gridlines in white, around the title and the ``金额单位`` line too. Neither is a rule:
    taking them for rules makes the title and the unit line rows of the table, which then has no
    title and swallows the tables of the next pages as its continuation."""
    kind = obj.get("object_type")
    if kind not in ("rect", "line", "curve"):
        return True
    stroked = bool(obj.get("stroke")) and not _is_white(obj.get("stroking_color"))
    if kind != "rect":
        return stroked
    return stroked or (bool(obj.get("fill")) and not _is_white(obj.get("non_stroking_color")))


def _ruled_finder(page) -> TableFinder:
    if any(not _visible(r) for r in (*page.rects, *page.lines)):
        page = page.filter(_visible)
    finder = TableFinder(page, TableSettings.resolve(LINES_SETTINGS))
    v_extra, h_extra = _missing_borders(finder)
    if v_extra or h_extra:
        settings = dict(LINES_SETTINGS, explicit_vertical_lines=v_extra, explicit_horizontal_lines=h_extra)
        finder = TableFinder(page, TableSettings.resolve(settings))
    return finder


class CharIndex:
    """A page's characters sorted by the height of their centre, to pick those inside a box
    without testing every character of the page against every row of every table. ``inside``
    gives what ``[c for c in chars if _inside(c, box)]`` gives, in the page's order."""

    def __init__(self, chars: list[Char]):
        self.chars = chars
        order = sorted(range(len(chars)), key=lambda i: (chars[i]["top"] + chars[i]["bottom"]) / 2)
        self.order = order
        self.ys = [(chars[i]["top"] + chars[i]["bottom"]) / 2 for i in order]

    def inside(self, bbox) -> list[Char]:
        lo = bisect_left(self.ys, bbox[1])
        hi = bisect_right(self.ys, bbox[3])
        picked = sorted(self.order[lo:hi])
        return [c for c in (self.chars[i] for i in picked) if bbox[0] <= (c["x0"] + c["x1"]) / 2 <= bbox[2]]


def _ruled_grid(table, chars: CharIndex, tolerance: float, word_gap: float) -> GridGeom:
    xs = _dedupe_xs([c[0] for c in table.cells] + [c[2] for c in table.cells])
    grid = GridGeom(bbox=tuple(table.bbox), xs=xs)
    for row in table.rows:
        row_chars = [((c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2, c) for c in chars.inside(row.bbox)]
        cells: list[GridCell | None] = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            x0, top, x1, bottom = cell  # ``_inside(c, cell)``, the centres worked out once a row
            inner = [c for x, y, c in row_chars if x0 <= x <= x1 and top <= y <= bottom]
            cells.append(GridCell(cell[0], cell[2], _cell_text(inner, tolerance, word_gap)))
        grid.rows.append((tuple(row.bbox), cells))
    return grid


# --------------------------------------------------------------------------- partial rulings


def _rule_stacks(edges: list[dict], covered: list[tuple]) -> list[tuple[float, float, float, float, list]]:
    """Stacks of >= 3 horizontal rules of about the same span, outside ``covered`` boxes."""
    hs = sorted(
        (
            e for e in edges
            if e["orientation"] == "h" and e["x1"] - e["x0"] > 50
            and not any(b[0] - SNAP <= e["x0"] and e["x1"] <= b[2] + SNAP
                        and b[1] - SNAP <= e["top"] <= b[3] + SNAP for b in covered)
        ),
        key=lambda e: e["top"],
    )
    stacks: list[list[dict]] = []
    for e in hs:
        for stack in stacks:
            ref = stack[0]
            overlap = min(ref["x1"], e["x1"]) - max(ref["x0"], e["x0"])
            if overlap > 0.8 * min(ref["x1"] - ref["x0"], e["x1"] - e["x0"]):
                stack.append(e)
                break
        else:
            stacks.append([e])
    out = []
    for stack in stacks:
        ys = _dedupe_xs([e["top"] for e in stack])
        if len(ys) >= 3:
            out.append((min(e["x0"] for e in stack), ys[0], max(e["x1"] for e in stack), ys[-1], ys))
    return out


def _blocks(line, gap_em: float = 1.0) -> list[tuple[float, float, list[Char]]]:
    """Split a line into blocks of text separated by gaps of at least ``gap_em`` ems."""
    blocks: list[list[Char]] = [[line.chars[0]]]
    for a, b in pairwise(line.chars):
        if b["x0"] - a["x1"] >= gap_em * max(a["size"], b["size"]):
            blocks.append([b])
        else:
            blocks[-1].append(b)
    return [(min(c["x0"] for c in bl), max(c["x1"] for c in bl), bl) for bl in blocks]


def _text_grid(region, ys: list[float], chars: list[Char], tolerance: float, word_gap: float):
    x0, top, x1, bottom = region
    inner = [c for c in chars if _inside(c, region)]
    lines = cluster_lines(inner, tolerance)
    if len(lines) < 2:
        return None
    blocked = [_blocks(line) for line in lines if line.chars]
    counts = [len(b) for b in blocked if len(b) >= 2]
    if not counts:
        return None  # one block per line: running text between rules, not a table
    # columns: lines that share the most common block count (>= 2) give the columns, block k of
    # each such line lying in column k
    mode = max(set(counts), key=lambda n: (counts.count(n), n))
    model = [bl for bl in blocked if len(bl) == mode]
    cols = [(min(bl[k][0] for bl in model), max(bl[k][1] for bl in model)) for k in range(mode)]
    xs = [x0] + [(a[1] + b[0]) / 2 for a, b in pairwise(cols)] + [x1]
    grid = GridGeom(bbox=(x0, top, x1, bottom), xs=xs, kind="text")

    # rows: bands between rules when every text line has its own band, else one row per line
    bands = list(pairwise(ys))
    if len(bands) >= len(lines) * 0.6:
        row_boxes = [(x0, t, x1, b) for t, b in bands]
    else:
        row_boxes = [(x0, ln.top, x1, ln.bottom) for ln in lines]
    for box in row_boxes:
        row_chars = [c for c in inner if _inside(c, box, pad=0.5)]
        if not row_chars:
            continue
        per_col: list[list[Char]] = [[] for _ in range(len(xs) - 1)]
        for line in cluster_lines(row_chars, tolerance):
            for b0, _, block in _blocks(line):
                per_col[_column_of(xs, b0)].extend(block)
        cells: list[GridCell | None] = [
            GridCell(xs[j], xs[j + 1], _cell_text(cs, tolerance, word_gap)) for j, cs in enumerate(per_col)
        ]
        grid.rows.append((box, cells))
    return grid if grid.rows else None


def _column_of(xs: list[float], b0: float) -> int:
    """The column a block starting at ``b0`` falls in (a block spanning columns: its first)."""
    for j in range(len(xs) - 1):
        if b0 < xs[j + 1] - SNAP / 2:
            return j
    return len(xs) - 2


# --------------------------------------------------------------------------- page entry point


def find_grids(page, chars: list[Char], tolerance: float, word_gap: float) -> list[GridGeom]:
    """All tables on ``page`` (ruled first, then partially ruled regions), top to bottom."""
    finder = _ruled_finder(page)
    index = CharIndex(chars)
    grids = [_ruled_grid(t, index, tolerance, word_gap) for t in finder.tables]
    covered = [g.bbox for g in grids]
    for x0, top, x1, bottom, ys in _rule_stacks(finder.edges, covered):
        grid = _text_grid((x0, top, x1, bottom), ys, chars, tolerance, word_gap)
        if grid is not None:
            grids.append(grid)
    # a ruled box with a single column is a frame around text (a boxed table of contents), not a
    # table: its lines are running text
    grids = [g for g in grids if g.ncols >= 2]
    grids.sort(key=lambda g: (g.bbox[1], g.bbox[0]))
    return grids


def fit_columns(grid: GridGeom, head_xs: list[float]) -> GridGeom:
    """``grid`` re-mapped onto the column rules ``head_xs`` of the table it continues.

    Allowed only when the outer edges match and every rule of ``grid`` is one of the head's; a
    cell spanning several head columns prints its text in the first and '' in the others (as a
    spanning cell does in the head). Otherwise ``grid`` is returned unchanged.
    """
    if grid.ncols == len(head_xs) - 1 or not head_xs:
        return grid
    if abs(grid.xs[0] - head_xs[0]) > SNAP or abs(grid.xs[-1] - head_xs[-1]) > SNAP:
        return grid
    if not all(any(abs(x - h) <= SNAP for h in head_xs) for x in grid.xs):
        return grid
    out = GridGeom(bbox=grid.bbox, xs=list(head_xs), kind=grid.kind)
    for box, cells in grid.rows:
        new: list[GridCell | None] = [None] * (len(head_xs) - 1)
        for cell in cells:
            if cell is None:
                continue
            mids = [(a + b) / 2 for a, b in pairwise(head_xs)]
            covered = [j for j, mid in enumerate(mids) if cell.x0 < mid < cell.x1]
            for k, j in enumerate(covered):
                new[j] = GridCell(head_xs[j], head_xs[j + 1], cell.text if k == 0 else "")
        out.rows.append((box, new))
    return out
