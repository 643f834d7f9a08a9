"""Size and build time of review pages for the largest reports at hand (by pages).

    .venv/bin/python bench/review_page.py [PDF ...]

Without arguments: the largest PDF of ../shared/national_pdfs and of ../shared/real_pdfs, and the
report with the most alarms of each. For each: pages, findings, alarms, seconds to build the page
(read + check + crops + HTML), the HTML's size and the bytes of its page images; then once more
with page images for every finding (``images_for`` = all statuses), to show the image budget
holding on a report whose every finding would want one.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

from narrative_extract import api
from narrative_extract.review.model import STATUS_ORDER, ReviewLimits

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def pages(path: Path) -> int:
    doc = pdfium.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def largest(folder: Path) -> list[Path]:
    found = sorted(folder.glob("*.pdf"), key=lambda p: (-pages(p), p.name))
    return found[:1]


def measure(path: Path, limits: ReviewLimits, label: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "review.html"
        start = time.perf_counter()
        page = api.review(str(path), out, limits=limits)
        seconds = time.perf_counter() - start
        size = out.stat().st_size
    [report] = page.reports
    crops = sum(len(i.crops) for i in report.items)
    alarms = sum(1 for i in report.items if i.alarm)
    print(f"{path.name:<40} {label:<10} {report.pages or 0:>5} {len(report.items):>8} {alarms:>6} "
          f"{seconds:>7.1f} {size / 1e6:>8.2f} {report.image_bytes / 1e6:>8.2f} {crops:>6}")


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or [p for d in ("national_pdfs", "real_pdfs") if (SHARED / d).is_dir()
                                        for p in largest(SHARED / d)]
    if not paths:
        print(f"no reports: give PDFs, or place ../shared beside the repo ({SHARED})", file=sys.stderr)
        return 2
    print(f"{'report':<40} {'images':<10} {'pages':>5} {'findings':>8} {'alarms':>6} {'seconds':>7} "
          f"{'page MB':>8} {'img MB':>8} {'crops':>6}")
    for path in paths:
        measure(path, ReviewLimits(), "alarms")
        measure(path, ReviewLimits(images_for=STATUS_ORDER), "all")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
