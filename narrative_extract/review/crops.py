"""Page images of a PDF report, cropped around what a finding cites, with the boxes drawn on them
(pdfplumber's debug images are the model): the sentence's lines, the claim's figure, the cell.

Pages are rendered with pypdfium2. Boxes come in pdfplumber's coordinates (PDF points, origin at
the top left of the page), as the ingest locates lines and table rows; the figure inside a line and
the cell inside a row are found by their printed text among the page's characters.
"""

from __future__ import annotations

import io
from collections import OrderedDict
from collections.abc import Iterable
from typing import Self

import regex

from .model import Box, Crop, ReviewLimits

#: box outline colours (RGB) and widths (pixels) by role
STYLE = {"sentence": ((40, 110, 220), 2), "claim": ((235, 120, 0), 3), "cell": ((215, 30, 30), 3)}
#: points of page kept above and below the boxes of a crop
MARGIN = 36.0
#: pages kept rendered at a time (a report's alarms often share pages)
CACHED_PAGES = 4
NUMBER = regex.compile(r"[-+]?[\d,，.．]+")


class PageImages:
    """The PDF files of one report, opened once, rendered page by page."""

    def __init__(self, limits: ReviewLimits) -> None:
        self.limits = limits
        self.docs: dict[str, object] = {}
        self.pages: OrderedDict[tuple[str, int], object] = OrderedDict()

    def close(self) -> None:
        for doc in self.docs.values():
            doc.close()  # type: ignore[attr-defined]
        self.docs.clear()
        self.pages.clear()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _page(self, file: str, number: int):
        import pypdfium2 as pdfium

        if file not in self.docs:
            self.docs[file] = pdfium.PdfDocument(file)
        doc = self.docs[file]
        if not 1 <= number <= len(doc):  # type: ignore[arg-type]
            raise ValueError(f"{file} has no page {number}")
        return doc[number - 1]  # type: ignore[index]

    def _offset(self, page) -> tuple[float, float]:
        """How far pdfplumber's origin (the media box's top left) lies from the rendered crop box's."""
        if page.get_rotation() != 0:
            return 0.0, 0.0
        mx0, _, _, my1 = page.get_mediabox()
        cx0, _, _, cy1 = page.get_cropbox()
        return mx0 - cx0, cy1 - my1

    def locate(self, file: str, number: int, text: str, band: Box, nth: int = 0, role: str = "claim") -> Box | None:
        """The box of ``text`` printed inside ``band`` (its ``nth`` occurrence there, left to right)."""
        page = self._page(file, number)
        if page.get_rotation() != 0:
            return None
        mx0, _, _, my1 = page.get_mediabox()
        textpage = page.get_textpage()
        try:
            for needle in candidates(text):
                found = []
                searcher = textpage.search(needle, match_case=True)
                while (hit := searcher.get_next()) is not None:
                    boxes = first_line(textpage, *hit)
                    if not boxes:
                        continue
                    x0 = min(b[0] for b in boxes) - mx0
                    x1 = max(b[2] for b in boxes) - mx0
                    top, bottom = my1 - max(b[3] for b in boxes), my1 - min(b[1] for b in boxes)
                    mid_x, mid_y = (x0 + x1) / 2, (top + bottom) / 2
                    if band.x0 - 2 <= mid_x <= band.x1 + 2 and band.top - 2 <= mid_y <= band.bottom + 2:
                        found.append(Box(x0, top, x1, bottom, role))
                searcher.close()
                if found:
                    found.sort(key=lambda b: b.x0)
                    return found[min(nth, len(found) - 1)]
            return None
        finally:
            textpage.close()

    def _image(self, file: str, number: int):
        key = (file, number)
        if key in self.pages:
            self.pages.move_to_end(key)
            return self.pages[key]
        page = self._page(file, number)
        width = page.get_width()
        scale = min(self.limits.scale, self.limits.max_width / width) if self.limits.max_width else self.limits.scale
        image = page.render(scale=scale).to_pil().convert("RGB")
        self.pages[key] = (image, scale, self._offset(page), page.get_height())
        while len(self.pages) > CACHED_PAGES:
            self.pages.popitem(last=False)
        return self.pages[key]

    def crop(self, file: str, number: int, boxes: list[Box]) -> Crop:
        """The page's full width, from just above the highest box to just below the lowest, boxes drawn."""
        from PIL import ImageDraw

        image, scale, (dx, dy), height = self._image(file, number)
        top = max(0.0, min(b.top for b in boxes) - MARGIN)
        bottom = min(height, max(b.bottom for b in boxes) + MARGIN)
        region = image.crop((0, round((top + dy) * scale), image.width, round((bottom + dy) * scale)))
        draw = ImageDraw.Draw(region)
        for box in sorted(boxes, key=lambda b: list(STYLE).index(b.role)):
            colour, width = STYLE[box.role]
            pad = 1.5 if box.role == "sentence" else 2.5
            draw.rectangle(((box.x0 + dx - pad) * scale, (box.top - top - pad) * scale,
                            (box.x1 + dx + pad) * scale, (box.bottom - top + pad) * scale), outline=colour, width=width)
        out = io.BytesIO()
        region.save(out, format="JPEG", quality=self.limits.quality, optimize=True)
        roles = tuple(r for r in STYLE if any(b.role == r for b in boxes))
        return Crop(file, number, "image/jpeg", out.getvalue(), region.width, region.height, roles)


def first_line(textpage, start: int, count: int) -> list[tuple[float, float, float, float]]:
    """The boxes (left, bottom, right, top) of the printed characters of a match on its first line
    (a figure wrapped at the end of a line is marked where it starts)."""
    import pypdfium2.raw as pdfium_c

    printed = [i for i in range(start, start + count) if not chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i)).isspace()]
    boxes = [textpage.get_charbox(i) for i in printed]
    boxes = [b for b in boxes if b[2] > b[0] and b[3] > b[1]]
    if not boxes:
        return []
    bottom, top = boxes[0][1], boxes[0][3]
    return [b for b in boxes if bottom <= (b[1] + b[3]) / 2 <= top]


def candidates(text: str) -> list[str]:
    """The ways a printed figure may be found among a page's characters: as printed, without its
    spaces, and its number alone."""
    out = [text.strip(), regex.sub(r"\s+", "", text)]
    if (m := NUMBER.search(text)) is not None and len(m.group(0).strip(",.，．")) >= 2:
        out.append(m.group(0))
    return [c for k, c in enumerate(out) if c and c not in out[:k]]


def clusters(boxes: Iterable[Box], max_height: float) -> list[list[Box]]:
    """The boxes of one page in groups each no taller than ``max_height`` (top to bottom); the
    group holding the claim's figure comes first, then those holding a cell."""
    groups: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: (b.top, b.x0)):
        if groups and box.bottom - min(b.top for b in groups[-1]) <= max_height:
            groups[-1].append(box)
        else:
            groups.append([box])
    groups.sort(key=lambda g: 0 if any(b.role == "claim" for b in g) else 1 if any(b.role == "cell" for b in g) else 2)
    return groups
