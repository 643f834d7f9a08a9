"""Recognise a table's standard family from its printed title (data in patterns/table_templates.json)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..patterns import pattern_path


@dataclass(frozen=True)
class TableTemplate:
    id: str
    family: str
    scope: str
    titles: tuple[regex.Pattern, ...]
    covers: str | None = None  # the part of its scope's money the table holds (基本支出), when not all


@lru_cache(maxsize=1)
def load_templates() -> tuple[TableTemplate, ...]:
    path = pattern_path("table_templates.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for i, entry in enumerate(data["templates"]):
        missing = {"id", "family", "scope", "titles"} - entry.keys()
        if missing:
            raise ValueError(f"{path}: template #{i} lacks {sorted(missing)}")
        if entry["family"] not in {"final", "budget", "self_evaluation", "other"}:
            raise ValueError(f"{path}: template {entry['id']}: unknown family {entry['family']!r}")
        try:
            titles = tuple(regex.compile(t) for t in entry["titles"])
        except regex.error as err:
            raise ValueError(f"{path}: template {entry['id']}: bad title pattern: {err}") from None
        out.append(TableTemplate(entry["id"], entry["family"], entry["scope"], titles, entry.get("covers")))
    return tuple(out)


def template_by_id(standard_id: str | None) -> TableTemplate | None:
    return next((t for t in load_templates() if t.id == standard_id), None)


def normalize_title(title: str) -> str:
    return regex.sub(r"\s+", "", title).replace("（", "(").replace("）", ")")


def match_template(title: str) -> TableTemplate | None:
    norm = normalize_title(title)
    for template in load_templates():
        if any(p.search(norm) for p in template.titles):
            return template
    return None
