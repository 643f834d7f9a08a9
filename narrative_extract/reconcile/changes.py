"""Changes stated in the prose: 比上年增加 C，增长 x% — against the figures they are changes of.

A percentage is checked against the change before it and the current figure of its item
(x% = C ÷ (current ∓ C)); a change or percentage stated after both figures (2025年执行数 A，2026年
预算 B，增加 C) against those two. The base of a comparison (比2025年初预算数 B 减少 C: B) is never
the current figure, whatever role words it carries. Each verdict states its relation
(relations/prose.py), so a change paired through a guess is no alarm.
"""

from __future__ import annotations

from ..claims.figures import ACTUAL, BUDGET, is_current, is_prior, measured_against, measured_from
from ..claims.lexicon import claim_frames
from ..model import PERCENT_POINT, Claim
from ..relations import Doubt, Relation, RelationKind, mild
from ..relations.prose import prose_relation, stated_year
from .finding import Evidence, Finding, finding, fmt, judge, ulp, unit_slip
from .interval import Interval

WORD = {"increase": "an increase", "decrease": "a decrease"}


def measured_as(claim: Claim) -> str:
    """What a change is measured against, as far as pairing goes: the year's own budget (较预算数),
    the budget before its adjustment (调减), or an earlier year (比上年, or nothing said)."""
    return claim.basis if claim.basis in ("budget", "adjustment") else "yoy"


def names_own_item(claim: Claim) -> bool:
    """Whether the item of ``claim`` is printed in its own clause, before it (after the last ；or 。):
    then it is not carried from an earlier figure of the sentence."""
    printed = claim.subject.printed
    before = claim.sentence.text[:claim.start]
    clause = before[max(before.rfind("；"), before.rfind(";"), before.rfind("。")) + 1:]
    return bool(printed) and printed in clause


class ChangeChecks:
    """The change checks of ``ClaimChecker`` (its claims, paragraph order and lists)."""

    claims: list[Claim]

    @property
    def resolved_parts(self) -> dict[int, list[Claim] | None]:
        raise NotImplementedError

    def order(self, claim: Claim) -> tuple[int, int]:
        raise NotImplementedError

    def relation(self, kind: RelationKind, claim: Claim, partners: list[tuple[str, Claim]], why: list[str],
                 doubts: list[Doubt] | tuple[()] = ()) -> Relation:
        """The relation of ``claim`` with its partners, judged against the report's other figures."""
        return prose_relation(kind, claim, partners, why, doubts, claims=self.claims)

    def enumeration_total(self, part: Claim) -> Claim | None:
        raise NotImplementedError

    def check_yoy_pct(self, claim: Claim) -> Finding:
        if claim.amount and claim.amount.unit == PERCENT_POINT:
            # 增长5.6%，增幅下降11.6个百分点: a change of a rate, never a ratio of the change to its base
            return finding(claim, "unverifiable", f"{claim.raw} is a change of a rate in percentage points,"
                           " not a percentage of the change")
        # the change before it measured as it is (较预算数减少 B，较上年下降 x%: not B)
        changes = [c for c in self.claims if c.sentence is claim.sentence and c.kind == "yoy_amount"
                   and c.start < claim.start and measured_as(c) == measured_as(claim)]
        if names_own_item(claim):
            # …比2025年上升867.60万元，上升5.65%，其中…；公务用车运行维护费上升20.1%: the percentage's own
            # item is named in its clause, so only a change of that item is its change
            changes = [c for c in changes if c.subject.name == claim.subject.name]
        change = changes[-1] if changes else None
        if change is None:
            return self.yoy_from_figures(claim)
        current = self.nearest_current(change)
        if current is None:
            return finding(claim, "unverifiable", "the current figure this change is taken from is not stated")
        found = self.yoy_pct_of(claim, change, current)
        if found.status == "mismatch" and self.stated_figures(claim) is not None:
            # 比上年同期139万元增支120元，增长86.3%: the change printed wrongly (120元 for 120万元) is the
            # change's own finding; the percentage agrees with the two figures stated beside it
            of_figures = self.yoy_from_figures(claim)
            if of_figures.status != "mismatch":
                return of_figures
        whole = self.enumeration_total(current)
        if found.status == "mismatch" and whole is not None and whole.amount and whole.amount.is_money \
                and whole.sentence is current.sentence and self.is_last_part(current):
            # 总预算 A，其中：基本支出 B，项目支出 C，同比增加 D，增长 x%: D may be A's change or C's;
            # either reading that agrees clears the claim
            of_whole = self.yoy_pct_of(claim, change, whole)
            if of_whole.status != "mismatch":
                return of_whole
        return found

    def is_last_part(self, part: Claim) -> bool:
        return any(parts and parts[-1] is part for parts in self.resolved_parts.values())

    def yoy_pct_of(self, claim: Claim, change: Claim, current: Claim) -> Finding:
        """x% = change ÷ (current ∓ change)."""
        assert change.amount and current.amount and claim.amount
        rel = self.relation(RelationKind.CHANGE, claim, [("change", change), ("current", current)],
                             ["the change stated before the percentage in its sentence",
                              f"the current figure of {current.subject.name or 'the item'} stated before the change"],
                             self.current_doubts(change, current))
        if not change.amount.is_money or change.hedged or current.hedged:
            # 比上年减少5人，下降3%: the percentage is of something the prose does not state
            return finding(claim, "unverifiable", f"the change {change.raw} is not a stated money figure")
        if change.direction is None and change.amount.value != 0:
            return finding(claim, "unverifiable", f"the change {change.raw} states no direction (增（减）)")
        if claim.direction and change.direction and claim.direction != change.direction:
            # the change and its percentage in one sentence contradict each other, whatever the current figure
            words = self.relation(RelationKind.CHANGE, claim, [("change", change)],
                                  ["the change stated before the percentage in its sentence"])
            return finding(claim, "mismatch", f"the change is stated as {WORD[change.direction]} {change.raw}"
                           f" but the percentage as {WORD[claim.direction]} {claim.raw}",
                           f"{WORD[change.direction]}", [Evidence(formula=f"{change.raw} vs {claim.raw}")], words)
        delta = Interval.of(change.amount, current.amount.unit)
        now = Interval.of(current.amount)
        prior = now - delta if change.direction == "increase" else now + delta
        if prior.contains_zero() or prior.hi <= 0:
            return finding(claim, "unverifiable", "undefined ratio: growth from zero (prior-year figure is 0)")
        value = delta.ratio_percent(prior)
        assert value is not None  # prior is known not to contain zero
        sign = "−" if change.direction == "increase" else "+"
        formula = f"{change.raw} ÷ ({current.raw} {sign} {change.raw}) × 100"
        status = judge(Interval.of(claim.amount), value, ulp(claim.amount))
        message = f"{claim.raw} vs {formula} = {fmt(value.mid)}%"
        of_current = delta.ratio_percent(now)
        if status == "mismatch" and of_current is not None \
                and judge(Interval.of(claim.amount), of_current, ulp(claim.amount)) != "mismatch":
            # 收入合计10911万元，较上年减少1376.32万元，减少12.61%: 1376.32 ÷ 10911 — a common slip,
            # named so the reviewer sees it at once
            message += (f"; {claim.raw} is {change.raw} ÷ {current.raw} × 100, the change taken of this year's"
                        " figure instead of last year's")
        return finding(claim, status, message, f"{fmt(value.mid)}%", [Evidence(formula=formula)], rel)

    def stated_figures(self, claim: Claim) -> tuple[Claim, Claim] | None:
        """The prior-year and current figures stated before a change in its sentence (2022年执行数为 A，
        2023年预算安排 B，增加 …), or None."""
        pool = [c for c in self.claims if c.sentence is claim.sentence and c.kind == "amount" and c.start < claim.start
                and c.amount and c.amount.is_money]
        if claim.subject.name:  # 总额 A，较2024年的 B …；其中：公务接待费 C，较上年减少 D: D is not B's change
            pool = [c for c in pool if c.subject.name == claim.subject.name]
        # the figure the change is measured from: the prior year's, or the year's budget (较预算数 B 减少 …)
        prior = next((c for c in reversed(pool) if (c.figure == BUDGET if measured_as(claim) != "yoy" else is_prior(c.figure))),
                     None)
        current = next((c for c in reversed(pool) if is_current(c.figure) and not measured_from(c)
                        and not measured_against(c)
                        and (prior is None or c.subject.name == prior.subject.name)), None)
        if prior is None or current is None or prior.hedged or current.hedged:
            return None
        return prior, current

    def figures_relation(self, claim: Claim, prior: Claim, current: Claim) -> Relation:
        doubts = [] if claim.subject.name or not self.several_items(claim) \
            else [mild("no item named: the figures are the nearest of several items'")]
        text = prior.sentence.text
        left = text[max(0, prior.start - 8):prior.start]
        gap = text[prior.start + len(prior.raw):claim.start].lstrip("，, ") if prior.sentence is claim.sentence else ""
        # 比上年同期139万元增支120元: a change word between the figure and the change makes it the base
        said_base = claim.kind == "yoy_amount" and bool(gap) and claim_frames()["change_before_number"].match(gap)
        if claim_frames()["bare_base_before_number"].search(left) and not said_base:
            doubts.append(mild(f"比上年 {prior.raw} names no role: it may be last year's figure or the change itself"))
        return self.relation(RelationKind.CHANGE, claim, [("base", prior), ("current", current)],
                             [(f"the base and the current figure of {current.subject.name or 'the item'} stated before it"
                               " in its sentence")], doubts)

    def current_doubts(self, change: Claim, current: Claim) -> list[Doubt]:
        doubts = []
        if not (current.subject.name == change.subject.name and change.subject.name) and self.several_items(change):
            doubts.append(mild("no item named: the current figure is the nearest of several items'"))
        printed = change.subject.printed
        if current.sentence is not change.sentence and (not printed or printed not in change.sentence.text[:change.start]):
            # 2026年预算比2025年预算增加 C: the item (项目支出) was carried from an earlier sentence
            doubts.append(mild(f"the change names no item in its sentence; {change.subject.name or 'its item'} is"
                               " carried from before"))
        return doubts

    def several_items(self, claim: Claim) -> bool:
        """Whether the sentence states figures of more than one item before ``claim``: then a
        change that names no item may be of any of them."""
        return len({c.subject.name for c in self.claims if c.sentence is claim.sentence and c.kind == "amount"
                    and c.start < claim.start}) > 1

    def yoy_from_figures(self, claim: Claim) -> Finding:
        """比上年增长 X% after both figures were stated: 2022年执行数为 A，2023年预算安排 B，增加 X%."""
        if (figures := self.stated_figures(claim)) is None:
            return finding(claim, "unverifiable", "no change amount or prior-year figure stated beside this percentage")
        prior, current = figures
        assert prior.amount and current.amount and claim.amount
        rel = self.figures_relation(claim, prior, current)
        was, now = Interval.of(prior.amount, current.amount.unit), Interval.of(current.amount)
        if was.contains_zero() or was.hi <= 0:
            return finding(claim, "unverifiable", f"undefined ratio: growth from zero (prior-year figure {prior.raw})",
                           relation=rel)
        delta = now - was if claim.direction != "decrease" else was - now
        value = delta.ratio_percent(was)
        assert value is not None  # was is known not to contain zero
        formula = (f"({current.raw} − {prior.raw})" if claim.direction != "decrease" else f"({prior.raw} − {current.raw})") \
            + f" ÷ {prior.raw} × 100"
        status = judge(Interval.of(claim.amount), value, ulp(claim.amount))
        return finding(claim, status, f"{claim.raw} vs {formula} = {fmt(value.mid)}%", f"{fmt(value.mid)}%",
                       [Evidence(formula=formula)], rel)

    def nearest_current(self, change: Claim) -> Claim | None:
        # 支出决算为 A，完成全年预算 B 的 x%，比上年增加 C: the change is of the year's figure A, not of the
        # budget B a completion rate is taken against; never of a prior-year figure
        figures = (None, ACTUAL) if change.basis == "budget" else (None, ACTUAL, BUDGET)
        same = [c for c in self.claims if c.kind == "amount" and c.sentence.paragraph is change.sentence.paragraph
                and c.amount and c.amount.is_money and self.order(c) < self.order(change) and c.figure in figures
                and not measured_against(c) and not measured_from(c)]
        named = [c for c in same if c.subject.name == change.subject.name]
        if not named and change.subject.name:
            # The current figure stated earlier in the report (收入总计 in its own paragraph).
            # A figure in a paragraph about an earlier year is that year's (2021年度…合计支出 … 公务接待12.39万元
            # before 2022年度…公务接待较上年减少0.58万元), whether or not the report's own year is known.
            year = stated_year(change.sentence.paragraph.text)
            named = [c for c in self.claims if c.kind == "amount" and c.subject.name == change.subject.name
                     and c.scope == change.scope and c.amount and c.amount.is_money
                     and self.order(c) < self.order(change) and c.figure in figures and not measured_against(c)
                     and not measured_from(c)
                     and not (year and (own := stated_year(c.sentence.paragraph.text)) and own < year)]
        pool = named or ([same[-1]] if same and not change.subject.name else [])
        return pool[-1] if pool else None

    def check_yoy_amount(self, claim: Claim) -> Finding:
        """比上年增加 X after both figures were stated: X = current − prior (the word gives the sign)."""
        figures = self.stated_figures(claim)
        if figures is None or claim.amount is None or not claim.amount.is_money or claim.hedged:
            return finding(claim, "unverifiable", "the prior-year figure is neither stated nor printed in this report")
        prior, current = figures
        assert prior.amount and current.amount
        rel = self.figures_relation(claim, prior, current)
        if claim.direction is None and claim.amount.value != 0:
            return finding(claim, "unverifiable", f"{claim.raw} states no direction (增（减）)", relation=rel)
        unit = claim.amount.unit
        difference = Interval.of(current.amount, unit) - Interval.of(prior.amount, unit)
        formula = f"{current.raw} − {prior.raw}"
        exact = current.amount.to(unit).value - prior.amount.to(unit).value
        ev = [Evidence(formula=f"{formula} = {fmt(exact)}{unit}")]
        if claim.direction == "decrease":
            difference, exact = Interval(-difference.hi, -difference.lo), -exact
        if difference.hi < 0:  # the figures moved the other way than the word says
            other = "decrease" if claim.direction != "decrease" else "increase"
            return finding(claim, "mismatch", f"stated as {WORD.get(claim.direction or 'increase')} of {claim.raw},"
                           f" but {formula} is {WORD[other]}", f"{WORD[other]} of {fmt(abs(exact))}{unit}", ev, rel)
        status = judge(Interval.of(claim.amount), difference, ulp(claim.amount))
        message = f"{claim.raw} vs {formula} = {fmt(exact)}{unit}"
        if status == "mismatch" and unit_slip(claim, difference) is not None:
            message += " (the figures agree once one is read 10,000 times larger or smaller: a unit printed wrongly?)"
        return finding(claim, status, message, f"{fmt(exact)}{unit}", ev, rel)
