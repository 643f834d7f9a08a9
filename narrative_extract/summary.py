"""The human-readable summary of ``check`` on standard error (rich), grouped by section."""

from __future__ import annotations

from collections import Counter

STATUS_STYLE = {"mismatch": "bold red", "warning": "yellow", "rounding": "cyan", "consistent": "green", "unverifiable": "dim"}


ALARMS = ("mismatch", "warning")


class FindingTally:
    """What the summary needs of a batch's findings, kept as they stream past: the count of each
    status and the alarm records (not every record: a batch of thousands of reports has millions)."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.alarms: list[dict] = []

    def __call__(self, records: list[dict]) -> None:
        self.counts.update(r["status"] for r in records)
        self.alarms.extend(r for r in records if r["status"] in ALARMS)


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
    for r in sorted(alarms, key=lambda r: (r["doc"], r.get("page") or 0, r.get("line") or 0)):
        where = f"{r['doc'].rsplit('/', 1)[-1]}:{'p' + str(r['page']) if r.get('page') else r.get('line', '')}"
        section = (r.get("section") or [""])[-1] if r.get("section") else ""
        table.add_row(where, section[:16], f"[{STATUS_STYLE[r['status']]}]{r['status']}[/]", r.get("subject") or "",
                      r.get("raw") or "", r.get("expected") or "", r["message"])
    console.print(table)
