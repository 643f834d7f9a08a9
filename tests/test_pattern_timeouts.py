"""Issue 13: a pattern over its time limit costs only the sentence (or claim) it ran on, with a
``warning`` record — wherever in the pipeline it runs, not only in the per-sentence reading."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrative_extract import api
from narrative_extract.claims.lexicon import Frame

ANJU = Path(__file__).resolve().parents[1] / "corpus" / "anju_org_2024_final.txt"
MARK = "超时标记"


@pytest.fixture()
def slow_on_mark(monkeypatch):
    """Every cue pattern (Frame) times out on any text holding the mark, as a pathological sentence would."""
    for name in ("search", "match", "fullmatch", "finditer"):
        real = getattr(Frame, name)

        def timed(self, text, pos=0, *rest, _real=real):
            end = rest[0] if rest else None
            if MARK in text[pos:end]:
                raise TimeoutError("regex timed out")
            return _real(self, text, pos, *rest)

        monkeypatch.setattr(Frame, name, timed)


def marked_report(tmp_path: Path) -> Path:
    lines = ANJU.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        if "万元" in line and i % 7 == 0:
            lines[i] = line.replace("万元", "万元" + MARK, 1)
    path = tmp_path / "marked.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_timeouts_anywhere_cost_only_their_sentences(tmp_path, slow_on_mark):
    """Paragraph cues (read_claims), passes over paragraphs (reasons across paragraphs) and the checks
    (reconcile, relations) let a TimeoutError end the whole report as an internal error."""
    path = marked_report(tmp_path)
    findings = api.check(str(path))
    marked = [f for f in findings if f.claim is not None and MARK in f.claim.sentence.text]
    assert marked and {f.status for f in marked} == {"warning"}
    assert {f.message.split(":")[0] for f in marked} <= {"sentence not read", "claim not checked"}
    others = [f for f in findings if f not in marked]
    assert sum(f.status == "consistent" for f in others) > 50  # the rest of the report is checked as usual
    assert api.reasons(str(path))  # the reasons of the other sentences are read
    assert api.relations(str(path))


def test_a_paragraph_cue_over_its_time_limit_is_no_cue():
    frame = Frame("probe", r"(a+)+b", timeout=0.05)
    assert frame.cue("aab")
    assert not frame.cue("a" * 40)  # catastrophic backtracking: stopped at the limit, read as no cue
