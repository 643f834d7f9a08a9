"""Do two file names say they are parts of one report? (folder pairing, ingest/pairing.py)

Three ways, strongest first:

* ``same_name``: the names are one once the part words and the noise are taken off —
  ``附件1：北京市审计局2026年度部门预算情况说明`` / ``附件2：北京市审计局2026年度部门预算报表``,
  ``交通局_说明.pdf`` / ``交通局_附表.pdf``, ``情况说明.pdf`` / ``报表.pdf``;
* ``same_unit``: both name one unit, in the file name or on the first page —
  ``2026年北京市审计局部门预算.pdf`` / ``审计局_附件2：…报表.pdf`` (审计局);
* ``same_series``: numbered files of one series — ``beijing_02.pdf`` / ``beijing_29.pdf``,
  ``1.pdf`` / ``2.pdf``: the name says nothing more, so only the figures can decide.

A name is only ever a candidate: ingest/pairing.py pairs only what the figures confirm.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import regex

from .pairing_features import lexicon

SEPARATORS = regex.compile(r"[\s_\-—–.·,，、:：;；()（）\[\]【】《》<>\"'“”‘’+]+")
SERIES = regex.compile(r"^(.*?)(\d+)$")
HAN_RUN = regex.compile(r"\p{Han}{3,}")
#: common words that end like a unit's name but name none
NOT_A_UNIT = regex.compile(r"^第.部|全部|本部|预算|决算")
PLACE = regex.compile(r"^(?:中国共产党|中共)?(?:\p{Han}{1,6}?[省市县区州盟旗])?(?:人民政府|委)?")
#: characters two units' names must share once place and kind are taken off
CORE_CHARS = 4


class NameMatch(str, Enum):
    SAME_NAME = "same_name"
    SAME_UNIT = "same_unit"
    SAME_SERIES = "same_series"

    @property
    def rank(self) -> int:
        return {"same_name": 3, "same_unit": 2, "same_series": 1}[self.value]


@dataclass(frozen=True)
class NameEvidence:
    match: NameMatch
    shared: str  # the common name, unit or series (``beijing_N``)

    def __str__(self) -> str:
        return {NameMatch.SAME_NAME: "the same name once the part words are taken off",
                NameMatch.SAME_UNIT: "both name the unit",
                NameMatch.SAME_SERIES: "numbered files of one series"}[self.match] + f" ({self.shared})"


def stem(path: str) -> str:
    """The name without folder, suffix, part words (情况说明 / 报表 …), years and separators."""
    lex = lexicon()
    name = unicodedata.normalize("NFKC", Path(path).stem)
    for pattern in (*lex.roles.values(), lex.noise):
        name = pattern.sub(" ", name)
    return SEPARATORS.sub("", name).lower()


def unit_names(text: str) -> set[str]:
    """Every run of Chinese characters (3 or more) ending like a unit's name (…局, …委员会, …办公室),
    the part words and the noise (2026年度, 部门预算 …) taken off first."""
    lex = lexicon()
    text = unicodedata.normalize("NFKC", text)
    for pattern in (*lex.roles.values(), lex.noise):
        text = pattern.sub(" ", text)
    found = set()
    for run in HAN_RUN.findall(text):
        for end in range(3, len(run) + 1):
            head = run[:end]
            suffix = lex.org.search(head)
            if suffix:
                for start in range(max(0, end - 20), suffix.start() - 1):  # two characters or more before it
                    name = head[start:]
                    if not NOT_A_UNIT.search(name):
                        found.add(name)
    return found


def core(name: str) -> str:
    """A unit's name without its place (北京市, 中共…) and its kind (局, 委员会 …): 发展和改革."""
    suffix = lexicon().org.search(name)
    return PLACE.sub("", name[:suffix.start()] if suffix else name)


def common_core(names_a: set[str], names_b: set[str]) -> str | None:
    """The longest run of CORE_CHARS or more characters two units' names share once their place and
    kind are taken off (北京市发展和改革委员会 / 发展和改革局: 发展和改革), if any."""
    best = ""
    cores_b = {core(n) for n in names_b}
    for a in {core(n) for n in names_a}:
        for b in cores_b:
            for i in range(len(a)):
                for j in range(i + max(CORE_CHARS, len(best) + 1), len(a) + 1):
                    if a[i:j] not in b:
                        break
                    best = a[i:j]
    return best or None


def name_evidence(a: str, b: str, title_a: str = "", title_b: str = "") -> NameEvidence | None:
    """How the names of files ``a`` and ``b`` (and the titles their first pages print) say they
    belong together, or None."""
    stem_a, stem_b = stem(a), stem(b)
    if stem_a == stem_b:
        return NameEvidence(NameMatch.SAME_NAME, stem_a or "情况说明 / 报表")
    units_a, units_b = unit_names(f"{Path(a).stem} {title_a}"), unit_names(f"{Path(b).stem} {title_b}")
    common = units_a & units_b
    if common:
        return NameEvidence(NameMatch.SAME_UNIT, max(common, key=lambda n: (len(n), n)))
    shared = common_core(units_a, units_b)
    if shared:
        return NameEvidence(NameMatch.SAME_UNIT, shared)
    series_a, series_b = SERIES.match(stem_a), SERIES.match(stem_b)
    if series_a and series_b and series_a.group(1) == series_b.group(1):
        return NameEvidence(NameMatch.SAME_SERIES, f"{series_a.group(1)}N")
    return None
