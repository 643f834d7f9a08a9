"""``corpus build``: every report of a batch into the corpus database, resumably.

A report already in the database with the same content hash and tool version is skipped (by its
size and modification time when they are unchanged too, without reading it: ``plan.py``); a
changed file is done again and its old rows replaced; a file that cannot be read is a ``reports``
row with ``status = 'error'`` and its ``error``. Reports no longer among the inputs are kept, or
deleted with ``prune``. The reports are read by local worker processes
(``batch.map_reports``, ``jobs``) or by a Dask cluster (``scheduler``, ``dask_runner.py``), both
running ``rows.report_rows``; only this process writes the database, one transaction per report
as the results come back, so a run killed at any point loses at most the reports in flight.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache, partial
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ..batch import Outcome, map_reports
from .db import connect, prune_reports, stored_versions, update_stats, write_report
from .plan import FileStat, plan_build
from .region import report_region
from .rows import ReportRows, RowOptions, report_rows

DEFAULT_OPTIONS = RowOptions()


@dataclass(frozen=True)
class BuildResult:
    """What a build did: reports given, done now, skipped (unchanged), failed (now an error row)."""

    db: str
    total: int
    done: int
    skipped: int
    failed: int
    pages: int  # pages of the reports done now (PDF reports; text reports have none)
    hashed: int = 0  # reports whose bytes were hashed to decide (the others skipped by size and time)
    absent: int = 0  # reports in the database that are not among the inputs (kept unless pruned)
    pruned: int = 0  # of those, deleted now (``prune``)


@dataclass(frozen=True)
class Progress:
    """One report finished: shown by the CLI's progress bar."""

    doc: str
    pages: int
    error: str | None


@cache
def tool_version(model: str | None = None) -> str:
    """The package version and the reason model file's hash: a new release or a retrained model
    makes every report be done again."""
    from ..reasons.classifier import MODEL_PATH

    try:
        pkg = version("narrative_extract")
    except PackageNotFoundError:  # pragma: no cover - run from a checkout that was not installed
        pkg = "0+unknown"
    path = Path(model) if model else MODEL_PATH
    model_hash = hashlib.sha256(path.read_bytes()).hexdigest()[:12] if path.is_file() else "none"
    return f"{pkg}+model.{model_hash}"


def corpus_build(
    paths: list[str], db: str, *, jobs: int = 1, scheduler: str | None = None,
    options: RowOptions = DEFAULT_OPTIONS, force: bool = False, prune: bool = False,
    on_progress: Callable[[Progress], None] | None = None,
    on_plan: Callable[[int, int], None] | None = None,
) -> BuildResult:
    """Build or update the database ``db`` from the reports (files or folders) in ``paths``.

    ``jobs``: local worker processes (0: one per CPU); ``scheduler``: a Dask scheduler address
    (then ``jobs`` is not used). ``force``: do every report again. ``prune``: delete, in one
    transaction before any report is read, the reports of the database that are not among the
    inputs (named by their path as given). ``on_plan(to_do, skipped)`` is called once before any
    report is read, ``on_progress`` after each report is written."""
    from ..api import expand_paths

    files = list(dict.fromkeys(expand_paths(paths)))  # a report named twice is one report
    conn = connect(db)
    try:
        stored = stored_versions(conn)
        inputs = set(files)
        absent = sorted(doc for doc in stored if doc not in inputs)
        pruned = prune_reports(conn, absent) if prune else 0
        tool = tool_version(options.model)
        plan = plan_build(files, stored, tool, options.cells, force)
        update_stats(conn, plan.touched)
        if on_plan is not None:
            on_plan(len(plan.todo), plan.skipped)
        done = failed = pages = 0
        for outcome in _outcomes(plan.todo, options, jobs, scheduler):
            report, rows = database_rows(outcome, plan.hashes[outcome.path], tool, options.cells,
                                         plan.stats[outcome.path])
            write_report(conn, report, rows)
            done += 1
            failed += outcome.error is not None
            pages += report.get("pages") or 0
            if on_progress is not None:
                on_progress(Progress(outcome.path, report.get("pages") or 0, outcome.error))
    finally:
        conn.close()
    return BuildResult(db=db, total=len(files), done=done, skipped=plan.skipped, failed=failed, pages=pages,
                       hashed=plan.hashed, absent=len(absent) - pruned, pruned=pruned)


def _outcomes(todo: list[str], options: RowOptions, jobs: int, scheduler: str | None) -> Iterator[Outcome]:
    records = partial(report_rows, options)
    if scheduler is not None:
        from .dask_runner import on_cluster

        return on_cluster(scheduler, todo, records)
    return map_reports(todo, records, jobs)


def database_rows(outcome: Outcome, digest: str | None, tool: str, cells: bool,
                  stat: FileStat | None = None) -> tuple[dict, dict[str, list]]:
    """The ``reports`` row and the rows of each table for one report's outcome."""
    built = datetime.now(UTC).isoformat(timespec="seconds")
    base = {"doc": outcome.path, "content_hash": digest, "size": stat.size if stat else None,
            "mtime_ns": stat.mtime_ns if stat else None, "tool_version": tool, "cells": int(cells),
            "built_at": built}
    if outcome.error is not None or not outcome.records:
        region = report_region(outcome.path, None)
        return {**base, "status": "error", "error": outcome.error or "no result",
                "region": region.name, "region_source": region.source}, {}
    got: ReportRows = outcome.records[0]
    summary = got.summary
    region = report_region(outcome.path, summary.get("unit"))
    report = {**base, **{k: v for k, v in summary.items() if k != "verdicts"}, **summary["verdicts"],
              "status": "ok", "region": region.name, "region_source": region.source,
              "findings": len(got.findings), "reasons": len(got.reasons), "seconds": got.seconds}
    findings = [{**f, "certainty": (f.get("relation") or {}).get("certainty")} for f in got.findings]
    reasons = [{**r, "region": region.name} for r in got.reasons]
    rows: dict[str, list] = {"claims": got.claims, "findings": findings, "reasons": reasons}
    if cells:
        rows["cells"] = got.cells
    return report, rows
