"""Equivalent variants of a text report, for metamorphic tests (tests/test_metamorphic.py).

Each variant re-lays-out or re-words a report the way other provinces print the same thing; the
verdicts on the variant must be the original's. A rule that holds only for the file it was
written for fails here. Variants work on the tab-separated text layout (rows of cells separated
by tabs, the table's unit on a ``单位：万元`` line above it).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import regex

MONEY_CELL = regex.compile(r"^-?\d{1,3}(?:,\d{3})*\.\d{2}$|^-?\d+\.\d{2}$")
UNIT_LINE = regex.compile(r"^单位[:：]\s*万元\s*$")


def table_lines(text: str) -> list[tuple[int, bool]]:
    """(line index, inside a 万元 table) for every line: a table runs from its unit line over the
    rows of cells after it, until a line of running text."""
    out = []
    inside = False
    for i, line in enumerate(text.split("\n")):
        if UNIT_LINE.match(line.strip()):
            inside = True
        elif line.strip() and "\t" not in line and not line.startswith(("部门", "单位")):
            inside = False
        out.append((i, inside and "\t" in line))
    return out


def map_table_cells(text: str, cell: Callable[[str], str], unit: str | None = None) -> str:
    lines = text.split("\n")
    for i, inside in table_lines(text):
        if UNIT_LINE.match(lines[i].strip()) and unit is not None:
            lines[i] = lines[i].replace("万元", unit)
        elif inside:
            lines[i] = "\t".join(cell(c) for c in lines[i].split("\t"))
    return "\n".join(lines)


def money(c: str, factor: Decimal, places: int) -> str:
    if not MONEY_CELL.match(c.strip()):
        return c
    value = Decimal(c.strip().replace(",", "")) * factor
    return f"{value:,.{places}f}"


def in_yuan(text: str) -> str:
    """Every 万元 table printed in 元 to the fen (10,892.96 → 108,929,600.00)."""
    return map_table_cells(text, lambda c: money(c, Decimal(10_000), 2), unit="元")


def six_decimals(text: str) -> str:
    """Every 万元 table printed to six decimals (元 to the fen), as Beijing prints them."""
    return map_table_cells(text, lambda c: money(c, Decimal(1), 6))


def row_number_named(name: str) -> Callable[[str], str]:
    """The row-number column headed ``name`` (行次 → 行 / 序号 / 栏次)."""
    def variant(text: str) -> str:
        return map_table_cells(text, lambda c: name if c.strip() == "行次" else c)
    return variant


def bare_column_index_row(text: str) -> str:
    """The column-index row without its 栏次 label (``\t\t1\t2\t3``)."""
    return map_table_cells(text, lambda c: "" if c.strip() == "栏次" else c)


def memo_column(text: str) -> str:
    """A memo column ``其中：政府采购`` after every 项目支出 column, repeating its figures: it breaks 项目
    支出 down and adds to no total, so no verdict of the prose may change."""
    lines = text.split("\n")
    column: int | None = None
    for i, inside in table_lines(text):
        cells = lines[i].split("\t")
        if not inside:
            column = None
            continue
        if "项目支出" in [c.strip() for c in cells] and "基本支出" in [c.strip() for c in cells]:
            column = [c.strip() for c in cells].index("项目支出")
            cells.insert(column + 1, "其中：政府采购")
        elif column is not None:
            cells.insert(column + 1, cells[column] if MONEY_CELL.match(cells[column].strip()) else "")
        lines[i] = "\t".join(cells)
    return "\n".join(lines)


CODE = regex.compile(r"^\d{3}(?:\d{2}){0,2}$")


def split_codes(text: str) -> str:
    """Function codes printed over three columns 类 | 款 | 项 (201 | 32 | 01), as 烟台 prints them,
    instead of one column (201, 20132, 2013201)."""
    lines = text.split("\n")
    table: list[int] = []  # the line indices of the current table
    for i, inside in table_lines(text):
        if inside:
            table.append(i)
            continue
        split_table(lines, table)
        table = []
    split_table(lines, table)
    return "\n".join(lines)


def split_table(lines: list[str], rows: list[int]) -> None:
    cells = [lines[i].split("\t") for i in rows]
    heads = [j for j, r in enumerate(cells) if "功能分类科目编码" in [c.strip() for c in r]]
    if not heads:
        return
    column = [c.strip() for c in cells[heads[0]]].index("功能分类科目编码")
    for r in cells:
        code = r[column].strip() if column < len(r) else ""
        if code == "功能分类科目编码":
            parts = ["类", "款", "项"]
        elif CODE.match(code):
            parts = [code if len(code) == 3 else "", code[3:5] if len(code) == 5 else "", code[5:] if len(code) == 7 else ""]
        else:
            parts = [code, "", ""]
        r[column:column + 1] = parts
    for i, r in zip(rows, cells, strict=True):
        lines[i] = "\t".join(r)


#: the budget-against-actual and year-over-year sentences, phrased the ways other provinces do
REWORDINGS = (
    ("完成年初预算的", "完成年初预算"),
    ("决算数大于年初预算数的原因主要是", "决算数大于年初预算数的主要原因是"),
    ("决算数小于年初预算数的原因主要是", "决算数小于预算数的主要原因是"),
    ("与上年相比, 财政拨款支出减少", "财政拨款支出比上年减少"),
)


def reworded(text: str) -> str:
    for old, new in REWORDINGS:
        text = text.replace(old, new)
    return text


def change_words(text: str) -> str:
    """Changes in other provinces' words: 下降 x% as 负增长 x%, 比上年增加/减少 as 比上年增/减."""
    text = regex.sub(r"下降(\s*\d[\d.]*\s*%)", r"负增长\1", text)
    return regex.sub(r"(比上年|较上年|同比)(增|减)(?:加|少)", r"\1\2", text)


def inline_headings(text: str) -> str:
    """Each numbered 三公 item as a heading of its own sentence, its figure unnamed after it (北京:
    ``（一）因公出国（境）费用。2026年预算数142.2万元``): ``1. 公务接待费 4.75 万元，…`` → ``1. 公务接待费。决算数为 4.75 万元，…``."""
    return regex.sub(r"(?m)^(\s*\d+\.\s*)(因公出国（境）费|公务接待费|公务用车购置及运行费)\s*(\d[\d.,]*\s*万元)",
                     r"\1\2。决算数为 \3", text)


#: Printing a rounded 万元 figure in 元 or to six decimals claims a precision the original did not
#: print: 797.95 = 723.23 + 74.71 holds within rounding, 7,979,500.00 = 7,232,300.00 + 747,100.00
#: does not; a memo column adds sums of its own. So these variants keep the prose's verdicts, not
#: the tables' own relations.
CLAIMS_ONLY_VARIANTS = frozenset({"in_yuan", "six_decimals", "memo_column"})

VARIANTS: dict[str, Callable[[str], str]] = {
    "in_yuan": in_yuan,
    "six_decimals": six_decimals,
    "row_number_行": row_number_named("行"),
    "row_number_序号": row_number_named("序号"),
    "bare_column_index_row": bare_column_index_row,
    "memo_column": memo_column,
    "split_codes": split_codes,
    "reworded": reworded,
    "change_words": change_words,
    "inline_headings": inline_headings,
}
