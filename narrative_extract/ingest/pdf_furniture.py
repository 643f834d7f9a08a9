"""Running headers and footers: text repeated at the same place on many pages.

Word processors repeat the department's name, the report's title or a ``内部资料`` mark at the top
or bottom of every page. Read as text, such a line lands in the middle of a paragraph cut by the
page break (``…收入总计 上海市普陀区规划和自然资源局2024年度部门决算 11,103.41万元``) or between a
table and its continuation on the next page, which then is no longer recognised as one.

A line is page furniture when

* it lies in the top or bottom band of its page (``Settings.furniture_band`` points: one inch, where Word
  puts its header and footer at 1.5 cm from the edge), and
* the same text (digits ignored, so ``第3页`` and ``- 12 -`` variants match) sits at the same
  distance from the top (header) or from the bottom (footer) of the page, within
  ``FURNITURE_Y_SLACK`` points, on at least ``min_pages`` pages (2 in a short report; 30 % of the
  pages in a long one, so a header that only the narrative pages carry is still found).

Table titles and unit lines (``单位：万元``, ``…决算表``) repeat at the same place on every page of
a series of tables printed with one template; they describe the table below them and are never
furniture (layout reads them as the table's title and unit).

Positions are measured from the page's own edges, so a footer keeps its distance from the bottom on
landscape table pages and portrait narrative pages alike.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

#: Height (points) of the bands at the top and bottom of a page where running headers/footers sit.
#: Body text starts lower: the Putuo budgets' table titles at 90-120 pt, narrative at 70+ pt.
#: Text lines whose top (header) or bottom (footer) distances differ by less than this are at the
#: same place.
FURNITURE_Y_SLACK = 3.0

TABLE_CONTEXT = re.compile(r"单位\s*[:：]|表$|表\s*[（(][^）)]*[）)]$|^\S{0,6}\d{1,2}表")
DIGITS = re.compile(r"\d+")
SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class PlacedLine:
    """A text line as furniture detection sees it: where it is on which page."""

    page: int
    index: int  # position of the line in its page's list, to report it back
    text: str
    top: float  # distance from the page's top edge
    bottom: float  # distance from the page's bottom edge


def normalise(text: str) -> str:
    return DIGITS.sub("#", SPACES.sub("", text))


def min_pages(n_pages: int) -> int:
    """On how many pages a line must repeat to be furniture."""
    return max(2, math.ceil(0.3 * n_pages))


def find_furniture(lines: list[PlacedLine], n_pages: int, band: float) -> set[tuple[int, int]]:
    """``(page, index)`` of every line that is a running header or footer."""
    if n_pages < 2:
        return set()
    groups: dict[tuple[str, str], list[tuple[float, PlacedLine]]] = {}
    for line in lines:
        if TABLE_CONTEXT.search(line.text.strip()):
            continue
        key = normalise(line.text)
        if not key:
            continue
        if line.top <= band:
            groups.setdefault(("head", key), []).append((line.top, line))
        elif line.bottom <= band:
            groups.setdefault(("foot", key), []).append((line.bottom, line))
    need = min_pages(n_pages)
    out: set[tuple[int, int]] = set()
    for members in groups.values():
        if len({m.page for _, m in members}) < need:
            continue
        for cluster in _clusters(members):
            if len({m.page for m in cluster}) >= need:
                out.update((m.page, m.index) for m in cluster)
    return out


def _clusters(members: list[tuple[float, PlacedLine]]) -> list[list[PlacedLine]]:
    """Split lines of one text into groups at about the same distance from the page edge."""
    out: list[list[PlacedLine]] = []
    last = None
    for y, line in sorted(members, key=lambda m: m[0]):
        if last is None or y - last > FURNITURE_Y_SLACK:
            out.append([])
        out[-1].append(line)
        last = y
    return out
