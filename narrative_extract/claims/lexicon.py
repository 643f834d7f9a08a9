"""Language data for claims (patterns/subjects.json, patterns/claim_frames.json) and the spaCy pipeline.

The pipeline is ``spacy.blank("zh")`` with the jieba segmenter. Budget terms — the lexicon's and
each document's own table row names — go into jieba's user dictionary so that a term such as
一般公共预算财政拨款基本支出 stays one token, and into a SpanRuler (span_patterns.py) that finds subject mentions.
spaCy and jieba load lazily on first use: ``tables`` and ``text`` never pay for them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..patterns import pattern_path
from ..settings import DEFAULT_SETTINGS
from .span_patterns import TERM_FREQ, span_patterns


@dataclass(frozen=True)
class SubjectLexicon:
    terms: tuple[str, ...]  # from subject_patterns.jsonl (TERM phrases)
    aliases: dict[str, str]
    strip_prefix: regex.Pattern
    strip_suffix: regex.Pattern
    generic: frozenset[str]
    scope_keywords: tuple[tuple[str, str], ...]  # from subject_patterns.jsonl (SCOPE)
    three_public_items: frozenset[str]
    all_funds_items: frozenset[str]  # 事业收入, 其他收入 …: never 财政拨款 money
    organization_total: regex.Pattern  # <unit name>收入/支出: the unit's whole income or spending


@lru_cache(maxsize=1)
def subject_lexicon() -> SubjectLexicon:
    path = pattern_path("subjects.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    spans = span_patterns()
    try:
        return SubjectLexicon(
            terms=spans.terms,
            aliases=dict(data["aliases"]),
            strip_prefix=regex.compile(data["strip_prefix"]),
            strip_suffix=regex.compile(data["strip_suffix"]),
            generic=frozenset(data["generic"]),
            scope_keywords=spans.scope_keywords,
            three_public_items=frozenset(data["three_public_items"]),
            all_funds_items=frozenset(data["all_funds_items"]),
            organization_total=regex.compile(data["organization_total"]),
        )
    except (KeyError, ValueError, regex.error) as err:
        raise ValueError(f"{path}: invalid subject lexicon: {err}") from None


class Frame:
    """A compiled cue pattern whose every match runs under a timeout.

    Prose comes from untrusted files; a pathological sentence must cost at most
    ``Settings.regex_timeout`` seconds per match instead of hanging a batch.
    """

    def __init__(self, name: str, pattern: str, timeout: float):
        self.name = name
        self.pattern = regex.compile(pattern)
        self.timeout = timeout

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        return self.pattern.search(text, pos, endpos, timeout=self.timeout)

    def cue(self, text: str) -> bool:
        """Whether a paragraph shows this cue; a search over its time limit counts as no cue (the
        sentences it concerns are read, each under its own limit, and cost themselves)."""
        try:
            return self.pattern.search(text, timeout=self.timeout) is not None
        except TimeoutError:
            return False

    def match(self, text: str, pos: int = 0, endpos: int | None = None):
        return self.pattern.match(text, pos, endpos, timeout=self.timeout)

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None):
        return self.pattern.fullmatch(text, pos, endpos, timeout=self.timeout)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> list[regex.Match[str]]:
        """Every match, found before the caller sees the first one.

        regex's timeout clock is the process's CPU time from the first step of the scan, so a lazy
        iterator would also charge the caller's loop body (spaCy and jieba loading on first use) to
        the pattern: one sentence would time out or not depending on what ran before it. Reading
        all matches here charges the timeout with the regex work only."""
        return list(self.pattern.finditer(text, pos, endpos, timeout=self.timeout))


@lru_cache(maxsize=1)
def claim_frames() -> dict[str, Frame]:
    path = pattern_path("claim_frames.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    timeout = DEFAULT_SETTINGS.regex_timeout
    frames = {}
    for key, value in data.items():
        if key.startswith("_"):
            continue
        try:
            frames[key] = Frame(key, value, timeout)
        except regex.error as err:
            raise ValueError(f"{path}: frame {key!r}: {err}") from None
    return frames


@lru_cache(maxsize=1)
def nlp():
    """spaCy blank Chinese pipeline segmenting with jieba (loaded once, lazily)."""
    import jieba
    import spacy

    jieba.setLogLevel(60)  # jieba prints its dictionary loading on stderr otherwise
    pipeline = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    for term in subject_lexicon().terms:
        jieba.add_word(term, freq=TERM_FREQ)
    return pipeline
