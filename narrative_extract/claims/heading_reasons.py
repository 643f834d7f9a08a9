"""Reasons announced by their heading, with no lead-in of their own: a self-evaluation's section
``（一）偏差原因分析`` / ``三、未完成原因`` / ``偏差原因分析及改进措施`` whose paragraphs are the causes
(``项目资金下达较晚，导致支付进度滞后。``), and a section on an item's change (``三、“三公”经费变动原因``:
its paragraphs are the reasons of that item's change, basis ``yoy``).

A paragraph is such a reason when the last heading above it names performance reasons and nothing else
(frame ``performance_reason_heading``: not 存在的问题及原因, whose paragraphs are problems as much as
causes) and its first sentence states no figure, no reason of its own and no absence of shortfall
(``performance_no_shortfall``: 各项指标均已完成，无偏差). Its text is that first sentence (the sentences after
it that go on explaining are joined later, as for any reason: ``reason_sentences``); it starts after its
list marker (1. / （一） / 一是). The measures end the section's reasons: a paragraph that opens with them
(改进措施：… / 下一步…) and every paragraph after it under the same heading give none.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..layout.sentences import paragraph_to_sentences
from ..model import Claim, Paragraph, Sentence, Subject
from .lexicon import claim_frames
from .reasons import clean_reason, reason_claim, reason_text


def heading_reasons(claims: list[Claim], paragraphs: list[Paragraph]) -> list[Claim]:
    """``claims`` with a reason added for each paragraph under a heading of performance reasons that
    has none (in paragraph order, after that paragraph's own claims)."""
    frames = claim_frames()
    by_paragraph: dict[int, list[Claim]] = {}
    for claim in claims:
        by_paragraph.setdefault(id(claim.sentence.paragraph), []).append(claim)
    added: dict[int, Claim] = {}
    ended: set[tuple[str, ...]] = set()  # the sections whose measures have begun
    for paragraph in paragraphs:
        # (a numbered paragraph's opening words are a heading of the section too: 1.项目资金下达较晚)
        section = tuple(h for h in paragraph.section if not paragraph.text.lstrip().startswith(h.strip()))
        if not section or section in ended or (announced := _announces(section[-1])) is None:
            continue
        sentences = paragraph_to_sentences(paragraph)
        if not sentences:
            continue
        first = sentences[0]
        try:
            if frames["reason_runs_into_measures"].match("，" + first.text.strip()) or frames[
                    "performance_measures_label"].match(first.text):
                ended.add(section)
                continue
            mine = by_paragraph.get(id(paragraph), [])
            if any(c.kind == "reason" for c in mine) or not announced.takes(first.text, [
                    c for c in mine if c.sentence.start == first.start]):
                continue  # a reason of its own lead-in, a figure, or no reason at all
            if frames["performance_no_shortfall"].search(first.text):
                continue
            marker = frames["reason_list_item"].match(first.text)
            start = marker.end() if marker else len(first.text) - len(first.text.lstrip())
            text = reason_text(first, start)
        except TimeoutError:
            continue
        if clean_reason(text):
            added[id(paragraph)] = announced.reason(first, start, text)
    if not added:
        return claims
    order = {id(p): i for i, p in enumerate(paragraphs)}
    # each after the last claim of its paragraph or of one before it (a claim list is not in paragraph
    # order where a lead-in's reasons came from the paragraphs after it): found in one sweep
    last_at: dict[int, int] = {}  # paragraph position → the last index of a claim there
    for i, claim in enumerate(claims):
        last_at[order.get(id(claim.sentence.paragraph), -1)] = i
    after: dict[int, list[Claim]] = {}  # claim index (-1: before all) → the reasons to put after it
    positions = sorted(last_at)
    k, best = 0, -1
    for key in sorted(added, key=order.__getitem__):
        while k < len(positions) and positions[k] <= order[key]:
            best = max(best, last_at[positions[k]])
            k += 1
        after.setdefault(best, []).append(added[key])
    out: list[Claim] = list(after.get(-1, []))
    for i, claim in enumerate(claims):
        out.append(claim)
        out.extend(after.get(i, []))
    return out


@dataclass(frozen=True)
class Announced:
    """What a heading of reasons says its paragraphs explain: a shortfall of performance, or the change
    of a named item (and its direction, when the heading names one)."""

    basis: str
    item: str = ""
    direction: str | None = None

    def takes(self, text: str, figures: list[Claim]) -> bool:
        """Whether a paragraph whose first sentence is ``text`` (stating ``figures``) is one of the reasons:
        a performance reason states no figure; an item's change reason states no money (新增3批共3人 is
        the cause) and is numbered or names a cause or a change."""
        if self.basis == "performance":
            return not figures
        if any(c.amount is not None and c.amount.is_money for c in figures):
            return False
        return claim_frames()["change_reason_paragraph"].search(text) is not None

    def reason(self, sentence: Sentence, start: int, text: str) -> Claim:
        claim = reason_claim(sentence, start, text, self.basis, None)
        if self.item:
            claim.subject = Subject(self.item, self.item)
            claim.direction = self.direction
        return claim


def _announces(heading: str) -> Announced | None:
    frames = claim_frames()
    try:
        if frames["performance_reason_heading"].fullmatch(heading.strip()) is not None:
            return Announced("performance")
        change = frames["change_reason_heading"].fullmatch(heading.strip())
    except TimeoutError:
        return None
    if change is None:
        return None
    word = change.group("word")
    direction = ("increase" if frames["increase"].search(word) else
                 "decrease" if frames["decrease"].search(word) else None)
    return Announced("yoy", change.group("item").strip(), direction)
