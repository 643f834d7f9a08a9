"""Batches on several processes (``--jobs``): same records, same order, bad files as error records."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from narrative_extract import api
from narrative_extract.batch import map_reports
from narrative_extract.cli import app, claim_records

from .conftest import REPO, corpus

runner = CliRunner()


def failing_records(path: str) -> list[dict]:
    """A records function with a bug on one file (module level, so that workers can run it)."""
    if "dachang" in path:
        raise ZeroDivisionError("boom")
    return [{"doc": path}]


def test_map_reports_on_two_processes_keeps_input_order_and_error_outcomes(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    paths = [corpus("liaoning_org_2024_final"), str(empty), corpus("anju_org_2024_final")]
    one = list(map_reports(paths, claim_records, jobs=1))
    two = list(map_reports(paths, claim_records, jobs=2))
    assert [o.path for o in two] == paths
    assert two == one
    assert two[1].error == "empty file" and two[1].records == []
    assert len(two[0].records) > 200 and {r["doc"] for r in two[2].records} == {paths[2]}


def test_a_bug_in_a_worker_is_that_files_error_and_the_others_go_on():
    paths = [corpus("dachang_org_2024_budget"), corpus("liaoning_org_2024_final")]
    outcomes = list(map_reports(paths, failing_records, jobs=2))
    assert outcomes[0].error.startswith("internal error (ZeroDivisionError: boom at test_batch.py:")
    assert outcomes[1].records == [{"doc": paths[1]}] and outcomes[1].error is None


def test_check_with_jobs_writes_what_one_process_writes(tmp_path):
    bad = tmp_path / "not_a_report.txt"
    bad.write_text("hello world\n")
    args = [corpus("liaoning_org_2024_final"), str(bad), str(REPO / "tests" / "fixtures" / "pdf" / "table_across_pages.pdf"),
            corpus("dachang_org_2024_budget")]
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"j{jobs}.jsonl"
        result = runner.invoke(app, ["check", "-q", "-j", jobs, *args, "-o", str(out)])
        assert result.exit_code == 2  # a file could not be read
        outs.append(out.read_text(encoding="utf-8"))
    assert outs[0] == outs[1]
    records = [json.loads(x) for x in outs[1].splitlines()]
    docs = list(dict.fromkeys(r["doc"] for r in records))
    assert docs == args  # one block per file, in the order given
    assert next(r for r in records if r["doc"] == str(bad))["error"].startswith("no Chinese text found")


def test_reasons_with_jobs_equal_one_process():
    paths = [corpus("liaoning_org_2024_final"), corpus("anju_org_2024_final")]
    one = api.reasons(paths)
    assert api.reasons(paths, jobs=2) == one
    assert len(one) > 30 and [r.doc for r in one] == sorted((r.doc for r in one), key=paths.index)


def dying_records(path: str) -> list[dict]:
    """A records function whose worker dies on one file, as under the OOM killer or a native crash."""
    if "dachang" in path:
        import os
        import signal

        os.kill(os.getpid(), signal.SIGKILL)
    return [{"doc": path}]


def test_a_worker_that_dies_costs_only_its_own_file():
    paths = [corpus("liaoning_org_2024_final"), corpus("dachang_org_2024_budget"), corpus("anju_org_2024_final"),
             corpus("liaoning_org_2024_final")]
    outcomes = list(map_reports(paths, dying_records, jobs=2))
    assert [o.path for o in outcomes] == paths
    assert [o.error is None for o in outcomes] == [True, False, True, True]
    assert outcomes[1].error.startswith("the worker process reading this file died")
    assert outcomes[3].records == [{"doc": paths[3]}]
