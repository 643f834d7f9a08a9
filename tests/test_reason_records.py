"""Reason records: each frame on real sentences, wrapped and empty reasons, repairs, stats."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from narrative_extract import api
from narrative_extract.claims.extract import document_to_claims
from narrative_extract.claims.reason_lists import list_marker
from narrative_extract.errors import InputError
from narrative_extract.reasons import ReasonClassifier
from narrative_extract.reasons.department import department_from_lines
from narrative_extract.reasons.records import ReasonRecord, claims_to_reason_records, reason_stats, regroup

from .conftest import corpus

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reasons"


@pytest.fixture(scope="module")
def clf() -> ReasonClassifier:
    return ReasonClassifier.load()


def records_of(path: str, clf: ReasonClassifier | None) -> list[ReasonRecord]:
    doc = api.read_document(path)
    return claims_to_reason_records(doc, document_to_claims(doc), clf)


@pytest.fixture(scope="module")
def liaoning(clf) -> list[ReasonRecord]:
    return records_of(corpus("liaoning_org_2024_final"), clf)


def at(records: list[ReasonRecord], where: int, basis: str | None = None) -> ReasonRecord:
    found = [r for r in records if (r.line or r.page) == where and (basis is None or r.basis == basis)]
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------- the three frames


def test_yoy_frame(liaoning):
    # l.96: 与上年相比，今年收入总计减少 16,687.89 万元，下降 60.05%。主要原因：省级人才专项经费…收入减少。
    r = at(liaoning, 96)
    assert (r.basis, r.direction, r.item) == ("yoy", "decrease", "收入总计")
    assert (r.amount, r.unit, r.percent) == (Decimal("16687.89"), "万元", Decimal("60.05"))
    assert r.text == "省级人才专项经费、主题教育工作经费收入减少"
    assert r.category == "project_funding" and not r.empty
    assert (r.department, r.year, r.report_kind) == ("中共辽宁省委组织部", 2024, "final")


def test_budget_frame(liaoning):
    # l.128: …行政运行（项）3,784.17 万元…完成年初预算的 126.21%，决算数大于年初预算数的原因主要是：执行中追加经费支出
    r = at(liaoning, 128)
    assert (r.basis, r.direction, r.item, r.item_code) == ("budget", "over", "行政运行", "2013201")
    assert r.completion == Decimal("126.21") and r.amount is None
    assert (r.text, r.category) == ("执行中追加经费支出", "budget_adjustment")
    # l.164: 完成预算的 72.64%，决算数小于预算数的主要原因是严格控制“三公”经费支出，节约开支
    r = at(liaoning, 164)
    assert (r.basis, r.direction, r.completion, r.category) == ("budget", "under", Decimal("72.64"), "austerity")


def test_performance_frame(liaoning):
    # l.240: 发现的主要问题及原因：年中新增预算项目，指标下达时间较晚。 (the paragraph opens with the project)
    r = at(liaoning, 240)
    assert (r.basis, r.direction) == ("performance", "under")
    assert r.item == "省级行政事业单位房屋维修经费" and r.completion == Decimal("0.00")
    assert (r.text, r.category) == ("年中新增预算项目，指标下达时间较晚", "schedule")


def test_two_reasons_in_one_line_keep_their_own_basis(liaoning):
    # l.168: 决算数小于预算数的主要原因是严格控制公务接待费支出… / 比上年增加 2.34 万元…主要是公务接待批次和人次均有所增加
    budget, yoy = at(liaoning, 168, "budget"), at(liaoning, 168, "yoy")
    assert (budget.category, budget.direction) == ("austerity", "under")
    assert (yoy.category, yoy.direction, yoy.item) == ("activity_level", "increase", "公务接待费")
    assert (yoy.amount, yoy.percent) == (Decimal("2.34"), Decimal("96.85"))


def test_anju_reasons(clf):
    records = records_of(corpus("anju_org_2024_final"), clf)
    r = at(records, 94)  # 比2023年度减少6.21万元，下降7.17%，主要原因系单位厉行勤俭节约，尽量缩减费用开支
    assert (r.item, r.direction, r.amount, r.percent) == ("机关运行经费", "decrease", Decimal("6.21"), Decimal("7.17"))
    assert r.category == "austerity" and r.department is None  # anju never names itself in the prose
    assert at(records, 82).category == "no_activity"  # 本单位无公务车辆
    # the same one-off reason explains three totals: one group, three records
    one_off = [r for r in records if "人才协同大会" in r.text]
    assert [r.line for r in one_off] == [31, 43, 48] and len({r.group for r in one_off}) == 1


# --------------------------------------------------------------------------- wrapped and empty reasons


def test_reason_split_over_two_lines(clf):
    records = records_of(str(FIXTURES / "wrapped_reasons.txt"), clf)
    # l.4–5: …主要原因：省级人才专项经费、主题 / 教育工作经费收入减少。 — joined, located where it starts
    first = at(records, 4)
    assert first.text == "省级人才专项经费、主题教育工作经费收入减少"
    assert (first.category, first.direction, first.percent) == ("project_funding", "decrease", Decimal("60.05"))
    # l.7–8: …增长 5.47%，主要原因 / 是车辆老旧，运行维护成本增加。 — the reason text starts on line 8
    second = at(records, 8)
    assert second.text == "车辆老旧，运行维护成本增加"
    assert (second.category, second.direction, second.item) == ("activity_level", "increase", "公务用车购置及运行费")


def test_empty_reason(clf):
    records = records_of(str(FIXTURES / "wrapped_reasons.txt"), clf)
    r = at(records, 10)  # …下降 9.49%，主要原因是。
    assert r.empty is True and r.text == ""
    assert (r.category, r.confidence) == ("other", 1.0)
    assert (r.item, r.direction, r.amount) == ("机关运行经费", "decrease", Decimal("74.73"))
    assert r.as_dict()["empty"] is True


def test_reason_after_a_line_final_colon(tmp_path, clf):
    path = tmp_path / "colon.txt"
    path.write_text("中共辽宁省委组织部2024 年度部门决算\n一、收入决算情况说明\n与上年相比，今年收入总计减少 16,687.89 万元，"
                    "下降 60.05%。主要原因：\n省级人才专项经费、主题教育工作经费收入减少。\n", encoding="utf-8")
    (r,) = records_of(str(path), clf)
    assert r.text == "省级人才专项经费、主题教育工作经费收入减少"
    assert (r.line, r.item, r.direction, r.empty) == (4, "收入总计", "decrease", False)


LISTED = ("某单位2024年度部门决算\n一、收入决算情况说明\n"
          "与上年相比，今年收入总计减少 100.00 万元，下降 10.00%。主要原因如下：\n"
          "（一）人员减少，人员经费减少。\n（二）项目完成，项目经费相应减少。\n"
          "二、机关运行经费支出情况\n"
          "2024 年机关运行经费支出 712.96 万元，比上年减少 74.73 万元，下降 9.49%，主要原因如下：\n"
          "1.压减公用经费。\n2.人员经费增加，主要是新增人员2名。\n3.节约开支。\n"
          "五、项目情况\n项目支出比上年增加 5.00 万元，增长 2.00%，主要原因如下：\n"
          "1.新增课题，比上年增加3.00万元，主要原因是新增调研课题。\n2.设备更新。\n"
          "三、“三公”经费支出情况\n"
          "公务接待费比上年增加 1.00 万元，增长 5.00%，主要原因如下：\n"
          "四、其他\n本单位无政府性基金。\n")


def test_reasons_listed_after_ruxia(tmp_path, clf):
    """主要原因如下： then numbered items — one record per item, each where its text starts, explaining
    the change before the lead-in (item 2's 主要是 explains no change of its own: the item is the reason)."""
    path = tmp_path / "listed.txt"
    path.write_text(LISTED, encoding="utf-8")
    records = records_of(str(path), clf)
    got = sorted((r.line, r.item, r.direction, r.text) for r in records)
    assert got == [
        (4, "收入总计", "decrease", "人员减少，人员经费减少"),
        (5, "收入总计", "decrease", "项目完成，项目经费相应减少"),
        (8, "机关运行经费", "decrease", "压减公用经费"),
        (9, "机关运行经费", "decrease", "人员经费增加，主要是新增人员2名"),
        (10, "机关运行经费", "decrease", "节约开支"),
        # an item with a reason of its own (主要原因是新增调研课题) keeps it; the list adds the other item
        (13, None, "increase", "新增调研课题"),
        (14, "项目支出", "increase", "设备更新"),
    ]
    # 公务接待费 …主要原因如下： with no item after it (the next line is a heading): no record, no warning
    assert not any(r.empty for r in records)


def test_records_without_a_classifier():
    records = records_of(str(FIXTURES / "wrapped_reasons.txt"), None)
    assert records and all(r.category is None and r.confidence is None for r in records)


# --------------------------------------------------------------------------- real PDFs


def test_empty_reason_in_a_real_pdf(real_pdfs, clf):
    # welfare home p.16: （二）公务用车购置及运行费6.40万元，与2023年预算持平，主要原因是。
    records = records_of(str(real_pdfs / "putuo_welfare_home_2024_unit_budget.pdf"), clf)
    empty = [r for r in records if r.empty]
    assert [(r.page, r.item, r.direction) for r in empty] == [(16, "公务用车购置及运行费", "flat")]
    assert empty[0].category == "other" and empty[0].department == "上海市普陀区社会福利院"


def test_reason_running_over_a_semicolon_is_split(real_pdfs, clf):
    # commerce p.22: 其中：公务用车购置费0万元，与2024年预算持平，主要原因是无公务用车车辆；
    #                公务用车运行费0万元，与2024年预算持平，主要原因是无公务用车车辆。
    records = records_of(str(real_pdfs / "putuo_commerce_2025_dept_budget.pdf"), clf)
    cars = [r for r in records if r.text == "无公务用车车辆"]
    assert len(cars) == 3
    assert [r.item for r in cars[:2]] == ["公务用车购置及运行费", "公务用车购置费"]
    assert "运行" in cars[2].item and all(r.direction == "flat" and r.category == "no_activity" for r in cars)
    assert not any("；" in r.text for r in records)


def test_budget_report_compares_with_last_year(real_pdfs, clf):
    # welfare home p.6: 2023年当年预算执行数为54.60万元，2024年预算安排53.84万元，比2023年预算执行数减少1.39%。
    #                   主要原因是：有退休人员去世。
    records = records_of(str(real_pdfs / "putuo_welfare_home_2024_unit_budget.pdf"), clf)
    r = next(r for r in records if r.text == "有退休人员去世")
    assert (r.page, r.basis, r.direction, r.percent) == (6, "yoy", "decrease", Decimal("1.39"))
    assert (r.item, r.item_code, r.category, r.report_kind) == ("事业单位离退休", "2080502", "personnel", "budget")


def test_item_from_the_function_heading(real_pdfs, clf):
    # planning p.22: the item is only in the paragraph's heading …机关事业单位职业年金缴费支出（项）。
    records = records_of(str(real_pdfs / "putuo_planning_resources_2024_final.pdf"), clf)
    r = next(r for r in records if r.text == "年中社会保险缴费基数变更")
    assert (r.page, r.item, r.completion, r.direction) == (22, "机关事业单位职业年金缴费支出", Decimal("99.50"), "under")
    assert r.category == "pay_and_contribution" and r.department == "上海市普陀区规划和自然资源局"


# --------------------------------------------------------------------------- department, grouping, stats


@pytest.mark.parametrize(
    "lines, department",
    [
        (["上海市XX局2024年度部门决算目录"], "上海市XX局"),
        (["中共辽宁省委组织部2024 年度部门决算目 录"], "中共辽宁省委组织部"),
        (["上海市普陀区2025年区级部门预算预算主管部门：上海市普陀区商务委员会目录"], "上海市普陀区商务委员会"),
        (["上海市2025年市级单位预算预算单位：上海市财政局目录"], "上海市财政局"),
        (["page numberpage number中共大厂回族自治县委组织部2024年单位预算信息公开情况说明"], "中共大厂回族自治县委组织部"),
        (["上海市普陀区规划和自然资源局", "第一部分上海市普陀区规划和自然资源局概况"], "上海市普陀区规划和自然资源局"),
        (["上海市普陀区2025年区级部门预算"], None),  # a region is not a department
        (["贯彻新时代党的建设总要求和新时代党的组织路线。"], None),
    ],
)
def test_department_from_first_lines(lines, department):
    assert department_from_lines(lines) == department


def test_regroup_across_reports(clf):
    a = records_of(corpus("liaoning_org_2024_final"), clf)
    b = records_of(str(FIXTURES / "wrapped_reasons.txt"), clf)
    both = regroup(a + b)
    assert [r.text for r in both] == [r.text for r in a + b]  # nothing dropped, order kept
    same = {r.group for r in both if r.text.startswith("省级人才专项经费")}
    assert len(same) == 1  # l.96, l.110, l.120 of liaoning and the fixture's wrapped copy


def test_reason_stats(liaoning):
    stats = reason_stats(liaoning)
    assert stats.total == len(liaoning) and stats.by_report == {corpus("liaoning_org_2024_final"): len(liaoning)}
    assert stats.counts[("austerity", "budget", "under")] == 3  # l.164, l.168, l.170
    assert stats.counts[("project_funding", "yoy", "decrease")] == 3  # l.96, l.110, l.120
    top = stats.frequent["project_funding"][0]
    assert top.count == 3 and top.text.startswith("省级人才专项经费") and top.reports == 1
    assert next(iter(stats.by_category)) == "personnel"  # canonical category order
    rows = stats.rows()
    assert {"table": "counts", "category": "austerity", "basis": "budget", "direction": "under", "count": 3} in rows


def test_as_dict_is_json_ready(liaoning):
    d = at(liaoning, 96).as_dict()
    assert d["amount"] == "16687.89" and d["percent"] == "60.05" and "page" not in d and d["line"] == 96


def test_api_raises_on_a_bad_file_without_on_error(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    with pytest.raises(InputError):
        api.reasons([str(bad)])
    errors: list[InputError] = []
    records = api.reasons([str(bad), str(FIXTURES / "wrapped_reasons.txt")], on_error=errors.append)
    assert [e.path for e in errors] == [str(bad)] and len(records) == 3


THREE_PUBLIC_PARTS = ("某局2025年度部门决算\n七、财政拨款“三公”经费支出决算情况说明\n"
                      "2025 年度“三公”经费财政拨款支出决算数比 2024 年度减少 19.66 万元，下降 86.61%，其中：因公出国（境）费"
                      "支出决算与 2024 年持平；公务用车购置及运行维护费支出决算减少 20.06 万元，下降 88.37%；公务接待费支出决算"
                      "增加 0.40 万元，增长 100%。因公出国（境）费支出持平的主要原因是 2025 年未发生因公出国（境）。"
                      "公务用车购置及运行维护费支出减少的主要原因是 2025 年未新增公务用车。公务接待费支出增加的主要原因是 2025 年"
                      "有公务接待事务发生。\n")


def test_each_part_of_a_three_public_change_keeps_its_own_reason(tmp_path, clf):
    # 文旅 2025 (unseen): 其中：因公出国…持平；公务用车…减少 20.06；公务接待费…增加 0.40, then one reason per
    # part — each explains its part's change, not the 三公 total's 19.66
    path = tmp_path / "parts.txt"
    path.write_text(THREE_PUBLIC_PARTS, encoding="utf-8")
    got = [(r.item, r.direction, r.amount, r.percent) for r in records_of(str(path), clf)]
    assert got == [("因公出国（境）费", "flat", None, None),
                   ("公务用车购置及运行费", "decrease", Decimal("20.06"), Decimal("88.37")),
                   ("公务接待费", "increase", Decimal("0.40"), Decimal(100))]


def test_a_flat_part_after_a_changed_part_keeps_its_own_item(tmp_path, clf):
    # 城管 2026 (unseen): 其中：公务用车购置费75万元，比2025年预算增加27万元，主要原因是…；公务用车运行费38.76万元，
    # 与2025年预算持平，主要原因是严控公车运维科目开支 — the last reason is 运行费's, flat, with no amount
    path = tmp_path / "flat.txt"
    path.write_text("某局2026年部门预算\n一、“三公”经费预算情况说明\n（二）公务用车购置及运行费113.76万元，比2025年预算增加27万元。"
                    "其中：公务用车购置费75万元，比2025年预算增加27万元，主要原因是预计淘汰更新执法车辆5辆；"
                    "公务用车运行费38.76万元，与2025年预算持平，主要原因是严控公车运维科目开支。\n", encoding="utf-8")
    last = records_of(str(path), clf)[-1]
    assert (last.text, last.item, last.direction, last.amount) == ("严控公车运维科目开支", "公务用车运行维护费", "flat", None)


def test_a_changed_part_after_a_flat_part_keeps_its_own_item(tmp_path):
    # 上海 budgets (unseen): 其中：购置费…与2025年预算持平；运行费…比2025年预算增加…，主要原因是… — the reason explains
    # the change right before it (the flat comparison is read after the figures, not before them)
    path = tmp_path / "flat_first.txt"
    path.write_text("某中心2026年单位预算\n一、“三公”经费预算情况说明\n（二）公务用车购置及运行费32.00万元，比2025年预算"
                    "增加12.00万元。其中：公务用车购置费0.00万元，与2025年预算持平；公务用车运行费32.00万元，比2025年预算"
                    "增加12.00万元，主要原因是新增3辆执法车辆的运维费。\n", encoding="utf-8")
    last = records_of(str(path), None)[-1]
    assert (last.text, last.item, last.direction, last.amount) == (
        "新增3辆执法车辆的运维费", "公务用车运行维护费", "increase", Decimal("12.00"))


LIST_CUT_BY_STOPS = ("某局2026年部门预算\n三、“三公”经费预算情况\n"
                     "2026年通过一般公共预算财政拨款安排的“三公”经费预算共80.50万元，比上年减少12.30万元，下降13.25％。"
                     "主要原因是一是车辆统管，部分公车移交管理中心，运行维护费减少。二是落实过紧日子要求，压减接待费。"
                     "三是出访计划减少。其中：\n"
                     "委托业务费预算为300万元，比上年减少20万元，下降6.25%。主要原因，一是项目调减；二是合并培训。"
                     "（二）本部门无政府性基金预算。\n")


def test_a_list_of_reasons_cut_by_full_stops_gives_one_reason_per_item(tmp_path):
    # 烟台 budgets (unseen): 主要原因是一是X。二是Y。三是Z。 — each numbered sentence after the first is a reason of its
    # own, explaining the same change; a list inside one sentence (一是…；二是…) stays one reason, and a sentence
    # numbered in another way (（二）…) does not go on with it
    path = tmp_path / "list.txt"
    path.write_text(LIST_CUT_BY_STOPS, encoding="utf-8")
    got = [(r.text, r.item, r.direction, r.amount) for r in records_of(str(path), None)]
    assert got == [
        ("一是车辆统管，部分公车移交管理中心，运行维护费减少", "“三公”经费", "decrease", Decimal("12.30")),
        ("落实过紧日子要求，压减接待费", "“三公”经费", "decrease", Decimal("12.30")),
        ("出访计划减少", "“三公”经费", "decrease", Decimal("12.30")),
        ("一是项目调减；二是合并培训", "委托业务费", "decrease", Decimal(20)),
    ]


def test_a_list_of_reasons_goes_on_in_the_next_paragraph(tmp_path):
    path = tmp_path / "list_lines.txt"
    path.write_text("某局2026年部门预算\n一、收入预算情况\n2026年收入预算500万元，比上年增加50万元，增长11.11%。主要原因：1.新增人员2名。\n"
                    "2.新增信息化运维项目。\n3.办公用房修缮。\n二、支出预算情况\n2.本年无基建项目。\n", encoding="utf-8")
    got = [(r.line, r.text) for r in records_of(str(path), None)]
    assert got == [(3, "1.新增人员2名"), (4, "新增信息化运维项目"), (5, "办公用房修缮")]


@pytest.mark.parametrize(("text", "marker"), [
    ("二是压减支出", ("cn是", 2)), ("十二是其他", ("cn是", 12)), ("2.设备更新", ("digit.", 2)),
    ("3、设备更新", ("digit.", 3)), ("（4）合并培训", ("（digit）", 4)), ("(二)项目", ("（cn）", 2)),
    ("根据要求压减", None), ("2026年新增", None),
])
def test_list_markers(text, marker):
    assert list_marker(text) == marker
