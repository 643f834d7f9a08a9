"""``corpus stats``: counts over a corpus database, by SQL, never by loading every row.

Reports by status; findings by status; findings by check family (the finding's ``kind``) with their
alarms (mismatch, warning); alarm rates by region; reasons by category × basis × year × region.
A region or year that is not known is counted as None (shown as ``?``), never guessed.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

from ..reconcile.finding import STATUSES


@dataclass(frozen=True)
class FamilyCount:
    kind: str
    findings: int
    mismatch: int
    warning: int

    @property
    def alarm_rate(self) -> float:
        return (self.mismatch + self.warning) / self.findings if self.findings else 0.0


@dataclass(frozen=True)
class RegionCount:
    region: str | None
    reports: int
    findings: int
    alarms: int

    @property
    def alarm_rate(self) -> float:
        return self.alarms / self.findings if self.findings else 0.0


@dataclass(frozen=True)
class ReasonCount:
    category: str | None
    basis: str
    year: int | None
    region: str | None
    reasons: int


@dataclass(frozen=True)
class CorpusStats:
    reports: dict[str, int]  # status → reports
    pages: int
    findings: dict[str, int]  # verdict → findings
    families: tuple[FamilyCount, ...]
    regions: tuple[RegionCount, ...]
    reasons: tuple[ReasonCount, ...]

    def as_dict(self) -> dict:
        return asdict(self)

    def reasons_by(self, first: str, second: str) -> dict[object, Counter]:
        """Reason counts as {value of ``first``: Counter(value of ``second`` → reasons)}."""
        out: dict[object, Counter] = defaultdict(Counter)
        for r in self.reasons:
            out[getattr(r, first)][getattr(r, second)] += r.reasons
        return dict(out)


def open_existing(db: str | Path) -> sqlite3.Connection:
    """A corpus database opened read-only; FileNotFoundError when there is none."""
    if not Path(db).is_file():
        raise FileNotFoundError(f"{db}: no corpus database (build one with `narrative-extract corpus build`)")
    # not only the opening thread: pyarrow pulls the rows of an export from one of its own
    return sqlite3.connect(f"file:{Path(db).resolve()}?mode=ro", uri=True, check_same_thread=False)


def corpus_stats(db: str | Path) -> CorpusStats:
    conn = open_existing(db)
    try:
        reports = dict(conn.execute("SELECT status, COUNT(*) FROM reports GROUP BY status ORDER BY status"))
        pages = conn.execute("SELECT COALESCE(SUM(pages), 0) FROM reports").fetchone()[0]
        found = dict(conn.execute("SELECT status, COUNT(*) FROM findings GROUP BY status"))
        families = tuple(FamilyCount(*row) for row in conn.execute(
            "SELECT kind, COUNT(*), SUM(status = 'mismatch'), SUM(status = 'warning') FROM findings "
            "GROUP BY kind ORDER BY COUNT(*) DESC, kind"))
        regions = tuple(RegionCount(*row) for row in conn.execute(
            "SELECT r.region, COUNT(DISTINCT r.doc), COUNT(f.seq), COALESCE(SUM(f.status IN ('mismatch', 'warning')), 0) "
            "FROM reports r LEFT JOIN findings f ON f.doc = r.doc GROUP BY r.region ORDER BY r.region"))
        reasons = tuple(ReasonCount(*row) for row in conn.execute(
            "SELECT category, basis, year, region, COUNT(*) FROM reasons GROUP BY category, basis, year, region "
            "ORDER BY category, basis, year, region"))
    finally:
        conn.close()
    return CorpusStats(reports=reports, pages=pages, findings={s: found.get(s, 0) for s in STATUSES},
                       families=families, regions=regions, reasons=reasons)


def print_stats(stats: CorpusStats) -> None:
    """The statistics as tables on standard output."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    shown = ", ".join(f"{s} {n}" for s, n in stats.reports.items())
    console.print(f"{sum(stats.reports.values())} reports ({shown}), {stats.pages} PDF pages")
    console.print("findings: " + ", ".join(f"{s} {n}" for s, n in stats.findings.items()))
    families = Table("check family", "findings", "mismatch", "warning", "alarm rate", title="findings by check family")
    for f in stats.families:
        families.add_row(f.kind, str(f.findings), str(f.mismatch), str(f.warning), f"{f.alarm_rate:.1%}")
    console.print(families)
    regions = Table("region", "reports", "findings", "alarms", "alarm rate", title="alarms by region")
    for r in stats.regions:
        regions.add_row(r.region or "?", str(r.reports), str(r.findings), str(r.alarms), f"{r.alarm_rate:.1%}")
    console.print(regions)
    reasons = Table("category", "basis", "year", "region", "reasons", title="reasons by category × basis × year × region")
    for c in stats.reasons:
        reasons.add_row(c.category or "?", c.basis, str(c.year or "?"), c.region or "?", str(c.reasons))
    console.print(reasons)
