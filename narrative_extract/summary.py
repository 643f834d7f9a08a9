"""The human-readable summary of ``check`` on standard error (rich), grouped by section."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

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


#: alarm lines at most in a summary; the rest are in the JSON lines or the review page
MAX_ALARM_LINES = 40


@dataclass(frozen=True)
class AlarmLine:
    """One alarm as the summary prints it, on one line."""

    status: str
    where: str
    subject: str
    stated: str
    expected: str
    message: str

    @classmethod
    def of_record(cls, r: dict) -> AlarmLine:
        where = f"{r['doc'].rsplit('/', 1)[-1]}:{place(r)}"
        return cls(r["status"], where, r.get("subject") or "", r.get("raw") or "", r.get("expected") or "", r["message"])


def print_summary(tally: FindingTally) -> None:
    alarms = sorted(tally.alarms, key=lambda r: (r["doc"], r.get("page") or 0, r.get("line") or 0, r.get("para") or 0,
                                                 r.get("table") or 0, r.get("row") or 0))
    print_counts(tally.counts, [AlarmLine.of_record(r) for r in alarms])


def print_counts(counts: Counter[str], alarms: list[AlarmLine], more: str = "in the JSON lines") -> None:
    """The counts per status on one line, then each alarm on one line cut to the terminal's width
    (``COLUMNS``): a table of long sentences wraps each row over a dozen lines at 80 columns."""
    from rich.console import Console
    from rich.text import Text

    console = Console(stderr=True)
    line = "  ".join(f"[{STATUS_STYLE[s]}]{s} {counts.get(s, 0)}[/]" for s in STATUS_STYLE)
    head = f"{counts.total()} findings:"
    fits = Text.from_markup(f"{head} {line}").cell_len <= console.width
    console.print(f"{head} {line}" if fits else f"{head}\n{line}", overflow="fold")
    for a in alarms[:MAX_ALARM_LINES]:
        # everything but the status quotes the report: plain text, shown and never obeyed
        stated = f" {a.stated}" + (f" (expected {a.expected})" if a.expected else "") if a.stated else ""
        text = Text.assemble((f"{a.status:<8}", STATUS_STYLE[a.status]),
                             plain(f" {a.where}{' ' if a.subject else ''}{a.subject}{stated}: {a.message}"))
        text.truncate(console.width, overflow="ellipsis")
        console.print(text, no_wrap=True, overflow="ellipsis", soft_wrap=False)
    if len(alarms) > MAX_ALARM_LINES:
        console.print(f"… {len(alarms) - MAX_ALARM_LINES} more alarms {more}")
