"""Keyword baseline for variance-reason categories (lexicon in ``patterns/reason_keywords.json``).

The rule whose keyword occurs in the earliest clause of a reason wins (the labelling rule "the
first-named cause decides"), the order of the rules breaking ties; a reason that matches nothing
is ``other``. A keyword is a literal substring, or a pattern when it starts with ``re:`` (a word
family such as "a change in the number of staff", written once instead of each wording; compiled
and checked when the lexicon is loaded). The baseline is the yardstick for the learned model
(``bench/eval_reasons.py``) and supplies the model's keyword features.
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..claims.lexicon import claim_frames
from ..patterns import PATTERNS_DIR
from .categories import BASES, CATEGORY_IDS, DIRECTIONS, OTHER, is_empty_reason

KEYWORDS_PATH = PATTERNS_DIR / "reason_keywords.json"

_SPACE = re.compile(r"\s+")
PATTERN_PREFIX = "re:"


@cache
def _pattern(keyword: str) -> re.Pattern[str]:
    return re.compile(keyword[len(PATTERN_PREFIX):])


def fires(keyword: str, text: str) -> bool:
    """Does ``keyword`` (a literal, or ``re:`` and a pattern) occur in the cleaned ``text``?"""
    return first_position(keyword, text) is not None


def first_position(keyword: str, text: str) -> int | None:
    """Where ``keyword`` first occurs in the cleaned ``text`` (None: nowhere)."""
    if keyword.startswith(PATTERN_PREFIX):
        m = _pattern(keyword).search(text)
        return m.start() if m else None
    i = text.find(keyword)
    return i if i >= 0 else None


@dataclass(frozen=True)
class KeywordRule:
    """A category and its keywords. ``yields``: the category decides only when no other cause is
    named with it (the lexicon's ``yielding``). ``directions``: the rule fires only for a reason
    explaining a change in one of these directions (``when_direction``; empty: any). ``before``:
    categories this rule comes before when both are named in one clause, whatever the rule order
    (R4: a base adjusted ``根据…口径`` is pay, not the 口径's policy). ``bases``: the rule fires only
    for a reason of one of these bases (``when_basis``; empty, or the basis unknown: any) — R6: a
    plain 调减 in a final account (against the year's budget) is money cut during the year, in a
    new year's budget (against last year) it is not."""

    category: str
    keywords: tuple[str, ...]
    yields: bool = False
    directions: tuple[str, ...] = ()
    before: tuple[str, ...] = ()
    bases: tuple[str, ...] = ()

    def applies(self, direction: str | None, basis: str | None = None) -> bool:
        return ((not self.directions or direction in self.directions)
                and (not self.bases or basis is None or basis in self.bases))

    def as_list(self) -> list:
        """For a model file's snapshot of the rules (``from_list`` reads it back)."""
        return [self.category, list(self.keywords), self.yields, list(self.directions), list(self.before),
                list(self.bases)]

    @classmethod
    def from_list(cls, row: list) -> KeywordRule:
        category, keywords, *rest = row
        yields, directions, before, bases = (rest + [False, [], [], []][len(rest):])[:4]
        return cls(str(category), tuple(keywords), bool(yields), tuple(directions), tuple(before), tuple(bases))


def _clean(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text or ""))


def clean_keyword(keyword: str) -> str:
    """A keyword as it is matched: a literal cleaned like the text, a pattern as written."""
    return keyword if keyword.startswith(PATTERN_PREFIX) else _clean(keyword)


@cache
def load_rules(path: str | None = None) -> tuple[KeywordRule, ...]:
    data = json.loads(Path(path or KEYWORDS_PATH).read_text(encoding="utf-8"))
    yielding = set(data.get("yielding", ()))
    if not yielding <= set(CATEGORY_IDS):
        raise ValueError(f"{path or KEYWORDS_PATH}: yielding names unknown categories {sorted(yielding - set(CATEGORY_IDS))}")
    rules = []
    for r in data["rules"]:
        if r["category"] not in CATEGORY_IDS:
            raise ValueError(f"{path or KEYWORDS_PATH}: unknown category {r['category']!r}")
        directions = tuple(r.get("when_direction", ()))
        if not set(directions) <= set(DIRECTIONS):
            raise ValueError(f"{path or KEYWORDS_PATH}: when_direction of {r['category']} must be among "
                             f"{sorted(DIRECTIONS)}, not {list(directions)}")
        bases = tuple(r.get("when_basis", ()))
        if not set(bases) <= set(BASES):
            raise ValueError(f"{path or KEYWORDS_PATH}: when_basis of {r['category']} must be among "
                             f"{list(BASES)}, not {list(bases)}")
        before = tuple(r.get("before", ()))
        if not set(before) <= set(CATEGORY_IDS):
            raise ValueError(f"{path or KEYWORDS_PATH}: before of {r['category']} names unknown categories "
                             f"{sorted(set(before) - set(CATEGORY_IDS))}")
        keywords = tuple(clean_keyword(k) for k in r["keywords"])
        for k in keywords:
            if k.startswith(PATTERN_PREFIX):
                try:
                    _pattern(k)
                except re.error as e:
                    raise ValueError(f"{path or KEYWORDS_PATH}: keyword {k!r} of {r['category']}: {e}") from e
        rules.append(KeywordRule(r["category"], keywords, r["category"] in yielding, directions, before, bases))
    return tuple(rules)


@dataclass(frozen=True)
class LexiconHistory:
    """What the lexicon's writers had read, so that an evaluation can leave it out.

    ``read_batches``: label batches whose reasons had been read when the lexicon was last edited
    (any keyword may come from them). ``later``: for a batch read only after most of the lexicon
    was written, the keywords added since (``written_after_reading`` in the JSON); only these can
    come from it.
    """

    read_batches: frozenset[str] = frozenset()
    later: dict[str, frozenset[str]] = field(default_factory=dict)

    def later_keywords(self, batches) -> frozenset[str]:
        return frozenset(k for b in batches for k in self.later.get(b, ()))


def lexicon_history(path: str | None = None) -> LexiconHistory:
    """The lexicon's ``read_batches`` and ``written_after_reading`` (keywords cleaned like the rules')."""
    data = json.loads(Path(path or KEYWORDS_PATH).read_text(encoding="utf-8"))
    known = {k for r in load_rules(path) for k in r.keywords}
    later = {}
    for batch, words in data.get("written_after_reading", {}).items():
        cleaned = frozenset(clean_keyword(k) for k in words)
        if not cleaned <= known:
            raise ValueError(f"{path or KEYWORDS_PATH}: written_after_reading[{batch!r}] names keywords no rule has: "
                             f"{sorted(cleaned - known)}")
        later[batch] = cleaned
    return LexiconHistory(frozenset(data.get("read_batches", ())), later)


#: a comma parting two clauses, never the thousands separator of 2,000.00万元 (a digit, the comma,
#: three digits): such a comma must not make a figure's two halves two named causes
CLAUSE_COMMA = r"(?:(?<!\d)[，,]|[，,](?!\d{3}(?!\d)))"
#: where one named cause ends and the next begins: punctuation, list marks (一是…二是…) and joining
#: words. The labelling rule is "the first-named real cause decides" (corpus/reasons/README.md).
CLAUSE_BREAK = re.compile(rf"[；;。、]|{CLAUSE_COMMA}|[一二三四五六七八九十]是|其次|另外|同时|以及|及|和|与")


#: where a list mark may open an item of a listed reason: at the start or after a clause's end, so
#: that an amount (2.5万元) is never read as one
_ITEM_START = re.compile(rf"{CLAUSE_COMMA}|[；;：:。]")


def list_items(text: str) -> list[int]:
    """Where the items of a listed reason begin in ``text`` (cleaned): a list mark as the claims read
    one (``reason_list_item`` of patterns/claim_frames.json: 一是, 其二，, （2）, 2.)."""
    mark = claim_frames()["reason_list_item"]
    starts = [0] + [m.end() for m in _ITEM_START.finditer(text)]
    return [s for s in starts if mark.match(text[s:]) is not None]


def keyword_hits(text: str, rules: tuple[KeywordRule, ...] | None = None, direction: str | None = None,
                 basis: str | None = None) -> list[str]:
    """Every category with a keyword in ``text``, in precedence order: a cause before a category
    that yields to a cause named with it (``yielding`` of the lexicon: a budget mechanism such as
    追加, or project spending that other causes explain) in the same item of a listed reason (一是
    执行中追加…；二是使用上年结转资金: two causes, the first-named decides), then the clause the
    keyword occurs in first (the first-named cause), then the rule order (which of two causes named
    together comes first, e.g. 单位新成立，人员变动: the founding, policy_or_system), where a rule's
    ``before`` may put it ahead of a category named in its clause (R4: 根据…口径调整缴纳基数 is pay)."""
    t = _clean(text)
    breaks = [m.start() for m in CLAUSE_BREAK.finditer(t)]
    items = list_items(t)
    fired: list[tuple[KeywordRule, int, int, float]] = []
    for n, rule in enumerate(rules or load_rules()):
        if not rule.applies(direction, basis):
            continue
        found = [p for k in rule.keywords if (p := first_position(k, t)) is not None]
        if found:
            at = min(found)
            fired.append((rule, bisect_left(breaks, at), bisect_right(items, at), float(n)))
    ranked = []
    for rule, clause, item, order in fired:
        # a rule named ``before`` another named in the same clause takes its place (R4)
        rank = min([order] + [o - 0.5 for r, c, _, o in fired if c == clause and r.category in rule.before])
        yields = rule.yields and any(not r.yields and i == item for r, _, i, _ in fired)
        ranked.append((yields, clause, rank, rule.category))
    return list(dict.fromkeys(c for *_, c in sorted(ranked)))


def keyword_match(text: str, rules: tuple[KeywordRule, ...] | None = None, direction: str | None = None,
                  basis: str | None = None) -> str | None:
    """The category of the first-ranked rule with a keyword in ``text`` (``keyword_hits``); None
    when no rule matches. (A rule may itself say ``other``: ``保持不变`` restates a change.)"""
    hits = keyword_hits(text, rules, direction, basis)
    return hits[0] if hits else None


def keyword_category(text: str, rules: tuple[KeywordRule, ...] | None = None, direction: str | None = None,
                     basis: str | None = None) -> str:
    """The keyword baseline: the first-ranked rule's category; ``other`` when none matches."""
    if is_empty_reason(text):
        return OTHER
    return keyword_match(text, rules, direction, basis) or OTHER


def predict_keywords(texts: list[str]) -> list[str]:
    return [keyword_category(t) for t in texts]
