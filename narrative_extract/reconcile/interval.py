"""Interval arithmetic on printed figures: a printed 5,076.95 is any value in [5,076.945, 5,076.955].

Every check computes the interval of values the printed inputs allow and compares it with the
interval of the printed claim; only a gap that rounding cannot explain is a mismatch.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..model import Amount

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Interval:
    lo: Decimal
    hi: Decimal

    @classmethod
    def of(cls, amount: Amount, unit: str | None = None) -> Interval:
        """Values a printed figure allows. A printed zero (0万元, 0.00) is exactly zero: reports
        print 0 for "none", and reading it as ±half a unit would let 0 absorb a real figure."""
        if amount.value == 0:
            return cls.exact(amount.value)
        if unit is not None and amount.is_money and unit != amount.unit:
            amount = amount.to(unit)
        lo, hi = amount.interval()
        return cls(lo, hi)

    @classmethod
    def exact(cls, value: Decimal) -> Interval:
        return cls(value, value)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def scaled(self, factor: Decimal) -> Interval:
        """The interval times a positive factor (a unit read 10,000 times too large or small)."""
        return Interval(self.lo * factor, self.hi * factor)

    def contains_zero(self) -> bool:
        return self.lo <= 0 <= self.hi

    def ratio_percent(self, whole: Interval) -> Interval | None:
        """100 × self / whole, or None when the whole may be zero (the ratio is undefined)."""
        if whole.contains_zero():
            return None
        candidates = [a / b * HUNDRED for a in (self.lo, self.hi) for b in (whole.lo, whole.hi)]
        return Interval(min(candidates), max(candidates))

    def overlaps(self, other: Interval) -> bool:
        """Printed figures round half-open intervals: 5,076.95 and 5,076.96 only touch, never overlap."""
        if self.lo == self.hi or other.lo == other.hi:  # an exact value
            return self.lo <= other.hi and other.lo <= self.hi
        return self.lo < other.hi and other.lo < self.hi

    def gap(self, other: Interval) -> Decimal:
        """Distance between the intervals (0 when they overlap)."""
        if self.overlaps(other):
            return Decimal(0)
        return other.lo - self.hi if other.lo > self.hi else self.lo - other.hi

    @property
    def mid(self) -> Decimal:
        return (self.lo + self.hi) / 2


def total(intervals: list[Interval]) -> Interval:
    out = Interval.exact(Decimal(0))
    for i in intervals:
        out = out + i
    return out
