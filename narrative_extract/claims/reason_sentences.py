"""Reasons that go on after their 。: ``主要原因是上年度…合并至购房补贴，未单独编列。本年度根据预算编制
要求，单独编列在职人员提租补贴，相应提租补贴支出增加。`` (苏州) — one reason of two sentences.

A reason that runs to the end of its sentence takes the sentences after it in its paragraph as long as
each goes on explaining: no figure (a sentence with claims states something of its own), no lead-in of
another reason, no list item (lists are ``reason_lists``'s), no ``其中`` breakdown. The reason keeps
its place (where its first sentence starts); its text is the sentences joined with their 。.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from functools import lru_cache

import regex

from ..layout.sentences import paragraph_to_sentences
from ..model import Claim, Sentence
from .lexicon import claim_frames
from .reason_lists import list_marker
from .reasons import REASON_EDGES, clean_reason
from .tails import max_width

_BREAKDOWN = ("其中", "具体", "包括", "（", "(")  # a breakdown, or a note in brackets (（如持平作持平表述）)
_OWN_STATEMENT = re.compile(r"[：:]|万元|亿元|\d\s*元|[%％]|如下")  # a label: …, a figure, a list intro
#: what the item is, is for, or how it is used (该项经费主要用于… / 经费使用严格按照… / 本部分的收入总计包括…)
_DESCRIBES_ITEM = re.compile(r"^(?:(?:该|此|本)项?(?:经费|资金|支出|费用)|(?:经费|资金)使用|本部分)|主要用于")


def _goes_on(sentence: Sentence) -> bool:
    """Whether a sentence with no figure continues the reason before it: not a breakdown, a note, a
    labelled statement (下一步改进措施：…), a change restated (较上一年度减少了…), a measure taken (下一步将…)
    or a template's figure (减少XXX万元), and no lead-in or list item of its own."""
    frames = claim_frames()
    text = sentence.text.strip()
    try:
        return (bool(clean_reason(text)) and not text.startswith(_BREAKDOWN) and list_marker(text) is None
                and _DESCRIBES_ITEM.search(text) is None
                and _OWN_STATEMENT.search(text) is None and frames["restated_change"].match("，" + text) is None
                and frames["reason_runs_into_measures"].match("，" + text) is None
                and frames["reason_lead"].search(text) is None and frames["reason_soft_lead"].search(text) is None)
    except TimeoutError:
        return False


def _runs_to_sentence_end(claim: Claim) -> bool:
    try:
        return (bool(claim.text) and may_clean_to(claim.sentence.text, claim.start, claim.text or "")
                and clean_reason(claim.sentence.text[claim.start:]) == claim.text)
    except TimeoutError:
        return False


def may_clean_to(text: str, start: int, reason: str) -> bool:
    """False when ``clean_reason(text[start:])`` cannot be ``reason``: the rest of the sentence holds more
    characters than ``reason`` and a trailer (…等原因所致。) do, leaving aside the punctuation both strip.
    Counted up to that bound only: a line of thousands of reasons read the rest of the line for each."""
    bound = trailer_bound()
    if bound is None:
        return True
    width, solid = bound
    allowed = len(solid.findall(reason)) + width
    for count, _ in enumerate(solid.finditer(text, start), 1):
        if count > allowed:
            return False
    return True


@lru_cache(maxsize=1)
def trailer_bound() -> tuple[int, regex.Pattern[str]] | None:
    """The most characters of a reason's trailer (frame ``reason_trailer``) other than the run of
    punctuation that ends it, and a pattern of the characters neither that run nor ``clean_reason``'s
    strip takes; None when the trailer has no such bound."""
    pattern = claim_frames()["reason_trailer"].pattern.pattern
    run = regex.search(r"(\[[^\]\[]*\])\*\$$", pattern)
    if run is None:
        return None
    width = max_width(pattern[: run.start()])
    if width is None:
        return None
    return width, regex.compile(rf"(?!{run.group(1)})[^{regex.escape(REASON_EDGES)}]")


def continue_reason_sentences(claims: list[Claim]) -> list[Claim]:
    """The claims, each reason that runs to its sentence's end extended by the figure-less sentences
    of its paragraph that go on explaining it."""
    with_claims = {(id(c.sentence.paragraph), c.sentence.start) for c in claims}
    # each paragraph split once, not once per reason in it (a paragraph of thousands of reasons was quadratic)
    split: dict[int, tuple[list[int], list[Sentence]]] = {}
    out: list[Claim] = []
    for claim in claims:
        if claim.kind != "reason" or list_marker(claim.text or "") is not None or not _runs_to_sentence_end(claim):
            out.append(claim)
            continue
        parts = [claim.text or ""]
        key = id(claim.sentence.paragraph)
        if key not in split:
            sentences = paragraph_to_sentences(claim.sentence.paragraph)
            split[key] = ([s.start for s in sentences], sentences)
        starts, sentences = split[key]
        for i in range(bisect_right(starts, claim.sentence.start), len(sentences)):
            sentence = sentences[i]
            if (id(sentence.paragraph), sentence.start) in with_claims or not _goes_on(sentence):
                break
            parts.append(clean_reason(sentence.text.strip()))
        out.append(claim if len(parts) == 1 else replace(claim, text="。".join(parts)))
    return out
