"""Reason claims → ``ReasonRecord``s: one stated variance reason with what it explains.

``claims_to_reason_records(document, claims, classifier)`` is pure: it reads the ``reason`` claims
that ``claims/reasons.py`` found (their text, basis and the claim they explain) and adds what a
reader of many reports wants next to each reason — where it starts, the department and year of the
report, the item, direction, amount and percent of the change, the category, whether the reason is
empty, and a near-duplicate group id.

The reason pieces and what each explains come from ``spans.py`` (which also says what is repaired
there); ``reason_stats`` counts records by category × basis × direction.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from ..model import Claim, Document, Location, Sentence
from .categories import CATEGORY_IDS, is_empty_reason
from .department import document_department
from .features import ReasonInput
from .grouping import group_reasons
from .spans import DIRECTIONS, ClaimIndex, Piece, explained_fields, reason_piece
from .table_reasons import TableFigures, TableReason, table_reasons

if TYPE_CHECKING:  # the classifier pulls in scikit-learn; records without categories do not need it
    from .classifier import ReasonClassifier

__all__ = [
    "DIRECTIONS", "FIELDS", "ReasonRecord", "ReasonStats", "claims_to_reason_records", "reason_stats", "regroup",
]


@dataclass(frozen=True)
class ReasonRecord:
    """One stated reason. Money is Decimal; ``amount``/``percent`` are those of the change it explains.

    ``percent`` is the stated rate of change (``下降 60.05%`` → 60.05, direction says which way);
    ``completion`` the stated completion rate against the budget (``完成年初预算的126.21%``).
    """

    doc: str
    line: int | None
    page: int | None
    department: str | None
    year: int | None
    report_kind: str | None  # "final" (决算) | "budget" (预算) | None
    basis: str  # yoy | budget | performance
    item: str | None
    item_code: str | None  # function / economic code of the item when the report gives it
    direction: str | None  # one of DIRECTIONS
    amount: Decimal | None
    unit: str | None
    percent: Decimal | None
    completion: Decimal | None
    text: str
    category: str | None  # None when not classified or ``uncertain``
    confidence: float | None
    status: str | None  # "classified" | "uncertain" (confidence below the model's threshold) | None: no model
    empty: bool
    group: str
    sentence: str  # a table reason: the table's title and its row as printed
    para: int | None = None  # a DOCX or HTML report has paragraphs, not lines or pages
    origin: str = "prose"  # prose | table (a reason column of a table: table_reasons.py)
    column: str | None = None  # table: the reason column's header as printed
    table: int | None = None  # table: its number (among the document's, or the DOCX/HTML file's)
    row: int | None = None  # table: its printed row (the spreadsheet's row number in a workbook)
    sheet: str | None = None  # table of a workbook: the sheet
    figures: TableFigures | None = None  # table: the two figures of the change, as printed

    def as_dict(self) -> dict:
        """JSON-ready: Decimals as strings, no location key (``line``/``page``/``para``/``table``/
        ``row``/``sheet``) when unknown."""
        out = dataclasses.asdict(self)
        for key in ("line", "page", "para", "table", "row", "sheet"):
            if out[key] is None:
                del out[key]
        for key in ("amount", "percent", "completion"):
            if out[key] is not None:
                out[key] = str(out[key])
        return out


#: Column order of the CSV output (every field; ``line`` and ``page`` both, one of them empty).
FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(ReasonRecord))


# --------------------------------------------------------------------------- the records


def _location(sentence: Sentence, offset: int) -> Location:
    return sentence.loc_at(min(offset, max(len(sentence.text) - 1, 0)))


def claims_to_reason_records(
    document: Document, claims: list[Claim], classifier: ReasonClassifier | None = None
) -> list[ReasonRecord]:
    """One record per stated reason: those of the prose in document order, then those of the tables'
    reason columns (``table_reasons``) in table and row order. Without a classifier ``category`` and
    ``confidence`` are None (useful for harvesting reasons to label)."""
    department = document_department(document)
    index = ClaimIndex(claims)
    rows: list[tuple[Piece, Claim]] = []
    for claim in claims:
        if claim.kind == "reason":
            rows.append((reason_piece(claim), claim))
    found = table_reasons(document)
    texts = [p.text for p, _ in rows] + [t.text for t in found]
    explained = [explained_fields(piece, claim, index, document) for piece, claim in rows]
    inherit_from_list_heads([claim for _, claim in rows], explained)
    explained += [_table_fields(t) for t in found]
    preds = classifier.predict([ReasonInput(t, e["item"], e["direction"], e["basis"]) for t, e in zip(texts, explained)]
                               ) if classifier is not None else [None] * len(texts)
    groups = group_reasons(texts)
    out = []
    for i, (text, fields, pred, group) in enumerate(zip(texts, explained, preds, groups)):
        common = {
            "doc": document.source, "department": department, "year": document.year,
            "report_kind": document.kind, **fields, "text": text,
            "category": pred.category if pred and not pred.uncertain else None,
            "confidence": pred.confidence if pred else None,
            "status": ("uncertain" if pred.uncertain else "classified") if pred else None,
            "empty": is_empty_reason(text), "group": group,
        }
        if i < len(rows):
            piece, claim = rows[i]
            loc = _location(claim.sentence, piece.offset)
            out.append(ReasonRecord(**common, line=loc.line, page=loc.page, para=loc.para,
                                    sentence=claim.sentence.text))
        else:
            out.append(_table_record(found[i - len(rows)], common))
    return out


def inherit_from_list_heads(claims: list[Claim], explained: list[dict]) -> None:
    """A numbered list's later reasons explain what its first does (…减少的主要原因：一是X。二是Y。): where
    one names no item of its own, it takes the first's item, direction and change."""
    at = {id(c): i for i, c in enumerate(claims)}
    for claim, fields in zip(claims, explained):
        head = at.get(id(claim.list_head)) if claim.list_head is not None else None
        if head is None or fields["item"] is not None:
            continue
        first = explained[head]
        for key in ("item", "item_code", "direction", "amount", "unit", "percent", "completion"):
            fields[key] = first[key] if fields[key] is None else fields[key]


def _table_fields(reason: TableReason) -> dict:
    return {"basis": reason.basis, "item": reason.item, "item_code": reason.item_code, "direction": reason.direction,
            "amount": reason.amount, "unit": reason.unit, "percent": None, "completion": reason.completion}


def _table_record(reason: TableReason, common: dict) -> ReasonRecord:
    """A table reason located by page (PDF) or line (text), and by table and row: the DOCX/HTML file's
    own table and row, a workbook's sheet and row, else the document's table and the printed row."""
    loc = reason.loc
    in_sheet = loc.sheet is not None
    return ReasonRecord(
        **common, line=loc.line, page=loc.page, para=None, sentence=f"{reason.title} | {reason.printed}",
        origin="table", column=reason.column, figures=reason.figures, sheet=loc.sheet,
        table=None if in_sheet else (loc.table if loc.table is not None else reason.table),
        row=loc.row if loc.row is not None else reason.row,
    )


def regroup(records: Iterable[ReasonRecord], threshold: float = 0.8) -> list[ReasonRecord]:
    """The same records with group ids computed over all of them (across reports)."""
    records = list(records)
    groups = group_reasons([r.text for r in records], threshold)
    return [dataclasses.replace(r, group=g) for r, g in zip(records, groups)]


# --------------------------------------------------------------------------- statistics


@dataclass(frozen=True)
class FrequentReason:
    text: str  # the commonest wording of the near-duplicate group
    count: int  # records in the group (within the category)
    reports: int  # distinct reports it occurs in


@dataclass(frozen=True)
class ReasonStats:
    """Counts over a set of records: per (category, basis, direction), per report, per category,
    and the most frequent reasons (near-duplicate groups) of each category."""

    total: int
    empty: int
    counts: dict[tuple[str, str, str], int] = field(default_factory=dict)
    by_category: dict[str, int] = field(default_factory=dict)
    by_report: dict[str, int] = field(default_factory=dict)
    frequent: dict[str, list[FrequentReason]] = field(default_factory=dict)

    def rows(self) -> list[dict]:
        """Flat rows for CSV / JSON lines: one per (category, basis, direction), then one per frequent reason."""
        out: list[dict] = [
            {"table": "counts", "category": c, "basis": b, "direction": d, "count": n}
            for (c, b, d), n in self.counts.items()
        ]
        for cat, found in self.frequent.items():
            out += [
                {"table": "frequent", "category": cat, "rank": i, "text": f.text, "count": f.count,
                 "reports": f.reports}
                for i, f in enumerate(found, 1)
            ]
        out += [{"table": "reports", "doc": doc, "count": n} for doc, n in self.by_report.items()]
        return out


UNKNOWN = "-"  # stands for a missing category / direction in the counts


def _category(r: ReasonRecord) -> str:
    return r.category or ("uncertain" if r.status == "uncertain" else UNKNOWN)


def reason_stats(records: Iterable[ReasonRecord], top: int = 5) -> ReasonStats:
    """Counts by category × basis × direction (canonical category order, then by count) and the
    ``top`` most frequent reasons per category, counted by near-duplicate group."""
    records = list(records)
    order = {c: i for i, c in enumerate(CATEGORY_IDS)}
    counts = Counter((_category(r), r.basis, r.direction or UNKNOWN) for r in records)
    by_category = Counter(_category(r) for r in records)
    groups: dict[tuple[str, str], list[ReasonRecord]] = {}
    for r in records:
        if not r.empty:
            groups.setdefault((_category(r), r.group), []).append(r)
    frequent: dict[str, list[FrequentReason]] = {}
    for (cat, _), members in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if len(frequent.setdefault(cat, [])) < top:
            text = Counter(m.text for m in members).most_common(1)[0][0]
            frequent[cat].append(FrequentReason(text, len(members), len({m.doc for m in members})))

    def cat_key(cat: str) -> int:
        return order.get(cat, len(order))

    return ReasonStats(
        total=len(records),
        empty=sum(r.empty for r in records),
        counts=dict(sorted(counts.items(), key=lambda kv: (cat_key(kv[0][0]), -kv[1], kv[0]))),
        by_category={c: by_category[c] for c in sorted(by_category, key=cat_key)},
        by_report=dict(Counter(r.doc for r in records)),
        frequent={c: frequent[c] for c in sorted(frequent, key=cat_key)},
    )
