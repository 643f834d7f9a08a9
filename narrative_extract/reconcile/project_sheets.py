"""A project's figures in the prose against its own 绩效自评表.

(1) “工作业务经费”项目自评综述：…项目自评得分 99.73 分。项目全年预算数为 897.47 万元，执行数为
873.55 万元，完成预算的 97.34%。 — the sheet titled 项目(政策)名称 工作业务经费 prints the same
budget, executed figure, 执行率 and 绩效自评总得分. The project is the first quoted name of the
paragraph; it is linked only to a sheet of exactly that name (quotes and a leading project code
ignored), never by value.
"""

from __future__ import annotations

import regex

from ..claims.figures import ACTUAL, BUDGET
from ..model import MONEY_UNITS, Amount, Claim, Document, Table
from ..relations.cells import form_relation
from .finding import Evidence, Finding, fmt, judge
from .interval import Interval
from .project_lists import says
from .self_evaluation import labelled_values, printed
from .target_tables import name_key

QUOTED = regex.compile(r"“((?:[^“”]|“[^“”]*”){2,80}?)”")
NAME_LABELS = {"项目(政策)名称", "项目（政策）名称", "项目名称"}


class ProjectSheets:
    def __init__(self, doc: Document):
        self.sheets: dict[str, tuple[Table, dict]] = {}
        for table in doc.tables:
            if table.standard_id != "self_evaluation.project":
                continue
            rows = printed(table)
            name = next((r.cells[1] for r in rows if len(r.cells) > 1 and r.cells[0] in NAME_LABELS), None)
            if name:
                self.sheets.setdefault(name_key(name), (table, labelled_values(rows)))
        # One export writes all of a report's sheets: General format shown by one is the format of all.
        self.general = any(general_format(values) for _, values in self.sheets.values())

    def sheet_for(self, claim: Claim) -> tuple[str, Table, dict] | None:
        m = QUOTED.search(claim.sentence.paragraph.text[:120])
        if m is None:
            return None
        found = self.sheets.get(name_key(m.group(1)))
        return (m.group(1), *found) if found else None

    def check(self, claim: Claim) -> Finding | None:
        if not self.sheets or claim.amount is None:
            return None
        if claim.kind == "score" and says("project_score_before_number", claim):
            label = "total"
        elif claim.kind == "amount" and claim.figure == BUDGET and says("project_budget_before_number", claim):
            label = "budget"
        elif claim.kind == "amount" and claim.figure == ACTUAL and says("project_actual_before_number", claim):
            label = "actual"
        elif claim.kind == "budget_completion" and claim.basis != "initial_budget":
            label = "rate"  # the sheet's 执行率 is of the full-year budget, not the 年初预算
        else:
            return None
        found = self.sheet_for(claim)
        if found is None or label not in found[2]:
            return None
        name, table, values = found
        value, text, loc = values[label]
        if self.general:
            # A spreadsheet export in General format drops trailing zeros (50, 706.1, 49.5) instead
            # of rounding — shown by figures of one kind printed to different precisions — so a
            # figure is read at the prose's precision. Otherwise the printed precision holds.
            value = Amount(value.value, value.unit, max(value.decimals, claim.amount.decimals))
        if claim.amount.is_money:
            unit = table.unit if table.unit in MONEY_UNITS else "万元"  # the sheets print 金额(万元)
            value = Amount(value.value, unit, value.decimals)
        status = judge(Interval.of(claim.amount), Interval.of(value, claim.amount.unit), max(
            claim.amount.half_ulp, value.to(claim.amount.unit).half_ulp if value.is_money else value.half_ulp) * 2)
        shown = value.to(claim.amount.unit) if value.is_money else value
        where = f"{table.title} “{name}” prints {text}"
        message = f"matches {where}" if status == "consistent" else f"{where}; the prose says {claim.raw}"
        evidence = Evidence(table=table.title, standard_id=table.standard_id, row=name, column=label, printed=text, loc=loc)
        relation = form_relation(claim, table, f"“{name}” {label}", text, "the project's own 绩效自评表, by its quoted name")
        return Finding(status=status, kind=claim.kind, message=message, claim=claim,
                       expected=f"{fmt(shown.value)}{shown.unit}", evidence=[evidence], subject=claim.subject.name or name,
                       scope=claim.scope, raw=claim.raw, amount=claim.amount, relation=relation)


def general_format(values: dict) -> bool:
    """Whether a sheet's money figures show General format: some printed with decimals (873.55),
    others of the same kind without (50, 1398) — a fixed format would print them all alike."""
    decimals = {values[k][0].decimals for k in ("budget", "actual") if k in values}
    return len(decimals) > 1 or any(d >= 2 for d in decimals) and any(
        v[0].decimals == 0 for k, v in values.items() if k in ("budget", "actual", "total", "subtotal"))
