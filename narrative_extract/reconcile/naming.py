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
    """A warning when some table lists the item's 款 and no table lists the item under it.

    A row name the table cut short (机关事业单位基本养老保险 for …缴费支出: the cell was too narrow)
    names the item too: a prefix of six characters or more counts as the same name."""
    path = claim.subject.path
    if len(path) != 3 or claim.subject.code:
        return None
    parent, item = clean_name(path[1]), clean_name(path[2])
    listing = None  # the first table that lists the 款 without the item
    for table in doc.tables:
        if table.family not in ("final", "budget"):
            continue
        parents = [r for r in table.rows if r.code and len(r.code) == 5 and clean_name(r.name) == parent]
        if len(parents) != 1:
            continue
        code = parents[0].code
        assert code is not None  # parents are rows with a code
        children = [r for r in table.rows if r.code and len(r.code) == 7 and r.code.startswith(code)]
        if not children:
            continue
        if any(names_the_item(clean_name(r.name), item) for r in children):
            return None
        listing = listing or (table, parents[0], children)
    if listing is None:
        return None
    table, parent_row, children = listing
    listed = "、".join(f"{r.code} {r.name}" for r in children)
    return Finding(status="warning", kind=claim.kind, claim=claim, subject=claim.subject.name, scope=claim.scope,
                   raw=claim.raw, amount=claim.amount,
                   message=f"item {item} is not a row of any table; under {parent_row.code} {parent_row.name}"
                           f" {table.title} lists {listed}",
                   evidence=[Evidence.cell(table, parent_row, "", parent_row.name)])


MIN_CUT_NAME = 6  # characters a row name cut short must keep to count as the item's name


def names_the_item(row_name: str, item: str) -> bool:
    return row_name == item or (len(row_name) >= MIN_CUT_NAME and item.startswith(row_name))
