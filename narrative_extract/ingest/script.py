"""Text of other scripts brought to the simplified characters the lexicons and cue phrases are in.

Reports are published in simplified characters, but copies of them on other sites are not always:

* a site's script converter may have turned the page into traditional characters
  (``嚴格執行中央八項規定``); every frame and lexicon of ``patterns/`` would miss it;
* such converters also print the reading of some characters after them in brackets
  (``公務(wù)用車``, ``預(yù)算數(shù)``), which breaks words and opens brackets that read as lists.

``to_simplified`` undoes both. A text is converted only when traditional characters are a real
share of it (OpenCC ``t2s``, the standard converter), so a simplified report is never touched.
"""

from __future__ import annotations

from functools import cache

import regex

from ..model import GridRow, RawItem, TextLine

#: (wù) (shù) (jīng) after a Han character: a reading a converter printed, never report text. A
#: tone mark is required, so an abbreviation in brackets (PPP) or plain Latin is left alone.
PINYIN_READING = regex.compile(
    r"(?<=\p{Han})[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")
HAN = regex.compile(r"\p{Han}")
#: Share of Han characters that must change under t2s before a text is taken for traditional.
TRADITIONAL_SHARE = 0.02


@cache
def _converter():
    import opencc  # lazy: only traditional-script inputs need it

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """``text`` without converter readings, in simplified characters when it was in traditional ones."""
    text = PINYIN_READING.sub("", text)
    han = HAN.findall(text)
    if not han:
        return text
    sample = "".join(han[:4000])
    converted = _converter().convert(sample)
    changed = sum(a != b for a, b in zip(sample, converted))
    if changed < TRADITIONAL_SHARE * len(sample):
        return text
    return "\n".join(_converter().convert(line) for line in text.split("\n"))


def items_to_simplified(items: list[RawItem]) -> list[RawItem]:
    """``to_simplified`` over the text and cells of a document's items, judged on them all at
    once (a DOCX, workbook or web page read paragraph by paragraph and cell by cell)."""
    texts = [i.text if isinstance(i, TextLine) else "\t".join(i.cells) for i in items]
    whole = to_simplified("\n".join(t.replace("\n", " ") for t in texts)).split("\n")
    if len(whole) != len(items):  # never: each item is one line of the joined text
        return items
    return [TextLine(t, i.loc, i.alone) if isinstance(i, TextLine) else GridRow(t.split("\t"), i.loc, i.grid)
            for i, t in zip(items, whole, strict=True)]
