"""Reasons of a self-evaluation form printed as text lines (a web page or a Word file saved as text, one
cell per line): a line that is a performance reason label (``偏差原因分析`` / ``未完成原因`` /
``偏差原因分析及改进措施``, frame ``performance_cell_label``) followed by its text on the same line
(``偏差原因分析 受汛期影响，工程进度滞后``) or on the next (the label alone on its line). The lines of such a
form join into one paragraph with nothing between the cells (``…偏差原因分析受汛期影响，工程进度滞后改进措施加快…``),
so the reason is the text of that one line: it ends where the next line (the next cell: 改进措施, 得分 …)
begins. A line that is another label, a no-reason word (无 / /) or a figure gives none.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..model import Claim, Sentence
from .lexicon import claim_frames
from .reasons import clean_reason, reason_claim

_FIGURE_CELL = re.compile(r"\s*[\d.,%％/／]+\s*(?:分|万元|元|个|人|次|项)?\s*")
_NO_REASON = frozenset({"无", "/", "／", "-", "—", "不适用", "无偏差"})


def cell_reasons(sentence: Sentence, claims: list[Claim]) -> list[Claim]:
    """The reasons of ``sentence`` given in the cell after a performance reason label at the start of one
    of its lines; ``claims``: the sentence's claims so far."""
    frames = claim_frames()
    text = sentence.text
    try:
        if frames["performance_cell_label"].search(text) is None:
            return []
    except TimeoutError:
        return []
    lines = _line_starts(sentence)
    if len(lines) < 2:
        return []
    out: list[Claim] = []
    for i, at in enumerate(lines):
        end = lines[i + 1] if i + 1 < len(lines) else len(text)
        try:
            label = frames["performance_cell_label"].match(text, at, end)
        except TimeoutError:
            continue
        if label is None or (out and at < out[-1].start + len(out[-1].text or "")):
            continue
        start = label.end()
        if not text[start:end].strip():  # the label alone on its line: the text is on the next line
            if i + 1 >= len(lines):
                continue
            start = lines[i + 1]
        bounds = [*lines, len(text)]
        first = bisect_right(lines, start)
        stop = next((lines[k] for k in range(first, len(lines)) if _ends_cell(text[lines[k]: bounds[k + 1]])),
                    len(text))
        start += len(text[start:stop]) - len(text[start:stop].lstrip())
        cause = clean_reason(text[start:stop].split("。")[0])
        if not cause or cause in _NO_REASON or _ends_cell(cause):
            continue
        out.append(reason_claim(sentence, start, cause, "performance", None))
    return out


def _line_starts(sentence: Sentence, upto: int | None = None, last: int | None = None) -> list[int]:
    """Where the sentence's input lines start, as offsets in the sentence (0 first), before ``upto``;
    only the ``last`` of them when given."""
    anchors = sentence.paragraph.anchors
    end = sentence.start + (len(sentence.text) if upto is None else upto)
    lo = bisect_right(anchors, sentence.start, key=_offset)
    hi = bisect_left(anchors, end, key=_offset)
    if last is not None and hi - lo >= last:
        return [anchors[i][0] - sentence.start for i in range(hi - last, hi)]
    return [0, *(anchors[i][0] - sentence.start for i in range(lo, hi))]


def _offset(anchor: tuple[int, object]) -> int:
    return anchor[0]


def _ends_cell(line: str) -> bool:
    """A line that is another cell, not the reason going on: a label (改进措施 / 得分 / 偏差原因分析) or a
    figure alone (8 / 95.00% / 10分)."""
    frames = claim_frames()
    try:
        return bool(_FIGURE_CELL.fullmatch(line) or frames["performance_cell_label"].match(line)
                    or frames["performance_cell_end"].match(line))
    except TimeoutError:
        return True


def cell_label_start(sentence: Sentence, offset: int) -> int | None:
    """Where the label line of a form's cell reason starting at ``offset`` starts (its item is not read
    from the cells before it, joined with it: 部分资金未支付改进措施加快工程进度未完成原因：…); None when the
    reason at ``offset`` is no cell's."""
    lines = _line_starts(sentence, offset, 2)  # the reason's line and the one before it
    frames = claim_frames()
    for at in reversed([a for a in lines if a < offset]):
        try:
            label = frames["performance_cell_label"].match(sentence.text, at, offset)
        except TimeoutError:
            return None
        if label is not None and not sentence.text[label.end(): offset].strip(" \t\u3000\n"):
            return at
        if at < offset - 1:
            break  # (the label is on the reason's line or alone on the line before it)
    return None
