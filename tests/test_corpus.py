"""``corpus build|stats|export``: the database of a batch, resumable, the same on local processes and on
a Dask cluster; its statistics, charts and exports."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrative_extract import api
from narrative_extract.cli import app
from narrative_extract.corpus.region import report_region, short_region

from .conftest import corpus

runner = CliRunner()
#: the corpus reports, renamed so that the slowest to read (anju) comes second: a run killed after
#: the first report committed is then surely in the middle of the second
REPORTS = {"a_liaoning.txt": "liaoning_org_2024_final", "b_anju.txt": "anju_org_2024_final",
           "c_dachang.txt": "dachang_org_2024_budget"}
BAD = "d_not_a_report.txt"
VOLATILE = {"built_at", "seconds"}  # when and how fast: the only columns that differ between two runs


def make_inputs(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, report in REPORTS.items():
        shutil.copy(corpus(report), folder / name)
    (folder / BAD).write_text("hello world\n", encoding="utf-8")
    return folder


def table_rows(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table, in key order, without the volatile columns."""
    conn = sqlite3.connect(db)
    try:
        out = {}
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
            cursor = conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2")
            keep = [i for i, d in enumerate(cursor.description) if d[0] not in VOLATILE]
            out[table] = [tuple(row[i] for i in keep) for row in cursor]
        return out
    finally:
        conn.close()


def query_write(db: Path, sql: str, *args) -> None:
    conn = sqlite3.connect(db)
    try:
        with conn:
            conn.execute(sql, args)
    finally:
        conn.close()


def query(db: Path, sql: str, *args) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """The inputs folder and a database built over it on one process."""
    root = tmp_path_factory.mktemp("corpus")
    inputs = make_inputs(root / "in")
    db = root / "corpus.sqlite"
    result = api.corpus_build([str(inputs)], str(db), jobs=1)
    assert (result.total, result.done, result.skipped, result.failed) == (4, 4, 0, 1)
    return inputs, db


# --------------------------------------------------------------------------- build


def test_rows_are_what_check_extract_and_reasons_give(built):
    inputs, db = built
    path = str(inputs / "a_liaoning.txt")
    summary, findings = api.checked(path)
    report = dict(zip(("status", "year", "kind", "claims", "findings", "reasons", "mismatch", "consistent", "unit"),
                      query(db, "SELECT status, year, kind, claims, findings, reasons, mismatch, consistent, unit "
                                "FROM reports WHERE doc = ?", path)[0]))
    assert report == {"status": "ok", "year": 2024, "kind": "final", "claims": summary.claims,
                      "findings": len(findings), "reasons": len(api.report_reasons(None, api.DEFAULT_SETTINGS, path)),
                      "mismatch": summary.verdicts["mismatch"], "consistent": summary.verdicts["consistent"],
                      "unit": "中共辽宁省委组织部"}
    assert report["findings"] > 300 and report["reasons"] > 10
    assert [r[0] for r in query(db, "SELECT status FROM findings WHERE doc = ? ORDER BY seq", path)] == \
        [f.status for f in findings]
    assert [r[0] for r in query(db, "SELECT raw FROM claims WHERE doc = ? ORDER BY seq", path)] == \
        [c.raw for c in api.extract(path)]
    reasons = api.report_reasons(None, api.DEFAULT_SETTINGS, path)
    assert query(db, "SELECT category, basis, text FROM reasons WHERE doc = ? ORDER BY seq", path) == \
        [(r.category, r.basis, r.text) for r in reasons]
    evidence = query(db, "SELECT evidence FROM findings WHERE doc = ? AND status = 'consistent' LIMIT 1", path)[0][0]
    assert isinstance(json.loads(evidence), list)  # lists stay JSON, as sqlite-utils stores them


def test_a_bad_file_is_a_reports_row_with_its_error(built):
    inputs, db = built
    rows = query(db, "SELECT status, error, claims FROM reports WHERE doc = ?", str(inputs / BAD))
    assert rows == [("error", "no Chinese text found: not a budget or final-account report", None)]
    assert query(db, "SELECT COUNT(*) FROM findings WHERE doc = ?", str(inputs / BAD)) == [(0,)]


def test_a_second_run_skips_every_report(built):
    inputs, db = built
    before = table_rows(db)
    result = api.corpus_build([str(inputs)], str(db), jobs=1)
    assert (result.total, result.done, result.skipped, result.failed) == (4, 0, 4, 0)
    assert table_rows(db) == before


def test_a_changed_file_is_done_again_and_its_old_rows_replaced(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    report = inputs / "dachang.txt"
    shutil.copy(corpus("dachang_org_2024_budget"), report)
    shutil.copy(corpus("liaoning_org_2024_final"), inputs / "liaoning.txt")
    db = tmp_path / "c.sqlite"
    api.corpus_build([str(inputs)], str(db))
    old_hash, old_claims = query(db, "SELECT content_hash, claims FROM reports WHERE doc = ?", str(report))[0]
    text = report.read_text(encoding="utf-8")
    cut = text.index("\n", len(text) // 2)
    report.write_text(text[:cut], encoding="utf-8")  # the second half of the report is gone
    result = api.corpus_build([str(inputs)], str(db))
    assert (result.done, result.skipped) == (1, 1)
    new_hash, new_claims = query(db, "SELECT content_hash, claims FROM reports WHERE doc = ?", str(report))[0]
    assert new_hash != old_hash and new_claims == len(api.extract(str(report))) and new_claims < old_claims
    assert query(db, "SELECT COUNT(*) FROM claims WHERE doc = ?", str(report)) == [(new_claims,)]


def _two_reports(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True)
    dachang, liaoning = folder / "dachang.txt", folder / "liaoning.txt"
    shutil.copy(corpus("dachang_org_2024_budget"), dachang)
    shutil.copy(corpus("liaoning_org_2024_final"), liaoning)
    return dachang, liaoning


def test_an_unchanged_file_is_skipped_by_its_size_and_time_without_reading_it(tmp_path, monkeypatch):
    from narrative_extract.corpus import plan

    dachang, _ = _two_reports(tmp_path / "in")
    db = tmp_path / "c.sqlite"
    first = api.corpus_build([str(tmp_path / "in")], str(db))
    assert (first.done, first.hashed) == (2, 2)
    stat = dachang.stat()
    assert query(db, "SELECT size, mtime_ns FROM reports WHERE doc = ?", str(dachang)) == \
        [(stat.st_size, stat.st_mtime_ns)]

    def no_reading(doc):
        raise AssertionError(f"{doc} was hashed")

    monkeypatch.setattr(plan, "content_hash", no_reading)
    again = api.corpus_build([str(tmp_path / "in")], str(db))
    assert (again.done, again.skipped, again.hashed) == (0, 2, 0)


def test_a_touched_identical_file_is_not_checked_again_and_a_changed_one_is(tmp_path):
    dachang, liaoning = _two_reports(tmp_path / "in")
    db = tmp_path / "c.sqlite"
    api.corpus_build([str(tmp_path / "in")], str(db))
    before = query(db, "SELECT doc, built_at, seconds, content_hash FROM reports ORDER BY doc")
    # touched: the same bytes, a new modification time → hashed, found identical, not checked again
    later = dachang.stat().st_mtime_ns + 5_000_000_000
    os.utime(dachang, ns=(later, later))
    touched = api.corpus_build([str(tmp_path / "in")], str(db))
    assert (touched.done, touched.skipped, touched.hashed) == (0, 2, 1)
    assert query(db, "SELECT doc, built_at, seconds, content_hash FROM reports ORDER BY doc") == before
    assert query(db, "SELECT mtime_ns FROM reports WHERE doc = ?", str(dachang)) == [(later,)]
    assert api.corpus_build([str(tmp_path / "in")], str(db)).hashed == 0  # the new time is remembered
    # changed: the same size, one figure altered, a new time → checked again, its rows replaced
    text = liaoning.read_text(encoding="utf-8")
    assert "10,892.96" in text
    liaoning.write_text(text.replace("10,892.96", "10,892.97", 1), encoding="utf-8")
    assert liaoning.stat().st_size == len(text.encode("utf-8"))
    old_hash = query(db, "SELECT content_hash FROM reports WHERE doc = ?", str(liaoning))[0][0]
    changed = api.corpus_build([str(tmp_path / "in")], str(db))
    assert (changed.done, changed.skipped, changed.hashed) == (1, 1, 1)
    assert query(db, "SELECT content_hash FROM reports WHERE doc = ?", str(liaoning))[0][0] not in (old_hash, None)
    assert query(db, "SELECT COUNT(*) FROM claims WHERE doc = ? AND raw LIKE '%10,892.97%'", str(liaoning))[0][0] >= 1


def test_a_database_without_sizes_and_times_is_hashed_once_then_skipped_by_them(tmp_path):
    dachang, _ = _two_reports(tmp_path / "in")
    db = tmp_path / "c.sqlite"
    api.corpus_build([str(tmp_path / "in")], str(db))
    query_write(db, "UPDATE reports SET size = NULL, mtime_ns = NULL")  # as an older version wrote it
    first = api.corpus_build([str(tmp_path / "in")], str(db))
    assert (first.done, first.skipped, first.hashed) == (0, 2, 2)
    assert query(db, "SELECT size FROM reports WHERE doc = ?", str(dachang)) == [(dachang.stat().st_size,)]
    assert api.corpus_build([str(tmp_path / "in")], str(db)).hashed == 0


def test_reports_no_longer_among_the_inputs_are_kept_unless_pruned(tmp_path):
    dachang, liaoning = _two_reports(tmp_path / "in")
    db = tmp_path / "c.sqlite"
    api.corpus_build([str(tmp_path / "in")], str(db))
    kept = table_rows(db)
    counts = {t: query(db, f"SELECT COUNT(*) FROM {t} WHERE doc = ?", str(liaoning))[0][0]
              for t in ("claims", "findings", "reasons")}
    assert min(counts.values()) > 10
    dachang.unlink()
    result = api.corpus_build([str(tmp_path / "in")], str(db))
    assert (result.total, result.skipped, result.absent, result.pruned) == (1, 1, 1, 0)
    assert table_rows(db) == kept  # nothing deleted without --prune
    cli = runner.invoke(app, ["corpus", "build", str(tmp_path / "in"), "--db", str(db), "--prune"])
    assert cli.exit_code == 0, cli.output
    assert "1 reports no longer among the inputs deleted (--prune)" in cli.stderr
    assert query(db, "SELECT doc FROM reports") == [(str(liaoning),)]
    for table in ("claims", "findings", "reasons"):
        assert query(db, f"SELECT COUNT(*) FROM {table} WHERE doc = ?", str(dachang)) == [(0,)]
        assert query(db, f"SELECT COUNT(*) FROM {table} WHERE doc = ?", str(liaoning)) == [(counts[table],)]
    again = api.corpus_build([str(tmp_path / "in")], str(db), prune=True)
    assert (again.absent, again.pruned) == (0, 0)


def test_build_command_says_how_many_reports_are_no_longer_among_the_inputs(tmp_path):
    dachang, liaoning = _two_reports(tmp_path / "in")
    db = tmp_path / "c.sqlite"
    api.corpus_build([str(dachang), str(liaoning)], str(db))
    result = runner.invoke(app, ["corpus", "build", str(liaoning), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "1 reports in the database are no longer among the inputs; kept (--prune deletes them)" in result.stderr
    assert len(query(db, "SELECT doc FROM reports")) == 2


def test_cells_are_kept_when_asked_and_a_report_without_them_is_done_again(tmp_path):
    db = tmp_path / "c.sqlite"
    path = corpus("liaoning_org_2024_final")
    api.corpus_build([path], str(db))
    assert query(db, "SELECT COUNT(*) FROM cells") == [(0,)]
    result = api.corpus_build([path], str(db), cells=True)
    assert result.done == 1
    cells = [(t.title, r.name, c.column, c.text) for t in api.tables(path) for r in t.rows for c in r.cells]
    assert query(db, 'SELECT "table", row_name, "column", text FROM cells ORDER BY seq') == cells
    assert len(cells) > 500
    assert query(db, "SELECT COUNT(*) FROM cells WHERE standard_id = 'final.01' AND value IS NOT NULL")[0][0] > 10


def test_a_run_killed_mid_way_then_restarted_ends_as_an_uninterrupted_run(tmp_path, built):
    inputs = make_inputs(tmp_path / "in")
    db = tmp_path / "killed.sqlite"
    exe = str(Path(sys.executable).with_name("narrative-extract"))
    proc = subprocess.Popen([exe, "corpus", "build", str(inputs), "--db", str(db), "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if db.exists() and _committed(db) >= 1:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the build ended before it could be killed"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    done_before = _committed(db)
    assert 1 <= done_before < 4
    result = api.corpus_build([str(inputs)], str(db))
    assert (result.skipped, result.done) == (done_before, 4 - done_before)
    whole = tmp_path / "whole.sqlite"
    api.corpus_build([str(inputs)], str(whole))
    assert table_rows(db) == table_rows(whole)
    assert len(table_rows(db)["findings"]) > 700


def _committed(db: Path) -> int:
    try:
        return query(db, "SELECT COUNT(*) FROM reports")[0][0]
    except sqlite3.OperationalError:  # the schema is not written yet
        return 0


def test_a_two_worker_dask_cluster_gives_the_rows_of_one_process(tmp_path, built):
    from distributed import LocalCluster

    inputs, db = built
    dask_db = tmp_path / "dask.sqlite"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = api.corpus_build([str(inputs)], str(dask_db), scheduler=cluster.scheduler_address)
    assert (result.done, result.failed) == (4, 1)
    assert table_rows(dask_db) == table_rows(db)


# --------------------------------------------------------------------------- region


def test_region_from_the_unit_name_a_manifest_or_a_folder_and_none_when_unknown(tmp_path):
    assert short_region("中共辽宁省委组织部") == "辽宁"
    assert short_region("内蒙古自治区财政厅") == "内蒙古"
    assert short_region("烟台市财政局") is None  # a city's unit does not name its province
    folder = tmp_path / "001_山东"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(b"")
    (folder / "b.pdf").write_bytes(b"")
    (folder / "MANIFEST.tsv").write_text("file\tprovince\tcity\na.pdf\t江苏\twuxi\n", encoding="utf-8")
    assert report_region(str(folder / "a.pdf"), "上海市财政局") == ("江苏", "manifest")
    assert report_region(str(folder / "b.pdf"), "上海市财政局") == ("山东", "path")
    assert report_region(str(tmp_path / "c.pdf"), "上海市财政局") == ("上海", "unit")
    assert report_region(str(tmp_path / "c.pdf"), "烟台市财政局") == (None, None)


def test_reports_rows_say_where_their_region_comes_from(built):
    inputs, db = built
    assert query(db, "SELECT doc, region, region_source FROM reports ORDER BY doc") == [
        (str(inputs / "a_liaoning.txt"), "辽宁", "unit"), (str(inputs / "b_anju.txt"), None, None),
        (str(inputs / "c_dachang.txt"), None, None), (str(inputs / BAD), None, None)]
    assert query(db, "SELECT DISTINCT region FROM reasons WHERE doc = ?", str(inputs / "a_liaoning.txt")) == [("辽宁",)]


# --------------------------------------------------------------------------- stats, charts, export


def test_stats_count_reports_findings_families_regions_and_reasons(built):
    _, db = built
    stats = api.corpus_stats(str(db))
    assert stats.reports == {"error": 1, "ok": 3}
    verdicts = query(db, "SELECT SUM(consistent), SUM(mismatch), SUM(unverifiable) FROM reports")[0]
    assert (stats.findings["consistent"], stats.findings["mismatch"], stats.findings["unverifiable"]) == verdicts
    assert sum(f.findings for f in stats.families) == sum(stats.findings.values()) > 800
    liaoning = next(r for r in stats.regions if r.region == "辽宁")
    assert (liaoning.reports, liaoning.findings) == (1, query(db, "SELECT findings FROM reports WHERE region = '辽宁'")[0][0])
    assert sum(r.reasons for r in stats.reasons) == query(db, "SELECT COUNT(*) FROM reasons")[0][0] > 20
    assert {r.year for r in stats.reasons} == {2024}
    assert {r.basis for r in stats.reasons} <= {"yoy", "budget", "performance"}


def test_stats_command_prints_json_and_writes_charts(built, tmp_path):
    _, db = built
    result = runner.invoke(app, ["corpus", "stats", "--db", str(db), "--json", "--plot", str(tmp_path / "charts")])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed["reports"] == {"error": 1, "ok": 3}
    charts = sorted(p.name for p in (tmp_path / "charts").iterdir())
    assert charts == [f"{n}.{s}" for n in ("alarms_by_family", "alarms_by_region", "reasons_by_year") for s in ("png", "svg")]
    assert (tmp_path / "charts" / "alarms_by_region.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = (tmp_path / "charts" / "alarms_by_family.svg").read_text(encoding="utf-8")
    assert "alarm rate by check family" in svg


def test_export_jsonl_csv_and_parquet_partitioned_by_year(built, tmp_path):
    import csv

    import pyarrow.dataset as ds

    _, db = built
    n_findings = query(db, "SELECT COUNT(*) FROM findings")[0][0]
    api.corpus_export(str(db), "jsonl", str(tmp_path / "j"))
    lines = (tmp_path / "j" / "findings.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == n_findings
    first = json.loads(lines[0])
    assert isinstance(first["evidence"], list) and first["seq"] == 0
    assert not (tmp_path / "j" / "cells.jsonl").exists()  # no cells were kept
    api.corpus_export(str(db), "csv", str(tmp_path / "c"), ["reports"])
    with (tmp_path / "c" / "reports.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted(r["status"] for r in rows) == ["error", "ok", "ok", "ok"]
    api.corpus_export(str(db), "parquet", str(tmp_path / "p"))
    assert sorted(p.name for p in (tmp_path / "p" / "findings").iterdir()) == ["year=2024"]
    table = ds.dataset(tmp_path / "p" / "findings", partitioning="hive").to_table()
    assert table.num_rows == n_findings and set(table.column("year").to_pylist()) == {2024}
    reports = ds.dataset(tmp_path / "p" / "reports", partitioning="hive").to_table()
    assert sorted(reports.column("year").to_pylist(), key=str) == [2024, 2024, 2024, None]


# --------------------------------------------------------------------------- command line


def test_build_command_exit_codes_and_summary(tmp_path):
    db = tmp_path / "c.sqlite"
    ok = runner.invoke(app, ["corpus", "build", corpus("liaoning_org_2024_final"), "--db", str(db)])
    assert ok.exit_code == 0, ok.output
    assert "1 reports: 1 done (0 could not be read), 0 unchanged" in ok.stderr
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    failed = runner.invoke(app, ["corpus", "build", str(bad), corpus("liaoning_org_2024_final"), "--db", str(db)])
    assert failed.exit_code == 2
    assert "2 reports: 1 done (1 could not be read), 1 unchanged" in failed.stderr
    missing = runner.invoke(app, ["corpus", "build", str(bad), "--db", str(tmp_path / "no" / "c.sqlite")])
    assert missing.exit_code == 2 and "does not exist" in missing.stderr


def test_stats_and_export_name_a_missing_database_and_a_bad_format(tmp_path):
    result = runner.invoke(app, ["corpus", "stats", "--db", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 2 and "none.sqlite: no corpus database" in result.stderr
    result = runner.invoke(app, ["corpus", "export", "--db", str(tmp_path / "none.sqlite"), "--format", "xlsx"])
    assert result.exit_code == 2 and "unknown format 'xlsx'" in result.stderr


def test_a_file_that_is_no_database_is_named_and_an_older_schema_gets_its_new_columns(tmp_path):
    from narrative_extract.corpus.db import connect

    bad = tmp_path / "empty.txt"
    bad.write_text("")
    not_db = tmp_path / "notes.sqlite"
    not_db.write_text("these are notes, not a database\n" * 100)
    result = runner.invoke(app, ["corpus", "build", str(bad), "--db", str(not_db)])
    assert result.exit_code == 2 and "notes.sqlite: file is not a database" in result.stderr
    old = tmp_path / "old.sqlite"
    connect(old).close()
    query(old, "ALTER TABLE findings DROP COLUMN certainty")
    result = runner.invoke(app, ["corpus", "build", str(bad), "--db", str(old)])
    assert result.exit_code == 2  # the empty file is an error row, written into the upgraded schema
    assert ("certainty",) in [(r[1],) for r in query(old, "PRAGMA table_info(findings)")]
    assert query(old, "SELECT status, error FROM reports") == [("error", "empty file")]


def test_progress_shows_reports_errors_and_pages_on_a_terminal_and_nothing_otherwise():
    import io

    from rich.console import Console

    from narrative_extract.corpus.build import Progress
    from narrative_extract.corpus.progress import BuildProgress

    assert BuildProgress().enabled is False  # standard error is no terminal under pytest
    screen = io.StringIO()
    with BuildProgress(True, Console(file=screen, force_terminal=True, width=140)) as progress:
        progress.plan(2, 5)
        progress(Progress("a.pdf", 12, None))
        progress(Progress("b.pdf", 0, "empty file"))
    shown = screen.getvalue()
    assert "reports (5 unchanged)" in shown and "2/2" in shown and "1 errors" in shown and "pages/s" in shown
