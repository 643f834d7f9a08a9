"""patterns/subject_patterns.jsonl: spaCy SpanRuler patterns, validated on load."""

from __future__ import annotations

import subprocess
import sys

import pytest

from narrative_extract.claims import span_patterns as sp


@pytest.fixture
def patterns_file(tmp_path):
    # read with load_span_patterns, never by patching the shipped file's path: the pipeline and
    # the subject lexicon are built once per process from what span_patterns() gives first, and a
    # test's patterns read there kept every later test's scope words out (a random test order)
    return tmp_path / "subject_patterns.jsonl"


def test_shipped_patterns_load_with_terms_and_scopes():
    loaded = sp.span_patterns()
    assert "一般公共预算财政拨款基本支出" in loaded.terms and "收入支出总计" in loaded.terms
    assert ("政府性基金", "gov_fund") in loaded.scope_keywords and ("三公", "three_public") in loaded.scope_keywords


@pytest.mark.parametrize(("line", "problem"), [
    ('{"label": "THING", "pattern": "收入"}', "label must be one of"),
    ('{"label": "SCOPE", "pattern": "财政拨款"}', "needs an id"),
    ('{"label": "TERM", "pattern": ""}', "empty phrase pattern"),
    ('{"label": "TERM", "pattern": [1, 2]}', "list of token dicts"),
    ('{"label": "TERM", "pattern": "收入"', "not JSON"),
])
def test_a_bad_line_is_refused_with_its_line_number(patterns_file, line, problem):
    patterns_file.write_text('{"label": "TERM", "pattern": "收入总计"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"subject_patterns.jsonl:2: .*{problem}"):
        sp.load_span_patterns(patterns_file)


def test_token_patterns_are_validated_by_spacy(patterns_file):
    patterns_file.write_text('{"label": "TERM", "pattern": [{"NOT_AN_ATTR": "x"}]}\n', encoding="utf-8")
    with pytest.raises(ValueError):
        sp.TermMatcher([], sp.load_span_patterns(patterns_file))


def test_token_pattern_matches_alongside_phrases(patterns_file):
    patterns_file.write_text(
        '{"label": "TERM", "pattern": "收入总计"}\n'
        '{"label": "TERM", "pattern": [{"TEXT": {"REGEX": "^.+经费$"}}]}\n', encoding="utf-8")
    found = sp.TermMatcher(["工作业务经费"], sp.load_span_patterns(patterns_file)).find("工作业务经费和收入总计")
    assert [t for _, _, t in found] == ["工作业务经费", "收入总计"]


def test_document_row_names_become_terms():
    found = sp.TermMatcher(["其他组织事务支出"]).find("其他组织事务支出4,957.73万元")
    assert found == [(0, 8, "其他组织事务支出")]


def test_another_patterns_file_read_first_leaves_the_shipped_scope_words(tmp_path):
    """The pipeline and the subject lexicon are built once per process. A test that patched the
    shipped file's path and was the first to build them (pytest-randomly's order) left its own
    patterns there: every later report lost its scope words (一般公共预算 → all funds) and CI failed
    35 tests. Another file is now read with load_span_patterns and passed down; read first, in a
    fresh process, it changes nothing shipped."""
    other = tmp_path / "subject_patterns.jsonl"
    other.write_text('{"label": "TERM", "pattern": "收入总计"}\n', encoding="utf-8")
    script = (
        "import sys\n"
        "from narrative_extract.claims import span_patterns as sp\n"
        "from narrative_extract.claims.lexicon import subject_lexicon\n"
        "sp.TermMatcher(['工作业务经费'], sp.load_span_patterns(sp.Path(sys.argv[1])))\n"
        "scopes = dict(subject_lexicon().scope_keywords)\n"
        "print(scopes.get('一般公共预算财政拨款'), '收入支出总计' in sp.span_patterns().terms)\n"
    )
    out = subprocess.run([sys.executable, "-c", script, str(other)], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["general_budget", "True"]
