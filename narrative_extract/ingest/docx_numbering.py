"""Word's automatic numbering: the label (``一、``, ``（一）``, ``1.``) a paragraph shows but whose text
does not hold it.

A heading typed as ``收入支出决算总体情况说明`` in a list whose level prints ``%1、`` in
``chineseCounting`` reads ``一、收入支出决算总体情况说明`` on paper; the layout stage finds headings
and list items by those labels, so they are put back. Each list (``w:num``) counts its own levels,
a level restarting whenever a higher one advances; the paragraph's own ``w:numPr`` or its style's
says which list and level. Bullets and formats not listed here print no label.
"""

from __future__ import annotations

from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DIGITS = "零一二三四五六七八九"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
PARENTHESISED = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
         (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def chinese(n: int) -> str:
    """一 … 九十九 (and the plain digits beyond)."""
    if not 0 < n < 100:
        return "".join(DIGITS[int(d)] for d in str(n))
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else DIGITS[tens]) + "十" if tens else "") + (DIGITS[ones] if ones else "")


def roman(n: int) -> str:
    out = ""
    for value, letters in ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def formatted(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographDigital"):
        return chinese(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 0 < n <= len(CIRCLED):
        return CIRCLED[n - 1]
    if fmt == "decimalEnclosedParen" and 0 < n <= len(PARENTHESISED):
        return PARENTHESISED[n - 1]
    if fmt == "ideographTraditional" and 0 < n <= len(HEAVENLY_STEMS):
        return HEAVENLY_STEMS[n - 1]
    if fmt in ("lowerLetter", "upperLetter") and n > 0:
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and n > 0:
        return roman(n).upper() if fmt == "upperRoman" else roman(n)
    if fmt == "decimalFullWidth":
        return str(n).translate({ord(d): chr(0xFF10 + int(d)) for d in "0123456789"})
    return str(n)


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""


@dataclass
class Numbering:
    """The lists of one document and their counters as the body is read in order."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # numId → ilvl → Level
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    styles: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId → (numId, ilvl)

    @classmethod
    def of(cls, document) -> Numbering:
        numbering = cls()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        if root is not None:
            abstract = {a.get(W + "abstractNumId"): _levels(a) for a in root.iter(W + "abstractNum")}
            for num in root.iter(W + "num"):
                ref = num.find(W + "abstractNumId")
                levels = dict(abstract.get(ref.get(W + "val") if ref is not None else None, {}))
                for override in num.iter(W + "lvlOverride"):
                    start = override.find(W + "startOverride")
                    ilvl = int(override.get(W + "ilvl") or 0)
                    if start is not None and ilvl in levels:
                        levels[ilvl] = Level(int(start.get(W + "val") or 1), levels[ilvl].fmt, levels[ilvl].text)
                numbering.levels[num.get(W + "numId") or ""] = levels
        try:
            styles = document.styles.element
        except (KeyError, NotImplementedError, AttributeError):
            styles = None
        if styles is not None:
            for style in styles.iter(W + "style"):
                if (ref := _num_pr(style.find(W + "pPr"))) is not None:
                    numbering.styles[style.get(W + "styleId") or ""] = ref
        return numbering

    def label(self, p) -> str:
        """The label paragraph ``p`` shows, counting it ('' when it is not numbered)."""
        ppr = p.find(W + "pPr")
        ref = _num_pr(ppr)
        if ref is None and ppr is not None and (style := ppr.find(W + "pStyle")) is not None:
            ref = self.styles.get(style.get(W + "val") or "")
        if ref is None or ref[0] not in self.levels or ref[1] not in self.levels[ref[0]]:
            return ""
        num, ilvl = ref
        levels, counts = self.levels[num], self.counters.setdefault(num, {})
        counts[ilvl] = counts.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]  # a level restarts when a higher one advances
        level = levels[ilvl]
        if level.fmt in ("bullet", "none"):
            return ""
        text = level.text
        for k in range(9):
            if f"%{k + 1}" in text:
                n = counts.get(k, levels[k].start if k in levels else 1)
                text = text.replace(f"%{k + 1}", formatted(n, levels[k].fmt if k in levels else "decimal"))
        return text + (" " if text[-1:].isascii() and text[-1:] in ".)" else "")


def _levels(abstract) -> dict[int, Level]:
    out: dict[int, Level] = {}
    for lvl in abstract.iter(W + "lvl"):
        start, fmt, text = (lvl.find(W + name) for name in ("start", "numFmt", "lvlText"))
        out[int(lvl.get(W + "ilvl") or 0)] = Level(
            int(start.get(W + "val") or 1) if start is not None else 1,
            fmt.get(W + "val") or "decimal" if fmt is not None else "decimal",
            text.get(W + "val") or "" if text is not None else "")
    return out


def _num_pr(ppr) -> tuple[str, int] | None:
    if ppr is None or (pr := ppr.find(W + "numPr")) is None:
        return None
    num, ilvl = pr.find(W + "numId"), pr.find(W + "ilvl")
    if num is None or (num.get(W + "val") or "0") == "0":
        return None  # numId 0: numbering switched off
    return num.get(W + "val") or "", int(ilvl.get(W + "val") or 0) if ilvl is not None else 0
