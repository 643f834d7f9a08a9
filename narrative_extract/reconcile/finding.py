"""A verdict on one claim or one table relation, with the evidence a reviewer needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..model import Amount, Claim, Location, Row, Table
from ..relations import Relation
from .interval import Interval

STATUSES = ("consistent", "rounding", "mismatch", "unverifiable", "warning")


@dataclass
class Evidence:
    """Either a table cell (table, row, column, printed text) or a formula with the figures used."""

    table: str | None = None
    standard_id: str | None = None
    row: str | None = None
    code: str | None = None
    column: str | None = None
    printed: str | None = None
    loc: Location | None = None
    formula: str | None = None

    def as_dict(self) -> dict:
        out = {k: v for k, v in self.__dict__.items() if v is not None and k != "loc"}
        if self.loc is not None:
            out["at"] = self.loc.as_dict()
        return out

    @classmethod
    def cell(cls, table: Table, row: Row, column: str, printed: str) -> Evidence:
        return cls(table=table.title, standard_id=table.standard_id, row=row.name, code=row.code,
                   column=column, printed=printed, loc=row.loc)


@dataclass
class Finding:
    status: str
    kind: str
    message: str
    claim: Claim | None = None
    expected: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    loc: Location | None = None  # table findings: where the row is
    subject: str | None = None
    scope: str | None = None
    raw: str | None = None
    amount: Amount | None = None
    #: the figures this verdict compares and how sure their pairing is; a mismatch needs a certain one
    relation: Relation | None = None


def judge(printed: Interval, expected: Interval, ulp: Decimal) -> str:
    """consistent when the intervals overlap, rounding when a last-digit slip explains the gap."""
    if printed.overlaps(expected):
        return "consistent"
    if printed.gap(expected) <= ulp * Decimal("1.0001"):
        return "rounding"
    return "mismatch"


def fmt(value: Decimal, places: int = 2) -> str:
    q = Decimal(1).scaleb(-places)
    return f"{value.quantize(q):,}"


def ulp(amount: Amount) -> Decimal:
    """One unit in the last printed digit; none for a printed zero, which is exact (Interval.of)."""
    return Decimal(0) if amount.value == 0 else amount.half_ulp * 2


def finding(claim: Claim, status: str, message: str, expected: str | None = None, evidence=None,
            relation: Relation | None = None) -> Finding:
    return Finding(status=status, kind=claim.kind, message=message, claim=claim, expected=expected,
                   evidence=evidence or [], subject=claim.subject.name, scope=claim.scope, raw=claim.raw,
                   amount=claim.amount, relation=relation)


def unit_slip(claim: Claim, value: Interval) -> str | None:
    """How the stated figure agrees with ``value`` once one figure behind it is read 10,000 times off
    (元 printed as 万元: 预算为494,400.00万元，支出决算为115,749.56元，完成预算的23.42%), or None."""
    assert claim.amount is not None
    for factor, reading in ((Decimal(10000), "10,000 times larger"), (Decimal("0.0001"), "10,000 times smaller")):
        if judge(Interval.of(claim.amount), value.scaled(factor), ulp(claim.amount)) != "mismatch":
            return reading
    return None
