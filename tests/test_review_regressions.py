"""Regressions found in review: each sentence once raised a false alarm or a false subject."""

from __future__ import annotations

from narrative_extract import api
from narrative_extract.model import Cell, Location, Row

from .conftest import check_text


def test_approximate_parts_are_not_added_up(tmp_path):
    found = check_text(tmp_path, "项目支出500万元，其中：设备购置200余万元，专项业务费290余万元。\n")
    [listed] = [f for f in found if f.kind == "enumeration"]
    assert listed.status == "unverifiable" and "approximate" in listed.message


def test_a_bare_income_word_is_not_the_units_total(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("2024年部门预算\n城市管理项目安排50万元，主要用于道路保洁，收入10万元。\n", encoding="utf-8")
    subjects = {c.raw: c.subject.name for c in api.extract(str(path))}
    assert subjects["10万元"] != "收入总计"


def test_a_head_count_change_is_no_money_change(tmp_path):
    found = check_text(tmp_path, "支出50万元，比上年减少5人，下降3%。\n")
    [pct] = [f for f in found if f.kind == "yoy_pct"]
    assert pct.status == "unverifiable"


def test_columns_differing_only_by_year_are_ambiguous():
    row = Row(None, "合计", [Cell("1", "2022年预算数/合计"), Cell("2", "2023年预算数/合计")], Location(line=1))
    assert row.cell("合计") is None
    one_year = Row(None, "", [Cell("22.91", "2023年“三公”经费预算数/合计"), Cell("786.09", "2023年机关运行经费预算数")],
                   Location(line=1))
    assert one_year.cell("“三公”经费预算数/合计").text == "22.91" and one_year.cell("机关运行经费预算数").text == "786.09"


def test_a_reason_list_announced_with_ruxia_is_no_empty_reason(tmp_path):
    found = check_text(tmp_path, "与上年相比，今年支出增加10万元，增长5%，主要原因如下：\n1、人员增加。\n")
    assert not [f for f in found if f.status == "warning"]


def test_weighted_average_score_is_not_a_plain_average(tmp_path):
    found = check_text(tmp_path, "共涉及预算支出项目2个，涉及资金30万元，自评加权平均分90分。\n"
                                 "(1)“甲项目”项目自评综述：项目自评得分80分。项目全年预算数为10万元。\n"
                                 "(2)“乙项目”项目自评综述：项目自评得分95分。项目全年预算数为20万元。\n")
    [score] = [f for f in found if f.kind == "score" and f.raw == "90分"]
    assert score.status == "unverifiable"


# --------------------------------------------------------------------------- unseen reports (session 3)
# Found by running check on seven Putuo reports the project had never read (2025 finals, 2026 budgets).

NAMING = ("某单位2025年度部门决算\n一、一般公共预算财政拨款支出决算情况说明\n"
          "“社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）”229.67万元。\n"
          "“社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位退休人员活动费支出（项）”1.27万元。\n"
          "收入决算表\n单位：万元\n科目编码\t科目名称\t本年收入合计\t财政拨款收入\n"
          "208\t社会保障和就业支出\t230.94\t230.94\n20805\t行政事业单位养老支出\t230.94\t230.94\n"
          "2080505\t机关事业单位基本养老保险\t229.67\t229.67\n2080599\t其他行政事业单位养老支出\t1.27\t1.27\n"
          "合计\t\t230.94\t230.94\n")


def test_a_row_name_cut_short_by_its_cell_is_the_same_item(tmp_path):
    # 生态环境局 2025 收入决算表 prints 机关事业单位基本养老保险 (its cell too narrow for …缴费支出)
    warnings = [f for f in check_text(tmp_path, NAMING) if f.status == "warning"]
    assert [(f.claim.loc.line, f.subject) for f in warnings] == [(4, "机关事业单位退休人员活动费支出")]
    assert "is not a row of any table" in warnings[0].message


def test_a_part_completion_rate_is_not_taken_against_the_wholes_budget(tmp_path):
    # 宜川 2025: 三公 年初预算为 31.47，支出决算为 19.86，完成预算的 63.11%，其中：…公务用车…支出决算为
    # 19.56 万元，完成预算的 63.76%: the vehicle budget (30.67) is not stated, so 63.76% has no stated pair
    found = check_text(tmp_path, "某单位2025年度部门决算\n“三公”经费财政拨款支出年初预算为31.47万元，支出决算为19.86万元，完成预算的63.11%，"
                                 "其中：公务用车购置及运行维护费支出决算为19.56万元，完成预算的63.76%。\n")
    rates = {f.raw: f.status for f in found if f.kind == "budget_completion"}
    assert rates == {"63.11%": "consistent", "63.76%": "unverifiable"}


def test_no_total_column_means_no_cell_not_the_first_one():
    from narrative_extract.link import pick_cell

    # 政府性基金 收支决算表 read without its 本年支出/合计 header: the first column is 年初结转和结余
    row = Row("2219899", "其他住房保障支出",
              [Cell("", "年初结转和结余"), Cell("105.00", "本年收入"), Cell("105.00", "本年支出")], Location(line=1))
    assert pick_cell(row, None, ("合计", "决算数")) is None
    alone = Row(None, "合计", [Cell("105.00", "金额合计")], Location(line=1))
    assert pick_cell(alone, None, ("合计",)).text == "105.00"


ITEM_OVER_TWO_LINES = ("某街道2025年度部门决算\n一、一般公共预算财政拨款支出决算情况说明\n"
                       "3．“教育支出（类）其他教育支出（款）其他教育支出\n"
                       "（项）”16.24 万元，主要用于：\n社区学校的运营。年初预算为 20 万元，支出决算为 16.24 万元，"
                       "完成年初预算的 81.20%。\n"
                       "1.“一般公共服务（类）统计信息事务（款）统计信息事务（项）”20.04 万元。年初预算为 77.59 万元，"
                       "支出决算为 20.04 万元。\n"
                       "一般公共预算财政拨款支出决算表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
                       "201\t一般公共服务支出\t23.42\t\t23.42\n20105\t统计信息事务\t23.42\t\t23.42\n"
                       "2010505\t专项统计业务\t20.03\t\t20.03\n2010506\t统计管理\t3.39\t\t3.39\n"
                       "205\t教育支出\t16.24\t\t16.24\n20599\t其他教育支出\t16.24\t\t16.24\n"
                       "2059999\t其他教育支出\t16.24\t\t16.24\n合计\t\t39.66\t\t39.66\n")


def test_an_item_path_wrapped_after_its_numbered_first_line_stays_one_paragraph(tmp_path):
    # 石泉 2025 p.32: the first line (25 characters, a quote left open) is no heading, and 主要用于： at a
    # line end does not cut the paragraph off from its 年初预算/支出决算 sentence
    found = check_text(tmp_path, ITEM_OVER_TWO_LINES)
    education = [(f.claim.loc.line, f.subject, f.status) for f in found if f.kind == "amount" and f.raw == "16.24 万元"]
    assert education == [(4, "其他教育支出", "consistent"), (5, "其他教育支出", "consistent")]


def test_a_xiang_named_like_its_kuan_is_not_the_kuans_row(tmp_path):
    # 石泉 2025: …统计信息事务（款）统计信息事务（项）20.04 while the tables print 20105 统计信息事务 23.42
    # with 2010505 专项统计业务 20.03 under it — no link to the 款 row, one naming warning per paragraph
    found = [f for f in check_text(tmp_path, ITEM_OVER_TWO_LINES) if f.raw == "20.04 万元"]
    assert [f.status for f in found] == ["warning", "unverifiable"]
    assert "2010505 专项统计业务" in found[0].message


ACROSS_LINES = ("某街道2025年度部门决算\n一、一般公共预算财政拨款支出决算情况说明\n"
                "一般公共预算财政拨款支出 20218.21 万元。与 2024 年度相比，一般公共预算财政拨款支出减少 929.49 万元，"
                "下降 4.40%。\n"
                "2、一般公共服务支出（类）群众团体事务（款）一般行政管理事务（项）37.51 万元。主要用于：妇女儿童工作的支出。\n"
                "年初预算为 49.55 万元，支出决算为 37.51 万元。\n"
                "决算数小于预算数的主要原因：减少支出，厉行节约。\n"
                "二、“三公”经费支出决算情况说明\n"
                "2025 年度“三公”经费财政拨款支出决算数比 2024 年度减少 19.66 万元，下降 86.61%，其中：因公出国（境）费"
                "支出决算与 2024 年持平；公务用车购置及运行维护费支出决算减少 20.06 万元。\n")


def test_a_report_written_with_spaces_around_its_years(tmp_path):
    # 宜川 2025: 与 2024 年度相比 — a year-over-year change although 与 and 2024 are apart
    found = {(f.kind, f.raw): f for f in check_text(tmp_path, ACROSS_LINES)}
    assert found[("yoy_pct", "4.40%")].status == "consistent"
    assert found[("yoy_pct", "4.40%")].subject == "一般公共预算财政拨款支出"


def test_figures_and_reason_on_lines_of_their_own_belong_to_the_item_above(tmp_path):
    # 宜川 2025 items 2–24: the 年初预算/支出决算 line and the 决算数小于预算数的主要原因 line follow the
    # item's own line, each ending its sentence
    path = tmp_path / "report.txt"
    path.write_text(ACROSS_LINES, encoding="utf-8")
    claims = api.extract(str(path))
    figures = [(c.loc.line, c.subject.name, c.figure) for c in claims if c.kind == "amount" and c.loc.line == 5]
    assert figures == [(5, "一般行政管理事务", "budget"), (5, "一般行政管理事务", "actual")]
    [reason] = [c for c in claims if c.kind == "reason" and c.loc.line == 6]
    assert reason.text == "减少支出，厉行节约" and reason.subject.name == "一般行政管理事务"


def test_a_flat_comparison_is_about_the_item_its_clause_names(tmp_path):
    # 文旅 2025: 三公 决算数比 2024 年度减少 19.66 万元…其中：因公出国（境）费支出决算与 2024 年持平 —
    # 持平 is said of 因公出国（境）费, not of the 三公 total that changed
    found = [f for f in check_text(tmp_path, ACROSS_LINES) if f.kind == "comparison"]
    flat = [f for f in found if f.raw.startswith("与")]
    assert [(f.subject, f.status) for f in flat] == [("因公出国（境）费", "unverifiable")]


def test_a_subject_never_holds_a_figure_listed_before_it(tmp_path):
    # welfare 2024 p.16: 政府采购货物预算0.00万元、政府采购工程预算0.00万元、政府采购服务预算120.60万元 — the
    # subject of 120.60 is 政府采购服务, not the list before it; liaoning l.168: 其中外事接待累计 0 批次、0 人、
    # 0.00 万元 — with nothing after the listed figures the list's head (外事接待) is the subject, never the
    # 公务接待费 named before it
    path = tmp_path / "report.txt"
    path.write_text("2024年度本单位政府采购预算120.60万元，其中：政府采购货物预算0.00万元、政府采购工程预算0.00万元、"
                    "政府采购服务预算120.60万元。\n2. 公务接待费 4.75 万元。2024 年国内公务接待累计 39 批次、208 人、"
                    "4.75 万元；其中外事接待累计 0 批次、0 人、0.00 万元。\n", encoding="utf-8")
    subjects = [(c.raw, c.subject.name) for c in api.extract(str(path)) if c.kind == "amount"]
    assert ("120.60万元", "政府采购服务支出") in subjects  # (政府采购服务预算: the lexicon's name of the item)
    assert ("0.00 万元", "外事接待") in subjects


def test_a_share_printed_without_its_percent_sign_is_a_warning(tmp_path):
    # 宜川 2025 p.28: 城乡社区支出（类）15411.43 万元，占 76.23； — every other share of the list has its %
    found = check_text(tmp_path, "一般公共预算财政拨款支出 20218.21 万元，主要用于以下方面：城乡社区支出（类）15411.43 万元，"
                                 "占 76.23；住房保障支出（类）1076.78 万元，占 5.33%。\n")
    shares = {f.raw: (f.status, f.expected) for f in found if f.kind == "share"}
    assert shares == {"76.23": ("warning", "76.23%"), "5.33%": ("consistent", "5.33%")}


# --------------------------------------------------------------------------- unseen reports (session 4)
# Found by running check on 石泉路街道's 2026 unit budget, a layout the project had not read: each item
# gives its prior-year budget, then the prior year's execution, with its path joined by dashes.

PRIOR_BUDGET_AND_EXECUTION = (
    "上海市普陀区2026年区级单位预算\n2026年单位预算编制说明\n"
    "“一般公共服务支出(类）-统计信息事务（款）-专项普查活动（项）”2026年度预算50万元，2025年度预算77.59万元，主要用于："
    "人口抽样调查工作。2025年当年预算执行数为20.04万元，2026年预算安排50万元，比2025年预算执行数增加149.50%。"
    "主要原因是：专项统计事项增加。\n")


def test_a_prior_budget_and_the_prior_execution_are_two_figures_not_one_restated(tmp_path):
    # 2025年度预算 77.59 … 2025年当年预算执行数为 20.04: 27 false "stated as … and again as …" alarms
    found = check_text(tmp_path, PRIOR_BUDGET_AND_EXECUTION)
    assert [f for f in found if f.kind == "restatement"] == []
    rate = next(f for f in found if f.kind == "yoy_pct")
    assert (rate.raw, rate.status) == ("149.50%", "consistent")  # (50 − 20.04) ÷ 20.04, the execution


def test_a_prior_year_budget_stated_twice_with_two_values_is_still_a_restatement(tmp_path):
    # 红十字事业: 2025年度预算8.30万元 … 2025年预算安排8.61万元 (the report's typo for 2026)
    text = PRIOR_BUDGET_AND_EXECUTION.replace("2026年预算安排50万元", "2025年预算安排50万元")
    found = [f for f in check_text(tmp_path, text) if f.kind == "restatement"]
    assert [(f.raw, f.status) for f in found] == [("50万元", "mismatch")]


def test_an_item_path_joined_by_dashes_names_the_item_without_the_dash(tmp_path):
    found = check_text(tmp_path, PRIOR_BUDGET_AND_EXECUTION)
    assert {f.subject for f in found if f.kind == "amount"} == {"专项普查活动"}
    reason = next(f for f in found if f.kind == "reason")
    assert reason.subject == "专项普查活动"


def test_a_reason_ends_before_the_next_items_statement_after_a_semicolon(tmp_path):
    # 石泉路 2026 三公: …主要原因是2026年度无公车购置预算；公务用车运行费7万元，与2025年预算持平。
    found = check_text(tmp_path, "上海市普陀区2026年区级单位预算\n一、2026年“三公”经费预算情况说明\n"
                                 "其中：公务用车购置费0万元，比2025年预算减少25万元，主要原因是2026年度无公车购置预算；"
                                 "公务用车运行费7万元，与2025年预算持平。\n")
    assert [f.raw for f in found if f.kind == "reason"] == ["2026年度无公车购置预算"]


def test_an_enumerated_cause_after_a_semicolon_stays_in_the_reason(tmp_path):
    found = check_text(tmp_path, "某单位2024年度部门决算\n“三公”经费支出0.5万元，比上年减少1万元，主要原因是：一是公务接待减少；"
                                 "二是公务用车运行费比上年减少0.2万元。\n")
    assert [f.raw for f in found if f.kind == "reason"] == ["一是公务接待减少；二是公务用车运行费比上年减少0.2万元"]


def test_a_change_against_a_year_written_without_nian_is_a_year_over_year_change(tmp_path):
    # 石泉路 2026: 2025年当年预算执行数为854.35万元，2026年预算安排794.84万元，比2025预算执行数减少6.97%
    found = check_text(tmp_path, "上海市普陀区2026年区级单位预算\n2026年单位预算编制说明\n"
                                 "“城乡社区支出(类）-城乡社区环境卫生（款）-城乡社区环境卫生（项）”2026年度预算794.84万元。"
                                 "2025年当年预算执行数为854.35万元，2026年预算安排794.84万元，比2025预算执行数减少6.97%。\n")
    rate = next(f for f in found if f.raw == "6.97%")
    assert (rate.kind, rate.status) == ("yoy_pct", "consistent")


# --------------------------------------------------------------------------- session 5 review of the list rules
# Each shape below raised a false alarm in a draft of the other-province fixes (or before them).

def list_verdicts(found) -> list[tuple[str, str]]:
    return [(str(f.amount), f.status) for f in found if f.kind == "enumeration"]


def test_a_budget_total_with_unlabelled_parts_adds_up_the_budgets(tmp_path):
    found = check_text(tmp_path, "某单位2024年度部门决算\n2024年度“三公”经费财政拨款支出决算为8.00万元，完成预算的80.00%。“三公”经费"
                                 "年初预算为10.00万元，其中：因公出国（境）费0.00万元，公务接待费4.00万元，公务用车购置及运行维护费6.00万元。\n")
    assert list_verdicts(found) == [("10.00万元", "consistent")]


def test_a_prior_year_total_a_lead_follows_is_the_lists_total(tmp_path):
    found = check_text(tmp_path, "某单位2024年度部门决算\n2024年度支出合计1000.00万元，比上年增加100.00万元，增长11.11%。"
                                 "2023年度支出合计900.00万元，其中：基本支出500.00万元，项目支出400.00万元。\n")
    assert list_verdicts(found) == [("900.00万元", "consistent")]


def test_a_change_of_a_stated_budget_is_the_budgets(tmp_path):
    found = check_text(tmp_path, "某单位2024年度部门决算\n2024年度“三公”经费财政拨款支出决算为12.00万元。“三公”经费年初预算为10.00万元，"
                                 "比上年增加1.00万元，增长11.11%。\n")
    assert [(f.raw, f.status) for f in found if f.kind == "yoy_pct"] == [("11.11%", "consistent")]


def test_in_a_final_account_two_lists_of_a_total_budget_add_up_to_it(tmp_path):
    found = check_text(tmp_path, "某单位2024年度部门决算\n2024年度收支总预算1000.00万元。收入包括：财政拨款收入800.00万元、其他收入200.00万元；"
                                 "支出包括：基本支出600.00万元、项目支出400.00万元。\n")
    assert list_verdicts(found) == [("1000.00万元", "consistent"), ("1000.00万元", "consistent")]


def test_a_list_nested_right_after_a_part_ends_where_it_adds_up(tmp_path):
    found = check_text(tmp_path, "某单位2024年度部门决算\n2024年度“三公”经费财政拨款支出决算为50.00万元，其中：因公出国（境）费0.00万元，"
                                 "公务用车购置及运行维护费30.00万元，其中：公务用车购置费10.00万元，公务用车运行维护费20.00万元；"
                                 "公务接待费20.00万元。\n")
    assert list_verdicts(found) == [("50.00万元", "consistent"), ("30.00万元", "consistent")]


def test_a_list_nested_in_a_first_part_gives_the_parts_after_it_back(tmp_path):
    found = check_text(tmp_path, "某单位2024年度部门决算\n2024年度一般公共预算财政拨款支出1000.00万元，其中：基本支出600.00万元，占60.00%，"
                                 "其中：人员经费500.00万元，公用经费100.00万元；项目支出400.00万元，占40.00%。\n")
    assert list_verdicts(found) == [("1000.00万元", "consistent"), ("600.00万元", "consistent")]
    assert [(f.raw, f.status) for f in found if f.kind == "share"] == [("60.00%", "consistent"), ("40.00%", "consistent")]


def test_siblings_each_with_its_own_list(tmp_path):
    found = check_text(tmp_path, "某单位2024年度部门决算\n2024年度支出合计1000.00万元，其中：基本支出600.00万元，其中：人员经费500.00万元，"
                                 "公用经费100.00万元；项目支出400.00万元，其中：专项业务费300.00万元，信息化建设费100.00万元。\n")
    assert ("1000.00万元", "consistent") in list_verdicts(found)
    assert all(status != "mismatch" for _, status in list_verdicts(found))


def test_a_wrong_part_inside_a_nested_list_is_still_caught(tmp_path):
    found = check_text(tmp_path, "某单位2024年度部门决算\n2024年度一般公共预算财政拨款支出1000.00万元，其中：基本支出600.00万元，占60.00%，"
                                 "其中：人员经费520.00万元，公用经费100.00万元；项目支出400.00万元，占40.00%。\n")
    assert ("600.00万元", "mismatch") in list_verdicts(found)


def test_a_list_in_brackets_ends_at_the_closing_bracket(tmp_path):
    found = check_text(tmp_path, "某单位2024年度部门决算\n共涉及预算支出项目 12 个（其中：一般公共预算项目 12 个，政府性基金预算项目 0 个），"
                                 "涉及资金 1,000.00 万元（其中：一般公共预算资金 800.00 万元，政府性基金预算资金 200.00 万元）。\n")
    assert list_verdicts(found) == [("1000.00万元", "consistent")]


def test_a_part_described_by_zhuyao_baokuo_stays_a_part_of_its_list(tmp_path):
    found = check_text(tmp_path, "某单位2024年度部门决算\n2024年度一般公共预算财政拨款基本支出105.58万元。其中：人员经费95.36万元，主要包括：基本工资、"
                                 "津贴补贴；公用经费10.23万元，主要包括：办公费、邮电费。\n")
    assert list_verdicts(found) == [("105.58万元", "consistent")]


def test_a_bracketed_list_holding_brackets_of_its_own_ends_at_its_own_closing_bracket(tmp_path):
    found = check_text(tmp_path, "某单位2024年度部门决算\n“三公”经费支出10.00万元（其中：因公出国（境）费2.00万元，公务接待费3.00万元，"
                                 "公务用车购置及运行维护费5.00万元），比上年减少1.00万元。\n")
    assert list_verdicts(found) == [("10.00万元", "consistent")]
