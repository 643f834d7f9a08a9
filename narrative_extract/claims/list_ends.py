"""Where a list ends or splits within its sentence (``lists.enumerations``): a numbered item of the
list around it, a second view of its total, its total stated again among its parts.

* 1、基本支出 A，包括：人员经费 a，公用经费 b；2、项目支出 B — a list whose parts are not numbered ends at
  the next numbered item (``numbered_sibling``);
* 按功能分类科目 …，按经济分类科目 … in one list are two breakdowns of its total (``breakdowns``);
* …公务接待费0.00万元，本年无预算2021年…“三公”经费支出决算汇总数为769.70万元 (a 。 missing): the total
  stated again is no part of itself (``without_restated_total``).
"""

from __future__ import annotations

from decimal import Decimal
from difflib import SequenceMatcher
from itertools import pairwise

from ..model import Claim
from .lexicon import claim_frames


def numbered_sibling(text: str, lead_end: int, first: int, stop: int) -> int | None:
    """Where a list whose parts are not numbered meets a numbered item (1、基本支出 A，包括：人员经费 a，公用
    经费 b；2、项目支出 B): the next item of the list around it, which ends this one."""
    frames = claim_frames()
    if frames["numbered_item"].search(text, lead_end, first):
        return None  # its own parts are numbered (其中：1、… A；2、… B)
    found = frames["numbered_item"].search(text, first, stop)
    return found.start() if found else None


def breakdowns(text: str, parts: list[Claim], start: int, stop: int) -> list[tuple[list[Claim], int]]:
    """The parts of a list split at each 按…分类 that opens a breakdown of its own, with where each ends."""
    marks = [m.start() for m in claim_frames()["breakdown_lead"].finditer(text, start, stop)]
    if len(marks) < 2:
        return [(parts, stop)]
    bounds = [start, *marks[1:], stop]
    return [([p for p in parts if a <= p.start < b], b) for a, b in pairwise(bounds)]


def without_restated_total(parts: list[Claim], total: Claim) -> list[Claim]:
    """The parts without the list's total stated again among them (…公务接待费0.00万元，本年无预算2021年
    五华区…“三公”经费支出决算汇总数为769.70万元, a 。 missing): a part of the total's figure and name,
    when the other parts already add up to the total. A part equal to the total beside zeros (其中：一般
    公共预算财政拨款收入10,892.96万元，政府性基金…0.00万元) is a part."""
    if total.amount is None or not total.amount.value:
        return parts
    unit, step = total.amount.unit, Decimal(1).scaleb(-total.amount.decimals)
    for part in parts:
        others = [p for p in parts if p is not part]
        if restates_total(part, total) and all(p.amount for p in others) and abs(
                sum((p.amount.to(unit).value for p in others if p.amount), Decimal(0)) - total.amount.value) <= step:
            return others
    return parts


def restates_total(part: Claim, total: Claim) -> bool:
    """The list's total stated again among its parts: the same figure, of an item whose name is the
    total's, however else the unit and role words around it run (五华区…“三公”经费支出 / 区…“三公”经费支出
    决算汇总数: the part's name holds a run of three quarters of the total's; 运行维护费 3万元 of
    公车购置及运行维护费 3万元 is a part: it holds only half of the total's name)."""
    if part.amount is None or total.amount is None or part.amount.to(total.amount.unit).value != total.amount.value \
            or total.amount.value == 0:  # (金额0万元 … 金额0万元: parts of nothing, not the total again)
        return False
    a, b = part.subject.name, total.subject.name
    if not a or not b:
        return False
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size >= 0.75 * len(b)
