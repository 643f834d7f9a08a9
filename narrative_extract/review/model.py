"""What a review page shows, as typed data: built from a report's findings (``build``), turned into
HTML by ``render``. Nothing here is markup: every text is kept as the report printed it, and only
``render`` escapes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

ALARMS = ("mismatch", "warning")
#: the order a page lists findings in: the alarms first, then what a reviewer may ask to see
STATUS_ORDER = ("mismatch", "warning", "rounding", "unverifiable", "consistent")


class Family(str, Enum):
    """A check family: what a finding compares."""

    PROSE = "prose"  # a figure of the narrative, against a table cell or the rest of the prose
    TABLES = "tables"  # a table's own totals, or two tables' shared totals
    FORMS = "forms"  # the 绩效自评表 sheets
    REPORT = "report"  # the report as a whole (its year, its names)

    @classmethod
    def of(cls, kind: str) -> Family:
        if kind.startswith("table_"):
            return cls.TABLES
        if kind.startswith("sheet_"):
            return cls.FORMS
        if kind in ("report_year", "naming"):
            return cls.REPORT
        return cls.PROSE


@dataclass(frozen=True)
class ReviewLimits:
    """How much of the page images a page may carry (a 200-page report must stay a small page)."""

    #: pixels per PDF point of a page image (1.5: 108 dpi, figures legible)
    scale: float = 1.5
    #: widest page image, pixels (a landscape table page is scaled down to it)
    max_width: int = 1000
    #: tallest crop, PDF points: farther apart, a sentence and its cell get a crop each
    max_crop_height: float = 360.0
    #: JPEG quality of the crops
    quality: int = 70
    #: page images at most for one report, and for one alarm
    max_crops: int = 60
    max_crops_per_alarm: int = 2
    #: bytes of images at most for one report and for a whole page (a batch)
    max_report_image_bytes: int = 4_000_000
    max_page_image_bytes: int = 24_000_000
    #: the statuses whose findings get page images (the alarms; every status for a full picture)
    images_for: tuple[str, ...] = ALARMS
    #: bytes of HTML text at most for a whole page, images not counted (they have their own budget):
    #: past it, the later reports of a batch are listed with their counts and their alarms' sentences
    #: only, and a note says to build one page per report (the first report is always shown in full)
    max_page_text_bytes: int = 16_000_000
    #: rows shown above and below a highlighted cell in a table excerpt
    context_rows: int = 2
    #: columns shown at most in a table excerpt (around the highlighted ones)
    max_columns: int = 8

    def __post_init__(self) -> None:
        if not 0.25 <= self.scale <= 4:
            raise ValueError(f"scale {self.scale}: must be between 0.25 and 4")
        if not 1 <= self.quality <= 95:
            raise ValueError(f"quality {self.quality}: must be between 1 and 95")
        for name in ("max_width", "max_crops", "max_crops_per_alarm", "max_report_image_bytes",
                     "max_page_image_bytes", "max_page_text_bytes", "max_columns"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        if unknown := [s for s in self.images_for if s not in STATUS_ORDER]:
            raise ValueError(f"images_for: unknown status {', '.join(unknown)}")
        if self.context_rows < 0 or self.max_crop_height <= 0:
            raise ValueError("context_rows must not be negative and max_crop_height must be positive")


@dataclass(frozen=True)
class Mark:
    """A stretch of a quoted text to highlight: the claim's figure, or one of its parts."""

    start: int
    end: int
    role: str  # "claim" | "part"


@dataclass(frozen=True)
class Quote:
    """A sentence of the narrative, where it is, and what to highlight in it."""

    text: str
    where: str
    marks: tuple[Mark, ...] = ()


@dataclass(frozen=True)
class ExcerptRow:
    code: str | None
    name: str
    cells: tuple[str, ...]  # printed text, one per shown column
    where: str
    hits: tuple[int, ...] = ()  # indexes of the highlighted cells among ``cells``
    gap_before: bool = False  # rows of the table left out just above this one


@dataclass(frozen=True)
class Excerpt:
    """Some rows of a table around the cell(s) a finding cites, under their header paths."""

    title: str
    standard_id: str | None
    unit: str | None
    columns: tuple[str, ...]
    rows: tuple[ExcerptRow, ...]
    where: str
    skipped_columns: int = 0


@dataclass(frozen=True)
class Box:
    """A box drawn on a page image, in PDF points (x0, top, x1, bottom), origin top-left."""

    x0: float
    top: float
    x1: float
    bottom: float
    role: str  # "sentence" | "claim" | "cell"


@dataclass(frozen=True)
class Crop:
    """Part of a page image with the boxes drawn on it, encoded (JPEG)."""

    file: str
    page: int
    mime: str
    data: bytes
    width: int
    height: int
    roles: tuple[str, ...]  # the boxes drawn on it


@dataclass
class Item:
    """One finding as a reviewer checks it."""

    number: int  # its place in the report's list, from 1
    status: str
    kind: str
    family: Family
    message: str
    where: str
    subject: str | None = None
    stated: str | None = None
    expected: str | None = None
    formulas: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    excerpts: tuple[Excerpt, ...] = ()
    crops: list[Crop] = field(default_factory=list)
    relation: str | None = None
    crop_note: str | None = None  # why a page image is missing (size budget, no box)

    @property
    def alarm(self) -> bool:
        return self.status in ALARMS


@dataclass
class ReportView:
    """One report of the page: what it is, its counts, its findings; or why it could not be read."""

    doc: str
    format: str | None = None
    pages: int | None = None
    year: int | None = None
    kind: str | None = None
    department: str | None = None
    claims: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # per status, every status listed
    families: dict[str, dict[str, int]] = field(default_factory=dict)  # family -> status -> count
    items: list[Item] = field(default_factory=list)
    notes: tuple[str, ...] = ()
    error: str | None = None
    listed_only: str | None = None  # why only the alarms are listed (the page's text cap), and what to do

    @property
    def image_bytes(self) -> int:
        return sum(len(c.data) for i in self.items for c in i.crops)


@dataclass
class ReviewPage:
    reports: list[ReportView]
    title: str = "narrative-extract review"
