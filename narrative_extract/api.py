"""The Python API. Each function has a CLI command of the same name (``narrative-extract NAME``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError
from .ingest.parts import read_report
from .layout import raw_to_document
from .model import Claim, Document, Paragraph, Table
from .reconcile.finding import Finding
from .settings import DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:  # reason records are only built by ``reasons``
    from .reasons.records import ReasonRecord
    from .relations import Relation
    from .report_record import ReportSummary

REPORT_SUFFIXES = {".pdf", ".txt", ".text"}


def read_document(path: str, settings: Settings = DEFAULT_SETTINGS) -> Document:
    """Read a report (text or PDF) into a Document. Raises InputError when it is not usable.

    A report given as several files is named ``A.pdf+B.pdf`` (ingest/parts.py): one Document whose
    every location names its file."""
    doc = raw_to_document(read_report(path, settings))
    if not doc.paragraphs and not doc.tables:
        raise InputError(path, "no narrative text and no tables found: not a budget or final-account report")
    return doc


def tables(path: str, settings: Settings = DEFAULT_SETTINGS) -> list[Table]:
    """Every table of a report, titled, with its unit and rows."""
    return read_document(path, settings).tables


def text(path: str, settings: Settings = DEFAULT_SETTINGS) -> list[Paragraph]:
    """The narrative as the pipeline sees it: paragraphs with their sections and locations."""
    return read_document(path, settings).paragraphs


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


def extract(path: str, settings: Settings = DEFAULT_SETTINGS) -> list[Claim]:
    """Every numeric claim, comparison, list and stated reason in a report's narrative."""
    from .claims.extract import document_to_claims

    return document_to_claims(read_document(path, settings))


def check(path: str, settings: Settings = DEFAULT_SETTINGS) -> list[Finding]:
    """A verdict with evidence for every claim, and for the tables' own totals."""
    return checked(path, settings)[1]


def checked(path: str, settings: Settings = DEFAULT_SETTINGS) -> tuple[ReportSummary, list[Finding]]:
    """``check`` with the report's summary (pages, standard tables, claims, verdict counts, what
    could not be read): the ``report`` record ``check`` writes first for every file."""
    from .claims.extract import document_to_claims
    from .reconcile import claims_to_findings
    from .relations.tables import table_readings
    from .report_record import report_summary

    doc = read_document(path, settings)
    readings = table_readings(doc)  # once: the checks and the summary both judge the tables by them
    findings = claims_to_findings(doc, document_to_claims(doc), readings)
    return report_summary(doc, findings, readings), findings


def relations(path: str, settings: Settings = DEFAULT_SETTINGS) -> list[tuple[Finding, Relation]]:
    """Every relation the checks compare through — which figures belong together, why, and how
    sure (certain / probable / doubtful) — each with the verdict reached through it."""
    return [(f, f.relation) for f in check(path, settings) if f.relation is not None]


def reasons(
    paths: str | list[str],
    settings: Settings = DEFAULT_SETTINGS,
    *,
    model: str | None = None,
    on_error: Callable[[InputError], None] | None = None,
    jobs: int = 1,
) -> list[ReasonRecord]:
    """Every stated variance reason in the reports (files or folders), with what it explains,
    classified into the DOMAIN.md categories; near-duplicates share a group id across all reports.

    A file that cannot be read raises InputError, or — with ``on_error`` — is passed to it and
    skipped; with ``on_error`` an unexpected failure on one report is reported the same way, as an
    internal error (without it, on one process, the failure itself is raised).
    ``model``: a model file (default ``models/reason_classifier.skops``). ``jobs``: reports read
    at a time in worker processes (0: one per CPU); the records keep the order of the inputs.
    """
    from functools import partial

    from .batch import map_reports
    from .reasons.records import regroup

    found: list[ReasonRecord] = []
    files = list(expand_paths([paths] if isinstance(paths, str) else paths))
    if on_error is None and jobs <= 1:  # nothing to collect errors for: let each raise as it is
        return regroup([r for path in files for r in report_reasons(model, settings, path)])
    for outcome in map_reports(files, partial(report_reasons, model, settings), jobs):
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
