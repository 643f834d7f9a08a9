"""Settings with documented defaults, passed down the pipeline instead of module globals."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    #: PDF: a character belongs to a text line when its vertical middle lies inside the line's band
    #: widened by this many points. Digits set in another font sit a few points lower than the
    #: Chinese text around them and must stay in their line.
    line_band_tolerance: float = 3.0
    #: PDF: gap (points) between two characters of one line above which a space is real.
    #: Smaller gaps between CJK characters or inside numbers are extraction artefacts.
    word_gap: float = 4.0
    #: PDF: ignore text in the top/bottom margin band of this height (points) when it is only
    #: a page number or running header.
    margin: float = 40.0
    #: PDF: running headers and footers are looked for within this distance (points) of the top
    #: and bottom edges — one inch, where word processors put them (see ingest/pdf_furniture.py).
    furniture_band: float = 72.0
    #: PDF: read only the characters inside the clipping windows of their page (ingest/pdf_clip.py);
    #: False reads every character drawn, as pdfminer does.
    honour_clipping: bool = True
    #: Seconds allowed for any single regex match on one sentence (guards against bad input).
    regex_timeout: float = 1.0
    #: DOC, WPS, ET, RTF and OpenDocument files are read through LibreOffice (``soffice --headless
    #: --convert-to``) when it is installed: this program, or '' to look for ``soffice`` and then
    #: ``libreoffice`` on PATH when such a file comes (ingest/convert.py).
    office_converter: str = ""
    #: Seconds one LibreOffice conversion may take before the file is given up as unreadable.
    convert_timeout: float = 120.0
    #: Smallest fraction of non-empty numeric cells for a column to count as a value column.
    value_column_ratio: float = 0.5
    #: PDF: a page whose content streams inflate past this many MB is refused before it is parsed
    #: (ingest/pdf_guard.py; real pages hold well under 1 MB).
    page_content_mb: int = 64
    #: Batches: wall-clock seconds one file may take before its worker is killed and the file becomes
    #: an error record ("took longer than 120 s"); None: no limit. A report takes 1-10 s (bench/).
    file_seconds: float | None = 120.0
    #: Batches: memory (MB of address space, RLIMIT_AS) one file's worker may use; None: no limit.
    #: A 4 MB, 300-page PDF peaks at about 400 MB.
    file_memory_mb: int | None = 4096

    def __post_init__(self) -> None:
        if self.file_seconds is not None and not self.file_seconds > 0:
            raise ValueError(f"file_seconds must be positive or None, not {self.file_seconds}")
        if self.file_memory_mb is not None and self.file_memory_mb <= 0:
            raise ValueError(f"file_memory_mb must be positive or None, not {self.file_memory_mb}")


DEFAULT_SETTINGS = Settings()
