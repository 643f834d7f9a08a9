"""Relations: which figures belong together, why, and how sure the tool is of it.

A verdict compares figures; a wrong pairing of figures is the commonest false alarm (the prior
year's total taken as this year's whole, a 合计 row of another table's meaning, a base figure read
as the current one). So every comparison the reconcile stage makes goes through a ``Relation``:
a typed, printable statement of the figures it pairs (``members``), the evidence that they belong
together (``why``) and what weakens that evidence (``doubts``). Its ``certainty`` follows from the
doubts alone, so the rule is inspectable: a relation with no doubt is certain, one with only mild
doubts probable, one with a serious doubt doubtful. Only a certain relation may carry a
``mismatch`` (reconcile/certainty.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class RelationKind(str, Enum):
    CELL = "claim_cell"  # a stated figure → the table cell that prints it
    CHANGE = "change"  # a change (amount or percent) → (current, base)
    SHARE = "share"  # a share → (part, whole)
    COMPLETION = "completion"  # a completion rate → (actual, budget)
    LIST = "list"  # a list → (parts, total)
    COMPARISON = "comparison"  # 大于/小于/持平 → the rate or change it restates
    RESTATEMENT = "restatement"  # a figure stated twice → (first, second)
    PROJECT = "project"  # a project's figure → its own sheet or list entry
    TABLE_SUM = "table_sum"  # a table row → the rows or columns that add up to it
    TABLE_AGREEMENT = "table_agreement"  # one total printed by two tables


class Certainty(str, Enum):
    CERTAIN = "certain"
    PROBABLE = "probable"
    DOUBTFUL = "doubtful"


class Severity(str, Enum):
    MILD = "mild"  # the pairing is likely right, but not proved (a whole stated in another paragraph)
    SERIOUS = "serious"  # the pairing may well be wrong (a figure of another year, a table misread)


@dataclass(frozen=True)
class Doubt:
    text: str
    severity: Severity = Severity.MILD

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Member:
    """One figure of a relation: its role in it (part, whole, current, base, cell …), as printed, and where."""

    role: str
    printed: str
    where: str

    def __str__(self) -> str:
        return f"{self.role} {self.printed} ({self.where})"


@dataclass(frozen=True)
class Relation:
    kind: RelationKind
    members: tuple[Member, ...]
    why: tuple[str, ...]
    doubts: tuple[Doubt, ...] = ()

    @property
    def certainty(self) -> Certainty:
        if any(d.severity is Severity.SERIOUS for d in self.doubts):
            return Certainty.DOUBTFUL
        return Certainty.PROBABLE if self.doubts else Certainty.CERTAIN

    @property
    def certain(self) -> bool:
        return self.certainty is Certainty.CERTAIN

    def with_doubts(self, *doubts: Doubt) -> Relation:
        return Relation(self.kind, self.members, self.why, self.doubts + tuple(d for d in doubts if d not in self.doubts))

    def as_dict(self) -> dict:
        out: dict = {"kind": self.kind.value, "certainty": self.certainty.value,
                     "members": [{"role": m.role, "printed": m.printed, "at": m.where} for m in self.members],
                     "why": list(self.why)}
        if self.doubts:
            out["doubts"] = [{"text": d.text, "severity": d.severity.value} for d in self.doubts]
        return out

    def __str__(self) -> str:
        head = f"{self.kind.value} [{self.certainty.value}]: " + " ~ ".join(str(m) for m in self.members)
        why = "; ".join(self.why)
        doubts = "; ".join(str(d) for d in self.doubts)
        return head + (f" — because {why}" if why else "") + (f" — but {doubts}" if doubts else "")


def mild(text: str) -> Doubt:
    return Doubt(text, Severity.MILD)


def serious(text: str) -> Doubt:
    return Doubt(text, Severity.SERIOUS)
