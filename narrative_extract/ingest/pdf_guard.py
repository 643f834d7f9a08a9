"""Page content that inflates past a limit is refused before anything parses it.

A Flate stream of zeros 661 KB long inflates to hundreds of MB; pdfminer decompresses it whole and
then tokenises every byte (over 400 s), and pdfium would decode it too. Each page's content streams
are inflated here first, in chunks that are thrown away, counting the bytes: a page whose content
inflates past ``Settings.page_content_mb`` is an ``InputError`` naming the page. Real pages hold
well under 1 MB of content (the largest page of the real PDFs and of 14 national ones: 177 KB).
Streams of other filters (and encrypted ones) are left to the per-file budget (``batch.Budget``).
"""

from __future__ import annotations

import zlib

from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1

CHUNK = 2**20


def inflated_size(stream: PDFStream, limit: int) -> int:
    """The size ``stream`` inflates to, counted up to just past ``limit`` (0 if it is no plain
    Flate stream or its data is broken: pdfminer's own reading decides then)."""
    raw = getattr(stream, "rawdata", None)
    filters = stream.get_filters() if raw is not None and not stream.decipher else []
    if not filters or filters[0][0] not in LITERALS_FLATE_DECODE:
        return 0
    inflater = zlib.decompressobj()
    size, tail = 0, raw
    try:
        while tail and size <= limit:
            size += len(inflater.decompress(tail, CHUNK))
            tail = inflater.unconsumed_tail
    except zlib.error:
        return 0
    return size


def oversized_content(page_obj, limit_mb: int) -> str | None:
    """Why a page's content is refused (``None``: it is not): its streams inflate past the limit."""
    limit = limit_mb * 2**20
    contents = resolve1(getattr(page_obj, "contents", None) or [])
    total = 0
    for item in contents if isinstance(contents, list) else [contents]:
        stream = resolve1(item)
        if isinstance(stream, PDFStream):
            total += inflated_size(stream, limit - total)
            if total > limit:
                return f"its content inflates to more than {limit_mb} MB (a decompression bomb?); refused"
    return None
