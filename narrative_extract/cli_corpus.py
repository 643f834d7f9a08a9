"""``narrative-extract corpus build|stats|export``: a corpus of reports in an embedded database.
A thin shell over ``api.corpus_build``, ``api.corpus_stats`` and ``api.corpus_export``."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import typer

from . import api
from .summary import plain

app = typer.Typer(no_args_is_help=True, help="A corpus of reports in a SQLite database: build, count, export.")

DB = typer.Option(Path("corpus.sqlite"), "--db", help="The corpus database (SQLite).")
PATHS = typer.Argument(..., help="Report files (PDF or text) or folders of them.")
MODEL = typer.Option(None, "--model", help="Reason model file (default: models/reason_classifier.skops).")
PLOT = typer.Option(None, "--plot", help="Also write charts (PNG and SVG) into this folder.")
EXPORT_TO = typer.Option(Path("corpus_export"), "-o", "--output", help="Folder to write the tables into.")
TABLE = typer.Option(None, "--table", help="Only this table (repeatable).")


def fail(message: str) -> typer.Exit:
    typer.echo(f"error: {plain(message)}", err=True)
    return typer.Exit(2)


@app.command("build")
def build_command(
    paths: list[str] = PATHS,
    db: Path = DB,
    jobs: int = typer.Option(1, "-j", "--jobs", min=0, help="Local worker processes (0: one per CPU)."),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="Run the reports on the Dask cluster of this scheduler (tcp://host:8786) "
        "instead of local processes; its workers must see the files under the same paths."),
    cells: bool = typer.Option(False, "--cells", help="Also keep every table cell (table `cells`)."),
    force: bool = typer.Option(False, "--force", help="Do every report again, changed or not."),
    prune: bool = typer.Option(
        False, "--prune", help="Delete the reports of the database that are not among these inputs (named by "
        "their path as given), in one transaction before any report is read."),
    model: Path | None = MODEL,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary line on standard error."),
) -> None:
    """Build or update the corpus database from the reports: tables reports, claims, findings, reasons
    (and cells with --cells). A report already there with the same content and tool version is
    skipped (without reading it when its size and modification time are unchanged too), a changed
    one redone; a file that cannot be read is a reports row with its error. Reports no longer among
    the inputs are kept unless --prune is given.
    Each report is written in one transaction: a run stopped at any point resumes where it was.
    A progress bar shows on a terminal. Exit 2 when a file could not be read.

    Example: narrative-extract corpus build corpus/ ../shared/real_pdfs --db corpus.sqlite -j 2

    Example: narrative-extract corpus build reports/ --db corpus.sqlite --prune
    """
    from .corpus.progress import BuildProgress

    if not db.parent.is_dir():
        raise fail(f"--db {db}: folder {db.parent} does not exist")
    try:
        with BuildProgress() as progress:
            result = api.corpus_build(paths, str(db), jobs=jobs, scheduler=scheduler, cells=cells, force=force,
                                      prune=prune, model=str(model) if model else None, on_progress=progress,
                                      on_plan=progress.plan)
    except KeyboardInterrupt:
        typer.echo(f"interrupted; the reports written so far stay in {plain(db)}, the next run goes on", err=True)
        raise typer.Exit(130) from None
    except (OSError, sqlite3.DatabaseError) as err:  # not a database, not writable; no scheduler there
        raise fail(f"{db}: {err}") from None
    if not quiet:
        typer.echo(f"{result.total} reports: {result.done} done ({result.failed} could not be read), "
                   f"{result.skipped} unchanged; database {plain(db)}", err=True)
        if result.pruned:
            typer.echo(f"{result.pruned} reports no longer among the inputs deleted (--prune)", err=True)
        if result.absent:
            typer.echo(f"{result.absent} reports in the database are no longer among the inputs; kept "
                       "(--prune deletes them)", err=True)
    raise typer.Exit(2 if result.failed else 0)


@app.command("stats")
def stats_command(
    db: Path = DB,
    plot: Path | None = PLOT,
    as_json: bool = typer.Option(False, "--json", help="Print the counts as one JSON object."),
) -> None:
    """Counts of the corpus: reports by status, findings by verdict and by check family, alarm rates
    by region, reasons by category × basis × year × region.

    Example: narrative-extract corpus stats --db corpus.sqlite --plot charts/
    """
    from .corpus.stats import print_stats

    try:
        stats = api.corpus_stats(str(db))
    except (FileNotFoundError, sqlite3.DatabaseError) as err:
        raise fail(f"{db}: {err}" if isinstance(err, sqlite3.DatabaseError) else str(err)) from None
    if as_json:
        typer.echo(json.dumps(stats.as_dict(), ensure_ascii=False))
    else:
        print_stats(stats)
    if plot is not None:
        from .corpus.plots import write_plots

        written = write_plots(stats, plot)
        typer.echo(f"{len(written)} charts in {plain(plot)}", err=True)


@app.command("export")
def export_command(
    db: Path = DB,
    fmt: str = typer.Option("jsonl", "--format", help="jsonl, csv or parquet (partitioned by year)."),
    output: Path = EXPORT_TO,
    table: list[str] | None = TABLE,
) -> None:
    """Every table of the corpus (reports, claims, findings, reasons, cells) as files for analysis:
    T.jsonl, T.csv, or T/year=YYYY/part-0.parquet.

    Example: narrative-extract corpus export --db corpus.sqlite --format parquet -o corpus_parquet/
    """
    if fmt not in ("jsonl", "csv", "parquet"):
        raise fail(f"--format: unknown format {fmt!r} (jsonl, csv, parquet)")
    try:
        written = api.corpus_export(str(db), fmt, str(output), table or None)
    except (FileNotFoundError, ValueError) as err:
        raise fail(str(err)) from None
    except sqlite3.DatabaseError as err:
        raise fail(f"{db}: {err}") from None
    for path in written:
        typer.echo(plain(path), err=True)
