"""Parents equal the sum of their children in every parsed function-code table."""

from __future__ import annotations

import pytest

from narrative_extract import api
from narrative_extract.reconcile.tables import tables_to_findings

from .conftest import corpus

# Exceptions found while building: none in the corpus. A real misprint would be listed here with why.
KNOWN_EXCEPTIONS: dict[str, list[str]] = {}


@pytest.mark.parametrize("name", ["liaoning_org_2024_final", "dachang_org_2024_budget"])
def test_children_sum_to_parents(name):
    findings = tables_to_findings(api.read_document(corpus(name)))
    sums = [f for f in findings if f.kind == "table_children_sum"]
    assert len(sums) > 20
    bad = [f"{f.evidence[0].table} {f.subject}: {f.message}" for f in sums if f.status == "mismatch"]
    assert bad == KNOWN_EXCEPTIONS.get(name, [])


def test_row_totals_and_cross_total_liaoning():
    findings = tables_to_findings(api.read_document(corpus("liaoning_org_2024_final")))
    cross = [f for f in findings if f.kind == "table_cross_total"]
    assert len(cross) == 1 and cross[0].status == "consistent"  # 4,363.99 + 712.96 = 5,076.95 vs 5,076.96
    assert all(f.status != "mismatch" for f in findings if f.kind == "table_row_total")
