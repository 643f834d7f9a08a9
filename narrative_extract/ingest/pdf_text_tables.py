"""Tables with no rules at all: columns aligned with spaces or tab stops.

None of the 13 Shanghai reports prints one (every table there is ruled), but reports typed in a
word processor do: ``项目 … 预算数 … 决算数`` with each figure under its heading and no line drawn.
pdfplumber's ``text`` strategy guesses columns from word edges on the whole page and turns
narrative into tables; here columns are clustered from the lines that look like table rows only:

1. A line is split into *blocks* at gaps of at least ``COLUMN_GAP_EM`` ems (the gap between two
   columns; the gaps inside a justified sentence are far smaller).
2. A *body line* has two blocks or more, one of them a number (``5,080.62``, ``98.10%``).
3. A table is a run of lines at a regular pitch holding at least ``MIN_BODY`` body lines. Its
   columns are the x-extents covered by the blocks of its body lines, merged where they overlap:
   a column is where some row prints something, a gap where no row does. Figures are
   right-aligned and names left-aligned, so extents (not starts) are compared.
4. Lines without figures join the run when they sit in it (an item with no figure, 二、政府性基金)
   or just above it with two blocks or more (the header row). A line whose one block runs across a
   column gap is prose (a note, a paragraph) and ends the table; so does a line naming the unit
   (``编制部门：… 单位：万元``), which layout reads as the table's furniture.

Each line is one row; each block goes to the column it overlaps most. A header label centred over
several columns lands in the one it overlaps most, not in the first it spans: a multi-level header
of an unruled table cannot be told apart from its geometry alone.
"""

from __future__ import annotations

import re
from itertools import pairwise

from .pdf_lines import Char, Line, chars_text
from .pdf_tables import GridCell, GridGeom

#: A gap of at least this many ems between two characters of a line separates two columns.
COLUMN_GAP_EM = 1.5
#: A table needs at least this many rows that print a figure.
MIN_BODY = 2
#: Consecutive rows of one table are at most this many times the table's row pitch apart.
MAX_PITCH_RATIO = 1.8

NUMBER = re.compile(r"^[-－−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")
UNIT_LINE = re.compile(r"单位\s*[:：]|编制(?:部门|单位)\s*[:：]")

Block = tuple[float, float, list[Char]]


def _blocks(line: Line) -> list[Block]:
    out: list[list[Char]] = [[line.chars[0]]]
    for a, b in pairwise(line.chars):
        if b["x0"] - a["x1"] >= COLUMN_GAP_EM * max(a["size"], b["size"], 1.0):
            out.append([b])
        else:
            out[-1].append(b)
    return [(min(c["x0"] for c in bl), max(c["x1"] for c in bl), bl) for bl in out]


def _text(block: Block, word_gap: float) -> str:
    return chars_text(block[2], word_gap)


def _is_body(blocks: list[Block], word_gap: float) -> bool:
    return len(blocks) >= 2 and any(NUMBER.match(_text(b, word_gap).replace(" ", "")) for b in blocks)


def _columns(rows: list[list]) -> list[tuple[float, float]]:
    """x-extents printed on by some row, merged where they overlap (blocks or (x0, x1) spans)."""
    spans = sorted((b[0], b[1]) for blocks in rows for b in blocks)
    out: list[tuple[float, float]] = []
    for x0, x1 in spans:
        if out and x0 <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], x1))
        else:
            out.append((x0, x1))
    return out


def _crosses_gap(block: Block, cols: list[tuple[float, float]]) -> bool:
    return any(block[0] < a[1] and block[1] > b[0] for a, b in pairwise(cols))


def _column_of(block: Block, cols: list[tuple[float, float]]) -> int:
    overlaps = [min(block[1], x1) - max(block[0], x0) for x0, x1 in cols]
    best = max(range(len(cols)), key=lambda j: overlaps[j])
    if overlaps[best] > 0:
        return best
    mid = (block[0] + block[1]) / 2  # in a gap: the nearest column
    return min(range(len(cols)), key=lambda j: abs((cols[j][0] + cols[j][1]) / 2 - mid))


def _runs(lines: list[Line], blocks: list[list[Block]], body: list[bool]) -> list[list[int]]:
    """Indices of lines forming candidate tables: body lines and the lines between them."""
    idx = [i for i, b in enumerate(body) if b]
    if len(idx) < MIN_BODY:
        return []
    steps = sorted(lines[j].top - lines[i].top for i, j in pairwise(idx) if j == i + 1)
    heights = sorted(ln.bottom - ln.top for ln in lines)
    pitch = steps[len(steps) // 2] if steps else 2 * heights[len(heights) // 2]
    runs: list[list[int]] = []
    for i in range(len(lines)):
        near = bool(runs) and runs[-1][-1] == i - 1 and lines[i].top - lines[i - 1].top <= MAX_PITCH_RATIO * pitch
        if body[i] and near:
            runs[-1].append(i)
        elif body[i]:
            runs.append([i])
        elif near and not UNIT_LINE.search(lines[i].text(0)):
            runs[-1].append(i)  # may be an item without figures, or prose: judged below
    out = []
    for run in runs:
        while run and not body[run[-1]]:
            run.pop()
        if sum(body[i] for i in run) >= MIN_BODY:
            out.append(run)
    return out


def find_text_tables(lines: list[Line], word_gap: float) -> tuple[list[GridGeom], list[Line]]:
    """Unruled tables among ``lines`` (a page's free lines, top to bottom) and the lines left."""
    lines = [ln for ln in lines if ln.chars]
    blocks = [_blocks(ln) for ln in lines]
    body = [_is_body(b, word_gap) for b in blocks]
    if sum(body) < MIN_BODY:
        return [], lines
    used: set[int] = set()
    grids: list[GridGeom] = []
    for run in _runs(lines, blocks, body):
        cols = _columns([blocks[i] for i in run if body[i]])
        if len(cols) < 2:
            continue
        # prose inside the run ends the table before it
        cut = next((k for k, i in enumerate(run) if not body[i] and any(_crosses_gap(b, cols) for b in blocks[i])), None)
        run = run[:cut] if cut is not None else run
        if sum(body[i] for i in run) < MIN_BODY:
            continue
        # header rows: lines just above with two blocks or more and no figure
        pitch = (lines[run[-1]].top - lines[run[0]].top) / max(len(run) - 1, 1)
        first = run[0]
        while first > 0 and first - 1 not in used:
            above = first - 1
            if (len(blocks[above]) < 2 or body[above] or UNIT_LINE.search(lines[above].text(0))
                    or lines[first].top - lines[above].top > MAX_PITCH_RATIO * max(pitch, 1.0)):
                break
            first = above
        rows = list(range(first, run[0])) + run
        # a column no row fills (经营支出, never spent) is still there when its header names it
        heads = [b for i in range(first, run[0]) for b in blocks[i]]
        cols = _columns([[b for b in heads if not any(b[0] < x1 and b[1] > x0 for x0, x1 in cols)], cols])
        grids.append(_grid(lines, blocks, rows, cols, word_gap))
        used.update(rows)
    return grids, [ln for i, ln in enumerate(lines) if i not in used]


def fit_text_columns(grid: GridGeom, head_xs: list[float]) -> GridGeom:
    """An unruled table continued from the previous page, re-read in the columns of its head.

    On its own a page of the continuation may leave a column blank throughout (every item there
    is a project: no 基本支出) and so show one column fewer; each printed text goes to the head's
    column it overlaps most instead.
    """
    if grid.xs == head_xs:
        return grid
    cols = list(pairwise(head_xs))
    out = GridGeom(bbox=grid.bbox, xs=list(head_xs), kind=grid.kind)
    for box, cells in grid.rows:
        texts = [""] * len(cols)
        for cell in cells:
            if cell is not None and cell.text:
                j = _column_of((cell.x0, cell.x1, []), cols)
                texts[j] = (texts[j] + " " + cell.text).strip()
        out.rows.append((box, [GridCell(head_xs[j], head_xs[j + 1], t) for j, t in enumerate(texts)]))
    return out


def _grid(lines: list[Line], blocks: list[list[Block]], rows: list[int], cols, word_gap: float) -> GridGeom:
    x0 = min(min(b[0] for b in blocks[i]) for i in rows)
    x1 = max(max(b[1] for b in blocks[i]) for i in rows)
    xs = [x0] + [(a[1] + b[0]) / 2 for a, b in pairwise(cols)] + [x1]
    top, bottom = lines[rows[0]].top, lines[rows[-1]].bottom
    grid = GridGeom(bbox=(x0, top, x1, bottom), xs=xs, kind="unruled")
    for i in rows:
        texts = [""] * len(cols)
        extents: list[tuple[float, float] | None] = [None] * len(cols)
        for block in blocks[i]:
            j = _column_of(block, cols)
            texts[j] = (texts[j] + " " + _text(block, word_gap)).strip()
            span = extents[j] or (block[0], block[1])
            extents[j] = (min(span[0], block[0]), max(span[1], block[1]))
        line = lines[i]
        # an empty cell spans its column; a filled one where its text is (to re-read a continuation)
        cells: list[GridCell | None] = []
        for j, t in enumerate(texts):
            left, right = extents[j] or (xs[j], xs[j + 1])
            cells.append(GridCell(left, right, t))
        grid.rows.append(((x0, line.top, x1, line.bottom), cells))
    return grid
