"""Metamorphic checks of the reason classifier: a reason printed or worded in an equivalent way —
other punctuation widths, full-width digits, spaces, a line break, thousands separators, a final 。,
other figures, another year, 比上年 / 同比 for 较上年, other list marks — gets the category it gets
as printed. Run over every labelled reason of the reports (corpus/reasons),
with the shipped model, so a change of the rules or the model that makes one printing differ fails
here with the reason shown."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from narrative_extract.reasons import ReasonClassifier
from narrative_extract.reasons.classifier import read_labels, scored_rows
from narrative_extract.reasons.features import ReasonInput
from narrative_extract.reasons.groups import is_training_only
from narrative_extract.reasons.keywords import keyword_hits

REPO = Path(__file__).resolve().parents[1]
REPORT_LABELS = [REPO / "corpus" / "reasons" / n for n in ("labels.jsonl", "national_labels.jsonl")]

_HALF = str.maketrans({"，": ",", "；": ";", "：": ":", "（": "(", "）": ")"})
_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})
_WIDE_DIGITS = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789"})
# 1200.00万元 → 1,200.00万元: only whole parts of four or more digits before a decimal point or unit
_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3})(\d{3})(?=[.万元亿])")


_LIST_MARK = re.compile(r"([一二三四五六七八九])是")
_YEAR = re.compile(r"20([12]\d)(?=年)")
_COUNT = re.compile(r"(?<![\d.])\d+(?![\d年])")  # a figure, not a year


def _line_break(text: str) -> str:
    """A PDF line break in the middle of the reason (joined with a newline, not a space)."""
    return text[: len(text) // 2] + "\n" + text[len(text) // 2:] if len(text) > 8 else text


VARIANTS: dict[str, Callable[[str], str]] = {
    "half-width punctuation": lambda t: t.translate(_HALF),
    "full-width punctuation": lambda t: t.translate(_FULL),
    "full-width digits": lambda t: t.translate(_WIDE_DIGITS),
    "a space after each comma": lambda t: t.replace("，", "， ").replace(",", ", "),
    "thousands separators": lambda t: _THOUSANDS.sub(r"\1,\2", t),
    "a line break": _line_break,
    "a final full stop": lambda t: t if t.endswith("。") else t + "。",
    "other figures": lambda t: _COUNT.sub(lambda m: str(int(m.group(0)) * 3 + 2), t),
    "three years earlier": lambda t: _YEAR.sub(lambda m: f"20{int(m.group(1)) - 3}", t),
    "比上年 for 较上年": lambda t: t.replace("较上年", "比上年"),
    "同比 for 较上年": lambda t: t.replace("较上年", "同比"),
    "（一） for 一是": lambda t: _LIST_MARK.sub(r"（\1）", t),
    "1. for 一是": lambda t: _LIST_MARK.sub(lambda m: f"{'一二三四五六七八九'.index(m.group(1)) + 1}.", t),
}


@pytest.fixture(scope="module")
def inputs() -> list[ReasonInput]:
    rows = [r for r in scored_rows(read_labels(*map(str, REPORT_LABELS))) if not is_training_only(r)]
    assert len(rows) > 1500  # every labelled reason of the reports
    return [ReasonInput.of(r) for r in rows]


@pytest.fixture(scope="module")
def printed(inputs) -> list[str]:
    return [p.category for p in ReasonClassifier.load_cached().predict(inputs)]


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_an_equivalent_printing_of_a_reason_gets_the_same_category(name, inputs, printed):
    change = VARIANTS[name]
    varied = [replace(i, text=change(i.text)) for i in inputs]
    assert sum(v.text != i.text for v, i in zip(varied, inputs)) > 20  # the variant changes real reasons
    got = [p.category for p in ReasonClassifier.load_cached().predict(varied)]
    differ = [(i.text, v.text, a, b) for i, v, a, b in zip(inputs, varied, printed, got) if a != b]
    assert not differ, f"{name}: {len(differ)} reasons change category, e.g. {differ[:3]}"


def test_a_thousands_separator_does_not_part_two_causes():
    # 2,000.00万元 used to be read as two clauses, so the earlier clause's keyword (装修) came first
    text = "真如海心剧院精装修工程 2,000.00 万元预算从一般公共预算财政拨款调整至政府性基金"
    assert keyword_hits(text)[0] == keyword_hits(text.replace("2,000.00", "2000.00"))[0] == "policy_or_system"
    assert keyword_hits("购置车辆，压减经费")[0] == "one_off"  # a comma between words still parts clauses
