"""Which figures found in the prose are the report's numbers, judged by what surrounds them.

``numbers.find_numbers`` matches every figure-like run; ``kept_in_context`` drops the runs that are
codes, footnote marks, ordinals, titles, dates, list and heading numbers, or counts written in
Chinese numerals (两个全覆盖, 一次性), each rule with its example.
"""

from __future__ import annotations

import regex

from .numbers_cn import Lexicon

_LATIN = regex.compile(r"[A-Za-z_\uff21-\uff3a\uff41-\uff5a]")
_LIST_START = regex.compile(r"(?:^|[\n\r])[ \t]*(?:[（(][^）)]{0,4}[）)][ \t]*)?$")
_HEADING_TEXT = regex.compile(r"[ \t]*\p{Han}")
_HEADING_NUMBER = regex.compile(r"[0-9]{1,2}\.[0-9]{1,2}")
_DATE_LIKE = regex.compile(r"(?:19|20)[0-9]{2}\.(?:0?[1-9]|1[0-2])")


def kept_in_context(norm, start, cs, ce, end, kind, m, lex: Lexicon, title, prev_end, timeout) -> bool:
    """Is the figure matched at ``norm[start:end]`` (its digits ``norm[cs:ce]``, of ``kind``) one of the
    report's numbers, read in its context? Not a code glued to letters or digits, a footnote mark,
    an ordinal, a figure inside a title (``title``: the 《…》 or quote span opened last before it), a
    date, a list or heading number, or a count in Chinese numerals."""
    before = norm[start - 1] if start > 0 else ""
    after = norm[ce] if ce < len(norm) else ""
    core = norm[cs:ce]
    chinese = m.group("pp") is not None or lex.written_in_chinese(core)
    # codes: digits touching Latin letters (13102824P002629102152, A3, _Toc6242) or other digits
    if before and (_LATIN.match(before, timeout=timeout) or before in ".0123456789"):
        return False
    if (
        kind == "bare"
        and after
        and (_LATIN.match(after, timeout=timeout) or after == "." and norm[ce + 1 : ce + 2].isdigit())
    ):
        return False
    # a digit glued to the unit word of the previous figure: 3541.07万元2 (a footnote mark)
    if start == prev_end and not chinese:
        return False
    # ordinals: 第3批, 第 12 个
    head = norm[max(0, start - 4) : start].rstrip(" ")
    if any(head.endswith(p) for p in lex.ordinal_prefixes):
        return False
    # inside a title 《…》: never; inside quotes: only with a unit
    if title is not None and end < title[1] + 1 and (title[2] or kind == "bare"):
        return False
    if kind == "bare":
        # temporal: 2024年, 12 月, 9日, 28号 (years and dates are never amounts)
        rest = norm[ce : ce + 6].lstrip(" ")
        if any(rest.startswith(t) for t in lex.temporal_suffixes):
            return False
        if chinese:
            return any(c in lex.scales for c in core)  # 三千五百万, 二十万亿 — not 一般, 三公, 十四五
        plain = regex.fullmatch(r"-?[0-9]+", core, timeout=timeout) is not None
        if plain:  # codes, list numbers, footnotes, phone and document numbers
            return False
        if lex.has_scale(core):
            return True
        if _DATE_LIKE.fullmatch(core, timeout=timeout):
            return False
        if before and after and before in "(（" and after in ")）":  # (3.1)
            return False
        # 3.1 项目概况: a heading number at the head of an item
        return not (
            _HEADING_NUMBER.fullmatch(core, timeout=timeout)
            and _LIST_START.search(norm[:start], timeout=timeout)
            and _HEADING_TEXT.match(norm, ce, timeout=timeout)
        )
    # 两个全覆盖, 一次性, 一台: counts written in Chinese numerals are not claims we read
    return not chinese or kind in ("money", "percent", "percent_point")
