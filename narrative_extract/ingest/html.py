"""Web pages (lxml.html): text blocks in reading order, ``<table>`` s as grids.

lxml.html (libxml2's HTML parser) is used because published pages are rarely valid HTML — unclosed
``<p>`` and ``<td>``, ``<font>`` soup from a CMS, tables pasted from Word — and libxml2 recovers
from all of it into one tree, fast (C), with ``text``/``tail`` giving every piece of text in
document order; it is the parser BeautifulSoup itself prefers, without the extra layer.
html5lib would build the same tree as a browser but in pure Python, several times slower.

* Text: each block element (``<p>``, ``<div>``, ``<h1>``…, ``<li>``, ``<br>``) ends a line; a line is
  a ``TextLine`` at ``Location(para=N)``, N counting the text blocks from 1.
* Tables: a ``<table>`` is a grid of ``GridRow`` s at ``Location(table=T, row=R)``; ``rowspan`` and
  ``colspan`` spread the way a spanning PDF cell is (text first, ``''`` where it spans). A table
  laid out around the page's content (one that holds another table, or has a single column)
  is layout, not data: its content is read as running text and tables.
* Never read: ``<script>``, ``<style>``, ``<noscript>``, ``<template>``, comments, the ``<head>``,
  and elements hidden with ``display:none`` or ``hidden``.
"""

from __future__ import annotations

import regex
from lxml import etree, html

from ..errors import InputError
from ..model import GridRow, Location, RawDocument, RawItem, TextLine
from .cells import SpanCell, cell_text, spread
from .script import items_to_simplified
from .text import decode_text

SKIP = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "iframe", "object",
        "svg", "select", "button", "input", "textarea"}
BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "tr", "blockquote",
         "pre", "section", "article", "header", "footer", "nav", "aside", "main", "center", "form", "hr",
         "address", "figure", "figcaption", "caption", "body", "html", "fieldset", "table"}
CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", regex.I)
HIDDEN_STYLE = regex.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", regex.I)
SPACES = regex.compile(r"[ \t\r\n\f]+")  # HTML white space collapses; &nbsp; and 　 do not
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def decode_html(path: str, data: bytes) -> str:
    """The page's text: UTF-8, else the charset its ``<meta>`` declares, else the detected one."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if m := CHARSET.search(data[:4096]):
        declared = m.group(1).decode("ascii").lower()
        encoding = "gb18030" if declared in ("gb2312", "gbk", "gb18030", "x-gbk") else declared
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    return decode_text(path, data)[0]


def html_to_raw(path: str, data: bytes) -> RawDocument:
    """Read the web page ``data`` (from ``path``) into a RawDocument (``format="html"``)."""
    text = decode_html(path, data)
    try:
        root = html.document_fromstring(regex.sub(r"^\s*<\?xml[^>]*>", "", text))
    except (etree.ParserError, ValueError) as err:
        raise InputError(path, f"cannot parse HTML: {err}") from None
    reader = PageReader()
    body = root.find("body")
    reader.walk(body if body is not None else root)
    reader.flush()
    items = items_to_simplified(reader.items)
    if not any(regex.search(r"\p{Han}", i.text if isinstance(i, TextLine) else "".join(i.cells)) for i in items):
        raise InputError(path, "no Chinese text in the page's body (scripts and styles are not read): "
                               "not a budget or final-account report")
    return RawDocument(source=path, format="html", items=items)


def hidden(el) -> bool:
    return el.get("hidden") is not None or bool(HIDDEN_STYLE.search(el.get("style") or ""))


def is_layout_table(table) -> bool:
    """A table that places the page's content rather than tabulating figures."""
    if table.xpath(".//table"):
        return True
    rows = own_rows(table)
    return max((len(own_cells(tr)) for tr in rows), default=0) <= 1


def own_rows(table) -> list:
    """The table's rows, not those of a table nested in one of its cells."""
    return [tr for tr in table.iter("tr") if next(tr.iterancestors("table"), None) is table]


def own_cells(tr) -> list:
    return [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]


def span(el, name: str) -> int:
    try:
        return max(1, min(int(regex.sub(r"\D", "", el.get(name) or "1") or 1), 1000))
    except ValueError:
        return 1


class PageReader:
    """Walks the page in document order, collecting text lines and table rows."""

    def __init__(self) -> None:
        self.items: list[RawItem] = []
        self.line: list[str] = []
        self.para = 0
        self.table = 0

    def flush(self, alone: bool = False) -> None:
        text = SPACES.sub(" ", "".join(self.line)).replace("\u00a0", " ").strip()
        self.line = []
        if text:
            self.para += 1
            self.items.append(TextLine(text, Location(para=self.para), alone))

    def add(self, text: str | None) -> None:
        if text:
            self.line.append(text)

    def walk(self, el) -> None:
        """The text and tables inside ``el``, in document order."""
        self.add(el.text)
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""  # comments, processing instructions
            if not tag or tag in SKIP or hidden(child):
                pass
            elif tag == "br":
                self.flush()
            elif tag == "table" and not is_layout_table(child):
                self.flush()
                self.read_table(child)
            elif tag in BLOCK or tag in ("td", "th"):
                self.flush()
                self.walk(child)
                self.flush(alone=tag in HEADINGS)
            else:
                self.walk(child)
            self.add(child.tail)  # the text after an element, even a skipped one, is the page's

    def read_table(self, table) -> None:
        for caption in table.iter("caption"):
            self.add(caption.text_content())
            self.flush()
        declared = [[SpanCell(cell_text([block_text(c)]), span(c, "rowspan"), span(c, "colspan")) for c in own_cells(tr)]
                    for tr in own_rows(table) if not hidden(tr)]
        rows = spread(declared)
        if not any(c.strip() for r in rows for c in r):
            return
        self.table += 1
        self.items += [GridRow(cells, Location(table=self.table, row=r), grid=self.table)
                       for r, cells in enumerate(rows, start=1)]


def block_text(cell) -> str:
    """A cell's text, its lines (``<br>``, ``<p>``) kept apart for ``cell_text`` to join."""
    reader = PageReader()
    reader.walk(cell)
    reader.flush()
    return "\n".join(i.text for i in reader.items if isinstance(i, TextLine))
