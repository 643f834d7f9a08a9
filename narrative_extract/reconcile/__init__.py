"""Reconcile: claims and tables → Findings (``claims_to_findings``)."""

from __future__ import annotations

from ..model import Claim, Document
from ..reasons.table_reasons import table_reason_findings
from ..relations.tables import TableReading, table_readings
from .certainty import certain_alarms
from .claims import ClaimChecker
from .finding import Finding
from .report import year_warnings
from .tables import broken_tables, parent_sums, tables_to_findings


def claims_to_findings(doc: Document, claims: list[Claim],
                       readings: dict[int, TableReading] | None = None) -> list[Finding]:
    """``readings``: relations.tables.table_readings(doc), when already worked out."""
    readings = table_readings(doc) if readings is None else readings
    sums = parent_sums(doc, readings)  # once: they judge the tables and decide which tables are evidence
    checker = ClaimChecker(doc, claims, broken_tables(sums), readings)
    found = [checker.check(c) for c in claims] + checker.project_lists() + tables_to_findings(doc, sums, readings) + year_warnings(doc)
    found += table_reason_findings(doc)  # the reasons of tables' reason columns, as those of the prose
    return certain_alarms(found)
