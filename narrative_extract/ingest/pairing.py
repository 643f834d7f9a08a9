"""The files of a folder that form one report (``pair_files``): certainty before pairing.

北京 publishes each department's narrative (情况说明) and its tables (报表) as two files; other
bureaus publish a narrative and 附表, 附件1 / 附件2, or files numbered in a series. Two files of
one folder are read as one report (``narrative+tables``, ingest/parts.py) only when

1. one is a narrative part and the other a tables part (ingest/pairing_features.py: the first
   states headline totals in prose and prints no summary table, the second the reverse);
2. their names say they belong together (ingest/pairing_names.py: the same name once 情况说明 /
   报表 are taken off, the same unit, or one numbered series); and
3. their figures confirm it: totals the narrative states (收入预算 134133.33 万元) are printed by
   the tables under the same name (收入总计 134,133.328271), within rounding — and no headline
   total the narrative states is contradicted by the tables (stated under that name, printed
   under that name, never within rounding). A series name, which says nothing about the unit,
   needs two totals to agree;
4. neither file has a better candidate: each is the other's one best (most totals agreeing,
   then most other figures of six or more digits, then the stronger name). A tie is no pairing.

Every file not paired is read alone; its ``Assembly`` says why each name candidate was not made.
The result depends only on the set of files: the same folder gives the same reports whatever the
order it is listed in.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from ..errors import InputError
from ..settings import DEFAULT_SETTINGS, Settings
from .pairing_features import Figure, FileFeatures, Role, file_features, lexicon
from .pairing_names import NameEvidence, NameMatch, name_evidence
from .parts import JOIN

#: A figure agreeing by value alone supports a pairing when printed with this many digits.
SIGNIFICANT_DIGITS = 6
#: Rejected name candidates listed in a record (the rest are counted).
REJECTIONS_SHOWN = 5


class How(str, Enum):
    PAIRED = "paired"  # two files of a folder found to be one report
    NAMED = "named"  # the parts given as A+B (or a list) by the user
    UNPAIRED = "unpaired"  # a file of a folder read alone
    SINGLE = "single"  # a file given by itself


@dataclass(frozen=True)
class Agreement:
    """A figure the narrative states that the tables print, within rounding."""

    total: str | None  # the total both name (收入总计 …); None when only the values agree
    prose: Figure
    table: Figure

    def as_dict(self) -> dict:
        return {"total": self.total, "narrative": self.prose.as_dict(), "tables": self.table.as_dict()}


@dataclass(frozen=True)
class Contradiction:
    total: str
    stated: tuple[Figure, ...]
    printed: tuple[Figure, ...]

    def __str__(self) -> str:
        said = "、".join(f.printed for f in self.stated[:2])
        shown = "、".join(f"{f.printed} ({f.where})" for f in self.printed[:2])
        return f"{self.total}: the narrative states {said}, the tables print {shown}"


@dataclass(frozen=True)
class Candidate:
    """A narrative file and a tables file whose names say they belong together, with what their
    figures say about it."""

    narrative: str
    tables: str
    names: NameEvidence
    agreements: tuple[Agreement, ...]  # one per total both name
    supporting: tuple[Agreement, ...]  # figures of SIGNIFICANT_DIGITS that agree by value
    contradictions: tuple[Contradiction, ...]

    @property
    def needed(self) -> int:
        return 2 if self.names.match is NameMatch.SAME_SERIES else 1

    @property
    def confirmed(self) -> bool:
        return not self.contradictions and len(self.agreements) >= self.needed

    @property
    def strength(self) -> tuple[int, int, int]:
        return (len(self.agreements), len(self.supporting), self.names.match.rank)

    def why_not(self) -> str:
        if self.contradictions:
            return "figures contradict: " + "; ".join(map(str, self.contradictions))
        if not self.agreements:
            return "no total the narrative states is printed in the tables"
        return (f"only {len(self.agreements)} total agrees ({self.agreements[0].total}); "
                f"a series name needs {self.needed}")


@dataclass(frozen=True)
class Rejection:
    other: str
    names: NameEvidence
    why: str

    def as_dict(self) -> dict:
        return {"file": self.other, "names": str(self.names), "why": self.why}


@dataclass(frozen=True)
class Assembly:
    """How one report was put together from the files given."""

    doc: str  # the report's name: the file, or its parts joined by ``+``
    parts: tuple[str, ...]
    how: How
    pairing: Candidate | None = None
    role: Role | None = None  # what pairing took the file for (a file read alone)
    rejected: tuple[Rejection, ...] = ()
    not_shown: int = 0  # rejected candidates beyond REJECTIONS_SHOWN

    def as_dict(self) -> dict:
        out: dict = {"how": self.how.value, "parts": list(self.parts)}
        if self.pairing is not None:
            out["names"] = str(self.pairing.names)
            out["figures"] = [a.as_dict() for a in self.pairing.agreements]
            out["also_agree"] = len(self.pairing.supporting)
        if self.role is not None:
            out["role"] = self.role.value
        if self.how is How.UNPAIRED:
            out["why"] = self.why_alone()
            out["rejected"] = [r.as_dict() for r in self.rejected]
            if self.not_shown:
                out["not_shown"] = (f"{self.not_shown} more name candidates (files of one numbered series) "
                                    "whose figures agree in no total")
        return out

    def why_alone(self) -> str:
        if self.role in (Role.WHOLE, Role.UNKNOWN, None):
            return {Role.WHOLE: "a whole report: its narrative states the totals its own tables print",
                    Role.UNKNOWN: "neither states nor prints a headline total: not a part of a report",
                    None: "could not be read for pairing"}[self.role]
        if not self.rejected and not self.not_shown:
            return f"a {self.role.value} part with no file of the other part named like it in its folder"
        return f"a {self.role.value} part: no name candidate was confirmed by the figures"


def single(path: str) -> Assembly:
    """A report given by the user: one file, or its parts joined by ``+``."""
    from .parts import report_parts

    parts = tuple(report_parts(path))
    return Assembly(path, parts, How.NAMED if len(parts) > 1 else How.SINGLE)


def pair_files(paths: list[str], settings: Settings = DEFAULT_SETTINGS, jobs: int = 1) -> list[Assembly]:
    """The reports the files form: pairs found in each folder, every other file alone. Reports come
    in the order of their first file (sorted); the listing order of ``paths`` does not matter, nor
    does ``jobs`` (files read at a time for their features, batch.map_reports)."""
    from functools import partial

    from ..batch import map_reports

    files = sorted(set(paths))
    features: dict[str, FileFeatures | None] = {}
    for outcome in map_reports(files, partial(features_of, settings), jobs):
        # a file that cannot be read is read alone: checking it gives the error
        features[outcome.path] = outcome.records[0] if outcome.records else None
    folders: dict[Path, list[str]] = defaultdict(list)
    for path in files:
        folders[Path(path).parent].append(path)
    assemblies: dict[str, Assembly] = {}
    for members in folders.values():
        assemblies.update(_pair_folder(members, features))
    order = {path: i for i, path in enumerate(files)}
    unique = {a.doc: a for a in assemblies.values()}
    return sorted(unique.values(), key=lambda a: min(order[p] for p in a.parts))


def features_of(settings: Settings, path: str) -> list[FileFeatures]:
    """``file_features`` as a batch records function (one record)."""
    try:
        return [file_features(path, settings)]
    except OSError as err:
        raise InputError(path, f"cannot read: {err.strerror or err}") from None


def _pair_folder(files: list[str], features: dict[str, FileFeatures | None]) -> dict[str, Assembly]:
    narratives = [f for f in files if (x := features[f]) is not None and x.role is Role.NARRATIVE]
    tables = [f for f in files if (x := features[f]) is not None and x.role is Role.TABLES]
    candidates: list[Candidate] = []
    for n in narratives:
        for t in tables:
            fn, ft = features[n], features[t]
            assert fn is not None and ft is not None
            names = name_evidence(n, t, fn.title, ft.title)
            if names is not None:
                candidates.append(judge(fn, ft, names))
    confirmed = [c for c in candidates if c.confirmed]
    best_of: dict[str, list[Candidate]] = defaultdict(list)
    for c in confirmed:
        best_of[c.narrative].append(c)
        best_of[c.tables].append(c)
    made = [c for c in confirmed if _only_best(c, best_of[c.narrative]) and _only_best(c, best_of[c.tables])]
    out: dict[str, Assembly] = {}
    for c in made:
        doc = f"{c.narrative}{JOIN}{c.tables}"
        out[c.narrative] = out[c.tables] = Assembly(doc, (c.narrative, c.tables), How.PAIRED, pairing=c)
    for f in files:
        if f in out:
            continue
        mine = sorted((c for c in candidates if f in (c.narrative, c.tables)),
                      key=lambda c: (-c.names.match.rank, -len(c.agreements), c.narrative, c.tables))
        # a series name says nothing of the unit: its candidates are shown only when a figure agreed
        shown = [c for c in mine if c.names.match is not NameMatch.SAME_SERIES or c.agreements][:REJECTIONS_SHOWN]
        feats = features[f]
        out[f] = Assembly(f, (f,), How.UNPAIRED, role=feats.role if feats is not None else None,
                          rejected=tuple(Rejection(c.tables if f == c.narrative else c.narrative, c.names,
                                                   _why_rejected(c, made)) for c in shown),
                          not_shown=len(mine) - len(shown))
    return out


def _only_best(c: Candidate, rivals: list[Candidate]) -> bool:
    return all(r is c or r.strength < c.strength for r in rivals)


def _why_rejected(c: Candidate, made: list[Candidate]) -> str:
    if not c.confirmed:
        return c.why_not()
    for m in made:
        if m is not c and {m.narrative, m.tables} & {c.narrative, c.tables}:
            return f"figures agree better in {m.narrative}{JOIN}{m.tables}"
    return "as well confirmed as another candidate: ambiguous, not paired"


def judge(narrative: FileFeatures, tables: FileFeatures, names: NameEvidence) -> Candidate:
    """What the figures of a narrative part and a tables part say about their being one report."""
    agreements: list[Agreement] = []
    contradictions: list[Contradiction] = []
    for total in lexicon().totals:
        stated = narrative.keyed("prose", total.key)
        printed = tables.keyed("table", total.key)
        if not stated or not printed:
            continue
        match = next(((s, p) for s in stated for p in printed if s.agrees(p)), None)
        if match is not None:
            agreements.append(Agreement(total.name, *match))
        elif total.headline and any(p.unit_known for p in printed):
            contradictions.append(Contradiction(total.name, tuple(stated), tuple(p for p in printed if p.unit_known)))
    seen = {id(a.prose) for a in agreements}
    supporting = []
    for s in narrative.prose:
        if id(s) in seen or s.significant() < SIGNIFICANT_DIGITS:
            continue
        p = next((p for p in tables.table if s.agrees(p)), None)
        if p is not None:
            supporting.append(Agreement(None, s, p))
            seen.add(id(s))
    return Candidate(narrative.path, tables.path, names, tuple(agreements), tuple(supporting), tuple(contradictions))
