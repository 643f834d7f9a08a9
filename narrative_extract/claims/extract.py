"""Sentences → Claims (``sentences_to_claims``): every stated number, comparison, list and reason.

For each number in a sentence the words just before it decide what it claims (patterns in
patterns/claim_frames.json): 完成年初预算的 X% is a completion rate, 占…的 X% a share, 增加/减少 X
after a 与上年相比 a year-over-year change, a money figure otherwise an amount. The subject comes
from the same clause (SubjectReader), or — for 支出决算为 X — from the clause or claim before it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from decimal import InvalidOperation
from functools import lru_cache

from ..layout.sentences import paragraph_to_sentences
from ..model import Claim, Document, Paragraph, Sentence, Subject
from ..numbers import FigureError, find_numbers
from .cause_first import cause_first_reasons, cause_sentence_reasons
from .cell_reasons import cell_reasons
from .earlier import Earlier, inheritable
from .excluded_factors import excluded_factor_reasons
from .figures import is_current
from .heading_reasons import heading_reasons
from .lexicon import claim_frames, subject_lexicon
from .linked_cause import linked_cause_reasons
from .listed import SentenceFigures
from .lists import enumerations, figure_class, listable
from .number_claims import UNKNOWN, follow_change_basis, number_claim
from .paragraph_lists import ParagraphList, opened_list
from .reach import SENTENCE_WINDOW, Reach
from .reason_lists import continue_reason_lists
from .reason_sentences import continue_reason_sentences
from .reasons import explain_across_paragraphs, resolve_following, sentence_reasons
from .subjects import ITEM_PATH, SubjectReader

MAX_LISTED_REASONS = 12  # 主要原因如下： then at most this many numbered paragraphs
UNREAD = "unread"  # the kind of the claim standing for a sentence that could not be read


def document_to_claims(doc: Document, reader: SubjectReader | None = None) -> list[Claim]:
    reader = reader or SubjectReader(doc)
    with reader.matcher.words():  # the document's row names are words while it is read, and only then
        return read_claims(doc, reader)


def read_claims(doc: Document, reader: SubjectReader) -> list[Claim]:
    claims: list[Claim] = []
    open_list: ParagraphList | None = None  # a 其中： that ends its paragraph lists items in the next ones
    intro: str | None = None  # 财政拨款支出主要内容如下： gives its scope to the numbered items after it
    intro_section: tuple[str, ...] = ()
    frames = claim_frames()
    carried: Subject | None = None  # the item the previous paragraph described, for 年初预算为 … after it
    previous: Paragraph | None = None
    for paragraph in doc.paragraphs:
        if intro is not None and not (frames["list_item_start"].cue(paragraph.text)
                                      and paragraph.section[:-1] == intro_section[:len(paragraph.section) - 1]):
            intro = None
        same_item = (previous is not None and previous.section == paragraph.section
                     and frames["figure_paragraph_start"].cue(paragraph.text))
        found = paragraph_to_claims(paragraph, reader, intro, carried if same_item else None)
        carried = described_item(paragraph, found, reader) or (carried if same_item else None)
        previous = paragraph
        if frames["list_intro_paragraph"].cue(paragraph.text):
            intro, intro_section = paragraph.text, paragraph.section
        if open_list is not None and not open_list.read(paragraph, found, claims):
            open_list.close(claims)
            open_list = None
        claims.extend(found)
        open_list = opened_list(paragraph, found) or open_list
    if open_list is not None:
        open_list.close(claims)
    index = {id(p): i for i, p in enumerate(doc.paragraphs)}
    claims = heading_reasons(resolve_following(claims, doc.paragraphs, index, MAX_LISTED_REASONS), doc.paragraphs)
    claims = continue_reason_sentences(continue_reason_lists(claims, doc.paragraphs, index))
    return explain_across_paragraphs(claims, doc.paragraphs, index)


def described_item(paragraph: Paragraph, claims: list[Claim], reader: SubjectReader) -> Subject | None:
    """The 类/款/项 item a paragraph describes: its last figure's path, or a path named with no figure."""
    for claim in reversed(claims):
        if claim.subject.path:
            return claim.subject
    if not claims and ITEM_PATH.search(paragraph.text):
        return reader.from_left(paragraph.text)
    return None


def paragraph_to_claims(paragraph: Paragraph, reader: SubjectReader, intro: str | None = None,
                        topic: Subject | None = None) -> list[Claim]:
    """Claims of one paragraph; ``intro`` is the list-introducing paragraph it is an item of;
    ``topic`` the item it goes on describing (an item named with no figure, in it or just before it:
    1、…（类）…（款）…（项）。年初预算为 A …)."""
    earlier = Earlier()
    claims = earlier.claims
    for sentence in paragraph_to_sentences(paragraph):
        try:
            found = sentence_to_claims(sentence, reader, earlier, intro, topic)
        except (TimeoutError, FigureError, InvalidOperation) as err:
            found = [unread_sentence(sentence, err)]  # one hostile sentence costs itself, not the report
        earlier.extend(found)
        if any(c.subject.name for c in found):
            topic = None
        elif ITEM_PATH.search(sentence.text) and (named := reader.from_left(sentence.text)) is not None:
            topic = named
        elif not found and (heading := claim_frames()["inline_item_heading"].match(sentence.text)) is not None:
            # （三）公务用车购置和运行维护费。2026年预算数82.86万元: the heading names what follows, when it is
            # an item the lexicon or the tables know ((二)支出情况。 names a topic of the report, no item)
            named = reader.from_left(heading.group("name"))
            topic = named if named is not None and reader.knows(named.name) else topic
    claims.extend(restatements(claims))
    continue_lists(claims)
    return claims


def unread_sentence(sentence: Sentence, err: Exception) -> Claim:
    """The claim saying a sentence was skipped, and why (a regex over its time budget, a figure of
    81 digits): its figures are then neither checked nor used to check others."""
    why = "a pattern took longer than its time limit" if isinstance(err, TimeoutError) else str(err)
    return Claim(kind=UNREAD, sentence=sentence, start=0, raw="", subject=UNKNOWN, scope="",
                 text=f"sentence not read: {why}")


def continue_lists(claims: list[Claim]) -> None:
    """A list cut by 。 may go on in the sentences after it (其中：因公出国（境）费为 A…；公务接待费为 B…。
    公务用车购置及运行维护费为 C…): offer the figures that open the next sentences with its missing items."""
    firsts: dict[int, Claim] = {}
    for c in listable(claims):
        firsts.setdefault(id(c.sentence), c)
    closed = subject_lexicon().three_public_items
    for enumeration in (c for c in claims if c.kind == "enumeration" and not c.hedged and c.total is not None):
        total = enumeration.total
        assert total is not None  # only enumerations with a total are continued
        named = {p.subject.name for p in enumeration.parts} | {total.subject.name}
        later = sorted((f for f in firsts.values() if f.sentence.start > enumeration.sentence.start),
                       key=lambda f: f.sentence.start)
        run = []
        for f in later:
            # the sentences right after it that open with another item of a closed breakdown (the “三公” items:
            # 出国, 接待, 用车), of the list's kind and scope; an open list (办公费…。印刷费…) never reads on
            if (figure_class(f) != figure_class(total) or f.scope != total.scope or f.subject.name in named
                    or f.subject.name not in closed or clause_start(f.sentence.text, f.start) != 0):
                break
            run.append(f)
        enumeration.continued = run


def heading_subject(sentence: Sentence, reader: SubjectReader) -> Subject | None:
    """The item the sentence's own heading names, when it is a known budget item: （一）因公出国（境）费用
    over 2026年预算数48.24万元 (北京). A heading that names no known item (二、收入预算情况说明) names none."""
    if not sentence.section:
        return None
    subject = reader.from_left(sentence.section[-1])
    lex = subject_lexicon()
    if subject is None or (subject.name not in lex.three_public_items and subject.name not in lex.terms):
        return None
    return subject


@lru_cache(maxsize=16)
def clause_breaks(text: str) -> tuple[int, ...]:
    """Where each clause of ``text`` starts after a break (，；。：), found once per sentence: the checks ask
    for the clause of every figure, and a search of each prefix made a line of 10,000 figures quadratic."""
    return tuple(m.end() for m in claim_frames()["clause_break"].finditer(text))


def clause_start(text: str, end: int) -> int:
    """Where the clause holding ``end`` starts: after the last break before it (a break is one character,
    so the breaks of the whole text up to ``end`` are those of ``text[:end]``)."""
    breaks = clause_breaks(text)
    i = bisect_right(breaks, end) - 1
    return breaks[i] if i >= 0 else 0


def sentence_to_claims(
    sentence: Sentence, reader: SubjectReader, preceding: Earlier, intro: str | None = None,
    topic: Subject | None = None,
) -> list[Claim]:
    """``preceding``: the claims of the sentences before in the paragraph."""
    text = sentence.text
    frames = claim_frames()
    yoy = frames["yoy_marker"].search(text)
    prior_budget = frames["prior_budget_marker"].search(text)
    # 与2021年度预算相比 in the 2021 final account: the year's own budget, not last year's
    own_budget = (prior_budget is not None and reader.doc.kind == "final" and reader.doc.year is not None
                  and str(reader.doc.year) in prior_budget.group(0))
    claims: list[Claim] = []
    reach = Reach(text, reader.scope_re)  # clause breaks and scope words, found once: linear in the text
    named: Subject | None = None  # the subject of the last claim an unnamed figure can inherit
    named_before: list[Subject | None] = []  # the same in the sentences before (worked out when needed)

    def inherit() -> Subject:
        # 年初预算为 A，支出决算为 B: B is about the item named before — never a score's or count's subject.
        if named is not None:
            return named
        if topic is not None:
            return topic
        if not named_before:
            named_before.append(preceding.inheritable or heading_subject(sentence, reader))
        return named_before[0] or UNKNOWN

    numbers = find_numbers(text)
    figures = SentenceFigures(text, numbers)  # each figure's subject is read among them, not parsed anew
    for number in numbers:
        start = reach.clause_start(number.start)
        at = max(start, reach.window_start(number.start))
        claim = number_claim(number, text[at: number.start], at, figures, sentence, reader, yoy is not None,
                             "budget" if own_budget else "prior_budget" if prior_budget else None)
        if claim is None:
            continue
        if not claim.subject.name:
            at = reach.window_start(start, SENTENCE_WINDOW)
            earlier = reader.from_left(text[at: start].rstrip("，,；;：: "), figures, at) if start else None
            if earlier is not None and claim.kind == "amount" and not claims:
                claim.subject = earlier
            else:
                claim.subject = inherit()
        context = sentence.section + (intro,) if intro else sentence.section
        claim.scope = reader.scope_of(reach.last_scope_word(number.start), context, claim.subject)
        claims.append(claim)
        if inheritable(claim):
            named = claim.subject
    follow_change_basis(claims)
    claims.extend(comparisons(sentence, claims, preceding.named, reader, reach, figures))
    claims.extend(enumerations(sentence, claims, preceding))
    claims.extend(cell_reasons(sentence, claims))
    claims.extend(sentence_reasons(sentence, claims, preceding))
    claims.extend(cause_first_reasons(sentence, claims))
    claims.extend(linked_cause_reasons(sentence, claims))
    claims.extend(excluded_factor_reasons(sentence, claims))
    claims.extend(cause_sentence_reasons(sentence, claims, preceding))
    return claims


def comparisons(sentence: Sentence, claims: list[Claim], named_before: Claim | None, reader: SubjectReader,
                reach: Reach, figures: SentenceFigures) -> list[Claim]:
    """决算数大于年初预算数 / 与上年持平: about the item its own clause names (其中：因公出国（境）费支出
    决算与 2024 年持平; read as a figure's, within ``reach.WINDOW``), else the last item named before it:
    among the sentence's figures ``claims`` (in order), else ``named_before``, the last claim naming one
    in the sentences before."""
    out = []
    starts = [c.start for c in claims]
    last_named: list[Claim | None] = []  # the last claim naming an item among claims[: i + 1]
    for c in claims:
        last_named.append(c if c.subject.name else last_named[-1] if last_named else named_before)
    for m in claim_frames()["comparison"].finditer(sentence.text):
        if m.group("flat"):
            direction, basis = "flat", "prior_year"
        else:
            word = m.group("word")
            direction = {"大于": "over", "高于": "over", "超过": "over", "小于": "under", "低于": "under"}.get(word, "equal")
            basis = "initial_budget" if m.group("initial") else "budget"
        k = bisect_left(starts, m.start())  # the figures before it
        at = max(reach.clause_start(m.start()), reach.window_start(m.start()))
        own = sentence.text[at: m.start()]
        named = reader.from_left(own, figures, at) if own.strip() else None
        if named is not None and named.name:
            subject, scope = named, reader.scope_of(reach.last_scope_word(m.start()), sentence.section, named)
        else:
            last = last_named[k - 1] if k else named_before
            subject, scope = (last.subject, last.scope) if last else (UNKNOWN, "all_funds")
        # 小于预算数（或与预算数持平）: less than or equal to it
        or_equal = claim_frames()["or_equal_after_comparison"].match(sentence.text, m.end()) is not None
        out.append(Claim(kind="comparison", sentence=sentence, start=m.start(), raw=m.group(0),
                         subject=subject, scope=scope, direction=direction, basis=basis, hedged=or_equal))
    return out


def restatements(claims: list[Claim]) -> list[Claim]:
    """One item given two different values in the same paragraph."""
    out = []
    seen: dict[tuple[str, str, str, str | None], Claim] = {}
    for claim in claims:
        if claim.kind != "amount" or claim.amount is None or not claim.subject.code and not claim.subject.path:
            continue
        # 2022年执行数 X，2023年预算 Y: two figures of one item, not one figure restated.
        key = (claim.subject.name, claim.scope, claim.amount.unit, None if is_current(claim.figure) else claim.figure)
        first = seen.setdefault(key, claim)
        assert first.amount is not None  # only claims with an amount are seen
        if first is not claim and first.amount.value != claim.amount.value:
            out.append(Claim(kind="restatement", sentence=claim.sentence, start=claim.start, raw=claim.raw,
                             subject=claim.subject, scope=claim.scope, amount=claim.amount,
                             restates=first))
    return out
