"""The ``narrative-extract`` command line. Each command mirrors the Python API function of its name."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from . import api
from .errors import InputError
from .output import claim_record, finding_record, paragraph_record, table_record, write_jsonl

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Check that Chinese budget and final-account reports say in their prose what their tables say.",
)

PATHS = typer.Argument(..., help="Report files (PDF or text) or folders of them.")
OUT = typer.Option(None, "-o", "--output", help="Write JSON lines here instead of standard output.")


@contextmanager
def open_output(path: Path | None) -> Iterator:
    if path is None:
        yield sys.stdout
    else:
        with path.open("w", encoding="utf-8") as fh:
            yield fh


def run_batch(paths: list[str], output: Path | None, records: Callable[[str], Iterable[dict]]) -> int:
    """Write every file's records; a bad file gets an error record and the others go on.

    Returns the number of files that failed."""
    failed = 0
    with open_output(output) as out:
        for path in api.expand_paths(paths):
            try:
                batch = list(records(path))
            except InputError as err:
                failed += 1
                typer.echo(f"error: {err}", err=True)
                write_jsonl([{"doc": path, "error": err.reason}], out)
                continue
            write_jsonl(batch, out)
    return failed


@app.command("tables")
def tables_command(paths: list[str] = PATHS, output: Path | None = OUT) -> None:
    """Every table found in the reports, one JSON object per table.

    Example: narrative-extract tables corpus/liaoning_org_2024_final.txt -o tables.jsonl
    """
    failed = run_batch(paths, output, lambda p: (table_record(t, p) for t in api.tables(p)))
    raise typer.Exit(2 if failed else 0)


@app.command("text")
def text_command(paths: list[str] = PATHS, output: Path | None = OUT) -> None:
    """The narrative as the pipeline sees it: paragraphs with section path and line/page of each line.

    Example: narrative-extract text corpus/anju_org_2024_final.txt | head
    """
    failed = run_batch(paths, output, lambda p: (paragraph_record(x, p) for x in api.text(p)))
    raise typer.Exit(2 if failed else 0)


@app.command("extract")
def extract_command(paths: list[str] = PATHS, output: Path | None = OUT) -> None:
    """Every numeric claim and stated reason in the narrative, one JSON object per claim.

    Example: narrative-extract extract corpus/liaoning_org_2024_final.txt -o claims.jsonl
    """
    failed = run_batch(paths, output, lambda p: (claim_record(c, p) for c in api.extract(p)))
    raise typer.Exit(2 if failed else 0)


@app.command("check")
def check_command(
    paths: list[str] = PATHS,
    output: Path | None = OUT,
    only: str | None = typer.Option(None, "--only", help="Keep these statuses, e.g. mismatch,warning."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary on standard error."),
) -> None:
    """Reconcile every claim with the tables and with the rest of the prose.

    One JSON record per checked claim; a summary on standard error. Exit 0 when no claim is a
    mismatch, 1 when any is, 2 when a file could not be read.

    Example: narrative-extract check reports/ --only mismatch,warning -o findings.jsonl
    """
    from .summary import print_summary

    keep = {s.strip() for s in only.split(",")} if only else None
    statuses: list[dict] = []

    def records(path: str):
        out = [finding_record(f, path) for f in api.check(path)]
        statuses.extend(out)
        return [r for r in out if keep is None or r["status"] in keep]

    failed = run_batch(paths, output, records)
    if not quiet:
        print_summary(statuses)
    mismatches = sum(1 for r in statuses if r["status"] == "mismatch")
    raise typer.Exit(2 if failed else 1 if mismatches else 0)


def main() -> None:  # pragma: no cover - console entry point
    app()
