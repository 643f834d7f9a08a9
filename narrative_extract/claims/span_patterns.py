"""Subject terms and scope keywords as spaCy SpanRuler patterns (patterns/subject_patterns.jsonl).

One JSON object per line, as spaCy's own pattern files: ``{"label": "TERM", "pattern": "收入总计"}``
for a budget term the prose names figures by, ``{"label": "SCOPE", "pattern": "一般公共预算财政拨款",
"id": "general_budget"}`` for a word that sets the fund scope. ``pattern`` is a phrase (string) or
a token pattern (list of dicts). Every line is checked on load — label, id, pattern shape — and
token patterns again by spaCy (``validate=True``), so a bad edit fails at once with its line number.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from ..patterns import pattern_path

LABELS = ("TERM", "SCOPE")
SCOPES = ("all_funds", "fiscal", "general_budget", "gov_fund", "state_capital", "three_public")


@dataclass(frozen=True)
class SpanPatterns:
    terms: tuple[str, ...]  # phrase patterns labelled TERM
    token_patterns: tuple[dict, ...]  # TERM patterns given as token lists
    scope_keywords: tuple[tuple[str, str], ...]  # (keyword, scope id)


@lru_cache(maxsize=1)
def span_patterns() -> SpanPatterns:
    path = pattern_path("subject_patterns.jsonl")
    terms, tokens, scopes = [], [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as err:
            raise ValueError(f"{path}:{number}: not JSON: {err.msg}") from None
        problem = pattern_problem(entry)
        if problem:
            raise ValueError(f"{path}:{number}: {problem}")
        if entry["label"] == "SCOPE":
            scopes.append((entry["pattern"], entry["id"]))
        elif isinstance(entry["pattern"], str):
            terms.append(entry["pattern"])
        else:
            tokens.append(entry)
    return SpanPatterns(tuple(terms), tuple(tokens), tuple(scopes))


def pattern_problem(entry: object) -> str | None:
    """What is wrong with one pattern line, or None."""
    if not isinstance(entry, dict):
        return "a pattern line must be a JSON object"
    if entry.get("label") not in LABELS:
        return f"label must be one of {LABELS}, not {entry.get('label')!r}"
    pattern = entry.get("pattern")
    if isinstance(pattern, str):
        if not pattern.strip():
            return "empty phrase pattern"
    elif not (isinstance(pattern, list) and pattern and all(isinstance(t, dict) and t for t in pattern)):
        return "pattern must be a phrase or a non-empty list of token dicts"
    if entry["label"] == "SCOPE":
        if not isinstance(pattern, str):
            return "a SCOPE pattern must be a phrase"
        if entry.get("id") not in SCOPES:
            return f"a SCOPE pattern needs an id among {SCOPES}"
    return None


class TermMatcher:
    """Finds budget terms in text: the TERM patterns plus a document's own table row names.

    A spaCy SpanRuler over ``spacy.blank("zh")`` with the jieba segmenter; each term also goes into
    jieba's user dictionary so that it is segmented as one token and the phrase can match.
    """

    def __init__(self, extra_terms: list[str]):
        import jieba
        from spacy.pipeline import SpanRuler

        from .lexicon import nlp

        self.nlp = nlp()
        patterns = span_patterns()
        terms = sorted(set(patterns.terms) | {t for t in extra_terms if 2 <= len(t) <= 30})
        for term in terms:
            jieba.add_word(term, freq=200_000)
        self.ruler = SpanRuler(self.nlp, name="budget_terms", spans_key="terms", validate=True, overwrite=True)
        self.ruler.add_patterns([{"label": "TERM", "pattern": t} for t in terms] + list(patterns.token_patterns))

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, term) character spans, longest first where they overlap."""
        from spacy.util import filter_spans

        doc = self.ruler(self.nlp.make_doc(text))
        return [(s.start_char, s.end_char, s.text) for s in filter_spans(doc.spans["terms"])]
