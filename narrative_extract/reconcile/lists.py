"""Lists that should add up to their total (其中：A x，B y …), nested lists included.

A 其中 inside a list's last part (公务用车购置及运行维护费 A，…，其中：购置费 B；运行维护费 C；公务接待费 D)
does not say where it ends: D belongs to the outer list. The arithmetic decides: the nested list
is the longest run of its first parts (at least two) that adds up to its total, and the parts after
that run go back to the outer list. When no run adds up, the nested list is judged whole (its
alarm is the one worth reading) and the outer one cannot be, because its end is unknown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from ..claims.breakdowns import breakdowns
from ..claims.figures import measured_against, measured_from, same_role
from ..model import Amount, Claim
from ..relations import Doubt, Relation, RelationKind, mild, serious
from ..relations.prose import member
from .finding import Evidence, Finding, finding, fmt, judge, ulp
from .interval import Interval, total


def amounts(parts: list[Claim]) -> list[Amount]:
    """The parts' figures (a list's parts are figures: claims.lists only lists stated amounts)."""
    out = [p.amount for p in parts if p.amount is not None]
    assert len(out) == len(parts), "a list part without a figure"
    return out


def adds_up(whole: Amount, parts: list[Claim]) -> bool:
    summed = total([Interval.of(a, whole.unit) for a in amounts(parts)])
    return judge(Interval.of(whole), summed, ulp(whole)) != "mismatch"


def nested_end(nested: Claim) -> int | None:
    """How many of a nested list's first parts are its own: the longest run (≥ 2) adding up to its total."""
    assert nested.amount is not None
    return next((k for k in range(len(nested.parts), 1, -1) if adds_up(nested.amount, nested.parts[:k])), None)


def continued_parts(claim: Claim) -> list[Claim]:
    """A list that falls short of its total, read on into the later sentences of its paragraph
    (``Claim.continued``) as far as it adds up; when no such reading adds up, its own parts."""
    assert claim.amount is not None
    if not claim.continued or adds_up(claim.amount, claim.parts):
        return claim.parts
    for j in range(1, len(claim.continued) + 1):
        if adds_up(claim.amount, reading := claim.parts + claim.continued[:j]):
            return reading
    return claim.parts


def list_parts(claim: Claim) -> list[Claim] | None:
    """The parts a list's total is the sum of, nesting resolved; None when its end is unknown.

    A list holding a nested one: its own parts and the nested list's leftovers, or — when the part
    the nested list is in was a sibling of the total (基本支出 X，其中：人员 A，公用 B；项目支出 Y，其中：…)
    — a run of its own first parts; whichever adds up, else the first reading."""
    assert claim.amount is not None
    if claim.outer is not None:
        k = nested_end(claim)
        return claim.parts[:k] if k else claim.parts
    if (nested := claim.nested) is None:
        return continued_parts(claim)
    k = nested_end(nested)
    if k is None:
        return None
    readings = [claim.parts + nested.parts[k:]] + [claim.parts[:j] for j in range(len(claim.parts) - 1, 1, -1)]
    readings = [r for r in readings if len(r) >= 2]
    if not readings:
        return None
    return next((r for r in readings if adds_up(claim.amount, r)), readings[0])


def list_relation(claim: Claim, parts: list[Claim], claims: Sequence[Claim] = ()) -> Relation:
    """The list's total and the parts it is read as. The structure is printed (其中：…；…), so the
    pairing is certain unless the reading had to choose: a part that is the base of a comparison
    (比 B 减少 C), or a total taken from the sentence before the list's among several figures
    (``claims``: the report's)."""
    total = claim.total or claim
    doubts: list[Doubt] = [serious(f"the part {p.raw} is the figure a comparison is measured from")
                           for p in parts if measured_from(p)]
    # A list read on past 。 or holding a nested list is read the way that adds up, if any does; when
    # none does, every reading disagrees, so where it ends does not weaken the alarm.
    if any(p in claim.continued for p in parts):
        doubts.append(mild("the list is cut by 。 and read on into the next sentences"))
    if parts and total.sentence is not parts[0].sentence:
        # figures that could be this list's total: of the total's role, not the base of a comparison
        rivals = [c for c in claims if c.sentence is total.sentence and c.kind == "amount" and c.start != total.start
                  and c.amount is not None and c.amount.is_money and same_role(c.figure, total.figure)
                  and not measured_from(c) and not measured_against(c)]
        if rivals:
            doubts.append(mild(f"the total {total.raw} is one of several figures of the sentence before the list"))
    why = ["a list announced by 其中/包括 after its total" if total is not claim else "a list of parts of the figure it follows"]
    return Relation(RelationKind.LIST, (member("total", total), *(member("part", p) for p in parts)), tuple(why),
                    tuple(doubts))


def check_enumeration(claim: Claim, claims: Sequence[Claim] = (), cover: Callable[[Claim, list[Claim]],
                      list[Evidence] | None] | None = None) -> Finding:
    """``cover``: the evidence that the parts read are the whole of the total (project_parts.covering:
    their rows in the project table add up to it), or None; a list so covered is closed."""
    assert claim.amount is not None
    # 200余万元 / 超过1000万元 as the total or a part: a bound, nothing to add up to (an enumeration
    # ending in 等 is ``claim.hedged`` itself, checked below as parts that must not exceed the total)
    stated = [claim.total] if claim.total is not None else []
    if (loose := next((p for p in [*stated, *claim.parts] if p.kind == "amount" and p.hedged), None)) is not None:
        return finding(claim, "unverifiable", f"{loose.raw} is approximate: the parts cannot be added up")
    if any(p.amount is None or not p.amount.is_money for p in claim.parts) or not claim.amount.is_money:
        return finding(claim, "unverifiable", "the total and its parts are not all money figures")
    parts = list_parts(claim)
    if parts is None:
        return finding(claim, "unverifiable", "where the list ends is unclear: the 其中 inside it does not add up, "
                       "or leaves it a single part")
    rel = list_relation(claim, parts, claims)
    unit = claim.amount.unit
    figures = amounts(parts)
    summed = total([Interval.of(a, unit) for a in figures])
    whole = Interval.of(claim.amount)
    formula = " + ".join(p.raw for p in parts)
    exact = sum((a.to(unit).value for a in figures), Decimal(0))
    ev = [Evidence(formula=f"{formula} = {fmt(exact)}{unit}")]
    rows = cover(claim, parts) if cover is not None else None
    if rows is not None:
        # the parts' own rows add up to the total: the parts named are all of it, 主要用于 or not
        status = judge(whole, summed, ulp(claim.amount))
        rel = Relation(rel.kind, rel.members, (*rel.why, ("each part is the one row of its project in the project"
                                                          " table, and those rows add up to the total")), rel.doubts)
        msg = (f"parts add to {fmt(exact)}{unit}; the total stated is {claim.amount.value}{unit}, which the parts'"
               " project rows add up to")
        if status == "mismatch":
            msg += f" (gap {fmt(claim.amount.value - exact)})"
        elif exact != claim.amount.to(unit).value:
            msg += " (the gap is within the rounding of the parts as printed)"
        return finding(claim, status, msg, f"{fmt(exact)}{unit}", ev + rows, rel)
    if claim.hedged:
        if summed.lo <= whole.hi:
            return finding(claim, "consistent", f"listed parts ({fmt(exact)}) do not exceed {claim.amount}", None, ev, rel)
        return finding(claim, "mismatch", f"listed parts add to {fmt(exact)}{unit}, more than the total {claim.amount}",
                       str(claim.amount), ev, rel)
    status = judge(whole, summed, ulp(claim.amount))
    if status == "mismatch" and summed.hi < whole.lo and not breakdowns().is_closed(
            (claim.total or claim).subject.name, (p.subject.name for p in [*parts, *claim.continued])):
        rel = rel.with_doubts(mild("the parts fall short of the total, and the list need not name every part"
                                   " (no closed breakdown, no 其他 item)"))
    msg = f"parts add to {fmt(exact)}{unit}; the total stated is {claim.amount.value}{unit}"
    if status == "mismatch":
        msg += f" (gap {fmt(claim.amount.value - exact)})"
    return finding(claim, status, msg, f"{fmt(exact)}{unit}", ev, rel)


def unsummed(parts: list[Claim], whole: Claim) -> Doubt | None:
    """A doubt when a list's money parts do not add up to the whole a share is taken of (收入10,066万元
    (同口径)，其中：税收收入5,537万元，非税收入3,015万元，非税占比35.3%: the share is of the parts' sum)."""
    if whole.amount is None or not all(p.amount and p.amount.is_money for p in parts):
        return None
    summed = total([Interval.of(p.amount, whole.amount.unit) for p in parts if p.amount])
    if judge(Interval.of(whole.amount), summed, ulp(whole.amount)) != "mismatch":
        return None
    return mild(f"the list's parts do not add up to its total {whole.raw}: the share may be of their sum")
