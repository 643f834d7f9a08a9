"""A 项目支出绩效目标表 that lists several projects: one record per project.

长春 prints ``单位名称 | 项目名称 | 年度资金总额(万元) | 年度绩效目标 | 一级指标 | 二级指标 | 三级指标 …`` with one
block of indicator rows per project, the project's name and funds on the block's first row; 北京 prints
``项目名称 | 项目总额 | 其中：财政资金 | 其他资金 | 绩效目标 | 一级指标 …`` with the name and funds in cells
merged over the block, so they print on its middle row. Read as one form, such a table is one project
(its 项目名称 label followed by the next header word). What marks a project in every such layout: the
header row prints a name word and a funds word side by side (patterns/target_columns.json; a form
prints 项目名称 and 年度资金申请总额 on different rows, each beside its value), and a project is a row
printing a name under the name column and a figure under a funds column. A table continued on the
next page without its header is read with the columns of the table before when its rows are as
wide; a project printed on both sides of the page break (the same name and figures) counts once.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..claims.subjects import clean_name
from ..model import Amount, Location, Table
from ..numbers import parse_cell
from ..patterns import pattern_path

PROJECT_CODE = regex.compile(r"^[0-9A-Z]{10,}[-－]")  # 51090422T000000401050-城乡基层治理工作经费
YEAR_MARK = regex.compile(r"(?<=(?:19|20)\d\d)年")
UNIT_SUFFIX = regex.compile(r"[（(][^（）()]{0,6}[）)]$")  # 年度资金总额(万元)


def name_key(name: str) -> str:
    return regex.sub(r"[‘’“”'\"\s.。]", "", PROJECT_CODE.sub("", name))


def project_key(name: str) -> str:
    """A project's name compared: spaces, quotes, a leading project code and the 年 of a year aside."""
    return YEAR_MARK.sub("", name_key(clean_name(name)))


@dataclass(frozen=True)
class TargetColumnWords:
    name: frozenset[str]
    annual: frozenset[str]
    whole: frozenset[str]
    not_names: frozenset[str]


@lru_cache(maxsize=1)
def target_column_words() -> TargetColumnWords:
    path = pattern_path("target_columns.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    try:
        return TargetColumnWords(*(frozenset(data[k]) for k in ("name", "annual", "whole", "not_names")))
    except KeyError as err:
        raise ValueError(f"{path}: lacks {err}") from None


@dataclass(frozen=True)
class Columns:
    """Where a listing table prints a project's name and funds (indices into its printed rows)."""

    width: int
    name: int
    annual: int | None
    whole: int | None


@dataclass(frozen=True)
class ListedProject:
    name: str
    annual: tuple[Amount, str] | None  # this year's funds, as printed (in the table's unit)
    whole: tuple[Amount, str] | None
    loc: Location


def header_word(cell: str) -> str:
    return UNIT_SUFFIX.sub("", "".join(cell.split()))


def header_columns(cells: Sequence[str]) -> Columns | None:
    """The columns of a header row printing a name word and a funds word, and no figure."""
    words = target_column_words()
    heads = [header_word(c) for c in cells]
    if any(parse_cell(h, None) is not None for h in heads if h):
        return None
    name = next((i for i, h in enumerate(heads) if h in words.name), None)
    annual = next((i for i, h in enumerate(heads) if h in words.annual), None)
    whole = next((i for i, h in enumerate(heads) if h in words.whole), None)
    if name is None or (annual is None and whole is None):
        return None
    return Columns(len(cells), name, annual, whole)


def figure(cells: Sequence[str], at: int | None) -> tuple[Amount, str] | None:
    if at is None or at >= len(cells):
        return None
    text = "".join(cells[at].split())
    amount = parse_cell(text, None)
    return (amount, text) if amount is not None else None


def table_projects(table: Table, columns: Columns | None) -> tuple[list[ListedProject], Columns | None]:
    """The projects a table lists, and the columns it was read with (None: not a listing table)."""
    words = target_column_words()
    out: list[ListedProject] = []
    rows = table.printed_rows
    start = 0
    for i, (cells, _) in enumerate(rows[:8]):  # the header is printed at the table's top
        if (found := header_columns(cells)) is not None:
            columns, start = found, i + 1
            break
    else:
        if columns is None or not rows or any(len(cells) != columns.width for cells, _ in rows):
            return [], None
    for cells, loc in rows[start:]:
        if len(cells) != columns.width:
            continue
        name = clean_name("".join(cells[columns.name].split()))
        if not name or name in words.not_names or parse_cell(name, None) is not None:
            continue
        annual, whole = figure(cells, columns.annual), figure(cells, columns.whole)
        if annual is not None or whole is not None:
            out.append(ListedProject(name, annual, whole, loc))
    return out, columns


def listed_projects(tables: Sequence[Table]) -> dict[int, list[ListedProject]]:
    """id(table) → the projects it lists, for the performance-target tables that list projects
    (``tables`` in report order; a table with no header of its own continues the one before)."""
    out: dict[int, list[ListedProject]] = {}
    columns: Columns | None = None
    seen: set[tuple] = set()
    for table in tables:
        projects, columns = table_projects(table, columns)
        if columns is None:
            seen = set()
            continue
        fresh = []
        for p in projects:
            key = (project_key(p.name), p.annual and p.annual[1], p.whole and p.whole[1])
            if key not in seen:
                seen.add(key)
                fresh.append(p)
        out[id(table)] = fresh
    return out
