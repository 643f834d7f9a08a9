"""Lists that run over paragraphs: a 其中： (包括：) ending a paragraph lists items in the next ones.

* Each next paragraph of the same section adds its items: the first figure of this year's of each
  ；-clause of its first sentence (公务接待费为 A，比上年减少 …；公务用车…费为 B，…).
* A paragraph that opens with a view of its own (按支出项目类别： / 按支出功能分类科目： / 按支出经济分类科目：,
  patterns/claim_frames.json ``breakdown_lead``) is a breakdown of the total by itself: its figures are
  that view's parts, never added to another view's (其中：↵按支出项目类别：基本支出 A，包括：…↵按支出功能
  分类科目：… B，… C↵按支出经济分类科目：… D，… E). The parts of a list nested in it (基本支出 A，包括：人员
  经费 a，公用经费 b) are that list's, not the view's.
* A list is kept only when it names at least two parts.
"""

from __future__ import annotations

from ..model import Claim, Paragraph
from .figures import is_current
from .lexicon import claim_frames
from .list_ends import breakdowns
from .lists import bracket_depths, listable

LEADS_AT_END = ("其中：", "其中:", "包括：", "包括:")


class ParagraphList:
    """The list a paragraph ending in a lead opened, as the paragraphs after it are read."""

    def __init__(self, total: Claim, section: tuple[str, ...]):
        self.total = total
        self.section = section
        self.items = new_list(total)
        self.views = False  # the paragraphs after it are views (按…分类：), each a list of its own

    def read(self, paragraph: Paragraph, found: list[Claim], claims: list[Claim]) -> bool:
        """Take the paragraph's items (their lists appended to ``claims``); False when it ends the list."""
        if paragraph.section != self.section:
            return False
        if opens_a_view(paragraph.text):
            self.views = True
            for parts in view_parts(found):
                keep(new_list(self.total, parts), claims)
            return True
        if self.views:
            return False
        items = item_amounts(found)
        self.items.parts.extend(items)
        return bool(items)

    def close(self, claims: list[Claim]) -> None:
        if not self.views:
            keep(self.items, claims)


def opened_list(paragraph: Paragraph, found: list[Claim]) -> ParagraphList | None:
    """The list a paragraph opens for the next ones: its text ends in a lead and it states a figure of
    this year's, the list's total (基本支出 A，同比减少 B，下降 C%。其中：— never a rate or change)."""
    if not paragraph.text.rstrip().endswith(LEADS_AT_END):
        return None
    tail = next((c for c in reversed(found) if c.kind == "amount" and c.amount and c.amount.is_money
                 and is_current(c.figure)), None)
    return ParagraphList(tail, paragraph.section) if tail is not None else None


def new_list(total: Claim, parts: list[Claim] | None = None) -> Claim:
    return Claim(kind="enumeration", sentence=total.sentence, start=total.start, raw=total.raw,
                 subject=total.subject, scope=total.scope, amount=total.amount, parts=list(parts or []))


def keep(enumeration: Claim, claims: list[Claim]) -> None:
    """Keep a list that ran over paragraphs only when it named at least two parts."""
    if len(enumeration.parts) >= 2:
        claims.append(enumeration)


def opens_a_view(text: str) -> bool:
    return claim_frames()["breakdown_lead"].match(text.lstrip()) is not None


def item_amounts(claims: list[Claim]) -> list[Claim]:
    """The items a paragraph adds to a list opened at the end of the paragraph before: the first figure
    of this year's of each ；-clause of its first sentence (公务接待费为 A，比上年减少 …；公务用车…费为 B，…)."""
    money = listable(claims)
    if not money:
        return []
    sentence = money[0].sentence
    boundary = claim_frames()["item_boundary"]
    items: list[Claim] = []
    for claim in money:
        if claim.sentence is not sentence:
            break
        cut = max(sentence.text.rfind(ch, 0, claim.start) for ch in "；;")
        clause = sentence.text[cut + 1: claim.start].lstrip()
        if not items or (boundary.search(sentence.text, items[-1].start, claim.start) and is_current(claim.figure)
                         and not clause.startswith("其中")):  # ；其中，… breaks the item before down
            items.append(claim)
    return items


def view_parts(claims: list[Claim]) -> list[list[Claim]]:
    """The parts of each view of a paragraph's first sentence (a paragraph may hold two when a 。 is missing:
    按支出项目类别：… B.按支出功能分类科目：… C): its figures of this year's outside brackets, but those of
    a list nested in one of them (基本支出 A，包括：人员经费 a，公用经费 b: A is the part)."""
    money = listable(claims)
    if not money:
        return []
    sentence = money[0].sentence
    nested = {id(p) for c in claims if c.kind == "enumeration" for p in c.parts}
    text = sentence.text
    depth = bracket_depths(text)
    parts = [c for c in money
             if c.sentence is sentence and is_current(c.figure) and id(c) not in nested and depth[c.start] == 0]
    return [view for view, _ in breakdowns(text, parts, 0, len(text))]
