"""Reasons of a performance self-evaluation (绩效自评): why the budget's execution rate is under 100 %,
why an indicator (数量/质量/时效/成本/效益/满意度指标) or a 绩效目标 was not met, why money is unspent.

``预算执行率未达到100%，主要原因是…`` / ``偏差原因：…`` / ``未完成原因：…`` / ``资金执行率偏低的原因是…`` /
``满意度指标未达到预期值，原因是…``: the reason explains a shortfall against a target, not a change from last
year or from the budget, so its basis is ``performance``. What marks one is wording, in
``patterns/claim_frames.json``: the lead-in or the clause right before it names a shortfall, a rate or an
indicator (``performance_context``), or the reason stands under a heading of such reasons
(``performance_heading``: 偏差原因分析及改进措施 / 存在的问题及原因). The item is what the clause says fell
short (``performance_shortfall``: the name before 未达到 / 偏低 / 滞后 …), else the rate or indicator it names
(``performance_item``); the direction ``under`` for a shortfall, ``over`` for a target surpassed.
"""

from __future__ import annotations

import re

from .lexicon import claim_frames

_PART_ENDS = "；;。"
_CLAUSE_ENDS = "，,：:"
_CLAUSE = re.compile(r"[，,；;。：:]|,(?!\d)")
#: what opens a name but is not part of it (（一） / 1. / 其中 / 2024年 / 本年 / 由于)
_NAME_LEAD = re.compile(
    r"^(?:[\s、，,：:]|[（(][一二三四五六七八九十\d]{1,2}[)）]|[一二三四五六七八九十\d]{1,2}[、.．]|其中|"
    r"\d{4}\s*年度?|本年度?|今年|全年|当年|截至[^，,]{0,10}?底|由于|因为|但|且|而|从|该)+"
)
_NAME_TAIL = re.compile(r"(?:的|均|都|仍|尚|还|有所|略有|存在|出现|实际|完成值|完成情况)+$")
_QUOTED = re.compile(r"[“\"‘]([^”\"’]{2,30})[”\"’]\s*$")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_MEASURES = re.compile(r"措施|下一步|改进|整改")
_PROJECT_HEADING = re.compile(
    r"(?:[（(][一二三四五六七八九十\d]{1,2}[)）]|[一二三四五六七八九十\d]{1,2}\s*[、.．])?\s*"
    r"(?P<item>[^，,。；;：:、（）()\s]{2,30}?项目)(?:绩效)?(?:自评)?(?:情况|报告)?\s*[：:]?")
_GENERIC_PROJECTS = frozenset({"本项目", "该项目", "此项目", "各项目", "其他项目", "重点项目", "部分项目", "绩效自评项目"})
#: the most characters of an item read from a self-evaluation's words (学生资助项目预算执行率: 11)
MAX_ITEM_CHARS = 16


def performance_window(text: str, lead_start: int, lead_end: int, begin: int = 0) -> str:
    """The words that say what a reason at ``lead_start``–``lead_end`` explains: the lead-in (未完成原因：),
    the words before it in its clause and the clause before that, in its sentence part (预算执行率未达到100%，
    主要原因是 / 项目预算执行率85.6%，未达到100%的原因： — not the clauses further back, which state other things),
    not before ``begin``."""
    start, breaks = lead_start, 0
    while start > begin:  # back from the lead-in (not a search from the sentence's start: many lead-ins)
        ch = text[start - 1]
        if ch in _PART_ENDS or ch in _CLAUSE_ENDS and (breaks := breaks + 1) == 2:
            break
        start -= 1
    return text[start:lead_end]


def is_performance(window: str, section: tuple[str, ...] = ()) -> bool:
    """A reason read with basis performance: its window (``performance_window``) names a shortfall, a rate
    or an indicator, or a heading above it is one of performance reasons."""
    frames = claim_frames()
    try:
        return bool(frames["performance_context"].search(window)) or any(
            frames["performance_heading"].search(heading) for heading in section)
    except TimeoutError:
        return False


def in_performance_section(section: tuple[str, ...]) -> bool:
    """Under a heading of performance reasons (偏差原因分析及改进措施 / 存在的问题及原因)."""
    return is_performance("", section)


def shortfall_item(window: str) -> str | None:
    """What fell short, as the window names it: the name before the shortfall word (预算执行率未达到100%
    → 预算执行率; 资金执行率偏低的 → 资金执行率), else the rate or indicator named there, in the clause
    nearest the lead-in that names one; None when none does (偏差原因：)."""
    frames = claim_frames()
    for clause in reversed(_naming_clauses(window)):
        try:
            short = frames["performance_shortfall"].search(clause)
            if short is not None and (name := _clean(clause[: short.start()])):
                return name
            named = frames["performance_item"].finditer(clause)
        except TimeoutError:
            return None
        if found := next((name for m in reversed(named) if (name := _clean(m.group(0)))), None):
            return found
    return None


def states_shortfall(clause: str) -> bool:
    """A clause that states a shortfall against a target (“培训人次”未完成年度目标): a soft lead-in after it
    (，主要是…) gives its reason, as one after a change does."""
    frames = claim_frames()
    try:
        return bool(frames["performance_shortfall"].search(clause) and frames["performance_context"].search(clause))
    except TimeoutError:
        return False


def shortfall_direction(window: str) -> str | None:
    """``under`` when the window states a shortfall, ``over`` when a target surpassed, else None."""
    frames = claim_frames()
    try:
        if frames["performance_surplus"].search(window):
            return "over"
        if frames["performance_shortfall"].search(window):
            return "under"
    except TimeoutError:
        return None
    return None


def _naming_clauses(window: str) -> list[str]:
    """The clauses of the window that may name the item, the lead-in's own last (only its words before
    the lead-in: 资金执行率偏低的原因是 → 资金执行率偏低的)."""
    clauses = [c for c in _CLAUSE.split(window) if c.strip()]
    if not clauses:
        return []
    lead = claim_frames()["reason_lead"].search(clauses[-1])
    if lead is not None:
        clauses[-1] = clauses[-1][: lead.start()]
    return [c for c in clauses if c.strip()]


def _clean(name: str) -> str | None:
    if quoted := _QUOTED.search(name):
        name = quoted.group(1)  # 数量指标中“培训人次” → 培训人次
    name = _NAME_TAIL.sub("", _NAME_LEAD.sub("", name.strip())).strip()
    # (an indicator's name is short: a longer run is cells of a form joined together, 部分资金未支付改进措施…)
    return name if 2 <= len(_HAN.findall(name)) <= MAX_ITEM_CHARS and not _MEASURES.search(name) else None


def section_project(section: tuple[str, ...]) -> str | None:
    """The project a heading above a performance reason names (（二）农村饮水安全项目 / 3.“学生资助”项目), the
    nearest first; None when none names one (一、项目基本情况)."""
    for heading in reversed(section):
        found = _PROJECT_HEADING.fullmatch(heading.strip())
        if found is not None and found.group("item") not in _GENERIC_PROJECTS:
            name = found.group("item")
            quoted = re.fullmatch(r"[“\"](.+)[”\"]项目", name)  # “学生资助”项目 → 学生资助
            name = quoted.group(1) if quoted else name
            return name if len(_HAN.findall(name)) >= 2 else None
    return None
