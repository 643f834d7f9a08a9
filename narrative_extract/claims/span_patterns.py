"""Subject terms and scope keywords as spaCy SpanRuler patterns (patterns/subject_patterns.jsonl).

One JSON object per line, as spaCy's own pattern files: ``{"label": "TERM", "pattern": "收入总计"}``
for a budget term the prose names figures by, ``{"label": "SCOPE", "pattern": "一般公共预算财政拨款",
"id": "general_budget"}`` for a word that sets the fund scope. ``pattern`` is a phrase (string) or
a token pattern (list of dicts). Every line is checked on load — label, id, pattern shape — and
token patterns again by spaCy (``validate=True``), so a bad edit fails at once with its line number.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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
    """The shipped patterns (``patterns/subject_patterns.jsonl``), read once per process."""
    return load_span_patterns(pattern_path("subject_patterns.jsonl"))


def load_span_patterns(path: Path) -> SpanPatterns:
    """The patterns of ``path``, every line checked (``pattern_problem``); never cached, so that
    reading another file (a test's) cannot leave its patterns in the pipeline built from them."""
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


_ABSENT = object()
#: a term's frequency in jieba's dictionary: high enough that it is always cut as one word
TERM_FREQ = 200_000


@contextmanager
def jieba_words(words: Iterable[str]) -> Iterator[None]:
    """``words`` in jieba's dictionary for the duration, and jieba exactly as it was after.

    jieba segments with one process-wide dictionary; a document's own row names must be words
    while that document is read (so a name is one token and its phrase can match) and must not
    stay for the next document, whose segmentation would then depend on what ran before. Every
    entry ``add_word`` touches (the word, its prefixes) and the total frequency are restored.
    """
    import jieba

    dt = jieba.dt
    dt.check_initialized()
    total = dt.total
    saved: dict[str, object] = {}
    for word in words:
        for end in range(1, len(word) + 1):
            saved.setdefault(word[:end], dt.FREQ.get(word[:end], _ABSENT))
        dt.add_word(word, freq=TERM_FREQ)
    try:
        yield
    finally:
        for frag, old in saved.items():
            if old is _ABSENT:
                dt.FREQ.pop(frag, None)
            else:
                dt.FREQ[frag] = old
        dt.total = total


class TermMatcher:
    """Finds budget terms in text: the TERM patterns plus a document's own table row names.

    A spaCy SpanRuler over ``spacy.blank("zh")`` with the jieba segmenter. The lexicon's terms are
    in jieba's dictionary from the pipeline's load on (claims.lexicon.nlp); a document's own row
    names are words only inside ``words()``, which the reading of that document runs in.
    """

    def __init__(self, extra_terms: list[str], patterns: SpanPatterns | None = None):
        from spacy.pipeline import SpanRuler

        from .lexicon import nlp

        self.nlp = nlp()
        patterns = patterns or span_patterns()
        terms = sorted(set(patterns.terms) | {t for t in extra_terms if 2 <= len(t) <= 30})
        self.own_terms = [t for t in terms if t not in set(patterns.terms)]
        self.ruler = SpanRuler(self.nlp, name="budget_terms", spans_key="terms", validate=True, overwrite=True)
        self.ruler.add_patterns([{"label": "TERM", "pattern": t} for t in terms] + list(patterns.token_patterns))

    def words(self) -> AbstractContextManager[None]:
        """The document's own terms as jieba words, for as long as the document is read."""
        return jieba_words(self.own_terms)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, term) character spans, longest first where they overlap."""
        from spacy.util import filter_spans

        doc = self.ruler(self.nlp.make_doc(text))
        return [(s.start_char, s.end_char, s.text) for s in filter_spans(doc.spans["terms"])]
