"""A performance summary against the projects the report then describes one by one.

共涉及预算支出项目 12 个 … 涉及资金 18,382.69 万元 … 自评平均分 84.92 分, followed by twelve
paragraphs “X”项目自评综述：…项目自评得分 99.73 分。项目全年预算数为 897.47 万元 …: the
budgets must add up to the 涉及资金 and the scores average to the 平均分. Checked only when the
report describes exactly as many projects as the summary counts; otherwise no verdict.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from ..claims.extract import clause_start
from ..claims.figures import BUDGET
from ..claims.lexicon import claim_frames
from ..model import Amount, Claim, Document, Table
from ..relations.cells import form_relation
from .finding import Evidence, Finding, fmt, judge
from .interval import Interval, total
from .target_sheets import target_sheets


def left_of(claim: Claim) -> str:
    text = claim.sentence.text
    return text[clause_start(text, claim.start):claim.start]


def says(frame: str, claim: Claim) -> bool:
    return claim_frames()[frame].search(left_of(claim)) is not None


@dataclass
class Project:
    score: Claim | None
    budget: Claim | None


class Paragraphs:
    """The claims stating a project's score or budget (``entries``, in order) by the paragraph they are
    in, indexed once: the projects described after a summary are those of the entries from one on,
    found by bisection (asked of every summary, a walk over the entries after it was summaries ×
    entries, quadratic on a line of both)."""

    def __init__(self, entries: list[Claim], role: Callable[[Claim], tuple[bool, bool]]):
        self.entries = entries
        at: dict[int, list[int]] = {}  # paragraph → its entries (indices, ascending)
        self.scores: dict[int, list[int]] = {}  # paragraph → its entries stating a score
        self.budgets: dict[int, list[int]] = {}
        for i, c in enumerate(entries):
            key = id(c.sentence.paragraph)
            at.setdefault(key, []).append(i)
            is_score, is_budget = role(c)
            if is_score:
                self.scores.setdefault(key, []).append(i)
            if is_budget:
                self.budgets.setdefault(key, []).append(i)
        self.at = at
        by_last = sorted(at, key=lambda k: at[k][-1])  # a paragraph has entries from ``first`` on iff its last is
        self.keys_by_last = by_last
        self.lasts = [at[k][-1] for k in by_last]

    def count_from(self, first: int) -> int:
        """How many paragraphs hold entries from ``first`` on."""
        return len(self.lasts) - bisect_left(self.lasts, first)

    def projects_from(self, first: int) -> list[Project]:
        """One project per paragraph holding entries from ``first`` on, in the order of the first of
        them: its first score and first budget from ``first`` on."""
        keys = self.keys_by_last[bisect_left(self.lasts, first):]
        starts = sorted((self.first_of(self.at[k], first), k) for k in keys)
        return [Project(self.claim_of(self.scores.get(k), first), self.claim_of(self.budgets.get(k), first))
                for _, k in starts]

    @staticmethod
    def first_of(indices: list[int], first: int) -> int:
        return indices[bisect_left(indices, first)]

    def claim_of(self, indices: list[int] | None, first: int) -> Claim | None:
        """The entry at the first of ``indices`` from ``first`` on, if any."""
        if not indices or indices[-1] < first:
            return None
        return self.entries[self.first_of(indices, first)]


class ProjectLists:
    def __init__(self, claims: list[Claim], doc: Document | None = None):
        self.claims = claims
        self.doc = doc
        # worked out once, not per figure asked about (a line of 10,000 涉及资金 figures was quadratic)
        self.position = {id(c): i for i, c in enumerate(claims)}
        self.by_sentence: dict[int, list[Claim]] = {}
        for c in claims:
            self.by_sentence.setdefault(id(c.sentence), []).append(c)
        self.counts: dict[int, list[Amount]] = {}  # sentence → its project counts
        self.roles: dict[int, tuple[bool, bool]] = {}  # claim → (a project's score, a project's budget)
        self.entries: list[int] = []  # positions of the claims with a role, from ``self.entries_from`` on
        self.entries_from: int | None = None
        self.described_in: Paragraphs | None = None  # the entries by paragraph (``Paragraphs``)

    def target_sheets(self) -> list[tuple[Table, Amount, str]]:
        """Each 绩效目标表 (budget.performance_target) with this year's project funds (年度资金申请总额,
        else 项目资金总额) in the sheet's unit; a sheet printing neither leaves the list incomplete (empty)."""
        if self.doc is None:
            return []
        out = []
        for sheet in target_sheets(self.doc):
            funds = sheet.annual or sheet.whole
            if funds is None:
                return []
            out.append((sheet.table, funds[0], funds[1]))
        return out

    def summary_count(self, near: Claim) -> int | None:
        key = id(near.sentence)
        if key not in self.counts:
            self.counts[key] = [c.amount for c in self.by_sentence.get(key, []) if c.kind == "count"
                                and c.amount is not None and says("project_count_before_number", c)]
        counts = self.counts[key]
        return int(counts[0].value) if counts else None

    def role(self, c: Claim) -> tuple[bool, bool]:
        """Whether the claim states a described project's score, its budget."""
        if id(c) not in self.roles:
            is_score = c.kind == "score" and says("project_score_before_number", c)
            is_budget = c.kind == "amount" and c.figure == BUDGET and says("project_budget_before_number", c)
            self.roles[id(c)] = (is_score, is_budget)
        return self.roles[id(c)]

    def entries_after(self, start: int) -> tuple[int, Paragraphs]:
        """The index in ``self.entries`` of the first claim after ``start`` stating a project's score or
        budget, and those claims by paragraph (each claim's role read once, however many summaries ask)."""
        if self.described_in is None or self.entries_from is None or start < self.entries_from:
            self.entries = [i for i in range(start + 1, len(self.claims)) if any(self.role(self.claims[i]))]
            self.entries_from = start
            self.described_in = Paragraphs([self.claims[i] for i in self.entries], self.role)
        return bisect_right(self.entries, start), self.described_in

    def projects_after(self, summary: Claim) -> list[Project]:
        """One entry per paragraph after the summary that states a project's score or budget."""
        first, paragraphs = self.entries_after(self.position[id(summary)])
        return paragraphs.projects_from(first)

    def project_count_after(self, summary: Claim) -> int:
        """``len(self.projects_after(summary))``, without making them."""
        first, paragraphs = self.entries_after(self.position[id(summary)])
        return paragraphs.count_from(first)

    def described(self, summary: Claim) -> tuple[list[Project], str | None]:
        stated = self.summary_count(summary)
        count = self.project_count_after(summary)
        if stated is None:
            return [], "the summary states no number of projects"
        if count != stated:
            return [], f"the summary counts {stated} projects; {count} are described with figures"
        return self.projects_after(summary), None

    def funds(self, claim: Claim) -> Finding | None:
        """涉及资金 X 万元 = Σ 项目全年预算数."""
        if claim.kind != "amount" or claim.amount is None or not says("project_funds_before_number", claim):
            return None
        if self.summary_count(claim) is None:
            return None
        if not self.project_count_after(claim) and (sheets := self.target_sheets()):
            return self.funds_from_sheets(claim, sheets)
        projects, why = self.described(claim)
        budgets = [p.budget for p in projects]
        if why or any(b is None or b.amount is None for b in budgets):
            return verdict(claim, "unverifiable", why or "a described project states no budget")
        unit = claim.amount.unit
        parts = [b.amount for b in budgets if b and b.amount]
        summed = total([Interval.of(a, unit) for a in parts])
        exact = sum((a.to(unit).value for a in parts), Decimal(0))
        formula = " + ".join(b.raw for b in budgets if b) + f" = {fmt(exact)}{unit}"
        status = judge(Interval.of(claim.amount), summed, claim.amount.half_ulp * 2)
        what = "agree with" if status != "mismatch" else "do not add up to"
        return verdict(claim, status, f"the {len(parts)} project budgets described {what} {claim.raw}",
                       f"{fmt(exact)}{unit}", formula)

    def funds_from_sheets(self, claim: Claim, sheets: list[tuple[Table, Amount, str]]) -> Finding:
        """编报绩效目标的项目5个，涉及项目预算资金3328.13万元 = Σ the 绩效目标表s' 年度资金申请总额."""
        assert claim.amount is not None
        stated = self.summary_count(claim)
        if stated != len(sheets):
            return verdict(claim, "unverifiable", f"the summary counts {stated} projects; the report prints"
                           f" {len(sheets)} performance-target sheets")
        unit = claim.amount.unit
        summed = total([Interval.of(a, unit) for _, a, _ in sheets])
        exact = sum((a.to(unit).value for _, a, _ in sheets), Decimal(0))
        formula = " + ".join(f"{text}{a.unit}" for _, a, text in sheets) + f" = {fmt(exact)}{unit}"
        status = judge(Interval.of(claim.amount), summed, claim.amount.half_ulp * 2)
        what = "agree with" if status != "mismatch" else "do not add up to"
        return verdict(claim, status, f"the funds of the {len(sheets)} performance-target sheets {what} {claim.raw}",
                       f"{fmt(exact)}{unit}", formula)

    def average(self, claim: Claim) -> Finding | None:
        """自评平均分 Y 分 = mean of the described projects' 项目自评得分."""
        if claim.kind != "score" or claim.amount is None or not says("average_score_before_number", claim):
            return None
        if self.summary_count(claim) is None:
            return None
        projects, why = self.described(claim)
        scores = [p.score for p in projects]
        if why or any(s is None or s.amount is None for s in scores):
            return verdict(claim, "unverifiable", why or "a described project states no score")
        values = [s.amount for s in scores if s and s.amount]
        n = Decimal(len(values))
        summed = total([Interval.of(v) for v in values])
        mean = Interval(summed.lo / n, summed.hi / n)
        exact = sum((v.value for v in values), Decimal(0)) / n
        formula = f"({' + '.join(s.raw for s in scores if s)}) ÷ {len(values)}"
        status = judge(Interval.of(claim.amount), mean, claim.amount.half_ulp * 2)
        return verdict(claim, status, f"average of the {len(values)} project scores = {fmt(exact)}; stated {claim.raw}",
                       fmt(exact), formula)


def verdict(claim: Claim, status: str, message: str, expected: str | None = None, formula: str | None = None) -> Finding:
    relation = form_relation(claim, None, "the projects described after it", formula or "", "the summary of the"
                             " projects the report describes one by one") if formula else None
    return Finding(status=status, kind=claim.kind, message=message, claim=claim, expected=expected,
                   evidence=[Evidence(formula=formula)] if formula else [], subject=claim.subject.name,
                   scope=claim.scope, raw=claim.raw, amount=claim.amount, relation=relation)
