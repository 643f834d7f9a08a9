"""Typed data model shared by every stage of the pipeline.

The pipeline is a chain of pure functions, each printable for debugging::

    ingest (text layouts, PDF)  -> RawDocument  (TextLine / GridRow items, with locations)
    layout                      -> Document     (sections, paragraphs, sentences, tables)
    claims                      -> Claim        (one stated number or reason)
    reconcile                   -> Finding      (a verdict with its evidence)

Money is Decimal everywhere: a printed figure keeps its unit and its printed precision so
that rounding can be judged by interval arithmetic (see ``Amount.interval``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

# --------------------------------------------------------------------------- locations


@dataclass(frozen=True)
class Location:
    """Where something starts in the input.

    ``line`` is the 1-based line number of a text input; ``page`` the 1-based page of a PDF and
    ``bbox`` its box there as (x0, top, x1, bottom) in PDF points, origin top-left. A DOCX or HTML
    report has no lines or pages: ``para`` numbers its paragraphs (those with text, 1-based, in
    reading order), ``table`` its tables and ``row`` the row inside that table; a workbook's cells
    are at ``sheet`` (its name) and ``row`` (the row number the spreadsheet shows). ``file`` names
    the file of a report given as several files (情况说明 + 报表); None for a report of one file.
    """

    line: int | None = None
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    file: str | None = None
    para: int | None = None
    table: int | None = None
    sheet: str | None = None
    row: int | None = None

    def as_dict(self) -> dict:
        out: dict = {} if self.file is None else {"file": self.file}
        for key in ("line", "page", "para", "table", "sheet", "row"):
            if (value := getattr(self, key)) is not None:
                out[key] = value
        if self.bbox is not None:
            out["bbox"] = [round(v, 1) for v in self.bbox]
        return out

    def __str__(self) -> str:
        where = (f"p.{self.page}" if self.page is not None else f"l.{self.line}" if self.line is not None
                 else f"¶{self.para}" if self.para is not None
                 else f"table {self.table} row {self.row}" if self.table is not None
                 else f"sheet {self.sheet} row {self.row}" if self.sheet is not None else "?")
        return f"{self.file} {where}" if self.file is not None else where


# --------------------------------------------------------------------------- amounts

# Units a figure can carry. Money is normalised between 元 / 万元 / 亿元; the rest are kept apart.
MONEY_UNITS = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
PERCENT = "%"
PERCENT_POINT = "个百分点"  # a difference of percentages, never the same thing as %


@dataclass(frozen=True)
class Amount:
    """A printed number: exact value, unit and printed precision (digits after the point).

    ``decimals`` may be negative for figures printed in a larger unit than their value implies
    (e.g. ``16.4亿`` read in 元 keeps the precision of one decimal of 亿).
    """

    value: Decimal
    unit: str = ""
    decimals: int = 0

    @property
    def is_money(self) -> bool:
        return self.unit in MONEY_UNITS

    def to(self, unit: str) -> Amount:
        """The same figure expressed in another money unit (precision follows the scale)."""
        if unit == self.unit:
            return self
        if not (self.is_money and unit in MONEY_UNITS):
            raise ValueError(f"cannot convert {self.unit!r} to {unit!r}")
        factor = MONEY_UNITS[self.unit] / MONEY_UNITS[unit]
        shift = factor.adjusted()  # 10**shift; money units are powers of ten apart
        return Amount(self.value * factor, unit, self.decimals - shift)

    @property
    def half_ulp(self) -> Decimal:
        """Half a unit in the last printed digit: the rounding radius of the printed figure."""
        return Decimal(5).scaleb(-(self.decimals + 1))

    def interval(self) -> tuple[Decimal, Decimal]:
        """Every exact value that prints as this figure: [value - ½ulp, value + ½ulp]."""
        h = self.half_ulp
        return self.value - h, self.value + h

    def __str__(self) -> str:
        return f"{self.value}{self.unit}"


# --------------------------------------------------------------------------- raw input


@dataclass
class TextLine:
    """One line of running text as the input gives it. ``alone``: a paragraph the format marks as a
    heading or title (a DOCX heading style or centred paragraph, an HTML ``<h2>``): it neither
    continues the paragraph before it nor is continued."""

    text: str
    loc: Location
    alone: bool = False


@dataclass
class GridRow:
    """One row of a table as the input gives it: the printed text of each cell ('' when empty).

    Rows of one physical grid (a ruled table on one page, one block of a text layout) share
    ``grid``; layout joins grids continued across pages.
    """

    cells: list[str]
    loc: Location
    grid: int


RawItem = TextLine | GridRow


@dataclass
class RawDocument:
    """What ingestion yields: the items of a report in reading order."""

    source: str
    format: str  # "text" | "pdf" | "docx" | "xlsx" | "xls" | "html"
    items: list[RawItem]
    encoding: str | None = None
    pages: int | None = None
    parts: tuple[str, ...] = ()  # the files of a report given as several, in the order given


# --------------------------------------------------------------------------- document


@dataclass
class Section:
    """A heading: 第X部分 (level 1), 一、(2), （一）(3), 1. (4), （1）/(1) (5)."""

    title: str
    level: int
    loc: Location
    path: tuple[str, ...]  # titles from the top level down to this one, inclusive


@dataclass
class Paragraph:
    """Running text joined from one or more input lines.

    ``anchors`` maps character offsets in ``text`` to the location of the input line that starts
    there, so that any character can be traced back to its line or page.
    """

    text: str
    anchors: list[tuple[int, Location]]
    section: tuple[str, ...] = ()

    def loc_at(self, offset: int) -> Location:
        loc = self.anchors[0][1]
        for start, anchor in self.anchors:
            if start > offset:
                break
            loc = anchor
        return loc


@dataclass
class Sentence:
    text: str
    paragraph: Paragraph
    start: int  # offset of the sentence in its paragraph

    def loc_at(self, offset: int = 0) -> Location:
        return self.paragraph.loc_at(self.start + offset)

    @property
    def loc(self) -> Location:
        return self.loc_at(0)

    @property
    def section(self) -> tuple[str, ...]:
        return self.paragraph.section


@dataclass
class Cell:
    """A table cell: the string as printed and, when numeric, its Amount. Empty ≠ 0."""

    text: str
    column: str  # header path, e.g. "本年支出/基本支出"
    amount: Amount | None = None

    @property
    def is_empty(self) -> bool:
        return self.text.strip() == ""


HALF_WIDTH_BRACKETS = str.maketrans("（）", "()")
PRINTED_YEAR = re.compile(r"^20\d{2}年度?")
FIGURE_LEAF = re.compile(r"/(?:决算数|预算数|金额)$")


def comparable_path(path: str) -> str:
    """A header path as columns are compared: brackets half-width, and a year printed before a
    heading dropped (2023年“三公”经费预算数 is the “三公”经费预算数 column of that year's table)."""
    return "/".join(PRINTED_YEAR.sub("", part) for part in path.translate(HALF_WIDTH_BRACKETS).split("/"))


@dataclass
class Row:
    code: str | None  # function or economic code (201, 20132, 2013201, 30101 …) when printed
    name: str
    cells: list[Cell]
    loc: Location
    segment: str = ""  # for side-by-side tables (收入 | 支出): the header of the half it sits in

    def cell(self, column: str) -> Cell | None:
        """The cell whose header path equals ``column`` or ends with ``/column``.

        Full- and half-width brackets compare equal: headers print 因公出国(境)费 and 因公出国（境）费.
        A printed year is ignored, unless two columns differ only by their year (2022年预算数 |
        2023年预算数): then no cell is the one meant, and None is returned.
        """
        column = comparable_path(column)
        found = [c for c in self.cells
                 if (path := comparable_path(c.column)) == column or path.endswith("/" + column)]
        if not found:
            # 本年支出合计/决算数 | 基本支出/决算数 | …: a figure word printed under every column names
            # nothing; the column is the one left once it is dropped, if only one is
            bare = [c for c in self.cells if (path := FIGURE_LEAF.sub("", comparable_path(c.column))) == column
                    or path.endswith("/" + column)]
            found = bare if len(bare) == 1 else []
        years = {m.group(0) if (m := PRINTED_YEAR.match(c.column)) else "" for c in found}
        if len(years) > 1:
            return None
        return found[0] if found else None


@dataclass
class Table:
    title: str
    code: str | None  # 公开01表, 财决01表 … as printed
    family: str  # "final" | "budget" | "self_evaluation" | "other"
    standard_id: str | None  # e.g. "final.01", "budget.expenditure_total"
    unit: str | None  # "万元" | "元"
    header: list[str]  # value-column paths
    rows: list[Row]
    loc: Location
    scope: str | None = None  # all_funds / fiscal / general_budget / gov_fund / state_capital / three_public
    #: the grid as printed (header rows included, pages joined): forms such as 绩效自评表 are read
    #: from it label by label, since their rows are not records of one header
    printed_rows: list[tuple[list[str], Location]] = field(default_factory=list)

    def find_rows(self, *, code: str | None = None, name: str | None = None) -> Iterator[Row]:
        for r in self.rows:
            if code is not None and r.code != code:
                continue
            if name is not None and r.name != name:
                continue
            yield r


@dataclass
class Document:
    source: str
    format: str
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    year: int | None = None
    department: str | None = None
    kind: str | None = None  # "final" | "budget" | None
    pages: int | None = None  # of a PDF
    parts: tuple[str, ...] = ()  # the files of a report given as several (情况说明 + 报表)

    @property
    def sentences(self) -> list[Sentence]:
        from .layout.sentences import paragraph_to_sentences

        return [s for p in self.paragraphs for s in paragraph_to_sentences(p)]


# --------------------------------------------------------------------------- claims

CLAIM_KINDS = (
    "amount", "share", "rate", "yoy_amount", "yoy_pct", "budget_completion", "comparison",
    "enumeration", "count", "score", "restatement", "reason", "unread",
)
SCOPES = ("all_funds", "fiscal", "general_budget", "gov_fund", "state_capital", "three_public", "project", "other")


@dataclass(frozen=True)
class Subject:
    """What a claim is about: as printed, normalised, its 类/款/项 path and function code."""

    printed: str
    name: str
    path: tuple[str, ...] = ()
    code: str | None = None


@dataclass
class Claim:
    """One thing the prose states: a number with what it is about, or a comparison, list or reason."""

    kind: str
    sentence: Sentence
    start: int  # offset of the number (or phrase) in the sentence
    raw: str  # as printed
    subject: Subject
    scope: str
    amount: Amount | None = None
    basis: str | None = None  # change: prior_year / prior_budget / budget (the year's own); completion: initial_budget / budget
    figure: str | None = None  # amount: None (this year's), "prior", "prior_actual", "budget" or "actual" — claims.figures
    direction: str | None = None  # increase / decrease / flat / over / under / equal
    whole: Subject | None = None  # share: the whole the percent is taken of
    parts: list[Claim] = field(default_factory=list)  # enumeration: its items
    hedged: bool = False  # enumeration ending in 等 (need not add up); amount stated as 200余万元 (a lower bound); comparison 小于（或持平）
    # links between claims (not compared or printed: outer and nested point at each other)
    total: Claim | None = field(default=None, compare=False, repr=False)  # enumeration: the claim of its total
    outer: Claim | None = field(default=None, compare=False, repr=False)  # enumeration nested in a part of this list
    nested: Claim | None = field(default=None, compare=False, repr=False)  # enumeration: the list nested in one of its parts
    restates: Claim | None = field(default=None, compare=False, repr=False)  # restatement: the figure's first statement
    # enumeration of a closed breakdown (三公 items) ended by 。: the items opening the next sentences of its
    # paragraph, which may be its next parts (其中：A，…；B，…。C，…) — read only when it falls short of its total
    continued: list[Claim] = field(default_factory=list, compare=False, repr=False)
    text: str | None = None  # reason: the reason as printed, without its lead-in
    explains: Claim | None = None  # reason: the claim it explains
    # reason: the first reason of the numbered list it goes on (一是X。二是Y: Y's is X), whose change it explains
    list_head: Claim | None = field(default=None, compare=False, repr=False)

    @property
    def loc(self) -> Location:
        return self.sentence.loc_at(self.start)
