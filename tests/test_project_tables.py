"""Project amounts in the prose against a 项目支出表 whose project name spans several text columns."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from narrative_extract import api
from narrative_extract.layout.grid import grid_to_rows, segments_of
from narrative_extract.layout.name_columns import group_name
from narrative_extract.model import Location

from .conftest import REPO
from .project_table_fixture import LAYOUTS, write_report

CHANGCHUN = REPO.parent / "shared" / "national_pdfs" / "changchun_01.pdf"
VARIANTS = [(name, False) for name in LAYOUTS] + [(name, True) for name in LAYOUTS if name != "merged into one column"]


@cache
def verdicts(layout: str, repeat: bool, folder: str) -> dict[tuple[str, str], tuple[str, str | None, str]]:
    """(raw, subject) → (status, expected, message) of the report's amount claims."""
    path = write_report(Path(folder) / f"{layout.replace(' ', '_')}_{int(repeat)}.pdf", LAYOUTS[layout], repeat)
    return {(f.raw, f.subject): (f.status, f.expected, f.message) for f in api.check(str(path)) if f.kind == "amount"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> str:
    return str(tmp_path_factory.mktemp("project_tables"))


@pytest.mark.parametrize("layout,repeat", VARIANTS)
def test_project_amounts_are_read_against_their_rows(layout, repeat, folder):
    found = verdicts(layout, repeat, folder)
    for raw, subject in (("116万元", "2026信访接待中心运行费"), ("312万元", "2026驻京经费"), ("30万元", "信访专项经费")):
        status, expected, message = found[(raw, subject)]
        assert status == "consistent" and "项目支出表" in message, (raw, message)
    # 15.56 against the row's 16.56: the one row of that name, so a mismatch
    status, expected, message = found[("15.56万元", "信访局临聘人员经费")]
    assert (status, expected) == ("mismatch", "16.56万元")
    assert "项目支出表 信访局临聘人员经费 合计 prints 16.56" in message
    # two rows of one name (two units): never a mismatch, though 20 is neither row's 10
    status, _, message = found[("20万元", "办公楼维修经费")]
    assert status == "unverifiable" and "2 project rows are named 办公楼维修经费" in message
    # a name matched only in part (驻京经费 of 2026驻京经费)
    status, _, message = found[("312万元", "驻京经费")]
    assert status == "unverifiable" and "only partly matches" in message


@pytest.mark.parametrize("layout,repeat", VARIANTS[1:])
def test_name_columns_in_any_order_or_merged_give_the_same_verdicts(layout, repeat, folder):
    assert verdicts(layout, repeat, folder) == verdicts(*VARIANTS[0], folder)


def test_the_rows_are_named_by_their_project(folder):
    write_report(Path(folder) / "rows.pdf", LAYOUTS["three columns"])
    [table] = [t for t in api.tables(str(Path(folder) / "rows.pdf")) if t.title == "项目支出表"]
    assert [r.name for r in table.rows] == ["综合管理", "2026信访专项经费", "2026信访接待中心运行费", "2026驻京经费",
                                            "信访局临聘人员经费", "办公楼维修经费", "办公楼维修经费"]
    assert [r.cells[0].text for r in table.rows][:2] == ["494.56", "30.00"]


def test_adjacent_name_columns_form_one_name_only_when_one_names_the_project():
    header = ["类型", "项目名称/一级项目", "项目名称/二级项目", "项目单位", "合计"]
    data = [["部门特定目标类项目", "", "", "", "474.56"], ["", "", "2026驻京经费", "长春市信访局", "312.00"]]
    [segment] = segments_of(header, data)
    assert segment.names == [0, 1, 2, 3] and segment.values == [4]
    assert [segment.row_name(row, header) for row in data] == ["部门特定目标类项目", "2026驻京经费"]
    # 二级项目 is more specific than 一级项目 whatever the print order; a unit alone names a unit total
    assert group_name(["2026驻京经费", "综合管理"], ["二级项目", "一级项目"]) == "2026驻京经费"
    assert group_name(["", "长春市信访局"], ["项目名称", "单位名称"]) == "长春市信访局"
    # a side-by-side table (收入 | 支出) keeps one segment per half; two text columns naming no
    # project (单位名称 | 单位性质) stay two
    halves = segments_of(["收入/项目", "收入/预算数", "支出/项目", "支出/预算数"], [["一般公共预算", "1.00", "一般公共服务支出", "1.00"]])
    assert [s.name for s in halves] == [0, 2]
    plain = segments_of(["单位名称", "单位性质", "金额"], [["某局", "行政单位", "1.00"]])
    assert [s.names for s in plain] == [[], []]
    # 科目编码 | 科目名称 | 项目名称: a project row is the project's, its function code not carried to it
    coded = grid_to_rows(["科目编码", "科目名称", "项目名称", "合计"],
                         [(["2014002", "一般行政管理事务", "", "458.00"], Location()),
                          (["2014002", "一般行政管理事务", "2026驻京经费", "312.00"], Location())], "万元")
    assert [(r.code, r.name) for r in coded] == [("2014002", "一般行政管理事务"), (None, "2026驻京经费")]
    # forms (绩效目标表) are read label by label: their columns are not joined
    [form] = segments_of(header, data, join_names=False)[-1:]
    assert form.names == [] and form.name == 3


def test_changchun_project_table_exposes_the_temp_staff_figure():
    if not CHANGCHUN.is_file():
        pytest.skip(f"{CHANGCHUN} not found (../shared is not committed; CI places it beside the repo)")
    found = {f.subject: f for f in api.check(str(CHANGCHUN)) if f.kind == "amount" and f.claim is not None
             and f.evidence and f.evidence[0].table == "项目支出表(预算表9)"}
    for subject, printed in (("2026信访接待中心运行费", "116.00"), ("2026信访专项经费", "30.00"), ("2026驻京经费", "312.00")):
        assert found[subject].status == "consistent" and found[subject].evidence[0].printed == printed
    # p.18 八、项目支出情况说明: 信访局临聘人员经费15.56万元; the 项目支出表 (p.14) prints 16.56, and so does the
    # 绩效目标表 (p.16); the four projects add to the stated 474.56 only with 16.56
    temp = found["信访局临聘人员经费"]
    assert (temp.status, temp.expected, temp.raw) == ("mismatch", "16.56万元", "15.56万元")
    assert temp.claim.loc.page == 18 and temp.evidence[0].loc.page == 14 and temp.relation.certain
