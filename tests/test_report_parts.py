"""A report given as several files (``A+B``): the narrative of one checked against the tables of the
other, every location naming its file (ingest/parts.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrative_extract import api
from narrative_extract.cli import app
from narrative_extract.errors import InputError

from .conftest import corpus

TABLES_START = "第四部分 2024 年度部门决算表"


def split_liaoning(tmp_path: Path) -> tuple[Path, Path]:
    """liaoning as 北京 publishes: the narrative (情况说明) and the tables (报表) as two files."""
    text = Path(corpus("liaoning_org_2024_final")).read_text(encoding="utf-8")
    cut = text.rindex(TABLES_START)  # the heading itself, not its line in the table of contents
    narrative, tables = tmp_path / "附件1_情况说明.txt", tmp_path / "附件2_报表.txt"
    narrative.write_text(text[:cut], encoding="utf-8")
    tables.write_text(text[cut:], encoding="utf-8")
    return narrative, tables


def verdicts(findings) -> list[tuple]:
    return [(f.kind, f.amount.value if f.amount else None, f.status) for f in findings if f.claim is not None]


def test_two_files_of_one_report_get_the_verdicts_of_the_whole(tmp_path: Path):
    narrative, tables = split_liaoning(tmp_path)
    whole = api.check(corpus("liaoning_org_2024_final"))
    joined = api.check(f"{narrative}+{tables}")
    assert verdicts(joined) == verdicts(whole)
    alone = api.check(str(narrative))  # the narrative alone has nothing to be checked against
    assert sum(f.status == "consistent" for f in alone) < sum(f.status == "consistent" for f in joined)


def test_every_location_names_its_file(tmp_path: Path):
    narrative, tables = split_liaoning(tmp_path)
    path = f"{narrative}+{tables}"
    result = CliRunner().invoke(app, ["check", path, "-q"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records[0]["doc"] == path and records[0]["report"]["parts"] == [str(narrative), str(tables)]
    linked = [r for r in records if r.get("kind") == "amount" and r["status"] == "consistent"
              and any("table" in e for e in r["evidence"])]
    assert linked and {r["file"] for r in linked} <= {str(narrative), str(tables)}
    assert sum(r["file"] == str(narrative) for r in linked) > 50
    assert all(e["at"]["file"] == str(tables) for r in linked for e in r["evidence"] if "table" in e)


def test_a_missing_part_is_an_error_naming_it(tmp_path: Path):
    narrative, _ = split_liaoning(tmp_path)
    with pytest.raises(InputError) as err:
        api.check(f"{narrative}+{tmp_path / 'missing.pdf'}")
    assert err.value.path.endswith("missing.pdf") and err.value.reason == "no such file"
