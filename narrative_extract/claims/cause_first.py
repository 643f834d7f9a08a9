"""Reasons stated before their change, in the same sentence: ``因实施公务用车制度改革，全国公务用车采购金额
比上年减少77.94亿元``, ``由于外交活动增加，因公出国（境）经费比上年有所增加``, ``受减免政策影响，个人所得税
下降25.3%``, ``按照过紧日子要求，…预算比上年减少3.3亿元``.

A cause opener (``reason_cause_first``: 由于 / 因为 / 因 / 受…影响 / 按照…要求) at the start of a clause is a
reason only when the change of a figure follows it in the same sentence part (up to ；/。/其中): the cause
runs over the clauses after its opener that state no figure and no change, and the next clause that states
one is what it explains — a change claim of the sentence (its last claim of the same item in that run), or
a change stated with no figure or no base (``比上年有所增加``, ``下降25.3%``: ``change_after_cause``), which
is then written as a claim of its own, held only by the reason. Every other 由于 is left alone.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Claim, Sentence
from .change_words import CLAUSE_BREAK, ITEM_LEAD, change_basis, change_claim, item_name, reason_spans
from .lexicon import claim_frames
from .reasons import CHANGE_KINDS, clean_reason, reason_claim

if TYPE_CHECKING:
    from .earlier import Earlier

_PART_END = re.compile(r"[；;。]|其中")
_LEADS_TO = re.compile(r"导致|致使|造成|使得?|原因(?=\s*(?:增加|减少|增长|下降|上升|降低))")  # 因收舍原因增加1万元
_CHANGE_WORD = re.compile(r"(?:有所|略有|大幅|明显)?(?:增加|减少|增长|下降|上升|降低|增多)$")
#: the most clauses a cause runs over before the clause stating its change
MAX_CAUSE_CLAUSES = 3


def cause_first_reasons(sentence: Sentence, claims: list[Claim]) -> list[Claim]:
    """The reasons of ``sentence`` stated before the change they explain (``claims``: the sentence's
    own claims so far, whose reasons these must not overlap)."""
    frames = claim_frames()
    text = sentence.text
    taken = reason_spans(claims)
    out: list[Claim] = []
    try:
        openers = frames["reason_cause_first"].finditer(text)
    except TimeoutError:
        return out
    for opener in openers:
        start = opener.end()
        if any(lo - 2 <= opener.start() <= hi + 2 for lo, hi in taken):
            continue  # 主要原因是由于…: the cause is already a reason's text
        part_end = (m.start() if (m := _PART_END.search(text, start)) else len(text))
        found = _explained(sentence, claims, start, part_end)
        if found is None:
            continue
        cause_end, explained = found
        cause = _cause_text(text[start:cause_end], opener.group("opener"))
        if not cause:
            continue
        out.append(reason_claim(sentence, start, cause, change_basis(sentence, explained), explained))
        taken.append((start, cause_end))
    return out


def _cause_text(raw: str, opener: str) -> str:
    """The cause without its closing words (受…等因素影响 → …)."""
    text = clean_reason(raw)
    if opener in ("受", "因", "由于"):  # 受…影响 / 因…等因素影响
        text = re.sub(r"(?:等)?(?:多重|多种|各种)?(?:因素)?(?:叠加)?(?:的)?影响$", "", text)
    return clean_reason(text)


def _breaks(text: str, start: int, end: int) -> list[int]:
    return [m.start() for m in CLAUSE_BREAK.finditer(text, start, end)]


def _explained(sentence: Sentence, claims: list[Claim], start: int, part_end: int) -> tuple[int, Claim] | None:
    """(where the cause ends, the change it explains), or None when no clause right after the cause
    states a change."""
    text = sentence.text
    frames = claim_frames()
    changes = sorted((c for c in claims if c.kind in CHANGE_KINDS and start <= c.start < part_end), key=lambda c: c.start)
    bounds = [*_breaks(text, start, part_end), part_end]
    clause_start = start
    cause_end: int | None = None  # set at the first clause that states a figure (安排…预算51.87亿元，比…减少)
    for n, end in enumerate(bounds):
        clause = text[clause_start:end]
        stated = [c for c in changes if clause_start <= c.start < end]
        if stated:
            if n == 0:
                # 因X导致支出比上年增加10万元: the cause ends at 导致; 由于X增加10万元: the cause's own figure
                leads_to = _LEADS_TO.search(text, clause_start, stated[0].start)
                return (leads_to.start(), _run_end(stated[0], changes)) if leads_to else None
            return (clause_start - 1 if cause_end is None else cause_end), _run_end(stated[0], changes)
        wordless = frames["change_after_cause"].search(clause)
        led = wordless is not None and _LEADS_TO.match(wordless.group(0)) is not None
        if wordless is not None and cause_end is None and (
                n > 0 or wordless.start() > 0 and (led or _after_influence(clause[: wordless.start()]))):
            cut = clause_start - 1 if n > 0 else clause_start + wordless.start()
            item_text = clause[: wordless.start()] if n > 0 else ""
            if led:  # 因统计方法变化导致“三公”经费预算增多: the item is what it led to
                item_text = _CHANGE_WORD.sub("", _LEADS_TO.sub("", wordless.group(0), count=1))
            return cut, _stated_change(sentence, clause_start + wordless.start(), wordless.group(0), item_text,
                                       text[:start])
        figure = re.search(r"\d", re.sub(r"\d{4}\s*年度?", "", clause)) is not None
        if n == 0 and figure or cause_end is not None or n + 1 >= MAX_CAUSE_CLAUSES:
            return None  # a figure that is no change, or a cause running on: nothing this opener explains
        if figure:
            cause_end = clause_start - 1  # the item's figure, then its change in the very next clause
        clause_start = end + 1
    return None


def _after_influence(prefix: str) -> bool:
    """受…影响下降25.3%: the change follows the influence in the same clause."""
    return prefix.rstrip().endswith("影响")


def _run_end(first: Claim, changes: list[Claim]) -> Claim:
    """The last change claim of the run of ``first``'s item that ``first`` opens (减少3.3亿元，下降6%)."""
    last = first
    for c in changes:
        if c.start <= first.start:
            continue
        if c.subject.name != first.subject.name:
            break
        last = c
    return last


def _stated_change(sentence: Sentence, at: int, words: str, clause: str, before: str) -> Claim:
    """A change stated with no figure or no base (比上年有所增加 / 下降25.3%), as a claim the reason holds."""
    name = item_name(clause)
    if not name:  # 个人所得税受…影响下降25.3%: the item opens the clause, before the cause
        opened = max(before.rfind(ch) for ch in "，,；;。：:") + 1
        name = ITEM_LEAD.sub("", before[opened:].strip())
        name = re.sub(r"受$", "", name).strip()
    basis = "budget" if re.search(r"(?:比|较|与)[^，,；;。]{0,12}预算", words) else None  # 比预算有所节约
    return change_claim(sentence, at, words, name, basis)


def cause_sentence_reasons(sentence: Sentence, claims: list[Claim], preceding: Earlier) -> list[Claim]:
    """A sentence that opens with a cause (frame ``reason_cause_sentence``: 由于… / 因为… / 受…影响，…) and states
    no figure and no change of its own, right after a sentence of its paragraph stating the change of one
    item: the reason of that change (税收收入…较2020年增长14.58%。由于2020年收入基数较低，2021年经济逐渐复苏，
    主要税种增幅均出现不同程度回升。). ``claims``: the sentence's own so far — any, and it is left alone."""
    if claims or not preceding.claims:
        return []
    before = preceding.claims[-1].sentence
    if sentence.paragraph.text[before.start + len(before.text): sentence.start].strip():
        return []  # (a sentence between them, stating nothing)
    changes = [c for c in preceding.claims if c.sentence is before and c.kind in CHANGE_KINDS]
    if not changes or len({c.subject.name for c in changes}) != 1 or not changes[0].subject.name:
        return []  # no change, or changes of several items: which one it explains is not certain
    try:
        opener = claim_frames()["reason_cause_sentence"].match(sentence.text)
    except TimeoutError:
        return []
    if opener is None:
        return []
    start = opener.start("opener") if opener.group("opener") == "受" else opener.end()  # 受…影响，Y: all of it
    cause = clean_reason(sentence.text[start:])
    if not cause or re.search(r"\d", re.sub(r"\d{4}\s*年度?", "", cause)):
        return []
    explained = max(changes, key=lambda c: c.start)
    return [reason_claim(sentence, start, cause, change_basis(sentence, explained), explained)]
