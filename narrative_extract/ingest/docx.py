"""DOCX reports (python-docx): paragraphs and tables of the body in reading order.

Each paragraph with text is a ``TextLine`` at ``Location(para=N)`` (N counts the paragraphs with
text, 1-based); a line break inside a paragraph starts a new ``TextLine`` of the same paragraph.
Each table is one grid of ``GridRow`` s at ``Location(table=T, row=R)``. A cell merged across
columns (``gridSpan``) or down rows (``vMerge``) prints its text in its first position and ``''``
in the others, as a spanning PDF cell does (``ingest/cells``); a row's skipped grid columns
(``gridBefore``/``gridAfter``) are empty cells. Content controls (``w:sdt``) are read through.

A paragraph of an automatically numbered list gets the label Word prints before it (``一、``,
``（一）``, ``1.``: ``docx_numbering``), since headings and list items are found by their labels; a
heading style, an outline level or centring makes a paragraph a title of its own
(``TextLine.alone``): never joined to the paragraph before or after it.

Text is taken from the runs themselves (``w:t``, ``w:tab``, ``w:br``), so text inside tracked
insertions and hyperlinks is read and tracked deletions, field codes and text boxes are not;
page headers and footers are not part of the body and are never read.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.text.paragraph import Paragraph
from lxml import etree

from ..errors import InputError
from ..model import GridRow, Location, RawDocument, RawItem, TextLine
from .cells import cell_text
from .docx_numbering import Numbering
from .script import items_to_simplified

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SKIPPED = {W + "del", W + "txbxContent", W + "instrText", W + "delText", W + "fldData"}


def docx_to_raw(path: str, source: str | None = None) -> RawDocument:
    """Read the DOCX at ``path`` (``source``: the name the report goes by, when it was converted)."""
    from docx import Document as open_docx  # lazy: only DOCX inputs need it
    from docx.opc.exceptions import PackageNotFoundError

    name = source or path
    try:
        document = open_docx(path)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as err:
        raise InputError(name, f"corrupt DOCX: {type(err).__name__}: {err}".rstrip(": ")) from None
    items = items_to_simplified(list(body_items(document)))
    if not any(isinstance(i, TextLine) or any(c.strip() for c in i.cells) for i in items):
        raise InputError(name, "empty DOCX: no text and no table cells")
    return RawDocument(source=name, format="docx", items=items)


def blocks(element) -> Iterator:
    """The paragraphs and tables of a body or content control, in order."""
    for child in element:
        if child.tag in (W + "p", W + "tbl"):
            yield child
        elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml"):
            yield from blocks(child.find(W + "sdtContent") if child.tag == W + "sdt" else child)


def body_items(document) -> Iterator[RawItem]:
    para = table = 0
    numbering = Numbering.of(document)
    for block in blocks(document.element.body):
        if block.tag == W + "p":
            label = numbering.label(block)  # counted even when the paragraph is empty, as Word does
            lines = [t for t in (s.strip() for s in run_text(block).split("\n")) if t]
            if lines and label:
                lines[0] = label + lines[0]
            if lines:
                para += 1
                alone = is_title(Paragraph(block, document._body))
                yield from (TextLine(line, Location(para=para), alone) for line in lines)
            continue
        rows = table_rows(block)
        if any(c.strip() for r in rows for c in r):
            table += 1
            yield from (GridRow(cells, Location(table=table, row=r), grid=table) for r, cells in enumerate(rows, 1))


def is_title(paragraph: Paragraph) -> bool:
    """A heading or title: a heading or title style, an outline level, or centred."""
    try:
        style = paragraph.style
    except (KeyError, ValueError, AttributeError):
        style = None
    name = (style.name or "").lower() if style is not None else ""
    levels = [el for el in (paragraph._p.pPr, style.element.pPr if style is not None else None)
              if el is not None and el.find(W + "outlineLvl") is not None]
    return (name.startswith(("heading", "title", "标题")) or bool(levels)
            or paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER)


def run_text(element) -> str:
    """The text a paragraph shows: tabs as spaces, breaks as new lines."""
    out: list[str] = []

    def walk(node) -> None:
        for child in node:
            tag = child.tag
            if tag in SKIPPED or tag == W + "tbl":
                continue
            if tag == W + "t":
                out.append(child.text or "")
            elif tag in (W + "tab", W + "ptab"):
                out.append(" ")
            elif tag in (W + "br", W + "cr"):
                out.append("\n")
            elif tag == W + "noBreakHyphen":
                out.append("-")
            else:
                walk(child)

    walk(element)
    return "".join(out)


def table_rows(tbl) -> list[list[str]]:
    """The rows of a table as printed strings, merged cells spread (text first, '' after)."""
    rows: list[list[str]] = []
    for tr in tbl.iter(W + "tr"):
        if tr.getparent() is not tbl and tr.getparent().tag != W + "sdtContent":
            continue  # a row of a table nested in a cell belongs to that cell
        cells: list[str] = [""] * _count(tr, "gridBefore")
        for tc in tr.iter(W + "tc"):
            if _row_of(tc) is not tr:
                continue
            span = int(tc.grid_span) if hasattr(tc, "grid_span") else 1
            continued = getattr(tc, "vMerge", None) == "continue"
            text = "" if continued else cell_text([run_text(p) for p in tc.iter(W + "p")])
            cells += [text] + [""] * (span - 1)
        cells += [""] * _count(tr, "gridAfter")
        rows.append(cells)
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


def _row_of(tc):
    """The row a cell sits in directly (a cell of a nested table sits in the nested table's row)."""
    parent = tc.getparent()
    while parent is not None and parent.tag != W + "tr":
        parent = parent.getparent()
    return parent


def _count(tr, name: str) -> int:
    pr = tr.find(W + "trPr")
    el = pr.find(W + name) if pr is not None else None
    try:
        return int(el.get(W + "val")) if el is not None else 0
    except (TypeError, ValueError):
        return 0
