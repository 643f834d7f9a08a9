"""The claims of the sentences before in a paragraph, as the reading of the next sentence asks for them.

An unnamed figure takes the subject of the last claim before it that has one (年初预算为 A。支出决算为 B),
and a comparison (决算数大于年初预算数) the last named item. Searching back through the paragraph's claims
for them in every sentence made a paragraph of thousands of sentences naming nothing quadratic
(``1万元。`` × N); they are kept up to date as the claims are added instead.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Claim, Subject


def inheritable(claim: Claim) -> bool:
    """A claim whose subject an unnamed figure after it may take."""
    return bool(claim.subject.name) and claim.kind in ("amount", "yoy_amount", "enumeration")


class Earlier:
    """The claims of a paragraph's sentences read so far (``claims``, in order), with the last
    inheritable subject and the last claim naming an item among them."""

    def __init__(self) -> None:
        self.claims: list[Claim] = []
        self.inheritable: Subject | None = None
        self.named: Claim | None = None

    def extend(self, found: Iterable[Claim]) -> None:
        """Add a sentence's claims, read to the end (their subjects and kinds final)."""
        for c in found:
            self.claims.append(c)
            if inheritable(c):
                self.inheritable = c.subject
            if c.subject.name:
                self.named = c
