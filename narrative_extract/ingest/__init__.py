"""Ingestion: any supported file → RawDocument (TextLine / GridRow items with locations)."""

from __future__ import annotations

import stat
from pathlib import Path

from ..errors import InputError
from ..model import RawDocument
from ..settings import DEFAULT_SETTINGS, Settings
from .text import text_to_raw

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}


def sniff_format(path: str, head: bytes) -> str:
    """The format of a file from its first bytes (its suffix only breaks ties)."""
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"  # DOCX / XLSX
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"  # DOC / XLS
    if head.lstrip().lower().startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


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
            head = fh.read(8)
    except OSError as err:
        raise InputError(path, f"cannot read: {err.strerror}") from None
    fmt = sniff_format(path, head)
    if fmt == "pdf":
        from .pdf import pdf_to_raw  # lazy: pdfplumber is heavy

        return pdf_to_raw(path, settings)
    if fmt == "zip":
        raise InputError(path, "unsupported format: DOCX/XLSX (save it as PDF or UTF-8 text first)")
    if fmt == "ole":
        raise InputError(path, "unsupported format: legacy DOC/XLS (save it as PDF or UTF-8 text first)")
    if fmt == "html":
        raise InputError(path, "unsupported format: HTML (save it as PDF or text first)")
    if p.stat().st_size == 0:
        raise InputError(path, "empty file")
    return text_to_raw(path)
