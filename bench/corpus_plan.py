"""How fast `corpus build` decides which reports to skip: by size and modification time, or by hashing.

A folder of ``--files`` copies of the national PDFs (default 1,000 copies, about 630 MB) and a
database that already holds every one of them (rows written directly, as a finished build leaves
them). Then the skip decision of a re-run (``corpus.plan.plan_build``) is timed two ways:

- by content hash (what every run did before: every file read and hashed), the database rows
  having no size or time;
- by size and modification time (``os.stat`` only), the rows having them;

and a whole `corpus build` re-run over the folder (listing, database read, decision) with the
second database. Files per second are printed, never asserted. The files are freshly written, so
they are in the page cache: hashing from a cold disk is slower still, the stat path is not.

    .venv/bin/python bench/corpus_plan.py [--files 1000]
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from narrative_extract import api
from narrative_extract.corpus.build import tool_version
from narrative_extract.corpus.db import connect, stored_versions, write_report
from narrative_extract.corpus.plan import Stored, content_hash, file_stat, plan_build

NATIONAL = REPO.parent / "shared" / "national_pdfs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    args = parser.parse_args()
    sources = sorted(NATIONAL.glob("*.pdf"))
    if not sources:
        sys.exit(f"no PDFs in {NATIONAL}")
    tool = tool_version(None)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        files = []
        for k, source in zip(range(args.files), itertools.cycle(sources), strict=False):
            target = folder / f"{k:06d}_{source.name}"
            shutil.copyfile(source, target)
            files.append(str(target))
        total_mb = sum(Path(f).stat().st_size for f in files) / 1e6
        db = Path(tmp) / "corpus.sqlite"
        conn = connect(db)
        for f in files:  # what a finished build leaves: one ok row per report
            stat = file_stat(f)
            assert stat is not None
            write_report(conn, {"doc": f, "content_hash": content_hash(f), "size": stat.size,
                                "mtime_ns": stat.mtime_ns, "tool_version": tool, "cells": 0, "status": "ok"}, {})
        stored = stored_versions(conn)
        conn.close()
        print(f"{len(files):,} files, {total_mb:,.0f} MB (in the page cache)")
        unstated = {d: Stored(s.content_hash, s.tool_version, s.cells, None, None) for d, s in stored.items()}
        for label, rows in (("by content hash (before)", unstated), ("by size and mtime_ns", stored)):
            start = time.perf_counter()
            plan = plan_build(files, rows, tool, False, False)
            seconds = time.perf_counter() - start
            assert plan.skipped == len(files) and not plan.todo
            print(f"skip decision {label:<26} {seconds:7.2f} s  {len(files) / seconds:>10,.0f} files/s  "
                  f"({plan.hashed:,} hashed)")
        start = time.perf_counter()
        result = api.corpus_build([str(folder)], str(db))
        seconds = time.perf_counter() - start
        assert result.skipped == len(files) and result.hashed == 0
        print(f"whole `corpus build` re-run (list, read db, decide) {seconds:7.2f} s  "
              f"{len(files) / seconds:>10,.0f} files/s")


if __name__ == "__main__":
    main()
