"""The review page (``api.review``): every alarm of one report or a batch with its evidence, the
way a reviewer checks it — the sentence with the claim marked, the figures, the table excerpt with
the cell marked, the page image with both boxes drawn — in one self-contained HTML file.

``model`` (what the page shows) · ``quotes`` (sentences, marks) · ``excerpt`` (table excerpts) ·
``crops`` (page images) · ``build`` (a report's view) · ``text_cap`` (a batch page's text bounded) ·
``render`` (HTML, escaping) · ``terminal`` (the short summary).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from ..batch import map_reports
from ..errors import InputError
from ..settings import Settings
from .build import report_view
from .model import ReportView, ReviewLimits, ReviewPage
from .text_cap import cap_text


def report_views(settings: Settings, limits: ReviewLimits, path: str) -> list[ReportView]:
    """What a worker computes for one file (module-level, so that it can be sent to a process)."""
    return [report_view(path, settings, limits)]


def build_page(files: list[str], settings: Settings, limits: ReviewLimits, jobs: int = 1,
               on_error: Callable[[InputError], None] | None = None) -> ReviewPage:
    """Every file's view in input order (a file that cannot be read is a view with its error),
    the page's image budget spent in that order too, so the page is the same whatever ``jobs``."""
    views = []
    for outcome in map_reports(files, partial(report_views, settings, limits), jobs):
        if outcome.error is not None:
            if on_error is not None:
                on_error(InputError(outcome.path, outcome.error))
            views.append(ReportView(doc=outcome.path, error=outcome.error))
        else:
            views.extend(outcome.records)
    cap_text(views, limits.max_page_text_bytes)
    cap_images(views, limits.max_page_image_bytes)
    title = f"review: {views[0].doc}" if len(views) == 1 else f"review: {len(views)} reports"
    return ReviewPage(views, title=title)


def cap_images(views: list[ReportView], budget: int) -> None:
    """Drop the page images past the page's budget (a batch of many reports), saying so."""
    spent = 0
    for view in views:
        for item in view.items:
            kept = []
            for crop in item.crops:
                if spent + len(crop.data) > budget:
                    item.crop_note = "a page image left out: the page's image budget is spent"
                    continue
                spent += len(crop.data)
                kept.append(crop)
            item.crops = kept
