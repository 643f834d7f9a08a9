"""Lists of reasons cut by 。: ``主要原因是一是X。二是Y。三是Z。`` — one reason per item.

A reason whose text opens a numbered list (一是 / 1. / （1）) ends at its sentence's 。, and the
items after it open the next sentences (or paragraphs) with the next numbers of the same kind. Each
such item becomes a reason of its own, explaining what the first explains — as the items of a
lead-in that ends its paragraph do (``reasons.following_reasons``). A list inside one sentence
(一是X，二是Y) stays one reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ..layout.sentences import paragraph_to_sentences
from ..model import Claim, Paragraph, Sentence
from .lexicon import claim_frames
from .reasons import clean_reason, reason_claim, reason_text

_CN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", 1)}


def _ordinal(numeral: str) -> int | None:
    """``3`` / ``三`` / ``十二`` → 3 / 3 / 12."""
    if numeral.isdigit():
        return int(numeral)
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + _CN_DIGITS.get(numeral[1:], 0)
    if len(numeral) == 2 and numeral[1] == "十":
        return _CN_DIGITS.get(numeral[0], 0) * 10
    return _CN_DIGITS.get(numeral) if len(numeral) == 1 else None


def list_marker(text: str) -> tuple[str, int] | None:
    """(kind, number) of the list marker ``text`` opens with: ``二是`` → ("cn是", 2), ``2.`` →
    ("digit.", 2), ``（3）`` → ("（digit）", 3); None when it opens with none."""
    m = claim_frames()["reason_list_item"].match(text)
    if m is None:
        return None
    marker = re.sub(r"\s", "", m.group(0))
    numeral = re.search(r"\d+|[一二三四五六七八九十]+", marker)
    if numeral is None or (n := _ordinal(numeral.group(0))) is None:
        return None
    kind = "digit" if numeral.group(0).isdigit() else "cn"
    shape = marker[: numeral.start()].replace("(", "（") + kind + marker[numeral.end():].replace(")", "）")
    # 其一，/ 其二、: the ordinal's own punctuation varies from item to item
    shape = re.sub(r"^(其cn)[，,、：:]$", r"\1", shape)
    return shape.replace("．", ".").replace("、", "."), n


def _last_number(text: str, kind: str, first: int) -> int:
    """The highest number of ``kind`` a reason's own text lists (一是A，二是B → 2): markers after
    a clause break only, so that an amount (2.5万元) is never read as one."""
    last = first
    for m in re.finditer(r"(?:^|(?<=[，,；;：:。\s]))(?:(?:[（(]|其)?(?:\d{1,2}|[一二三四五六七八九十]{1,2}))", text):
        found = list_marker(text[m.start():])
        if found is not None and found[0] == kind and found[1] == last + 1:
            last = found[1]
    return last


def _sentences_after(claim: Claim, paragraphs: list[Paragraph], index: dict[int, int],
                     known: dict[tuple[int, int], Sentence]) -> Iterator[Sentence]:
    """The sentences after the claim's, in its paragraph and then the paragraphs of its section
    (the objects the claims already use where there are some); read lazily, as the list stops early."""
    paragraph = claim.sentence.paragraph
    i = index.get(id(paragraph))
    if i is None:
        return
    for p in paragraphs[i:]:
        if p is not paragraph and p.section[: len(paragraph.section)] != paragraph.section:
            return
        for s in paragraph_to_sentences(p):
            if p is paragraph and s.start <= claim.sentence.start:
                continue
            yield known.get((id(p), s.start), s)


def continue_reason_lists(claims: list[Claim], paragraphs: list[Paragraph], index: dict[int, int]) -> list[Claim]:
    """The claims, each reason opening a numbered list followed by the reasons its list goes on
    with in the next sentences (``index``: id(paragraph) → its position in ``paragraphs``)."""
    known = {(id(c.sentence.paragraph), c.sentence.start): c.sentence for c in claims}
    with_reason = {(id(c.sentence.paragraph), c.sentence.start) for c in claims if c.kind == "reason"}
    out: list[Claim] = []
    for claim in claims:
        out.append(claim)
        first = list_marker(claim.text or "") if claim.kind == "reason" else None
        if first is None:
            continue
        kind, last = first[0], _last_number(claim.text or "", first[0], first[1])
        for sentence in _sentences_after(claim, paragraphs, index, known):
            found = list_marker(sentence.text)
            if found is None and _goes_on_item(sentence, known, kind, last):
                # 一是严格依照相关规定。因公出国（境）经费安排以…为依据；二是加强管理: the item's second
                # sentence, which the next item follows after its ；
                joined = clean_reason((out[-1].text or "") + "。" + sentence.text.strip())
                out[-1] = replace(out[-1], text=joined)
                last = _last_number(joined, kind, last)
                continue
            if (found is None or found != (kind, last + 1)
                    or (id(sentence.paragraph), sentence.start) in with_reason):
                break
            start = claim_frames()["reason_list_item"].match(sentence.text).end()  # type: ignore[union-attr]
            text = reason_text(sentence, start)
            if not text:
                break
            item = reason_claim(sentence, start, text, claim.basis or "yoy", claim.explains)
            item.list_head = claim.list_head or claim
            out.append(item)
            last = _last_number(text, kind, last + 1)
    return out


def _goes_on_item(sentence: Sentence, known: dict[tuple[int, int], Sentence], kind: str, last: int) -> bool:
    """A sentence with no claims, lead-in or figure that goes on with the item before it and, after a ；,
    opens the next item of the list (一是X。Y；二是Z)."""
    frames = claim_frames()
    text = sentence.text.strip()
    if ((id(sentence.paragraph), sentence.start) in known or frames["reason_lead"].search(text) is not None
            or frames["reason_soft_lead"].search(text) is not None or re.search(r"\d", text) is not None):
        return False
    return any(list_marker(text[m.end():]) == (kind, last + 1) for m in re.finditer(r"[；;]\s*", text))
