"""Verdicts on claims: against the table cell they state, and against each other inside the prose."""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property

from ..claims.figures import ACTUAL, BUDGET, DERIVED, PRIOR, PRIOR_ACTUAL, is_current, is_prior
from ..claims.lexicon import claim_frames
from ..link import claim_to_cell, tables_by_id
from ..model import Amount, Claim, Document
from .finding import Evidence, Finding, finding, fmt, judge, ulp
from .interval import Interval
from .lists import check_enumeration, list_parts
from .naming import unknown_item
from .project_lists import ProjectLists
from .project_sheets import ProjectSheets
from .target_sheets import project_amount, target_sheets

FIGURE_WORDS = {PRIOR: "a prior-year figure", PRIOR_ACTUAL: "a prior-year figure", BUDGET: "the budget figure",
                DERIVED: "an average or a difference"}
WORD = {"increase": "an increase", "decrease": "a decrease"}


def plainly_blank(row, cell) -> bool:
    """A blank that means "none": its row prints a figure in another column, so the row was read
    whole. A blank in a row with no figure at all may be a merged cell and proves nothing."""
    return any(c is not cell and c.amount is not None for c in row.cells)


def measured_against(claim: Claim) -> bool:
    """The budget a completion rate or a change is taken against (完成全年预算 B 万元的 x% / 较预算数 B 减少):
    never the current figure of another change."""
    left = claim.sentence.text[max(0, claim.start - 12):claim.start]
    frames = claim_frames()
    return claim.figure == BUDGET and (frames["completed_budget_before_number"].search(left) is not None
                                      or frames["compared_budget_before_number"].search(left) is not None)


def stated_year(text: str) -> int | None:
    """The latest year a text names (2022年度 … 较2021年度 → 2022), if any."""
    years = [int(m.group("year")) for m in claim_frames()["year_before_number"].finditer(text)]
    return max(years) if years else None


class ClaimChecker:
    def __init__(self, doc: Document, claims: list[Claim], broken: dict[int, tuple[int, int]] | None = None):
        """``broken``: id(table) → (failed, checked) parent sums of the tables whose cells are no
        evidence against the prose (tables.broken_tables)."""
        self.doc = doc
        self.claims = claims
        self.by_id = tables_by_id(doc)
        self.paragraph_index = {id(p): i for i, p in enumerate(doc.paragraphs)}
        self.projects = ProjectLists(claims, doc)
        self.sheets = ProjectSheets(doc)
        self.target_sheets = target_sheets(doc)
        self.warned: set[tuple] = set()  # (item path, paragraph) already warned as unnamed by the tables
        self.broken = broken or {}

    def check(self, claim: Claim) -> Finding:
        method = getattr(self, f"check_{claim.kind}", None)
        if method is None:
            return finding(claim, "unverifiable", f"no check for {claim.kind} claims")
        return method(claim)

    # ------------------------------------------------------------------ against tables
    def check_amount(self, claim: Claim) -> Finding:
        assert claim.amount is not None
        if not claim.amount.is_money:
            return finding(claim, "unverifiable", "not a money figure")
        link = claim_to_cell(claim, self.doc, self.by_id)
        if link is None and (listed := self.projects.funds(claim) or self.sheets.check(claim)
                             or project_amount(claim, self.target_sheets)) is not None:
            return listed
        if link is None and claim.figure in FIGURE_WORDS:
            return finding(claim, "unverifiable", f"{FIGURE_WORDS[claim.figure]}: no column of this report's tables prints it")
        if link is None and (renamed := unknown_item(claim, self.doc)) is not None:
            # one warning per item and paragraph: 项 X 20.04万元…支出决算为20.04万元 names it once
            key = (claim.subject.path, id(claim.sentence.paragraph))
            if key in self.warned:
                return finding(claim, "unverifiable", f"item {claim.subject.name}: see the warning above")
            self.warned.add(key)
            return renamed
        if link is None:
            return finding(claim, "unverifiable", f"no table of scope {claim.scope} carries {claim.subject.name or 'this item'}")
        unit = claim.amount.unit
        ev = Evidence.cell(link.table, link.row, link.cell.column, link.cell.text)
        if (broken := self.broken.get(id(link.table))) is not None:
            return finding(claim, "unverifiable", f"{link.table.title} fails {broken[0]} of its {broken[1]} own"
                           " parent sums: its cells are not trusted as evidence", None, [ev])
        if link.cell.amount is None:
            if claim.amount.value == 0:
                return finding(claim, "consistent", "stated as zero; the table cell is empty", "0", [ev])
            if not plainly_blank(link.row, link.cell):
                return finding(claim, "unverifiable", "the linked table cell is empty", None, [ev])
            # A blank in a row that prints figures elsewhere states "none" as plainly as a 0.
            return finding(claim, "mismatch", f"{link.table.title} {link.row.name} {link.cell.column} is empty"
                           f" (nothing printed); the prose says {claim.raw}", "0", [ev])
        cell = link.cell.amount
        if not cell.is_money:
            cell = Amount(cell.value, link.table.unit or unit, cell.decimals)
            if not cell.is_money:
                return finding(claim, "unverifiable", "the table has no unit", None, [ev])
        if claim.hedged:
            return self.approximate_amount(claim, cell, link, ev)
        printed, expected = Interval.of(claim.amount), Interval.of(cell, unit)
        status = judge(printed, expected, max(ulp(claim.amount), ulp(cell.to(unit))))
        shown = cell.to(unit)
        msg = {
            "consistent": f"matches {link.table.title} {link.row.name} {link.cell.column}",
            "rounding": f"differs from {link.table.title} by a last-digit rounding",
            "mismatch": f"{link.table.title} {link.row.name} {link.cell.column} prints {link.cell.text}"
                        f" ({fmt(shown.value)}{unit}); the prose says {claim.raw}",
        }[status]
        return finding(claim, status, msg, f"{fmt(shown.value)}{unit}", [ev])

    def approximate_amount(self, claim: Claim, cell: Amount, link, ev: Evidence) -> Finding:
        """200余万元 says "more than 200 万元": only a table figure below it contradicts the prose."""
        assert claim.amount is not None
        shown = cell.to(claim.amount.unit)
        where = f"{link.table.title} {link.row.name} {link.cell.column} prints {link.cell.text}"
        if Interval.of(shown).hi <= claim.amount.value:
            return finding(claim, "mismatch", f"{where}, below the {claim.raw} the prose states", f"{fmt(shown.value)}{shown.unit}", [ev])
        return finding(claim, "consistent", f"{where}, at least {claim.raw}", f"{fmt(shown.value)}{shown.unit}", [ev])

    # ------------------------------------------------------------------ inside the prose
    def amount_of(self, name: str, scope: str, near: Claim) -> Claim | None:
        """The stated amount of ``name`` closest before ``near`` (same paragraph first)."""
        same_para = [c for c in self.claims if c.sentence.paragraph is near.sentence.paragraph]
        for pool in (same_para, self.claims):
            found = [c for c in pool if c.kind == "amount" and c.subject.name == name and c.amount and c.amount.is_money
                     and c.scope == scope]
            before = [c for c in found if self.order(c) <= self.order(near)]
            if before or found:
                return (before or found)[-1]
        return None

    def order(self, claim: Claim) -> tuple[int, int]:
        return self.paragraph_index[id(claim.sentence.paragraph)], claim.sentence.start + claim.start

    def check_share(self, claim: Claim) -> Finding:
        part = self.nearest_amount(claim)
        whole = None
        if claim.whole is not None and claim.whole.name:
            whole = self.amount_of(claim.whole.name, part.scope if part else claim.scope, claim) \
                or self.amount_of(claim.whole.name, "all_funds", claim)
        elif part is not None:
            whole = self.enumeration_total(part)
        if part is None or whole is None or whole is part:
            found = finding(claim, "unverifiable", "the part or the whole of this share is not stated")
        else:
            found = self.ratio(claim, part, whole, "share")
        if "%" not in claim.raw and found.status != "mismatch":
            # 占 76.23： the figure may well be right; the reader cannot tell it is a percentage
            found.status, found.message = "warning", f"a share printed without its % sign ({claim.raw}); {found.message}"
        return found

    def nearest_amount(self, claim: Claim) -> Claim | None:
        found = [c for c in self.claims if c.sentence is claim.sentence and c.kind == "amount" and c.start < claim.start
                 and c.amount and c.amount.is_money]
        return found[-1] if found else None

    def enumeration_total(self, part: Claim) -> Claim | None:
        # the list the part is in once nesting is resolved: 项目支出 after a nested 其中 is the outer list's
        for c in self.claims:
            if c.kind == "enumeration" and any(p is part for p in self.resolved_parts.get(id(c)) or ()):
                return c.total or c
        return None

    @cached_property
    def resolved_parts(self) -> dict[int, list[Claim] | None]:
        """Each list's parts once nesting is resolved (``lists.list_parts``), worked out once."""
        return {id(c): list_parts(c) for c in self.claims if c.kind == "enumeration" and c.amount}

    def ratio(self, claim: Claim, part: Claim, whole: Claim, what: str) -> Finding:
        assert claim.amount and part.amount and whole.amount
        if part.hedged or whole.hedged:
            return finding(claim, "unverifiable", f"{(part if part.hedged else whole).raw} is approximate")
        value = Interval.of(part.amount, whole.amount.unit).ratio_percent(Interval.of(whole.amount))
        formula = f"{part.raw} ÷ {whole.raw} × 100"
        if value is None:
            return finding(claim, "unverifiable", f"undefined ratio: {whole.raw} may be zero", evidence=[Evidence(formula=formula)])
        status = judge(Interval.of(claim.amount), value, ulp(claim.amount))
        msg = f"{what} {claim.raw} {'agrees with' if status != 'mismatch' else 'does not agree with'} {formula} = {fmt(value.mid)}%"
        return finding(claim, status, msg, f"{fmt(value.mid)}%", [Evidence(formula=formula)])

    def check_yoy_pct(self, claim: Claim) -> Finding:
        # the change before it measured as it is (较预算数减少 B，较上年下降 x%: not B)
        change = next((c for c in reversed(self.claims) if c.sentence is claim.sentence and c.kind == "yoy_amount"
                       and c.start < claim.start and (c.basis == "budget") == (claim.basis == "budget")), None)
        if change is None:
            return self.yoy_from_figures(claim)
        current = self.nearest_current(change)
        if current is None:
            return finding(claim, "unverifiable", "the current figure this change is taken from is not stated")
        found = self.yoy_pct_of(claim, change, current)
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
        if not change.amount.is_money or change.hedged or current.hedged:
            # 比上年减少5人，下降3%: the percentage is of something the prose does not state
            return finding(claim, "unverifiable", f"the change {change.raw} is not a stated money figure")
        if claim.direction and change.direction and claim.direction != change.direction:
            return finding(claim, "mismatch", f"the change is stated as {WORD[change.direction]} {change.raw}"
                           f" but the percentage as {WORD[claim.direction]} {claim.raw}",
                           f"{WORD[change.direction]}", [Evidence(formula=f"{change.raw} vs {claim.raw}")])
        delta = Interval.of(change.amount, current.amount.unit)
        now = Interval.of(current.amount)
        prior = now - delta if change.direction == "increase" else now + delta
        if prior.contains_zero() or prior.hi <= 0:
            return finding(claim, "unverifiable", "undefined ratio: growth from zero (prior-year figure is 0)")
        value = delta.ratio_percent(prior)
        sign = "−" if change.direction == "increase" else "+"
        formula = f"{change.raw} ÷ ({current.raw} {sign} {change.raw}) × 100"
        status = judge(Interval.of(claim.amount), value, ulp(claim.amount))
        return finding(claim, status, f"{claim.raw} vs {formula} = {fmt(value.mid)}%", f"{fmt(value.mid)}%",
                       [Evidence(formula=formula)])

    def stated_figures(self, claim: Claim) -> tuple[Claim, Claim] | None:
        """The prior-year and current figures stated before a change in its sentence (2022年执行数为 A，
        2023年预算安排 B，增加 …), or None."""
        pool = [c for c in self.claims if c.sentence is claim.sentence and c.kind == "amount" and c.start < claim.start
                and c.amount and c.amount.is_money]
        if claim.subject.name:  # 总额 A，较2024年的 B …；其中：公务接待费 C，较上年减少 D: D is not B's change
            pool = [c for c in pool if c.subject.name == claim.subject.name]
        # the figure the change is measured from: the prior year's, or the year's budget (较预算数 B 减少 …)
        prior = next((c for c in reversed(pool) if (c.figure == BUDGET if claim.basis == "budget" else is_prior(c.figure))),
                     None)
        current = next((c for c in reversed(pool) if is_current(c.figure)
                        and (prior is None or c.subject.name == prior.subject.name)), None)
        if prior is None or current is None or prior.hedged or current.hedged:
            return None
        return prior, current

    def yoy_from_figures(self, claim: Claim) -> Finding:
        """比上年增长 X% after both figures were stated: 2022年执行数为 A，2023年预算安排 B，增加 X%."""
        if (figures := self.stated_figures(claim)) is None:
            return finding(claim, "unverifiable", "no change amount or prior-year figure stated beside this percentage")
        prior, current = figures
        assert prior.amount and current.amount and claim.amount
        was, now = Interval.of(prior.amount, current.amount.unit), Interval.of(current.amount)
        if was.contains_zero() or was.hi <= 0:
            return finding(claim, "unverifiable", f"undefined ratio: growth from zero (prior-year figure {prior.raw})")
        delta = now - was if claim.direction != "decrease" else was - now
        value = delta.ratio_percent(was)
        formula = (f"({current.raw} − {prior.raw})" if claim.direction != "decrease" else f"({prior.raw} − {current.raw})") \
            + f" ÷ {prior.raw} × 100"
        status = judge(Interval.of(claim.amount), value, ulp(claim.amount))
        return finding(claim, status, f"{claim.raw} vs {formula} = {fmt(value.mid)}%", f"{fmt(value.mid)}%",
                       [Evidence(formula=formula)])

    def nearest_current(self, change: Claim) -> Claim | None:
        # 支出决算为 A，完成全年预算 B 的 x%，比上年增加 C: the change is of the year's figure A, not of the
        # budget B a completion rate is taken against; never of a prior-year figure
        figures = (None, ACTUAL) if change.basis == "budget" else (None, ACTUAL, BUDGET)
        same = [c for c in self.claims if c.kind == "amount" and c.sentence.paragraph is change.sentence.paragraph
                and c.amount and c.amount.is_money and self.order(c) < self.order(change) and c.figure in figures
                and not measured_against(c)]
        named = [c for c in same if c.subject.name == change.subject.name]
        if not named and change.subject.name:
            # The current figure stated earlier in the report (收入总计 in its own paragraph).
            # A figure in a paragraph about an earlier year is that year's (2021年度…合计支出 … 公务接待12.39万元
            # before 2022年度…公务接待较上年减少0.58万元), whether or not the report's own year is known.
            year = stated_year(change.sentence.paragraph.text)
            named = [c for c in self.claims if c.kind == "amount" and c.subject.name == change.subject.name
                     and c.scope == change.scope and c.amount and c.amount.is_money
                     and self.order(c) < self.order(change) and c.figure in figures and not measured_against(c)
                     and not (year and (own := stated_year(c.sentence.paragraph.text)) and own < year)]
        pool = named or ([same[-1]] if same and not change.subject.name else [])
        return pool[-1] if pool else None

    def check_budget_completion(self, claim: Claim) -> Finding:
        sentence_claims = [c for c in self.claims if c.sentence.paragraph is claim.sentence.paragraph
                           and c.kind == "amount" and c.amount and c.amount.is_money and self.order(c) < self.order(claim)]
        budget = actual = None
        for c in sentence_claims:
            if c.figure == BUDGET:
                budget = c
            elif c.figure == ACTUAL:
                actual = c
        if budget is not None and actual is not None and budget.subject.name != actual.subject.name:
            # 三公 年初预算为 A，支出决算为 B，完成预算的 x%，其中：公务接待费支出决算为 C，完成预算的 y%:
            # C's own budget is not stated; A is the whole's
            budget = actual = None
        if (budget is None or actual is None) and (sheet := self.sheets.check(claim)) is not None:
            return sheet
        if (budget is None or actual is None) and (printed := self.completion_from_cells(claim)) is not None:
            return printed
        if budget is None or actual is None:
            return finding(claim, "unverifiable", "no table or statement gives both the budget and the executed figure")
        return self.ratio(claim, actual, budget, "completion rate")

    def completion_from_cells(self, claim: Claim) -> Finding | None:
        """完成预算的 x% of an item whose 预算数 and 决算数 the tables print side by side (三公 决算表):
        the two cells its subject links to as the executed and the budget figure."""
        cells = []
        for figure in (ACTUAL, BUDGET):
            probe = replace(claim, kind="amount", figure=figure)
            link = claim_to_cell(probe, self.doc, self.by_id)
            if link is None or link.cell.amount is None or not link.table.unit:
                return None
            amount = Amount(link.cell.amount.value, link.table.unit, link.cell.amount.decimals)
            cells.append((replace(probe, amount=amount, raw=f"{link.cell.text}{link.table.unit}"), link))
        (actual, actual_link), (budget, budget_link) = cells
        if actual_link.cell is budget_link.cell:
            return None
        found = self.ratio(claim, actual, budget, "completion rate")
        found.evidence += [Evidence.cell(link.table, link.row, link.cell.column, link.cell.text)
                           for link in (actual_link, budget_link)]
        return found

    def check_enumeration(self, claim: Claim) -> Finding:
        return check_enumeration(claim)

    def check_restatement(self, claim: Claim) -> Finding:
        first = claim.restates
        assert first is not None and first.amount and claim.amount
        if first.hedged or claim.hedged:
            return finding(claim, "unverifiable", "one of the two figures is approximate")
        status = judge(Interval.of(claim.amount), Interval.of(first.amount, claim.amount.unit), ulp(claim.amount))
        if status == "consistent":
            return finding(claim, status, f"restates {first.raw}")
        return finding(claim, status if status == "rounding" else "mismatch",
                       f"{claim.subject.name} stated as {first.raw} and again as {claim.raw} in one paragraph",
                       first.raw, [Evidence(formula=f"{first.raw} ≠ {claim.raw}")])

    def check_comparison(self, claim: Claim) -> Finding:
        if claim.direction == "flat":
            change = [c for c in self.claims if c.sentence is claim.sentence and c.kind == "yoy_amount"
                      and c.amount is not None and c.amount.is_money and c.subject.name == claim.subject.name]
            if change and change[-1].amount and change[-1].amount.value != 0:
                return finding(claim, "mismatch", f"says 持平 but states a change of {change[-1].raw}")
            return finding(claim, "unverifiable", "no prior-year figure to compare")
        rates = [c for c in self.claims if c.kind == "budget_completion" and c.sentence.paragraph is claim.sentence.paragraph
                 and c.amount is not None and abs(self.order(c)[1] - self.order(claim)[1]) < 400]
        # the rate of the item compared (“三公”经费 决算数小于年初预算数, not 公务接待费's 100% before it)
        name = claim.subject.name
        rates = [c for c in rates if name and c.subject.name and (name in c.subject.name or c.subject.name in name)] \
            or [c for c in rates if not c.subject.name]
        if not rates:
            return finding(claim, "unverifiable", "no completion rate or budget figure stated for this comparison")
        rate = min(rates, key=lambda c: abs(self.order(c)[1] - self.order(claim)[1]))
        lo, hi = Interval.of(rate.amount).lo, Interval.of(rate.amount).hi
        if rate.amount.value == 0:
            return finding(claim, "unverifiable", f"completion {rate.raw}: budget may be zero")
        implied = "over" if lo > 100 else "under" if hi < 100 else "equal"
        ok = implied == claim.direction
        ev = [Evidence(formula=f"completion {rate.raw} → actual {'>' if implied == 'over' else '<' if implied == 'under' else '='} budget")]
        if ok:
            return finding(claim, "consistent", f"{claim.raw} agrees with completion {rate.raw}", implied, ev)
        return finding(claim, "mismatch", f"{claim.raw} contradicts completion {rate.raw}", implied, ev)

    def check_reason(self, claim: Claim) -> Finding:
        if not (claim.text or "").strip():
            return finding(claim, "warning", "a reason is announced but none is given")
        return finding(claim, "unverifiable", "a stated reason (see `reasons` for its category)")

    def check_rate(self, claim: Claim) -> Finding:
        return finding(claim, "unverifiable", "an indicator rate (满意度, 利用率 …): no figure in the report it derives from")

    def check_count(self, claim: Claim) -> Finding:
        return finding(claim, "unverifiable", "counts are not printed in the tables")

    def check_score(self, claim: Claim) -> Finding:
        if (average := self.projects.average(claim) or self.sheets.check(claim)) is not None:
            return average
        return finding(claim, "unverifiable", "a score stated in the prose only (its sheet is checked as a table)")

    def check_yoy_amount(self, claim: Claim) -> Finding:
        """比上年增加 X after both figures were stated: X = current − prior (the word gives the sign)."""
        figures = self.stated_figures(claim)
        if figures is None or claim.amount is None or not claim.amount.is_money or claim.hedged:
            return finding(claim, "unverifiable", "the prior-year figure is neither stated nor printed in this report")
        prior, current = figures
        assert prior.amount and current.amount
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
                           f" but {formula} is {WORD[other]}", f"{WORD[other]} of {fmt(abs(exact))}{unit}", ev)
        status = judge(Interval.of(claim.amount), difference, ulp(claim.amount))
        return finding(claim, status, f"{claim.raw} vs {formula} = {fmt(exact)}{unit}", f"{fmt(exact)}{unit}", ev)
