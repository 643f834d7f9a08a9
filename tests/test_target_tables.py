"""Multi-project 绩效目标表 read as one record per project, and a total followed by its named parts
(主要用于 / 包括 / 用于 … with no 其中, or bare after a project total) read as a list whose parts are
linked to their project rows."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from narrative_extract import api
from narrative_extract.reconcile.target_sheets import target_sheets

from .conftest import REPO, check_text
from .target_table_fixture import LAYOUTS, PROJECTS, write_report

CHANGCHUN = REPO.parent / "shared" / "national_pdfs" / "changchun_01.pdf"
BEIJING = REPO.parent / "shared" / "national_pdfs" / "beijing_31.pdf"


@cache
def verdicts(folder: str, layout: str, project_table: bool, funds_word: str = "年度资金总额") -> dict:
    """(kind, subject, raw) → (status, expected) of the report's amount and list findings."""
    name = f"{layout.replace(' ', '_').replace(',', '')}_{int(project_table)}_{funds_word}.pdf"
    path = write_report(Path(folder) / name, layout, funds_word, project_table)
    out: dict = {}
    for f in api.check(str(path)):
        if f.kind in ("amount", "enumeration"):
            out.setdefault((f.kind, f.subject, f.raw), []).append((f.status, f.expected))
    return out


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> str:
    return str(tmp_path_factory.mktemp("target_tables"))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_project_of_a_multi_project_target_table_is_a_record(layout, folder):
    path = write_report(Path(folder) / f"records_{LAYOUTS.index(layout)}.pdf", layout, project_table=False)
    sheets = target_sheets(api.read_document(str(path)))
    assert [(s.name, s.annual and s.annual[1], s.listed) for s in sheets] == [
        (name, funds, True) for _, name, funds in PROJECTS]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_project_amounts_against_the_listed_projects_when_no_project_table(layout, folder):
    found = verdicts(folder, layout, False)
    assert found[("amount", "2026驻京经费", "312.00万元")][0] == ("consistent", "312.00万元")
    # 2026年信访专项经费: the year's 年 aside, the one project of that name
    assert found[("amount", "信访专项经费", "30.00万元")] == [("consistent", "30.00万元")]
    # 15.56 against the one project of that name, its 年度资金总额 16.56: a certain mismatch
    assert set(found[("amount", "信访局临聘人员经费", "15.56万元")]) == {("mismatch", "16.56万元")}
    # a project no table lists
    assert found[("amount", "办公楼维修经费", "20.00万元")] == [("unverifiable", None)]


def test_a_project_total_that_may_span_years_is_no_alarm(folder):
    found = verdicts(folder, "merged", False, "项目总额")
    assert found[("amount", "2026驻京经费", "312.00万元")][0] == ("consistent", "312.00万元")
    assert set(found[("amount", "信访局临聘人员经费", "15.56万元")]) == {("unverifiable", "16.56万元")}


@pytest.mark.parametrize("layout", LAYOUTS[1:])
@pytest.mark.parametrize("project_table", [True, False])
def test_a_re_laid_out_target_table_gives_the_same_verdicts(layout, project_table, folder):
    assert verdicts(folder, layout, project_table) == verdicts(folder, LAYOUTS[0], project_table)


def test_a_list_led_by_zhuyao_yongyu_is_closed_by_the_projects_rows(folder):
    found = verdicts(folder, "first row", True)
    [(status, expected)] = [v for (kind, subject, raw), vs in found.items() for v in vs
                            if kind == "enumeration" and raw.startswith("主要用于2026信访接待中心运行费")]
    # the four projects' rows add up to 474.56: the parts named are all of it, and 15.56 leaves a gap of 1
    assert (status, expected) == ("mismatch", "473.56万元")
    # with no project table, the multi-project 绩效目标表's 年度资金总额 are the projects' rows
    [(status, expected)] = [v for (kind, subject, raw), vs in verdicts(folder, "first row", False).items()
                            for v in vs if kind == "enumeration" and raw.startswith("主要用于2026信访接待中心运行费")]
    assert (status, expected) == ("mismatch", "473.56万元")
    # a 项目总额 may span years: no row of this year's, so the list names the main parts only and falling
    # short is no alarm
    [(status, _)] = [v for (kind, subject, raw), vs in verdicts(folder, "merged", False, "项目总额").items()
                     for v in vs if kind == "enumeration" and raw.startswith("主要用于2026信访接待中心运行费")]
    assert status == "consistent"


def test_open_compositions_may_fall_short_but_never_exceed(folder):
    found = verdicts(folder, "merged", True)
    lists = {raw: vs for (kind, _, raw), vs in found.items() if kind == "enumeration"}
    assert lists["主要用于房租249.80万元、差旅费26.00万元"] == [("consistent", None)]
    assert lists["用于专家评审18.00万元、网络专线15.00万元"] == [("mismatch", "30.00万元")]
    # the lead word is no part of the first part's name
    assert ("amount", "专家评审", "18.00万元") in found


def test_a_composition_is_read_only_right_after_its_total(tmp_path):
    text = ("一、收入预算情况\n收入预算100.00万元，包括财政拨款收入60.00万元、事业收入30.00万元。\n"
            "二、支出预算情况\n支出预算100.00万元，分别为基本支出70.00万元、项目支出40.00万元。\n"
            "三、其他\n本年安排资金50.00万元。主要用于设备购置30.00万元、维修40.00万元。\n"
            "四、基本支出\n基本支出80.00万元，主要用于人员经费60.00万元、公用经费20.00万元，项目支出40.00万元，"
            "主要用于甲项目30.00万元、乙项目10.00万元。")
    found = {f.raw: f for f in check_text(tmp_path, text) if f.kind == "enumeration"}
    # 包括 without 等 or 其他 may still name a selection: short of the total, no alarm
    short = found["包括财政拨款收入60.00万元、事业收入30.00万元"]
    assert short.status == "unverifiable" and "need not name every part" in short.message
    assert found["分别为基本支出70.00万元、项目支出40.00万元"].status == "mismatch"
    # after 。 the word follows no figure: no list (its total would be a guess)
    assert not any(raw.startswith("主要用于设备购置") for raw in found)
    # a later list's total (项目支出40.00) is not a part of the list before
    basic = next(f for raw, f in found.items() if raw.startswith("主要用于人员经费"))
    assert basic.status == "consistent" and [p.raw for p in basic.claim.parts] == ["60.00万元", "20.00万元"]


def test_changchun_project_total_and_its_projects():
    if not CHANGCHUN.is_file():
        pytest.skip(f"{CHANGCHUN} not found (../shared is not committed; CI places it beside the repo)")
    doc = api.read_document(str(CHANGCHUN))
    # p.16 预算表11 lists four projects, one block each
    assert [(s.name, s.annual and s.annual[1]) for s in target_sheets(doc) if s.listed] == [
        ("2026年信访专项经费", "30.00"), ("2026年信访接待中心运行费", "116.00"), ("2026年驻京经费", "312.00"),
        ("信访局临聘人员经费", "16.56")]
    found = api.check(str(CHANGCHUN))
    # p.18 八、: 2026年长春市信访局项目支出预算474.56万元，2026信访接待中心运行费116万元，…，信访局临聘人员经费15.56万元
    [total] = [f for f in found if f.kind == "amount" and f.subject == "长春市信访局项目支出"]
    assert total.status == "consistent" and [e.printed for e in total.evidence[1:]] == ["116.00", "30.00", "312.00", "16.56"]
    [listed] = [f for f in found if f.kind == "enumeration" and f.subject == "长春市信访局项目支出"]
    # parts printed to whole 万元 (116, 30, 312) leave the sum 473.56 within rounding of 474.56: no list alarm;
    # the 15.56 itself is the alarm (test_project_tables)
    assert listed.status == "consistent" and listed.relation.certain and listed.expected == "473.56万元"


def test_beijing_listed_projects_are_records():
    if not BEIJING.is_file():
        pytest.skip(f"{BEIJING} not found (../shared is not committed; CI places it beside the repo)")
    sheets = [s for s in target_sheets(api.read_document(str(BEIJING))) if s.listed]
    # 预算表12 项目支出绩效目标表: 项目名称 | 项目总额 | 其中：财政资金 | 其他资金 …, a project per merged block
    first = sheets[0]
    assert (first.name, first.whole and first.whole[1], first.annual) == (
        "11000021T000000122127-购买考试服务支出项目", "3,109.488000", None)
    assert len(sheets) > 20 and len({s.name for s in sheets}) == len(sheets)
