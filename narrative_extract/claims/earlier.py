"""The claims of the sentences before in a paragraph, as the reading of the next sentence asks for them.

An unnamed figure takes the subject of the last claim before it that has one (年初预算为 A。支出决算为 B),
and a comparison (决算数大于年初预算数) the last named item. Searching back through the paragraph's claims
for them in every sentence made a paragraph of thousands of sentences naming nothing quadratic
(``1万元。`` × N); they are kept up to date as the claims are added instead. So are the changes a
reason lead-in may explain (``changes``), which each sentence sorted anew from all the claims before it.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Claim, Subject
from .lists import figure_class
from .reasons import CHANGE_KINDS, reading_order


def inheritable(claim: Claim) -> bool:
    """A claim whose subject an unnamed figure after it may take."""
    return bool(claim.subject.name) and claim.kind in ("amount", "yoy_amount", "enumeration")


class Earlier:
    """The claims of a paragraph's sentences read so far (``claims``, in order), with the last
    inheritable subject and the last claim naming an item among them, and the changes among them in
    reading order (``changes``: ``sorted`` by ``reading_order``, ties in the order they were added)."""

    def __init__(self) -> None:
        self.claims: list[Claim] = []
        self.inheritable: Subject | None = None
        self.named: Claim | None = None
        self.changes: list[Claim] = []
        self.last_named: dict[str, int] = {}  # a subject's name → the index in ``changes`` of its last change
        self.money: Claim | None = None  # the last money amount, and the last of each figure class
        self.money_of: dict[str, Claim] = {}

    def extend(self, found: Iterable[Claim]) -> None:
        """Add a sentence's claims, read to the end (their subjects and kinds final)."""
        found = list(found)
        added = sorted((c for c in found if c.kind in CHANGE_KINDS), key=reading_order)
        first = len(self.changes)
        if added and self.changes and reading_order(added[0]) < reading_order(self.changes[-1]):
            self.changes = sorted(self.changes + added, key=reading_order)  # (a sentence read out of order)
            self.last_named, first = {}, 0
        else:
            self.changes.extend(added)
        for i in range(first, len(self.changes)):
            if name := self.changes[i].subject.name:
                self.last_named[name] = i
        for c in found:
            self.claims.append(c)
            if c.kind == "amount" and c.amount and c.amount.is_money:
                self.money = self.money_of[figure_class(c)] = c
            if inheritable(c):
                self.inheritable = c.subject
            if c.subject.name:
                self.named = c
