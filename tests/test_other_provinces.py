"""Regressions from reports of other provinces (广东, 四川, 广西 梧州, 甘肃 …), read for the first time in
session 5: fragments of public reports with other wordings and layouts than Shanghai's. Each test is
named after what once went wrong; the sentences are quoted from the reports."""

from __future__ import annotations

from narrative_extract import api

from .conftest import check_text

GUANGDONG = (
    "广东省财政厅2023年度部门决算\n"
    "广东省财政厅2023年度“三公”经费财政拨款支出决算为62.07万元,完成全年预算84.82万元的73.2%,比上年决算数增加38.97万元,"
    "增长168.7%。其中:因公出国(境)费支出决算为12.02万元,完成预算12.02万元的100%,比上年决算数增加12.02万元;"
    "公务用车购置及运行维护费支出决算为27.46万元,完成预算29.6万元的92.8%,比上年决算数增加6.32万元,增长29.9%;"
    "其中:公务用车购置支出决算为0万元,完成预算0万元的--%(基数为0,不可比);公务用车运行维护费支出决算为27.46万元,"
    "完成预算29.6万元的92.8%,比上年决算数增加6.32万元,增长29.9%;公务接待费支出决算为22.59万元,完成预算43.2万元的52.3%,"
    "比上年决算数增加20.63万元,增长1,055.4%。\n")


def statuses(found, kind: str) -> list[tuple[str, str]]:
    """(stated figure, verdict) of each finding of a kind; a list's stated figure is its total."""
    return [(str(f.amount) if kind == "enumeration" else f.raw, f.status) for f in found if f.kind == kind]


def test_a_list_opened_after_a_change_rate_does_not_crash_and_adds_up_to_the_years_figure(tmp_path):
    # 梧州: …下降 15.87 %。其中: at a paragraph's end made the rate the list's total (a crash: 元 to %)
    found = check_text(tmp_path, "某单位2023年单位预算\n基本支出预算 881300.39 元,同比减少 166271.4 元,下降 15.87 %。其中:\n"
                                 "工资福利支出预算 716052.51 元,下降 17.22%。\n商品和服务支出预算 165247.88 元。\n")
    assert statuses(found, "enumeration") == [("881300.39元", "consistent")]


def test_a_budget_stated_inside_a_completion_rate_is_the_budget_not_the_years_figure(tmp_path):
    # 完成全年预算84.82万元的73.2%: 84.82 was taken for the current figure of 比上年增加38.97万元
    found = check_text(tmp_path, GUANGDONG)
    assert statuses(found, "budget_completion") == [
        ("73.2%", "consistent"), ("100%", "consistent"), ("92.8%", "consistent"), ("92.8%", "consistent"),
        ("52.3%", "consistent")]
    assert statuses(found, "yoy_pct") == [("168.7%", "consistent"), ("29.9%", "consistent"), ("29.9%", "consistent"),
                                         ("1,055.4%", "consistent")]


def test_a_list_of_actuals_and_budgets_adds_up_the_actuals_and_a_nested_list_ends_where_it_adds_up(tmp_path):
    found = check_text(tmp_path, GUANGDONG)
    lists = {f.subject: (f.status, f.expected) for f in found if f.kind == "enumeration"}
    # 12.02 + 27.46 + 22.59 (公务接待费 comes after the nested 其中) and 0 + 27.46
    assert lists == {"“三公”经费": ("consistent", "62.07万元"), "公务用车购置及运行费": ("consistent", "27.46万元")}


def test_a_nested_list_that_does_not_add_up_is_the_alarm_and_the_outer_list_is_left_open(tmp_path):
    found = check_text(tmp_path, GUANGDONG.replace("公务用车运行维护费支出决算为27.46万元", "公务用车运行维护费支出决算为25.46万元"))
    lists = {f.subject: f.status for f in found if f.kind == "enumeration"}
    assert lists == {"“三公”经费": "unverifiable", "公务用车购置及运行费": "mismatch"}


def test_two_breakdowns_of_one_total_are_two_lists(tmp_path):
    # 其中:按功能分类科目,…;按经济分类科目,…: both add up to 4603.07 (the second to 4603.06, rounding)
    found = check_text(tmp_path, "某单位2017年度部门决算\n2017年度一般公共预算财政拨款支出4603.07万元。其中:按功能分类科目,"
                                 "一般公共服务支出2万元,教育支出2.06万元,科学技术支出2.31万元,文化旅游体育与传媒支出4134.05万元,"
                                 "社会保障和就业支出449.44万元,卫生健康支出13.21万元按经济分类科目,工资福利支出3720.57万元,"
                                 "商品和服务支出307.92万元,对个人和家庭的补助支出558.14万元,其他资本性支出16.43万元。\n")
    assert [(f.expected, f.status) for f in found if f.kind == "enumeration"] == [
        ("4,603.07万元", "consistent"), ("4,603.06万元", "consistent")]


MIANZHU = ("绵竹市2025年“三公”经费预算\n2025年全市“三公”经费预算总额为1969万元,较2024年的2190万元减少221万元,下降10.1%;"
           "其中:因公出国(境)经费40万元,较上年持平;公务接待费242万元,较上年减少12万元,下降4.7%;"
           "公务用车购置及运行维护费1687万元,较上年减少209万元,下降11%。\n")


def test_the_prior_years_total_stated_after_this_years_is_not_the_lists_total(tmp_path):
    found = check_text(tmp_path, MIANZHU)
    assert statuses(found, "enumeration") == [("1969万元", "consistent")]
    # 较2024年的2190万元 is the prior figure: 221 = 2190 − 1969; the parts' own changes are not checked against it
    assert statuses(found, "yoy_amount") == [("221万元", "consistent"), ("12万元", "unverifiable"), ("209万元", "unverifiable")]


def test_a_wrong_part_of_a_list_after_a_prior_total_is_still_caught(tmp_path):
    found = check_text(tmp_path, MIANZHU.replace("公务接待费242万元", "公务接待费252万元"))
    assert statuses(found, "enumeration") == [("1969万元", "mismatch")]


def test_a_figure_listed_in_the_first_list_is_not_the_second_lists_total(tmp_path):
    # 收入包括:…、上年结转结余 23,067.24 元;支出包括:… — both lists add up to the 收支总预算 before them
    found = check_text(tmp_path, "某学校2023年单位预算\n2023 年财政拨款收支总预算 7,057,486.18 元。收入包括:一般公共预算拨款 "
                                 "7,034,418.94 元、上年结转结余 23,067.24 元;支出包括:教育支出 5,806,105.16 元、社会保障和就业支出 "
                                 "557,718.56 元、卫生健康支出 275,373.54 元、住房保障支出 418,288.92 元。\n")
    assert statuses(found, "enumeration") == [("7057486.18元", "consistent"), ("7057486.18元", "consistent")]


MINZHENG = ("梧州市民政局2025年部门预算\n事业运行经费总预算安排 37337407.64 元,其中:基本支出预算 488180.64 元,"
            "项目支出预算 36849227 元,同比增加 27125219.46 元,增长 265.6%。\n")


def test_a_change_after_a_lists_last_part_may_be_the_wholes(tmp_path):
    # 265.6% is the whole's growth (27125219.46 ÷ 10212188.18); read as 项目支出's it would be 278.95%
    found = check_text(tmp_path, MINZHENG)
    assert statuses(found, "yoy_pct") == [("265.6%", "consistent")]
    assert statuses(found, "enumeration") == [("37337407.64元", "consistent")]


def test_a_change_that_fits_neither_the_part_nor_the_whole_is_a_mismatch(tmp_path):
    found = check_text(tmp_path, MINZHENG.replace("265.6%", "256.6%"))
    assert statuses(found, "yoy_pct") == [("256.6%", "mismatch")]


def test_characters_spaced_out_by_a_pdf_export_are_read_as_words(tmp_path):
    # 同 比 增 加 was not a change word, so the change was added up as a third part of the list
    spaced = ("梧州市民政局2025年部门预算\n经 费 总预 算 安 排 37337407.64 元 , 其中 : 基 本 支出 预 算\n"
              "488180.64 元 , 项 目 支 出 预 算 36849227 元 , 同 比 增 加\n27125219.46 元,增长 265.6%。\n")
    found = check_text(tmp_path, spaced)
    assert statuses(found, "enumeration") == [("37337407.64元", "consistent")]
    assert statuses(found, "yoy_pct") == [("265.6%", "consistent")]


def test_a_reason_after_a_comparison_with_last_years_figure_is_year_over_year(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("广东省财政厅2023年度部门决算\n2023年度“三公”经费支出决算大于上年决算数的主要情况:2022年受疫情等因素影响,"
                    "人员流动减少,“三公”经费支出大幅下降。\n2023年度“三公”经费支出决算小于预算数的主要情况:从严控制“三公”经费开支。\n",
                    encoding="utf-8")
    reasons = [(r.basis, r.text[:6]) for r in api.reasons([str(path)])]
    assert reasons == [("yoy", "2022年受"), ("budget", "从严控制“三")]


def test_real_errors_of_other_provinces_are_caught(tmp_path):
    # 梧州: the growth was divided by this year's figure (16803.36 ÷ 116433.12 = 14.43%), not last year's
    found = check_text(tmp_path, "某单位2025年部门预算\n社会保障和就业支出类科目 116433.12 元,占支出总预算 10.73 %,"
                                 "同比增加 16803.36 元,增长 14.43%。\n")
    assert statuses(found, "yoy_pct") == [("14.43%", "mismatch")]
    # 梧州: 基本支出 911000.39 is 基本 + 项目; its parts 人员经费 + 公用经费 add up to 881300.39
    found = check_text(tmp_path, "某单位2023年单位预算\n六、一般公共预算基本支出情况说明\n2023 年本年一般公共预算基本支出 "
                                 "911000.39 元,其中:\n人员经费 809961.19 元,主要包括:基本工资、津贴补\n贴、绩效工资。\n"
                                 "公用经费 71339.2 元,主要包括:办公费、工会经费、\n其他商品服务和支出。\n七、一般公共预算“三公”经费情况说明\n")
    assert [(f.expected, f.status) for f in found if f.kind == "enumeration"] == [("881,300.39元", "mismatch")]


def test_a_list_after_qizhong_with_a_comma_and_changes_of_the_same_scope(tmp_path):
    # 其中,因公出国(境)费50万元,…; 同口径比2018年减少: 同口径 names no item
    found = check_text(tmp_path, "某市2019年“三公”经费预算\n2019年,市本级一般公共预算支出安排的“三公”经费预算为3328万元。其中,"
                                 "因公出国(境)费50万元,公务接待费478万元,公务用车购置及运行费2800万元。"
                                 "公务接待费同口径比2018年减少38万元,同口径比2018年下降7.4 %。\n")
    assert statuses(found, "enumeration") == [("3328万元", "consistent")]
    assert statuses(found, "yoy_pct") == [("7.4 %", "consistent")]
    assert {f.subject for f in found if f.kind in ("yoy_amount", "yoy_pct")} == {"公务接待费"}


def test_fenxiang_qingkuang_opens_a_list(tmp_path):
    found = check_text(tmp_path, "龙泉市2018年“三公”经费决算\n“三公”经费决算总额2771万元,比上年下降1.8%。分项情况是:因公出国(境)经费"
                                 "决算120万元,比上年增长79.1%;公务接待费决算1033万元;公务用车购置及运行费决算1618万元。\n")
    assert statuses(found, "enumeration") == [("2771万元", "consistent")]


def test_zeng_jian_bian_hua_names_no_direction_and_a_zero_change_is_flat(tmp_path):
    # 增减变化的主要原因是: the 减 of 增减 made every such reason a decrease
    path = tmp_path / "report.txt"
    path.write_text("某单位2017年度部门决算\n2017年度一般公共预算财政拨款支出4603.07万元。与上年相比,增加1612.54万元,增长53.92%。"
                    "增减变化的主要原因是:人员增加。\n2017年度政府性基金预算支出0万元。与上年相比,增加0万元,增长0%。"
                    "增减变化的主要原因是:无政府性基金预算。\n", encoding="utf-8")
    assert [(r.item, r.direction) for r in api.reasons([str(path)])] == [
        ("一般公共预算财政拨款支出", "increase"), ("政府性基金预算支出", "flat")]


def test_a_figure_of_a_paragraph_about_the_year_before_is_not_the_current_figure_of_a_change(tmp_path):
    # 鄂尔多斯: the 2021 决算 paragraph's 公务接待12.39 was taken as the current figure of 较上年同期减少0.58万元
    found = check_text(tmp_path, "一、2022年“三公”经费预算安排情况\n2022年度“三公”经费预算总计21.8万元,其中:因公出国(境)经费0万元,"
                                 "公务接待11.8万元,公务用车运行费用10万元。\n二、2021年“三公”经费决算情况\n2021年度“三公”经费合计支出"
                                 "20.12万元,其中:因公出国(境)经费0万元,公务接待12.39万元,公务用车运行费用7.73万元。\n"
                                 "2022年度“三公”经费预算较2021年度增加1.68万元,其中公务接待较上年同期减少0.58万元,减少4.68%。"
                                 "公务用车运行费用较上年同期增加2.27万元,增长29.37%。\n")
    assert statuses(found, "yoy_pct") == [("4.68%", "consistent"), ("29.37%", "consistent")]
    assert {f.subject for f in found if f.kind == "yoy_pct"} == {"公务接待", "公务用车运行费用"}
