"""Reconcile: claims and tables → Findings (``claims_to_findings``)."""

from __future__ import annotations

from ..model import Claim, Document
from ..relations.tables import table_readings
from .certainty import certain_alarms
from .claims import ClaimChecker
from .finding import Finding
from .report import year_warnings
from .tables import broken_tables, parent_sums, tables_to_findings


def claims_to_findings(doc: Document, claims: list[Claim]) -> list[Finding]:
    sums = parent_sums(doc)  # once: they judge the tables and decide which tables are evidence
    checker = ClaimChecker(doc, claims, broken_tables(sums), table_readings(doc))
    found = [checker.check(c) for c in claims] + tables_to_findings(doc, sums) + year_warnings(doc)
    return certain_alarms(found)
