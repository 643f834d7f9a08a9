"""Searches of one sentence repeated at many places, answered without reading the sentence again each time.

A sentence holding thousands of reason lead-ins (``支出增加1万元，主要原因是人员增加，`` × 5,000) asked,
before each lead-in, whether the words just before it state a change (…增加较多，主要原因是) by searching
the whole text before it: quadratic in the sentence's length. Those patterns end where the text they
are given ends (``…的\\s*$``), so a match can hold no more characters than the pattern's longest match,
leaving the trailing spaces aside: ``Tails.search`` reads from there (the width is worked out from the
pattern in patterns/claim_frames.json, never written down twice). ``Tails.first`` answers "the first
match from here" from matches found once, for the patterns where that is exact.
"""

from __future__ import annotations

import re

try:  # the standard library's own parser gives a pattern's widest match; it is private, so guarded
    import re._parser as sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - a Python without it: every search is the plain one
    sre_parse = None
from bisect import bisect_left, bisect_right
from functools import cache

import regex

from .lexicon import Frame

#: A width past this is no bound (an unbounded repeat: ``(?:收入|支出)*``).
UNBOUNDED = 1 << 16
SOLID = regex.compile(r"\S")
TRAILING_SPACE = r"\s*"


def max_width(pattern: str) -> int | None:
    r"""The most characters a match of ``pattern`` holds; None when unbounded, or when the standard
    library's parser cannot read it (regex-only syntax such as ``\p{Han}``, or a Python without it)."""
    if sre_parse is None:
        return None
    try:
        width = sre_parse.parse(pattern).getwidth()[1]
    except (re.error, ValueError, TypeError, OverflowError):
        return None
    return width if width < UNBOUNDED else None


@cache
def tail_width(pattern: str) -> int | None:
    r"""The most characters other than the ``\s*`` runs a match of ``pattern`` holds, when every match of it
    ends where the searched text ends (a top-level ``$``); None when not, or when unbounded."""
    if regex.search(r"\[[^\]]*\\s", pattern):  # a \s inside a class: the runs could not be told apart
        return None
    if sre_parse is None:
        return None
    try:
        whole = sre_parse.parse(pattern)
    except (re.error, ValueError, TypeError, OverflowError):  # regex-only syntax (\p{Han} …): no bound
        return None
    if not len(whole) or whole[-1] != (sre_parse.AT, sre_parse.AT_END):
        return None
    return max_width(pattern.replace(TRAILING_SPACE, ""))


class Tails:
    """One sentence's non-space characters and the matches of some patterns, found once."""

    def __init__(self, text: str):
        self.text = text
        self.solid = [m.start() for m in SOLID.finditer(text)]
        self._found: dict[str, tuple[list[int], list[regex.Match[str]]]] = {}
        self._stops: list[int] | None = None
        self._ending: dict[tuple[str, int], regex.Match[str] | None] = {}

    def search(self, frame: Frame, end: int, begin: int = 0) -> regex.Match[str] | None:
        """``frame.search(text, begin, end)`` for a pattern anchored at its end, read from the first
        character a match can hold: a match holds at most ``tail_width`` non-space characters."""
        width = tail_width(frame.pattern.pattern)
        if width is None:
            return frame.search(self.text, begin, end)
        k = bisect_left(self.solid, end) - width  # the last ``width`` non-space characters before ``end``
        low = self.solid[k - 1] + 1 if k > 0 else 0
        return frame.search(self.text, max(begin, low), end)

    def _matches(self, frame: Frame) -> tuple[list[int], list[regex.Match[str]]]:
        """Every match of ``frame`` in the sentence and where each starts, found once."""
        if frame.name not in self._found:
            found = frame.finditer(self.text)
            self._found[frame.name] = ([m.start() for m in found], found)
        return self._found[frame.name]

    def first(self, frame: Frame, begin: int, end: int) -> regex.Match[str] | None:
        """``frame.search(text, begin, end)`` for a pattern whose matches each hold one character that
        opens it and none other of them (``[，,]…\\d`` with no ， inside), so that one pass finds every match
        and the shortest one at each start: the first match found once at or after ``begin``, if it
        ends by ``end``."""
        starts, found = self._matches(frame)
        i = bisect_left(starts, begin)
        return found[i] if i < len(found) and found[i].end() <= end else None

    def last_before(self, frame: Frame, begin: int, end: int) -> regex.Match[str] | None:
        """The last match in ``text[begin:end]`` of a pattern matching one character (``[；;]``), or None."""
        starts, found = self._matches(frame)
        i = bisect_right(starts, end - 1) - 1
        return found[i] if i >= 0 and starts[i] >= begin else None

    def last_stop(self, end: int) -> int:
        """Where the last ；, ; or 。 before ``end`` is (−1 if none)."""
        if self._stops is None:
            self._stops = [i for i, c in enumerate(self.text) if c in "；;。"]
        return self._stops[i] if (i := bisect_left(self._stops, end) - 1) >= 0 else -1

    def runs_into(self, frame: Frame, begin: int, end: int) -> regex.Match[str] | None:
        """``frame.search(text, begin, end)`` for a pattern anchored at its end, whatever its width: the
        first match ending at ``end`` is found once; the search from ``begin`` finds it too when it
        starts there or after, none when there is none (a match from ``begin`` is one from 0)."""
        key = (frame.name, end)
        if key not in self._ending:
            self._ending[key] = frame.search(self.text, 0, end)
        found = self._ending[key]
        if found is None or found.start() >= begin:
            return found
        return frame.search(self.text, begin, end)


def search_ending(frame: Frame, text: str, end: int, begin: int = 0,
                  tails: Tails | None = None) -> regex.Match[str] | None:
    """``frame.search(text, begin, end)``: by ``tails`` (``text``'s) when given, for a sentence searched
    at many places; plainly otherwise."""
    return tails.search(frame, end, begin) if tails is not None else frame.search(text, begin, end)


def single_character(frame: Frame) -> bool:
    """Whether every match of ``frame`` is one character with nothing looked at around it (``[；;]``)."""
    return regex.fullmatch(r"\[[^\]\[\\]+\]|[^\\\[\](){}.*+?|^$]", frame.pattern.pattern) is not None
