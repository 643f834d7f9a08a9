"""claims/tails.py: the searches answered from a sentence's matches found once give what the search of
the whole text before each place gives (the widths come from patterns/claim_frames.json: a frame edited
there keeps its searches exact or falls back to the plain search)."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrative_extract.claims.lexicon import claim_frames
from narrative_extract.claims.reason_sentences import may_clean_to
from narrative_extract.claims.reasons import clean_reason
from narrative_extract.claims.tails import Tails, single_character, tail_width

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
ENDING = ["reason_why_clause", "change_without_figure", "bare_change_before_because", "own_change_before_lead",
          "change_named_before"]
HOSTILE = ["支出增加1万元，主要原因是人员增加，" * 40, "之所以高于预算数，   \t，主要是" * 20,
           "对于公车费用的大幅上涨，情况表中解释称，" * 20, "收入收入支出主要内容如下：" * 10,
           "增加较多  ，主要原因是" * 30, "增长 ， 是因为人员增加；" * 30, "，加上上级补助收入9.02亿元，" * 20]


def lines() -> list[str]:
    return [x for p in sorted(CORPUS.glob("*.txt")) for x in p.read_text(encoding="utf-8").split("\n")
            if any(w in x for w in ("原因", "主要", "增加", "减少", "加上", "如下", "是因为"))] + HOSTILE


def ends(text: str) -> list[int]:
    return [i for i, c in enumerate(text) if c in "，,；;：:。是" or not i % 7] + [len(text)]


def span(m):
    return None if m is None else (m.start(), m.end(), m.groupdict())


def test_the_frames_ending_where_their_text_ends_have_a_width():
    assert {name: tail_width(claim_frames()[name].pattern.pattern) for name in ENDING} == {
        "reason_why_clause": 44, "change_without_figure": 11, "bare_change_before_because": 3,
        "own_change_before_lead": 11, "change_named_before": 38}
    assert tail_width(claim_frames()["reason_runs_into"].pattern.pattern) is None  # (?:收入|支出)*: no bound
    assert single_character(claim_frames()["reason_end"])


@pytest.mark.parametrize("name", ENDING)
def test_a_search_ending_at_a_place_finds_what_the_whole_text_before_it_gives(name):
    frame = claim_frames()[name]
    for text in lines():
        tails = Tails(text)
        for end in ends(text):
            assert span(tails.search(frame, end)) == span(frame.search(text, 0, end)), (text, end)
            assert span(tails.search(frame, end, end // 2)) == span(frame.search(text, end // 2, end)), (text, end)


def test_the_searches_of_a_reason_text_find_what_the_plain_searches_find():
    frames = claim_frames()
    for text in lines():
        tails = Tails(text)
        for end in ends(text):
            for begin in range(0, end, 5):
                for name in ("reason_runs_into", "reason_runs_into_balance"):
                    found = (tails.runs_into if name == "reason_runs_into" else tails.first)(frames[name], begin, end)
                    assert span(found) == span(frames[name].search(text, begin, end)), (name, text, begin, end)
                cuts = frames["reason_end"].finditer(text, begin, end)
                assert span(tails.last_before(frames["reason_end"], begin, end)) == span(cuts[-1] if cuts else None)
            assert tails.last_stop(end) == max(text[:end].rfind(c) for c in "；;。")


def test_a_reason_that_cannot_run_to_its_sentence_end_is_told_without_cleaning_the_rest():
    for text in lines():
        for start in range(0, len(text), 3):
            for stop in range(start, len(text) + 1, 4):
                reason = clean_reason(text[start:stop])
                if clean_reason(text[start:]) == reason:
                    assert may_clean_to(text, start, reason), (text, start, stop)
    text = "主要原因是人员增加，支出增加1万元，" * 3
    assert not may_clean_to(text, 5, "人员增加")
    assert may_clean_to("主要原因是人员增加等原因所致。", 5, "人员增加")
