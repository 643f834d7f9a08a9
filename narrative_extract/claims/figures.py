"""Which figure a stated amount is: this year's, the prior year's, or a final account's budget.

One item often carries two figures in one sentence, and only one of them is in the tables:

- 2022年当年预算执行数为1.48万元，2023年预算安排2.63万元 — a 2023 budget prints only 2.63
  (the prior-year 执行数 is context for the change that follows);
- 年初预算为 A 万元，支出决算为 B 万元 — a final account's tables print B; A is the budget.

Linking a prior-year or budget figure to the current-year cell would raise a false alarm, and
treating the two figures as one item restated with two values would raise another. The role is
read from the words before the number in its clause (patterns/claim_frames.json).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import claim_frames

if TYPE_CHECKING:
    from ..model import Claim

#: Roles of an amount. ``None`` is the report's own figure for its year.
PRIOR = "prior"  # the previous year's figure (上年决算数, 2024年度预算 in a 2025 budget)
PRIOR_ACTUAL = "prior_actual"  # a previous year's figure named as executed (2024年预算执行数为 X)
BUDGET = "budget"  # in a final account: the (年初/调整后) budget the actual is compared with
ACTUAL = "actual"  # explicitly the executed figure (执行数为, 决算数为)
DERIVED = "derived"  # worked out from other figures: an average (车均, 人均) or a difference (差值)


def figure_of(left: str, report_year: int | None, report_kind: str | None, right: str = "") -> str | None:
    """The role of the amount whose clause text before the number is ``left`` (``right``: the text after it)."""
    frames = claim_frames()
    if frames["derived_figure_before_number"].search(left):
        return DERIVED
    if "与" in left and frames["compared_after_number"].search(right):
        # 与2018年…总额 27389.54万元相比，减少…: the figure the change is measured from
        return BUDGET if frames["compared_budget_before_number"].search(left) else PRIOR
    years = list(frames["year_before_number"].finditer(left))
    if (years and report_year is not None and int(years[-1].group("year")) < report_year) \
            or frames["prior_figure_before_number"].search(left):
        # 2025年度预算 A … 2025年当年预算执行数为 B: two figures of the prior year, not one restated
        return PRIOR_ACTUAL if frames["actual_figure_before_number"].search(left) else PRIOR
    if frames["completed_budget_before_number"].search(left) or frames["compared_budget_before_number"].search(left):
        return BUDGET  # 支出决算为 A，完成全年预算 B 的 x% / 较预算数 B 减少…: B is the budget in any report
    if (m := frames["budget_figure_before_number"].search(left)) is not None and (
            report_kind == "final" or (report_kind is None and m.group(0).startswith(("年初", "调整后")))):
        return BUDGET  # a page of unknown kind (a 三公 说明): only 年初预算 / 调整后预算 is surely the budget
    if frames["actual_figure_before_number"].search(left):
        return ACTUAL
    return None


def is_prior(figure: str | None) -> bool:
    """A previous year's figure, budgeted or executed."""
    return figure in (PRIOR, PRIOR_ACTUAL)


def is_current(figure: str | None) -> bool:
    """A figure the current year's table cells state (the report's own, or explicitly executed)."""
    return figure in (None, ACTUAL)


def same_role(figure: str | None, other: str | None) -> bool:
    """Two figures of one role: both this year's (stated plainly or as executed), or the same other role."""
    return figure == other or (is_current(figure) and is_current(other))


def measured_against(claim: Claim) -> bool:
    """The budget a completion rate or a change is taken against (完成全年预算 B 万元的 x% / 较预算数 B 减少):
    never the current figure of another change."""
    left = claim.sentence.text[max(0, claim.start - 12):claim.start]
    frames = claim_frames()
    if frames["ratio_base_after_number"].match(claim.sentence.text, claim.start + len(claim.raw)):
        return True  # 为全年预算46,908万元的80.43%: the whole of a rate, whatever its role words
    return claim.figure == BUDGET and (frames["completed_budget_before_number"].search(left) is not None
                                      or frames["compared_budget_before_number"].search(left) is not None)


def measured_from(claim: Claim) -> bool:
    """The figure a 比/较 comparison is measured from (比2025年初预算数 B 减少 C: B), whatever its role
    words: never the current figure of a change, never a part of a list of this year's figures."""
    left = claim.sentence.text[max(0, claim.start - 16):claim.start]
    frames = claim_frames()
    return (frames["base_before_number"].search(left) is not None
            or frames["changed_to_after_number"].match(claim.sentence.text, claim.start + len(claim.raw)) is not None)
