"""Reason spans (主要原因：…, 原因系…, 决算数大于年初预算数的原因主要是：…, 发现的主要问题及原因：…)
attached to the claim they explain, with their basis (yoy / budget / performance).

The lead-in words are data: the ``reason_*`` frames of patterns/claim_frames.json.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

import regex

from ..layout.sentences import paragraph_to_sentences
from ..model import Claim, Paragraph, Sentence, Subject
from .change_words import worded_change
from .lexicon import claim_frames, subject_lexicon
from .performance import is_performance, performance_window, states_shortfall
from .tails import Tails, search_ending, single_character

if TYPE_CHECKING:
    from .earlier import Earlier

CHANGE_KINDS = {"yoy_amount", "yoy_pct", "comparison", "budget_completion"}
#: the punctuation ``clean_reason`` strips from a reason's edges
REASON_EDGES = " ：:，,；;"


def clean_reason(text: str) -> str:
    """A reason without its trailer (…等原因所致。) and edge punctuation."""
    trailer = claim_frames()["reason_trailer"].search(text)
    return (text[: trailer.start()] if trailer else text).strip(REASON_EDGES)


def reason_text(sentence: Sentence, start: int, next_lead: int | None = None,
                next_change: int | None = None, tails: Tails | None = None) -> str:
    """The reason after its lead-in: to the end of the sentence, or to the last ； before the next
    lead-in (…主要原因是X；公务用车运行费0万元，…，主要原因是Y: two reasons, not one), or to the
    ； before the next change stated in a clause of its own (…主要原因是X；公务用车运行费7万元，与2025年
    预算持平: the next item's statement; an enumerated 二是… clause stays part of the reason).
    ``tails``: the sentence's searches found once (``Tails``), for a sentence with many lead-ins."""
    frames = claim_frames()
    text = sentence.text
    end = text.find("。", start)
    end = end if end >= 0 else len(text)
    intro = (tails.runs_into(frames["reason_runs_into"], start, end) if tails is not None
             else frames["reason_runs_into"].search(text, start, end))
    if intro is not None:
        end = intro.start()
    balance = (tails.first(frames["reason_runs_into_balance"], start, end) if tails is not None
               else frames["reason_runs_into_balance"].search(text, start, end))
    if balance is not None:
        end = balance.start()  # …主要是税收收入增加，加上上级补助收入9.02亿元…，收入合计…: the balance, not the reason
    measures = (tails.first(frames["reason_runs_into_measures"], start, end) if tails is not None
                else frames["reason_runs_into_measures"].search(text, start, end))
    if measures is not None and not only_a_marker(text[start:measures.start()]):
        # …原因是宣传不到位，下一步将加强政策宣传: the measure, not the reason; but a budget's reasons are
        # plans (…减少的主要原因是：其一，将进一步加强接待费管理): a reason is never cut to its list marker
        end = measures.start()
    ends = frames["reason_end"]
    one = tails is not None and single_character(ends)
    if next_lead is not None and next_lead < end:
        if one and tails is not None:
            cut = tails.last_before(ends, start, next_lead)
            cuts = [cut.start()] if cut is not None else []
        else:
            cuts = [m.start() for m in ends.finditer(text, start, next_lead)]
        if not cuts and frames["own_change_before_lead"].search(text, start, next_lead):
            # …减少的主要原因是A，公务用车运行维护费减少的主要原因是B: the next item's own reason
            cuts = [c] if (c := _last_clause_break(text, start, next_lead)) is not None else []
        elif not cuts and states_shortfall(window := performance_window(text, next_lead, next_lead, start)):
            # …原因是A，时效指标未完成，原因是B: the next shortfall's own reason
            cuts = [next_lead - len(window) - 1] if next_lead - len(window) - 1 > start else []
        end = cuts[-1] if cuts else end
    if next_change is not None and next_change < end:
        if one and tails is not None:
            cut = tails.last_before(ends, start, next_change)
            found = [cut] if cut is not None else []
        else:
            found = ends.finditer(text, start, next_change)
        if found and not frames["reason_list_item"].match(text[found[-1].end():]):
            end = found[-1].start()
        elif ((comma := _last_clause_break(text, start, min(next_change, end))) is not None
              and frames["restated_change"].match(text, comma)
              and not any(frames[k].search(text, comma, end) for k in ("reason_lead", "reason_soft_lead"))):
            end = comma  # …主要原因是X，比2025年预算收入执行数A增加B: the change restated, not the reason
    return clean_reason(text[start:end])


def only_a_marker(text: str) -> bool:
    """Whether ``text`` holds no more than a list marker and punctuation (其一， / 一是 / 1、)."""
    rest = text.strip().rstrip("，,、：:；; ")
    if not rest:
        return True
    marker = claim_frames()["reason_list_item"].match(rest + "，")
    return marker is not None and marker.end() >= len(rest)


def _last_clause_break(text: str, start: int, end: int) -> int | None:
    """The last ，/, between ``start`` and ``end`` that is no thousands separator (483,923.17)."""
    for i in range(end - 1, start, -1):
        if text[i] == "，" or (text[i] == "," and not (text[i - 1].isdigit() and text[i + 1: i + 2].isdigit())):
            return i
    return None


def own_change_clause(text: str, lead_start: int, tails: Tails | None = None) -> int | None:
    """Where the clause before a lead-in starts when it states a change with no figure (…减少464.27万元；
    国有资本经营预算收入…增加较多，主要原因是…): the reason explains that change, not the figures before
    the clause. None when the clause before the lead-in states no such change. ``tails``: the
    sentence's searches found once, for a sentence with many lead-ins."""
    frames = claim_frames()
    if search_ending(frames["change_without_figure"], text, lead_start, tails=tails) is None and not (
            frames["reason_because_lead"].match(text, lead_start)
            and search_ending(frames["bare_change_before_because"], text, lead_start, tails=tails)):
        return None  # (因公出国（境）费增长，是因为…: a bare change word before a because lead-in is one too)
    if tails is not None:
        return tails.last_stop(lead_start) + 1
    prefix = text[:lead_start]
    return max(prefix.rfind("；"), prefix.rfind(";"), prefix.rfind("。")) + 1


def sentence_reasons(sentence: Sentence, claims: list[Claim], preceding: Earlier) -> list[Claim]:
    """The reasons of a sentence; ``claims``: its other claims, ``preceding``: the claims of the
    sentences before it in its paragraph (their changes in reading order, ``Earlier.changes``). Each lead-in's
    searches are answered from the sentence's matches and claims found once (a line of thousands of
    lead-ins searched the whole text and all the claims before each)."""
    frames = claim_frames()
    text = sentence.text
    tails = Tails(text)
    before = preceding.changes
    out: list[Claim] = []
    firm = frames["reason_lead"].finditer(text)
    firm_starts = [m.start() for m in firm]
    leads = [(m, True) for m in firm]
    for m in frames["reason_soft_lead"].finditer(text):
        k = bisect_right(firm_starts, m.start()) - 1  # the firm lead-ins do not overlap: the last before it
        if k < 0 or m.start() >= firm[k].end():
            leads.append((m, False))
    ordered = sorted(leads, key=lambda pair: pair[0].start())
    # 主要原因是主要原因较上年…: a lead-in typed twice is one lead-in; its reason starts after the second
    begins: dict[int, int] = {}
    kept: list[tuple[regex.Match, bool]] = []
    for pair in ordered:
        if kept and pair[0].start() == begins[id(kept[-1][0])]:
            begins[id(kept[-1][0])] = pair[0].end()
            continue
        kept.append(pair)
        begins[id(pair[0])] = pair[0].end()
    ordered = kept
    # by position: the claims come grouped by kind (figures, then comparisons), not in reading order
    changes = sorted((c for c in claims if c.kind in CHANGE_KINDS), key=reading_order)
    change_starts = [c.start for c in changes]
    # (a share after a ； is a statement of its own too: …减收；税收收入占全部财政收入的比重为76.57%)
    statements = sorted(c.start for c in claims if c.kind in CHANGE_KINDS | {"share"})
    cells = [(c.start, c.start + len(c.text or "")) for c in claims if c.kind == "reason"]
    for i, (lead, is_firm) in enumerate(ordered):
        at = lead.start()
        if any(lo - 2 <= lead.end() <= hi for lo, hi in cells):
            continue  # a form's cell after its label, read as such (cell_reasons)
        if out and out[-1].start <= at < out[-1].start + len(out[-1].raw) + 2:
            continue  # inside the reason before
        why = None if is_firm else tails.search(frames["reason_why_clause"], at)
        is_firm = is_firm or why is not None  # 之所以高于预算数…，主要是因…: the clause announces the reason
        next_lead = ordered[i + 1][0].start() if i + 1 < len(ordered) else None
        # the last change before the lead-in in the sentence (``here``) and in the sentences before
        k = bisect_left(change_starts, at)
        here = changes[k - 1] if k else None
        earlier = before[-1] if before else None
        if (clause := own_change_clause(text, at, tails)) is not None:
            # …；B…增加较多，主要原因是…: B's own change, stated with no figure, not a figure before it
            here = here if here is not None and here.start >= clause else None
            earlier = earlier if here is not None or clause == 0 and not claims else None
        lo = out[-1].start + len(out[-1].text or "") if out else 0
        own = names_its_own_change(text, lo, at, tails)
        if out and own:
            here = here if here is not None and here.start >= lo else None  # A减少的主要原因是…，B减少的主要原因是…
        if here is None and own and earlier is not None:
            # 公务接待费支出减少的主要原因是…: the change of the sentence before only if it is that item's
            # (the last change of each name, not every change before: a paragraph of thousands of them)
            prefix = text[lo:at]
            last = max((place for name, place in preceding.last_named.items() if any(n in prefix for n in names_of(name))),
                       default=None)
            earlier = before[last] if last is not None else None
        if here is None and (named := named_change(sentence, at, tails)) is not None:
            here = named  # 对于公车费用的大幅上涨，情况表中解释称，…: the change it answers, named before it
        if why is not None:  # 之所以高于预算数…，主要是…: the change its own clause states, or none
            here, earlier = (here if here is not None and here.start >= why.start() else None), None
        explained = here if here is not None else earlier
        if not is_firm and here is None and clause is None and not (
                earlier is not None and earlier.sentence is not sentence and not claims) and not states_shortfall(
                performance_window(text, at, at)):
            continue  # 主要是为保障机构正常运转…: a description, not a reason (“培训人次”未完成年度目标，主要是…: one)
        begin = begins[id(lead)]
        j = bisect_right(statements, begin)
        next_change = statements[j] if j < len(statements) else None
        reason = reason_text(sentence, begin, next_lead, next_change, tails)
        if not reason and not frames["reason_announcing"].search(lead.group(0)):
            continue  # 不用说明变动原因。: the word, not an announced reason
        if not is_firm and frames["reason_composition"].match(reason):
            continue  # 主要是水电费、邮电费、差旅费等: what the line consists of, not why it changed
        # (an empty reason whose lead-in ends its paragraph with ： is resolved by resolve_following)
        lead_start = why.start() if why is not None else lead.start()
        lead_words = text[lead_start: lead.end()]
        basis = ("performance" if is_performance(performance_window(text, lead_start, lead.end()),
                                                  sentence.paragraph.section)
                 else reason_basis(lead_words, explained))  # 预算执行率未达到100%，主要原因是… / 偏差原因：…
        out.append(reason_claim(sentence, begin, reason, basis, explained))
    return out


def named_change(sentence: Sentence, lead: int, tails: Tails | None = None) -> Claim | None:
    """The change named with no figure right before a lead-in (对于公车费用的大幅上涨，情况表中解释称), as a
    claim the reason holds; None when none is named there."""
    found = search_ending(claim_frames()["change_named_before"], sentence.text, lead, tails=tails)
    if found is None:
        return None
    return worded_change(sentence, found.start("item"), found.group("word"), found.group("item"))


def reading_order(claim: Claim) -> tuple[int, int]:
    """Reading order of a claim of the paragraph (its sentence's offset, then its own)."""
    return (claim.sentence.start, claim.start)


@cache
def names_of(name: str) -> frozenset[str]:
    """A subject's name and the other names the lexicon gives it (公务用车购置及运行维护费 for 公务用车购置及运行费)."""
    return frozenset({name} | {k for k, v in subject_lexicon().aliases.items() if v == name})


def names_its_own_change(text: str, begin: int = 0, end: int | None = None, tails: Tails | None = None) -> bool:
    """The lead-in at ``end`` follows a change stated with no figure in ``text[begin:end]``:
    因公出国（境）费支出减少（增加）的主要原因是…"""
    end = len(text) if end is None else end
    return search_ending(claim_frames()["own_change_before_lead"], text, end, begin, tails) is not None


def reason_claim(sentence: Sentence, start: int, text: str, basis: str, explained: Claim | None) -> Claim:
    return Claim(
        kind="reason", sentence=sentence, start=start, raw=text,
        subject=explained.subject if explained else Subject("", ""),
        scope=explained.scope if explained else "all_funds",
        basis=basis, direction=explained.direction if explained else None,
        text=text, explains=explained,
    )


def announces_following(claim: Claim) -> bool:
    """An empty reason whose lead-in ends its paragraph with ：(主要原因： / 主要原因如下：) — its text is
    in the next paragraph(s). 主要原因是。 ends its sentence: that one is empty."""
    if claim.kind != "reason" or claim.text:
        return False
    sentence = claim.sentence
    rest = sentence.paragraph.text[sentence.start + claim.start:].strip()
    return not rest and claim_frames()["reason_list_lead"].cue(sentence.text[: claim.start])


def opens_with_reason(text: str) -> bool:
    """主要原因：… or 决算数小于预算数的主要原因：… — a reason lead-in with no item named before it (not when
    a pattern goes over its time limit: a pass over the paragraphs skips the sentence then)."""
    frames = claim_frames()
    try:
        lead = frames["reason_lead"].search(text)
        if lead is None:
            return False
        before = text[: lead.start()]
        compared = frames["comparison"].match(before)
    except TimeoutError:
        return False
    return not before.strip() or (compared is not None and before[compared.end():].strip() in ("", "的"))


def explain_across_paragraphs(claims: list[Claim], paragraphs: list[Paragraph], index: dict[int, int]) -> list[Claim]:
    """A reason whose lead-in opens its paragraph (…支出决算为 149.49 万元。 then, on a line of its own,
    决算数小于预算数的主要原因：事业单位医疗按实缴费。) explains the last change or figure of the paragraph
    before it, in the same section — so does the comparison its lead-in makes. A lead-in with words
    before it (财政拨款收入支出增加的主要原因是…) names its own item and is left alone. ``index``:
    id(paragraph) → its position in ``paragraphs``."""
    by_paragraph: dict[int, list[Claim]] = {}
    for claim in claims:
        by_paragraph.setdefault(id(claim.sentence.paragraph), []).append(claim)
    adopted: dict[int, tuple[Claim, int]] = {}  # id(paragraph) → the claim its opening lead-in explains, where
    for key, mine in by_paragraph.items():
        i = index.get(key)
        first = mine[0].sentence
        if (i is None or i == 0 or not opens_with_reason(first.text)
                or not (first.start == 0 or broken_off(paragraphs[i - 1], first))
                or paragraphs[i - 1].section != first.paragraph.section
                or any(c.subject.name for c in mine if c.kind != "reason" and c.sentence is first)):
            continue
        before = by_paragraph.get(id(paragraphs[i - 1]), [])
        explained = next((c for c in reversed(before) if c.kind in CHANGE_KINDS and c.subject.name), None) or next(
            (c for c in reversed(before) if c.kind == "amount" and c.subject.name), None)
        if explained is not None:
            adopted[key] = (explained, first.start)
    out = []
    for claim in claims:
        explained, start = adopted.get(id(claim.sentence.paragraph), (None, 0))
        if explained is None or claim.sentence.start != start or claim.kind not in ("reason", "comparison"):
            out.append(claim)
        elif claim.kind == "comparison":
            out.append(replace(claim, subject=explained.subject, scope=explained.scope))
        else:
            lead = claim.sentence.text[: claim.start]
            basis = claim.basis if claim.basis == "performance" else reason_basis(lead, explained)
            out.append(reason_claim(claim.sentence, claim.start, claim.text or "", basis, explained))
    return out


#: the most characters a paragraph broken mid-sentence carries over before its lead-in (长)4.70%。)
BROKEN_TAIL = 12


def broken_off(before: Paragraph, sentence: Sentence) -> bool:
    """The paragraph before was broken mid-sentence (…下降(增 | 长)4.70%。主要原因，…): the lead-in opens the
    first whole sentence of its paragraph, after the tail of the sentence the paragraph before began."""
    return 0 < sentence.start <= BROKEN_TAIL and not before.text.rstrip().endswith(("。", "：", ":", "；", ";"))


def resolve_following(claims: list[Claim], paragraphs: list[Paragraph], index: dict[int, int], reach: int) -> list[Claim]:
    """Each lead-in that ends its paragraph (announces_following) replaced by the reasons of the
    (at most ``reach``) paragraphs after it; the other claims as they are."""
    stated = {id(c.sentence.paragraph) for c in claims if c.kind == "reason" and c.text}
    out: list[Claim] = []
    for claim in claims:
        if announces_following(claim):
            after = index[id(claim.sentence.paragraph)] + 1
            out.extend(following_reasons(claim, paragraphs[after: after + reach], stated))
        else:
            out.append(claim)
    return out


def following_reasons(lead: Claim, following: list[Paragraph], stated: set[int]) -> list[Claim]:
    """The reasons in the paragraphs after a lead-in that ends its paragraph: one per numbered item
    (1. … / （一）… / 一是…) or, with no numbering, the next paragraph's first sentence — in the same
    section, each anchored where its text starts. [] when none is read: the list may be laid out in
    a way the paragraphs do not show (bare headings, a table), so nothing is claimed either way."""
    frames = claim_frames()
    section = lead.sentence.paragraph.section
    out: list[Claim] = []
    for paragraph in following:
        sentences = paragraph_to_sentences(paragraph)
        if not sentences or paragraph.section[: len(section)] != section:
            break  # (a numbered item may open a sub-section of the lead-in's own)
        try:
            marker = frames["reason_list_item"].match(sentences[0].text)
            text_after = reason_text(sentences[0], marker.end() if marker else 0)
        except TimeoutError:  # a sentence over its time limit is no reason item: the list ends there
            break
        if marker is None and out:
            break
        start = marker.end() if marker else 0
        text = text_after
        if text and id(paragraph) not in stated:  # (an item with a reason claim of its own keeps that one)
            out.append(reason_claim(sentences[0], start, text, lead.basis or "yoy", lead.explains))
        if marker is None:
            break
    return out


def reason_basis(lead: str, explained: Claim | None) -> str:
    if "问题" in lead:
        return "performance"
    if "上年" in lead:  # 决算大于上年决算数的主要情况：
        return "yoy"
    if "预算" in lead:
        return "budget"
    if explained is not None and explained.kind in ("comparison", "budget_completion"):
        return "budget" if explained.basis != "prior_year" else "yoy"
    if explained is not None and explained.basis == "budget":  # 支出决算数比预算数减少 B，主要原因是…
        return "budget"
    # 比2023年预算增加: this year's against last year's — a year-over-year change, whatever its base
    return "yoy"
