"""Which reports of a build to do: a report is skipped when the database already holds it unchanged.

The content hash (SHA-256 of the report's bytes) decides whether a report is unchanged, but hashing
every input before the first report is read costs a pass over all of them (100,000 files: minutes).
So a report whose files have the size and modification time (ns) stored in its row, done by the same
tool version (with the cells asked for, when they are), is skipped without being read at all. Any
other report is hashed as before: a file touched but identical is skipped too, and its row gets the
new size and time so that the next run skips it by them; a changed one is done again. The size and
time are taken before the hash, and the hash before the report is read, so a file written during a
build is at worst done again on the next run, never skipped with rows of other content.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class FileStat:
    """What the file system says of a report's file(s): total bytes and the latest modification time."""

    size: int
    mtime_ns: int


@dataclass(frozen=True)
class Stored:
    """What the database holds of one report: the identity it was done under."""

    content_hash: str | None
    tool_version: str | None
    cells: bool
    size: int | None
    mtime_ns: int | None


@dataclass
class Plan:
    """The reports to do (in input order) with their hash and stat, and what was decided without work."""

    todo: list[str]
    hashes: dict[str, str | None]  # of the reports to do
    stats: dict[str, FileStat | None]  # of the reports to do
    skipped: int = 0
    hashed: int = 0  # reports whose bytes were read to decide (the others by size and time alone)
    touched: list[tuple[str, FileStat]] = field(default_factory=list)  # same content, new size or time


def parts(doc: str) -> list[str]:
    """The files of a report: one, or ``A.pdf+B.pdf`` split (a name with ``+`` that is a file is one)."""
    return [doc] if Path(doc).exists() or "+" not in doc else doc.split("+")


def file_stat(doc: str) -> FileStat | None:
    """The report's size (summed over its files) and latest modification time; None when one is missing."""
    try:
        found = [os.stat(p) for p in parts(doc)]
    except OSError:
        return None
    return FileStat(sum(s.st_size for s in found), max(s.st_mtime_ns for s in found))


def content_hash(doc: str) -> str | None:
    """SHA-256 of the report's bytes (of each file in order for ``A.pdf+B.pdf``); None when unreadable."""
    digest = hashlib.sha256()
    try:
        for part in parts(doc):
            with open(part, "rb") as fh:
                while block := fh.read(1 << 20):
                    digest.update(block)
                digest.update(b"\0")
    except OSError:
        return None
    return digest.hexdigest()


def plan_build(files: list[str], stored: dict[str, Stored], tool: str, cells: bool, force: bool) -> Plan:
    """Decide, for each report, to skip it (by size and time, else by hash) or do it."""
    plan = Plan(todo=[], hashes={}, stats={})
    for doc in files:
        old = stored.get(doc)
        same_run = old is not None and old.tool_version == tool and (old.cells or not cells) and not force
        stat = file_stat(doc)
        if same_run and old is not None and old.content_hash is not None and stat is not None \
                and (old.size, old.mtime_ns) == (stat.size, stat.mtime_ns):
            plan.skipped += 1
            continue
        digest = content_hash(doc)
        plan.hashed += 1
        if same_run and old is not None and digest is not None and digest == old.content_hash:
            plan.skipped += 1
            if stat is not None:
                plan.touched.append((doc, stat))
            continue
        plan.todo.append(doc)
        plan.hashes[doc] = digest
        plan.stats[doc] = stat
    return plan
