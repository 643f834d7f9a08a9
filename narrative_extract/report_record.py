"""One summary record per report (``report_summary``): nothing a user gave is silent.

A file in which nothing was found, or whose tables could not be read consistently, still gets a
record saying so: pages, the standard tables found, claims, verdict counts, and what could not be
read (a table whose reading does not hold together is named once here, with why, instead of
raising alarms through its cells).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .ingest.pairing import Assembly, single
from .model import Document
from .reconcile.certainty import UNCERTAIN
from .reconcile.finding import STATUSES, Finding
from .relations.tables import TableReading, table_readings


@dataclass(frozen=True)
class UnreadTable:
    title: str
    where: str
    why: tuple[str, ...]


@dataclass(frozen=True)
class ReportSummary:
    doc: str
    format: str
    pages: int | None
    year: int | None
    kind: str | None
    department: str | None
    paragraphs: int
    tables: int
    standard_tables: dict[str, int]
    claims: int
    verdicts: dict[str, int]
    uncertain_links: int  # disagreements made unverifiable because their relation was not certain
    parts: tuple[str, ...] = ()  # the files of a report given as several
    not_read: tuple[UnreadTable, ...] = ()
    notes: tuple[str, ...] = field(default=())
    assembly: Assembly | None = None  # how the report was put together from the files given

    def as_dict(self) -> dict:
        return {"doc": self.doc, "report": {
            "format": self.format, "pages": self.pages, "year": self.year, "kind": self.kind,
            "department": self.department, "parts": list(self.parts), "paragraphs": self.paragraphs,
            "tables": self.tables,
            "standard_tables": self.standard_tables, "claims": self.claims, "verdicts": self.verdicts,
            "uncertain_links": self.uncertain_links,
            "not_read": [{"table": t.title, "at": t.where, "why": list(t.why)} for t in self.not_read],
            "notes": list(self.notes),
            "assembly": (self.assembly or single(self.doc)).as_dict()}}


def report_summary(doc: Document, findings: list[Finding], readings: dict[int, TableReading] | None = None,
                   assembly: Assembly | None = None) -> ReportSummary:
    """``readings``: relations.tables.table_readings(doc), when already worked out; ``assembly``:
    how the report was put together (a folder's files paired, or as given)."""
    readings = table_readings(doc) if readings is None else readings
    counts = Counter(f.status for f in findings)
    unread = tuple(UnreadTable(r.table.title, str(r.table.loc), tuple(str(d) for d in r.doubts))
                   for r in readings.values() if not r.consistent and r.table.family in ("final", "budget"))
    notes = []
    if not doc.paragraphs:
        notes.append("no narrative text found: nothing to check against the tables")
    if not doc.tables:
        notes.append("no tables found: prose figures can only be checked against each other")
    if not any(f.claim is not None for f in findings):
        notes.append("no stated figure found in the narrative")
    return ReportSummary(
        doc=doc.source, format=doc.format, pages=doc.pages, year=doc.year, kind=doc.kind, department=doc.department,
        paragraphs=len(doc.paragraphs), tables=len(doc.tables), parts=doc.parts,
        standard_tables=dict(sorted(Counter(t.standard_id for t in doc.tables if t.standard_id).items())),
        claims=sum(1 for f in findings if f.claim is not None), verdicts={s: counts.get(s, 0) for s in STATUSES},
        uncertain_links=sum(1 for f in findings if f.status == "unverifiable" and f.message.startswith(UNCERTAIN)),
        not_read=unread, notes=tuple(notes), assembly=assembly)
