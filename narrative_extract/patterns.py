"""Where the language data lives: the repository's top-level ``patterns/`` folder."""

from __future__ import annotations

import os
from pathlib import Path

#: Override with NARRATIVE_EXTRACT_PATTERNS to run from another checkout of the data.
PATTERNS_DIR = Path(os.environ.get("NARRATIVE_EXTRACT_PATTERNS", Path(__file__).resolve().parents[1] / "patterns"))


def pattern_path(name: str) -> Path:
    path = PATTERNS_DIR / name
    if not path.exists():
        raise FileNotFoundError(f"pattern file missing: {path}")
    return path
