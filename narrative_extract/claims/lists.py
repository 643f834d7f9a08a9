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

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, NamedTuple

from ..model import Claim, Sentence
from .figures import DERIVED, is_current, is_prior
from .lexicon import claim_frames
from .list_ends import breakdowns, numbered_sibling, without_restated_total

if TYPE_CHECKING:
    from .earlier import Earlier


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


def enumerations(sentence: Sentence, claims: list[Claim], before: Earlier) -> list[Claim]:
    """The lists of a sentence (see the module docstring); ``before``: the claims of the sentences
    before it in its paragraph (their last money amounts kept as they are added: each sentence's
    lists looked through all the claims before it)."""
    text = sentence.text
    money = listable(claims)
    starts = [c.start for c in money]
    brackets = Brackets(text)
    depth = brackets.depth
    at_depth: dict[int, list[int]] = {}  # bracket depth → the indices in ``money`` of the figures at it
    for i, c in enumerate(money):
        at_depth.setdefault(depth[c.start], []).append(i)
    leads = list_leads(text, money, brackets)
    out: list[Claim] = []
    taken = Untaken(money, before)
    # 年初预算数761.21万元（含上年结转5.01万元），其中：…: a figure in brackets is no total of a list outside
    # them (a list in brackets finds its total by bracket depth, not among the untaken)
    taken.update([c for c in money if depth[c.start] > 0])
    outer: tuple[list[Claim], Claim | None] | None = None  # the list before: its figures, its claim
    for lead, next_lead in zip(leads, next_at_or_above(leads, depth), strict=True):
        level = depth[lead.start]
        stop = min(next_lead, brackets.end(lead.start))
        if lead.composition and (boundary := claim_frames()["item_boundary"].search(text, lead.end, stop)):
            stop = boundary.start()  # a list with no colon ends with its clause group (；。)
        # figures in brackets inside the list (（公务用车购置费 0 万元、运行维护费 21 万元）) break down one part
        listed = [c for c in money[bisect_left(starts, lead.end): bisect_left(starts, stop)] if depth[c.start] == level]
        if not listed:
            outer = None
            continue
        if (sibling := numbered_sibling(text, lead.end, listed[0].start, stop)) is not None:
            stop, listed = sibling, [c for c in listed if c.start < sibling]
        if level > 0:
            # a list in brackets ends at its own bracket: a list of its own; the list around it goes on
            # its total: the figure the bracket belongs to (…382.58万元，…下降9.9%（其中：…）), if of its kind
            # (公务接待费15万元（年初预算12万元，调整后预算16万元）: two budgets of it, no breakdown)
            # (the last before the lead one level out, found by bisection: a line of thousands of bracketed
            # lists searched back through every figure before each)
            outside = at_depth.get(level - 1, [])
            k = bisect_left(outside, bisect_left(starts, lead.start)) - 1
            total = money[outside[k]] if k >= 0 else None
            taken.update(listed)
            parts = [c for c in listed if total is not None and same_kind(c, total)]
            if total is not None and figure_class(listed[0]) == figure_class(total) and len(parts) >= 2:
                bracketed = list_claim(sentence, lead.start, stop, total, parts)
                # （含 A、B…） / （主要用于 A、B…）: names some components, need not be all of them
                bracketed.hedged = (bracketed.hedged
                                    or claim_frames()["partial_bracket"].match(text, lead.start) is not None)
                out.append(bracketed)
            continue
        if outer is not None and nested_in(text, outer[0][-1], lead.start, money, starts, depth):
            head = outer[0][-1]
            parts = [c for c in listed if same_kind(c, head)]
            taken.update(listed)
            if len(parts) < 2:
                # 人员经费 A，主要包括：基本工资…；公用经费 B: a description, not a list; B is the outer list's
                if outer[1] is not None:
                    outer[1].parts.extend(p for p in parts if same_kind(p, outer[1]))
                    outer = (outer[1].parts, outer[1])
                continue
            nested = list_claim(sentence, lead.start, stop, head, parts)
            nested.hedged = nested.hedged or lead.open
            if outer[1] is not None:
                nested.outer, outer[1].nested = outer[1], nested
            out.append(nested)
            outer = None
            continue
        total = list_total(text, lead.start, listed, money, starts, taken)
        if lead.composition:
            count = bisect_left(starts, lead.start)
            total = money[count - 1] if count else None  # the figure the word directly follows (compositions())
            # the figure a later list's lead follows is that list's total, not a part of this one
            listed = [c for c in listed if not heads_a_lead(text, c, leads)]
        taken.update(listed)
        if total is None:
            outer = None
            continue
        # …公务接待费支出决算为0.00万元，本年无预算2021年…“三公”经费支出决算汇总数为769.70万元 (a 。 missing):
        # the total stated again is no part of itself
        parts = without_restated_total([c for c in listed if same_kind(c, total)], total)
        made = [list_claim(sentence, lead.start, end, total, group)
                for group, end in breakdowns(text, parts, lead.end, stop) if group]
        for claim in made:
            claim.hedged = claim.hedged or lead.open
        out.extend(made)
        outer = (parts, made[-1]) if made and parts else None
    # a list of one part is no list, unless a list nested in it gives back the parts after its own
    return [c for c in out if len(c.parts) >= 2 or c.nested is not None]


class Lead(NamedTuple):
    """Where a list opens: its lead-in (其中：) or, for a bare bracketed breakdown, the bracket's inside.
    ``composition``: a word with no colon right after a total (474.56万元，主要用于A…、B…); ``open``: one
    naming only the main parts (主要用于)."""

    start: int
    end: int
    composition: bool = False
    open: bool = False


def list_leads(text: str, money: list[Claim], brackets: Brackets) -> list[Lead]:
    """The lead-ins of a sentence's lists, and the brackets right after a figure that hold two or more
    figures and no lead-in of their own (公务用车购置及运行维护费21万元（公务用车购置费0万元、…21万元）)."""
    written = [Lead(m.start(), m.end()) for m in claim_frames()["enumeration_lead"].finditer(text)]
    written_starts = [lead.start for lead in written]
    starts = [c.start for c in money]
    depth = brackets.depth
    leads = list(written) + compositions(text, money, written)
    for c in money:
        at = c.start + len(c.raw)
        while at < len(text) and text[at].isspace():
            at += 1
        if at >= len(text) or text[at] not in "（(":
            continue
        end = brackets.end(at + 1)
        inside = [f for f in money[bisect_left(starts, at + 1): bisect_left(starts, end)]
                  if depth[f.start] == depth[at] + 1]
        # (a bracket lead added before this one lies before ``at``: only the written ones can be inside)
        if len(inside) >= 2 and bisect_left(written_starts, end) == bisect_left(written_starts, at + 1):
            leads.append(Lead(at + 1, at + 1))
    return sorted(leads)


def compositions(text: str, money: list[Claim], written: list[Lead]) -> list[Lead]:
    """The composition words (patterns/claim_frames.json composition_lead) right after a money figure
    (only list_head_gap between them), outside any written lead, followed by two figures or more before
    the next ；or 。 (人员经费 A，主要包括基本工资、津贴…等；公用经费 B names no figures: it describes A, and the
    list A is a part of goes on)."""
    frames = claim_frames()
    ends = {c.start + len(c.raw): c for c in money}
    starts = [c.start for c in money]
    out = []
    written_starts = [w.start for w in written]  # (sorted: found left to right)
    for m in frames["composition_lead"].finditer(text):
        k = bisect_right(written_starts, m.start()) - 1
        if k >= 0 and m.start() < written[k].end:
            continue  # inside a written lead (具体包括)
        gap = regex_gap_start(text, m.start())
        if gap not in ends or not frames["list_head_gap"].fullmatch(text, gap, m.start()):
            continue
        boundary = frames["item_boundary"].search(text, m.end())
        stop = boundary.start() if boundary else len(text)
        if bisect_left(starts, stop) - bisect_left(starts, m.end()) < 2:
            continue
        out.append(Lead(m.start(), m.end(), True, frames["composition_open_lead"].match(m.group(0)) is not None))
    return out


def regex_gap_start(text: str, at: int) -> int:
    """Where the run of spaces and one punctuation mark (，；（) before ``at`` starts."""
    i = at
    while i > 0 and text[i - 1].isspace():
        i -= 1
    if i > 0 and text[i - 1] in "，,；;（(":
        i -= 1
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i


def next_at_or_above(leads: list[Lead], depth: list[int]) -> list[int]:
    """For each lead, where the next lead at its bracket level or outside it starts (the text's end if
    none): the latest its list can run to. One pass from the right with a stack."""
    out = [len(depth) - 1] * len(leads)
    stack: list[int] = []  # starts of the leads after, deepest on top
    for i in range(len(leads) - 1, -1, -1):
        level = depth[leads[i].start]
        while stack and depth[stack[-1]] > level:
            stack.pop()
        if stack:
            out[i] = stack[-1]
        stack.append(leads[i].start)
    return out


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


class Brackets:
    """A sentence's brackets, worked out once (a sentence of thousands of lists reads in linear time)."""

    def __init__(self, text: str):
        self.depth = bracket_depths(text)
        # balance[i]: brackets opened minus closed in text[:i] (not clamped at 0, unlike depth)
        balance = [0]
        for ch in text:
            balance.append(balance[-1] + (1 if ch in "（(" else -1 if ch in "）)" else 0))
        self.balance = balance
        # below[i]: the first j > i where the balance drops under balance[i] (len(text) + 1 if never)
        self.below = [len(text) + 1] * len(balance)
        stack: list[int] = []
        for i in range(len(balance) - 1, -1, -1):
            while stack and balance[stack[-1]] >= balance[i]:
                stack.pop()
            if stack:
                self.below[i] = stack[-1]
            stack.append(i)

    def end(self, at: int) -> int:
        """Where a list opened inside brackets at ``at`` ends: its closing bracket (（其中：一般公共预算项目 12
        个，…）); brackets opened inside it (因公出国（境）费) close before. The text's end outside brackets."""
        size = len(self.balance) - 1
        if self.balance[at] <= 0 or self.below[at] > size:
            return size
        return self.below[at] - 1


class Untaken:
    """The sentence's money figures that no list holds yet, and the figures of the sentences before:
    the candidates for a list's total, found in near-constant time each."""

    def __init__(self, money: list[Claim], before: Earlier):
        self.money = money
        self.index = {id(c): i for i, c in enumerate(money)}
        self.free = _Before(len(money))
        groups: dict[str, list[int]] = {}
        for i, c in enumerate(money):
            groups.setdefault(figure_class(c), []).append(i)
        self.kinds = {k: (idx, _Before(len(idx))) for k, idx in groups.items()}
        self.before = before

    def update(self, claims: list[Claim]) -> None:
        for c in claims:
            i = self.index[id(c)]
            self.free.take(i)
            idx, free = self.kinds[figure_class(c)]
            free.take(bisect_left(idx, i))

    def last(self, count: int, kind: str) -> Claim | None:
        """The last untaken of the first ``count`` figures, of ``kind`` if any is, else of any kind."""
        if count and (at := self.free.last(count - 1)) >= 0:
            if kind in self.kinds:
                idx, free = self.kinds[kind]
                if (j := free.last(bisect_left(idx, count) - 1)) >= 0:
                    return self.money[idx[j]]
            return self.money[at]
        return None

    def previous(self, kind: str) -> Claim | None:
        """The last money amount of the sentences before, of ``kind`` if any is."""
        return self.before.money_of.get(kind, self.before.money)


class _Before:
    """Positions 0…n−1 some of which are taken: the last untaken one at or before a position
    (−1 if none), by union-find with path halving."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def take(self, i: int) -> None:
        self.parent[i] = i - 1

    def last(self, i: int) -> int:
        parent = self.parent
        while i >= 0 and parent[i] != i:
            if parent[i] >= 0:
                parent[i] = parent[parent[i]]
            i = parent[i]
        return i


def list_total(text: str, lead_start: int, listed: list[Claim], money: list[Claim], starts: list[int],
               taken: Untaken) -> Claim | None:
    count = bisect_left(starts, lead_start)  # the figures before the lead
    if count and claim_frames()["list_head_gap"].fullmatch(text, money[count - 1].start + len(money[count - 1].raw),
                                                           lead_start):
        return money[count - 1]  # 项目支出 Y，其中：… (Y may be a part of the list before as well)
    kind = figure_class(listed[0])  # an unlabelled first part is this year's (公务用车…251万元，比上年285万元…)
    found = taken.last(count, kind)
    return found if found is not None else taken.previous(kind)


def heads_a_lead(text: str, figure: Claim, leads: list[Lead]) -> bool:
    """Whether a lead follows the figure with only list_head_gap between (``leads`` sorted by start)."""
    end = figure.start + len(figure.raw)
    k = bisect_left(leads, end, key=lambda lead: lead.start)
    return k < len(leads) and claim_frames()["list_head_gap"].fullmatch(text, end, leads[k].start) is not None


def list_claim(sentence: Sentence, start: int, end: int, total: Claim, parts: list[Claim]) -> Claim:
    text = sentence.text
    after_last = text[parts[-1].start + len(parts[-1].raw): end] if parts else ""
    hedged = "等" in text[start:end] or bool(claim_frames()["hedge_after_parts"].search(after_last))
    return Claim(kind="enumeration", sentence=sentence, start=start, raw=text[start:end], subject=total.subject,
                 scope=total.scope, amount=total.amount, parts=parts, hedged=hedged, total=total)


def nested_in(text: str, last: Claim, lead_start: int, money: list[Claim], starts: list[int],
              depth: list[int]) -> bool:
    """A lead inside the clauses of the list before's last part: no figure of its kind (outside brackets:
    完成75.29亿元（包括…1.38亿元），…，分项目看：) and no ；or 。 between them (but the one just before
    其中：, as in 增长29.9%；其中：…)."""
    if last.start >= lead_start:
        return False
    between = [c for c in money[bisect_left(starts, last.start + 1): bisect_left(starts, lead_start)]
               if depth[c.start] <= depth[last.start]]
    if any(figure_class(c) == figure_class(last) for c in between):
        return False
    gap = text[last.start:lead_start].rstrip("；;，, ")
    return claim_frames()["item_boundary"].search(gap) is None
