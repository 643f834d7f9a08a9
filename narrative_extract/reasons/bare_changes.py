"""Reasons that only say which part of the budget rose or fell (rules R1/R2 of the labelling guide).

Many stated reasons name no cause: ``项目支出增加``, ``公用经费减少``, ``事业收入增加687.73万元；经营收入增加…``,
``社教联合工作经费增加``. The labelling guide (corpus/reasons/README.md) decides them by *what* changed:

* project spending (``项目支出``, ``基建项目支出``) or a named programme, fund or subsidy
  (``水质监测工作经费``, ``失独家庭安抚救助``, ``学前教育发展资金``) → ``project_funding``;
* a standard line of the budget — a revenue kind, a component (人员经费, 公用经费, 基本支出), a line of
  the economic or function classification (办公费, 公务接待费, 行政运行, 一般行政管理事务), a unit's
  own budget — or the item the reason explains restated (``统计管理经费增加`` for 统计管理) → no
  cause: ``other``;
* several named: the first that is no standard line decides; all standard lines → ``other``;
* the verb first (``增加了…资金支出``): a programme → ``project_funding``, nothing else.

What is a standard line is data (``patterns/standard_lines.json``), taken from the national
classification of government revenue and spending, so that it holds in every province. A text
with a cause word (因, 由于, 根据 …), or whose subject is no money line (``公务接待减少`` names an
activity, ``人员增加`` staff) is not a bare change: ``bare_change_category`` returns None and the
keyword rules and the learned model decide.

The classifier asks this rule first when its answer is ``other`` (a keyword inside a line's name,
购置 of 公务用车购置费, names no cause), and after the keyword rules when it is ``project_funding``
(``design.rule_hits``). Lines of carried-over funds (结转) are no standard line: their change is
``carryover``, the keyword rules' to decide.

The stages can be printed one by one: ``clauses`` → ``subjects`` → ``subject_kind`` →
``bare_change_category``.
"""

from __future__ import annotations

import enum
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..patterns import pattern_path
from .categories import OTHER
from .features import item_core
from .keywords import CLAUSE_COMMA

PROJECT_FUNDING = "project_funding"

# A lead-in or list mark before a clause: 主要是 / 一是 / 1、 / （1）
_LEAD = re.compile(r"^(?:(?:主要|其中)?(?:是|为|系)?[:：]?)?(?:[一二三四五六七八九十]是|[(（]?\d{1,2}[)）、.．]|[(（][一二三四五六七八九十][)）])?")
# The verbs of a plain change (each two characters: the joining lookbehind below needs one width). Not
# claim_frames' increase / decrease: those hold causes too (压减, 节约, 超支), which a bare change never names.
_VERBS = "增加|减少|上升|下降|上浮|下浮|增长|降低|减小|新增|提高|回落"
# The change that ends a clause, with the degree and figures that may follow it.
_CHANGE = re.compile(
    r"(?:较上年|较去年|比上年|同比|相应|有所|略有|较大幅度|大幅|小幅|均)*"
    rf"(?:{_VERBS})了?"
    r"(?:[0-9.,]+(?:亿|万)?元|[0-9.,]+%)*$")
_TIME = re.compile(r"^(?:本年度?|今年|上年|20\d\d年度?)|(?:较|比)[^，,；;]{1,8}$|同比$")
_INNER_CHANGE = re.compile(_VERBS)
# 增加了推动演艺高质量发展等资金支出: the verb first. Only a programme is decided this way; 新增 first
# may be new staff (新增退休人员补贴), and standard lines after a verb are left to the keyword rules.
_VERB_FIRST = re.compile(r"^(?:增加|减少|加大)了?(?:对)?([^，,；;。]{2,40})$")
_CLAUSE_BREAK = re.compile(rf"{CLAUSE_COMMA}|[；;]")
_JOIN = re.compile(rf"(?<={_VERBS})(?:和|及|以及|、|并)")
_PART = re.compile(r"、|和|以及|及|与")
# 政务热线整合经费中委托业务费: a line within a programme: the programme is what is named
_WITHIN = re.compile(r"^(.+?(?:经费|资金|项目|专项))中.")
# a line named with its level or its code in the function classification: 事业运行（项）, 2120501城乡社区…
_LEVEL = re.compile(r"[(（][类款项][)）]")
_CODE = re.compile(r"\d{3,7}(?=[\u4e00-\u9fff])")
# a project's or a fund's revenue is no revenue kind
_FUNDED = re.compile(r"项目|资金")


class SubjectKind(enum.Enum):
    """What a changed subject is (``subject_kind``)."""

    PROJECT = "project"  # project spending, or a named programme, fund or subsidy
    STANDARD = "standard"  # a standard line, a unit's budget, or the explained item restated
    UNKNOWN = "unknown"  # no money line (an activity, staff, a thing) or too generic to tell


@dataclass(frozen=True)
class StandardLines:
    """``patterns/standard_lines.json`` as read (see its ``_doc``)."""

    money_words: tuple[str, ...]
    names: frozenset[str]
    endings: tuple[str, ...]
    ending_patterns: tuple[re.Pattern[str], ...]
    programme_marks: tuple[re.Pattern[str], ...]
    staff_words: tuple[str, ...]
    revenue_endings: tuple[re.Pattern[str], ...]
    consequence_words: tuple[str, ...]
    cause_words: tuple[str, ...]
    generic_names: frozenset[str]

    def strip_money(self, name: str) -> list[str]:
        """``name`` and each shorter form with one more money word taken off its end
        (``公务用车运行维护费支出`` → …费支出, …费, 公务用车运行维护; ``收入`` → 收入, "")."""
        forms = [name]
        changed = True
        while changed:
            changed = False
            for w in self.money_words:
                if forms[-1] and forms[-1].endswith(w):
                    forms.append(forms[-1][: -len(w)])
                    changed = True
                    break
        return forms

    def is_named(self, forms: list[str]) -> bool:
        """Is one of the forms the whole name of a standard line (a 类, a component)?"""
        return any(f in self.names for f in forms)

    def ends_standard(self, forms: list[str]) -> bool:
        """Does one of the forms end with a standard line (an economic line, a revenue kind)?"""
        return any(f.endswith(self.endings) or any(p.search(f) for p in self.ending_patterns) for f in forms if f)

    def is_programme(self, subject: str) -> bool:
        return any(p.search(subject) for p in self.programme_marks)


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def _words(path: Path, data: dict, key: str) -> tuple[str, ...]:
    """A list of words of the file (a dict of lists: all of them), checked and normalised."""
    if key not in data:
        raise ValueError(f"{path}: no {key}")
    value = data[key]
    groups = value.values() if isinstance(value, dict) else [value]
    out: list[str] = []
    for group in groups:
        if not isinstance(group, list) or not all(isinstance(w, str) and w for w in group):
            raise ValueError(f"{path}: {key} must be lists of words")
        out += [_norm(w) for w in group]
    return tuple(out)


@cache
def standard_lines() -> StandardLines:
    """The shipped standard lines (``patterns/standard_lines.json``), read once per process."""
    return load_standard_lines(pattern_path("standard_lines.json"))


def load_standard_lines(path: Path) -> StandardLines:
    """The standard lines of ``path``, checked: every group a list of words, every pattern a valid
    regular expression."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return StandardLines(
        money_words=tuple(sorted(set(_words(path, data, "money_words")), key=len, reverse=True)),
        names=frozenset(_words(path, data, "names")),
        endings=_words(path, data, "endings"),
        ending_patterns=_compiled(path, "ending_patterns", _words(path, data, "ending_patterns"), at_end=True),
        programme_marks=_compiled(path, "programme_marks", _words(path, data, "programme_marks")),
        staff_words=_words(path, data, "staff_words"),
        revenue_endings=_compiled(path, "revenue_endings", _words(path, data, "revenue_endings"), at_end=True),
        consequence_words=_words(path, data, "consequence_words"),
        cause_words=_words(path, data, "cause_words"),
        generic_names=frozenset(_words(path, data, "generic_names")),
    )


def _compiled(path: Path, key: str, patterns: tuple[str, ...], at_end: bool = False) -> tuple[re.Pattern[str], ...]:
    """Each pattern compiled (to match at the end of a name when ``at_end``); a bad one names the
    file and key."""
    out = []
    for p in patterns:
        try:
            out.append(re.compile(f"(?:{p})$" if at_end and not p.endswith("$") else p))
        except re.error as err:
            raise ValueError(f"{path}: {key} {p!r}: {err}") from err
    return tuple(out)


def clauses(text: str) -> list[str] | None:
    """The text cut into clauses each ending with a change; None when any clause does not (the
    text says something else than which lines changed) or when a cause word occurs."""
    t = _norm(text).rstrip("。；;，,")
    t = _LEAD.sub("", t)
    if not t or any(w in t for w in standard_lines().cause_words):
        return None
    out = []
    for piece in _CLAUSE_BREAK.split(t):
        for clause in _JOIN.split(piece):
            clause = _LEAD.sub("", clause)
            if not clause:
                continue
            if not _CHANGE.search(clause):
                return None
            out.append(clause)
    return out or None


def subjects(text: str) -> list[str] | None:
    """What changed, in the order named (``人员工资、项目经费增加`` → [人员工资, 项目经费])."""
    cut = clauses(text)
    if cut is None:
        return None
    out = []
    consequence = standard_lines().consequence_words
    for n, clause in enumerate(cut):
        if n and any(w in clause for w in consequence):
            continue  # 相应支出减少: what followed from the clause before, no further line named
        head = _CHANGE.sub("", clause)
        head = _TIME.sub("", head)  # both ends: 2025年…较上年
        parts = [p for p in _PART.split(head) if p]
        if not parts or _INNER_CHANGE.search(head):
            return None  # 在职人员减少对应的…支出减少: a change inside the subject is a cause
        out.extend(parts)
    return out


def subject_kind(subject: str, item: str | None = None) -> SubjectKind:
    """PROJECT, STANDARD or UNKNOWN (see the module docstring); ``item``: what the reason explains."""
    lines = standard_lines()
    subject = _inner(subject)
    forms = lines.strip_money(_TIME.sub("", subject))
    if _is_revenue(item) and not _FUNDED.search(subject) and any(p.search(subject) for p in lines.revenue_endings):
        return SubjectKind.STANDARD  # a fee, tax or kind explaining a revenue (增值税, 专项收入); not a fund's
    if _LEVEL.search(subject) or _CODE.match(subject):
        return SubjectKind.STANDARD  # named with its level or code of the classification: 事业运行（项）
    if len(forms) == 1 and not subject.endswith("项目"):
        return SubjectKind.UNKNOWN  # no money word: an activity (公务接待), staff or a thing changed
    if not forms[-1] or lines.is_named(forms):
        return SubjectKind.STANDARD  # the whole name of a line: 教育支出, 人员经费, 保障性安居工程支出
    name, core = _unquoted(forms[-1]), _unquoted(item_core(item))
    if len(core) >= 2 and not _FUNDED.search(core) and (name == core or name in core or name.endswith(core)):
        return SubjectKind.STANDARD  # the explained item restated (not 项目支出: a project named under it is R1's)
    if lines.is_programme(subject):
        return SubjectKind.PROJECT  # 项目支出, …工程, …计划, “…”
    if lines.ends_standard(forms) or any(w in subject for w in lines.staff_words):
        return SubjectKind.STANDARD
    if len(re.findall(r"[\u4e00-\u9fff]", name)) < 2 or name in lines.generic_names:
        return SubjectKind.UNKNOWN
    return SubjectKind.PROJECT


def _inner(subject: str) -> str:
    """Of ``A中(的)B``, what is named: A when A is a programme whose line B changed
    (政务热线整合经费中委托业务费), else B, the line inside A (农村综合改革（款）中的“美丽乡村”项目)."""
    m = _WITHIN.match(subject)
    if m:
        return m.group(1)
    head, sep, tail = subject.partition("中")
    return tail.removeprefix("的") if sep and head and _LEVEL.search(head) and tail else subject


def _unquoted(name: str) -> str:
    return re.sub(r"[“”\"]", "", name)


def _is_revenue(item: str | None) -> bool:
    """Does the reason explain a revenue (非税收入, 事业收入) rather than spending?"""
    name = _norm(item or "")
    return "收入" in name and "支出" not in name


def bare_change_category(text: str, item: str | None = None) -> str | None:
    """``project_funding`` or ``other`` for a reason that only names lines that changed; None when
    the text is no bare change or a subject cannot be told (see the module docstring)."""
    named = subjects(text)
    if not named:
        m = _VERB_FIRST.match(_norm(text).rstrip("。；;，,"))
        if m and not any(w in m.group(1) for w in standard_lines().cause_words):
            kind = subject_kind(m.group(1), item)
            return PROJECT_FUNDING if kind is SubjectKind.PROJECT else None
        return None
    for subject in named:
        kind = subject_kind(subject, item)
        if kind is SubjectKind.UNKNOWN:
            return None
        if kind is SubjectKind.PROJECT:
            return PROJECT_FUNDING
    return OTHER
