"""Reasons printed in a table's reason column: 绩效自评表 偏差原因分析 / 未完成原因分析 (often a ticked
cause and ``其他:`` before the text), a budget-execution table's 原因 / 变动原因 / 增减原因, a 说明
column beside two figures to compare.

The columns are recognised by their header words (``patterns/reason_columns.json``, checked on load),
never by file. Tables are read from ``Table.printed_rows`` (the grid as printed, header rows
included), since forms are not records of one header. For each data row under a reason header:

* the text of the reason column's cells (a column may span sub-columns: 经费保障 … 其他 原因说明),
  ticks and prefixes dropped, a row with text only there continuing the reason above (a wrapped cell);
  a tick with no text gives the ticked cause's name (经费保障);
* the row's item: its first cell naming something (not a number, an operator, or an indicator's
  level such as 产出指标), with its function code when one is printed before it;
* the change, when the row prints it: budget and actual (调整后预算数 / 预算执行数, and 预算执行率),
  target and achieved (≥ 500 人 / 0), or last year and this year.

A form's printed instruction (``1.预算执行率=…需说明原因``), an empty cell and ``无`` are no reason.
Some exports shift a row's left cells by one (a merged cell printed twice or not at all): the shift is
read from where the row prints its operator (≥, 定性) against the header's 运算符号 / 指标性质 column.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..claims.lexicon import claim_frames
from ..layout.grid import squash
from ..model import Amount, Document, Location, Table
from ..numbers import parse_cell
from ..patterns import pattern_path

if TYPE_CHECKING:
    from ..reconcile.finding import Finding

COLUMNS_FILE = "reason_columns.json"
_FIGURE_KINDS = ("budget", "actual", "rate", "target", "achieved", "prior", "current")
_PAIRS = (("budget", "actual"), ("target", "achieved"), ("prior", "current"))
_UNIT_TAIL = re.compile(r"\((?:万元|元|亿元|%|％)\)$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_PREFIX_SEP = "[:：]\\s*"


@dataclass(frozen=True)
class ColumnWords:
    """The words of ``patterns/reason_columns.json``."""

    reason_headers: frozenset[str]
    note_headers: frozenset[str]
    cell_prefix: re.Pattern[str]
    ticks: frozenset[str]
    no_reason: frozenset[str]
    instructions: tuple[re.Pattern[str], ...]
    labels: frozenset[str]
    figures: dict[str, tuple[str, ...]]
    operator: frozenset[str]
    operators: frozenset[str]
    group_label: re.Pattern[str]


def _words(data: dict, key: str, path: Path) -> tuple[str, ...]:
    words = data.get(key)
    if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
        raise ValueError(f"{path}: '{key}' must be a non-empty list of non-empty strings")
    return tuple(words)


def load_column_words(path: Path) -> ColumnWords:
    """The words of ``path``, checked: every list present and non-empty, every pattern valid."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise ValueError(f"{path}: cannot read reason columns: {err}") from None
    figures = data.get("figures")
    if not isinstance(figures, dict) or set(figures) != set(_FIGURE_KINDS):
        raise ValueError(f"{path}: 'figures' must name exactly {', '.join(_FIGURE_KINDS)}")
    try:
        prefixes = "|".join(re.escape(p) for p in _words(data, "cell_prefixes", path))
        return ColumnWords(
            reason_headers=frozenset(map(header_key, _words(data, "reason_headers", path))),
            note_headers=frozenset(map(header_key, _words(data, "note_headers", path))),
            cell_prefix=re.compile(f"^(?:{prefixes}){_PREFIX_SEP}"),
            ticks=frozenset(_words(data, "ticks", path)),
            no_reason=frozenset(_words(data, "no_reason", path)),
            instructions=tuple(re.compile(p) for p in _words(data, "instructions", path)),
            labels=frozenset(map(header_key, _words(data, "labels", path))),
            figures={k: tuple(map(header_key, _words(figures, k, path))) for k in _FIGURE_KINDS},
            operator=frozenset(map(header_key, _words(data, "operator", path))),
            operators=frozenset(_words(data, "operators", path)),
            group_label=re.compile(data["group_label"]),
        )
    except (re.error, KeyError, TypeError) as err:
        raise ValueError(f"{path}: invalid reason columns: {err}") from None


@cache
def column_words() -> ColumnWords:
    return load_column_words(pattern_path(COLUMNS_FILE))


def header_key(text: str) -> str:
    """A header cell as compared: no spaces, half-width brackets, no trailing unit (万元)."""
    return _UNIT_TAIL.sub("", squash(text).replace("（", "(").replace("）", ")"))


# --------------------------------------------------------------------------- what a row gives


@dataclass(frozen=True)
class TableFigures:
    """The two figures of the change a table reason explains, as printed, with their column names."""

    base_label: str
    base: str
    value_label: str
    value: str


@dataclass(frozen=True)
class TableReason:
    """One reason cell (wrapped rows joined) with what its row says it explains."""

    text: str
    column: str  # the reason column's header as printed (未完成原因分析, 原因 …)
    item: str | None
    item_code: str | None
    basis: str  # performance | budget | yoy
    direction: str | None
    amount: Decimal | None  # value − base, for money figures
    unit: str | None
    completion: Decimal | None  # the printed 预算执行率
    figures: TableFigures | None
    loc: Location
    table: int  # 1-based, among the document's tables
    row: int  # 1-based, among the table's printed rows (header rows included)
    title: str
    printed: str  # the row as printed, its cells joined by " | "


@dataclass
class _Block:
    """A reason header and the rows under it."""

    start: int  # first index of the reason column
    end: int  # first index after it
    column: str
    figures: dict[str, tuple[int, str]]  # kind → (index, header as printed)
    operator: int | None
    names: dict[int, str]  # sub-column index → its name (经费保障 …), from a sub-header row
    fresh: bool = True  # no data row read yet: the next row may be a sub-header


def _figure_columns(keys: list[str], cells: list[str]) -> dict[str, tuple[int, str]]:
    words = column_words().figures
    found: dict[str, tuple[int, str]] = {}
    for kind in _FIGURE_KINDS:
        for word in words[kind]:
            k = next((i for i, key in enumerate(keys) if key == word), None)
            if k is not None:
                found[kind] = (k, squash(cells[k]))
                break
    return found


def _header(cells: list[str]) -> _Block | None:
    """The reason block a header row opens, or None when the row is no reason header."""
    words = column_words()
    keys = [header_key(c) for c in cells]
    figures = _figure_columns(keys, cells)
    compared = any(a in figures and b in figures for a, b in _PAIRS)
    k = next((i for i, key in enumerate(keys) if key in words.reason_headers
              or (key in words.note_headers and compared)), None)
    if k is None:
        return None
    end = next((i for i in range(k + 1, len(keys)) if keys[i]), max(len(keys), k + 1))
    operator = next((i for i, key in enumerate(keys) if key in words.operator), None)
    return _Block(k, end, squash(cells[k]), figures, operator, {})


def _number(text: str, unit: str | None = None) -> Amount | None:
    try:
        return parse_cell(text, unit)
    except TimeoutError:
        return None


def _is_figure(text: str) -> bool:
    return bool(text) and (_number(text) is not None or not _CJK.search(text))


def _sub_header(block: _Block, cells: list[str]) -> bool:
    """A row right under the header naming sub-columns (运算符号 内容 … 经费保障 … 原因说明), no figures."""
    keys = [squash(c) for c in cells]
    if not any(keys) or any(_is_figure(k) for k in keys):
        return False
    words = column_words()
    for i, key in enumerate(keys):
        if block.start <= i < block.end and key:
            block.names[i] = key
        if header_key(key) in words.operator and block.operator is None:
            block.operator = i
    return True


def _other_header(keys: list[str]) -> bool:
    """A header row that opens no reason column: figure or note headers and no figure."""
    words = column_words()
    heads = words.note_headers.union(*words.figures.values())
    return any(header_key(k) in heads for k in keys) and not any(_is_figure(k) for k in keys)


def _shift(block: _Block, keys: list[str]) -> int:
    """How far this row's cells sit right of the header's (an export printing a merged cell twice)."""
    if block.operator is None:
        return 0
    ops = column_words().operators
    at = next((i for i, k in enumerate(keys) if k in ops), None)
    return 0 if at is None or abs(at - block.operator) > 2 else at - block.operator


def _reason_cells(block: _Block, keys: list[str], shift: int) -> tuple[list[str], list[int]]:
    """The text and the ticked sub-columns of the reason column in this row. After a tick the text is
    the first text cell that follows it, wherever the export put it (the 改进措施 column comes next);
    without one, the first text cell inside the column."""
    words = column_words()
    ticked = [i for i in range(block.start, len(keys)) if keys[i] in words.ticks]
    lo, hi = (ticked[-1] + 1, len(keys)) if ticked else (block.start, min(len(keys), block.end + max(shift, 0)))
    for i in range(lo, hi):
        key = keys[i]
        if key and key not in words.ticks and header_key(key) not in words.labels and not _is_figure(key):
            return [key], ticked
    return [], ticked


def _item(block: _Block, keys: list[str]) -> tuple[str | None, str | None]:
    """(item, code): the first cell before the reason column naming something."""
    words = column_words()
    code = None
    for key in keys[: block.start]:
        if not key or key in words.operators or key in words.ticks:
            continue
        if _CODE.match(key):
            code = code or key
            continue
        if _is_figure(key) or words.group_label.match(key) or header_key(key) in words.labels:
            continue
        return key, code
    return None, code


def _cell(keys: list[str], figures: dict[str, tuple[int, str]], kind: str, shift: int) -> str | None:
    if kind not in figures:
        return None
    i = figures[kind][0] + shift
    return keys[i] if 0 <= i < len(keys) and keys[i] else None


def _target(block: _Block, keys: list[str], shift: int) -> str | None:
    """The target of an indicator row: the figure after its operator (≥ 500), else its column's."""
    if block.operator is not None:
        i = block.operator + shift
        if 0 <= i < len(keys) and keys[i] in column_words().operators and i + 1 < len(keys):
            return keys[i + 1] or None
    return _cell(keys, block.figures, "target", shift)


@dataclass(frozen=True)
class _Change:
    figures: TableFigures | None
    direction: str | None
    amount: Decimal | None
    completion: Decimal | None
    kind: str | None  # the pair read: budget / target / prior


def _change(block: _Block, keys: list[str], shift: int, unit: str | None) -> _Change:
    rate = _number(_cell(keys, block.figures, "rate", shift) or "")
    completion = rate.value if rate is not None and rate.unit == "%" else None
    for base_kind, value_kind in _PAIRS:
        base = _target(block, keys, shift) if base_kind == "target" else _cell(keys, block.figures, base_kind, shift)
        value = _cell(keys, block.figures, value_kind, shift)
        if base is None or value is None:
            continue
        money = base_kind != "target"  # an indicator's target is in its own unit (人, %, 天)
        a, b = _number(base, unit if money else None), _number(value, unit if money else None)
        if a is None or b is None:
            continue
        if base_kind == "prior":
            direction = "increase" if b.value > a.value else "decrease" if b.value < a.value else "flat"
        else:
            direction = "over" if b.value > a.value else "under" if b.value < a.value else "flat"
        money = money and a.is_money and b.is_money and a.unit == b.unit
        label = block.figures[base_kind][1] if base_kind in block.figures else "目标值"
        figures = TableFigures(label, base, block.figures[value_kind][1], value)
        return _Change(figures, direction, b.value - a.value if money else None, completion, base_kind)
    return _Change(None, None, None, completion, None)


def _text(words: ColumnWords, texts: list[str]) -> str:
    return words.cell_prefix.sub("", "".join(texts)).strip()


def _cause_only(reason: TableReason) -> TableReason:
    """Without the measures after it in a 偏差原因分析及改进措施 cell (…，下一步将加强组织), wrapped rows joined."""
    measures = claim_frames()["reason_runs_into_measures"].cue(reason.text) and claim_frames()[
        "reason_runs_into_measures"].search(reason.text)
    return replace(reason, text=reason.text[: measures.start()].strip()) if measures else reason


def _basis(table: Table, doc: Document, kind: str | None) -> str:
    if table.family == "self_evaluation" or kind == "target":
        return "performance"
    if kind == "prior" or doc.kind == "budget":
        return "yoy"  # a budget compares with last year's budget or execution
    return "budget"


def table_reasons(doc: Document) -> list[TableReason]:
    """Every reason printed in a reason column of the document's tables, in table and row order."""
    out: list[TableReason] = []
    for number, table in enumerate(doc.tables, 1):
        out.extend(_cause_only(r) for r in _table(doc, table, number))
    return out


def _is_reason(words: ColumnWords, text: str) -> bool:
    return (len(_CJK.findall(text)) >= 2 and text not in words.no_reason
            and not any(p.search(text) for p in words.instructions))


def _table(doc: Document, table: Table, number: int) -> list[TableReason]:
    words = column_words()
    out: list[TableReason] = []
    block: _Block | None = None
    last: TableReason | None = None  # the reason a wrapped row continues
    for index, (cells, loc) in enumerate(table.printed_rows, 1):
        if block is not None and block.fresh and _sub_header(block, cells):
            continue
        opened = _header(cells)
        if opened is not None:
            block, last = opened, None
            continue
        if block is None:
            continue
        block.fresh = False
        keys = [squash(c) for c in cells]
        if _other_header(keys):
            block, last = None, None  # another table's header (项目名称 | 金额 | 说明): the block ends
            continue
        shift = _shift(block, keys)
        texts, ticked = _reason_cells(block, keys, shift)
        others = [k for i, k in enumerate(keys) if k and not block.start <= i < block.end + max(shift, 0)]
        if texts and not others and last is not None and not ticked:  # a wrapped cell goes on
            joined = last.text + _text(words, texts)
            if _is_reason(words, joined):
                out[-1] = last = replace(last, text=joined)
            continue
        text = _text(words, texts) if texts else "、".join(
            block.names[i] for i in ticked if block.names.get(i, "") not in ("", *words.no_reason))
        last = None
        if not _is_reason(words, text):
            continue
        item, code = _item(block, keys)
        change = _change(block, keys, shift, table.unit)
        basis = _basis(table, doc, change.kind)
        direction = change.direction or ("under" if basis == "performance" else None)
        if basis == "yoy" and direction in ("over", "under"):  # a budget's 预算数 | 决算数: last year's
            direction = "increase" if direction == "over" else "decrease"
        last = TableReason(
            text=text, column=block.column, item=item, item_code=code, basis=basis, direction=direction,
            amount=change.amount, unit=table.unit if change.amount is not None else None,
            completion=change.completion, figures=change.figures, loc=loc, table=number, row=index,
            title=table.title, printed=" | ".join(k for k in keys if k),
        )
        out.append(last)
    return out


__all__ = ["ColumnWords", "TableFigures", "TableReason", "column_words", "load_column_words", "table_reason_findings",
           "table_reasons"]


def table_reason_findings(doc: Document) -> list[Finding]:
    """``check``'s record of each table reason, as it has one of each reason of the prose: ``unverifiable``
    (a stated reason, nothing to compute), with the row and column it is printed in as evidence."""
    from ..reconcile.finding import Evidence, Finding

    return [
        Finding(status="unverifiable", kind="reason", loc=r.loc, subject=r.item, raw=r.text,
                message=f"a stated reason in the {r.column} column of {r.title} (see `reasons` for its category)",
                evidence=[Evidence(table=r.title, row=r.item, code=r.item_code, column=r.column, printed=r.text,
                                   loc=r.loc)])
        for r in table_reasons(doc)
    ]
