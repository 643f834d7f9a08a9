"""Certainty before alarm: a ``mismatch`` only through a certain relation.

Every verdict states the relation it compared through (relations/). A disagreement through a
relation the tool is not sure of — the whole found in another paragraph, a table not read
consistently, a column of another year — is no alarm: it becomes ``unverifiable`` with the reason
``uncertain link``, and keeps the candidate (the figure expected, the evidence, the relation and
its doubts), so a reviewer can still look. A mismatch that states no relation at all is treated
the same way: an alarm must say what it compared.
"""

from __future__ import annotations

from .finding import Finding

UNCERTAIN = "uncertain link"


def certain_alarms(findings: list[Finding]) -> list[Finding]:
    """The findings with every mismatch not carried by a certain relation made unverifiable (in place)."""
    for f in findings:
        if f.status != "mismatch" or (f.relation is not None and f.relation.certain):
            continue
        doubts = "; ".join(str(d) for d in f.relation.doubts) if f.relation else "no relation stated"
        f.status = "unverifiable"
        f.message = f"{UNCERTAIN} ({doubts}); the candidate disagrees: {f.message}"
    return findings
