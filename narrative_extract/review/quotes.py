"""The sentences a finding quotes, with the claim's figure and its parts marked."""

from __future__ import annotations

from ..layout.sentences import paragraph_to_sentences
from ..model import Claim, Document, Location, Sentence
from .model import Mark, Quote

#: quotes at most for one finding (a list's parts may run over several sentences)
MAX_QUOTES = 4


def where(loc: Location | None) -> str:
    """A location as a reviewer reads it: ``p.7`` / ``line 71``, after its file when it names one."""
    if loc is None:
        return ""
    at = f"p.{loc.page}" if loc.page is not None else f"line {loc.line}" if loc.line is not None else ""
    return f"{loc.file} {at}" if loc.file is not None else at


def span_of(claim: Claim) -> tuple[int, int] | None:
    """Where the claim's printed figure sits in its sentence."""
    text, raw = claim.sentence.text, claim.raw
    if not raw:
        return None
    if text[claim.start:claim.start + len(raw)] == raw:
        return claim.start, claim.start + len(raw)
    found = text.find(raw)
    return (found, found + len(raw)) if found >= 0 else None


def focus(claim: Claim) -> Claim:
    """The claim whose figure a finding is about: the list's total when the claim is a list printed
    as a whole (``其中：A；B``, its total in the sentence before), else the claim itself."""
    if claim.parts and claim.total is not None and (span := span_of(claim)) is not None:
        inside = [p for p in claim.parts if same_sentence(p.sentence, claim.sentence)
                  and (ps := span_of(p)) is not None and span[0] <= ps[0] and ps[1] <= span[1]]
        if inside:
            return claim.total
    return claim


def claim_quotes(claim: Claim) -> tuple[Quote, ...]:
    """The sentence of the claim's figure with it marked, then each other sentence its parts are in."""
    main = focus(claim)
    sentences: list[Sentence] = [main.sentence]
    marks: dict[int, list[Mark]] = {0: []}
    if (span := span_of(main)) is not None:
        marks[0].append(Mark(*span, "claim"))
    for part in claim.parts:
        key = next((k for k, s in enumerate(sentences) if same_sentence(s, part.sentence)), None)
        if key is None:
            if len(sentences) >= MAX_QUOTES:
                continue
            sentences.append(part.sentence)
            key = len(sentences) - 1
            marks[key] = []
        if (span := span_of(part)) is not None and not any(overlaps(m, span) for m in marks[key]):
            marks[key].append(Mark(*span, "part"))
    return tuple(Quote(s.text, where(s.loc), tuple(sorted(marks[k], key=lambda m: m.start)))
                 for k, s in enumerate(sentences))


def same_sentence(a: Sentence, b: Sentence) -> bool:
    return a.paragraph is b.paragraph and a.start == b.start


def overlaps(mark: Mark, span: tuple[int, int]) -> bool:
    return mark.start < span[1] and span[0] < mark.end


def sentence_lines(sentence: Sentence) -> list[Location]:
    """The locations of the input lines the sentence runs over (their boxes, for a PDF)."""
    start, end = sentence.start, sentence.start + len(sentence.text)
    anchors = sentence.paragraph.anchors
    out = []
    for k, (offset, loc) in enumerate(anchors):
        next_offset = anchors[k + 1][0] if k + 1 < len(anchors) else len(sentence.paragraph.text)
        if offset < end and next_offset > start:
            out.append(loc)
    return out


def sentence_at(doc: Document, loc: Location, raw: str) -> tuple[Sentence, int] | None:
    """The sentence printing ``raw`` on the line at ``loc`` (a finding of no claim, such as the
    report's year contradicted), and where ``raw`` starts in it."""
    for paragraph in doc.paragraphs:
        if not any(anchor == loc for _, anchor in paragraph.anchors):
            continue
        for sentence in paragraph_to_sentences(paragraph):
            at = sentence.text.find(raw)
            if at >= 0 and loc in sentence_lines(sentence):
                return sentence, at
    return None


def figure_quote(sentence: Sentence, start: int, raw: str) -> Quote:
    return Quote(sentence.text, where(sentence.loc_at(start)), (Mark(start, start + len(raw), "claim"),))
