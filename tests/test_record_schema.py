"""The published JSON Schemas (schema/*.schema.json) describe what ``check`` and ``extract`` write."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import referencing
from typer.testing import CliRunner

from narrative_extract.cli import app
from narrative_extract.model import CLAIM_KINDS, SCOPES
from narrative_extract.reconcile.finding import STATUSES

from .conftest import REPO, corpus

SCHEMA_DIR = REPO / "schema"
REPORTS = ["liaoning_org_2024_final", "anju_org_2024_final", "dachang_org_2024_budget"]
PDF_FIXTURES = str(REPO / "tests" / "fixtures" / "pdf")  # page locations, bbox evidence, unreadable PDFs
runner = CliRunner()


def load(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def validator(name: str):
    """A draft 2020-12 validator that resolves the schemas' relative references to each other."""
    resources = [(p.name, referencing.Resource.from_contents(load(p.name))) for p in SCHEMA_DIR.glob("*.schema.json")]
    registry = referencing.Registry().with_resources(resources)
    schema = load(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, registry=registry)


def run(command: str, paths: list[str], out: Path) -> list[dict]:
    result = runner.invoke(app, [command, "-o", str(out), *paths] + (["-q"] if command == "check" else []))
    assert result.exit_code in (0, 1, 2), result.output
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def errors_of(v, records: list[dict]) -> list[str]:
    return [f"{r.get('doc')}:{r.get('line', r.get('page'))} {r.get('kind')}: {e.message}"
            for r in records for e in v.iter_errors(r)]


@pytest.fixture(scope="module")
def bad_file(tmp_path_factory) -> str:
    empty = tmp_path_factory.mktemp("bad") / "empty.txt"
    empty.write_text("")
    return str(empty)


def test_every_check_record_of_the_corpus_is_valid(tmp_path, bad_file):
    records = run("check", [corpus(r) for r in REPORTS] + [PDF_FIXTURES, bad_file], tmp_path / "check.jsonl")
    assert {"doc": bad_file, "error": "empty file"} in records
    assert any("page" in r for r in records) and sum("error" in r for r in records) >= 2
    assert {r["status"] for r in records if "status" in r} >= {"consistent", "mismatch", "unverifiable"}
    assert errors_of(validator("check_record.schema.json"), records) == []


def test_every_extract_record_of_the_corpus_is_valid(tmp_path, bad_file):
    records = run("extract", [corpus(r) for r in REPORTS] + [PDF_FIXTURES, bad_file], tmp_path / "extract.jsonl")
    assert len(records) > 100 and {"doc": bad_file, "error": "empty file"} in records
    assert errors_of(validator("claim_record.schema.json"), records) == []


def test_the_schema_rejects_what_check_never_writes():
    v = validator("check_record.schema.json")
    good = {"doc": "r.txt", "line": 71, "kind": "enumeration", "subject": "基本支出", "scope": "general_budget",
            "raw": "563.04万元", "value": "563.04", "unit": "万元", "status": "mismatch", "expected": "559.96万元",
            "evidence": [{"formula": "482.69万元 + 77.27万元 = 559.96万元"}], "sentence": "…", "section": ["一、"],
            "message": "parts add to 559.96万元"}
    assert errors_of(v, [good]) == []
    bad = [
        {**good, "status": "ok"},  # not a status
        {k: v for k, v in good.items() if k != "line"},  # neither line nor page
        {**good, "value": 563.04},  # a float would lose precision
        {**good, "expected": None},  # a mismatch says what the evidence implies
        {**good, "evidence": [{"printed": "1.00"}]},  # a cell with no table
        {**good, "extra": 1},
        {"doc": "r.txt", "error": ""},
    ]
    assert all(errors_of(v, [record]) for record in bad)


def test_the_enums_follow_the_code():
    check = load("check_record.schema.json")["$defs"]
    claim = load("claim_record.schema.json")["$defs"]["claim"]["properties"]
    assert tuple(check["status"]["enum"]) == STATUSES
    assert tuple(check["scope"]["enum"]) == (*SCOPES, None)
    assert tuple(claim["scope"]["enum"]) == SCOPES
    assert tuple(claim["kind"]["enum"]) == CLAIM_KINDS


def test_every_reasons_record_of_the_corpus_is_valid(tmp_path, bad_file):
    records = run("reasons", [corpus(r) for r in REPORTS] + [bad_file], tmp_path / "reasons.jsonl")
    assert len(records) > 20 and {"doc": bad_file, "error": "empty file"} in records
    assert {r["status"] for r in records if "status" in r} <= {"classified", "uncertain"}
    assert errors_of(validator("reason_record.schema.json"), records) == []


def test_the_reason_schema_follows_the_code_and_rejects_a_category_left_uncertain():
    from narrative_extract.reasons.categories import CATEGORY_IDS
    from narrative_extract.reasons.records import DIRECTIONS, FIELDS

    reason = load("reason_record.schema.json")["$defs"]["reason"]
    assert tuple(reason["properties"]["category"]["enum"]) == (*CATEGORY_IDS, None)
    assert tuple(reason["properties"]["direction"]["enum"]) == (*DIRECTIONS, None)
    assert set(reason["properties"]) == set(FIELDS)
    v = validator("reason_record.schema.json")
    good = {"doc": "r.pdf", "page": 6, "department": "上海市审计局", "year": 2026, "report_kind": "budget",
            "basis": "yoy", "item": "公务用车购置费", "item_code": None, "direction": "decrease", "amount": "24.00",
            "unit": "万元", "percent": None, "completion": None, "text": "2026年度无公务车购置需求",
            "category": "one_off", "confidence": 0.91, "status": "classified", "empty": False, "group": "g1",
            "sentence": "…", "origin": "prose", "column": None, "figures": None}
    uncertain = {**good, "category": None, "confidence": 0.41, "status": "uncertain"}
    table = {**good, "page": 40, "origin": "table", "column": "原因", "table": 12, "row": 8,
             "figures": {"base_label": "调整后预算数", "base": "20.00", "value_label": "预算执行数", "value": "0.00"}}
    assert errors_of(v, [good, uncertain, table]) == []
    bad = [{**uncertain, "category": "one_off"}, {**good, "category": None}, {**good, "status": "maybe"},
           {**good, "amount": 24.0}, {**good, "confidence": None}, {**good, "origin": "cell"},
           {**table, "figures": {"base": "20.00"}}, {**table, "row": 0}]
    assert all(errors_of(v, [record]) for record in bad)
