"""Property tests (hypothesis) of the number parser and the text ingest: any input gives an answer
or the documented error, never another exception; printed figures read back as what was printed.

`make test` runs a few examples of each; `make fuzz` many more (the ``fuzz`` profile in conftest)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from narrative_extract.errors import InputError
from narrative_extract.ingest.pdf import pdf_to_raw
from narrative_extract.ingest.text import text_to_raw
from narrative_extract.layout import raw_to_document
from narrative_extract.numbers import FigureError, find_numbers, normalize, parse_cell, parse_number

# text of the kind reports hold: Chinese, digits, units, punctuation, brackets, spaces, anything else
REPORT_CHARS = st.sampled_from(list("0123456789.,，。、；：%（）()万元亿千百十一二三四五六七八九零两点分之其中增加减少比上年\t\n 　-+"))
REPORT_TEXT = st.one_of(st.text(REPORT_CHARS, max_size=80), st.text(max_size=80))
MONEY = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999999.99"), places=2)


@given(REPORT_TEXT)
def test_find_numbers_gives_figures_or_a_figure_error(text):
    try:
        found = find_numbers(text)
    except FigureError:
        return  # a figure with a unit and too many digits to be one: documented
    assert all(0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.raw for m in found)
    assert [m.start for m in found] == sorted(m.start for m in found)


@given(REPORT_TEXT)
def test_parse_number_and_parse_cell_never_raise(text):
    parse_number(text)
    parse_cell(text, "万元")
    assert normalize(normalize(text)) == normalize(text)  # normalising is idempotent


@given(MONEY, st.sampled_from(["万元", "元", "亿元"]), st.booleans())
def test_a_printed_money_figure_reads_back(value, unit, grouped):
    printed = f"{value:,.2f}" if grouped else f"{value:.2f}"
    amount = parse_number(printed + unit)
    assert amount is not None and amount.unit == unit and amount.value == value and amount.decimals == 2
    found = find_numbers(f"支出{printed}{unit}，")
    assert [(m.raw, m.amount.value) for m in found] == [(printed + unit, value)]


@given(st.decimals(min_value=Decimal("0.00"), max_value=Decimal("100.00"), places=2))
def test_a_printed_share_reads_back(value):
    amount = parse_number(f"{value}%")
    assert amount is not None and (amount.value, amount.unit) == (value, "%")


DIGITS = "零一二三四五六七八九"


def chinese(n: int) -> str:
    """1 ≤ n ≤ 9999 in Chinese numerals (一千零二十, 三百, 十五)."""
    out, zero = "", False
    for value, word in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
        zero = False
        out += ("" if (value == 10 and d == 1 and not out) else DIGITS[d]) + word
    return out


@given(st.integers(min_value=1, max_value=9999))
def test_a_chinese_numeral_reads_back(n):
    amount = parse_number(chinese(n) + "元")
    assert amount is not None and amount.value == n, chinese(n)


@given(st.text(max_size=200))
def test_text_ingest_reads_any_string_or_says_why_not(text):
    """Any text: a document, or an InputError naming the file — never another exception."""
    try:
        raw = text_to_raw("report.txt", text.encode("utf-8"))
    except InputError as err:
        assert err.path == "report.txt" and err.reason
        return
    raw_to_document(raw)


@given(st.binary(max_size=200))
def test_text_ingest_reads_any_bytes_or_says_why_not(data):
    try:
        text_to_raw("report.txt", data)
    except InputError as err:
        assert err.path == "report.txt" and err.reason


@given(st.lists(st.sampled_from(["一、收入支出决算总体情况", "收入总计100.00万元。", "\t项目\t金额", "\t", "",
                                 "其中：基本支出50.00万元，项目支出50.00万元。", "[bookmark: _Toc1]"]), max_size=12))
def test_text_layout_of_report_like_lines_never_fails(lines):
    try:
        raw = text_to_raw("report.txt", "\n".join(lines).encode("utf-8"))
    except InputError:
        return
    raw_to_document(raw)


PDF_FIXTURES = sorted((__import__("pathlib").Path(__file__).parent / "fixtures" / "pdf").glob("*.pdf"))


@settings(max_examples=max(8, settings.default.max_examples // 6))
@given(st.sampled_from(PDF_FIXTURES), st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_pdf_ingest_of_a_mutated_fixture_reads_or_says_why_not(tmp_path_factory, fixture, edits):
    """A committed PDF with a few bytes changed: a document or an InputError, never another exception."""
    data = bytearray(fixture.read_bytes())
    for where, byte in edits:
        data[min(int(where * len(data)), len(data) - 1)] = byte
    path = tmp_path_factory.mktemp("mutated") / fixture.name
    path.write_bytes(bytes(data))
    try:
        pdf_to_raw(str(path))
    except InputError as err:
        assert err.reason
