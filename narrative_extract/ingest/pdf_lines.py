"""Characters -> visual lines -> text, from pdfplumber char dicts.

Two decisions are made here from the geometry of the characters, not from the extracted string:

* **Which line a character belongs to.** Runs of characters that share a box (same ``top`` and
  ``bottom``) are taken largest first; each run joins the line whose *seed band* (the box of the
  run that founded the line, widened by ``Settings.line_band_tolerance``) contains its vertical
  middle, else it founds a new line. The band does not grow as runs join, so lines cannot creep
  into each other in dense tables, while digits set in another font a few points below the
  Chinese text (Times New Roman inside FangSong) stay in their line.
* **Whether a gap is a space.** Gaps no wider than ``Settings.word_gap`` are never spaces
  (this removes the artefacts of justified text and of letter-spaced numbers such as
  ``1 0, 8 9 2 . 9 6``). A wider gap between two Latin/digit characters is a space, as is a space
  glyph between them unless both are part of a number (digits, ``,``, ``.``). A gap next to a
  CJK character is a space only when it is wide enough to separate two blocks on the line
  (``CJK_BLOCK_GAP`` ems: ``编制部门：… 单位：元``,
  ``第一部分 上海市…``); letter-spaced titles (``目 录``, ``收 入 总 计``) and the half-width space
  that word processors put between Chinese and digits (``2024 年度``) are removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: A gap next to a CJK character separates two blocks of text when it is at least this many ems.
CJK_BLOCK_GAP = 1.5

Char = dict  # a pdfplumber char: text, x0, x1, top, bottom, size, fontname, ...


def is_cjk(ch: str) -> bool:
    """CJK ideographs and the punctuation used with them (full-width forms, Chinese quotes)."""
    o = ord(ch)
    return (
        0x2E80 <= o <= 0x9FFF  # radicals, CJK symbols & punctuation, kana, ideographs
        or 0xF900 <= o <= 0xFAFF  # compatibility ideographs
        or 0xFE30 <= o <= 0xFE4F  # CJK compatibility forms
        or 0xFF00 <= o <= 0xFFEF  # full-width forms
        or 0x2010 <= o <= 0x2027  # dashes, quotes “ ” ‘ ’, ellipsis used in Chinese text
        or 0x20000 <= o <= 0x3FFFF
    )


def _is_numeric(ch: str) -> bool:
    return ch.isdigit() or ch in ",."


def _is_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


@dataclass
class Line:
    """A visual line: its characters left to right (space glyphs excluded) and their box."""

    chars: list[Char]
    spaces: list[Char]  # space glyphs that fell in the line's band
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.x0, self.top, self.x1, self.bottom)

    def text(self, word_gap: float) -> str:
        return chars_text(self.chars, word_gap, self.spaces)


def _mid(c: Char) -> float:
    return (c["top"] + c["bottom"]) / 2


def cluster_lines(chars: list[Char], tolerance: float) -> list[Line]:
    """Group ``chars`` into visual lines (top to bottom), each sorted left to right."""
    runs: dict[tuple[float, float], list[Char]] = {}
    blanks: list[Char] = []
    for c in chars:
        if not c["text"].strip():
            blanks.append(c)
            continue
        runs.setdefault((round(c["top"], 1), round(c["bottom"], 1)), []).append(c)

    # seeds: (band_top, band_bottom, members)
    seeds: list[tuple[float, float, list[Char]]] = []
    for (top, bottom), members in sorted(runs.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        mid = (top + bottom) / 2
        best = None
        for i, (st, sb, _) in enumerate(seeds):
            if st - tolerance <= mid <= sb + tolerance:
                dist = abs(mid - (st + sb) / 2)
                if best is None or dist < best[0]:
                    best = (dist, i)
        if best is None:
            seeds.append((top, bottom, list(members)))
        else:
            seeds[best[1]][2].extend(members)

    lines = []
    for st, sb, members in sorted(seeds, key=lambda s: (s[0], s[1])):
        members.sort(key=lambda c: (c["x0"], c["top"]))
        spaces = [b for b in blanks if st - tolerance <= _mid(b) <= sb + tolerance]
        lines.append(
            Line(
                chars=members,
                spaces=spaces,
                x0=min(c["x0"] for c in members),
                top=min(c["top"] for c in members),
                x1=max(c["x1"] for c in members),
                bottom=max(c["bottom"] for c in members),
            )
        )
    return lines


def is_space(a: Char, b: Char, word_gap: float, spaces: Sequence[Char] = ()) -> bool:
    """Does the gap between consecutive characters ``a`` and ``b`` of one line print a space?"""
    gap = b["x0"] - a["x1"]
    la, lb = a["text"][-1], b["text"][0]
    if is_cjk(la) or is_cjk(lb):
        em = max(a["size"], b["size"], 1.0)
        return gap >= CJK_BLOCK_GAP * em
    if gap > word_gap:
        return True
    if _is_numeric(la) and _is_numeric(lb):
        return False  # inside a number: ``1 0, 8 9 2 . 9 6``
    # a real space glyph between Latin words (a Times space is ~0.25 em, below word_gap)
    return any(a["x1"] - 0.5 <= (s["x0"] + s["x1"]) / 2 <= b["x0"] + 0.5 for s in spaces)


def chars_text(chars: list[Char], word_gap: float, spaces: Sequence[Char] = ()) -> str:
    """The text of one line of characters (sorted by x), spaces decided by geometry."""
    out: list[str] = []
    prev = None
    for c in chars:
        if prev is not None:
            if c["text"] == prev["text"] and abs(c["x0"] - prev["x0"]) < 0.3 * (c["x1"] - c["x0"]):
                continue  # the same glyph drawn twice, slightly offset (fake bold)
            if is_space(prev, c, word_gap, spaces):
                out.append(" ")
        out.append(c["text"])
        prev = c
    return "".join(out)


def join_wrapped(parts: list[str]) -> str:
    """Join the lines of one wrapped cell: no separator, except a space between two Latin words."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and _is_letter(out[-1]) and _is_letter(part[0]):
            out += " "
        out += part
    return out
