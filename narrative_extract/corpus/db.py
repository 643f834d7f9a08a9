"""The corpus database: SQLite, one table per record type, laid out as sqlite-utils and Datasette
users expect (typed columns named as the JSON records' fields, lists and objects as JSON text,
primary keys, indexes on what people filter by).

Tables: ``reports`` (one row per input report, read or not), ``claims``, ``findings``, ``reasons``
and, when asked, ``cells``. Every row of the last four has the primary key ``(doc, seq)``: ``seq``
is the record's order in its report, so a database is the same whatever order the reports were
done in. ``write_report`` replaces everything of one report in one transaction: a run killed at
any point leaves each report either whole (old or new) or absent.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..reconcile.finding import STATUSES
from .plan import FileStat, Stored

REPORT_COLUMNS: dict[str, str] = {
    "doc": "TEXT PRIMARY KEY", "content_hash": "TEXT", "size": "INTEGER", "mtime_ns": "INTEGER",
    "tool_version": "TEXT", "cells": "INTEGER",
    "status": "TEXT", "error": "TEXT", "format": "TEXT", "unit": "TEXT", "department": "TEXT",
    "region": "TEXT", "region_source": "TEXT", "year": "INTEGER", "kind": "TEXT", "pages": "INTEGER",
    "paragraphs": "INTEGER", "tables": "INTEGER", "standard_tables": "TEXT", "claims": "INTEGER",
    "findings": "INTEGER", "reasons": "INTEGER", **{s: "INTEGER" for s in STATUSES},
    "uncertain_links": "INTEGER", "parts": "TEXT", "not_read": "TEXT", "notes": "TEXT",
    "seconds": "REAL", "built_at": "TEXT",
}
_LOCATION = {"file": "TEXT", "line": "INTEGER", "page": "INTEGER"}
ROW_COLUMNS: dict[str, dict[str, str]] = {
    "claims": {**_LOCATION, "kind": "TEXT", "subject": "TEXT", "subject_printed": "TEXT", "path": "TEXT",
               "code": "TEXT", "scope": "TEXT", "raw": "TEXT", "value": "TEXT", "unit": "TEXT",
               "decimals": "INTEGER", "basis": "TEXT", "direction": "TEXT", "figure": "TEXT",
               "approximate": "INTEGER", "whole": "TEXT", "parts": "TEXT", "hedged": "INTEGER", "text": "TEXT",
               "empty": "INTEGER", "explains": "TEXT", "sentence": "TEXT", "section": "TEXT"},
    "findings": {**_LOCATION, "kind": "TEXT", "subject": "TEXT", "scope": "TEXT", "raw": "TEXT", "value": "TEXT",
                 "unit": "TEXT", "status": "TEXT", "expected": "TEXT", "certainty": "TEXT", "evidence": "TEXT",
                 "sentence": "TEXT", "section": "TEXT", "message": "TEXT", "relation": "TEXT"},
    "reasons": {"line": "INTEGER", "page": "INTEGER", "department": "TEXT", "year": "INTEGER",
                "report_kind": "TEXT", "region": "TEXT", "basis": "TEXT", "item": "TEXT", "item_code": "TEXT",
                "direction": "TEXT", "amount": "TEXT", "unit": "TEXT", "percent": "TEXT", "completion": "TEXT",
                "text": "TEXT", "category": "TEXT", "confidence": "REAL", "empty": "INTEGER", "group": "TEXT",
                "sentence": "TEXT"},
    "cells": {**_LOCATION, "table_seq": "INTEGER", "table": "TEXT", "standard_id": "TEXT", "table_unit": "TEXT",
              "row_seq": "INTEGER", "row_code": "TEXT", "row_name": "TEXT", "segment": "TEXT", "column": "TEXT",
              "text": "TEXT", "value": "TEXT"},
}
ROW_TABLES = tuple(ROW_COLUMNS)
INDEXES: dict[str, tuple[str, ...]] = {
    "reports": ("status", "kind", "year", "region", "content_hash"),
    "claims": ("kind",), "findings": ("kind", "status"),
    "reasons": ("category", "basis", "year", "region"), "cells": ("standard_id",),
}


def q(name: str) -> str:
    """A quoted SQL identifier (``group``, ``column`` and ``table`` are SQL words)."""
    return '"' + name.replace('"', '""') + '"'


def connect(path: str | Path) -> sqlite3.Connection:
    """Open (creating when new) a corpus database. Autocommit mode: transactions are explicit.
    WAL journal, so that Datasette or a query can read while a build writes."""
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=60)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    create_schema(conn)
    return conn


def create_schema(conn: sqlite3.Connection) -> None:
    """The tables and indexes; a database made by an older version gets the columns it lacks."""
    cols = ", ".join(f"{q(c)} {t}" for c, t in REPORT_COLUMNS.items())
    conn.execute(f"CREATE TABLE IF NOT EXISTS reports ({cols})")
    _add_missing(conn, "reports", REPORT_COLUMNS)
    for table, columns in ROW_COLUMNS.items():
        cols = ", ".join(f"{q(c)} {t}" for c, t in columns.items())
        conn.execute(f"CREATE TABLE IF NOT EXISTS {table} (doc TEXT NOT NULL REFERENCES reports(doc) "
                     f"ON DELETE CASCADE, seq INTEGER NOT NULL, {cols}, extra TEXT, PRIMARY KEY (doc, seq))")
        _add_missing(conn, table, columns)
    for table, indexed in INDEXES.items():
        for column in indexed:
            conn.execute(f"CREATE INDEX IF NOT EXISTS idx_{table}_{column} ON {table} ({q(column)})")


def _add_missing(conn: sqlite3.Connection, table: str, columns: Mapping[str, str]) -> None:
    present = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
    for column, kind in columns.items():
        if column not in present:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {q(column)} {kind.split()[0]}")


def stored_versions(conn: sqlite3.Connection) -> dict[str, Stored]:
    """doc → the content hash, tool version, cells kept, size and modification time of every report."""
    rows = conn.execute("SELECT doc, content_hash, tool_version, cells, size, mtime_ns FROM reports")
    return {doc: Stored(h, v, bool(c), size, mtime) for doc, h, v, c, size, mtime in rows}


def update_stats(conn: sqlite3.Connection, touched: list[tuple[str, FileStat]]) -> None:
    """The new size and modification time of reports whose content did not change, in one transaction."""
    if not touched:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany("UPDATE reports SET size = ?, mtime_ns = ? WHERE doc = ?",
                         [(stat.size, stat.mtime_ns, doc) for doc, stat in touched])
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def prune_reports(conn: sqlite3.Connection, docs: list[str]) -> int:
    """Delete the reports ``docs`` and all their rows, in one transaction; how many reports went."""
    if not docs:
        return 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in ROW_TABLES:
            conn.executemany(f"DELETE FROM {table} WHERE doc = ?", [(d,) for d in docs])
        gone = conn.executemany("DELETE FROM reports WHERE doc = ?", [(d,) for d in docs]).rowcount
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return gone


def _cell(value: object) -> object:
    """A column value: lists and objects as JSON text, booleans as 0/1."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, bool):
        return int(value)
    return value


def _row(columns: Mapping[str, str], record: Mapping) -> list:
    extra = {k: v for k, v in record.items() if k not in columns}
    return [_cell(record.get(c)) for c in columns] + [json.dumps(extra, ensure_ascii=False, default=str) if extra
                                                      else None]


def write_report(conn: sqlite3.Connection, report: dict, rows: Mapping[str, Iterable[dict]]) -> None:
    """Replace one report's rows (its ``reports`` row and its rows of each table) in one transaction."""
    doc = report["doc"]
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in ROW_TABLES:  # the rows of a table not written this time (cells) go too
            conn.execute(f"DELETE FROM {table} WHERE doc = ?", (doc,))
        names = ", ".join(q(c) for c in REPORT_COLUMNS)
        conn.execute(f"INSERT OR REPLACE INTO reports ({names}) VALUES ({', '.join('?' * len(REPORT_COLUMNS))})",
                     [_cell(report.get(c)) for c in REPORT_COLUMNS])
        for table, records in rows.items():
            columns = ROW_COLUMNS[table]
            names = ", ".join(q(c) for c in ("doc", "seq", *columns, "extra"))
            marks = ", ".join("?" * (len(columns) + 3))
            conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})",
                             ([doc, seq, *_row(columns, r)] for seq, r in enumerate(records)))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
