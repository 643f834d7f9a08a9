"""Where the package's data lives: ``patterns/`` (language data), ``models/`` and ``schema/``.

They stay at the top of the repository and are found through ``importlib.resources`` as
``narrative_extract/_data/<folder>`` (links to them in a checkout or an editable install, copies in a
wheel), so an installed package runs without the repository.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path


def data_path(folder: str, name: str = "") -> Path:
    """``folder`` (``patterns``, ``models`` or ``schema``) of the package's data, or a file in it."""
    root = Path(str(files("narrative_extract") / "_data" / folder))
    return root / name if name else root


#: Override with NARRATIVE_EXTRACT_PATTERNS to run from another checkout of the data.
PATTERNS_DIR = Path(os.environ.get("NARRATIVE_EXTRACT_PATTERNS") or data_path("patterns"))


def pattern_path(name: str) -> Path:
    path = PATTERNS_DIR / name
    if not path.exists():
        raise FileNotFoundError(f"pattern file missing: {path}")
    return path
