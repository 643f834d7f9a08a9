"""Regressions from 81 pages of other provinces read for the first time in session 6: mostly "三公"经费
说明 of counties, towns, courts and schools in 18 provinces (安徽, 云南, 重庆, 广东, 浙江, 甘肃 …),
2010–2025. On them `check` raised 35 mismatches, of which 8 were real. Each test is named after
what went wrong; the sentences are quoted from the pages (the pages themselves are not committed)."""

from __future__ import annotations

from .conftest import check_text


def verdicts(found, kind: str) -> list[tuple[str, str]]:
    """(stated figure, verdict) of each finding of a kind; a list's stated figure is its total."""
    return [(str(f.amount) if kind == "enumeration" else f.raw, f.status) for f in found if f.kind == kind]


def alarms(found) -> list[tuple[str, str]]:
    return [(f.kind, f.raw) for f in found if f.status in ("mismatch", "warning")]


HLX = ("某县2020年“三公”经费决算\n2020年“三公”经费支出431万元,比上年累计支出433万元减少2万元,下降0.46%。"
       "其中,因公出国(境)费用没有,原因是减少压缩开支;公务用车及运行维护费支出251万元,比上年累计支出285万元下降34万元,"
       "下降12%,下降原因是严格执行八项规定,压缩用车;公务用车购置支出56万元比上年增加56万元;公务接待支出124万元,"
       "比上年累计支出148万元下降24万元,下降16%,减少原因是减少压缩开支,减少公务接待。\n")


def test_a_list_whose_first_part_is_this_years_adds_up_to_this_years_figure_not_the_prior_years(tmp_path):
    # the first labelled part (比上年累计支出285万元) made the prior year's 433 the total: 864 ≠ 433
    assert verdicts(check_text(tmp_path, HLX), "enumeration") == [("431万元", "consistent")]


def test_figures_in_brackets_after_a_part_break_that_part_down(tmp_path):
    # 焦石镇: 0 + 21 + (0 + 21) + 20 = 62 against 41
    found = check_text(tmp_path, "焦石镇2020年度“三公”经费支出决算情况说明\n2020年度“三公”经费41万元,其中:因公出国(境)费0万元,"
                                 "公务用车购置及运行维护费21万元(公务用车购置费0万元、公务用车运行维护费21万元),公务接待费20万元。\n")
    assert verdicts(found, "enumeration") == [("41万元", "consistent"), ("21万元", "consistent")]
    # the breakdown is a list of its own: a wrong part inside the brackets is its alarm, not the outer list's
    found = check_text(tmp_path, "焦石镇2020年度“三公”经费支出决算情况说明\n2020年度“三公”经费41万元,其中:因公出国(境)费0万元,"
                                 "公务用车购置及运行维护费21万元(公务用车购置费0万元、公务用车运行维护费12万元),公务接待费20万元。\n")
    assert verdicts(found, "enumeration") == [("41万元", "consistent"), ("21万元", "mismatch")]


def test_a_bracketed_breakdown_after_the_parts_change_rate_belongs_to_that_part(tmp_path):
    # 牟定县: （其中：…） after 382.58万元，较2016年减少42.08万元，下降9.9% took the year's 583.83 for its total
    found = check_text(tmp_path, "牟定县2017年“三公”经费决算情况说明\n2017年全县一般公共预算财政拨款“三公”经费支出决算汇总数为583.83万元,"
                                 "较2016年减少26.89万元,下降4.4%。其中:因公出国(境)费为0万元,较2016年减少0万元;公务接待费为201.25万元,"
                                 "较2016年增加15.18万元,增长8.15%;公务用车购置及运行维护费为382.58万元,较2016年减少42.08万元,下降9.9%"
                                 "(其中:公务用车购置费18.85万元,较2016年减少48.7万元,下降72.09%;公务用车运行维护费363.73万元,"
                                 "较2016年增加6.62万元,增长1.85%)。\n")
    assert verdicts(found, "enumeration") == [("583.83万元", "consistent"), ("382.58万元", "consistent")]


DIQING = ("迪庆州2021年“三公”经费决算\n2021年,州本级一般公共预算财政拨款“三公”经费支出决算汇总数为1134万元,较上年1174万元减少40万元,"
          "下降3%,较预算数1237万元减少103万元,下降8%。其中:因公出国(境)费为0万元,较上年6万元减少6万元,下降100%,"
          "较预算数0万元无增减;公务接待费为122万元,较上年144万元减少22万元,下降15%,较预算数339万元减少217万元,下降64%,"
          "全年国内公务接待批次为1039次,共计接待9195人次。公务用车购置及运行维护费为1012万元,较上年1024万元减少12万元,下降1%,"
          "较预算数898万元增加114万元,增长13%。\n")


def test_a_change_against_the_budget_is_measured_from_the_budget_not_the_prior_year(tmp_path):
    # 较预算数1237万元减少103万元: 1237 was read as the year's figure (1237 − 1174, "an increase")
    found = check_text(tmp_path, DIQING)
    assert verdicts(found, "yoy_amount") == [("40万元", "consistent"), ("103万元", "consistent"), ("6万元", "consistent"),
                                            ("22万元", "consistent"), ("217万元", "consistent"), ("12万元", "consistent"),
                                            ("114万元", "consistent")]
    assert [s for _, s in verdicts(found, "yoy_pct")] == ["consistent"] * 7
    wrong = check_text(tmp_path, DIQING.replace("较预算数339万元减少217万元", "较预算数339万元减少227万元"))
    assert alarms(wrong) == [("yoy_amount", "227万元")]  # (64% against 65.04% is one unit off: rounding)


def test_a_list_cut_by_a_full_stop_reads_on_into_the_next_sentence(tmp_path):
    # 其中：出国 0；接待 122，…人次。公务用车… 1012: the third part after 。 (0 + 122 against 1134)
    assert verdicts(check_text(tmp_path, DIQING), "enumeration") == [("1134万元", "consistent")]
    wrong = check_text(tmp_path, DIQING.replace("公务用车购置及运行维护费为1012万元", "公务用车购置及运行维护费为1002万元"))
    assert verdicts(wrong, "enumeration") == [("1134万元", "mismatch")]


def test_a_list_over_paragraphs_takes_every_item_of_a_paragraph(tmp_path):
    # 红河县: only the first figure of each paragraph was taken (0 + 111.43 against 1115.07)
    found = check_text(tmp_path, "红河县2021年“三公”经费决算\n2021年红河县本级一般公共预算财政拨款“三公”经费决算数为1,115.07万元,"
                                 "比2020年减少166.4万元,减少12.99%。其中:\n因公出国(境)费为0万元,比2020年减少0万元,未发生增减变动。\n"
                                 "公务接待费为111.43万元,比2020年减少130.42万元,下降53.92%;公务用车购置及运行维护费为1,003.64万元,"
                                 "比2020年减少35.99万元,减少3.46%。其中:公务用车运行维护费707.53万元,比2020年减少332.09万元。\n")
    assert ("1115.07万元", "consistent") in verdicts(found, "enumeration")
    assert alarms(found) == []


def test_a_change_against_the_budget_in_its_own_paragraph_is_no_part_of_the_list_before(tmp_path):
    # 海口中院: 支出决算数比预算数减少17.54万元 was read as a third part (0 + 57.36 + 17.54)
    found = check_text(tmp_path, "海口市中级人民法院2021年度“三公”经费\n(二)公务用车购置及运行费支出57.36万元。其中:\n"
                                 "公务用车购置支出0万元,全年购置公务用车0辆。\n公务用车(含执勤执法用车)运行支出57.36万元。\n"
                                 "公务用车购置及运行费支出决算数比预算数减少17.54万元,下降23.42%。主要原因是加强公务用车的管理。\n")
    assert verdicts(found, "enumeration") == [("57.36万元", "consistent")]
    assert verdicts(found, "yoy_pct") == [("23.42%", "consistent")]


def test_traditional_characters_and_a_converters_readings_are_read_as_simplified(tmp_path):
    # 达州: 公務(wù)用車 — the readings opened brackets read as lists, and 減少 42 became a list's total
    found = check_text(tmp_path, "達州市2021年“三公”經費預算\n經(jīng)達州市財政局匯總,2021年市本級部門(單位)使用財政撥款安排"
                                 "“三公”經(jīng)費預算總額為3136萬元,較2020年的3178萬元減少42萬元,下降1.32%。其中:因公出國(境)"
                                 "經(jīng)費90萬元,與上年持平;公務(wù)接待費980萬元,減少30萬元,下降2.97%;公務(wù)用車購置及運行維護費"
                                 "2066萬元(其中:公務(wù)用車運行維護費1920萬元,公務(wù)車購置經(jīng)費146萬元),減少12萬元,下降0.58%。\n")
    assert verdicts(found, "enumeration") == [("3136万元", "consistent"), ("2066万元", "consistent")]
    assert verdicts(found, "yoy_amount")[0] == ("42万元", "consistent")


def test_averages_and_differences_are_no_parts_of_a_list(tmp_path):
    # 差值为0.95万元 and 车均运行维护费1.75万元 were added up with the figures they are worked out from
    found = check_text(tmp_path, "某部门2018年“三公”经费\n2018年度本部门一般公共预算财政拨款安排的“三公\"经费支出2.05万元,年初预算为2.95万元,"
                                 "差值为0.9万元。其中:因公出国(境)支出0万元,年初预算为0万元,差值为0万元;公务用车运行维护费支出0万元,"
                                 "年初预算为0.95万元,差值为0.95万元;公务接待费支出2.05万元,年初预算为2万元,差值为0.05万元。\n")
    assert verdicts(found, "enumeration") == [("2.05万元", "consistent")]
    found = check_text(tmp_path, "某局2011年“三公”经费\n公务用车运行维护费决算数为35.07万元,其中,公务用车车均运行维护费1.75万元,"
                                 "实有在编车辆20辆。\n")
    assert alarms(found) == []


def test_changes_listed_after_a_change_are_no_parts_and_a_real_gap_is_still_caught(tmp_path):
    # 甘南: 其中：公务接待费减少0.26万元，… took 因公出国（境）费 0万元 for the total of two changes;
    # the first list really does not add up (1.58 + 28.91 + 0 = 30.49 against 31.23)
    found = check_text(tmp_path, "甘南州交通部门2015年部门决算\n2015年部门决算公开“三公”经费合计31.23万元,其中:公务接待费1.58万元,"
                                 "车辆运行费28.91万元,因公出国(境)费0万元。较2014年度部门决算公开“三公”经费合计16.08万元增加15.15万元。"
                                 "其中:公务接待费减少0.26万元,公务用车运行维护费增加14.79万元。\n")
    assert verdicts(found, "enumeration") == [("31.23万元", "mismatch")]


def test_a_comparison_is_checked_against_the_completion_rate_of_its_own_item(tmp_path):
    # 寻甸县文旅局: “三公”经费 决算数小于年初预算数 was held against 公务接待费's 100%
    found = check_text(tmp_path, "寻甸县文化和旅游局2022年度“三公”经费决算情况说明\n2022年度一般公共预算财政拨款“三公”经费支出年初预算为"
                                 "27,080元,支出决算为26,085.58元,完成年初预算的96.33%。其中:公务用车运行维护费支出决算为23,005.58元,"
                                 "完成年初预算的95.86%;公务接待费支出决算为3,080元,完成年初预算的100%。2022年度一般公共预算财政拨款"
                                 "“三公”经费支出决算数小于年初预算数的主要原因是厉行节约。\n")
    assert verdicts(found, "comparison") == [("支出决算数小于年初预算数", "consistent")]


def test_a_change_word_with_its_template_alternative_is_a_change(tmp_path):
    # 普洱: 较2016年的3万元增加(减少)0万元 — the 0 became the total of the next list (3 > 0)
    found = check_text(tmp_path, "普洱市民族中学2017年财政拨款“三公”经费预算情况说明\n2017年普洱市民族中学拟安排公车购置及运行维护费3万元,"
                                 "较2016年的3万元增加(减少)0万元,主要是由于招生宣传工作导致增加(减少)。其中:购置经费0万元、运行维护费3万元。\n")
    assert alarms(found) == []
    assert verdicts(found, "enumeration") == [("3万元", "consistent")]


def test_real_errors_of_these_pages_are_still_caught(tmp_path):
    # 杜集区: 增加1.14万元，增长1.14% against a budget of 1.00 (114%); 塘子街道: parts 0 + 0 of 4.02
    found = check_text(tmp_path, "杜集区机关事务管理中心2021年“三公”经费\n2.公务接待费支出2.14万元, 与2021年度预算相比,增加1.14万元,"
                                 "增长1.14%,增长的原因是成立新的临时机构。\n")
    assert alarms(found) == [("yoy_pct", "1.14%")]
    found = check_text(tmp_path, "塘子街道办事处2023年度“三公”经费\n2.公务用车购置及运行维护费支出4.02万元。其中:\n"
                                 "公务用车购置支出0万元,购置车辆0辆。本单位2023年度无此项支出。\n公务用车运行维护支出0万元,公务用车保有量为7辆。\n")
    assert verdicts(found, "enumeration") == [("4.02万元", "mismatch")]


# ---- found by the review of these changes (each once a false alarm or a missed error of the new rules)

def test_a_list_reads_on_only_into_more_items_of_a_closed_breakdown(tmp_path):
    # 印刷费7万元已包含在办公费中 after an open list once filled its gap: 20 + 10 + 15 is still 45, not 52;
    # an open list (机关运行经费 has many items) that falls short proves nothing: no alarm, the gap shown
    found = check_text(tmp_path, "某单位2024年度部门决算\n机关运行经费支出52万元，其中：办公费20万元，水电费10万元，差旅费15万元。"
                                 "印刷费7万元已包含在办公费中。\n")
    [listed] = [f for f in found if f.kind == "enumeration"]
    assert listed.status == "unverifiable" and "parts add to 45.00万元" in listed.message
    found = check_text(tmp_path, "某单位2024年度部门决算\n2024年度一般公共预算财政拨款“三公”经费支出12.5万元，其中：因公出国（境）费0万元，"
                                 "公务用车购置及运行维护费8万元，公务接待费3万元。2024年度会议费支出1.5万元，培训费支出2万元。\n")
    assert verdicts(found, "enumeration") == [("12.5万元", "mismatch")]


def test_components_named_in_brackets_with_han_need_not_add_up(tmp_path):
    found = check_text(tmp_path, "某单位2024年度部门决算\n2024年度商品和服务支出50万元（含办公费10万元、印刷费5万元、差旅费8万元），"
                                 "比上年减少3万元。\n")
    assert verdicts(found, "enumeration") == [("50万元", "consistent")] and alarms(found) == []


def test_two_budgets_of_a_part_in_brackets_are_no_breakdown(tmp_path):
    found = check_text(tmp_path, "某单位2024年度部门决算\n2024年度“三公”经费年初预算50万元，支出决算45万元，其中：因公出国（境）费0万元；"
                                 "公务接待费15万元（年初预算12万元，调整后预算16万元）；公务用车购置及运行维护费30万元。\n")
    assert verdicts(found, "enumeration") == [("45万元", "consistent")]


def test_a_breakdown_after_a_semicolon_is_no_item_of_a_list_over_paragraphs(tmp_path):
    found = check_text(tmp_path, "某单位2024年度部门决算\n2024年“三公”经费支出50万元。其中：\n"
                                 "公务用车购置及运行维护费30万元；其中，公务用车购置费10万元，公务用车运行维护费20万元。\n"
                                 "公务接待费20万元，比上年减少2万元。\n")
    assert ("50万元", "consistent") in verdicts(found, "enumeration") and alarms(found) == []


def test_a_per_head_standard_in_brackets_leaves_the_amount_after_it_a_part(tmp_path):
    found = check_text(tmp_path, "某单位2024年度部门决算\n对个人和家庭的补助支出30万元，其中：离退休费20万元，遗属生活补助（每人每月500元）"
                                 "6万元，医疗费4万元。\n")
    assert verdicts(found, "enumeration") == [("30万元", "consistent")]


def test_a_rate_against_last_year_after_a_change_against_the_budget_is_measured_from_last_year(tmp_path):
    found = check_text(tmp_path, "某单位2021年度部门决算\n2021年，州本级一般公共预算财政拨款“三公”经费支出决算汇总数为1134万元，较预算数1237万元"
                                 "减少103万元，下降8.33%，较上年1174万元减少40万元，下降3.41%。\n")
    assert verdicts(found, "yoy_pct") == [("8.33%", "consistent"), ("3.41%", "consistent")]
    found = check_text(tmp_path, "某单位2024年度部门决算\n2024年“三公”经费支出决算30万元，比上年35万元减少5万元，较年初预算40万元减少10万元，"
                                 "较上年下降14.29%。\n")
    assert verdicts(found, "yoy_pct") == [("14.29%", "consistent")]
