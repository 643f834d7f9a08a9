from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
REAL_PDFS = REPO.parent / "shared" / "real_pdfs"


@pytest.fixture(scope="session")
def real_pdfs() -> Path:
    if not REAL_PDFS.is_dir():
        pytest.skip(f"real PDFs not found at {REAL_PDFS} (they are not committed; CI places ../shared beside the repo)")
    return REAL_PDFS


def corpus(name: str) -> str:
    return str(CORPUS / f"{name}.txt")


def check_text(tmp_path: Path, text: str):
    """``api.check`` on ``text`` written as a report file (a regression written down as prose)."""
    from narrative_extract import api

    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return api.check(str(path))
