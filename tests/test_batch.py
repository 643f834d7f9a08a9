"""Batches on several processes (``--jobs``): same records, same order, bad files as error records."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrative_extract import api
from narrative_extract.batch import NO_BUDGET, Budget, map_reports
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


# ------------------------------------------------------------------ per-file budget (issue 13)


def slow_records(path: str) -> list[dict]:
    """A records function that never finishes on one file, as pdfminer on an inflating stream."""
    if "dachang" in path:
        import time

        time.sleep(600)
    return [{"doc": path}]


def hungry_records(path: str) -> list[dict]:
    """A records function that wants 8 GB on one file."""
    if "dachang" in path:
        return [{"doc": path, "size": len(bytearray(8 * 2**30))}]
    return [{"doc": path}]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_over_its_time_budget_is_its_error_record_and_the_batch_goes_on(jobs):
    paths = [corpus("liaoning_org_2024_final"), corpus("dachang_org_2024_budget"), corpus("anju_org_2024_final"),
             corpus("liaoning_org_2024_final")]
    start = time.monotonic()
    outcomes = list(map_reports(paths, slow_records, jobs=jobs, budget=Budget(seconds=1, memory_mb=None)))
    assert time.monotonic() - start < 60  # not the 600 s the slow file would take
    assert [o.path for o in outcomes] == paths
    assert [o.error for o in outcomes] == [None, "took longer than 1 s", None, None]
    assert [o.records for o in outcomes if o.error is None] == [[{"doc": p}] for p in paths if "dachang" not in p]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_over_its_memory_budget_is_its_error_record_and_the_batch_goes_on(jobs):
    paths = [corpus("dachang_org_2024_budget"), corpus("anju_org_2024_final"), corpus("dachang_org_2024_budget")]
    outcomes = list(map_reports(paths, hungry_records, jobs=jobs, budget=Budget(seconds=None, memory_mb=2048)))
    assert [o.error for o in outcomes] == ["needed more than 2048 MB of memory", None,
                                           "needed more than 2048 MB of memory"]
    assert outcomes[1].records == [{"doc": paths[1]}]


def test_without_a_budget_one_job_reads_in_this_process():
    paths = [corpus("anju_org_2024_final")]
    assert [o.records for o in map_reports(paths, pid_records, jobs=1, budget=NO_BUDGET)] == [[os.getpid()]]
    assert [o.records for o in map_reports(paths, pid_records, jobs=1)] != [[os.getpid()]]  # a child, killable


def pid_records(path: str) -> list[int]:
    return [os.getpid()]


def test_check_timeout_option_gives_the_error_record(tmp_path):
    out = tmp_path / "out.jsonl"
    args = ["check", "-q", "--timeout", "0.001", corpus("anju_org_2024_final"), corpus("dachang_org_2024_budget")]
    result = runner.invoke(app, [*args, "-o", str(out)])
    assert result.exit_code == 2
    records = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert records == [{"doc": args[-2], "error": "took longer than 0.001 s"},
                       {"doc": args[-1], "error": "took longer than 0.001 s"}]
    assert result.stderr.startswith(f"error: {args[-2]}: took longer than 0.001 s\n")


BATCH_SCRIPT = """
import sys, time
from narrative_extract.batch import Budget, map_reports

def sleepy(path):
    with open(path, "a") as fh:
        import os
        fh.write(f"{os.getpid()}\\n")
    time.sleep(600)
    return []

if __name__ == "__main__":
    try:
        list(map_reports(sys.argv[1:], sleepy, jobs=2, budget=Budget(seconds=900, memory_mb=None)))
    except KeyboardInterrupt:
        print("interrupted", flush=True)
        sys.exit(130)
"""


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text()


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc (Linux)")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_a_stopped_batch_leaves_no_workers(tmp_path, sig):
    """Killed (SIGKILL) or interrupted (Ctrl-C), the batch's workers end with it."""
    script = tmp_path / "batch.py"
    script.write_text(BATCH_SCRIPT)
    marks = [tmp_path / "a.txt", tmp_path / "b.txt"]
    parent = subprocess.Popen([sys.executable, str(script), *map(str, marks)], cwd=REPO, stdout=subprocess.PIPE,
                              text=True)
    deadline = time.monotonic() + 60
    while not all(m.exists() and m.read_text().strip() for m in marks) and time.monotonic() < deadline:
        time.sleep(0.1)
    workers = [int(m.read_text()) for m in marks]
    assert all(alive(w) for w in workers)
    parent.send_signal(sig)
    out, _ = parent.communicate(timeout=60)
    assert (parent.returncode, out) == ((130, "interrupted\n") if sig == signal.SIGINT else (-signal.SIGKILL, ""))
    deadline = time.monotonic() + 30
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(w) for w in workers)
