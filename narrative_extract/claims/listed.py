"""Where a subject starts among the figures listed before it (``after_listed_figures``), read from the
figures of the whole sentence, found once.

A figure's subject is read from the words of its clause before it, and those words never hold a
figure: 政府采购货物预算0.00万元、政府采购服务预算 names 政府采购服务预算. Finding the figures of that
clause anew for every figure of a sentence cost each figure the parse of every figure up to
``reach.WINDOW`` characters before it: a line of ``1万元`` × 30,000 parsed four million figures.
``SentenceFigures`` parses the sentence once and answers for any clause of it with a few bisections.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import regex

from ..numbers import NumberMatch, find_numbers
from .lexicon import claim_frames

TWO_HAN = regex.compile(r"\p{Han}{2}")
STATED = ("money", "percent")  # figures a clause states (a count or score may head a list: 39 批次、208 人)


class SentenceFigures:
    """The figures with a unit of one text (a sentence), for ``after_listed`` on any clause of it."""

    def __init__(self, text: str, numbers: list[NumberMatch]):
        self.text = text
        self.figures = [m for m in numbers if m.kind != "bare"]
        self.ends = [m.end for m in self.figures]  # in order: figures never overlap
        # the figures a 、 follows (…万元、), as the whole text reads; ``listed`` reads those near a clause's end again
        self.listed_at = [i for i, m in enumerate(self.figures) if self.listed(m, len(text))]

    def listed(self, m: NumberMatch, end: int) -> bool:
        """Whether a 、 follows the figure in ``text[:end]`` (…万元、 or …万元 、)."""
        return self.text[m.end: min(m.end + 2, end)].lstrip().startswith("、")

    def after_listed(self, start: int, end: int) -> str:
        """``after_listed_figures`` of the clause ``text[start:end]``, from the figures in it. A clause may
        start inside a figure (after the , of 943,200.43万元): the figure's digits after it are one, as
        they are when the clause is read alone."""
        text = self.text
        lo, hi = bisect_right(self.ends, start), bisect_right(self.ends, end)
        if lo < hi and self.figures[lo].start < start and not text[start: start + 1].isdigit():
            lo += 1
        if lo >= hi:
            return text[start:end]
        last = self.figures[hi - 1]
        stated = last.kind in STATED and not claim_frames()["threshold_after_number"].match(text, last.end, end)
        if stated and not self.listed(last, end):
            # 较2024年的2190万元（减少 …）: the words after the last figure, or none at all
            rest = text[last.end:end]
            return rest if TWO_HAN.search(rest) else ""
        cuts = self.listed_between(lo, hi, end)
        if not cuts:
            return text[start:end]
        rest = text[text.index("、", self.figures[cuts[-1]].end) + 1: end]
        return rest if TWO_HAN.search(rest) else text[start: max(start, self.figures[cuts[0]].start)]

    def listed_between(self, lo: int, hi: int, end: int) -> list[int]:
        """The first and the last of the figures ``lo`` … ``hi - 1`` a 、 follows in ``text[:end]`` (one
        index when one figure is, none when none is): those within two characters of ``end`` read again."""
        near = [i for i in range(max(lo, hi - 2), hi) if self.figures[i].end + 2 > end]
        inner_end = near[0] if near else hi
        first, last = bisect_left(self.listed_at, lo), bisect_left(self.listed_at, inner_end) - 1
        inner = [self.listed_at[first], self.listed_at[last]] if first <= last else []
        found = inner + [i for i in near if self.listed(self.figures[i], end)]
        return [found[0], found[-1]] if found else []


def after_listed_figures(clause: str) -> str:
    """政府采购货物预算0.00万元、政府采购服务预算 / 累计 39 批次、208 人、: a subject never holds a figure.
    It starts after the last figure with a unit listed (…、) before it, or is the list's head when
    nothing is named after the figures (外事接待累计0批次、0人、 → 外事接待累计); after a figure not
    listed it is the words that follow, if any (较2024年的2190万元 names nothing).

    The clause's own figures; ``SentenceFigures.after_listed`` reads a clause of a sentence already parsed."""
    return SentenceFigures(clause, find_numbers(clause)).after_listed(0, len(clause))
