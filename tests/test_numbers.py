"""Numbers in prose and table cells: exact Decimal value, unit, printed precision, offsets."""

from __future__ import annotations

import json
import time
from decimal import Decimal
from pathlib import Path

import pytest

from narrative_extract.model import Amount
from narrative_extract.numbers import NumberMatch, find_numbers, normalize, parse_cell, parse_number
from narrative_extract.numbers_cn import NumeralDataError, lexicon, parse_core

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


def corpus_line(name: str, number: int) -> str:
    return (CORPUS / name).read_text(encoding="utf-8").split("\n")[number - 1]


def triples(matches: list[NumberMatch]) -> list[tuple[str, Decimal, str, int, str]]:
    return [(m.raw, m.amount.value, m.amount.unit, m.amount.decimals, m.kind) for m in matches]


def only(text: str) -> NumberMatch:
    found = find_numbers(text)
    assert len(found) == 1, (text, triples(found))
    m = found[0]
    assert text[m.start : m.end] == m.raw
    return m


def D(text: str) -> Decimal:
    return Decimal(text)


# --------------------------------------------------------------------------- printed forms

FORMS = [
    # text, raw, value, unit, decimals, kind
    ("16,687.89", "16,687.89", "16687.89", "", 2, "bare"),
    ("收入 13048.64 万元", "13048.64 万元", "13048.64", "万元", 2, "money"),
    ("１２３．４５万元", "１２３．４５万元", "123.45", "万元", 2, "money"),
    ("合计１，２３４元", "１，２３４元", "1234", "元", 0, "money"),
    ("占比５０．５％", "５０．５％", "50.5", "%", 1, "percent"),
    ("减少 16, 687.89 万元", "16, 687.89 万元", "16687.89", "万元", 2, "money"),
    ("预算数为 1 398.00 万元", "1 398.00 万元", "1398.00", "万元", 2, "money"),
    ("下降 60.05 %", "60.05 %", "60.05", "%", 2, "percent"),
    ("决算为3万元", "3万元", "3", "万元", 0, "money"),
    ("预算金额0.24 万元。", "0.24 万元", "0.24", "万元", 2, "money"),
    ("标准为 200 元/年/个", "200 元", "200", "元", 0, "money"),
    ("总额1.2亿元", "1.2亿元", "1.2", "亿元", 1, "money"),
    ("变动-3480.83万元", "-3480.83万元", "-3480.83", "万元", 2, "money"),
    ("结余负3480.83万元", "负3480.83万元", "-3480.83", "万元", 2, "money"),
    ("结余−3480.83万元", "−3480.83万元", "-3480.83", "万元", 2, "money"),
    ("结余－3480.83万元", "－3480.83万元", "-3480.83", "万元", 2, "money"),
    ("金额壹万贰仟元整", "壹万贰仟元", "12000", "元", 0, "money"),
    (
        "人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分",
        "壹拾贰万叁仟肆佰伍拾陆元柒角捌分",
        "123456.78",
        "元",
        2,
        "money",
    ),
    ("约三千五百万", "三千五百万", "35000000", "", -4, "bare"),
    ("投入三千五百万元", "三千五百万元", "3500", "万元", 0, "money"),
    ("两个亿", "两个亿", "200000000", "", -8, "bare"),
    ("两个亿元", "两个亿元", "2", "亿元", 0, "money"),
    ("增长60.05%", "60.05%", "60.05", "%", 2, "percent"),
    ("增长百分之一点五七", "百分之一点五七", "1.57", "%", 2, "percent"),
    ("百分之五十", "百分之五十", "50", "%", 0, "percent"),
    ("百分之百", "百分之百", "100", "%", 0, "percent"),
    ("增长100%", "100%", "100", "%", 0, "percent"),
    ("目标≥95百分比", "95百分比", "95", "%", 0, "percent"),
    ("下降 1.5 个百分点", "1.5 个百分点", "1.5", "个百分点", 1, "percent_point"),
    ("提高两个百分点", "两个百分点", "2", "个百分点", 0, "percent_point"),
    ("提高零点五个百分点", "零点五个百分点", "0.5", "个百分点", 1, "percent_point"),
    ("累计 39 批次", "39 批次", "39", "批次", 0, "count"),
    ("累计 208 人", "208 人", "208", "人", 0, "count"),
    ("保有量 10 辆", "10 辆", "10", "辆", 0, "count"),
    ("设备（不含车辆）0 台（套）。", "0 台（套）", "0", "台（套）", 0, "count"),
    ("项目 12 个", "12 个", "12", "个", 0, "count"),
    ("接待261人次", "261人次", "261", "人次", 0, "count"),
    ("接待13批次", "13批次", "13", "批次", 0, "count"),
    ("人才总量达1.25万人次", "1.25万人次", "12500", "人次", -2, "count"),
    ("得分 99.73 分", "99.73 分", "99.73", "分", 2, "score"),
    ("得分为97分", "97分", "97", "分", 0, "score"),
    ("收入 16.4亿", "16.4亿", "1640000000", "", -7, "bare"),
    ("千元表示 3千元", "3千元", "3000", "元", 0, "money"),
    ("万元 间有空格 4.75 万 元", "4.75 万 元", "4.75", "万元", 2, "money"),
]


@pytest.mark.parametrize("text,raw,value,unit,decimals,kind", FORMS, ids=[f[0] for f in FORMS])
def test_forms(text, raw, value, unit, decimals, kind):
    m = only(text)
    assert (m.raw, m.amount.unit, m.amount.decimals, m.kind) == (raw, unit, decimals, kind)
    assert m.amount.value == D(value)
    assert isinstance(m.amount.value, Decimal)
    assert str(m.amount.value) == value  # printed form kept, no exponent notation


# --------------------------------------------------------------------------- traps


TRAPS = [
    # text, raw, value, unit, decimals
    ("3541.07万元2", "3541.07万元", "3541.07", "万元", 2),
    ("16.4亿", "16.4亿", "1640000000", "", -7),
    ("13万2", "13万2", "132000", "", -3),
    ("1,100万", "1,100万", "11000000", "", -4),
    ("3万4000", "3万4000", "34000", "", 0),
    ("25万6千", "25万6千", "256000", "", 0),
    ("二十万亿", "二十万亿", "20000000000000", "", -12),
    ("3万4000元", "3万4000元", "34000", "元", 0),
    ("1亿2000万元", "1亿2000万元", "120000000", "元", -4),
    ("一千零五十万元", "一千零五十万元", "1050", "万元", 0),
    ("一亿五", "一亿五", "150000000", "", -7),
    # a full-width comma typed as the thousands separator (jianguanwei 2026 budget, item 14)
    ("（项）3，518.85万元，主要用于", "3，518.85万元", "3518.85", "万元", 2),
]


@pytest.mark.parametrize("text,raw,value,unit,decimals", TRAPS, ids=[t[0] for t in TRAPS])
def test_traps(text, raw, value, unit, decimals):
    m = only(text)
    assert (m.raw, m.amount.unit, m.amount.decimals) == (raw, unit, decimals)
    assert m.amount.value == D(value)
    assert str(m.amount.value) == value


@pytest.mark.parametrize("text", ["共12，345人", "一是3，二是518.85万元", "增加3，5万元"])
def test_a_fullwidth_comma_between_plain_numbers_stays_a_comma(text):
    assert len(find_numbers(text)) == 1 and "，" not in find_numbers(text)[0].raw


def test_16_4_yi_is_exact():
    amount = parse_number("16.4亿")
    assert amount == Amount(Decimal(1640000000), "", -7)
    assert amount.value == 1640000000  # not 1639999999.9999998
    low, high = amount.interval()
    assert (low, high) == (Decimal(1635000000), Decimal(1645000000))


def test_wan_yuan_interval_matches_table_precision():
    amount = parse_number("3万元")
    assert amount == Amount(Decimal(3), "万元", 0)
    assert amount.to("元") == Amount(Decimal(30000), "元", -4)


def test_percent_point_is_not_percent():
    pp, pct = find_numbers("下降1.5个百分点，增长1.5%")
    assert (pp.amount.unit, pp.kind) == ("个百分点", "percent_point")
    assert (pct.amount.unit, pct.kind) == ("%", "percent")


# --------------------------------------------------------------------------- not amounts

NOT_AMOUNTS = [
    "2024年",
    "2024 年度",
    "2023年、2024年",
    "纳入中共辽宁省委组织部 2024 年部门决算编制范围",
    "2013201",
    "项目编码 13102824P002629102152",
    "（3）",
    "(3)",
    "3. 财政拨款收入",
    "3、财政拨款收入",
    "1.一般公共服务（类）",
    "2024年12月31日",
    "截至 2024 年 12 月 31 日",
    "12月9日",
    "2025年1月2日",
    "国办发〔2024〕28号",
    "冀财行【2022】94号",
    "（冀组明字﹝2020﹞26 号）",
    "第3批",
    "第 12 个",
    "一、收入支出决算总体情况说明",
    "（十一）负责指导",
    "“1+9”人才工作重要会议",
    "“12380”举报网站",
    "[bookmark: _Toc6242]第二部分",
    "A3版考核体系示意图",
    "版本 1.2.3",
    "一般公共预算",
    "“三公”经费",
    "实现两个全覆盖",
    "一次性项目",
    "数十万元",
    "3.1 项目概况",
    "完成时间 6月底",
    "≤1年",
    "用时3分钟",
    "预算年度：2024",
    "2024.12",
    "《2024年度100万元以上项目清单》",
]


@pytest.mark.parametrize("text", NOT_AMOUNTS)
def test_not_amounts(text):
    assert find_numbers(text) == [], triples(find_numbers(text))


def test_year_then_amount():
    assert triples(find_numbers("2024 年度财政拨款支出 10,165.73 万元")) == [
        ("10,165.73 万元", D("10165.73"), "万元", 2, "money")
    ]


def test_range_is_two_percents_not_a_negative():
    assert [m.amount.value for m in find_numbers("80%-100%")] == [D(80), D(100)]


def test_amount_inside_quotes_with_unit_is_kept():
    # a cited rule keeps its figure; a bare number inside quotes (a name) does not
    assert [m.raw for m in find_numbers("“各县（市、区）落实制片经费不少于20万元”")] == ["20万元"]


# --------------------------------------------------------------------------- precision


@pytest.mark.parametrize(
    "text,decimals",
    [("1,398.00", 2), ("4,417.2", 1), ("3", 0), ("0.375万元", 3), ("0.00 万元", 2), ("1,100万", -4)],
)
def test_decimals_as_printed(text, decimals):
    assert parse_number(text).decimals == decimals


# --------------------------------------------------------------------------- corpus sentences


def test_liaoning_96_yoy_sentence():
    line = corpus_line("liaoning_org_2024_final.txt", 96)
    assert line.startswith("与上年相比，今年收入总计减少")
    found = find_numbers(line)
    assert triples(found) == [
        ("16,687.89 万元", D("16687.89"), "万元", 2, "money"),
        ("60.05%", D("60.05"), "%", 2, "percent"),
    ]
    for m in found:
        assert line[m.start : m.end] == m.raw


def test_liaoning_168_reception_line():
    line = corpus_line("liaoning_org_2024_final.txt", 168)
    assert "公务接待" in line
    found = find_numbers(line)
    assert [(m.raw, m.kind) for m in found] == [
        ("4.75 万元", "money"),
        ("13.04%", "percent"),
        ("84.82%", "percent"),
        ("39 批次", "count"),
        ("208 人", "count"),
        ("4.75 万元", "money"),
        ("0 批次", "count"),
        ("0 人", "count"),
        ("0.00 万元", "money"),
        ("2.34 万元", "money"),
        ("96.85%", "percent"),
    ]
    assert found[8].amount == Amount(D("0.00"), "万元", 2)
    for m in found:
        assert line[m.start : m.end] == m.raw


@pytest.mark.parametrize(
    "name,number,expected",
    [
        (
            "liaoning_org_2024_final.txt",
            100,
            ["5,080.62 万元", "49.96%", "4,021.51 万元", "695.87 万元", "342.48 万元", "20.76 万元"],
        ),
        ("liaoning_org_2024_final.txt", 166, ["0.00 万元", "0.00%", "0.00%", "0 元", "0 个", "0 人次"]),
        (
            "liaoning_org_2024_final.txt",
            194,
            [
                "10 辆",
                "1 辆",
                "5 辆",
                "1 辆",
                "2 辆",
                "0 辆",
                "0 辆",
                "1 辆",
                "0 辆",
                "100 万元",
                "0 台（套）",
            ],
        ),
        (
            "liaoning_org_2024_final.txt",
            200,
            [
                "12 个",
                "12 个",
                "0 个",
                "0 个",
                "18,382.69 万元",
                "18,382.69 万元",
                "0 万元",
                "0 万元",
                "100%",
                "84.92 分",
            ],
        ),
        ("liaoning_org_2024_final.txt", 216, ["7,000.00 万元", "0 万元", "0%", "7,000.00 万元"]),
        ("liaoning_org_2024_final.txt", 218, ["100 分", "1,398.00 万元", "1,398.00 万元", "100%", "2330 个"]),
        ("liaoning_org_2024_final.txt", 232, ["90.00 分", "4,417.2 万元", "4,417.2 万元", "100%"]),
        ("anju_org_2024_final.txt", 31, ["1281.97万元", "96.36万元", "6.99%"]),
        ("anju_org_2024_final.txt", 76, ["3万元", "100%", "3万元", "100%"]),
        (
            "anju_org_2024_final.txt",
            86,
            [
                "3万元",
                "13批次",
                "261人次",
                "3万元",
                "0.09万元",
                "0.08万元",
                "0.43万元",
                "0.20万元",
                "1.47万元",
            ],
        ),
        ("anju_org_2024_final.txt", 98, ["0辆", "0辆", "0辆", "0辆", "0辆", "100万元", "0台（套）"]),
        ("dachang_org_2024_budget.txt", 1685, []),
        ("dachang_org_2024_budget.txt", 1701, ["5 家", "7 家", "12 家"]),
        ("dachang_org_2024_budget.txt", 1702, ["200 元", "0.24 万元"]),
        (
            "dachang_org_2024_budget.txt",
            2940,
            [
                "160人",
                "40人",
                "1500元",
                "3000元",
                "36万元",
                "20个",
                "200名",
                "500元",
                "40元",
                "2万",
                "38万元",
            ],
        ),
        ("dachang_org_2024_budget.txt", 3447, []),
        ("dachang_org_2024_budget.txt", 3614, ["3000 元", "3000元", "8000 元", "8000 元", "6.56 万元"]),
    ],
)
def test_corpus_lines(name, number, expected):
    line = corpus_line(name, number)
    found = find_numbers(line)
    assert [m.raw for m in found] == expected
    for m in found:
        assert line[m.start : m.end] == m.raw


def test_anju_71_73_parts():
    parts = [find_numbers(corpus_line("anju_org_2024_final.txt", n))[0].amount for n in (71, 72, 73)]
    assert [p.value for p in parts] == [D("563.04"), D("482.69"), D("77.27")]
    assert all(p.unit == "万元" and p.decimals == 2 for p in parts)


def test_every_corpus_line_quickly():
    started = time.perf_counter()
    total = 0
    for path in sorted(CORPUS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            for m in find_numbers(line):
                assert line[m.start : m.end] == m.raw
                assert isinstance(m.amount.value, Decimal)
                assert m.kind in {"money", "percent", "percent_point", "count", "score", "bare"}
                total += 1
    elapsed = time.perf_counter() - started
    assert total > 1000
    assert elapsed < 20, elapsed


def test_pathological_input_is_bounded():
    text = "1," * 5000 + "1 " * 5000 + "一十" * 3000 + "万" * 1000
    started = time.perf_counter()
    find_numbers(text)
    assert time.perf_counter() - started < 5


# --------------------------------------------------------------------------- parse_number


@pytest.mark.parametrize(
    "text,expected",
    [
        ("16,687.89 万元", Amount(D("16687.89"), "万元", 2)),
        ("60.05%", Amount(D("60.05"), "%", 2)),
        ("3万元", Amount(D(3), "万元", 0)),
        ("39 批次", Amount(D(39), "批次", 0)),
        ("99.73 分", Amount(D("99.73"), "分", 2)),
        ("两个亿", Amount(D(200000000), "", -8)),
        ("壹万贰仟元整", Amount(D(12000), "元", 0)),
        ("  1,398.00  ", Amount(D("1398.00"), "", 2)),
        ("2024", Amount(D(2024), "", 0)),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text", ["", "万元", "2024年", "3541.07万元2", "12 34", "abc", "1.2.3", "3元5分", "≥95%"]
)
def test_parse_number_rejects(text):
    assert parse_number(text) is None


# --------------------------------------------------------------------------- parse_cell


@pytest.mark.parametrize(
    "text,unit,expected",
    [
        ("10,892.96", "万元", Amount(D("10892.96"), "万元", 2)),
        ("3,296,600", "元", Amount(D(3296600), "元", 0)),
        ("0.00", "万元", Amount(D("0.00"), "万元", 2)),
        ("95.97%", "万元", Amount(D("95.97"), "%", 2)),
        ("1194.00", None, Amount(D("1194.00"), "", 2)),
        (" 1 398.00 ", "万元", Amount(D("1398.00"), "万元", 2)),
        ("3 296 600", "元", Amount(D(3296600), "元", 0)),
        ("１２３．４５", "万元", Amount(D("123.45"), "万元", 2)),
        ("-12.50", "万元", Amount(D("-12.50"), "万元", 2)),
        ("(1,234.56)", "万元", Amount(D("-1234.56"), "万元", 2)),
        ("3万元", "元", Amount(D(3), "万元", 0)),
        ("100百分比", None, Amount(D(100), "%", 0)),
    ],
)
def test_parse_cell(text, unit, expected):
    assert parse_cell(text, unit) == expected


@pytest.mark.parametrize(
    "text", ["", "  ", "-", "—", "——", "－", "/", "无", "合计", "≥95百分比", "12月底", "(3)"]
)
def test_parse_cell_empty_or_text(text):
    assert parse_cell(text, "万元") is None


# --------------------------------------------------------------------------- helpers and data


def test_normalize_keeps_offsets():
    text = "１２３．４５万元，１，２３４％　x"
    norm = normalize(text)
    assert len(norm) == len(text)
    assert norm.startswith("123.45万元，1,234% ")


def test_parse_core_chinese():
    assert parse_core("三千五百万") == (D(35000000), -4)
    assert parse_core("十五") == (D(15), 0)
    assert parse_core("三万零十") == (D(30010), 0)
    assert parse_core("3万12345") is None
    assert parse_core("1亿2亿") is None


def test_no_floats_in_source():
    for name in ("numbers.py", "numbers_cn.py"):
        source = (ROOT / "narrative_extract" / name).read_text(encoding="utf-8")
        assert "float(" not in source


def test_numerals_json_is_valid():
    lex = lexicon()
    assert lex.digits["壹"] == 1 and lex.digits["两"] == 2
    assert lex.scales["亿"] == 8
    assert lex.unit_word("万 元").unit == "万元"


def _write(tmp_path: Path, mutate) -> str:
    data = json.loads((ROOT / "patterns" / "numerals.json").read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "numerals.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    "mutate,message",
    [
        (lambda d: d["digits"].__setitem__("壹", 10), "digits['壹']"),
        (lambda d: d["scales"].__setitem__("兆", 1000), "scales['兆']"),
        (lambda d: d["units"].append({"words": ["元"], "unit": "元", "kind": "money"}), "already listed"),
        (lambda d: d["units"].append({"words": ["美元"], "unit": "美元", "kind": "money"}), "money unit"),
        (lambda d: d["units"].append({"words": ["个"], "unit": "个", "kind": "things"}), "'kind'"),
        (
            lambda d: d["units"].append({"words": ["千万"], "unit": "元", "kind": "money", "scale": 3}),
            "'scale'",
        ),
    ],
)
def test_numerals_json_validation(tmp_path, mutate, message):
    path = _write(tmp_path, mutate)
    with pytest.raises(NumeralDataError) as err:
        lexicon(path)
    assert path in str(err.value) and message in str(err.value)
