"""The same report written another way gets the same verdicts: half-width punctuation (as text
stored by web pages and some exports prints it) and every character spaced out (as some PDF-to-text
tools write it). Real reports arrive both ways; neither may cost a verdict or raise an alarm."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import regex

from narrative_extract import api

from .conftest import corpus

HALF_WIDTH = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")"})


def half_width(text: str) -> str:
    return text.translate(HALF_WIDTH)


def spaced_out(text: str) -> str:
    """A space between every two Han characters of the narrative (tab-separated table rows kept)."""
    return "\n".join(line if "\t" in line else regex.sub(r"(?<=\p{Han})(?=\p{Han})", " ", line)
                     for line in text.split("\n"))


def verdicts(path: str) -> Counter:
    return Counter((f.kind, f.status) for f in api.check(path))


@pytest.mark.parametrize("rewrite", [half_width, spaced_out])
@pytest.mark.parametrize("name", ["liaoning_org_2024_final", "anju_org_2024_final"])
def test_a_rewritten_report_gets_the_same_verdicts(tmp_path, name, rewrite):
    original = corpus(name)
    rewritten = tmp_path / f"{name}.txt"
    rewritten.write_text(rewrite(Path(original).read_text(encoding="utf-8")), encoding="utf-8")
    before, after = verdicts(original), verdicts(str(rewritten))
    assert after == before
    assert sum(n for (_, status), n in after.items() if status == "consistent") > 90
