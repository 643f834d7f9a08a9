"""Closed breakdowns (patterns/breakdowns.json): which lists name every part of their whole.

A 其中 list often names only the main parts of its total, so parts that fall short of it prove
nothing — unless the list is closed: its parts cover a set that makes up the whole (人员经费 and
公用经费 make up 基本支出), its total names a whole of few parts and it names that many (the
three 三公 items of 2015年部门决算公开“三公”经费合计, however worded), or one of them is the remainder (其他收入). Parts that exceed their
total are wrong whatever the list.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..patterns import pattern_path

HALF_TO_FULL = str.maketrans("()", "（）")


def comparable(name: str) -> str:
    """公务用车购置支出, 公务用车购置费 and 公务用车购置经费 name one item, as do 公务用车运行费 and
    公务用车运行维护费 (DOMAIN.md); brackets compare full-width."""
    name = name.translate(HALF_TO_FULL).removesuffix("支出").replace("运行维护", "运行")  # 运行费 = 运行维护费
    for suffix in ("经费", "费用", "费"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name.removesuffix(suffix)
    return name


@dataclass(frozen=True)
class Breakdowns:
    closed: tuple[frozenset[str], ...]
    wholes: dict[str, int]
    remainder_prefixes: tuple[str, ...]

    def is_closed(self, total: str, parts: Iterable[str]) -> bool:
        names = {comparable(n) for n in parts}
        if any(n.startswith(self.remainder_prefixes) for n in names):
            return True
        whole = comparable(total)
        if any(key in whole and len(names) >= n for key, n in self.wholes.items()):
            return True
        return any(s <= names for s in self.closed)


@lru_cache(maxsize=1)
def breakdowns() -> Breakdowns:
    path = pattern_path("breakdowns.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    try:
        sets = tuple(frozenset(comparable(n) for n in s) for s in data["closed"])
        wholes = {comparable(k): int(v) for k, v in data["wholes"].items()}
        prefixes = tuple(data["remainder_prefixes"])
    except (KeyError, TypeError, ValueError) as err:
        raise ValueError(f"{path}: invalid breakdowns: {err}") from None
    if any(len(s) < 2 for s in sets) or any(v < 2 for v in wholes.values()):
        raise ValueError(f"{path}: a closed breakdown needs two or more items")
    return Breakdowns(sets, wholes, prefixes)
