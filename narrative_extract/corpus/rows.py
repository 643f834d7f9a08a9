"""One report → every row the corpus database keeps of it (``report_rows``), computed once.

A worker (a local process or a Dask worker) reads the report once and returns a ``ReportRows``:
what ``check`` writes (the report's summary and its findings), what ``extract`` writes (the
claims), what ``reasons`` writes (the classified reasons) and, when asked, the table cells. The
records are the commands' own JSON records (``output.py``, ``ReasonRecord.as_dict``), without
``doc``: the database writer names the report, so that a worker may be handed an absolute path
while the database keeps the path as the user gave it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from ..settings import DEFAULT_SETTINGS, Settings


@dataclass(frozen=True)
class RowOptions:
    """What a worker needs besides the path (picklable: it travels to the workers)."""

    settings: Settings = DEFAULT_SETTINGS
    model: str | None = None  # reason classifier file (default models/reason_classifier.skops)
    cells: bool = False  # also every table cell


@dataclass(frozen=True)
class ReportRows:
    """Everything the database keeps of one report that could be read."""

    summary: dict  # ReportSummary.as_dict()["report"], plus "unit" (the department as found)
    claims: list[dict] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)
    reasons: list[dict] = field(default_factory=list)
    cells: list[dict] = field(default_factory=list)
    seconds: float = 0.0  # time the worker spent on it


def report_rows(options: RowOptions, path: str) -> list[ReportRows]:
    """The rows of one report (a list of one, as ``batch.map_reports`` expects of a records function).

    The same computation as ``api.checked``, ``api.extract`` and ``api.report_reasons`` with the
    document read once and its claims found once. Raises InputError for a file that is not a report."""
    from ..api import read_document
    from ..claims.extract import document_to_claims
    from ..output import claim_record, finding_record
    from ..reasons.classifier import ReasonClassifier
    from ..reasons.department import document_department
    from ..reasons.records import claims_to_reason_records
    from ..reconcile import claims_to_findings
    from ..relations.tables import table_readings
    from ..report_record import report_summary

    start = time.perf_counter()
    doc = read_document(path, options.settings)
    claims = document_to_claims(doc)
    readings = table_readings(doc)
    findings = claims_to_findings(doc, claims, readings)
    summary = report_summary(doc, findings, readings).as_dict()["report"]
    summary["unit"] = document_department(doc)
    reasons = claims_to_reason_records(doc, claims, ReasonClassifier.load_cached(options.model))
    return [ReportRows(
        summary=summary,
        claims=[_without_doc(claim_record(c, path)) for c in claims],
        findings=[_without_doc(finding_record(f, path)) for f in findings],
        reasons=[_without_doc(r.as_dict()) for r in reasons],
        cells=cell_rows(doc) if options.cells else [],
        seconds=round(time.perf_counter() - start, 3),
    )]


def _without_doc(record: dict) -> dict:
    return {k: v for k, v in record.items() if k != "doc"}


def cell_rows(doc) -> list[dict]:
    """One row per table cell: which table (its order in the report, title, standard id), which row
    (its order, code, name) and column, the text as printed and its value when it is a number."""
    out = []
    for t_seq, table in enumerate(doc.tables):
        for r_seq, row in enumerate(table.rows):
            for cell in row.cells:
                out.append({
                    **{k: v for k, v in row.loc.as_dict().items() if k != "bbox"},
                    "table_seq": t_seq, "table": table.title, "standard_id": table.standard_id,
                    "table_unit": table.unit, "row_seq": r_seq, "row_code": row.code, "row_name": row.name,
                    "segment": row.segment or None, "column": cell.column, "text": cell.text,
                    "value": str(cell.amount.value) if cell.amount else None,
                })
    return out
