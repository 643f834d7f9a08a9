"""Keyword baseline for variance-reason categories (lexicon in ``patterns/reason_keywords.json``).

The rules are tried in order and the first one whose keyword occurs in the reason wins; a reason
that matches nothing is ``other``. The baseline is the yardstick for the learned model
(``bench/eval_reasons.py``) and supplies the model's keyword features.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..patterns import PATTERNS_DIR
from .categories import CATEGORY_IDS, OTHER, is_empty_reason

KEYWORDS_PATH = PATTERNS_DIR / "reason_keywords.json"

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class KeywordRule:
    category: str
    keywords: tuple[str, ...]


def _clean(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text or ""))


@cache
def load_rules(path: str | None = None) -> tuple[KeywordRule, ...]:
    data = json.loads(Path(path or KEYWORDS_PATH).read_text(encoding="utf-8"))
    rules = []
    for r in data["rules"]:
        if r["category"] not in CATEGORY_IDS:
            raise ValueError(f"{path or KEYWORDS_PATH}: unknown category {r['category']!r}")
        rules.append(KeywordRule(r["category"], tuple(_clean(k) for k in r["keywords"])))
    return tuple(rules)


def lexicon_read_batches(path: str | None = None) -> frozenset[str]:
    """Label batches whose reasons had been read when the lexicon was last edited (``read_batches``)."""
    data = json.loads(Path(path or KEYWORDS_PATH).read_text(encoding="utf-8"))
    return frozenset(data.get("read_batches", ()))


def keyword_match(text: str, rules: tuple[KeywordRule, ...] | None = None) -> str | None:
    """The category of the first rule with a keyword in ``text``; None when no rule matches.

    (A rule may itself say ``other``: ``保持不变`` restates a change and gives no reason.)
    """
    t = _clean(text)
    for rule in rules or load_rules():
        if any(k in t for k in rule.keywords):
            return rule.category
    return None


def keyword_category(text: str, rules: tuple[KeywordRule, ...] | None = None) -> str:
    """The keyword baseline: the first matching rule's category; ``other`` when none matches."""
    if is_empty_reason(text):
        return OTHER
    return keyword_match(text, rules) or OTHER


def keyword_hits(text: str, rules: tuple[KeywordRule, ...] | None = None) -> list[str]:
    """Every category with at least one keyword in ``text`` (rule order), for use as features."""
    t = _clean(text)
    return [rule.category for rule in rules or load_rules() if any(k in t for k in rule.keywords)]


def predict_keywords(texts: list[str]) -> list[str]:
    return [keyword_category(t) for t in texts]
