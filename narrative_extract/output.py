"""JSON records for every object the CLI writes (one JSON object per line)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import Decimal
from typing import IO, Any

from .model import Amount, Document, Paragraph, Table


def amount_record(amount: Amount | None) -> dict | None:
    if amount is None:
        return None
    return {"value": str(amount.value), "unit": amount.unit, "decimals": amount.decimals}


def table_record(table: Table, doc: str) -> dict:
    return {
        "doc": doc,
        **table.loc.as_dict(),
        "title": table.title,
        "code": table.code,
        "family": table.family,
        "standard_id": table.standard_id,
        "scope": table.scope,
        "unit": table.unit,
        "header": table.header,
        "rows": [
            {
                **({"segment": r.segment} if r.segment else {}),
                "code": r.code,
                "name": r.name,
                **r.loc.as_dict(),
                "cells": [
                    {"column": c.column, "text": c.text, "value": str(c.amount.value) if c.amount else None}
                    for c in r.cells
                ],
            }
            for r in table.rows
        ],
    }


def paragraph_record(paragraph: Paragraph, doc: str) -> dict:
    return {
        "doc": doc,
        **paragraph.anchors[0][1].as_dict(),
        "section": list(paragraph.section),
        "text": paragraph.text,
        "lines": [{"offset": off, **loc.as_dict()} for off, loc in paragraph.anchors],
    }


def document_summary(doc: Document) -> dict:
    return {
        "doc": doc.source,
        "format": doc.format,
        "year": doc.year,
        "kind": doc.kind,
        "sections": len(doc.sections),
        "paragraphs": len(doc.paragraphs),
        "tables": len(doc.tables),
    }


def _default(obj: Any) -> Any:
    if isinstance(obj, Decimal):
        return str(obj)
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")


def write_jsonl(records: Iterable[dict], out: IO[str]) -> int:
    n = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False, default=_default) + "\n")
        n += 1
    return n


def location_of(claim) -> dict:
    return claim.loc.as_dict() if claim is not None else {}


def claim_record(claim, doc: str) -> dict:
    record = {
        "doc": doc,
        **{k: v for k, v in claim.loc.as_dict().items() if k != "bbox"},
        "kind": claim.kind,
        "subject": claim.subject.name,
        "subject_printed": claim.subject.printed,
        "path": list(claim.subject.path) or None,
        "code": claim.subject.code,
        "scope": claim.scope,
        "raw": claim.raw,
        "value": str(claim.amount.value) if claim.amount else None,
        "unit": claim.amount.unit if claim.amount else None,
        "decimals": claim.amount.decimals if claim.amount else None,
        "sentence": claim.sentence.text,
        "section": list(claim.sentence.section),
    }
    for key in ("basis", "direction", "figure"):
        if getattr(claim, key):
            record[key] = getattr(claim, key)
    if claim.hedged and not claim.parts:
        record["approximate"] = True
    if claim.whole is not None:
        record["whole"] = claim.whole.name
    if claim.parts:
        record["parts"] = [{"subject": p.subject.name, "raw": p.raw} for p in claim.parts]
        record["hedged"] = claim.hedged
    if claim.kind == "unread":
        record["text"] = claim.text
    if claim.kind == "reason":
        record["text"] = claim.text
        record["empty"] = not (claim.text or "").strip()
        if claim.explains is not None:
            record["explains"] = {"kind": claim.explains.kind, "subject": claim.explains.subject.name, "raw": claim.explains.raw}
    return record


def relation_record(finding, relation, doc: str) -> dict:
    """A relation with the verdict reached through it (``relations``)."""
    loc = finding.claim.loc if finding.claim is not None else finding.loc
    return {"doc": doc, **({k: v for k, v in loc.as_dict().items() if k != "bbox"} if loc else {}),
            "for": finding.kind, **relation.as_dict(), "status": finding.status}


def finding_record(finding, doc: str) -> dict:
    claim = finding.claim
    loc = claim.loc if claim is not None else finding.loc
    return {
        "doc": doc,
        **({k: v for k, v in loc.as_dict().items() if k != "bbox"} if loc else {}),
        "kind": finding.kind,
        "subject": finding.subject,
        "scope": finding.scope,
        "raw": finding.raw,
        "value": str(finding.amount.value) if finding.amount else None,
        "unit": finding.amount.unit if finding.amount else None,
        "status": finding.status,
        "expected": finding.expected,
        "evidence": [e.as_dict() for e in finding.evidence],
        "sentence": claim.sentence.text if claim is not None else None,
        "section": list(claim.sentence.section) if claim is not None else None,
        "message": finding.message,
        **({"relation": finding.relation.as_dict()} if finding.relation is not None else {}),
    }
