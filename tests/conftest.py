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


# Property tests (tests/test_properties.py): a few examples in `make test`, many in `make fuzz`.
# No deadline: the machine may be shared, and time limits are the batch's business (batch.Budget).
from hypothesis import settings as _hypothesis_settings

_hypothesis_settings.register_profile("default", max_examples=60, deadline=None)
_hypothesis_settings.register_profile("fuzz", max_examples=3000, deadline=None)
_hypothesis_settings.load_profile("default")
