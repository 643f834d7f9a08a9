"""Text inputs: decode, strip export noise, and turn lines into TextLine / GridRow items.

Three layouts exist in the wild and may be mixed within one file:

1. rows with tab-separated cells, one row per line (``201\t一般公共服务支出\t9,399.01``);
2. DOCX export: ``[bookmark: _Toc…]`` noise, one table cell per line;
3. one cell per line written as ``\t`` + value (an empty cell is a lone ``\t``) with a blank line
   between rows; a cell whose text wraps continues on following lines without the tab.

Layouts 2 and 3 share the cell-per-line convention, so one reader serves both.
"""

from __future__ import annotations

from pathlib import Path

import regex

from ..errors import InputError
from ..model import GridRow, Location, RawDocument, RawItem, TextLine
from .script import to_simplified

BOOKMARK = regex.compile(r"\[bookmark:[^\]]*\]")
# Page furniture printed as its own line: "- 3 -", "第 3 页", "3/24".
PAGE_NUMBER = regex.compile(r"^\s*(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*共\s*\d+\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$")
CJK = regex.compile(r"\p{Han}")
# 同 比 增 加 / 经 费 总预 算 : text exported from a PDF by another tool may space out every character.
# Chinese puts no space between words, so a space between two Han characters or punctuation marks
# carries nothing and would hide the words from the cue phrases; spaces beside digits are kept.
SPACED_OUT = regex.compile(r"(?<=[\p{Han}，。；：、（）“”,;:()])[ \u3000]+(?=[\p{Han}，。；：、（）“”,;:()])")


def decode_text(path: str, data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 when they are, else the best detected Chinese encoding."""
    if not data.strip():
        raise InputError(path, "empty file")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, "binary data, not a text report")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # lazy: only non-UTF-8 files need it

    best = from_bytes(data).best()
    encoding = best.encoding if best is not None else None
    # GBK and GB2312 are subsets of GB18030: decode with the superset so no character is lost.
    if encoding in (None, "gbk", "gb2312", "hz", "big5") or (encoding or "").startswith("gb"):
        encoding = "gb18030"
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError) as err:
        raise InputError(path, f"cannot decode as UTF-8 or GB18030 ({err})") from None


def text_to_raw(path: str, data: bytes | None = None) -> RawDocument:
    """Read a text report into a RawDocument (items keep their 1-based line numbers)."""
    if data is None:
        data = Path(path).read_bytes()
    text, encoding = decode_text(path, data)
    if not CJK.search(text):
        raise InputError(path, "no Chinese text found: not a budget or final-account report")
    lines = to_simplified(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    return RawDocument(source=path, format="text", items=list(lines_to_items(lines)), encoding=encoding)


def is_cell_line(line: str) -> bool:
    """Layouts 2/3: a cell is written as a leading tab and its text, with no other tab."""
    return line.startswith("\t") and line.count("\t") == 1


def _is_grid_line(lines: list[str], number: int) -> bool:
    """Whether the line after line ``number`` (1-based) is a cell or a tab-separated row."""
    if number >= len(lines):
        return False
    following = BOOKMARK.sub("", lines[number])
    return "\t" in following


def lines_to_items(lines: list[str]) -> list[RawItem]:
    items: list[RawItem] = []
    grid = 0
    in_grid = False
    row: GridRow | None = None  # the cell-per-line row being collected

    def close_row() -> None:
        nonlocal row
        if row is not None:
            items.append(row)
            row = None

    for number, original in enumerate(lines, start=1):
        line = BOOKMARK.sub("", original).rstrip("\n").rstrip(" \u3000")
        loc = Location(line=number)
        if not line.strip(" \u3000"):  # a lone tab is an empty cell, not a blank line
            close_row()  # a blank line ends a cell-per-line row, not the grid
            continue
        if is_cell_line(line):
            if not in_grid:
                grid, in_grid = grid + 1, True
            if row is None:
                row = GridRow(cells=[], loc=loc, grid=grid)
            row.cells.append(line[1:].strip())
            continue
        if not in_grid:
            line = line.rstrip("\t")  # a heading exported with a stray trailing tab is still text
        if "\t" in line:
            close_row()
            if not in_grid:
                grid, in_grid = grid + 1, True
            items.append(GridRow(cells=[c.strip() for c in line.split("\t")], loc=loc, grid=grid))
            continue
        if row is not None and row.cells:
            # A wrapped cell continues on the next line without its tab.
            row.cells[-1] += line.strip()
            continue
        last = items[-1] if items else None
        if in_grid and isinstance(last, GridRow) and last.loc.line == number - 1 and _is_grid_line(lines, number):
            # a tab-separated row's cell wrapped onto a line of its own, with the grid going on
            # right after it: the text continues that row's last filled cell
            filled = [k for k, c in enumerate(last.cells) if c]
            if filled:
                last.cells[filled[-1]] += line.strip()
                continue
        if PAGE_NUMBER.match(line):
            continue
        in_grid = False
        items.append(TextLine(text=SPACED_OUT.sub("", line.strip()), loc=loc))
    close_row()
    return items
