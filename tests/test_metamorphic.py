"""A report re-laid-out or re-worded in an equivalent way gets the same verdicts (tests/variants.py).

Compared: every claim's verdict, in reading order, as (line, kind, stated value, status); and the
statuses of the tables' own relations (not for the variants that print a rounded figure to more places or add a memo column:
variants.CLAIMS_ONLY_VARIANTS). Line numbers do not move (variants change lines in place).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from narrative_extract import api

from .conftest import corpus
from .variants import CLAIMS_ONLY_VARIANTS, VARIANTS

REPORTS = ("liaoning_org_2024_final", "dachang_org_2024_budget")


def verdicts(path: str) -> tuple[list[tuple], list[tuple]]:
    findings = api.check(path)
    claims = [(f.claim.loc.line, f.kind, f.amount.value if f.amount else None, f.status)
              for f in findings if f.claim is not None]
    tables = sorted((f.kind, f.status) for f in findings if f.claim is None)
    return claims, tables


@cache
def original(name: str) -> tuple[list[tuple], list[tuple]]:
    return verdicts(corpus(name))


@pytest.mark.parametrize("report", REPORTS)
@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_variant_gets_the_same_verdicts(tmp_path: Path, report: str, variant: str):
    text = Path(corpus(report)).read_text(encoding="utf-8")
    changed = VARIANTS[variant](text)
    path = tmp_path / f"{report}.txt"
    path.write_text(changed, encoding="utf-8")
    claims, tables = verdicts(str(path))
    want_claims, want_tables = original(report)
    assert claims == want_claims
    if variant not in CLAIMS_ONLY_VARIANTS:
        assert tables == want_tables


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_variant_changes_the_report(variant: str):
    """Each variant really alters liaoning (a variant that changes nothing proves nothing)."""
    text = Path(corpus("liaoning_org_2024_final")).read_text(encoding="utf-8")
    assert VARIANTS[variant](text) != text


def test_split_codes_carry_the_class_and_kuan_of_the_rows_above():
    """烟台 prints 201 | | ; | 04 | ; | | 01: the 款 row is 20104 and the 项 row 2010401."""
    from narrative_extract.layout.grid import carried_code

    assert carried_code(["", "04", ""], "201") == "20104"
    assert carried_code(["", "", "01"], "20104") == "2010401"
    assert carried_code(["", "2"], "301") == "30102"  # 类 | 款 of economic codes, leading zero dropped
    assert carried_code(["", "", "01"], "201") is None  # a 项 with no 款 above it: no code is surer than none
    assert carried_code(["合计", "", ""], "201") is None
