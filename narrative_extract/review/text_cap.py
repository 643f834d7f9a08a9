"""The page's text cap (``ReviewLimits.max_page_text_bytes``): a batch of 148 reports made a page of
60–80 MB of HTML that browsers open slowly or not at all. The reports are laid out in input order;
the first always in full, the next ones in full while the page's text stays under the cap. From the
first report that does not fit on, a report is listed only: its facts and counts, each alarm with
its sentence, figures and message (never an alarm dropped), no table excerpts, page images or other
findings, and a note saying how to get its own page. Images are not counted: they have their own
budget (``max_page_image_bytes``). The page is the same whatever the order the reports were read in.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from .model import ReportView
from .render import crop_html, report_section


def text_bytes(view: ReportView, k: int) -> int:
    """Bytes of the report's section of the page, its page images left out."""
    images = sum(len(crop_html(c).encode("utf-8")) for item in view.items for c in item.crops)
    return len(report_section(view, k).encode("utf-8")) - images


def cap_text(views: list[ReportView], budget: int) -> None:
    """List only the reports past the page's text budget (all after the first that does not fit)."""
    spent = 0
    capped = False
    for k, view in enumerate(views, 1):
        if view.error is None and k > 1 and (capped or spent + text_bytes(view, k) > budget):
            capped = True
            list_only(view, budget)
        spent += text_bytes(view, k)


def list_only(view: ReportView, budget: int) -> None:
    """Keep the report's alarms with their sentences and figures; say what is left out and why."""
    alarms = [item for item in view.items if item.alarm]
    for item in alarms:
        item.excerpts, item.crops, item.relation, item.crop_note = (), [], None, None
    others = len(view.items) - len(alarms)
    own = Path(view.doc.split("+")[0]).stem + ".review.html"
    view.items = alarms
    count = (f"Its {len(alarms)} alarms are listed with their sentences and figures; " if len(alarms) > 1 else
             "Its alarm is listed with its sentence and figures; " if alarms else "It has no alarm; ")
    view.listed_only = (
        f"Listed only: this page's text reached its cap ({budget / 1e6:g} MB, ReviewLimits.max_page_text_bytes). "
        f"{count}table excerpts, page images and the other {others} finding{'s' if others != 1 else ''} are left "
        f"out. Build one page per report for everything: narrative-extract review {shlex.quote(view.doc)} "
        f"-o {shlex.quote(own)}")
