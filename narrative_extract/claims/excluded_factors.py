"""A change explained by what is not comparable with last year: ``…比上年下降3.6%，剔除不可比因素（剔除新增债券
3亿元、省补水利建设与发展专项1.41亿元），同比增长6.5%`` — the items excluded are why the stated change differs
from the like-for-like one, so they are the reason of the change before them.

Frame ``reason_excluded_factors``: 剔除 after a clause break, the factors (in the brackets after 不可比因素, or
the words before 因素), then a clause restating the change like for like (同比增长 / 同口径增幅 …). The change
explained is the last change claim before 剔除 in the same sentence part; with none there (…入库。剔除…因素，
同口径增幅超全年预算增幅), nothing is read.
"""

from __future__ import annotations

import re

from ..model import Claim, Sentence
from .change_words import change_basis, reason_spans
from .lexicon import claim_frames
from .reasons import CHANGE_KINDS, clean_reason, reason_claim

_PART_END = re.compile(r"[；;。]")
_INNER_LEAD = re.compile(r"^\s*(?:剔除|扣除|不含)\s*")


def excluded_factor_reasons(sentence: Sentence, claims: list[Claim]) -> list[Claim]:
    """The reasons of ``sentence`` given as the factors excluded from a like-for-like comparison;
    ``claims``: the sentence's claims so far (reasons included, whose text these must not overlap)."""
    text = sentence.text
    taken = reason_spans(claims)
    out: list[Claim] = []
    try:
        found = claim_frames()["reason_excluded_factors"].finditer(text)
    except TimeoutError:
        return out
    for m in found:
        what = m.group("what") or m.group("what2")
        start = m.start("what") if m.group("what") else m.start("what2")
        if any(lo <= start <= hi for lo, hi in taken):
            continue
        part = max((p.end() for p in _PART_END.finditer(text, 0, m.start())), default=0)
        before = [c for c in claims if c.kind in CHANGE_KINDS and part <= c.start < m.start()]
        if not before:
            continue
        inner = _INNER_LEAD.match(what)
        cause = clean_reason(what[inner.end():] if inner else what)
        if not cause:
            continue
        explained = max(before, key=lambda c: c.start)
        out.append(reason_claim(sentence, start + (inner.end() if inner else 0), cause,
                                change_basis(sentence, explained), explained))
    return out
