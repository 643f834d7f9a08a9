"""The Python API. Each function has a CLI command of the same name (``narrative-extract NAME``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError
from .ingest.parts import read_report
from .layout import raw_to_document
from .model import Claim, Document, Paragraph, Table
from .reconcile.finding import Finding
from .settings import DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:  # reason records are only built by ``reasons``
    from .corpus.build import BuildResult
    from .corpus.build import Progress as CorpusProgress
    from .corpus.stats import CorpusStats
    from .ingest.pairing import Assembly
    from .reasons.records import ReasonRecord
    from .relations import Relation
    from .report_record import ReportSummary
    from .review.model import ReviewLimits, ReviewPage

#: the files a folder given as input is searched for (a report of several files: ingest/parts.py)
REPORT_SUFFIXES = {".pdf", ".txt", ".text", ".docx", ".xlsx", ".xls", ".html", ".htm",
                   ".doc", ".wps", ".et", ".rtf", ".odt", ".ods"}


#: A report: one file, its files joined by ``+`` (``A.pdf+B.pdf``), or a list of its files.
ReportPath = str | Sequence[str]


def report_name(path: ReportPath) -> str:
    """The name of a report given as a list of files: its files joined by ``+``, in reading order."""
    from .ingest.parts import JOIN

    return path if isinstance(path, str) else JOIN.join(path)


def read_document(path: ReportPath, settings: Settings = DEFAULT_SETTINGS) -> Document:
    """Read a report (text, PDF, DOCX, XLSX/XLS, HTML; DOC/WPS/ET through LibreOffice) into a Document. Raises InputError when it is not usable.

    A report given as several files is named ``A.pdf+B.pdf`` or given as a list of its files
    (``["A.pdf", "B.pdf"]``; ingest/parts.py): one Document whose every location names its file."""
    path = report_name(path)
    doc = raw_to_document(read_report(path, settings))
    if not doc.paragraphs and not doc.tables:
        raise InputError(path, "no narrative text and no tables found: not a budget or final-account report")
    return doc


def tables(path: ReportPath, settings: Settings = DEFAULT_SETTINGS) -> list[Table]:
    """Every table of a report, titled, with its unit and rows."""
    return read_document(path, settings).tables


def text(path: ReportPath, settings: Settings = DEFAULT_SETTINGS) -> list[Paragraph]:
    """The narrative as the pipeline sees it: paragraphs with their sections and locations."""
    return read_document(path, settings).paragraphs


def assemble(paths: list[str], settings: Settings = DEFAULT_SETTINGS, *, pair: bool = True,
             jobs: int = 1) -> list[Assembly]:
    """The reports the paths name, each with how it was put together: a file or ``A+B`` as given,
    and the files of a folder paired into reports — a narrative part and a tables part whose names
    and figures say they are one report (ingest/pairing.py) — or, with ``pair=False``, each alone.
    The result does not depend on ``jobs`` (files read at a time for pairing)."""
    from .ingest.pairing import pair_files, single

    out: list[Assembly] = []
    for path in paths:
        if Path(path).is_dir():
            files = list(expand_paths([path]))
            out.extend(pair_files(files, settings, jobs) if pair else [single(f) for f in files])
        else:
            out.append(single(path))
    return out


def expand_paths(paths: list[str]) -> Iterator[str]:
    """Files as given, and the report files inside any folder given (sorted, recursive).

    A path that does not exist is passed on as is, so that reading it reports the error."""
    for path in paths:
        p = Path(path)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in REPORT_SUFFIXES)
            yield from (str(f) for f in found)
        else:
            yield path


def extract(path: ReportPath, settings: Settings = DEFAULT_SETTINGS) -> list[Claim]:
    """Every numeric claim, comparison, list and stated reason in a report's narrative."""
    from .claims.extract import document_to_claims

    return document_to_claims(read_document(path, settings))


def check(path: ReportPath, settings: Settings = DEFAULT_SETTINGS) -> list[Finding]:
    """A verdict with evidence for every claim, and for the tables' own totals."""
    return checked(path, settings)[1]


def checked(path: ReportPath, settings: Settings = DEFAULT_SETTINGS,
            assembly: Assembly | None = None) -> tuple[ReportSummary, list[Finding]]:
    """``check`` with the report's summary (pages, standard tables, claims, verdict counts, what
    could not be read): the ``report`` record ``check`` writes first for every file.

    ``assembly``: how the report was put together (``assemble``); by default, as given."""
    return check_document(read_document(path, settings), assembly)


def check_document(doc: Document, assembly: Assembly | None = None) -> tuple[ReportSummary, list[Finding]]:
    """``checked`` on a report already read (``review`` shows the tables and pages its findings cite)."""
    from .claims.extract import document_to_claims
    from .ingest.pairing import single
    from .reconcile import claims_to_findings
    from .relations.tables import table_readings
    from .report_record import report_summary

    readings = table_readings(doc)  # once: the checks and the summary both judge the tables by them
    findings = claims_to_findings(doc, document_to_claims(doc), readings)
    return report_summary(doc, findings, readings, assembly or single(doc.source)), findings


def relations(path: ReportPath, settings: Settings = DEFAULT_SETTINGS) -> list[tuple[Finding, Relation]]:
    """Every relation the checks compare through — which figures belong together, why, and how
    sure (certain / probable / doubtful) — each with the verdict reached through it."""
    return [(f, f.relation) for f in check(path, settings) if f.relation is not None]


def review(
    paths: str | list[str],
    out: str | Path | None = None,
    settings: Settings = DEFAULT_SETTINGS,
    *,
    limits: ReviewLimits | None = None,
    jobs: int = 1,
    on_error: Callable[[InputError], None] | None = None,
) -> ReviewPage:
    """A review page for the reports (files or folders): every alarm with its sentence, figures,
    table excerpt and, for a PDF, the page image with the sentence's and the cell's boxes drawn;
    the other findings on request. ``out``: write the self-contained HTML file there (atomically).

    A file that cannot be read is listed on the page with why (and passed to ``on_error``); the
    others go on. ``limits`` bound the page images (review.model.ReviewLimits); ``jobs`` as for
    ``reasons``: the page is the same whatever the number.
    """
    from .review import build_page
    from .review.model import ReviewLimits
    from .review.render import render_page

    files = list(expand_paths([paths] if isinstance(paths, str) else paths))
    page = build_page(files, settings, limits or ReviewLimits(), jobs, on_error)
    if out is not None:
        from .atomic import atomic_output

        with atomic_output(Path(out)) as fh:
            fh.write(render_page(page))
    return page


def reasons(
    paths: str | list[str],
    settings: Settings = DEFAULT_SETTINGS,
    *,
    model: str | None = None,
    on_error: Callable[[InputError], None] | None = None,
    jobs: int = 1,
    pair: bool = True,
) -> list[ReasonRecord]:
    """Every stated variance reason in the reports (files or folders), with what it explains,
    classified into the DOMAIN.md categories; near-duplicates share a group id across all reports.

    A file that cannot be read raises InputError, or — with ``on_error`` — is passed to it and
    skipped; with ``on_error`` an unexpected failure on one report is reported the same way, as an
    internal error (without it, on one process, the failure itself is raised).
    ``model``: a model file (default ``models/reason_classifier.skops``). ``jobs``: reports read
    at a time in worker processes (0: one per CPU); the records keep the order of the inputs. With
    ``on_error`` or several jobs, each file is read within ``settings.file_seconds`` and
    ``settings.file_memory_mb`` (batch.Budget), else it is an error.
    ``pair``: the files of a folder are paired into reports (``assemble``).
    """
    from functools import partial

    from .batch import Budget, map_reports
    from .reasons.records import regroup

    found: list[ReasonRecord] = []
    files = [a.doc for a in assemble([paths] if isinstance(paths, str) else paths, settings, pair=pair, jobs=jobs)]
    if on_error is None and jobs <= 1:  # nothing to collect errors for: let each raise as it is
        return regroup([r for path in files for r in report_reasons(model, settings, path)])
    for outcome in map_reports(files, partial(report_reasons, model, settings), jobs, Budget.of(settings)):
        if outcome.error is None:
            found.extend(outcome.records)
        elif on_error is None:
            raise InputError(outcome.path, outcome.error)
        else:
            on_error(InputError(outcome.path, outcome.error))
    return regroup(found)


def report_reasons(model: str | None, settings: Settings, path: str) -> list[ReasonRecord]:
    """One report's reason records (group ids are given across the batch by ``reasons``)."""
    from .claims.extract import document_to_claims
    from .reasons.classifier import ReasonClassifier
    from .reasons.records import claims_to_reason_records

    doc = read_document(path, settings)
    return claims_to_reason_records(doc, document_to_claims(doc), ReasonClassifier.load_cached(model))


def train_reasons(labels_path: str | list[str], out: str | None = None, *, card_out: str | None = None,
                  seed: int = 0) -> dict:
    """Score the reason classifier leave-one-city-out on one or more labels files (JSON lines),
    calibrate its confidence, fit it on every label, write the model file (default
    ``models/reason_classifier.skops``) and its model card (default: beside it, ``.md``).

    Returns the metrics; ``out_path`` and ``card_path`` say where the files went.
    """
    from .reasons.card import write_model_card
    from .reasons.classifier import MODEL_PATH
    from .reasons.classifier import train_reasons as train

    model_path = Path(out) if out else MODEL_PATH
    metrics = train(labels_path, str(model_path), seed=seed)
    card = Path(card_out) if card_out else model_path.with_suffix(".md")
    write_model_card(metrics, card)
    metrics["card_path"] = str(card)
    return metrics


def corpus_build(
    paths: str | list[str], db: str, settings: Settings = DEFAULT_SETTINGS, *, jobs: int = 1,
    scheduler: str | None = None, model: str | None = None, cells: bool = False, force: bool = False,
    on_progress: Callable[[CorpusProgress], None] | None = None, on_plan: Callable[[int, int], None] | None = None,
) -> BuildResult:
    """Build or update the corpus database ``db`` (SQLite) from the reports (files or folders): one
    ``reports`` row per report, its ``claims``, ``findings``, ``reasons`` (and table ``cells`` with
    ``cells``). Unchanged reports are skipped, changed ones redone; a bad file is a ``reports`` row
    with its error. ``jobs``: local worker processes (0: one per CPU); ``scheduler``: the address of
    a Dask scheduler to run the reports on instead. See ``corpus/build.py``."""
    from .corpus.build import corpus_build as build
    from .corpus.rows import RowOptions

    return build([paths] if isinstance(paths, str) else paths, db, jobs=jobs, scheduler=scheduler,
                 options=RowOptions(settings, model, cells), force=force, on_progress=on_progress, on_plan=on_plan)


def corpus_stats(db: str) -> CorpusStats:
    """Counts of a corpus database: reports by status, findings by verdict and check family, alarm
    rates by region, reasons by category × basis × year × region."""
    from .corpus.stats import corpus_stats as stats

    return stats(db)


def corpus_export(db: str, fmt: str, out: str, tables: list[str] | None = None) -> list[Path]:
    """Each table of a corpus database into the folder ``out`` as ``jsonl``, ``csv`` or ``parquet``
    (a dataset partitioned by year); returns the files (or dataset folders) written."""
    from .corpus.export import ExportFormat
    from .corpus.export import corpus_export as export

    return export(db, ExportFormat(fmt), out, tables)
