"""Self-evaluation sheets (绩效自评表) against themselves.

- 执行率 = 执行数 / 预算数: from a label → value row (项目预算金额 897.47 全年执行数 873.55 执行率 97.34%)
  or from a budget block whose rows print 年初预算, 调整后预算数, 预算执行数, 预算执行率 side by side
  (the rate is taken of the figure printed just before it over the one before that, the sheet's own
  rule 预算执行率 = 预算执行数 / 调整后预算数);
- 绩效自评总得分 = 指标自评得分小计 + 预算执行率得分 − 减分项;
- a block of scored rows (分值/权重, 得分) adds up to its 合计 or 指标自评得分小计.

The sheets are forms, read from ``Table.printed_rows`` cell by cell with the labels of
patterns/self_evaluation.json. Any row the reader cannot place leaves its block without a verdict:
a form misread must not become an alarm.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from ..model import Amount, Document, Location, Table
from ..numbers import parse_cell
from ..patterns import pattern_path
from ..relations.cells import form_relation
from .finding import Evidence, Finding, fmt, judge
from .interval import Interval, total

PLACEHOLDER = "/"


@dataclass(frozen=True)
class SheetLabels:
    pairs: dict[str, frozenset[str]]
    weight: frozenset[str]
    score: frozenset[str]
    totals: frozenset[str]
    budget_header: frozenset[str]
    full_weights: frozenset[Decimal]


@lru_cache(maxsize=1)
def sheet_labels() -> SheetLabels:
    path = pattern_path("self_evaluation.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    try:
        return SheetLabels(
            pairs={k: frozenset(v) for k, v in data["pairs"].items()},
            weight=frozenset(data["score_header"]["weight"]),
            score=frozenset(data["score_header"]["score"]),
            totals=frozenset(data["score_totals"]),
            budget_header=frozenset(data["budget_header"]),
            full_weights=frozenset(Decimal(str(w)) for w in data["full_weights"]),
        )
    except (KeyError, TypeError) as err:
        raise ValueError(f"{path}: invalid self-evaluation labels: {err}") from None


def squash(text: str) -> str:
    return "".join(text.split())


def number(text: str) -> Amount | None:
    return parse_cell(squash(text), None)


@dataclass
class Printed:
    """One printed row: its non-empty cells, without spaces, and where it is."""

    cells: list[str]
    loc: Location


def printed(table: Table) -> list[Printed]:
    return [Printed([squash(c) for c in cells if squash(c)], loc) for cells, loc in table.printed_rows]


def sheet_findings(doc: Document) -> list[Finding]:
    out: list[Finding] = []
    for table in doc.tables:
        if table.family != "self_evaluation":
            continue
        rows = printed(table)
        out.extend(labelled_rate(table, rows))
        out.extend(total_score(table, rows))
        out.extend(budget_block_rates(table, rows))
        out.extend(score_blocks(table, rows))
    return out


def labelled_values(rows: list[Printed]) -> dict[str, tuple[Amount, str, Location]]:
    """label kind → (value, printed text, where) for cells printed as label → value."""
    words = sheet_labels().pairs
    found: dict[str, tuple[Amount, str, Location]] = {}
    for row in rows:
        for label, value in zip(row.cells, row.cells[1:], strict=False):
            kind = next((k for k, ws in words.items() if label in ws), None)
            amount = number(value)
            if kind is not None and amount is not None and kind not in found:
                found[kind] = (amount, value, row.loc)
    return found


def finding(table: Table, loc: Location, kind: str, stated: Amount, raw: str, expected: Interval, formula: str,
            what: str) -> Finding:
    status = judge(Interval.of(stated), expected, stated.half_ulp * 2)
    verb = "agrees with" if status != "mismatch" else "does not agree with"
    return Finding(status=status, kind=kind, message=f"{table.title}: {what} {raw} {verb} {formula} = {fmt(expected.mid)}",
                   expected=fmt(expected.mid), loc=loc, subject=what, raw=raw, amount=stated,
                   relation=form_relation(None, table, what, raw, "the labels of the sheet name these figures"),
                   evidence=[Evidence(table=table.title, standard_id=table.standard_id, formula=formula, loc=loc)])


def rate_finding(table: Table, loc: Location, rate: tuple[Amount, str], actual: tuple[Amount, str],
                 budget: tuple[Amount, str]) -> Finding | None:
    value = Interval.of(actual[0]).ratio_percent(Interval.of(budget[0]))
    if value is None:
        return None  # a zero budget: the rate is undefined
    formula = f"{actual[1]} ÷ {budget[1]} × 100"
    return finding(table, loc, "sheet_rate", rate[0], rate[1], value, formula, "执行率")


def labelled_rate(table: Table, rows: list[Printed]) -> list[Finding]:
    found = labelled_values(rows)
    if not {"rate", "actual", "budget"} <= found.keys():
        return []
    rate, actual, budget = (found[k] for k in ("rate", "actual", "budget"))
    f = rate_finding(table, rate[2], rate[:2], actual[:2], budget[:2])
    return [f] if f else []


def total_score(table: Table, rows: list[Printed]) -> list[Finding]:
    found = labelled_values(rows)
    if not {"total", "subtotal", "rate_score", "deduction"} <= found.keys():
        return []
    stated, sub, rate, minus = (found[k] for k in ("total", "subtotal", "rate_score", "deduction"))
    expected = Interval.of(sub[0]) + Interval.of(rate[0]) - Interval.of(minus[0])
    formula = f"{sub[1]} + {rate[1]} − {minus[1]}"
    return [finding(table, stated[2], "sheet_score", stated[0], stated[1], expected, formula, "绩效自评总得分")]


def budget_block_rates(table: Table, rows: list[Printed]) -> list[Finding]:
    """Rows under a header naming 预算执行率: the percent over the two figures printed before it."""
    labels = sheet_labels()
    out = []
    inside = False
    for row in rows:
        if (at := next((i for i, c in enumerate(row.cells) if c in labels.budget_header), None)) is not None:
            # only a header naming the two figures before the rate: 调整后预算数 | 预算执行数 | 预算执行率
            inside = at >= 2 and "执行数" in row.cells[at - 1] and "预算" in row.cells[at - 2]
            continue
        if not inside:
            continue
        figures = [(number(c), c) for c in row.cells[1:]]
        rate_at = next((i for i, (a, c) in enumerate(figures) if a is not None and c.endswith("%")), None)
        if rate_at is None:
            if any(a is not None for a, _ in figures):
                continue
            inside = False  # the block ended
            continue
        if rate_at < 2:
            continue
        (budget, b_raw), (actual, a_raw), (rate, r_raw) = figures[rate_at - 2], figures[rate_at - 1], figures[rate_at]
        if budget is None or actual is None or rate is None:  # (the rate never is: it was found above)
            continue
        f = rate_finding(table, row.loc, (rate, r_raw), (actual, a_raw), (budget, b_raw))
        if f is not None:
            f.subject = f"{row.cells[0]} 执行率"
            out.append(f)
    return out


def score_pair(row: Printed) -> tuple[Amount, Amount] | None | Literal[False]:
    """(weight, score): the last two plain figures of a scored row. None for a row without
    figures or not scored (其中：财政资金 … / /); False when the row prints figures the reader
    cannot place."""
    tail = [c for c in row.cells[1:] if c == PLACEHOLDER or number(c) is not None]
    plain = [c for c in tail if not c.endswith("%")]
    if not plain or PLACEHOLDER in plain[-2:]:
        return None
    if len(plain) < 2:
        return False
    weight, score = number(plain[-2]), number(plain[-1])
    return (weight, score) if weight is not None and score is not None else False


def total_cell(row: Printed) -> str | None:
    """The printed total score of a totalling row: the cell right after its label when the row
    goes on with other labels (指标自评得分小计 90 预算执行率得分 9.73 …), else its last figure
    (合计 100 100: 权重 then 得分)."""
    figures = [c for c in row.cells[1:] if number(c) is not None]
    if not figures:
        return None
    if len(row.cells) > 2 and number(row.cells[1]) is not None and number(row.cells[2]) is None:
        return row.cells[1]
    return figures[-1]


def score_blocks(table: Table, rows: list[Printed]) -> list[Finding]:
    """From the first header naming 分值/权重 and 得分 to the row totalling it.

    The weights vouch for the reading: they must add up to the printed total weight (合计 100 100)
    or, when the total row prints only the score, to a full block (90 or 100). Otherwise a row
    was missed and the block gets no verdict.
    """
    labels = sheet_labels()
    out: list[Finding] = []
    pairs: list[tuple[Amount, Amount]] | None = None
    for row in rows:
        header = any(c in labels.weight for c in row.cells) and any(c in labels.score for c in row.cells)
        if header:
            pairs = pairs if pairs is not None else []
            continue
        if pairs is None:
            continue
        label = row.cells[0] if row.cells else ""
        if label in labels.totals:
            if pairs and (f := block_total(table, row, label, pairs)) is not None:
                out.append(f)
            pairs = None
            continue
        pair = score_pair(row)
        if pair is False:
            pairs = None  # a row this reader cannot place: no verdict for the block
        elif pair:
            pairs.append(pair)
    return out


def block_total(table: Table, row: Printed, label: str, pairs: list[tuple[Amount, Amount]]) -> Finding | None:
    raw = total_cell(row)
    if raw is None:
        return None
    weights = sum((w.value for w, _ in pairs), Decimal(0))
    figures = [a for c in row.cells[1:] if (a := number(c)) is not None]
    printed_weight = figures[-2].value if raw == row.cells[-1] and len(figures) >= 2 else None
    if weights not in ({printed_weight} if printed_weight is not None else sheet_labels().full_weights):
        return None
    stated = number(raw)
    assert stated is not None
    scores = [s for _, s in pairs]
    exact = sum((s.value for s in scores), Decimal(0))
    formula = " + ".join(fmt(s.value, max(s.decimals, 0)) for s in scores)
    f = finding(table, row.loc, "sheet_score", stated, raw, total([Interval.of(s) for s in scores]), formula,
                f"{label} 得分")
    f.expected = fmt(exact, max(stated.decimals, 0))
    return f
