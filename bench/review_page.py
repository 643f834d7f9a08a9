"""Size and build time of review pages for the largest reports at hand (by pages).

    .venv/bin/python bench/review_page.py [PDF ...]
    .venv/bin/python bench/review_page.py --batch [-j N] FOLDER ...   # one page of a whole batch

Without arguments: the largest PDF of ../shared/national_pdfs and of ../shared/real_pdfs, and the
report with the most alarms of each. For each: pages, findings, alarms, seconds to build the page
(read + check + crops + HTML), the HTML's size and the bytes of its page images; then once more
with page images for every finding (``images_for`` = all statuses), to show the image budget
holding on a report whose every finding would want one.

With ``--batch``: the page of all the reports of the folders, laid out once, rendered without the
text cap and with the default one (``ReviewLimits.max_page_text_bytes``): page MB, image MB, the
reports listed only and the alarms each page holds.
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


def batch(folders: list[str], jobs: int) -> int:
    import copy

    from narrative_extract.api import expand_paths
    from narrative_extract.review import build_page
    from narrative_extract.review.render import render_page
    from narrative_extract.review.text_cap import cap_text
    from narrative_extract.settings import DEFAULT_SETTINGS

    files = list(expand_paths(folders))
    start = time.perf_counter()
    uncapped = build_page(files, DEFAULT_SETTINGS, ReviewLimits(max_page_text_bytes=10**15), jobs)
    print(f"{len(files)} reports laid out in {time.perf_counter() - start:.0f} s")
    capped = copy.deepcopy(uncapped)
    cap_text(capped.reports, ReviewLimits().max_page_text_bytes)
    for label, page in (("no text cap", uncapped), (f"cap {ReviewLimits().max_page_text_bytes / 1e6:g} MB", capped)):
        size = len(render_page(page).encode("utf-8"))
        images = sum(r.image_bytes for r in page.reports)
        alarms = sum(1 for r in page.reports for i in r.items if i.alarm)
        listed = sum(1 for r in page.reports if r.listed_only)
        print(f"{label:<12} page {size / 1e6:7.1f} MB, images {images / 1e6:5.1f} MB, {listed} reports listed only, "
              f"{alarms} alarms on the page")
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["--batch"]:
        jobs = int(argv[2]) if argv[1:2] == ["-j"] else 1
        return batch(argv[3:] if argv[1:2] == ["-j"] else argv[1:], jobs)
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
