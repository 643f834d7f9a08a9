"""Relations among figures of the prose: a change and its figures, a share and its whole, a list
and its total, a rate and the figures it is taken of.

The figures a claim is measured against are found by the reconcile stage (the nearest current
figure of the item, the named whole …); here each pairing is stated with what makes it sure and
what does not. The doubts are the family's, not one report's: a partner from another paragraph
may belong to another context; a partner of another year, or a figure whose role is not the one
the relation needs (the base of a comparison taken as the current figure), may be another figure
of the same item; a partner found with no subject named is only the nearest figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import regex

from ..claims.figures import measured_from
from ..claims.lexicon import claim_frames
from ..model import Claim
from .model import Doubt, Member, Relation, RelationKind, mild, serious


def stated_year(text: str) -> int | None:
    """The latest year a text names (2022年度 … 较2021年度 → 2022), if any."""
    years = [int(m.group("year")) for m in claim_frames()["year_before_number"].finditer(text)]
    return max(years) if years else None


#: roles a figure of the year holds; the base of a comparison holds none of them
MEASURED_ROLES = ("current", "part", "whole", "actual", "total")


def governing_year(before: str) -> int | None:
    """The year a figure is of: the last year named before it in its clause (after the last ；),
    not one it is compared with (比2025年预算增加 …；…预算为0万元: not 2025's figure)."""
    clause = regex.split(r"[；;。]", before)[-1]
    years = [m for m in claim_frames()["year_before_number"].finditer(clause)
             if not regex.search(r"[比较与同]\s*$", clause[max(0, m.start() - 2):m.start()])]
    return int(years[-1].group("year")) if years else None


def member(role: str, claim: Claim) -> Member:
    return Member(role, claim.raw, str(claim.loc))


def partner_doubts(claim: Claim, role: str, partner: Claim, claims: Sequence[Claim] = ()) -> list[Doubt]:
    """What weakens the pairing of ``claim`` with ``partner`` (its ``role``), whatever the relation.

    A partner from another paragraph is sure when nothing else could be meant: it is in the same
    part of the report (its top heading) and the report states no other figure of that item, scope
    and role (``claims``: the report's claims)."""
    doubts: list[Doubt] = []
    if partner.sentence.paragraph is not claim.sentence.paragraph:
        if partner.sentence.section[:1] != claim.sentence.section[:1]:
            doubts.append(mild(f"the {role} {partner.raw} is stated in another part of the report ({partner.loc})"))
        if (rival := other_figure(partner, claims)) is not None:
            doubts.append(mild(f"the {role} {partner.raw} ({partner.loc}) is one of several figures of"
                               f" {partner.subject.name or 'its item'}: {rival.raw} ({rival.loc})"))
        year, own = stated_year(claim.sentence.paragraph.text), stated_year(partner.sentence.paragraph.text)
        if year and own and own != year:
            doubts.append(serious(f"the {role} {partner.raw} is in a paragraph about {own}, the claim's about {year}"))
    if role in MEASURED_ROLES and measured_from(partner):
        doubts.append(serious(f"the {role} {partner.raw} is the figure a comparison is measured from"))
    return doubts


def other_figure(partner: Claim, claims: Sequence[Claim]) -> Claim | None:
    """Another stated figure of the partner's item, scope and role with another value, if any."""
    mine = partner.amount
    if mine is None or not mine.is_money:
        return None
    return next((c for c in claims if c is not partner and c.kind == partner.kind and c.amount is not None
                 and c.amount.is_money and c.subject.name == partner.subject.name and c.scope == partner.scope
                 and c.figure == partner.figure and c.amount.to(mine.unit).value != mine.value), None)


def prose_relation(kind: RelationKind, claim: Claim, partners: Iterable[tuple[str, Claim]], why: Iterable[str],
                   doubts: Iterable[Doubt] = (), *, claims: Sequence[Claim] = ()) -> Relation:
    """A relation of ``claim`` with its partners (role, claim); ``claims``: the report's claims
    (to tell whether a partner from elsewhere is the only figure it can be)."""
    partners = list(partners)
    found = [d for role, p in partners for d in partner_doubts(claim, role, p, claims)]
    return Relation(kind, (member(claim.kind, claim), *(member(role, p) for role, p in partners)),
                    tuple(why), tuple(dict.fromkeys([*doubts, *found])))
