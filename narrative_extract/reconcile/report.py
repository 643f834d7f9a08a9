"""Report-level warnings: the report's own year contradicted in its prose (a 2024 report saying 截至2023年末)."""

from __future__ import annotations

import regex

from ..model import Document
from .finding import Finding


def year_warnings(doc: Document) -> list[Finding]:
    """A final account for year Y states positions at the end of Y. A budget for Y is drawn up
    before Y begins, so its 截至{Y-1}年12月31日 is right and raises nothing."""
    if doc.year is None or doc.kind != "final":
        return []
    stale = regex.compile(rf"截至\s*{doc.year - 1}\s*年(?:末|底|\s*12\s*月\s*31\s*日)")
    return [
        Finding(status="warning", kind="report_year", loc=paragraph.loc_at(m.start()), raw=m.group(0),
                message=f"a {doc.year} report states a position {m.group(0)} (expected {doc.year})")
        for paragraph in doc.paragraphs
        for m in stale.finditer(paragraph.text)
    ]
