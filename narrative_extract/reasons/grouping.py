"""Group near-duplicate variance reasons.

Reports repeat the same reason across items and across reports (``主要原因：单位于 2024 年成立。``
three times in one report; ``XX经费增加`` for every item of a street-office budget). Such
boilerplate gets one group id so that a corpus can be counted by distinct reason and a
train/held-out split can keep near-duplicates on the same side. Nothing is dropped: the output
has one id per input, in input order.

Two reasons share a group when

* their normalised forms are equal -- normalisation drops spaces, punctuation, digits (with the
  unit or date word that follows them), quoted names (“人才发展”), function-class names
  (…（类）…（款）…（项）), the direction-neutral words 收入 / 支出, writes 本部门 / 我局 / … as 本单位,
  and reduces a reason that is
  only ``<item>经费增加`` / ``减少`` / ``保持不变`` to that template; or
* the Jaccard similarity of their character-bigram sets is at least ``threshold`` (0.8),
  transitively (single linkage).

The id is ``g`` + the first 8 hex digits of the SHA-1 of the group's representative (its
shortest normalised form, ties broken alphabetically), so it does not depend on input order.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator

from .categories import is_empty_reason

__all__ = ["group_reasons", "jaccard", "normalize_reason"]

_QUOTED = re.compile(r"[“\"「『《][^”\"」』》]{3,}[”\"」』》]")
_FUNCTION_NAME = re.compile(r"[^，。；、,;]*?[（(](?:类|款|项)[）)]")
_NUMBER = re.compile(
    r"[0-9０-９]+(?:[.,][0-9]+)*\s*(?:万元|亿元|元|%|个百分点|年度|年|月|日|辆|人次|批次|人|个|次)?"
)
_NON_WORD = re.compile(r"[^\w]|_", re.UNICODE)
_NEUTRAL = re.compile(r"收入|支出")
# "this unit" is written 本单位 in a 单位预算 and 本部门 in the 部门预算 of the same body
_SELF = re.compile(r"(?:本|我)(?:单位|部门|局|部|委|院|办|中心)")
_LEAD = re.compile(r"^(?:其他|经费保障|制度保障|人员保障|硬件条件保障)[:：]")
# A reason that says no more than "<item> funding rose / fell / stayed the same".
# The item part is one name: no list punctuation, no second funding noun, no project word.
_ITEM_TEMPLATE = re.compile(
    r"^(?:(?!经费|资金|专项|项目)[^，。；、,;:：])+?"
    r"(?:经费|资金|费用|费)(增加|减少|增长|下降|保持不变|不变|持平)[。；;，,]?$"
)

ITEM = "〈项〉"


def normalize_reason(text: str) -> str:
    """The comparison key of a reason (see the module docstring). Empty reasons give ``""``."""
    if is_empty_reason(text):
        return ""
    t = unicodedata.normalize("NFKC", text or "").strip().lower()
    t = _LEAD.sub("", t)
    t = _QUOTED.sub("", t)
    t = _FUNCTION_NAME.sub("", t)
    t = _NUMBER.sub("", t)
    t = _SELF.sub("本单位", t)
    t = re.sub(r"\s+", "", t)
    m = _ITEM_TEMPLATE.match(t)
    if m:
        return f"{ITEM}经费{m.group(1)}"
    t = _NON_WORD.sub("", t)
    return _NEUTRAL.sub("", t)


def _bigrams(key: str) -> frozenset[str]:
    if len(key) < 2:
        return frozenset({key})
    return frozenset(key[i : i + 2] for i in range(len(key) - 1))


def jaccard(a: str, b: str) -> float:
    """Jaccard similarity of the character-bigram sets of two reasons (after normalisation)."""
    sa, sb = _bigrams(normalize_reason(a)), _bigrams(normalize_reason(b))
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / len(sa | sb)


def group_reasons(texts: list[str], threshold: float = 0.8) -> list[str]:
    """One group id per text; near-duplicates share an id. Input order is kept."""
    keys = [normalize_reason(t) for t in texts]
    distinct = sorted(set(keys), key=lambda k: (len(k), k))
    parent = {k: k for k in distinct}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            # keep the shorter (then alphabetically smaller) key as the root: the representative
            if (len(rb), rb) < (len(ra), ra):
                ra, rb = rb, ra
            parent[rb] = ra

    for a, b in similar_pairs([k for k in distinct if len(k) >= 4], threshold):  # short: equality only
        union(a, b)
    return ["g" + hashlib.sha1(find(k).encode("utf-8")).hexdigest()[:8] for k in keys]


def similar_pairs(keys: list[str], threshold: float) -> Iterator[tuple[str, str]]:
    """Every pair of keys whose bigram sets have Jaccard similarity ≥ ``threshold``, found without
    comparing all pairs (a corpus of thousands of reports has tens of thousands of reasons).

    Prefix filtering (Chaudhuri et al. 2006; Bayardo et al. 2007, "All-Pairs"): with the bigrams of
    every set in one global order, rarest first, two sets with J ≥ t share a bigram among the first
    |s| − ⌈t·|s|⌉ + 1 of each. Only pairs sharing such a prefix bigram are compared, exactly, so the
    pairs found are the all-pairs ones, in a time near linear for texts as varied as reasons."""
    sets = {k: _bigrams(k) for k in keys}
    frequency = Counter(g for s in sets.values() for g in s)
    index: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        mine = sets[key]
        tokens = sorted(mine, key=lambda g: (frequency[g], g))
        prefix = tokens[: len(tokens) - math.ceil(threshold * len(tokens) - 1e-9) + 1]
        seen: set[str] = set()
        for g in prefix:
            for other in index[g]:
                if other in seen:
                    continue
                seen.add(other)
                theirs = sets[other]
                # |A∩B|/|A∪B| <= min(|A|,|B|)/max(|A|,|B|): skip pairs whose sizes are too far apart
                if min(len(mine), len(theirs)) < threshold * max(len(mine), len(theirs)):
                    continue
                if len(mine & theirs) / len(mine | theirs) >= threshold:
                    yield other, key
            index[g].append(key)
