"""The human-readable summary of ``check`` on standard error (rich), grouped by section."""

from __future__ import annotations

from collections import Counter

import regex

STATUS_STYLE = {"mismatch": "bold red", "warning": "yellow", "rounding": "cyan", "consistent": "green", "unverifiable": "dim"}


ALARMS = ("mismatch", "warning")

# C0 and C1 controls (ESC starts the sequences that move the cursor or clear the screen), DEL, and the
# bidirectional overrides that make a terminal show text in another order than it is stored
_CONTROL = regex.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def place(record: dict) -> str:
    """Where a record is, shortly: p.3, 71 (a line), ¶12, table 4 row 5, sheet 收支总表 row 9."""
    if record.get("page"):
        return f"p{record['page']}"
    if record.get("line"):
        return str(record["line"])
    if record.get("para"):
        return f"¶{record['para']}"
    if record.get("table"):
        return f"table {record['table']} row {record.get('row', '')}"
    if record.get("sheet"):
        return f"sheet {record['sheet']} row {record.get('row', '')}"
    return ""


def plain(text: object) -> str:
    """Text from a report (or a file name), safe to print on a terminal: every control character
    is shown as its escape (``\\x1b``) instead of acting on the terminal."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))


def literal(text: object) -> str:
    """``plain`` text for a rich markup string: ``[reverse]`` or a stray ``[/]`` printed as written."""
    from rich.markup import escape

    return escape(plain(text))


class FindingTally:
    """What the summary needs of a batch's findings, kept as they stream past: the count of each
    status and the alarm records (not every record: a batch of thousands of reports has millions)."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.alarms: list[dict] = []

    def __call__(self, records: list[dict]) -> None:
        findings = [r for r in records if "status" in r]  # not the report's summary record
        self.counts.update(r["status"] for r in findings)
        self.alarms.extend(r for r in findings if r["status"] in ALARMS)


def print_summary(tally: FindingTally) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(stderr=True)
    counts, alarms = tally.counts, tally.alarms
    line = "  ".join(f"[{STATUS_STYLE[s]}]{s} {counts.get(s, 0)}[/]" for s in STATUS_STYLE)
    console.print(f"{counts.total()} findings: {line}")
    if not alarms:
        return
    table = Table(show_lines=False)
    for col in ("where", "section", "status", "subject", "stated", "expected", "message"):
        table.add_column(col, overflow="fold")
    for r in sorted(alarms, key=lambda r: (r["doc"], r.get("page") or 0, r.get("line") or 0, r.get("para") or 0,
                                           r.get("table") or 0, r.get("row") or 0)):
        where = f"{r['doc'].rsplit('/', 1)[-1]}:{place(r)}"
        section = (r.get("section") or [""])[-1] if r.get("section") else ""
        # every cell but the status quotes the report: escaped, so that it is shown and never obeyed
        table.add_row(literal(where), literal(section[:16]), f"[{STATUS_STYLE[r['status']]}]{r['status']}[/]",
                      literal(r.get("subject") or ""), literal(r.get("raw") or ""), literal(r.get("expected") or ""),
                      literal(r["message"]))
    console.print(table)
