"""The item and direction of a change stated in words, with no figure or no claim of its own
(``使得2013年公务用车购置及运行维护费较上年略有增长`` / ``县级财政收入增速加快`` / ``…预算收支的变化``): used
by the reasons read before their change (cause_first, linked_cause) and by a reported explanation that
names its change (对于公车费用的大幅上涨，…解释称).
"""

from __future__ import annotations

import re

import regex

from ..model import Claim, Sentence, Subject
from .lexicon import claim_frames
from .performance import in_performance_section

_ITEM_CUT = re.compile(r"(?:与|比|较|同比|相比)[^，,；;。]*$")
ITEM_LEAD = re.compile(r"^(?:使得?|致使|导致|造成|引起|让|\d{4}\s*年度?|今年|本年度?|当年度?|全年|全市|全省|全国|全区|全县|我市|我省|我区|我县|"
                       r"前[一二三四五六七八九十两\d]{1,2}个?月|[一二三四]季度|上半年)+")


def item_name(clause: str) -> str:
    """The item a change clause names before its change words: no comparison (比上年…), no time or
    place words opening it (2024年 / 全市 / 前两个月), no linker (使得2013年…)."""
    return ITEM_LEAD.sub("", _ITEM_CUT.sub("", clause).strip(" ，,")).strip()


def text_from_word(change: re.Match | regex.Match) -> str:
    """A change frame's match from its change word on (分别增加 A 和: 增加 A 和; 增（减）: all of it)."""
    return change.group(0)[change.start("word") - change.start():]


def _worded_against_the_word(words: str) -> tuple[bool, str | None]:
    """(True, direction) when the words override what their change word says: a form's either-way
    wording 增（减） / 增长（下降） states none; 负增长 (negative growth) is a decrease."""
    frames = claim_frames()
    if frames["either_direction"].search(words):
        return True, None
    if frames["negative_growth"].search(words):
        return True, "decrease"
    return False, None


def change_word_direction(words: str) -> str | None:
    """The direction of the change word right before a figure (claim_frames ``change_before_number``):
    增加 / 调增 / 增 → increase; 负增长 → decrease; 增（减） → None; any other change word → decrease."""
    overridden, direction = _worded_against_the_word(words)
    if overridden:
        return direction
    frames = claim_frames()
    return "increase" if frames["increase"].match(words) or frames["bare_increase"].match(words) else "decrease"


def change_direction(words: str) -> str | None:
    """The direction a change's words state, with the claims' own increase frame: 增加 / 上涨 / 增速加快
    → increase; 增速放缓 / …的变化 → None (growing more slowly is still growing; a change of no stated
    direction); 负增长 → decrease; any other change word → decrease."""
    overridden, direction = _worded_against_the_word(words)
    if overridden:
        return direction
    if re.search(r"增速[^，,；;。]{0,2}加快|增幅扩大", words):
        return "increase"
    if re.search(r"增速|增幅|变化|变动", words):
        return None
    return "increase" if claim_frames()["increase"].search(words) or re.search(r"上涨|上调|增收", words) else "decrease"


#: where one clause of a sentence ends (a comma between digits is a thousands separator, not a break)
CLAUSE_BREAK = re.compile(r"[，；;。：:]|,(?!\d)|(?<!\d),")


def reason_spans(claims: list[Claim]) -> list[tuple[int, int]]:
    """Where the reasons among a sentence's claims so far lie (start, end): a cause read before its
    change must not be one of them again."""
    return [(c.start, c.start + len(c.text or "")) for c in claims if c.kind == "reason"]


def change_claim(sentence: Sentence, at: int, words: str, name: str, basis: str | None = None) -> Claim:
    """A change of the item ``name`` stated in ``words`` at ``at`` with no figure or no base of its own,
    as a claim a reason holds."""
    return Claim(kind="yoy_pct", sentence=sentence, start=at, raw=words, subject=Subject(printed=name, name=name),
                 scope="all_funds", basis=basis, direction=change_direction(words))


def worded_change(sentence: Sentence, at: int, words: str, item: str, basis: str | None = None) -> Claim | None:
    """A change stated in ``words`` of ``item`` at ``at``, as a claim a reason holds; None when the
    item names nothing."""
    name = item_name(item)
    return change_claim(sentence, at, words, name, basis) if name else None


def change_basis(sentence: Sentence, explained: Claim) -> str:
    """The basis of a reason read before or linked to its change: performance under a heading of
    performance reasons (偏差原因分析), else budget or yoy as the change's own."""
    if in_performance_section(sentence.paragraph.section):
        return "performance"
    return "budget" if explained.basis == "budget" else "yoy"
