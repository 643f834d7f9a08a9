"""The 绩效目标表 (财政项目支出绩效目标申报表) of a budget report: one sheet per project.

Each prints 项目名称, 项目资金总额 (over the project's whole span) and 年度资金申请总额 (this year's
request). The prose states a project's budget (本年度拆违经费预算金额为349.80万元; 其中：中介机构服务费
418.80万元、…); that figure is this year's, so it is checked against 年度资金申请总额. A project of several
years (拆违经费: 10,308,000 in all, 3,498,000 this year) may also be stated by its whole amount: the
prose agrees when it matches either, and is a mismatch only when it matches neither.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..claims.subjects import clean_name
from ..model import MONEY_UNITS, Amount, Claim, Document, Table
from ..relations.cells import form_relation
from .finding import Evidence, Finding, fmt, judge
from .interval import Interval
from .self_evaluation import labelled_values, printed

NAME_LABELS = ("项目名称",)
MIN_NAME = 3  # characters a project name needs before a prose subject is matched against it


@dataclass(frozen=True)
class TargetSheet:
    table: Table
    name: str | None
    annual: tuple[Amount, str] | None  # 年度资金申请总额, as printed
    whole: tuple[Amount, str] | None  # 项目资金总额, as printed


def target_sheets(doc: Document) -> list[TargetSheet]:
    out = []
    for table in doc.tables:
        if table.standard_id != "budget.performance_target" or table.unit not in MONEY_UNITS:
            continue
        rows = printed(table)
        values = labelled_values(rows)
        name = next((r.cells[i + 1] for r in rows for i, c in enumerate(r.cells[:-1]) if c in NAME_LABELS), None)
        out.append(TargetSheet(table, clean_name(name) if name else None,
                               money(values, "annual", table.unit), money(values, "budget", table.unit)))
    return out


def money(values: dict, kind: str, unit: str) -> tuple[Amount, str] | None:
    """A labelled figure of a sheet in the sheet's unit, with its printed text."""
    found = values.get(kind)
    return (Amount(found[0].value, unit, found[0].decimals), found[1]) if found else None


def project_amount(claim: Claim, sheets: list[TargetSheet]) -> Finding | None:
    """A project's stated budget against the sheet that bears its name (None: no such sheet)."""
    name = claim.subject.name
    if claim.amount is None or not claim.amount.is_money or claim.hedged or len(name) < MIN_NAME:
        return None
    mine = [s for s in sheets if s.name and (s.name == name or (len(s.name) >= MIN_NAME and name.endswith(s.name)))]
    if len(mine) != 1 or mine[0].annual is None:
        return None
    sheet = mine[0]
    stated = Interval.of(claim.amount)
    unit = claim.amount.unit
    checks = [(label, printed) for label, printed in (("年度资金申请总额", sheet.annual), ("项目资金总额", sheet.whole))
              if printed is not None]
    results = [(label, printed, judge(stated, Interval.of(printed[0], unit), claim.amount.half_ulp * 2))
               for label, printed in checks]
    label, (amount, text), status = next((r for r in results if r[2] != "mismatch"), results[0])
    shown = amount.to(unit)
    where = f"{sheet.table.title} “{sheet.name}” {label}"
    message = (f"matches {where}" if status != "mismatch"
               else f"{where} prints {text}{amount.unit} ({fmt(shown.value)}{unit}); the prose says {claim.raw}")
    return Finding(status=status, kind=claim.kind, message=message, claim=claim, expected=f"{fmt(shown.value)}{unit}",
                   evidence=[Evidence(table=sheet.table.title, standard_id=sheet.table.standard_id, row=sheet.name or "",
                                      column=label, printed=text, loc=sheet.table.loc)],
                   subject=name, scope=claim.scope, raw=claim.raw, amount=claim.amount,
                   relation=form_relation(claim, sheet.table, f"“{sheet.name}” {label}", text,
                                          "the 绩效目标表 that bears the project's name"))
