"""The 绩效目标表 (财政项目支出绩效目标申报表) of a budget report: one sheet per project.

Each prints 项目名称, 项目资金总额 (over the project's whole span) and 年度资金申请总额 (this year's
request). The prose states a project's budget (本年度拆违经费预算金额为349.80万元; 其中：中介机构服务费
418.80万元、…); that figure is this year's, so it is checked against 年度资金申请总额. A project of several
years (拆违经费: 10,308,000 in all, 3,498,000 this year) may also be stated by its whole amount: the
prose agrees when it matches either, and is a mismatch only when it matches neither.

A 项目支出绩效目标表 may instead list several projects, one block of indicator rows per project under
one header (单位名称 | 项目名称 | 年度资金总额 | 年度绩效目标 | 一级指标 …): ``target_tables.listed_projects``
reads one record per project from it (``TargetSheet.listed``); such a record is checked after the
project table (``listed_amount``).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..claims.figures import is_current
from ..claims.subjects import clean_name
from ..model import MONEY_UNITS, Amount, Claim, Document, Location, Table
from ..relations.cells import form_relation
from .finding import Evidence, Finding, fmt, judge
from .interval import Interval
from .self_evaluation import labelled_values, printed
from .target_tables import ListedProject, listed_projects, project_key

NAME_LABELS = ("项目名称",)
MIN_NAME = 3  # characters a project name needs before a prose subject is matched against it


@dataclass(frozen=True)
class TargetSheet:
    table: Table
    name: str | None
    annual: tuple[Amount, str] | None  # 年度资金申请总额, as printed
    whole: tuple[Amount, str] | None  # 项目资金总额, as printed
    listed: bool = False  # one of the projects a multi-project table lists (its row at ``loc``)
    loc: Location | None = None


def target_sheets(doc: Document) -> list[TargetSheet]:
    """One record per 绩效目标表 form, and one per project of a table listing several."""
    out = []
    targets = [t for t in doc.tables if t.standard_id == "budget.performance_target" and t.unit in MONEY_UNITS]
    listed: dict[int, list[ListedProject]] = listed_projects(targets)
    for table in targets:
        if id(table) in listed:
            out += [TargetSheet(table, p.name, money_of(p.annual, table.unit), money_of(p.whole, table.unit), True,
                                p.loc) for p in listed[id(table)]]
            continue
        rows = printed(table)
        values = labelled_values(rows)
        name = next((r.cells[i + 1] for r in rows for i, c in enumerate(r.cells[:-1]) if c in NAME_LABELS), None)
        out.append(TargetSheet(table, clean_name(name) if name else None,
                               money(values, "annual", table.unit or ""), money(values, "budget", table.unit or "")))
    return out


def money_of(found: tuple[Amount, str] | None, unit: str | None) -> tuple[Amount, str] | None:
    return (Amount(found[0].value, unit or "", found[0].decimals), found[1]) if found else None


def money(values: dict, kind: str, unit: str) -> tuple[Amount, str] | None:
    """A labelled figure of a sheet in the sheet's unit, with its printed text."""
    found = values.get(kind)
    return (Amount(found[0].value, unit, found[0].decimals), found[1]) if found else None


def project_amount(claim: Claim, sheets: list[TargetSheet]) -> Finding | None:
    """A project's stated budget against the sheet that bears its name (None: no such sheet)."""
    name = claim.subject.name
    if claim.amount is None or not claim.amount.is_money or claim.hedged or len(name) < MIN_NAME:
        return None
    mine = [s for s in sheets if not s.listed and s.name
            and (s.name == name or (len(s.name) >= MIN_NAME and name.endswith(s.name)))]
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


YEAR_PREFIX = regex.compile(r"(?:19|20)\d\d")
MIN_LISTED = 4  # characters a project's name needs before the prose is matched against a listed project
SCOPES = ("all_funds", "project")


def listed_named(claim: Claim, sheets: list[TargetSheet], clause: str) -> list[TargetSheet]:
    """The listed projects named exactly as the claim's subject (a project's amount of this year)."""
    if claim.amount is None or not claim.amount.is_money or claim.hedged or claim.scope not in SCOPES:
        return []
    if not is_current(claim.figure) or claim.subject.code or len(claim.subject.path) >= 2:
        return []
    key = project_key(claim.subject.name)
    listed = [s for s in sheets if s.listed and s.name]
    if len(key) < MIN_LISTED or not listed:
        return []
    mine = [s for s in listed if project_key(s.name or "") == key]
    if not mine:
        # 2026年信访专项经费30万元: the subject read is 信访专项经费, the clause prints the year before it
        before = project_key(clause)
        mine = [s for s in listed if (k := project_key(s.name or "")).endswith(key) and before.endswith(k)
                and YEAR_PREFIX.fullmatch(k[:-len(key)])]
    return mine


def listed_amount(claim: Claim, sheets: list[TargetSheet], clause: str) -> Finding | None:
    """A project's stated amount against the project of that name a multi-project 绩效目标表 lists
    (``clause``: the claim's clause before its figure). Certain only through the one project of
    exactly that name and its 年度 (this year's) funds; a figure disagreeing with a 项目总额 only, or
    two projects of the name: ``unverifiable``. None when no listed project bears the name."""
    mine = listed_named(claim, sheets, clause)
    if not mine or claim.amount is None:
        return None
    if len(mine) > 1:
        where = "; ".join(f"{s.table.title} p.{s.loc.page if s.loc else ''}" for s in mine)
        return Finding(status="unverifiable", kind=claim.kind, claim=claim, subject=claim.subject.name,
                       scope=claim.scope, raw=claim.raw, amount=claim.amount,
                       message=f"{len(mine)} projects of the performance-target tables are named {claim.subject.name}"
                               f" ({where}): which one the prose means is not certain")
    sheet = mine[0]
    stated, unit = Interval.of(claim.amount), claim.amount.unit
    label, printed = (("年度资金总额", sheet.annual) if sheet.annual is not None else ("项目总额", sheet.whole))
    assert printed is not None  # a listed project prints one of its funds
    amount, text = printed
    status = judge(stated, Interval.of(amount, unit), claim.amount.half_ulp * 2)
    shown = amount.to(unit)
    where = f"{sheet.table.title} “{sheet.name}” {label}"
    evidence = [Evidence(table=sheet.table.title, standard_id=sheet.table.standard_id, row=sheet.name or "",
                         column=label, printed=text, loc=sheet.loc or sheet.table.loc)]
    expected = f"{fmt(shown.value)}{unit}"
    if status == "mismatch" and sheet.annual is None:
        return Finding(status="unverifiable", kind=claim.kind, claim=claim, subject=claim.subject.name,
                       scope=claim.scope, raw=claim.raw, amount=claim.amount, expected=expected, evidence=evidence,
                       message=f"{where} prints {text} ({expected}), a total that may span years or sources;"
                               f" the prose says {claim.raw}: not certain to be the same figure")
    message = (f"matches {where}" if status != "mismatch"
               else f"{where} prints {text} ({expected}); the prose says {claim.raw}")
    return Finding(status=status, kind=claim.kind, message=message, claim=claim, expected=expected, evidence=evidence,
                   subject=claim.subject.name, scope=claim.scope, raw=claim.raw, amount=claim.amount,
                   relation=form_relation(claim, sheet.table, f"“{sheet.name}” {label}", text,
                                          "the one project of that name a multi-project 绩效目标表 lists"))
