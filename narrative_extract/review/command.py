"""``narrative-extract review``: the review page of one report or a batch, and a short summary."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import typer

from ..summary import AlarmLine, print_counts
from .model import ReviewLimits, ReviewPage

PATHS = typer.Argument(..., help="Report files (PDF or text) or folders of them.")
PAGE = typer.Option(..., "-o", "--output", help="The HTML file to write (one self-contained page).")
QUIET = typer.Option(False, "--quiet", "-q", help="No summary on standard error.")
JOBS = typer.Option(1, "-j", "--jobs", min=0, help="Read this many reports at a time (0: one per CPU); "
                    "the page is the same whatever the number.")


TEXT_MB = typer.Option(ReviewLimits().max_page_text_bytes / 1e6, "--max-text-mb", min=0,
                       help="Cap on the page's text (MB, images not counted): past it, the later reports of a "
                       "batch list only their alarms with their sentences.")


def review_command(paths: list[str] = PATHS, output: Path = PAGE, quiet: bool = QUIET, jobs: int = JOBS,
                   max_text_mb: float = TEXT_MB) -> None:
    """Write a review page: every alarm with its sentence, the figures, the table cell in its table
    and, for a PDF, the page image with both boxes drawn; filters and j/k keys; no network needed.

    The other findings (rounding, consistent, unverifiable) are on the page behind its filters. A
    batch page's text is capped (--max-text-mb, 16 MB): past it, reports list only their alarms with
    their sentences, and a note says to build one page per report.
    Exit 0 when no claim is a mismatch, 1 when any is, 2 when a file could not be read (it is listed
    on the page with why; the others go on).

    Example: narrative-extract review report.pdf -o review.html
    """
    from .. import api
    from ..atomic import OutputError
    from ..cli import fail, require_writable
    from ..summary import plain

    require_writable(output)
    failed: list[str] = []

    def on_error(err) -> None:
        failed.append(err.path)
        typer.echo(f"error: {plain(err.path)}: {plain(err.reason)}", err=True)

    try:
        page = api.review(paths, output, jobs=jobs, on_error=on_error,
                          limits=ReviewLimits(max_page_text_bytes=int(max_text_mb * 1e6)))
    except OutputError as err:
        raise fail(f"output {err}") from None
    except KeyboardInterrupt:
        typer.echo(f"interrupted; {plain(output)} left as it was", err=True)
        raise typer.Exit(130) from None
    counts = page_counts(page)
    if not quiet:
        print_counts(counts, alarm_lines(page), more="on the page")
        size = output.stat().st_size
        typer.echo(f"review page: {plain(output)} ({size / 1e6:.1f} MB)", err=True)
        if listed := sum(1 for r in page.reports if r.listed_only):
            typer.echo(f"{listed} report{'s' if listed != 1 else ''} past the page's text cap: alarms listed only; "
                       "for everything build one page per report: narrative-extract review FILE -o FILE.html",
                       err=True)
    raise typer.Exit(2 if failed else 1 if counts["mismatch"] else 0)


def page_counts(page: ReviewPage) -> Counter[str]:
    counts: Counter[str] = Counter()
    for report in page.reports:
        counts.update(report.counts)
    return counts


def alarm_lines(page: ReviewPage) -> list[AlarmLine]:
    # where as check's summary says it: report.pdf:p7, report.txt:71
    return [AlarmLine(i.status, f"{r.doc.rsplit('/', 1)[-1]}:{i.where.replace('line ', '').replace('p.', 'p')}",
                      i.subject or "", i.stated or "",
                      i.expected or "", i.message)
            for r in page.reports for i in r.items if i.alarm]
