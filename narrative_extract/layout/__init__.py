"""Layout: RawDocument → Document (sections, paragraphs, sentences, tables)."""

from __future__ import annotations

import regex

from ..model import Document, RawDocument
from .paragraphs import lines_to_paragraphs
from .tables import lines_to_tables

YEAR = regex.compile(r"(20\d{2})\s*年(?:度)?\s*(?:区级|市级|省级|县级)?\s*(?:部门|单位)?\s*(决算|预算)")


def raw_to_document(raw: RawDocument) -> Document:
    tables, consumed = lines_to_tables(raw)
    sections, paragraphs = lines_to_paragraphs(raw, consumed)
    doc = Document(source=raw.source, format=raw.format, sections=sections, paragraphs=paragraphs, tables=tables)
    doc.year, doc.kind = report_year_and_kind(doc)
    return doc


def report_year_and_kind(doc: Document) -> tuple[int | None, str | None]:
    """The report's own year and kind from the first statement of them (title or first heading)."""
    for text in [s.title for s in doc.sections] + [p.text for p in doc.paragraphs[:8]] + [t.title for t in doc.tables]:
        if m := YEAR.search(text):
            return int(m.group(1)), "final" if m.group(2) == "决算" else "budget"
    families = {t.family for t in doc.tables}
    kind = "final" if "final" in families else "budget" if "budget" in families else None
    return None, kind
