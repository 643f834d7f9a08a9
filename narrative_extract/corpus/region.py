"""The region (provincial-level division) a report belongs to, and where that was learnt.

Reports rarely print their province, so the region is taken from the first of these that says it,
and the ``reports`` row keeps which one (``region_source``):

1. ``manifest`` — a ``MANIFEST.tsv`` beside the file (tab-separated, a header row, a ``file``
   column naming the file and a ``region`` or ``province`` column), as ``../shared/national_pdfs``
   has;
2. ``path`` — a folder of the file's path named as a province (``上海/…``, ``001_山东/…``: leading
   digits and ``_`` ignored), as ``patterns/regions.json`` writes them;
3. ``unit`` — the unit's name begins with a province (``上海市交通运输局``, ``中共辽宁省委组织部``).

Otherwise the region is None: a city or district unit (``烟台市财政局``) does not name its province,
and no city list is consulted, so nothing is guessed.
"""

from __future__ import annotations

import csv
import json
import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

from ..patterns import pattern_path

_PARTY = re.compile(r"^(?:中国共产党|中共)")
_FOLDER_PREFIX = re.compile(r"^[\d_\-\s.]+")


class Region(NamedTuple):
    name: str | None
    source: str | None  # manifest | path | unit | None


@cache
def _names() -> tuple[tuple[str, str], ...]:
    """(written name, short name), longest written names first (内蒙古自治区 before 内蒙古)."""
    data = json.loads(pattern_path("regions.json").read_text(encoding="utf-8"))
    pairs = [(name, p["short"]) for p in data["provinces"] for name in p["names"]]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


@cache
def _manifest(folder: str) -> dict[str, str]:
    """file name → region, from ``folder/MANIFEST.tsv`` (empty when there is none or it has no region)."""
    path = Path(folder) / "MANIFEST.tsv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    column = next((c for c in ("region", "province") if rows and c in rows[0]), None)
    if column is None or "file" not in rows[0]:
        return {}
    return {r["file"]: short_region(r[column]) or r[column] for r in rows if r.get(column)}


@cache
def latin_names() -> dict[str, str]:
    """short name → Latin name (charts drawn without a CJK font)."""
    data = json.loads(pattern_path("regions.json").read_text(encoding="utf-8"))
    return {p["short"]: p["latin"] for p in data["provinces"]}


def short_region(text: str | None) -> str | None:
    """The province a name begins with (``上海市交通运输局`` → 上海), else None."""
    if not text:
        return None
    text = _PARTY.sub("", text.strip())
    return next((short for name, short in _names() if text.startswith(name)), None)


def _folder_region(path: Path) -> str | None:
    for folder in reversed(path.parent.parts):
        name = _FOLDER_PREFIX.sub("", folder)
        found = next((short for written, short in _names() if name == written), None)
        if found:
            return found
    return None


def report_region(doc: str, unit: str | None) -> Region:
    """The region of the report named ``doc`` (a path, or paths joined by ``+``) whose unit is ``unit``."""
    first = Path(doc.split("+")[0]) if not Path(doc).exists() else Path(doc)
    found = _manifest(str(first.resolve().parent)).get(first.name)
    if found:
        return Region(found, "manifest")
    if found := _folder_region(first.resolve()):
        return Region(found, "path")
    if found := short_region(unit):
        return Region(found, "unit")
    return Region(None, None)
