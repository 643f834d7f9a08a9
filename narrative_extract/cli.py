"""The ``narrative-extract`` command line. Each command mirrors the Python API function of its name."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from enum import Enum
from pathlib import Path

import typer

from . import api, cli_assemble
from .atomic import OutputError, atomic_output, check_writable
from .batch import DEFAULT_BUDGET, Budget, RecordsOf, map_reports
from .errors import InputError
from .output import claim_record, finding_record, paragraph_record, relation_record, table_record, write_jsonl
from .settings import DEFAULT_SETTINGS
from .summary import plain

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Check that Chinese budget and final-account reports say in their prose what their tables say.",
)

PATHS = typer.Argument(..., help="Report files (PDF or text) or folders of them.")
OUT = typer.Option(None, "-o", "--output", help="Write JSON lines here instead of standard output.")
JOBS = typer.Option(1, "-j", "--jobs", min=0, help="Read this many reports at a time in worker processes "
                    "(0: one per CPU). The output order is the input order whatever the number.")
PAIR = typer.Option(True, "--pair/--no-pair", help="Pair the files of a folder into reports (a narrative part and "
                    "a tables part whose names and figures say they are one: A+B), or read each file alone.")
TIMEOUT = typer.Option(DEFAULT_SETTINGS.file_seconds, "--timeout", min=0, help="Seconds one file may take; a file "
                       "that takes longer is stopped and becomes an error record (0: no limit).")
MAX_MEMORY = typer.Option(DEFAULT_SETTINGS.file_memory_mb, "--max-memory", min=0, help="MB of memory one file may "
                          "use; a file that needs more is stopped and becomes an error record (0: no limit).")


def budget(timeout: float | None, max_memory: int | None) -> Budget:
    """The per-file budget of --timeout and --max-memory (0: no limit)."""
    return Budget(timeout or None, max_memory or None)


def fail(message: str) -> typer.Exit:
    """Print one error line (terminal-safe) and give the exit to raise: 2, a usage or input problem
    (1 means "a mismatch was found" and must never stand for a failure)."""
    typer.echo(f"error: {plain(message)}", err=True)
    return typer.Exit(2)


def require_writable(*paths: Path | None) -> None:
    """A bad -o (missing folder, a directory, read-only) is one error before any report is read."""
    for path in paths:
        if path is not None:
            try:
                check_writable(path)
            except OutputError as err:
                raise fail(f"output {err}") from None


@contextmanager
def open_output(path: Path | None) -> Iterator:
    """Standard output, or ``path`` written atomically: an existing file stays until the new one is whole."""
    if path is None:
        yield sys.stdout
        return
    try:
        with atomic_output(path) as fh:
            yield fh
    except OutputError as err:
        raise fail(f"output {err}") from None


def run_batch(paths: list[str], output: Path | None, records: RecordsOf[dict], jobs: int = 1,
              keep: Callable[[dict], bool] | None = None, seen: Callable[[list[dict]], None] | None = None,
              pair: bool = True, limits: Budget = DEFAULT_BUDGET) -> int:
    """Write every report's records (those ``keep`` accepts) in input order; a bad file gets an error
    record and the others go on. ``records`` is a module-level function so that workers can run it;
    ``seen`` is shown each file's records, written or not. A folder's files are paired into reports
    (``api.assemble``) unless ``pair`` is False; a ``report`` record says how its report was made.

    Returns the number of files that failed. Ctrl-C stops it with exit 130, saying how far it got;
    ``output`` is then left as it was (open_output)."""
    failed = done = 0
    try:
        with open_output(output) as out:
            assembled = api.assemble(paths, pair=pair, jobs=jobs)
            for assembly, outcome in zip(assembled, map_reports([a.doc for a in assembled], records, jobs, limits), strict=True):
                if outcome.error is not None:
                    failed += 1
                    typer.echo(f"error: {plain(outcome.path)}: {plain(outcome.error)}", err=True)
                    write_jsonl([{"doc": outcome.path, "error": outcome.error}], out)
                else:
                    for record in outcome.records:
                        if "report" in record:
                            record["report"]["assembly"] = assembly.as_dict()
                    if seen is not None:
                        seen(outcome.records)
                    write_jsonl((r for r in outcome.records if keep is None or keep(r)), out)
                done += 1
    except KeyboardInterrupt:
        kept = f"; {plain(output)} left as it was" if output is not None else ""
        typer.echo(f"interrupted after {done} files{kept}", err=True)
        raise typer.Exit(130) from None
    return failed


# One function per command: what a worker process computes for one file.
def table_records(path: str) -> list[dict]:
    return [table_record(t, path) for t in api.tables(path)]


def paragraph_records(path: str) -> list[dict]:
    return [paragraph_record(x, path) for x in api.text(path)]


def claim_records(path: str) -> list[dict]:
    return [claim_record(c, path) for c in api.extract(path)]


def finding_records(path: str) -> list[dict]:
    """The report's summary record first, then one record per finding."""
    summary, findings = api.checked(path)
    return [{**summary.as_dict(), "doc": path}] + [finding_record(f, path) for f in findings]


def relation_records(path: str) -> list[dict]:
    return [relation_record(f, r, path) for f, r in api.relations(path)]


@app.command("tables")
def tables_command(paths: list[str] = PATHS, output: Path | None = OUT, jobs: int = JOBS,
                  timeout: float = TIMEOUT, max_memory: int = MAX_MEMORY, pair: bool = PAIR) -> None:
    """Every table found in the reports, one JSON object per table.

    Example: narrative-extract tables corpus/liaoning_org_2024_final.txt -o tables.jsonl
    """
    failed = run_batch(paths, output, table_records, jobs, pair=pair, limits=budget(timeout, max_memory))
    raise typer.Exit(2 if failed else 0)


@app.command("text")
def text_command(paths: list[str] = PATHS, output: Path | None = OUT, jobs: int = JOBS,
                  timeout: float = TIMEOUT, max_memory: int = MAX_MEMORY, pair: bool = PAIR) -> None:
    """The narrative as the pipeline sees it: paragraphs with section path and line/page of each line.

    Example: narrative-extract text corpus/anju_org_2024_final.txt | head
    """
    failed = run_batch(paths, output, paragraph_records, jobs, pair=pair, limits=budget(timeout, max_memory))
    raise typer.Exit(2 if failed else 0)


@app.command("extract")
def extract_command(paths: list[str] = PATHS, output: Path | None = OUT, jobs: int = JOBS,
                  timeout: float = TIMEOUT, max_memory: int = MAX_MEMORY, pair: bool = PAIR) -> None:
    """Every numeric claim and stated reason in the narrative, one JSON object per claim.

    Example: narrative-extract extract corpus/liaoning_org_2024_final.txt -o claims.jsonl
    """
    failed = run_batch(paths, output, claim_records, jobs, pair=pair, limits=budget(timeout, max_memory))
    raise typer.Exit(2 if failed else 0)


@app.command("check")
def check_command(
    paths: list[str] = PATHS,
    output: Path | None = OUT,
    only: str | None = typer.Option(None, "--only", help="Keep these statuses, e.g. mismatch,warning."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary on standard error."),
    jobs: int = JOBS,
    pair: bool = PAIR,
    timeout: float = TIMEOUT,
    max_memory: int = MAX_MEMORY,
) -> None:
    """Reconcile every claim with the tables and with the rest of the prose.

    One JSON record per checked claim; a summary on standard error. Exit 0 when no claim is a
    mismatch, 1 when any is, 2 when a file could not be read.

    Example: narrative-extract check reports/ --only mismatch,warning -j 0 -o findings.jsonl
    """
    from .reconcile.finding import STATUSES
    from .summary import FindingTally, print_summary

    keep = {s.strip() for s in only.split(",")} if only else None
    if keep is not None and (unknown := sorted(keep - set(STATUSES))):
        # a typo would otherwise keep nothing and exit 0: "no mismatch" without having looked
        raise fail(f"--only: unknown status {', '.join(map(repr, unknown))} (statuses: {', '.join(STATUSES)})")
    tally = FindingTally()
    failed = run_batch(paths, output, finding_records, jobs, seen=tally, pair=pair, limits=budget(timeout, max_memory),
                       keep=None if keep is None else (lambda r: "report" in r or r["status"] in keep))
    if not quiet:
        print_summary(tally)
    raise typer.Exit(2 if failed else 1 if tally.counts["mismatch"] else 0)


@app.command("relations")
def relations_command(paths: list[str] = PATHS, output: Path | None = OUT, jobs: int = JOBS,
                  timeout: float = TIMEOUT, max_memory: int = MAX_MEMORY, pair: bool = PAIR) -> None:
    """Which figures the checks compare, why they belong together and how sure that is.

    One JSON record per relation: its kind (claim_cell, change, share, completion, list, comparison,
    restatement, project, table_sum, table_agreement), certainty (certain / probable / doubtful), its
    members (role, figure as printed, where), why it holds, its doubts, and the verdict reached
    through it. Only a certain relation can give a mismatch.

    Example: narrative-extract relations corpus/liaoning_org_2024_final.txt | grep -v '"certain"'
    """
    failed = run_batch(paths, output, relation_records, jobs, pair=pair, limits=budget(timeout, max_memory))
    raise typer.Exit(2 if failed else 0)


class ReasonFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


REASONS_OUT = typer.Option(None, "-o", "--output", help="Write the records here instead of standard output.")
REASONS_FORMAT = typer.Option(ReasonFormat.jsonl, "--format", help="Record format for machines.")
STATS_OUT = typer.Option(None, "--stats-out", help="Also write the statistics as rows in --format here.")
REASON_MODEL = typer.Option(None, "--model", help="Reason model file (default: models/reason_classifier.skops).")
LABELS = typer.Argument(..., help="Hand-labelled reasons, JSON lines (text, category, city or source …).")
MODEL_OUT = typer.Option(None, "--model-out", help="Model file to write (default: models/reason_classifier.skops).")
CARD_OUT = typer.Option(None, "--card-out", help="Model card to write (default: beside the model, .md).")


@app.command("reasons")
def reasons_command(
    paths: list[str] = PATHS,
    output: Path | None = REASONS_OUT,
    stats: bool = typer.Option(
        False, "--stats", help="Print counts by category × basis × direction and the most frequent reasons per "
        "category as a table (on standard output when -o is given, else on standard error)."),
    fmt: ReasonFormat = REASONS_FORMAT,
    stats_out: Path | None = STATS_OUT,
    model: Path | None = REASON_MODEL,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary line on standard error."),
    jobs: int = JOBS,
    pair: bool = PAIR,
    timeout: float = TIMEOUT,
    max_memory: int = MAX_MEMORY,
) -> None:
    """Every stated variance reason (主要原因：…) with what it explains, classified into the categories
    of DOMAIN.md; near-duplicate reasons share a group id across all the reports.

    One record per reason: doc, line or page, department, year, basis (yoy/budget/performance), item,
    direction, amount, percent, text, category, confidence, empty, group. A file that cannot be read
    gets an error record ({"doc": …, "error": …}) and the others go on; exit 2 when any file failed.

    Example: narrative-extract reasons corpus/ ../shared/real_pdfs -o reasons.jsonl --stats
    """
    from .reasons.records import reason_stats
    from .reasons.render import CSV_FIELDS, print_stats, write_csv_rows, write_jsonl_rows

    require_writable(output, stats_out)  # before the reports are read, not after
    errors: list[dict] = []

    def on_error(err: InputError) -> None:
        typer.echo(f"error: {plain(err)}", err=True)
        errors.append({"doc": err.path, "error": err.reason})

    limits = replace(DEFAULT_SETTINGS, file_seconds=timeout or None, file_memory_mb=max_memory or None)
    docs = [a.doc for a in api.assemble(paths, pair=pair, jobs=jobs)]  # a folder's files paired once
    records = api.reasons(docs, limits, model=str(model) if model else None, on_error=on_error, jobs=jobs)
    order = {doc: i for i, doc in enumerate(docs)}
    rows = sorted([r.as_dict() for r in records] + errors, key=lambda r: order.get(r["doc"], len(order)))
    with open_output(output) as out:
        if fmt is ReasonFormat.csv:
            write_csv_rows(rows, out, CSV_FIELDS)
        else:
            write_jsonl_rows(rows, out)
    summary = reason_stats(records)
    if stats_out is not None:
        with open_output(stats_out) as fh:
            (write_csv_rows if fmt is ReasonFormat.csv else write_jsonl_rows)(summary.rows(), fh)
    if stats:
        print_stats(summary, stderr=output is None)
    if not quiet:
        read = len(order) - len(errors)
        typer.echo(f"{len(records)} reasons from {read} reports ({read - len(summary.by_report)} without any)"
                   + (f"; {len(errors)} files could not be read" if errors else ""), err=True)
    raise typer.Exit(2 if errors else 0)


@app.command("train-reasons")
def train_reasons_command(
    labels: list[Path] = LABELS,
    model_out: Path | None = MODEL_OUT,
    card_out: Path | None = CARD_OUT,
    seed: int = typer.Option(0, "--seed", help="Random seed (training is deterministic for a seed)."),
) -> None:
    """Score the reason classifier leave-one-city-out on LABELS (one or more files), calibrate its
    confidence and choose the uncertain threshold on those held-out predictions, fit it on every
    label, and write the model file and its model card.

    Example: narrative-extract train-reasons corpus/reasons/labels.jsonl --model-out /tmp/reasons.skops
    """
    try:
        metrics = api.train_reasons([str(p) for p in labels], str(model_out) if model_out else None,
                                    card_out=str(card_out) if card_out else None, seed=seed)
    except (OSError, ValueError) as err:
        typer.echo(f"error: {plain(err)}", err=True)
        raise typer.Exit(2) from err
    ev = metrics["evaluation"]
    typer.echo(f"trained on {metrics['n']} reasons; leave-one-city-out over {len(ev['cities'])} cities:", err=True)
    for name in ("all", "national"):
        if name in ev:
            m, k, t = ev[name]["model"], ev[name]["keywords"], ev[name]["at_threshold"]
            typer.echo(f"  {name:9s} accuracy {m['accuracy']:.3f}  macro-F1 {m['macro_f1']:.3f}  (keywords "
                       f"{k['accuracy']:.3f}); classified {t['coverage']:.3f} at accuracy {t['accuracy_kept']:.3f}",
                       err=True)
    typer.echo(f"model: {metrics['out_path']} (uncertain below {ev['threshold']:.3f})\ncard:  {metrics['card_path']}",
               err=True)

from .review.command import review_command  # registered after the commands it uses

app.command("review")(review_command)


app.add_typer(__import__("narrative_extract.cli_corpus", fromlist=["app"]).app, name="corpus")


app.command("assemble")(cli_assemble.assemble_command)


def main() -> None:  # pragma: no cover - console entry point
    app()
