"""One item named two ways: a 类/款/项 path in the prose whose 项 is not a row of the tables.

…行政事业单位养老支出（款）机关事业单位退休人员活动费支出（项） while every table lists the 款
20805 with 其他行政事业单位养老支出 (2080599) among its items: the prose uses an old or other name,
so the figure cannot be checked and a reader cannot find the row. A `warning`, not a mismatch —
the numbers may well agree.
"""

from __future__ import annotations

from ..claims.subjects import clean_name
from ..model import Claim, Document
from .finding import Evidence, Finding


def unknown_item(claim: Claim, doc: Document) -> Finding | None:
    path = claim.subject.path
    if len(path) != 3 or claim.subject.code:
        return None
    parent, item = clean_name(path[1]), clean_name(path[2])
    for table in doc.tables:
        if table.family not in ("final", "budget"):
            continue
        parents = [r for r in table.rows if r.code and len(r.code) == 5 and clean_name(r.name) == parent]
        if len(parents) != 1:
            continue
        code = parents[0].code
        children = [r for r in table.rows if r.code and len(r.code) == 7 and r.code.startswith(code)]
        names = [clean_name(r.name) for r in children]
        if not children or item in names:
            continue
        listed = "、".join(f"{r.code} {r.name}" for r in children)
        return Finding(status="warning", kind=claim.kind, claim=claim, subject=claim.subject.name, scope=claim.scope,
                       raw=claim.raw, amount=claim.amount,
                       message=f"item {item} is not a row of {table.title}; under {code} {parents[0].name} it lists {listed}",
                       evidence=[Evidence.cell(table, parents[0], "", parents[0].name)])
    return None
