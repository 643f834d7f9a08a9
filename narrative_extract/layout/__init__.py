"""Layout: RawDocument → Document (sections, paragraphs, sentences, tables)."""

from __future__ import annotations

import regex

from ..model import Document, RawDocument
from .paragraphs import lines_to_paragraphs
from .tables import lines_to_tables

# 2024年度部门决算 / 2021年度一般公共预算财政拨款“三公”经费支出决算情况说明: the report's own year and kind.
# Not a fund named 一般公共预算 / 政府性基金预算, nor a figure compared with (与2021年度预算相比, 2021年度预算数).
YEAR = regex.compile(r"(?<![与比较]\s*)(20\d{2})\s*年(?:度)?[^，,。；;：:]{0,40}?"
                     r"(?<!一般公共|政府性基金|国有资本经营)(决算|预算)(?!数|执行|相比|安排)")


def raw_to_document(raw: RawDocument) -> Document:
    tables, consumed = lines_to_tables(raw)
    sections, paragraphs = lines_to_paragraphs(raw, consumed)
    doc = Document(source=raw.source, format=raw.format, sections=sections, paragraphs=paragraphs, tables=tables,
                   pages=raw.pages, parts=raw.parts)
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
