"""A report's findings as a reviewer checks them (``report_view``): each alarm with its sentence,
the figures, the table excerpt and, for a PDF, the page images with the boxes drawn."""

from __future__ import annotations

from collections import Counter

from ..model import Document, Location, Sentence
from ..reconcile.finding import STATUSES, Finding
from ..settings import Settings
from .crops import PageImages, clusters
from .excerpt import CitedCell, cited_cells, excerpts
from .model import STATUS_ORDER, Box, Family, Item, ReportView, ReviewLimits
from .quotes import claim_quotes, figure_quote, focus, sentence_at, sentence_lines, span_of, where

#: cells of one finding looked up on the page images (a table sum may cite dozens)
MAX_CELL_BOXES = 6


def report_view(path: str, settings: Settings, limits: ReviewLimits) -> ReportView:
    """One report read, checked and laid out for review. Raises InputError when it cannot be read."""
    from ..api import check_document, read_document

    doc = read_document(path, settings)
    summary, findings = check_document(doc)
    order = sorted(range(len(findings)), key=lambda k: (STATUS_ORDER.index(findings[k].status),
                                                         place(findings[k], doc.parts), k))
    ranked = [findings[k] for k in order]
    items = [item_of(doc, f, n, limits) for n, f in enumerate(ranked, 1)]
    if doc.format == "pdf":
        add_crops(doc, ranked, items, limits)
    families: dict[str, Counter[str]] = {}
    for item in items:
        families.setdefault(item.family.value, Counter())[item.status] += 1
    return ReportView(
        doc=path, format=summary.format, pages=summary.pages, year=summary.year, kind=summary.kind,
        department=summary.department, claims=summary.claims, counts=dict(summary.verdicts),
        families={f.value: {s: families[f.value][s] for s in STATUSES} for f in Family if f.value in families},
        items=items, notes=summary.notes + tuple(f"table not read consistently: {t.title} ({t.where}): "
                                                 + "; ".join(t.why) for t in summary.not_read))


def place(f: Finding, parts: tuple[str, ...]) -> tuple:
    """Where a finding is, for reading order: its file among the report's files, page or line, height."""
    loc = f.claim.loc if f.claim is not None else f.loc or next((e.loc for e in f.evidence if e.loc), None)
    if loc is None:
        return (1, 0, 0, 0.0)
    part = parts.index(loc.file) if loc.file in parts else 0
    return (0, part, loc.page or loc.line or 0, loc.bbox[1] if loc.bbox else 0.0)


def item_of(doc: Document, f: Finding, number: int, limits: ReviewLimits) -> Item:
    claim = f.claim
    loc = claim.loc if claim is not None else f.loc or next((e.loc for e in f.evidence if e.loc), None)
    alarm = f.status in ("mismatch", "warning")
    cells = cited_cells(doc, f)
    context = limits if alarm else ReviewLimits(context_rows=min(1, limits.context_rows), max_columns=limits.max_columns)
    return Item(
        number=number, status=f.status, kind=f.kind, family=Family.of(f.kind), message=f.message,
        where=where(loc), subject=f.subject, stated=focus(claim).raw if claim is not None else f.raw, expected=f.expected,
        formulas=tuple(e.formula for e in f.evidence if e.formula),
        quotes=claim_quotes(claim) if claim is not None else (
            (figure_quote(found[0], found[1], f.raw),) if (found := unclaimed(doc, f)) is not None and f.raw else ()),
        excerpts=excerpts(cells, context, max_tables=4 if alarm else 1),
        relation=str(f.relation) if f.relation is not None else None)


def add_crops(doc: Document, findings: list[Finding], items: list[Item], limits: ReviewLimits) -> None:
    """Page images for the alarms (``limits.images_for``), in the page's order, while the report's
    budget lasts."""
    spent = made = 0
    with PageImages(limits) as pages:
        for f, item in zip(findings, items, strict=True):
            if item.status not in limits.images_for:
                continue
            if made >= limits.max_crops or spent >= limits.max_report_image_bytes:
                item.crop_note = "no page image: the page's image budget is spent (see the page number)"
                continue
            try:
                wanted = boxes_of(doc, f, pages)
            except Exception as err:  # noqa: BLE001 - a page that does not render costs its image only
                item.crop_note = f"no page image: {type(err).__name__}: {err}"
                continue
            if not wanted:
                item.crop_note = "no page image: nothing of this finding is located on a page"
                continue
            for (file, page), boxes in wanted.items():
                for group in clusters(boxes, limits.max_crop_height):
                    if len(item.crops) >= limits.max_crops_per_alarm or made >= limits.max_crops:
                        break
                    crop = pages.crop(file, page, group)
                    if spent + len(crop.data) > limits.max_report_image_bytes:
                        item.crop_note = "a page image left out: the page's image budget is spent"
                        break
                    item.crops.append(crop)
                    spent += len(crop.data)
                    made += 1


def boxes_of(doc: Document, f: Finding, pages: PageImages) -> dict[tuple[str, int], list[Box]]:
    """The boxes to draw, by (file, page): the claim's page first, then the cells' pages."""
    out: dict[tuple[str, int], list[Box]] = {}
    figure = figure_of(doc, f)
    if figure is not None and (home := placed(doc, figure[2])) is not None:
        sentences = [figure[0]] + ([p.sentence for p in f.claim.parts] if f.claim is not None else [])
        lines = {(loc.page, loc.bbox) for s in sentences for loc in sentence_lines(s)
                 if placed(doc, loc) == home and loc.bbox is not None}
        out.setdefault(home, []).extend(Box(*bbox, "sentence") for _, bbox in sorted(lines) if bbox is not None)
        if (bbox := figure[2].bbox) is not None and figure[1]:
            found = pages.locate(*home, figure[1], Box(*bbox, "sentence"))
            if found is not None:
                out.setdefault(home, []).append(found)
    cells = [c for c in cited_cells(doc, f) if c.row.loc.bbox is not None][:MAX_CELL_BOXES]
    if not cells and figure is None:
        for row_loc in [f.loc] + [e.loc for e in f.evidence]:  # rows cited without a cell
            if row_loc is not None and row_loc.bbox is not None and (at := placed(doc, row_loc)) is not None:
                out.setdefault(at, []).append(Box(*row_loc.bbox, "cell"))
    for cell in cells:
        assert cell.row.loc.bbox is not None
        if (at := placed(doc, cell.row.loc)) is None:
            continue
        row_box = Box(*cell.row.loc.bbox, "cell")
        found = pages.locate(*at, cell.printed, row_box, nth=occurrence(cell), role="cell") if cell.printed else None
        out.setdefault(at, []).append(found or row_box)
    return out


def unclaimed(doc: Document, f: Finding) -> tuple[Sentence, int] | None:
    """The sentence of a finding of no claim that prints its figure (the report's year contradicted)."""
    if f.claim is not None or not f.raw or f.loc is None:
        return None
    return sentence_at(doc, f.loc, f.raw)


def figure_of(doc: Document, f: Finding) -> tuple[Sentence, str, Location] | None:
    """The sentence a finding is about, its figure as printed, and the location of the figure's line."""
    if f.claim is not None:
        claim = focus(f.claim)
        span = span_of(claim)
        return claim.sentence, claim.sentence.text[span[0]:span[1]] if span else "", claim.loc
    if (found := unclaimed(doc, f)) is not None and f.raw:
        sentence, start = found
        return sentence, f.raw, sentence.loc_at(start)
    return None


def placed(doc: Document, loc: Location) -> tuple[str, int] | None:
    """The file and page of a location of a PDF report."""
    if loc.page is None:
        return None
    return (loc.file or doc.source, loc.page)


def occurrence(cell: CitedCell) -> int:
    """How many cells left of the cited one in its row print the same text (to tell them apart)."""
    columns = [c.column for c in cell.row.cells]
    if cell.column not in columns:
        return 0
    return sum(1 for c in cell.row.cells[:columns.index(cell.column)] if c.text == cell.printed)
