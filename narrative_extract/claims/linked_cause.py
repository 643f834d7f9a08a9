"""Reasons linked to their change by a verb of consequence, with no cause opener before them:
``市财政采取多项措施从严控制，使得“三公”经费下降12.5%`` (the clauses before ``，使得``),
``新增政府债券资金引起了县级预算收支的变化`` (the words before ``引起`` in its clause), and
``因要添置一批专用车辆，让三公经费预算同比上涨近三成`` (``让`` only after a cause opener: 因 / 由于).

The linker (``reason_leads_to``) must be followed in its clause by what changed: a change claim, or an
item and a change word (``linked_change``: also 上涨 / 增速加快 / …的变化, which no claim states). The cause
is figure-free. After ``，使得`` it is the whole run of clauses of its sentence part (to the last ；/。) before
the linker, at most ``MAX_CAUSE_CLAUSES`` of them, or — when it holds a cause opener (增城市因要添置…) — the
words from that opener on; never a reason list's item (一是…，二是…，导致…) or words that only point back
(上述因素导致… / ，故造成…). Time words opening it (今年，) are not part of it. A cause that is already a
reason's text (因X导致Y, read by ``cause_first``) is left alone.
"""

from __future__ import annotations

import re

from ..model import Claim, Sentence
from .cause_first import MAX_CAUSE_CLAUSES
from .change_words import CLAUSE_BREAK, change_basis, reason_spans, worded_change
from .lexicon import claim_frames
from .reasons import CHANGE_KINDS, clean_reason, reason_claim

_OPENER = re.compile(r"(?:由于|因为|因(?![公私此而素病故]))")
_TIME_LEAD = re.compile(r"^(?:(?:今年|去年|本年|当年|全年|同时|此外|另外|其中|但是?|而|\d{4}\s*年度?)[，,]?\s*)+")
_FIGURE = re.compile(r"\d")
#: words before a linker that refer back to the clauses before it (，从而使得… / ，也造成了… / 上述因素导致…)
_REFERRING = re.compile(r"^(?:从而|因此|因而|所以|进而|故|也|并|这|此|这些|以上|上述|均|都|直接|间接|将|会|从|而)*(?:因素|原因|情况)?$")
#: a list item inside the cause (一是…，二是…，导致…): the cause is a reason list's item, read as such
_LIST_ITEM = re.compile(r"(?:^|[，,；;])\s*(?:[一二三四五六七八九十]{1,2}是|\d{1,2}[.、．]|[（(][一二三四五六七八九十\d]{1,2}[)）])")
_TRAILING_REFERRING = re.compile(r"(?:从而|因此|进而|也|并|而|都|均)+\s*$")
_YEAR = re.compile(r"\d{4}\s*年度?")


def linked_cause_reasons(sentence: Sentence, claims: list[Claim]) -> list[Claim]:
    """The reasons of ``sentence`` linked to their change by 使得 / 引起 / 造成 / 导致 / 致使 (or 让
    after a cause opener); ``claims``: the sentence's claims so far, reasons included."""
    frames = claim_frames()
    text = sentence.text
    taken = reason_spans(claims)
    out: list[Claim] = []
    try:
        linkers = frames["reason_leads_to"].finditer(text)
    except TimeoutError:
        return out
    for linker in linkers:
        found = _cause(text, linker.start(), linker.group("linker"))
        if found is None:
            continue
        start, cause = found
        if any(lo <= linker.start() and start <= hi for lo, hi in taken):
            continue  # 因X导致Y: cause_first's reason already
        explained = _change(sentence, claims, linker.end())
        if explained is None:
            continue
        out.append(reason_claim(sentence, start, cause, change_basis(sentence, explained), explained))
        taken.append((start, linker.start()))
    return out


def _cause(text: str, at: int, linker: str) -> tuple[int, str] | None:
    """(where the cause starts, its text) before the linker at ``at``, or None: a cause with a figure,
    no cause, or 让 with no cause opener."""
    part = max(text.rfind(ch, 0, at) for ch in "；;。") + 1
    breaks = [m.start() for m in CLAUSE_BREAK.finditer(text, part, at)]
    clauses = 0
    if breaks and _REFERRING.match(text[breaks[-1] + 1: at].strip()):  # ，(从而)使得…: the clauses before
        start, clauses = part, len(breaks)
    else:  # X引起了Y: the words before the linker in its clause
        start = breaks[-1] + 1 if breaks else part
    raw = text[start:at]
    if breaks and start <= breaks[-1]:
        raw = text[start: breaks[-1]]  # (not the referring words)
    openers = list(_OPENER.finditer(raw))
    opener = openers[-1] if openers else None
    if opener is not None:
        start, raw = start + opener.end(), raw[opener.end():]
    elif linker == "让" or clauses > MAX_CAUSE_CLAUSES:
        return None  # 让 is no linker of its own (让群众满意); a longer run of clauses is no one cause
    raw = _TRAILING_REFERRING.sub("", raw)  # X从而导致Y: X
    lead = _TIME_LEAD.match(raw)
    if lead is not None:
        start, raw = start + lead.end(), raw[lead.end():]
    cause = clean_reason(raw)
    if not cause or _FIGURE.search(_YEAR.sub("", cause)) or _REFERRING.match(cause) or _LIST_ITEM.search(text, part, at):
        return None
    return start + (len(raw) - len(raw.lstrip(" ，,"))), cause


def _change(sentence: Sentence, claims: list[Claim], at: int) -> Claim | None:
    """The change the linker at ``at`` leads to: a change claim of its clause, or an item and a change
    word right after it (a claim the reason holds)."""
    text = sentence.text
    end = m.start() if (m := CLAUSE_BREAK.search(text, at)) else len(text)
    stated = sorted((c for c in claims if c.kind in CHANGE_KINDS and at <= c.start < end), key=lambda c: c.start)
    if stated and stated[0].subject.name:
        return stated[0]
    words = claim_frames()["linked_change"].match(text, at)
    if words is None or words.end() > end:
        return None
    if words.group("item").startswith("的"):
        return None
    return worded_change(sentence, at, words.group("word"), words.group("item"))
