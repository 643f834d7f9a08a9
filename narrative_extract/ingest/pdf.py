"""PDF ingestion: a report's pages -> ``RawDocument`` of ``TextLine`` and ``GridRow`` items.

Reading order is page by page, top to bottom; a table is placed at its top edge and its rows follow
in order. Text inside a table is only in its ``GridRow`` s; every other visual line becomes one
``TextLine`` (table titles, ``编制部门：… 单位：元``, ``公开01表`` included). Lone page numbers in the
top/bottom margin band (``Settings.margin``) are dropped. Tables are ruled, partially ruled
(``pdf_tables``) or not ruled at all (``pdf_text_tables``). Characters clipped out of sight
(a text box drawn whole on each page it runs over) are not read (``pdf_clip``).

Pages are parsed one at a time and released after use (``_release``), so pdfplumber's memory does
not grow with the page count. Each page leaves only its text lines and table cells (``PageRead``);
once all are read, running headers and footers repeated across pages are dropped
(``pdf_furniture``) and the pages are put together (``_assemble``): a table continued on the next
page is recognised only once the header above it is known to be furniture.

Text engine: pdfplumber chars + our own line clustering, not pypdfium2
------------------------------------------------------------------------
Measured on the 13 Shanghai reports in ``../shared/real_pdfs`` (328 pages; 2-CPU container, warm
file cache; scripts kept out of the repo, figures from two runs):

====================================  =========  =======================================
step                                  ms / page  notes
====================================  =========  =======================================
pypdfium2 ``get_text_range``          1.2        text only: no tables, no char geometry
pdfplumber ``page.chars`` (pdfminer)  27-32      the parse; needed for the tables anyway
our line clustering + spacing         0.9        ``pdf_lines``
full ``pdf_to_raw``                   31-38      + ruled tables, cell text, ordering
====================================  =========  =======================================

pypdfium2 is ~25x faster at getting text, but pdfplumber has to parse every page for table
geometry anyway, so using pdfium for the narrative would add its cost, not save pdfplumber's;
a 35-page report takes ~1.2 s in all. Correctness decided it:

* pdfium returns text in content-stream order: on shanghai_finance_2025_unit_budget.pdf p.4 the
  title ``上海市财政局（单位）机构设置`` is drawn last and comes out after the body. On the other
  130 pages without rules the two engines agree character for character (whitespace aside).
* pdfium keeps the half-width space glyphs word processors set between Chinese and digits
  (``与 2023 年度``) and the gaps of letter-spaced text (``1 0 , 8 9 2 . 9 6``): string heuristics
  would be needed to undo them; here the gap geometry decides.
* On ``tests/fixtures/pdf/shifted_digits.pdf`` (Times-Roman digits 4 pt below STSong text) pdfium
  keeps the digits in order but drops the ``。`` that ends a line after a digit run, and on
  ``spaced_chars.pdf`` it loses the Chinese characters drawn one by one (non-embedded CID font).
  pdfplumber's default ``extract_text`` groups by ``top`` and moves the lowered digits to a line
  of their own (``16,687.89 60.05%``); clustering by vertical overlap keeps them in place.

Memory (``pdf_to_raw`` on the largest file, putuo_planning_resources_2024_final.pdf, 30 pages,
728 KB): peak 11.9 MB of traced Python allocations, max RSS 62 MB (37 MB of it is the imports);
the result holds 1.4 MB. ``page.close()`` alone is not enough: pdfplumber keeps every ``Page`` in
``pdf.pages`` with its decoded content streams, and pdfminer caches every object it resolved, so
``_release`` also drops those (the working set then stays flat; on a 120-page file made of four
copies of that report the peak is 17.6 MB, the growth being the result and the 15 extra embedded
fonts pdfminer keeps per copy).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from ..errors import InputError
from ..model import GridRow, Location, RawDocument, RawItem, TextLine
from ..settings import DEFAULT_SETTINGS, Settings
from .pdf_clip import Clipped, clipped_objects, visible_chars
from .pdf_furniture import PlacedLine, find_furniture
from .pdf_guard import oversized_content
from .pdf_lines import Char, cluster_lines
from .pdf_tables import GridGeom, find_grids, fit_columns
from .pdf_text_tables import find_text_tables, fit_text_columns

__all__ = ["pdf_to_raw"]

Box = tuple[float, float, float, float]  # x0, top, x1, bottom

#: A line that is only a page number: ``3``, ``- 3 -``, ``— 3 —``, ``第 3 页``, ``第3页 共24页``, ``3/24``.
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|\d{1,4}|[-—–－]?\s*[ivxlcIVXLC]{1,6}\s*[-—–－]?)\s*$"
)


def pdf_to_raw(path: str, settings: Settings = DEFAULT_SETTINGS) -> RawDocument:
    """Read the PDF at ``path`` into a ``RawDocument`` (``format="pdf"``).

    Raises ``InputError`` when the file is missing, not a PDF, corrupt, encrypted with a user
    password, or has no text layer at all (a scan).
    """
    pdf = _open(path)
    read: list[PageRead] = []
    try:
        try:
            pages = pdf.pages
        except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on a broken page tree
            raise InputError(path, f"corrupt PDF: cannot read its pages ({_why(exc)})") from None
        n_pages = len(pages)
        if n_pages == 0:
            raise InputError(path, "corrupt PDF: no pages")
        for number, page in enumerate(pages, start=1):  # before pdfium or pdfminer inflates anything
            if (why := oversized_content(page.page_obj, settings.page_content_mb)) is not None:
                raise InputError(path, f"page {number}: {why}")
        clipping = clipped_objects(path) if settings.honour_clipping else []
        for number, page in enumerate(pages, start=1):
            try:
                try:
                    _ = page.chars, page.edges  # parse the page: any failure here is the file's
                except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on a broken page
                    reason = f"corrupt PDF: page {number} cannot be read ({_why(exc)})"
                    raise InputError(path, reason) from None
                shown = clipping[number - 1] if len(clipping) == n_pages else None
                read.append(_read_page(page, number, settings, shown))
            finally:
                _release(pdf, page)
    finally:
        _close(pdf)
    if sum(p.chars for p in read) == 0:
        unit = "page" if n_pages == 1 else "pages"
        raise InputError(path, f"no text layer (scanned PDF?): {n_pages} {unit}, no extractable characters")
    _drop_furniture(read, settings.furniture_band)
    return RawDocument(source=str(path), format="pdf", items=_assemble(read, settings), pages=n_pages)


def _close(pdf) -> None:
    """Close the file even when its page tree is broken: pdfplumber's ``close`` walks ``pages``
    again, and on a page that cannot be parsed it raises, which would hide the ``InputError``
    that says why the file cannot be read."""
    try:
        pdf.close()
    except Exception:  # noqa: BLE001 - the reading's own error (or result) is what the caller needs
        stream = getattr(pdf, "stream", None)
        if stream is not None:
            stream.close()


def _why(exc: Exception) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _open(path: str):
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a PDF") from None
    except OSError as exc:
        raise InputError(path, f"cannot read file: {exc.strerror or exc}") from None
    if b"%PDF-" not in head:
        raise InputError(path, "not a PDF (no %PDF- header)")
    try:
        return pdfplumber.open(path)
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise InputError(path, "encrypted PDF: cannot read without a password") from None
        why = _why(cause) if isinstance(cause, Exception) else str(cause)
        raise InputError(path, f"corrupt PDF: {why}") from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on a broken file
        raise InputError(path, f"corrupt PDF: {_why(exc)}") from None


@dataclass
class PageRead:
    """What one page yields before the pages are put together: its lines and its tables.

    Only plain text and geometry are kept (no pdfplumber objects), so holding every page until
    running headers are known costs about what the result itself does.
    """

    number: int
    bbox: Box
    lines: list[tuple[Box, str]]  # (bbox, text), top to bottom
    grids: list[GridGeom]
    chars: int


def _read_page(page, number: int, settings: Settings, clipped: list[Clipped] | None = None) -> PageRead:
    """One page's lines and tables from the characters it shows: inside the page and inside the
    clipping windows of its text (``pdf_clip``; ``None``: keep every character)."""
    x0, top, x1, bottom = page.bbox
    chars: list[Char] = visible_chars([
        c for c in page.chars
        if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom
    ], clipped)
    n_chars = sum(1 for c in chars if c["text"].strip())
    if n_chars == 0:
        return PageRead(number, tuple(page.bbox), [], [], 0)
    tol, gap = settings.line_band_tolerance, settings.word_gap
    grids = find_grids(page, chars, tol, gap)

    free = [c for c in chars if not any(_in_box(c, g.bbox) for g in grids)]
    lines = [line for line in cluster_lines(free, tol) if line.text(gap).strip()]
    text_grids, lines = find_text_tables(lines, gap)
    if text_grids:
        grids = sorted(grids + text_grids, key=lambda g: (g.bbox[1], g.bbox[0]))
    kept = []
    for line in lines:
        text = line.text(gap).strip()
        in_margin = line.top < top + settings.margin or line.bottom > bottom - settings.margin
        if in_margin and PAGE_NUMBER.match(text):
            continue
        kept.append((_round(line.bbox), text))
    return PageRead(number, tuple(page.bbox), kept, grids, n_chars)


def _drop_furniture(pages: list[PageRead], band: float) -> None:
    """Remove running headers and footers (see ``pdf_furniture``) from every page's lines."""
    placed = [
        PlacedLine(p.number, k, text, box[1] - p.bbox[1], p.bbox[3] - box[3])
        for p in pages for k, (box, text) in enumerate(p.lines)
    ]
    drop = find_furniture(placed, len(pages), band)
    for p in pages:
        if any(p.number == n for n, _ in drop):
            p.lines = [ln for k, ln in enumerate(p.lines) if (p.number, k) not in drop]


def _assemble(pages: list[PageRead], settings: Settings) -> list[RawItem]:
    """Items of every page in reading order; a table that starts a page right after a table that
    ended the previous one keeps that table's columns (``fit_columns``)."""
    items: list[RawItem] = []
    next_grid = 0
    prev_grid: GridGeom | None = None  # the last table of the previous page, if it ended the page
    for page in pages:
        lines, grids = page.lines, list(page.grids)
        # a table that starts the page (nothing above it but a running header in the top margin)
        # continues the previous page's last table: keep that table's columns
        head_top = page.bbox[1] + settings.margin
        if grids and prev_grid is not None and not any(
            head_top <= box[1] and box[3] <= grids[0].bbox[1] for box, _ in lines
        ):
            if grids[0].kind == prev_grid.kind == "unruled":
                grids[0] = fit_text_columns(grids[0], prev_grid.xs)
            else:
                grids[0] = fit_columns(grids[0], prev_grid.xs)

        # kind 1: a text line (its box, its text); kind 0: a table
        blocks: list[tuple[float, int, tuple[Box, str] | GridGeom]] = [
            (box[1], 1, (box, text)) for box, text in lines
        ]
        blocks += [(g.bbox[1], 0, g) for g in grids]
        blocks.sort(key=lambda b: (b[0], b[1]))
        grid_ids = {id(g): next_grid + k for k, g in enumerate(grids)}
        for _, _kind, obj in blocks:
            if isinstance(obj, GridGeom):
                for row_box, cells in obj.rows:
                    texts = [c.text if c else "" for c in cells]
                    loc = Location(page=page.number, bbox=_round(row_box))
                    items.append(GridRow(texts, loc, grid=grid_ids[id(obj)]))
            else:
                box, text = obj
                items.append(TextLine(text, Location(page=page.number, bbox=box)))
        next_grid += len(grids)

        # the page ends with a table when no text line lies below the last grid
        prev_grid = None
        if grids:
            last = max(grids, key=lambda g: g.bbox[3])
            if not any(box[1] >= last.bbox[3] for box, _ in lines):
                prev_grid = last
    return items


def _release(pdf, page) -> None:
    """Free what pdfplumber/pdfminer keep of a page once it is read.

    ``page.close()`` drops pdfplumber's char/layout caches, but the ``Page`` objects stay listed in
    ``pdf.pages`` and hold their decoded content streams (~50 KB a page), and pdfminer's object
    cache holds them too: without this, memory grows with the page count.
    """
    page.close()
    page.page_obj.contents = []
    cache = getattr(pdf.doc, "_cached_objs", None)  # pdfminer internals: skip if renamed
    if isinstance(cache, dict):
        cache.clear()


def _in_box(c: Char, bbox, pad: float = 1.0) -> bool:
    x = (c["x0"] + c["x1"]) / 2
    y = (c["top"] + c["bottom"]) / 2
    return bbox[0] - pad <= x <= bbox[2] + pad and bbox[1] - pad <= y <= bbox[3] + pad


def _round(bbox) -> Box:
    x0, top, x1, bottom = (round(float(v), 2) for v in bbox)
    return (x0, top, x1, bottom)


if __name__ == "__main__":  # pragma: no cover - debugging aid: python -m narrative_extract.ingest.pdf FILE
    import sys

    doc = pdf_to_raw(sys.argv[1])
    for item in doc.items:
        if isinstance(item, TextLine):
            print(f"p{item.loc.page:<3} T  {item.text}")
        else:
            print(f"p{item.loc.page:<3} G{item.grid:<3} {item.cells}")
    print(os.path.basename(sys.argv[1]), doc.pages, "pages", len(doc.items), "items", file=sys.stderr)
