"""Verdicts on claims: against the table cell they state, and against each other inside the prose."""

from __future__ import annotations

from dataclasses import replace
from decimal import InvalidOperation
from functools import cached_property

from ..claims.figures import ACTUAL, BUDGET, DERIVED, PRIOR, PRIOR_ACTUAL, same_role
from ..link import claim_to_cell, tables_by_id
from ..model import Amount, Claim, Document
from ..numbers import FigureError
from ..relations import Doubt, Relation, RelationKind, mild, serious
from ..relations.cells import cell_relation
from ..relations.tables import TableReading
from .blank_cells import plainly_blank
from .changes import ChangeChecks
from .finding import Evidence, Finding, finding, fmt, judge, ulp, unit_slip
from .interval import Interval
from .lists import check_enumeration, list_parts, list_relation, unsummed
from .naming import unknown_item
from .project_lists import ProjectLists, left_of
from .project_parts import ProjectRows, bare_lists, covering
from .project_sheets import ProjectSheets
from .project_tables import ProjectTables
from .target_sheets import listed_amount, project_amount, target_sheets

APPROXIMATE = "基本"  # 基本持平: roughly flat
FIGURE_WORDS = {PRIOR: "a prior-year figure", PRIOR_ACTUAL: "a prior-year figure", BUDGET: "the budget figure",
                DERIVED: "an average or a difference"}


class ClaimChecker(ChangeChecks):
    def __init__(self, doc: Document, claims: list[Claim], broken: dict[int, tuple[int, int]] | None = None,
                 readings: dict[int, TableReading] | None = None):
        """``broken``: id(table) → (failed, checked) parent sums of the tables whose cells are no
        evidence against the prose (tables.broken_tables); ``readings``: id(table) → how
        consistently it was read (relations.tables.table_readings)."""
        self.doc = doc
        self.claims = claims
        self.by_id = tables_by_id(doc)
        self.paragraph_index = {id(p): i for i, p in enumerate(doc.paragraphs)}
        self.projects = ProjectLists(claims, doc)
        self.sheets = ProjectSheets(doc)
        self.target_sheets = target_sheets(doc)
        self.warned: set[tuple] = set()  # (item path, paragraph) already warned as unnamed by the tables
        self.broken = broken or {}
        self.readings = readings or {}
        self.project_tables = ProjectTables(doc, self.readings)

    def check(self, claim: Claim) -> Finding:
        method = getattr(self, f"check_{claim.kind}", None)
        if method is None:
            return finding(claim, "unverifiable", f"no check for {claim.kind} claims")
        try:
            return method(claim)
        except TimeoutError:  # a pattern over its time limit on the sentence: this claim only is not checked
            return finding(claim, "warning", "claim not checked: a pattern took longer than its time limit")
        except (FigureError, InvalidOperation) as err:  # a figure beyond Decimal's precision in the evidence
            return finding(claim, "warning", f"claim not checked: {err}")

    # ------------------------------------------------------------------ against tables
    def check_amount(self, claim: Claim) -> Finding:
        assert claim.amount is not None
        if not claim.amount.is_money:
            return finding(claim, "unverifiable", "not a money figure")
        link = claim_to_cell(claim, self.doc, self.by_id)
        if link is None and (listed := self.projects.funds(claim) or self.sheets.check(claim)
                             or project_amount(claim, self.target_sheets) or self.project_row(claim)
                             or self.project_total(claim)) is not None:
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
        rel = cell_relation(claim, link.table, link.row, link.cell, self.doc, self.readings.get(id(link.table)),
                            link.how, link.merged)
        if (whole := self.breakdown_of(claim)) is not None:
            # “农林水支出”科目83万元，主要用于人员经费18万元…: 农林水支出's 人员经费, not the unit's whole 人员经费
            rel = rel.with_doubts(serious(f"{claim.raw} is {whole.subject.name}'s {claim.subject.name}; the cell is"
                                          f" the whole {claim.subject.name} of its table"))
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
                           f" (nothing printed); the prose says {claim.raw}", "0", [ev], rel)
        cell = link.cell.amount
        if not cell.is_money:
            cell = Amount(cell.value, link.table.unit or unit, cell.decimals)
            if not cell.is_money:
                return finding(claim, "unverifiable", "the table has no unit", None, [ev])
        if claim.hedged:
            return self.approximate_amount(claim, cell, link, ev, rel)
        printed, expected = Interval.of(claim.amount), Interval.of(cell, unit)
        status = judge(printed, expected, max(ulp(claim.amount), ulp(cell.to(unit))))
        shown = cell.to(unit)
        msg = {
            "consistent": f"matches {link.table.title} {link.row.name} {link.cell.column}",
            "rounding": f"differs from {link.table.title} by a last-digit rounding",
            "mismatch": f"{link.table.title} {link.row.name} {link.cell.column} prints {link.cell.text}"
                        f" ({fmt(shown.value)}{unit}); the prose says {claim.raw}",
        }[status]
        return finding(claim, status, msg, f"{fmt(shown.value)}{unit}", [ev], rel)

    def project_row(self, claim: Claim) -> Finding | None:
        """A project's amount against its row of the project tables, else against the project of its
        name a multi-project 绩效目标表 lists (when the project tables leave it unverifiable)."""
        row = self.project_tables.check(claim)
        if row is not None and row.status != "unverifiable":
            return row
        return listed_amount(claim, self.target_sheets, left_of(claim)) or row

    def approximate_amount(self, claim: Claim, cell: Amount, link, ev: Evidence, rel: Relation) -> Finding:
        """200余万元 says "more than 200 万元": only a table figure below it contradicts the prose."""
        assert claim.amount is not None
        shown = cell.to(claim.amount.unit)
        where = f"{link.table.title} {link.row.name} {link.cell.column} prints {link.cell.text}"
        if Interval.of(shown).hi <= claim.amount.value:
            return finding(claim, "mismatch", f"{where}, below the {claim.raw} the prose states",
                           f"{fmt(shown.value)}{shown.unit}", [ev], rel)
        return finding(claim, "consistent", f"{where}, at least {claim.raw}", f"{fmt(shown.value)}{shown.unit}", [ev], rel)

    # ------------------------------------------------------------------ inside the prose
    def amount_of(self, name: str, scope: str, near: Claim, figure: str | None = None) -> Claim | None:
        """The stated amount of ``name`` closest before ``near`` (same paragraph first), of the same
        role as ``figure`` (this year's whole for this year's part, never the prior year's)."""
        same_para = [c for c in self.claims if c.sentence.paragraph is near.sentence.paragraph]
        for pool in (same_para, self.claims):
            found = [c for c in pool if c.kind == "amount" and c.subject.name == name and c.amount and c.amount.is_money
                     and c.scope == scope and same_role(c.figure, figure)]
            before = [c for c in found if self.order(c) <= self.order(near)]
            if before or found:
                return (before or found)[-1]
        return None

    def order(self, claim: Claim) -> tuple[int, int]:
        return self.paragraph_index[id(claim.sentence.paragraph)], claim.sentence.start + claim.start

    def check_share(self, claim: Claim) -> Finding:
        part = self.nearest_amount(claim)
        whole = None
        figure = part.figure if part else None
        if claim.whole is not None and claim.whole.name:
            whole = self.amount_of(claim.whole.name, part.scope if part else claim.scope, claim, figure) \
                or self.amount_of(claim.whole.name, "all_funds", claim, figure)
            why = f"the whole is the stated {claim.whole.name}"
        elif part is not None:
            whole = self.enumeration_total(part)
            why = "the whole is the total of the list the part is in"
        if part is None or whole is None or whole is part:
            found = finding(claim, "unverifiable", "the part or the whole of this share is not stated")
        else:
            short = self.unsummed_list(part, whole) if claim.whole is None else None
            rel = self.relation(RelationKind.SHARE, claim, [("part", part), ("whole", whole)],
                                 ["the part is the figure stated just before the share", why],
                                 [short] if short else [])
            found = self.ratio(claim, part, whole, "share", rel)
        if "%" not in claim.raw and found.status != "mismatch":
            # 占 76.23： the figure may well be right; the reader cannot tell it is a percentage
            found.status, found.message = "warning", f"a share printed without its % sign ({claim.raw}); {found.message}"
        return found

    def unsummed_list(self, part: Claim, whole: Claim) -> Doubt | None:
        """A doubt when the list that gives a share its whole does not add up to it (lists.unsummed)."""
        parts = next((ps for c in self.claims if c.kind == "enumeration"
                      and (ps := self.resolved_parts.get(id(c))) and any(p is part for p in ps)), None)
        return unsummed(parts, whole) if parts else None

    def nearest_amount(self, claim: Claim) -> Claim | None:
        found = [c for c in self.claims if c.sentence is claim.sentence and c.kind == "amount" and c.start < claim.start
                 and c.amount and c.amount.is_money]
        return found[-1] if found else None

    def breakdown_of(self, part: Claim) -> Claim | None:
        """The function item (类/款/项: a code 2…) stated before ``part`` in its sentence whose money
        ``part`` breaks down by another classification (“农林水支出”科目83万元，主要用于人员经费18万元:
        人员经费 of 农林水支出), if any; never when ``part`` is a function item itself (a sibling: 一般公共服务
        支出 A，社会保障和就业支出 B; or a child: 行政运行 under 一般公共服务支出)."""
        before = [c for c in self.claims if c.sentence is part.sentence and c.kind == "amount" and c.start < part.start
                  and c.subject.name != part.subject.name]
        if (part.subject.code or "").startswith("2"):
            return None  # a function item beside another (一般公共服务支出 A，社会保障和就业支出 B): siblings
        for whole in reversed(before):
            code = whole.subject.code
            if code and code.startswith("2"):
                return whole
        return None

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

    def ratio(self, claim: Claim, part: Claim, whole: Claim, what: str, rel: Relation) -> Finding:
        assert claim.amount and part.amount and whole.amount
        if part.hedged or whole.hedged:
            return finding(claim, "unverifiable", f"{(part if part.hedged else whole).raw} is approximate")
        value = Interval.of(part.amount, whole.amount.unit).ratio_percent(Interval.of(whole.amount))
        formula = f"{part.raw} ÷ {whole.raw} × 100"
        if value is None:
            return finding(claim, "unverifiable", f"undefined ratio: {whole.raw} may be zero",
                           evidence=[Evidence(formula=formula)], relation=rel)
        status = judge(Interval.of(claim.amount), value, ulp(claim.amount))
        msg = f"{what} {claim.raw} {'agrees with' if status != 'mismatch' else 'does not agree with'} {formula} = {fmt(value.mid)}%"
        if status == "mismatch" and (slip := unit_slip(claim, value)) is not None:
            # the ratio read 10,000 times larger is the whole read 10,000 times smaller
            whole_read = "smaller" if slip.endswith("larger") else "larger"
            msg += f"; it agrees with the whole read 10,000 times {whole_read} ({whole.raw}: a unit printed wrongly?)"
        return finding(claim, status, msg, f"{fmt(value.mid)}%", [Evidence(formula=formula)], rel)

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
        rel = self.relation(RelationKind.COMPLETION, claim, [("actual", actual), ("budget", budget)],
                             [f"the executed and the budget figure of {actual.subject.name or 'the item'} stated before the rate"])
        return self.ratio(claim, actual, budget, "completion rate", rel)

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
        links = [cell_relation(probe, x.table, x.row, x.cell, self.doc, self.readings.get(id(x.table)), x.how, x.merged)
                 for probe, x in cells]
        rel = Relation(RelationKind.COMPLETION, tuple(m for r in links for m in r.members[1:]),
                       ("the item's executed and budget figures printed side by side", *(w for r in links for w in r.why)),
                       tuple(dict.fromkeys(d for r in links for d in r.doubts)))
        found = self.ratio(claim, actual, budget, "completion rate", rel)
        found.evidence += [Evidence.cell(link.table, link.row, link.cell.column, link.cell.text)
                           for link in (actual_link, budget_link)]
        return found

    def check_enumeration(self, claim: Claim) -> Finding:
        return check_enumeration(claim, self.claims, self.covered)

    @cached_property
    def project_rows(self) -> ProjectRows:
        return ProjectRows(self.project_tables, self.target_sheets)

    def covered(self, claim: Claim, parts: list[Claim]) -> list[Evidence] | None:
        return covering(claim, parts, self.project_rows)

    @cached_property
    def bare_lists(self) -> list[Claim]:
        return bare_lists(self.claims, self.project_rows)

    @cached_property
    def lists_by_total(self) -> dict[int, list[Claim]]:
        """id(total) → the lists it heads (worked out once: asked of every figure no table carries)."""
        out: dict[int, list[Claim]] = {}
        for c in [*self.claims, *self.bare_lists]:
            if c.kind == "enumeration" and c.total is not None:
                out.setdefault(id(c.total), []).append(c)
        return out

    def project_total(self, claim: Claim) -> Finding | None:
        """A project total no table row bears (长春市信访局项目支出474.56万元), checked through the projects the
        prose lists after it: their rows in the project table add up to it (project_parts.covering)."""
        for listed in self.lists_by_total.get(id(claim), []):
            parts = list_parts(listed)
            if parts is None or (rows := self.covered(listed, parts)) is None:
                continue
            assert claim.amount is not None
            printed = " + ".join(e.printed or "" for e in rows)
            rel = list_relation(listed, parts)
            rel = Relation(rel.kind, rel.members, (("the projects the prose lists after the total, each the one row"
                                                    " of its name in the project table"),), rel.doubts)
            return finding(claim, "consistent", f"the project-table rows of the {len(rows)} projects listed after it"
                           f" add up to it ({printed})", str(claim.amount), [Evidence(formula=printed), *rows], rel)
        return None

    def project_lists(self) -> list[Finding]:
        """The lists a project total heads with no lead word (project_parts.bare_lists): alarms only
        when the parts' project rows add up to the total."""
        out = []
        for claim in self.bare_lists:
            found = self.check(claim)
            if found.relation is not None and self.covered(claim, claim.parts) is None:
                found.relation = found.relation.with_doubts(mild("figures listed after a project total with no"
                                                                 " lead word: the prose may name some projects only"))
            out.append(found)
        return out

    def check_restatement(self, claim: Claim) -> Finding:
        first = claim.restates
        assert first is not None and first.amount and claim.amount
        if first.hedged or claim.hedged:
            return finding(claim, "unverifiable", "one of the two figures is approximate")
        status = judge(Interval.of(claim.amount), Interval.of(first.amount, claim.amount.unit), ulp(claim.amount))
        rel = self.relation(RelationKind.RESTATEMENT, claim, [("first", first)],
                             [f"{claim.subject.name} stated twice in one paragraph, as the same figure"])
        if status == "consistent":
            return finding(claim, status, f"restates {first.raw}", relation=rel)
        return finding(claim, status if status == "rounding" else "mismatch",
                       f"{claim.subject.name} stated as {first.raw} and again as {claim.raw} in one paragraph",
                       first.raw, [Evidence(formula=f"{first.raw} ≠ {claim.raw}")], rel)

    def check_comparison(self, claim: Claim) -> Finding:
        if claim.direction == "flat":
            change = [c for c in self.claims if c.sentence is claim.sentence and c.kind == "yoy_amount"
                      and c.amount is not None and c.amount.is_money and c.subject.name == claim.subject.name]
            if change and change[-1].amount and change[-1].amount.value != 0:
                if APPROXIMATE in claim.raw:  # 基本持平: roughly flat, and a small change is just that
                    return finding(claim, "unverifiable", f"{claim.raw} is approximate; the change stated is {change[-1].raw}")
                rel = self.relation(RelationKind.COMPARISON, claim, [("change", change[-1])],
                                     ["the change of the same item stated in the sentence"])
                return finding(claim, "mismatch", f"says 持平 but states a change of {change[-1].raw}", relation=rel)
            return finding(claim, "unverifiable", "no prior-year figure to compare")
        rates = [c for c in self.claims if c.kind == "budget_completion" and c.sentence.paragraph is claim.sentence.paragraph
                 and c.amount is not None and abs(self.order(c)[1] - self.order(claim)[1]) < 400]
        # the rate of the item compared (“三公”经费 决算数小于年初预算数, not 公务接待费's 100% before it)
        name = claim.subject.name
        own = [c for c in rates if name and c.subject.name and (name in c.subject.name or c.subject.name in name)]
        rates = own or [c for c in rates if not c.subject.name]
        if not rates:
            return finding(claim, "unverifiable", "no completion rate or budget figure stated for this comparison")
        rate = min(rates, key=lambda c: abs(self.order(c)[1] - self.order(claim)[1]))
        assert rate.amount is not None  # rates were chosen among claims with a figure
        lo, hi = Interval.of(rate.amount).lo, Interval.of(rate.amount).hi
        if rate.amount.value == 0:
            return finding(claim, "unverifiable", f"completion {rate.raw}: budget may be zero")
        implied = "over" if lo > 100 else "under" if hi < 100 else "equal"
        ok = implied == claim.direction or (claim.hedged and implied == "equal")  # 小于（或持平）
        ev = [Evidence(formula=f"completion {rate.raw} → actual {'>' if implied == 'over' else '<' if implied == 'under' else '='} budget")]
        rel = self.relation(RelationKind.COMPARISON, claim, [("rate", rate)],
                             [f"the completion rate of {rate.subject.name or 'the item'} stated beside it"],
                             [] if own else [mild("the rate names no item: it is the nearest one")])
        if ok:
            return finding(claim, "consistent", f"{claim.raw} agrees with completion {rate.raw}", implied, ev, rel)
        return finding(claim, "mismatch", f"{claim.raw} contradicts completion {rate.raw}", implied, ev, rel)

    def check_unread(self, claim: Claim) -> Finding:
        """A sentence the extractor could not read (a regex timeout, a figure too long to be one):
        it costs only itself, and says so."""
        return finding(claim, "warning", claim.text or "sentence not read")

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
