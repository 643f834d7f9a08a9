"""``corpus export``: the database's tables as JSON lines, CSV or Parquet, streamed (memory flat in
the size of the corpus).

One output per table in the folder given: ``T.jsonl`` (lists and objects as JSON again), ``T.csv``
(as stored: lists and objects as JSON text) or ``T/`` a Parquet dataset partitioned by the report's
year (``T/year=2024/….parquet``, Hive style; an unknown year is ``year=__HIVE_DEFAULT_PARTITION__``),
which Spark, DuckDB, pandas and Dask read as one table. Rows come in (doc, seq) order.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from enum import Enum
from pathlib import Path

from .db import REPORT_COLUMNS, ROW_COLUMNS, ROW_TABLES, q
from .stats import open_existing

BATCH = 20_000
TABLES = ("reports", *ROW_TABLES)
#: columns holding lists or objects as JSON text
JSON_COLUMNS = {"standard_tables", "parts", "not_read", "notes", "path", "explains", "section", "evidence",
                "relation", "extra"}


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def _columns(table: str) -> dict[str, str]:
    if table == "reports":
        return {c: t.split()[0] for c, t in REPORT_COLUMNS.items()}
    return {"doc": "TEXT", "seq": "INTEGER", **ROW_COLUMNS[table], "extra": "TEXT"}


def _batches(conn: sqlite3.Connection, table: str, with_year: bool) -> Iterator[list[tuple]]:
    names = ", ".join(f"t.{q(c)}" for c in _columns(table))
    year = ", r.year" if with_year and "year" not in _columns(table) else ""
    join = " JOIN reports r ON r.doc = t.doc" if year else ""
    order = "t.doc" if table == "reports" else "t.doc, t.seq"
    cursor = conn.execute(f"SELECT {names}{year} FROM {table} t{join} ORDER BY {order}")
    while rows := cursor.fetchmany(BATCH):
        yield rows


def corpus_export(db: str | Path, fmt: ExportFormat, out: str | Path, tables: list[str] | None = None) -> list[Path]:
    """Write each table (default all but an empty ``cells``) into the folder ``out``; returns what was written."""
    chosen = list(tables) if tables else list(TABLES)
    unknown = [t for t in chosen if t not in TABLES]
    if unknown:
        raise ValueError(f"unknown table {', '.join(unknown)} (tables: {', '.join(TABLES)})")
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    conn = open_existing(db)
    written = []
    try:
        for table in chosen:
            if table == "cells" and not tables and not conn.execute("SELECT 1 FROM cells LIMIT 1").fetchone():
                continue
            writer = {ExportFormat.jsonl: _jsonl, ExportFormat.csv: _csv, ExportFormat.parquet: _parquet}[fmt]
            written.append(writer(conn, table, folder))
    finally:
        conn.close()
    return written


def _jsonl(conn: sqlite3.Connection, table: str, folder: Path) -> Path:
    path = folder / f"{table}.jsonl"
    names = list(_columns(table))
    with path.open("w", encoding="utf-8") as fh:
        for rows in _batches(conn, table, with_year=False):
            for row in rows:
                record = {n: json.loads(v) if n in JSON_COLUMNS and v is not None else v for n, v in zip(names, row)}
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def _csv(conn: sqlite3.Connection, table: str, folder: Path) -> Path:
    path = folder / f"{table}.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(_columns(table))
        for rows in _batches(conn, table, with_year=False):
            writer.writerows(rows)
    return path


def _parquet(conn: sqlite3.Connection, table: str, folder: Path) -> Path:
    import pyarrow as pa
    import pyarrow.dataset as ds

    types = {"INTEGER": pa.int64(), "REAL": pa.float64(), "TEXT": pa.string()}
    columns = _columns(table)
    fields = [pa.field(c, types[t]) for c, t in columns.items()]
    if "year" not in columns:
        fields.append(pa.field("year", pa.int64()))
    schema = pa.schema(fields)

    def batches() -> Iterator[pa.RecordBatch]:
        for rows in _batches(conn, table, with_year=True):
            yield pa.RecordBatch.from_arrays([pa.array(col, type=f.type) for col, f in zip(zip(*rows), fields)],
                                             schema=schema)

    path = folder / table
    ds.write_dataset(batches(), path, schema=schema, format="parquet",
                     partitioning=ds.partitioning(pa.schema([pa.field("year", pa.int64())]), flavor="hive"),
                     existing_data_behavior="delete_matching", basename_template="part-{i}.parquet")
    return path
