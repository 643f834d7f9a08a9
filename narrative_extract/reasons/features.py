"""What the reason classifier sees: the reason's text, its words, and what it explains.

A reason is given as a ``ReasonInput``: the text, and from its record the item it explains, the
direction of the change and the basis (``yoy`` / ``budget`` / ``performance``). Three views of
it are turned into strings, each vectorised by a stock scikit-learn vectoriser (so the model file
stores no code):

* ``normalize_text``: NFKC, no spaces, every number as ``0`` — for character n-grams;
* ``word_text``: the same text cut into words by jieba (its own tokenizer instance, so the
  document-specific words other modules add to jieba's global dictionary never reach it);
* ``context_text``: tokens for the direction, the basis, each keyword rule that fires
  (``kw_<category>``) and the first that fires (``kw1_<category>``), the item's words
  (``item_<word>``), and ``restates_item`` when the reason's text contains the item's own name —
  the commonest ``other`` is a reason that only restates its item's change.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from .keywords import KeywordRule, keyword_hits

_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_CELL_LEAD = re.compile(r"^(?:其他|经费保障|制度保障|人员保障|硬件条件保障)[:：]")
_PUNCT = re.compile(r"^[\W_]+$")
# generic endings of an item name that do not identify it (支出 / 经费 / （项） …)
_ITEM_TAIL = re.compile(r"(?:[（(][类款项][）)])|支出|经费|费用|合计|总计|预算|决算")


@dataclass(frozen=True)
class ReasonInput:
    """One reason as the classifier sees it (``item`` / ``direction`` / ``basis`` from its record)."""

    text: str
    item: str | None = None
    direction: str | None = None
    basis: str | None = None

    @classmethod
    def of(cls, row: dict) -> ReasonInput:
        """From a labels row or a record dict (missing fields are None)."""
        return cls(row.get("text") or "", row.get("item"), row.get("direction"), row.get("basis"))


def normalize_text(text: str) -> str:
    """What the character n-grams see: NFKC, no spaces, every number as ``0``, no table-cell lead-in."""
    t = unicodedata.normalize("NFKC", text or "")
    t = _SPACE.sub("", t)
    t = _CELL_LEAD.sub("", t)
    return _DIGITS.sub("0", t)


@cache
def _tokenizer():
    import jieba

    tk = jieba.Tokenizer()
    tk.initialize()
    return tk


def words(text: str) -> list[str]:
    """jieba words of the normalised text, punctuation dropped."""
    return [w for w in _tokenizer().lcut(normalize_text(text)) if w.strip() and not _PUNCT.match(w)]


def word_text(text: str) -> str:
    return " ".join(words(text))


def item_core(item: str | None) -> str:
    """The item's name without generic endings (``城管执法支出`` → ``城管执法``)."""
    return _ITEM_TAIL.sub("", normalize_text(item or ""))


def restates_item(inp: ReasonInput) -> bool:
    core = item_core(inp.item)
    return len(core) >= 2 and core in normalize_text(inp.text)


def context_text(inp: ReasonInput, rules: tuple[KeywordRule, ...]) -> str:
    hits = keyword_hits(inp.text, rules, inp.direction, inp.basis)
    tokens = [f"dir_{inp.direction or 'none'}", f"basis_{inp.basis or 'none'}"]
    tokens += [f"kw_{c}" for c in dict.fromkeys(hits)]
    tokens.append(f"kw1_{hits[0] if hits else 'none'}")
    tokens += [f"item_{w}" for w in dict.fromkeys(words(item_core(inp.item)))]
    if restates_item(inp):
        tokens.append("restates_item")
    return " ".join(tokens)
