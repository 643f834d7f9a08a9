"""Reason spans (主要原因：…, 原因系…, 决算数大于年初预算数的原因主要是：…, 发现的主要问题及原因：…)
attached to the claim they explain, with their basis (yoy / budget / performance)."""

from __future__ import annotations

import regex

from ..model import Claim, Sentence, Subject

# A lead-in that always announces a reason.
# A bare 原因 is not one: …结转等原因形成的结转结余 names a cause in passing.
REASON_LEAD = regex.compile(
    r"(?:决算数?[大小等]于(?:年初)?预算数?的|(?:主要)?(?:变动|变化|增减变化|差异)|主要)原因(?:主要)?(?:是|系|为|在于|如下|有)?\s*[：:]?"
    r"|原因(?:主要)?(?:是|系|为|在于|如下)\s*[：:]?"
    r"|原因\s*[：:]"
    r"|问题及原因\s*[：:]"
)
# 主要是 / 主要系, or a bare 系 opening a clause (较上年减少1人，系人员正常增减变动), announce a
# reason only right after a change (else they describe a use of funds).
SOFT_LEAD = regex.compile(r"主要(?:是|系|由于|因为)(?:由于|因为)?|(?<=[，,])系(?=\p{Han})")
CLAUSE_END = regex.compile(r"[；;]")
# A lead-in that announces what follows (主要原因是 / 原因： / 原因系), so nothing after it is a defect.
ANNOUNCING = regex.compile(r"(?:是|系|为|在于|如下|有|[：:])\s*$")
CHANGE_KINDS = {"yoy_amount", "yoy_pct", "comparison", "budget_completion"}
TRAILER = regex.compile(r"(?:等)?(?:原因)?(?:所致|造成|导致)?[。；;，,\s]*$")


def reason_text(sentence: Sentence, start: int, next_lead: int | None = None) -> str:
    """The reason after its lead-in: to the end of the sentence, or to the last ； before the next
    lead-in (…主要原因是X；公务用车运行费0万元，…，主要原因是Y: two reasons, not one)."""
    end = sentence.text.find("。", start)
    end = end if end >= 0 else len(sentence.text)
    if next_lead is not None and next_lead < end:
        cuts = [m.start() for m in CLAUSE_END.finditer(sentence.text, start, next_lead)]
        end = cuts[-1] if cuts else end
    text = sentence.text[start:end]
    return TRAILER.sub("", text).strip(" ：:，,")


def sentence_reasons(sentence: Sentence, claims: list[Claim], before: list[Claim]) -> list[Claim]:
    out: list[Claim] = []
    leads = [(m, True) for m in REASON_LEAD.finditer(sentence.text)]
    leads += [(m, False) for m in SOFT_LEAD.finditer(sentence.text)
              if not any(h.start() <= m.start() < h.end() for h, _ in leads)]
    ordered = sorted(leads, key=lambda pair: pair[0].start())
    for i, (lead, firm) in enumerate(ordered):
        next_lead = ordered[i + 1][0].start() if i + 1 < len(ordered) else None
        here = [c for c in claims if c.start < lead.start() and c.kind in CHANGE_KINDS]
        earlier = [c for c in before if c.kind in CHANGE_KINDS]
        explained = here[-1] if here else (earlier[-1] if earlier else None)
        if not firm and not here and not (earlier and earlier[-1].sentence is not sentence and not claims):
            continue  # 主要是为保障机构正常运转…: a description, not a reason
        text = reason_text(sentence, lead.end(), next_lead)
        if not text and not ANNOUNCING.search(lead.group(0)):
            continue  # 不用说明变动原因。: the word, not an announced reason
        if not text and "如下" in lead.group(0):
            continue  # 主要原因如下： then a list in the next paragraphs — not an empty reason (not attached yet)
        if out and out[-1].start <= lead.start() < out[-1].start + len(out[-1].raw) + 2:
            continue
        basis = reason_basis(lead.group(0), explained)
        out.append(Claim(
            kind="reason", sentence=sentence, start=lead.end(), raw=text,
            subject=explained.subject if explained else Subject("", ""),
            scope=explained.scope if explained else "all_funds",
            basis=basis, direction=explained.direction if explained else None,
            text=text, explains=explained,
        ))
    return out


def reason_basis(lead: str, explained: Claim | None) -> str:
    if "问题" in lead:
        return "performance"
    if "预算" in lead:
        return "budget"
    if explained is not None and explained.kind in ("comparison", "budget_completion"):
        return "budget" if explained.basis != "prior_year" else "yoy"
    # 比2023年预算增加: this year's against last year's — a year-over-year change, whatever its base
    return "yoy"
