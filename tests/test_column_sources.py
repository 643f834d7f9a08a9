"""Columns that split one figure by where the money comes from (layout/columns.py): 本年预算 | 编制预算 |
上年结转, 当年预算/基本支出 | 上年结转结余/基本支出. Regressions of changchun_01.pdf (长春), read for the
family: any report laid out with this year's and the carried-over money in columns."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from narrative_extract import api
from narrative_extract.layout.columns import carried_beside, source_cell, source_whole
from narrative_extract.model import Amount, Cell, Location, Row

from .conftest import check_text

SHARED = Path(__file__).resolve().parents[2] / "shared" / "national_pdfs"

PROSE = ("某单位2026年部门预算\n一、收支总表情况说明\n"
         "2026年支出总计{total}万元。其中：基本支出合计为{basic}万元，项目支出合计为{project}万元。\n")
SUMMARY_COLUMNS = ("本年预算", "编制预算", "上年结转")
EXPENDITURE_HEAD = ("科目编码\t科目名称\t合计\t当年预算\t\t\t上年结转结余\t\t\n"
                    "\t\t\t小计\t基本支出\t项目支出\t小计\t基本支出\t项目支出\n")


def summary(columns: tuple[str, ...], rows: dict[str, tuple[str, ...]]) -> str:
    """收支总表 with the value columns in ``columns`` order; ``rows``: name → figures in SUMMARY_COLUMNS order."""
    order = [SUMMARY_COLUMNS.index(c) for c in columns]
    body = "".join(f"{name}\t" + "\t".join(figs[i] for i in order) + "\n" for name, figs in rows.items())
    return "\n收支总表\n单位：万元\n项目\t" + "\t".join(columns) + "\n" + body


def expenditure(current: tuple[str, str, str], carried: tuple[str, str, str]) -> str:
    whole = f"{sum(float(x) for x in current[:1] + carried[:1]):.2f}"
    figs = "\t".join((whole, *current, *carried))
    return f"\n支出总表\n单位：万元\n{EXPENDITURE_HEAD}\t总计\t{figs}\n201\t一般公共服务支出\t{figs}\n"


def amounts(findings) -> dict[str, tuple[str, str | None]]:
    return {f.subject: (f.status, f.relation.certainty.value if f.relation else None)
            for f in findings if f.kind == "amount"}


CHANGCHUN_ROWS = {"本年收入合计": ("1682.76", "1682.76", "0.00"), "收入总计": ("1682.76", "1682.76", "0.00"),
                  "本年支出合计": ("1682.76", "1682.76", "0.00"), "支出总计": ("1682.76", "1682.76", "0.00")}


def test_changchun_split_columns_with_nothing_carried_over_verify_the_totals_and_catch_a_wrong_one(tmp_path):
    """长春 收支总表 prints 本年预算 | 编制预算 | 上年结转 and no 合计; 支出总表 当年预算/… | 上年结转结余/… under a
    总计 row: 支出总计, 基本支出 and 项目支出 were left unverifiable (21% of the report's amounts verified)."""
    tables = summary(SUMMARY_COLUMNS, CHANGCHUN_ROWS) + expenditure(("1682.76", "1208.20", "474.56"), ("0.00",) * 3)
    good = amounts(check_text(tmp_path, PROSE.format(total="1682.76", basic="1208.20", project="474.56") + tables))
    assert good == {"支出总计": ("consistent", "certain"), "基本支出": ("consistent", "certain"),
                    "项目支出": ("consistent", "certain")}
    bad = amounts(check_text(tmp_path, PROSE.format(total="1682.76", basic="1218.20", project="474.56") + tables))
    assert bad["基本支出"] == ("mismatch", "certain")


@pytest.mark.parametrize("columns", [SUMMARY_COLUMNS, ("上年结转", "本年预算", "编制预算"), ("编制预算", "上年结转", "本年预算")])
def test_the_whole_of_a_source_split_does_not_depend_on_the_column_order(tmp_path, columns):
    """Metamorphic: the same 收支总表 with its columns re-laid-out gives the same verdicts. With a carry-over,
    the whole is the column that adds up the others (本年预算 = 编制预算 + 上年结转), never 编制预算."""
    rows = {"本年支出合计": ("1682.76", "1500.00", "182.76"), "支出总计": ("1682.76", "1500.00", "182.76")}
    text = PROSE.format(total="1682.76", basic="1208.20", project="474.56") + summary(columns, rows)
    assert amounts(check_text(tmp_path, text))["支出总计"] == ("consistent", "probable")
    wrong = PROSE.format(total="1500.00", basic="1208.20", project="474.56") + summary(columns, rows)
    # 1500.00 is 编制预算's, this year's new money: the prose may mean it, so no alarm, whatever the order
    assert amounts(check_text(tmp_path, wrong))["支出总计"] == ("unverifiable", "probable")


def test_an_item_with_money_carried_over_beside_it_is_no_alarm(tmp_path):
    """当年预算/基本支出 1,000.00 beside 上年结转结余/基本支出 208.20: the prose's 基本支出 1,208.20 is their
    sum, so this year's cell alone is an uncertain link — a disagreement with it is not a mismatch."""
    text = PROSE.format(total="1682.76", basic="1208.20", project="474.56") \
        + expenditure(("1474.56", "1000.00", "474.56"), ("208.20", "208.20", "0.00"))
    found = {f.subject: f for f in check_text(tmp_path, text) if f.kind == "amount"}
    assert found["基本支出"].status == "unverifiable"
    assert found["基本支出"].relation.certainty.value == "probable"
    assert "上年结转结余/基本支出 208.20" in found["基本支出"].message
    assert (found["项目支出"].status, found["项目支出"].relation.certainty.value) == ("consistent", "certain")


def cell(column: str, text: str) -> Cell:
    return Cell(text, column, Amount(Decimal(text), "", 2) if text else None)


def test_fund_columns_are_no_source_split():
    """一般公共预算 | 政府性基金 | 上年结转 with no 合计: each fund is a part, none the whole, even when two print the same."""
    row = Row(None, "支出总计", loc=Location(), cells=[cell("一般公共预算", "100.00"), cell("政府性基金", "100.00"), cell("上年结转", "0.00")])
    assert source_whole(row) is None
    split = Row(None, "支出总计", loc=Location(), cells=[cell("本年预算", "100.00"), cell("编制预算", "100.00"), cell("上年结转", "0.00")])
    assert source_whole(split) is split.cells[0]


def test_an_item_printed_once_per_source_is_this_years_cell_and_its_carry_over_is_beside_it():
    row = Row(None, "总计", loc=Location(), cells=[cell("合计", "12.00"), cell("当年预算/基本支出/小计", "10.00"),
                                cell("上年结转结余/基本支出/小计", "2.00")])
    found = source_cell(row, "基本支出")
    assert found is row.cells[1]
    assert carried_beside(row, found) == [row.cells[2]]
    assert carried_beside(row, row.cells[0]) == []


@pytest.mark.skipif(not (SHARED / "changchun_01.pdf").exists(), reason="../shared/national_pdfs (real reports) is absent")
def test_changchun_01_totals_verify_against_the_split_columns():
    found = {(f.subject, f.raw): f.status for f in api.check(str(SHARED / "changchun_01.pdf")) if f.kind == "amount"}
    for subject in ("支出总计", "财政拨款收入", "财政拨款支出", "预算收入"):
        assert found[(subject, "1682.76万元")] == "consistent", subject
    assert found[("基本支出", "1208.20万元")] == "consistent"
    assert found[("项目支出", "474.56万元")] == "consistent"


SANGONG = ("某单位2026年部门预算\n一、一般公共预算“三公”经费情况说明\n2026年公务接待费为0.86万元。公务用车运行维护费{car}万元。\n"
           "\n一般公共预算“三公”经费支出表\n单位：万元\n“三公”经费合计\t当年预算\t\t\t上年结转结余\t\t\n"
           "\t小计\t公务接待费\t公务用车运行费\t小计\t公务接待费\t公务用车运行费\n"
           "7.61\t7.61\t0.86\t6.75\t0.00\t0.00\t0.00\n")


def test_changchun_sangong_items_printed_once_per_source_link_to_this_years_column(tmp_path):
    """长春 预算表7 prints each 三公 item under 当年预算 and again under 上年结转结余: two columns name
    公务用车运行费, so the item had no column; this year's is the one (nothing carried over)."""
    assert amounts(check_text(tmp_path, SANGONG.format(car="6.75"))) == {
        "公务接待费": ("consistent", "certain"), "公务用车运行维护费": ("consistent", "certain")}
    assert amounts(check_text(tmp_path, SANGONG.format(car="6.85")))["公务用车运行维护费"] == ("mismatch", "certain")


BLANK_SUBTOTAL = ("某局2026年部门预算\n五、“三公”经费预算情况说明\n"
                  "2026年公务用车购置及运行维护费预算数{car}万元，因公出国（境）费用预算数{abroad}万元。\n"
                  "\n预算09表财政拨款“三公”经费支出表\n单位：万元\n"
                  "“三公”经费财政拨款预算总额\t因公出国（境）费用\t公务接待费\t公务用车购置及运行维护费\t\t\n"
                  "\t\t\t小计\t公务用车购置费\t公务用车运行维护费\n40.77\t\t0.15\t\t18.69\t4.83\n")


def test_a_blank_subtotal_beside_its_printed_parts_is_no_zero(tmp_path):
    """北京 预算09表 prints 购置费 18.69 and 运行维护费 4.83 but leaves their 小计 blank: the prose's 23.52 is
    unverifiable there, never a mismatch against an empty cell; a blank with no parts (因公出国 here) still
    states none."""
    found = amounts(check_text(tmp_path, BLANK_SUBTOTAL.format(car="23.52", abroad="17.10")))
    assert found["公务用车购置及运行费"][0] == "unverifiable"
    assert found["因公出国（境）费"][0] == "mismatch"
