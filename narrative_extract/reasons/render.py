"""Writing reason records and statistics: JSON lines, CSV, and a rich table for people."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import IO, Any

from .categories import categories
from .records import FIELDS, ReasonStats

#: CSV columns: every record field, then ``error`` (set only on the row of an unreadable file).
CSV_FIELDS: tuple[str, ...] = FIELDS + ("error",)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    return value


def _csv_cell(value: Any) -> Any:
    if isinstance(value, dict):  # a table reason's figures: JSON text in a CSV cell
        return json.dumps(value, ensure_ascii=False)
    return _plain(value)


def write_jsonl_rows(rows: Iterable[dict], out: IO[str]) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv_rows(rows: Iterable[dict], out: IO[str], fields: tuple[str, ...] | None = None) -> int:
    """CSV with a header. ``fields`` default: the union of the rows' keys in first-seen order."""
    rows = list(rows)
    if fields is None:
        seen: dict[str, None] = {}
        for row in rows:
            seen.update(dict.fromkeys(row))
        fields = tuple(seen)
    writer = csv.DictWriter(out, fieldnames=list(fields), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row.get(k) is None else _csv_cell(row.get(k)) for k in fields})
    return len(rows)


def print_stats(stats: ReasonStats, *, stderr: bool) -> None:
    """Two rich tables: counts by category × basis × direction, and the frequent reasons per category."""
    from rich.console import Console
    from rich.table import Table

    console = Console(stderr=stderr)
    zh = {c.id: c.zh for c in categories()}
    console.print(
        f"{stats.total} reasons ({stats.empty} announced but empty) in {len(stats.by_report)} reports"
    )
    counts = Table(title="reasons by category × basis × direction")
    for col in ("category", "basis", "direction", "count"):
        counts.add_column(col, justify="right" if col == "count" else "left")
    last = None
    for (cat, basis, direction), n in stats.counts.items():
        label = f"{cat} {zh.get(cat, '')}" if cat != last else ""
        counts.add_row(label, basis, direction, str(n))
        last = cat
    console.print(counts)
    frequent = Table(title="most frequent reasons per category (near-duplicates counted together)")
    for col in ("category", "n", "reports", "reason"):
        frequent.add_column(col, overflow="fold", justify="right" if col in ("n", "reports") else "left")
    for cat, found in stats.frequent.items():
        for i, f in enumerate(found):
            frequent.add_row(cat if i == 0 else "", str(f.count), str(f.reports), f.text[:80])
    console.print(frequent)
