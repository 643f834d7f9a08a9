"""Narrative text lines → headings (Sections) and Paragraphs (``lines_to_paragraphs``).

Headings follow the numbering of these reports: 第X部分 (1), 一、(2), （一）(3), 1. / 1、(4),
（1）/(1)/⑴ (5). A paragraph is joined from the lines a page break or a PDF's line wrapping cut
apart: a text line continues the previous one unless the previous one ended its sentence, was a
bare heading, or the new line starts a heading (in a PDF also: the previous line stopped short of
the right margin, or the new line is indented).
"""

from __future__ import annotations

import regex

from ..model import Paragraph, RawDocument, Section, TextLine

CN_NUM = "一二三四五六七八九十百"
HEADING_LEVELS: list[tuple[int, regex.Pattern]] = [
    (1, regex.compile(rf"^第[{CN_NUM}\d]+部分")),
    (2, regex.compile(rf"^[{CN_NUM}]+\s*[、.．]")),
    (3, regex.compile(rf"^[（(]\s*[{CN_NUM}]+\s*[）)]")),
    (4, regex.compile(r"^\d{1,2}\s*(?:[、．]|\.(?!\d))")),
    (5, regex.compile(r"^(?:[（(]\s*\d{1,2}\s*[）)]|[⑴-⒇①-⑳])")),
]
TERMINAL = "。！？；;!?：:"
STATEMENT_END = ("。", "；", ";")
COLON = "：:"
ITEM_LEVEL = regex.compile(r"[（(][类款项][）)]")
LIST_INTRO = regex.compile(r"(?:其中|包括|如下)\s*[：:]$")  # each item of the list is a line of its own
UNBREAKABLE = regex.compile(r"[0-9A-Za-z.,%％]{2,}")  # a figure or Latin word a line cannot break inside
TOC_LINE = regex.compile(r"…{2,}|\.{6,}|·{6,}|^-\s+\S")
TITLE_END = regex.compile(r"[，,。：:；;]")
FIGURE_CAPTION = regex.compile(r"^[（(]?图\s*\d+[：:]")
FIGURE_WITH_UNIT = regex.compile(r"\d[\d,.]*\s*(?:万元|元|%)")  # a stated figure: no title or heading holds one
# 某学校2023年单位预算 / 2023年广东省财政厅…“三公”经费支出决算情况说明: a report or section title on a
# line of its own (text reports have no font size to tell it); the next line never continues it,
# unless it plainly goes on with the sentence (…支出决算 / 为 5,076.95 万元 wrapped in an export)
REPORT_TITLE = regex.compile(r"^[^，,。：:；;!?！？]{4,60}(?:预算|决算|情况说明|编制说明|公开)$")
CONTINUATION_START = regex.compile(r"^[为是数的和及与等、，,。%％万元]")


def heading_level(text: str) -> int | None:
    for level, pattern in HEADING_LEVELS:
        if pattern.match(text):
            return level
    return None


def is_bare_heading(text: str) -> bool:
    """A heading line with no statement of its own (一、收入支出决算总体情况说明). A numbered line
    that ends its sentence (1.压减公用经费。) is a statement: a list item, kept as a paragraph."""
    return (heading_level(text) is not None and len(text) <= 40 and not text.endswith(STATEMENT_END)
            and not FIGURE_WITH_UNIT.search(text) and not unclosed(text))


def unclosed(text: str) -> bool:
    """The first line of an item, not a heading: a quote or bracket opened and not closed
    (3．“教育支出（类）其他教育支出（款）其他教育支出), or a function path begun
    (7.卫生健康支出（类）行政事业单位医疗（款）行政单 — section titles never name a 类/款/项)."""
    return (text.count("“") > text.count("”") or text.count("（") + text.count("(") > text.count("）") + text.count(")")
            or ITEM_LEVEL.search(text) is not None)


def heading_title(text: str) -> str:
    m = TITLE_END.search(text)
    title = text[: m.start()] if m and m.start() > 2 else text
    return title.strip()[:60]


def continues(prev: TextLine, line: TextLine, right_edge: float | None) -> bool:
    """Whether ``line`` continues the paragraph that ``prev`` ends."""
    if heading_level(line.text) is not None or prev.alone or line.alone:
        return False
    if prev.loc.bbox is not None and line.loc.bbox is not None and right_edge is not None:
        char = max(6.0, (prev.loc.bbox[3] - prev.loc.bbox[1]))
        # The line wrapped when the next line's first word would not have fitted after it: one
        # Chinese character, or a whole figure (…比2022年预算执行数增加 / 60.54%。 wraps 24pt early).
        word = UNBREAKABLE.match(line.text)
        first_width = len(word.group(0)) * char * 0.55 if word else char
        wrapped = prev.loc.bbox[2] + first_width >= right_edge - 0.5 * char
        if word and prev.text[-1:] in TERMINAL:
            wrapped = prev.loc.bbox[2] >= right_edge - 1.5 * char
        return wrapped and line.loc.page in (prev.loc.page, (prev.loc.page or 0) + 1)
    if (prev.text[-1:] in COLON and heading_level(prev.text) is None and regex.match(r"\p{Han}", line.text)
            and not LIST_INTRO.search(prev.text)):
        return True  # 主要用于： then what it is used for (a heading, a list item or a list's lines never join)
    if prev.text[-1:] in TERMINAL:
        return False
    if REPORT_TITLE.match(prev.text) and not FIGURE_WITH_UNIT.search(prev.text) and not CONTINUATION_START.match(line.text):
        return False
    return not (is_bare_heading(prev.text) and len(prev.text) <= 25)


#: On a page with fewer running-text lines than this, full lines end where the longest does: with
#: two lines (a paragraph's last two, above a table) the percentile would be the short last line.
MIN_EDGE_LINES = 5


def right_edges(lines: list[TextLine]) -> dict[int, float]:
    """Per PDF page, where full lines end (the 90th percentile of line ends)."""
    ends: dict[int, list[float]] = {}
    for line in lines:
        if line.loc.bbox is not None and line.loc.page is not None:
            ends.setdefault(line.loc.page, []).append(line.loc.bbox[2])
    return {p: sorted(v)[int(0.9 * (len(v) - 1))] if len(v) >= MIN_EDGE_LINES else max(v)
            for p, v in ends.items()}


def lines_to_paragraphs(raw: RawDocument, skip: set[int]) -> tuple[list[Section], list[Paragraph]]:
    lines = [
        item
        for i, item in enumerate(raw.items)
        if isinstance(item, TextLine) and i not in skip and not TOC_LINE.search(item.text)
        and not FIGURE_CAPTION.match(item.text)
    ]
    edges = right_edges(lines)
    sections: list[Section] = []
    stack: list[Section] = []
    paragraphs: list[Paragraph] = []
    current: Paragraph | None = None
    prev: TextLine | None = None
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if current is not None and prev is not None and continues(prev, line, edges.get(prev.loc.page or -1)):
            current.anchors.append((len(current.text), line.loc))
            current.text += text
            prev = line
            continue
        level = heading_level(text)
        if level is not None:
            while stack and stack[-1].level >= level:
                stack.pop()
            path = tuple(s.title for s in stack) + (heading_title(text),)
            section = Section(title=heading_title(text), level=level, loc=line.loc, path=path)
            sections.append(section)
            stack.append(section)
        current = Paragraph(text=text, anchors=[(0, line.loc)], section=tuple(s.title for s in stack))
        paragraphs.append(current)
        prev = line
    return sections, [p for p in paragraphs if not is_bare_heading(p.text)]

