"""``narrative-extract assemble``: how the files given form reports, without checking them."""

from __future__ import annotations

from pathlib import Path

import typer

from . import api
from .output import write_jsonl

PATHS = typer.Argument(..., help="Report files, A+B, or folders whose files are to be paired.")
OUT = typer.Option(None, "-o", "--output", help="Write JSON lines here instead of standard output.")
JOBS = typer.Option(1, "-j", "--jobs", min=0, help="Files read at a time for pairing (0: one per CPU); "
                    "the result is the same whatever the number.")
PAIR = typer.Option(True, "--pair/--no-pair", help="Pair the files of a folder, or list each alone.")


def assemble_command(paths: list[str] = PATHS, output: Path | None = OUT, jobs: int = JOBS,
                     pair: bool = PAIR) -> None:
    """The reports the paths form, one JSON object per report: its parts and how it was assembled —
    the files of a folder paired when their names and their figures say they are one report (the
    names matched, the totals that agree), or read alone and why.

    Example: narrative-extract assemble ../shared/national_pdfs | grep '"paired"'
    """
    from .cli import open_output, require_writable

    require_writable(output)
    records = [{"doc": a.doc, "assembly": a.as_dict()} for a in api.assemble(paths, pair=pair, jobs=jobs)]
    with open_output(output) as out:
        write_jsonl(records, out)
