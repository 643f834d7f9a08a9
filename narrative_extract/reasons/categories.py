"""The fixed list of variance-reason categories (data in ``patterns/reason_categories.json``).

The ids are part of the tool's output and never change; the Chinese / English meanings and the
example wordings live in the JSON file so that they can be reviewed without reading code.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..patterns import PATTERNS_DIR

#: The folder holding the package (the repository in a checkout); labels paths are shown relative to it.
REPO_ROOT = Path(__file__).resolve().parents[2]
CATEGORIES_PATH = PATTERNS_DIR / "reason_categories.json"

#: The category ids in canonical order (must match the JSON file; checked on load).
CATEGORY_IDS: tuple[str, ...] = (
    "personnel",
    "pay_and_contribution",
    "project_funding",
    "one_off",
    "carryover",
    "budget_adjustment",
    "austerity",
    "policy_or_system",
    "schedule",
    "activity_level",
    "no_activity",
    "other",
)
OTHER = "other"
#: which way the change a reason explains went (a reason record's ``direction``)
DIRECTIONS: tuple[str, ...] = ("increase", "decrease", "flat", "over", "under")
#: what a reason compares: this year with last (yoy), the final account with its budget (budget), a
#: self-evaluation's result with its target (performance)
BASES: tuple[str, ...] = ("yoy", "budget", "performance")


@dataclass(frozen=True)
class Category:
    id: str
    zh: str
    en: str
    examples: tuple[str, ...]
    boundary: str = ""


@cache
def _load(path: str) -> tuple[Category, ...]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    cats = tuple(
        Category(
            id=c["id"],
            zh=c["zh"],
            en=c["en"],
            examples=tuple(c.get("examples", ())),
            boundary=c.get("boundary", ""),
        )
        for c in data["categories"]
    )
    ids = tuple(c.id for c in cats)
    if ids != CATEGORY_IDS:
        raise ValueError(f"{path}: category ids {ids} differ from the fixed list {CATEGORY_IDS}")
    return cats


def categories(path: str | Path | None = None) -> tuple[Category, ...]:
    """All categories, in canonical order."""
    return _load(str(path or CATEGORIES_PATH))


def category(category_id: str) -> Category:
    for c in categories():
        if c.id == category_id:
            return c
    raise KeyError(category_id)


def is_category(category_id: str) -> bool:
    return category_id in CATEGORY_IDS


# A lead-in passed along with the reason (主要原因是：, 原因系, 决算数小于预算数的主要原因：).
_LEAD_IN = re.compile(r"(?:.{0,30}?(?:预算数|持平|问题及)的?)?(?:主要)?(?:变动)?原因(?:主要)?(?:是|系|为)?")
# Editorial notes a template leaves in place of a reason, e.g. "（如持平作持平表述）".
_NOTE = re.compile(r"[（(][^（）()]*[）)]")
_FILLER = re.compile(r"[\sXx×＊*…\.。．，,、；;：:“”\"'‘’]+")


def is_empty_reason(text: str | None) -> bool:
    """True when a reason was announced but has no content.

    Covers ``""``, a bare lead-in such as ``主要原因是。`` (nothing after it) and template
    placeholders such as ``XXXXXXXX（如持平作持平表述）``.
    """
    if not text:
        return True
    t = unicodedata.normalize("NFKC", text)
    t = _NOTE.sub("", t)
    t = _FILLER.sub("", t)
    return not t or bool(_LEAD_IN.fullmatch(t))
