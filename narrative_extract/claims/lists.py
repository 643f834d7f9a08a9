"""Lists in the prose (其中：A x，B y；C z): which figures are the parts and which is the total.

Chinese prose does not mark where a list ends, and one sentence may hold several:

* Parts and total are figures of one kind. An unlabelled part takes the total's kind; a labelled
  one (支出决算为 A，完成预算 B 的 x%) keeps its own, so a list of actuals and budgets adds up the
  kind of its first part (this year's when unlabelled: A 251万元，比上年 285万元…), and the prior year's total said after this year's
  (1969万元，较2024年的2190万元减少…) is no total of a list of this year's parts.
* The figure a lead directly follows is the list's total (项目支出 Y，其中：…); otherwise the last
  figure of the list's kind before it in the sentence that no earlier list holds, and only when
  the sentence has no such figure, the last one of the sentence before (收支总预算 A。收入包括：…；
  支出包括：…).
* A lead inside the clauses of the previous list's last part opens a list nested in that part
  (公务用车购置及运行维护费 A，其中：购置费 B，运行维护费 C；公务接待费 D). Where it ends is left to the
  arithmetic (``reconcile/lists.py``): ``Claim.outer`` / ``Claim.nested`` link the two.
* 按功能分类科目 …，按经济分类科目 … in one list are two breakdowns of its total.
* A list opened inside brackets ends at the closing bracket; a "nested list" of one figure
  (人员经费 A，主要包括：基本工资…；公用经费 B) is a description, and its figure the outer list's part.
"""

from __future__ import annotations

from itertools import pairwise
from typing import NamedTuple

from ..model import Claim, Sentence
from .figures import DERIVED, is_current, is_prior
from .lexicon import claim_frames


def figure_class(claim: Claim) -> str:
    """Which year's or which kind of figure an amount is, for adding up: this year's (the report's
    own or the executed one), the budget's, or the prior year's."""
    if claim.figure == DERIVED:
        return "derived"
    return "current" if is_current(claim.figure) else "prior" if is_prior(claim.figure) else "budget"


def listable(claims: list[Claim]) -> list[Claim]:
    """The figures that may be a list's parts or total: stated money amounts, not averages or differences."""
    return [c for c in claims if c.kind == "amount" and c.amount and c.amount.is_money and c.figure != DERIVED]


def same_kind(part: Claim, total: Claim) -> bool:
    return part.figure is None or figure_class(part) == figure_class(total)


def enumerations(sentence: Sentence, claims: list[Claim], before: list[Claim]) -> list[Claim]:
    """The lists of a sentence (see the module docstring); ``before``: the claims of the sentences
    before it in its paragraph."""
    text = sentence.text
    money = listable(claims)
    depth = bracket_depths(text)
    leads = list_leads(text, money, depth)
    out: list[Claim] = []
    taken: set[int] = set()
    outer: tuple[list[Claim], Claim | None] | None = None  # the list before: its figures, its claim
    for i, lead in enumerate(leads):
        level = depth[lead.start]
        later = [other.start for other in leads[i + 1:] if depth[other.start] <= level]
        stop = min(later[0] if later else len(text), bracket_end(text, lead.start))
        # figures in brackets inside the list (（公务用车购置费 0 万元、运行维护费 21 万元）) break down one part
        listed = [c for c in money if lead.end <= c.start < stop and depth[c.start] == level]
        if not listed:
            outer = None
            continue
        if level > 0:
            # a list in brackets ends at its own bracket: a list of its own; the list around it goes on
            # its total: the figure the bracket belongs to (…382.58万元，…下降9.9%（其中：…）), if of its kind
            # (公务接待费15万元（年初预算12万元，调整后预算16万元）: two budgets of it, no breakdown)
            total = next((c for c in reversed(money) if c.start < lead.start and depth[c.start] == level - 1), None)
            taken.update(id(c) for c in listed)
            parts = [c for c in listed if total is not None and same_kind(c, total)]
            if total is not None and figure_class(listed[0]) == figure_class(total) and len(parts) >= 2:
                bracketed = list_claim(sentence, lead.start, stop, total, parts)
                # （含 A、B…） / （主要用于 A、B…）: names some components, need not be all of them
                bracketed.hedged = (bracketed.hedged
                                    or claim_frames()["partial_bracket"].match(text, lead.start) is not None)
                out.append(bracketed)
            continue
        if outer is not None and nested_in(text, outer[0][-1], lead.start, money):
            head = outer[0][-1]
            parts = [c for c in listed if same_kind(c, head)]
            taken.update(id(c) for c in listed)
            if len(parts) < 2:
                # 人员经费 A，主要包括：基本工资…；公用经费 B: a description, not a list; B is the outer list's
                if outer[1] is not None:
                    outer[1].parts.extend(p for p in parts if same_kind(p, outer[1]))
                    outer = (outer[1].parts, outer[1])
                continue
            nested = list_claim(sentence, lead.start, stop, head, parts)
            if outer[1] is not None:
                nested.outer, outer[1].nested = outer[1], nested
            out.append(nested)
            outer = None
            continue
        total = list_total(text, lead.start, listed, money, taken, before)
        taken.update(id(c) for c in listed)
        if total is None:
            outer = None
            continue
        parts = [c for c in listed if same_kind(c, total)]
        made = [list_claim(sentence, lead.start, end, total, group)
                for group, end in breakdowns(text, parts, lead.end, stop) if group]
        out.extend(made)
        outer = (parts, made[-1]) if made and parts else None
    # a list of one part is no list, unless a list nested in it gives back the parts after its own
    return [c for c in out if len(c.parts) >= 2 or c.nested is not None]


class Lead(NamedTuple):
    """Where a list opens: its lead-in (其中：) or, for a bare bracketed breakdown, the bracket's inside."""

    start: int
    end: int


def list_leads(text: str, money: list[Claim], depth: list[int]) -> list[Lead]:
    """The lead-ins of a sentence's lists, and the brackets right after a figure that hold two or more
    figures and no lead-in of their own (公务用车购置及运行维护费21万元（公务用车购置费0万元、…21万元）)."""
    leads = [Lead(m.start(), m.end()) for m in claim_frames()["enumeration_lead"].finditer(text)]
    for c in money:
        at = c.start + len(c.raw)
        while at < len(text) and text[at].isspace():
            at += 1
        if at >= len(text) or text[at] not in "（(":
            continue
        end = bracket_end(text, at + 1)
        inside = [f for f in money if at < f.start < end and depth[f.start] == depth[at] + 1]
        if len(inside) >= 2 and not any(at < lead.start < end for lead in leads):
            leads.append(Lead(at + 1, at + 1))
    return sorted(leads)


def bracket_depths(text: str) -> list[int]:
    """How many brackets are open before each character (and at the end of the text)."""
    depths, open_ = [], 0
    for ch in text:
        depths.append(open_)
        if ch in "（(":
            open_ += 1
        elif ch in "）)":
            open_ = max(0, open_ - 1)
    depths.append(open_)
    return depths


def bracket_end(text: str, at: int) -> int:
    """Where a list opened inside brackets ends: its closing bracket (（其中：一般公共预算项目 12 个，…）)."""
    depth = sum(1 if ch in "（(" else -1 for ch in text[:at] if ch in "（()）")
    if depth <= 0:
        return len(text)
    inner = 0  # brackets opened inside the list (因公出国（境）费) close before the list's own
    for i in range(at, len(text)):
        if text[i] in "（(":
            inner += 1
        elif text[i] in "）)":
            if inner == 0:
                return i
            inner -= 1
    return len(text)


def list_total(text: str, lead_start: int, listed: list[Claim], money: list[Claim], taken: set[int],
               before: list[Claim]) -> Claim | None:
    frames = claim_frames()
    earlier = [c for c in money if c.start < lead_start]
    if earlier and frames["list_head_gap"].fullmatch(text, earlier[-1].start + len(earlier[-1].raw), lead_start):
        return earlier[-1]  # 项目支出 Y，其中：… (Y may be a part of the list before as well)
    pool = [c for c in earlier if id(c) not in taken]
    kind = figure_class(listed[0])  # an unlabelled first part is this year's (公务用车…251万元，比上年285万元…)
    if not pool:
        pool = [c for c in before if c.kind == "amount" and c.amount and c.amount.is_money]
    of_kind = [c for c in pool if figure_class(c) == kind]
    found = of_kind or pool
    return found[-1] if found else None


def list_claim(sentence: Sentence, start: int, end: int, total: Claim, parts: list[Claim]) -> Claim:
    text = sentence.text
    after_last = text[parts[-1].start + len(parts[-1].raw): end] if parts else ""
    hedged = "等" in text[start:end] or bool(claim_frames()["hedge_after_parts"].search(after_last))
    return Claim(kind="enumeration", sentence=sentence, start=start, raw=text[start:end], subject=total.subject,
                 scope=total.scope, amount=total.amount, parts=parts, hedged=hedged, total=total)


def nested_in(text: str, last: Claim, lead_start: int, money: list[Claim]) -> bool:
    """A lead inside the clauses of the list before's last part: no figure of its kind and no ；or 。
    between them (but the one just before 其中：, as in 增长29.9%；其中：…)."""
    if last.start >= lead_start:
        return False
    if any(last.start < c.start < lead_start and figure_class(c) == figure_class(last) for c in money):
        return False
    gap = text[last.start:lead_start].rstrip("；;，, ")
    return claim_frames()["item_boundary"].search(gap) is None


def breakdowns(text: str, parts: list[Claim], start: int, stop: int) -> list[tuple[list[Claim], int]]:
    """The parts of a list split at each 按…分类 that opens a breakdown of its own, with where each ends."""
    marks = [m.start() for m in claim_frames()["breakdown_lead"].finditer(text, start, stop)]
    if len(marks) < 2:
        return [(parts, stop)]
    bounds = [start, *marks[1:], stop]
    return [([p for p in parts if a <= p.start < b], b) for a, b in pairwise(bounds)]
