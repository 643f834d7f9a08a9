"""Ingestion: any supported file → RawDocument (TextLine / GridRow items with locations).

The format is told by the file's first bytes (its suffix only breaks ties): text (``text``), PDF
(``pdf``), DOCX (``docx``), XLSX and XLS (``xlsx``), HTML (``html``); DOC, WPS, ET, RTF, ODT and
ODS through LibreOffice when it is installed (``convert``), else one clear error.
"""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

from ..errors import InputError
from ..model import RawDocument
from ..settings import DEFAULT_SETTINGS, Settings
from .convert import find_converter
from .text import text_to_raw

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
HTML_START = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<table", b"<div", b"<p>", b"<p ")
#: legacy binary formats read through LibreOffice, by suffix: (what it is, what it is converted to)
CONVERTED = {".doc": ("legacy Word (DOC)", "docx"), ".dot": ("legacy Word (DOC)", "docx"),
             ".wps": ("WPS Writer (WPS)", "docx"), ".wpt": ("WPS Writer (WPS)", "docx"),
             ".et": ("WPS Spreadsheets (ET)", "xlsx"), ".ett": ("WPS Spreadsheets (ET)", "xlsx"),
             ".rtf": ("RTF", "docx"), ".odt": ("OpenDocument text (ODT)", "docx"),
             ".ods": ("OpenDocument spreadsheet (ODS)", "xlsx")}


def sniff_format(path: str, head: bytes) -> str:
    """The format of a file from its first bytes (its suffix only breaks ties)."""
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"  # DOCX / XLSX / ODT / ODS
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"  # DOC / XLS / WPS / ET
    if head.startswith(b"{\\rtf"):
        return "rtf"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"<?xml"):
        start = start[start.find(b"?>") + 2:].lstrip()
    if start.startswith(HTML_START) or (Path(path).suffix.lower() in HTML_SUFFIXES and start.startswith(b"<")):
        return "html"
    return "text"


def zip_kind(path: str) -> str:
    """What a ZIP container holds: "docx", "xlsx", "odt", "ods" or "zip" (none of these)."""
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            mimetype = z.read("mimetype").decode("ascii", "replace") if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError, KeyError):
        names, mimetype = set(), ""
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if mimetype.endswith("opendocument.text"):
        return "odt"
    if mimetype.endswith("opendocument.spreadsheet"):
        return "ods"
    suffix = Path(path).suffix.lower().lstrip(".")
    return suffix if suffix in ("docx", "xlsx") else "zip"  # a broken DOCX/XLSX: its reader says what is wrong


def ole_kind(path: str) -> str:
    """What a legacy OLE file holds, from its suffix or else its streams: "xls" or a CONVERTED suffix."""
    suffix = Path(path).suffix.lower()
    if suffix == ".xls" or suffix in CONVERTED:
        return suffix.lstrip(".")
    data = Path(path).read_bytes()
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return "xls"
    return "doc"


def special_kind(p: Path) -> str:
    """What a path that is neither a file nor a folder is, in words."""
    mode = p.stat().st_mode
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a file"


def read_raw(path: str, settings: Settings = DEFAULT_SETTINGS) -> RawDocument:
    """Read one report file. Raises InputError naming the file and the problem."""
    p = Path(path)
    if not p.exists():
        raise InputError(path, "no such file")
    if p.is_dir():
        raise InputError(path, "is a directory, not a report file")
    if not p.is_file():
        # a FIFO blocks the reader forever and a device such as /dev/zero never ends: never opened
        raise InputError(path, f"not a regular file ({special_kind(p)}); refused")
    try:
        with p.open("rb") as fh:
            head = fh.read(1024)
    except OSError as err:
        raise InputError(path, f"cannot read: {err.strerror}") from None
    fmt = sniff_format(path, head)
    if fmt == "pdf":
        from .pdf import pdf_to_raw  # lazy: pdfplumber is heavy

        return pdf_to_raw(path, settings)
    if p.stat().st_size == 0:
        raise InputError(path, "empty file")
    if fmt in ("zip", "ole", "rtf"):
        return read_office(path, settings, zip_kind(path) if fmt == "zip" else ole_kind(path) if fmt == "ole" else "rtf")
    if fmt == "html":
        from .html import html_to_raw

        return html_to_raw(path, p.read_bytes())
    return text_to_raw(path)


def read_office(path: str, settings: Settings, kind: str) -> RawDocument:
    """A word-processor or spreadsheet file, by what it holds (``zip_kind`` / ``ole_kind``)."""
    from .convert import convert_and_read

    if kind == "docx":
        from .docx import docx_to_raw

        return docx_to_raw(path)
    if kind == "xlsx":
        from .xlsx import xlsx_to_raw

        return xlsx_to_raw(path)
    if kind in ("xls", "et", "ett"):
        from .xlsx import xls_to_raw

        try:
            return xls_to_raw(path)  # an ET is often BIFF8 that xlrd reads as it reads an XLS
        except InputError:
            if kind == "xls" and find_converter(settings) is None:
                raise
            what = "spreadsheet (XLS)" if kind == "xls" else CONVERTED["." + kind][0]
            return convert_and_read(path, what, "xlsx", settings)
    if kind == "zip":
        raise InputError(path, "not a readable DOCX or XLSX: a ZIP archive holding neither "
                               "(unpack it and check the reports inside)")
    what, target = CONVERTED.get("." + kind, ("legacy Word (DOC)", "docx"))
    return convert_and_read(path, what, target, settings)
