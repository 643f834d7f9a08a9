"""Reconcile: claims and tables → Findings (``claims_to_findings``)."""

from __future__ import annotations

from ..model import Claim, Document
from .claims import ClaimChecker
from .finding import Finding
from .report import year_warnings
from .tables import tables_to_findings


def claims_to_findings(doc: Document, claims: list[Claim]) -> list[Finding]:
    checker = ClaimChecker(doc, claims)
    return [checker.check(c) for c in claims] + tables_to_findings(doc) + year_warnings(doc)
