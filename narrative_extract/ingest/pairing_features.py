"""What folder pairing reads of each file (``file_features``): cheap, once, never the full parse.

A PDF's text is taken page by page with pypdfium2 (about 1 ms a page, against 30-40 ms for the
pdfplumber parse ``check`` does afterwards; ``MAX_PAGES`` at most), any other format through
its reader. From that text come:

* the figures the narrative states in prose: an amount with its unit (``收入预算 134133.33 万元``)
  and the words before it, mapped to a total (``income_total`` …) when they name one;
* the figures the tables print: a bare number after a row name (``收入总计 134,133.328271``),
  in the unit the table states (``金额单位：万元``);
* the unit's name as the first lines or a ``单位：…`` line print it.

A file whose prose states a headline total and whose tables print none is a narrative part; one
whose tables print a headline total and whose prose states none is a tables part; one with both
is a whole report (never paired); one with neither is not paired either.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import lru_cache
from pathlib import Path

import regex

from ..claims.subjects import LEADING_MARK
from ..errors import InputError
from ..layout.tables import UNIT as TABLE_UNIT  # 单位：万元, one pattern for tables and pairing
from ..model import GridRow, TextLine
from ..patterns import pattern_path
from ..settings import DEFAULT_SETTINGS, Settings

#: Pages of a PDF read for its features: a narrative part is short, and a tables part prints its
#: 收支总表 first; a whole report's tables begin well before this.
MAX_PAGES = 40

UNITS = {"元": Decimal("0.0001"), "万元": Decimal(1), "亿元": Decimal(10_000)}  # → 万元
PROSE_AMOUNT = regex.compile(r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)[ \t]*(万元|亿元|元)")
# a bare printed number: with a decimal point or thousands separators (codes and years have neither)
TABLE_NUMBER = regex.compile(r"(?<![\d.,])(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+\.\d+)(?![\d.,%])"
                             r"(?![ \t]*(?:万|亿|元|%|年|月|日|个|人|家|辆|台|批|次|项|户|所|座|名|间|册|套|平方|公里))")
UNIT_LINE = regex.compile(r"(?:编制|预算|填报|公开)?(?:单位|部门)(?:名称)?[:：]\s*([\p{Han}（）()]{3,40})")
# 收 入 总 计: a word set with a space after every character
HAN = regex.compile(r"\p{Han}")
DIGIT = regex.compile(r"\d")
SPACED_HAN = regex.compile(r"(?<!\S)\p{Han}(?:[ \u3000]\p{Han})+(?!\S)")
PROSE_STOP = regex.compile(r"[，。；：、,;:！？!?（）()“”\"]")
# 一、（一）1. before a label: the leading marks the claims strip (claims.subjects.LEADING_MARK), repeated
NUMBERING = regex.compile(f"^(?:{LEADING_MARK.pattern.removeprefix('^')})+")
YEAR = regex.compile(r"(?:19|20)\d\d年度?")
FILLER = regex.compile(r"^(?:本年度|本年|全年|当年|年度|本部门|本单位|部门|单位|我单位|我局)+|(?:为|是|共计|共|达|约)+$")


class Role(str, Enum):
    NARRATIVE = "narrative"  # states totals in prose, prints no summary table
    TABLES = "tables"  # prints the summary tables, states no total in prose
    WHOLE = "whole"  # both: a report in one file
    UNKNOWN = "unknown"  # neither


@dataclass(frozen=True)
class Total:
    key: str
    name: str
    headline: bool
    prose: tuple[regex.Pattern, ...]
    table: tuple[regex.Pattern, ...]


@dataclass(frozen=True)
class PairingLexicon:
    roles: dict[str, regex.Pattern]
    noise: regex.Pattern
    org: regex.Pattern
    comparison: tuple[str, ...]
    totals: tuple[Total, ...]


@lru_cache(maxsize=1)
def lexicon() -> PairingLexicon:
    path = pattern_path("pairing.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    try:
        roles = {role: regex.compile("|".join(f"(?:{w})" for w in words), regex.I)
                 for role, words in data["name_roles"].items()}
        totals = tuple(Total(t["key"], t["name"], bool(t.get("headline")),
                             tuple(regex.compile(f"(?:{p})") for p in t["prose"]),
                             tuple(regex.compile(f"(?:{p})$") for p in t["table"])) for t in data["totals"])
        return PairingLexicon(roles=roles, noise=regex.compile("|".join(f"(?:{w})" for w in data["name_noise"])),
                              org=regex.compile(data["org_suffix"] + "$"), comparison=tuple(data["comparison_words"]),
                              totals=totals)
    except (KeyError, TypeError, regex.error) as err:
        raise ValueError(f"{path}: bad pairing pattern ({err})") from None


@dataclass(frozen=True)
class Figure:
    """One figure as printed, with the interval of values it stands for (in 万元)."""

    label: str  # the words before it, as printed (spaces and line breaks taken out)
    key: str | None  # the total it states, when its words name one
    printed: str  # number and unit as printed
    value: Decimal  # in 万元; None-unit table figures are kept in the table's unit guessed 万元
    half: Decimal  # half the last printed digit, in 万元
    where: str  # p.N or l.N
    unit_known: bool = True

    def agrees(self, other: Figure) -> bool:
        return abs(self.value - other.value) <= self.half + other.half

    def significant(self) -> int:
        """Digits printed, leading zeros aside (12,345.67 → 7)."""
        return len("".join(DIGIT.findall(self.printed)).lstrip("0"))

    def as_dict(self) -> dict:
        return {"label": self.label, "printed": self.printed, "at": self.where}


@dataclass(frozen=True)
class FileFeatures:
    path: str
    role: Role
    title: str  # the first lines of the file (its unit's name, when printed there) and any 单位：… line
    prose: tuple[Figure, ...]
    table: tuple[Figure, ...]
    pages: int  # pages (or 1 for a text file) read

    def keyed(self, side: str, key: str) -> list[Figure]:
        return [f for f in (self.prose if side == "prose" else self.table) if f.key == key]


def file_features(path: str, settings: Settings = DEFAULT_SETTINGS) -> FileFeatures:
    """The features of one file. Raises InputError when it cannot be read at all.

    Pages are read in order until both a stated and a printed headline total are found (a whole
    report), or to the end, or to ``MAX_PAGES`` (some whole reports print their tables first and
    their narrative after: a tables part is only known as one at the end)."""
    lex = lexicon()
    headline = {t.key for t in lex.totals if t.headline}
    prose: list[Figure] = []
    table: list[Figure] = []
    unit: str | None = None
    read: list[tuple[str, str]] = []
    for where, text in _pages(path, settings):
        text = unspaced(unicodedata.normalize("NFKC", text))
        read.append((where, text))
        found_unit = TABLE_UNIT.search(text)
        unit = found_unit.group(1) if found_unit else unit
        prose.extend(_prose_figures(text, where, lex))
        table.extend(_table_figures(text, where, unit, lex))
        if any(f.key in headline for f in prose) and any(f.key in headline for f in table):
            break
    return FileFeatures(path=path, role=_role(prose, table, lex), title=_title(read), prose=tuple(prose),
                        table=tuple(table), pages=len(read))


def _pages(path: str, settings: Settings) -> Iterator[tuple[str, str]]:
    """(where, text) of each page; a file of another format gives each line (or row) as a page."""
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"%PDF"):
        yield from _pdf_pages(path)
        return
    from . import read_raw

    for item in read_raw(path, settings).items:
        if isinstance(item, TextLine):
            yield str(item.loc), item.text
        elif isinstance(item, GridRow):
            yield str(item.loc), " ".join(c for c in item.cells if c)


def _pdf_pages(path: str) -> Iterator[tuple[str, str]]:
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError as err:
        raise InputError(path, f"corrupt PDF: {err}") from None
    try:
        for number in range(min(len(pdf), MAX_PAGES)):
            page = pdf[number]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
            page.close()
            yield f"p.{number + 1}", one_line_a_character(text)
    finally:
        pdf.close()


def unspaced(text: str) -> str:
    return SPACED_HAN.sub(lambda m: WHITESPACE.sub("", m.group()), text)


def one_line_a_character(text: str) -> str:
    """A page whose text comes one character a line (each drawn on its own) as running text."""
    lines = text.splitlines()
    if len(lines) > 20 and sum(len(line.strip()) <= 1 for line in lines) > 0.8 * len(lines):
        return "".join(line.strip() for line in lines)
    return text


WHITESPACE = regex.compile(r"\s+")
ROW_NAME_BREAK = regex.compile(r"[、]")
ROW_NUMBER = regex.compile(r"\d{1,3}")


def _label(chunk: str) -> str:
    return WHITESPACE.sub("", chunk)


def total_key(label: str, side: str, lex: PairingLexicon) -> str | None:
    """The total a row name or the words before a prose figure name, if any."""
    if side == "prose":
        if any(w in label for w in lex.comparison):
            return None
        years = list(YEAR.finditer(label))
        label = label[years[-1].end():] if years else label
        label = FILLER.sub("", NUMBERING.sub("", label))
    else:
        label = NUMBERING.sub("", ROW_NAME_BREAK.split(label)[-1])
    for total in lex.totals:  # a table's row names may run together (one character a line): its end names it
        if any(p.fullmatch(label) if side == "prose" else p.search(label) for p in
               (total.prose if side == "prose" else total.table)):
            return total.key
    return None


def _prose_figures(text: str, where: str, lex: PairingLexicon) -> list[Figure]:
    out = []
    last_end = 0
    for m in PROSE_AMOUNT.finditer(text):
        before = text[last_end:m.start()]
        stops = list(PROSE_STOP.finditer(before))
        chunk = _label(before[stops[-1].end():] if stops else before)
        last_end = m.end()
        number = _decimal(m.group(1))
        if number is None:
            continue
        scale = UNITS[m.group(2)]
        decimals = len(m.group(1).split(".")[1]) if "." in m.group(1) else 0
        out.append(Figure(label=chunk[-30:], key=total_key(chunk, "prose", lex), printed=f"{m.group(1)}{m.group(2)}",
                          value=number * scale, half=Decimal(5) * Decimal(10) ** -(decimals + 1) * scale, where=where))
    return out


def _table_figures(text: str, where: str, unit: str | None, lex: PairingLexicon) -> list[Figure]:
    out = []
    last_end = 0
    scale = UNITS.get(unit or "万元", Decimal(1))
    for m in TABLE_NUMBER.finditer(text):
        before = text[last_end:m.start()]
        last_end = m.end()
        tokens = before.split()
        while tokens and ROW_NUMBER.fullmatch(tokens[-1]):
            tokens.pop()  # 行次 / 栏次 printed between a row's name and its figures
        chunk = tokens[-1] if tokens else ""
        if not HAN.search(chunk):
            continue  # a second column of the row above: its row name is the first column's
        number = _decimal(m.group(1))
        if number is None:
            continue
        decimals = len(m.group(1).split(".")[1]) if "." in m.group(1) else 0
        out.append(Figure(label=chunk[-30:], key=total_key(chunk, "table", lex), printed=m.group(1),
                          value=number * scale, half=Decimal(5) * Decimal(10) ** -(decimals + 1) * scale,
                          where=where, unit_known=unit is not None))
    return out


def _decimal(printed: str) -> Decimal | None:
    try:
        return Decimal(printed.replace(",", ""))
    except InvalidOperation:
        return None


def _role(prose: list[Figure], table: list[Figure], lex: PairingLexicon) -> Role:
    headline = {t.key for t in lex.totals if t.headline}
    states = any(f.key in headline for f in prose)
    prints = any(f.key in headline for f in table)
    if states and prints:
        return Role.WHOLE
    if states:
        return Role.NARRATIVE
    return Role.TABLES if prints else Role.UNKNOWN


def _title(pages: list[tuple[str, str]]) -> str:
    """The first lines of the first page, and every ``单位：…`` name of the pages read."""
    first = [line.strip() for _, text in pages[:5] for line in text.splitlines()]
    head = " ".join(line for line in first if HAN.search(line))[:80]
    named = {m.group(1) for _, text in pages[:5] for m in UNIT_LINE.finditer(text)}
    return " ".join([head, *sorted(named)])


def name_of(path: str) -> str:
    """A file's name without folder and suffix, NFKC-normalised."""
    return unicodedata.normalize("NFKC", Path(path).stem)
