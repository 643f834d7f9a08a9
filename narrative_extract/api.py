"""The Python API. Each function has a CLI command of the same name (``narrative-extract NAME``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .errors import InputError
from .ingest import read_raw
from .layout import raw_to_document
from .model import Claim, Document, Paragraph, Table
from .reconcile.finding import Finding
from .settings import DEFAULT_SETTINGS, Settings

REPORT_SUFFIXES = {".pdf", ".txt", ".text"}


def read_document(path: str, settings: Settings = DEFAULT_SETTINGS) -> Document:
    """Read a report (text or PDF) into a Document. Raises InputError when it is not usable."""
    doc = raw_to_document(read_raw(path, settings))
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
    from .claims.extract import document_to_claims
    from .reconcile import claims_to_findings

    doc = read_document(path, settings)
    return claims_to_findings(doc, document_to_claims(doc))

