"""Where a PDF page shows its text: the clipping windows of its text objects (read with pypdfium2).

A word processor that exports a text box running over several pages draws the whole box on every
page and clips each page to its own window. On putuo_finance_2025_dept_budget.pdf items 7–11 of
the 财政拨款支出主要内容 list are drawn on both p.7 and p.8; p.7 shows 7–8, p.8 shows 9–11.
pdfminer (pdfplumber) ignores clipping paths, so without this the hidden copies are read as text
and every figure in them is claimed twice (commerce pp.3–4 repeat their 主要职能 the same way).

``clipped_objects`` gives, per page, the clipped text (pdfium opens the file a second time: pdfminer
keeps no clipping paths): for each text object that pdfium reports with a
clipping path (it drops the clip of an object wholly inside it), the object's bounds and its clip
rectangle, in pdfplumber's coordinates (points, origin top left). A character is hidden when it
lies in such an object and outside its clip. ``None`` for a page means "keep every character":
text sits in a form XObject this module does not open, the page is rotated or offset, or
pypdfium2 cannot read the file (pdfplumber's reading then stands as it is). A clipping path made of
several subpaths is treated as their intersection (each one clips further), and a subpath as its
bounding box: the windows are rectangles in the reports seen.

Cost on the 13 Shanghai reports (328 pages): 13.7 s to read them all against 11.1 s without it,
about 8 ms a page (walking ~1,100 text objects through ctypes; an object wholly inside its clip —
a spreadsheet cell's text — is dropped at once, or testing every character against every cell would
cost 60 ms a page). Spreadsheet exports draw each character as its own text object under a clip
(beijing_29.pdf: 71,000 objects on 44 pages): a clip's points are read once per page (the objects
drawn under it share them) and a character is tested only against the clipped objects at its
height (``visible_chars``), which took that file's clipping from 2.3 s to 0.7 s of CPU.
"""

from __future__ import annotations

import ctypes
import math

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


#: A clipped text object: its bounds and the clip rectangle it shows through.
Clipped = tuple[Box, Box]


def clipped_objects(path: str) -> list[list[Clipped] | None]:
    """For each page of the PDF at ``path``, its clipped text objects (see module doc)."""
    try:
        import pypdfium2 as pdfium
    except ImportError:  # pragma: no cover - a declared dependency
        return []
    try:
        document = pdfium.PdfDocument(path)
    except Exception:  # noqa: BLE001 - pdfplumber opened it; clipping is a refinement, not a requirement
        return []
    try:
        out: list[list[Clipped] | None] = []
        for index in range(len(document)):
            out.append(_page_clipped(document, index))
        return out
    finally:
        document.close()


def _page_clipped(document, index: int) -> list[Clipped] | None:
    """One page's clipped text objects; None (keep every character, pdfplumber's reading as it is)
    when pypdfium2 cannot load the page or read its objects."""
    try:
        page = document[index]
    except Exception:  # noqa: BLE001 - a page pdfium cannot load: pdfplumber's reading stands
        return None
    try:
        return _clipped(page)
    except Exception:  # noqa: BLE001 - an odd page keeps every character
        return None
    finally:
        page.close()


def _clipped(page) -> list[Clipped] | None:
    import pypdfium2.raw as pdfium_c

    left, bottom, _right, top = page.get_mediabox()
    if page.get_rotation() or left or bottom:
        return None
    height = top - bottom

    def flip(x0: float, y0: float, x1: float, y1: float) -> Box:
        return round(x0, 2), round(height - y1, 2), round(x1, 2), round(height - y0, 2)

    found: set[Clipped] = set()
    x, y = ctypes.c_float(), ctypes.c_float()
    px, py = ctypes.byref(x), ctypes.byref(y)
    bounds = [ctypes.c_float() for _ in range(4)]
    pbounds = [ctypes.byref(v) for v in bounds]
    # the C functions bound once: tens of thousands of calls a page on spreadsheet exports
    get_object, get_type = pdfium_c.FPDFPage_GetObject, pdfium_c.FPDFPageObj_GetType
    get_clip, count_paths = pdfium_c.FPDFPageObj_GetClipPath, pdfium_c.FPDFClipPath_CountPaths
    count_segments, get_segment = pdfium_c.FPDFClipPath_CountPathSegments, pdfium_c.FPDFClipPath_GetPathSegment
    get_point, get_bounds = pdfium_c.FPDFPathSegment_GetPoint, pdfium_c.FPDFPageObj_GetBounds
    text_kind, form_kind = pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_FORM
    # a subpath's extent (x0, y0, x1, y1) by the address of its points, which the text objects
    # drawn under one clip share while the page is open (a page of cells has one or two clips)
    extents: dict[int | None, tuple[float, float, float, float]] = {}
    raw = page.raw
    for i in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = get_object(raw, i)
        kind = get_type(obj)
        if kind == form_kind:
            return None  # text may be inside; not opened
        if kind != text_kind:
            continue
        clip = get_clip(obj)
        paths = count_paths(clip) if clip else -1
        if paths <= 0:
            continue  # not clipped (or wholly inside its clip): visible where drawn
        box = [float("-inf"), float("-inf"), float("inf"), float("inf")]  # x0, y0, x1, y1 (y up)
        for k in range(paths):
            first = get_segment(clip, k, 0)
            if not first:
                continue  # an empty subpath clips nothing
            # objects drawn under one clip share its points: a subpath is known by where they are
            where = ctypes.cast(first, ctypes.c_void_p).value
            extent = extents.get(where)
            if extent is None:
                xs, ys = [], []
                for s in range(count_segments(clip, k)):
                    get_point(get_segment(clip, k, s), px, py)
                    xs.append(x.value)
                    ys.append(y.value)
                extent = extents[where] = (min(xs), min(ys), max(xs), max(ys))
            box = [max(box[0], extent[0]), max(box[1], extent[1]), min(box[2], extent[2]), min(box[3], extent[3])]
        if box[0] == float("-inf") or not get_bounds(obj, *pbounds):
            return None  # a clip or an object pdfium gives no geometry for: nothing known
        x0, y0, x1, y1 = (v.value for v in bounds)
        if x0 == x1 and y0 == y1:
            continue  # an empty text object (a point at a cell's edge): no glyph to hide
        if box[0] - 1 <= x0 and box[1] - 1 <= y0 and x1 <= box[2] + 1 and y1 <= box[3] + 1:
            continue  # wholly inside its clip (a spreadsheet cell's text): nothing hidden
        found.add((flip(x0, y0, x1, y1), flip(*box)))
    return sorted(found)


#: Height (points) of the bands ``visible_chars`` files the clipped objects under.
BAND = 20.0


def visible_chars(chars: list[dict], clipped: list[Clipped] | None) -> list[dict]:
    """``[c for c in chars if visible(c, clipped)]``, testing each character only against the
    clipped objects whose height meets its own (a page of spreadsheet cells clips every one of
    its thousands of text objects: testing them all for every character is quadratic)."""
    if not clipped:
        return chars
    bands: dict[int, list[Clipped]] = {}
    for item in clipped:
        obj = item[0]
        for k in range(math.floor(obj[1] / BAND), math.floor(obj[3] / BAND) + 1):
            bands.setdefault(k, []).append(item)
    out = []
    for c in chars:
        near: list[Clipped] = []
        for k in range(math.floor(c["top"] / BAND), math.floor(c["bottom"] / BAND) + 1):
            near.extend(bands.get(k, ()))
        if visible(c, near):
            out.append(c)
    return out


def visible(char: dict, clipped: list[Clipped] | None) -> bool:
    """Whether a pdfplumber char is shown: not drawn by a clipped text object while outside its clip
    (always, when ``None``). A char belongs to an object when its box meets the object's bounds:
    pdfium's are glyph outlines (flat for a baseline run, a corner of the em box for ，。) where
    pdfplumber's are whole font boxes. Its centre decides whether it is inside the clip."""
    if not clipped:
        return True
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2

    def drawn_by(b: Box) -> bool:
        return char["x0"] <= b[2] and char["x1"] >= b[0] and char["top"] <= b[3] and char["bottom"] >= b[1]

    def shown_in(b: Box) -> bool:
        return b[0] - 1 <= x <= b[2] + 1 and b[1] - 1 <= y <= b[3] + 1

    return not any(drawn_by(obj) and not shown_in(clip) for obj, clip in clipped)
