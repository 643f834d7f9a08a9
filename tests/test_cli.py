"""Each command on real input: output records, exit codes, error records in batch mode."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from narrative_extract.cli import app

from .conftest import corpus

runner = CliRunner()


def lines(output: str) -> list[dict]:
    return [json.loads(x) for x in output.splitlines() if x.startswith("{")]


def test_tables_command():
    result = runner.invoke(app, ["tables", corpus("liaoning_org_2024_final")])
    assert result.exit_code == 0
    records = lines(result.stdout)
    t05 = next(r for r in records if r["standard_id"] == "final.05")
    assert t05["line"] == 467 and t05["unit"] == "万元" and t05["code"] == "公开05表"
    row = next(r for r in t05["rows"] if r["code"] == "2013299")
    assert row["cells"][2] == {"column": "本年支出/项目支出", "text": "4,957.73", "value": "4957.73"}


def test_text_command_has_locations():
    result = runner.invoke(app, ["text", corpus("anju_org_2024_final")])
    assert result.exit_code == 0
    first = lines(result.stdout)[0]
    assert first["line"] >= 1 and first["text"] and "section" in first


def test_extract_command():
    result = runner.invoke(app, ["extract", corpus("liaoning_org_2024_final")])
    records = lines(result.stdout)
    rec = next(r for r in records if r["line"] == 96 and r["kind"] == "yoy_pct")
    assert rec["raw"] == "60.05%" and rec["value"] == "60.05" and rec["subject"] == "收入总计"


def test_check_exit_codes_and_filter(tmp_path):
    ok = runner.invoke(app, ["check", "-q", corpus("liaoning_org_2024_final")])
    assert ok.exit_code == 0
    bad = runner.invoke(app, ["check", "-q", "--only", "mismatch", corpus("anju_org_2024_final")])
    assert bad.exit_code == 1
    records = lines(bad.stdout)
    # the report's summary record comes first, whatever --only keeps (no input is silent)
    assert records[0]["report"]["verdicts"]["mismatch"] == 1
    assert [r["status"] for r in records[1:]] == ["mismatch"] and records[1]["line"] == 71


def test_batch_error_record_and_others_go_on(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["tables", str(empty), corpus("dachang_org_2024_budget"), "-o", str(out)])
    assert result.exit_code == 2
    records = [json.loads(x) for x in out.read_text().splitlines()]
    assert records[0] == {"doc": str(empty), "error": "empty file"}
    assert len(records) > 5 and all("title" in r for r in records[1:])
    assert "empty.txt: empty file" in result.stderr


def test_a_bug_on_one_report_is_an_error_record_and_the_batch_goes_on(tmp_path, monkeypatch):
    from narrative_extract import api

    real_checked = api.checked

    def checked(path, *args, **kwargs):
        if "dachang" in path:
            raise ZeroDivisionError("boom")
        return real_checked(path, *args, **kwargs)

    monkeypatch.setattr(api, "checked", checked)
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["check", "-q", corpus("dachang_org_2024_budget"), corpus("liaoning_org_2024_final"),
                                 "-o", str(out)])
    assert result.exit_code == 2
    records = [json.loads(x) for x in out.read_text().splitlines()]
    assert records[0]["doc"].endswith("dachang_org_2024_budget.txt")
    assert records[0]["error"].startswith("internal error (ZeroDivisionError: boom")
    assert len(records) > 100 and {r["doc"] for r in records[1:]} == {corpus("liaoning_org_2024_final")}
