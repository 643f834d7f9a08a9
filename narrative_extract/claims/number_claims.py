"""What one number of a sentence claims (an amount, a change, a percentage of a change, a share, a
rate, a completion, a count), from the words before it; and the basis a percentage right after a
change takes from it."""

from __future__ import annotations

from itertools import pairwise

from ..model import Amount, Claim, Sentence, Subject
from ..numbers import NumberMatch
from .change_words import change_word_direction, text_from_word
from .figures import figure_of
from .lexicon import claim_frames
from .listed import SentenceFigures
from .subjects import SubjectReader

UNKNOWN = Subject(printed="", name="")


def number_claim(
    number: NumberMatch, left: str, at: int, figures: SentenceFigures, sentence: Sentence, reader: SubjectReader,
    yoy: bool, budget_basis: str | None
) -> Claim | None:
    """What one number of a sentence claims. ``left``: the words before it (the sentence's text from
    ``at``), ``figures`` the sentence's. ``budget_basis``: the basis a budget comparison of the
    sentence gives its changes (``prior_budget`` for 比2023年预算, ``budget`` for the year's own)."""
    frames = claim_frames()
    text = sentence.text

    def named(end: int | None = None, begin: int = 0) -> Subject | None:
        """The subject named in ``left[begin:end]``."""
        return reader.from_left(left[begin:end], figures, at + begin)

    def make(kind: str, subject: Subject | None, **extra) -> Claim:
        return Claim(kind=kind, sentence=sentence, start=number.start, raw=number.raw,
                     subject=subject or UNKNOWN, scope="", amount=number.amount, **extra)

    change = frames["change_before_number"].search(left) or frames["respective_change_before_number"].search(left)
    if number.kind == "count":
        if change and yoy:  # 较上年减少1人
            count_change = change_word_direction(text_from_word(change))
            return make("yoy_amount", named(change.start()), direction=count_change,
                        basis="prior_year")
        return make("count", named())
    if number.kind == "score":
        return make("score", named())
    if number.kind == "bare":
        # 城乡社区支出（类）15411.43 万元，占 76.23；: a share printed without its % sign
        share = frames["share_before_number"].search(left)
        if share is None or number.amount is None or number.amount.decimals <= 0 or number.amount.value > 100:
            return None
        claim = make("share", named(share.start()),
                     whole=named(share.end("whole"), share.start("whole")) if share.group("whole") else None)
        claim.amount = Amount(number.amount.value, "%", number.amount.decimals)
        return claim
    if frames["threshold_after_number"].match(text, number.end):
        return None  # 单价100万元（含）以上设备: a threshold in a definition, not a stated figure
    direction = None
    if change:
        direction = change_word_direction(text_from_word(change))
        if frames["adjustment_word"].match(change.group("word")):
            budget_basis = "adjustment"  # 调减16000万元: against the budget before it was adjusted
        elif frames["over_budget_word"].match(change.group("word")):
            budget_basis = "budget"  # 超收3078万元: the year's figure against its budget
    subject_left = left[: change.start()] if change else left
    # 支出决算数比预算数减少 B: the year's actual against its budget, whatever else the sentence compares
    against = frames["budget_change_marker"].search(subject_left) if change else None
    if number.kind in ("percent", "percent_point"):
        if m := frames["completion_before_number"].search(left):
            basis = "initial_budget" if (m.group("initial") or m.group("initial2")) else "budget"
            return make("budget_completion", named(m.start()), basis=basis)
        if against:
            return make("yoy_pct", named(against.start()), direction=direction, basis="budget")
        if change and (yoy or budget_basis or number.kind == "percent_point"):
            return make("yoy_pct", named(len(subject_left)), direction=direction,
                        basis=budget_basis or "prior_year")
        if change and not left[: change.start()].strip("，, "):
            # …比预算数减少 17.54万元，下降 23.42%: a rate in a clause of its own after a change; measured as it is
            return make("yoy_pct", named(len(subject_left)), direction=direction)
        if number.kind == "percent_point":
            return None  # 占比高于上年2个百分点: a difference of two shares or rates, neither of them
        if m := frames["share_before_number"].search(left):
            whole = named(m.end("whole"), m.start("whole")) if m.group("whole") else None
            return make("share", named(m.start()), whole=whole)
        if m := frames["rate_before_number"].search(left):  # 满意度达98%, 资产利用率达100%
            return make("rate", named(m.end()))
        return None  # a percent with no frame: nothing it could be checked against
    if against:
        return make("yoy_amount", named(against.start()), direction=direction, basis="budget")
    if change and (yoy or budget_basis):
        return make("yoy_amount", named(len(subject_left)), direction=direction,
                    basis=budget_basis or "prior_year")
    if change:
        # 其中：公务接待费减少 0.26万元 (the base named in the sentence before): a change, never a level
        return make("yoy_amount", named(len(subject_left)), direction=direction)
    figure = figure_of(left, reader.doc.year, reader.doc.kind, text[number.end: number.end + 12])
    hedged = number.approximate or bool(frames["bound_before_number"].search(left))
    return make("amount", named(), figure=figure, hedged=hedged)


def follow_change_basis(claims: list[Claim]) -> None:
    """较预算数 B 减少 C，下降 x%: a percentage right after a change is measured as that change is."""
    yoy = claim_frames()["yoy_marker"]
    for change, pct in pairwise(claims):
        if change.basis == "adjustment" and pct.basis != "adjustment":
            continue  # 调减16000万元，下降9.7%: the percentage may be the year-over-year one
        if change.kind == "yoy_amount" and pct.kind == "yoy_pct" and (change.basis == "budget" or pct.basis is None) \
                and not yoy.search(pct.sentence.text, change.start + len(change.raw), pct.start):  # 较上年下降 x%: its own
            pct.basis, pct.subject = change.basis, change.subject
