"""Reasons announced in other provinces' ways (news pages and reports outside the corpus): a lead-in after
the change (是因为 / 这主要是 / 究其原因), the cause before the change (因… / 由于… / 受…影响 / 按照…要求), and
three partial defects (a list item of two sentences, 主要原因有三：, a composition after 主要是); with no lead-in:
一方面…另一方面… after a change, a cause sentence right after its change, the factors excluded from a
like-for-like comparison (剔除不可比因素). The sentences are written for these tests in the style of those pages."""

from __future__ import annotations

from pathlib import Path

from narrative_extract import api
from narrative_extract.claims.extract import document_to_claims
from narrative_extract.reasons.records import ReasonRecord, claims_to_reason_records


def records(tmp_path: Path, *paragraphs: str) -> list[ReasonRecord]:
    path = tmp_path / "report.txt"
    path.write_text("\n".join(("某市2024年度部门决算", "一、“三公”经费支出情况", *paragraphs)) + "\n", encoding="utf-8")
    doc = api.read_document(str(path))
    return claims_to_reason_records(doc, document_to_claims(doc), None)


def found(tmp_path: Path, *paragraphs: str) -> list[tuple[str | None, str | None, str]]:
    return [(r.item, r.direction, r.text) for r in records(tmp_path, *paragraphs)]


def test_reason_announced_after_the_change(tmp_path):
    assert found(
        tmp_path,
        "因公出国（境）费增长，是因为对外交流活动规模扩大，出访团组增加。",
        "公务接待费比上年大幅减少，这主要是各单位严格执行接待标准。",
        "会议费预算减少，这是因为，上年一次性安排的专题会议已经结束。",
        "公务用车运行维护费决算数为12万元，比上年减少3万元。究其原因，主要是车辆保有量减少。",
        "“三公”经费比上年减少20万元。究其原因，主要是公务用车运行维护费大幅下降，减少43.91%。",
        "公务用车运行维护费与上年持平，因车辆无变动。",
        "公务接待费比上年减少1万元，因此压减了接待批次。",  # 因此…: no reason
        "“三公”经费比上年减少11万元，下降16%。这是近年来降幅最大的一次。",  # 这是…: no reason
        "本年“三公”经费财政拨款支出决算为80万元。之所以高于预算数6万元，主要是因新设派出机构，经批准追加了预算。",
        "培训费比上年减少5万元，一是压减培训班次；二是推广线上培训。",
        "印刷费比上年增加4万元，主要用于资料印制，一是印制宣传册；二是印制档案。",  # a use, not a reason
    ) == [
        ("因公出国（境）费", "increase", "对外交流活动规模扩大，出访团组增加"),
        ("公务接待费", "decrease", "各单位严格执行接待标准"),
        ("会议费", "decrease", "上年一次性安排的专题会议已经结束"),
        ("公务用车运行维护费", "decrease", "车辆保有量减少"),
        ("“三公”经费", "decrease", "公务用车运行维护费大幅下降，减少43.91%"),
        ("公务用车运行维护费", "flat", "车辆无变动"),
        ("“三公”经费", "over", "新设派出机构，经批准追加了预算"),
        ("培训费", "decrease", "一是压减培训班次；二是推广线上培训"),
    ]


def test_reason_stated_before_its_change(tmp_path):
    rows = records(
        tmp_path,
        "因推行公务用车制度改革，公务用车购置费比上年减少12.5万元。",
        "其中，由于外事交流活动增加，因公出国（境）费比上年有所增加；公务接待费与上年持平。",
        "个人所得税受减税降费政策等影响下降8.4%。",
        "因物价上涨及接待任务增多等因素影响，公务接待费比上年增加2万元。",
        "部分单位因统计口径发生变化导致会议费预算增多。",
        "因人员增加导致人员经费比上年增加10万元。",
        "按照过紧日子有关要求，本年会议费预算6万元，比上年预算减少2万元，下降25%。",
    )
    assert [(r.item, r.direction, r.text) for r in rows] == [
        ("公务用车购置费", "decrease", "推行公务用车制度改革"),
        ("因公出国（境）费", "increase", "外事交流活动增加"),
        ("个人所得税", "decrease", "减税降费政策"),
        ("公务接待费", "increase", "物价上涨及接待任务增多"),
        ("会议费预算", "increase", "统计口径发生变化"),
        ("人员经费", "increase", "人员增加"),
        ("会议费", "decrease", "过紧日子有关要求"),
    ]
    assert [str(r.amount) for r in rows] == ["12.5", "None", "None", "2", "None", "10", "2"]


def test_a_cause_before_no_change_is_no_reason(tmp_path):
    assert found(
        tmp_path,
        "由于工作需要，本单位购置执法车辆1辆。",
        "受疫情影响，部分出访任务未能实施。",
        "因公出国（境）费决算数为0万元，本年度未安排出国。",
        "因车辆老化造成维修频繁。",
        "对因减免保育教育费导致幼儿园收入减少的部分，由财政部门予以补助。",
    ) == []


def test_partial_reason_defects(tmp_path):
    assert found(
        tmp_path,
        # a list whose first item runs over a 。 before its ；二是
        "因公出国（境）费支出26万元，比上年增加13万元，增长100%。其主要原因：一是严格依照规定安排。出访经费以外事部门的"
        "批件为依据；二是加强管理。",
        # the count of reasons in the lead-in
        "公务接待费决算数为8万元，比上年增加2万元。增加的主要原因有二：一是接待批次增加；二是接待标准调整。",
        # a year after 有 is the reason's own text, not a count
        "培训费决算数为3万元，比上年减少1万元。减少的主要原因有2024年培训班次减少。",
        # what a line consists of after 主要是, then why it changed
        "办公费决算数为20万元，比上年决算数增加15%。主要是水电费、邮电费、物业费等。增加较多主要是新办公楼投入使用。",
    ) == [
        ("因公出国（境）费", "increase", "一是严格依照规定安排。出访经费以外事部门的批件为依据；二是加强管理"),
        ("公务接待费", "increase", "一是接待批次增加；二是接待标准调整"),
        ("培训费", "decrease", "2024年培训班次减少"),
        ("办公费", "increase", "新办公楼投入使用"),
    ]


def test_reason_linked_to_its_change(tmp_path):
    """使得 / 引起了 / 导致 / 造成 link a cause to the change it led to, with no cause opener before it; 让 only
    after 因 / 由于; 是由于 after a change; 受…影响，…增速加快 (a change stated as growth speeding up)."""
    rows = records(
        tmp_path,
        "今年，市财政采取多项措施从严控制，使得“三公”经费下降12.5%，有力保障了民生支出。",
        "新增地方政府债券资金引起了县级政府预算收支的变化，因此需编制预算调整方案。",
        "本县2016年因要添置一批执法用车，让2016年三公经费预算同比上涨近两成。",
        "受政策翘尾等因素影响，前三个月全县财政收入增速加快，县级财政收入8.2亿元，同比增长9.8%。",
        "债务付息支出与上年相比增加56万元，是由于新增债券利息支出。",
        "年中追加执法装备项目，导致项目支出比上年增加10万元。",
        "由于2019年购车经费基数较小，使得2020年公务用车购置及运行维护费较上年略有增长。",
    )
    assert [(r.item, r.direction, r.text) for r in rows] == [
        ("“三公”经费", "decrease", "市财政采取多项措施从严控制"),
        ("县级政府预算收支", None, "新增地方政府债券资金"),
        ("三公经费预算", "increase", "要添置一批执法用车"),
        ("财政收入", "increase", "政策翘尾"),
        ("债务付息支出", "increase", "新增债券利息支出"),
        ("项目支出", "increase", "年中追加执法装备项目"),
        ("公务用车购置及运行维护费", "increase", "2019年购车经费基数较小"),
    ]
    assert [str(r.amount) for r in rows] == ["None", "None", "None", "None", "56", "10", "None"]


def test_a_linker_without_a_cause_or_change_is_no_reason(tmp_path):
    assert found(
        tmp_path,
        "加强预算管理，使得资金使用效益明显提高。",  # no change of a figure
        "为让群众满意，本单位优化服务流程，支出增加。",  # 让 with no cause opener
        "违规使用资金将造成国有资产流失。",
        "公务接待费减少5万元，也造成了“三公”经费的下降。",  # the cause is a figure's change: its own statement
        "上述因素导致一般公共预算收入下降。",  # a cause that only points back
        "预算调整引起的收支变化详见附表。",  # 引起的: no consequence stated
        "我们要让财政收入稳定增长。",
        "是由于什么原因，目前尚不清楚。",
        "请对此作出解释说明。",
        "收入减少的主要原因：一是房租收入减少，二是利息收入下降，导致其他收入减少。",  # a list's item, read as such
    ) == [("收入", "decrease", "一是房租收入减少，二是利息收入下降，导致其他收入减少")]


def test_reported_explanation_after_its_change(tmp_path):
    """解释称 / 对此的解释是 / 解释说 after a change (or after 对于X的大幅上涨, which names its change)."""
    assert found(
        tmp_path,
        "培训费预算30万元，比上年减少8万元，下降21%。报告中解释称，各单位严格执行培训费管理办法，压减培训规模。",
        "对于公务用车购置费用的大幅增加，报告中解释称，将集中更新一批执法执勤用车。",
        "住房保障支出增加120万元，增长30%。对此的解释是根据有关规定调整了住房补贴标准。",
        "财政收入比上年同期增加10亿元，增长5%。财政局解释说，这主要是受减税政策影响。",
    ) == [
        ("培训费", "decrease", "各单位严格执行培训费管理办法，压减培训规模"),
        ("公务用车购置费用", "increase", "将集中更新一批执法执勤用车"),
        ("住房保障支出", "increase", "根据有关规定调整了住房补贴标准"),
        ("财政收入", "increase", "受减税政策影响"),
    ]


def test_two_reasons_each_after_its_own_item(tmp_path):
    assert found(
        tmp_path,
        "公务用车购置及运行维护费520万元，比上年减少60万元。其中公务用车购置费20万元，比上年减少30万元；"
        "公务用车运行维护费500万元，比上年减少30万元。公务用车购置费减少的主要原因是严格控制车辆更新，"
        "公务用车运行维护费减少的主要原因是加强车辆日常管理，压减了维修支出。",
    ) == [
        ("公务用车购置费", "decrease", "严格控制车辆更新"),
        ("公务用车运行维护费", "decrease", "加强车辆日常管理，压减了维修支出"),
    ]


def test_items_not_taken_from_notes_or_change_words(tmp_path):
    """收、支总计 is the total of both (the lexicon reads it as 收入总计, its table row); a name inside a
    bracketed note (（排名第3）, （下同）, （包含…）) or a bare change word (减收) is no item."""
    assert found(
        tmp_path,
        "2024年度收、支总计500万元。与2023年相比，收、支总计各增加40万元，增长8.7%。主要原因是新增专项资金。",
        "收入总计900万元，支出总计900万元。收支较上年决算数减少60万元、下降6.3%，主要原因是压减一般性支出。",
        "公务接待支出56万元（在已公开的8个区中排第2）。公务接待支出较大的原因主要是招商引资活动增多。",
        "2021年政府性基金收入82.4亿元（包含上级拨付的土地出让分成收入3.1亿元），下降7.4%，收入下降主要是土地出让收入下降。",
        "一般公共预算收入17.3亿元，比上年实际（下同）增长7.0%，收入增长主要是税收收入增加。",
        "1)税收收入11244万元，比上年同期13319万元减收2075万元，下降15.58%，主要是增值税减收。",
    ) == [
        ("收支总计", "increase", "新增专项资金"),
        ("收支总计", "decrease", "压减一般性支出"),
        ("公务接待支出", None, "招商引资活动增多"),
        ("政府性基金收入", "decrease", "土地出让收入下降"),
        ("一般公共预算收入", "increase", "税收收入增加"),
        ("税收收入", "decrease", "增值税减收"),
    ]


def test_cause_between_yin_and_yuanyin_before_its_change(tmp_path):
    """债务还本支出因四舍五入原因增加1万元: the cause between 因 and 原因, the item without it."""
    assert found(
        tmp_path,
        "与上年执行数相比，有以下变化：本级支出增加150万元、债务还本支出因四舍五入原因增加1万元、上解支出增加62万元。",
        "因工作原因，本人未能参会。",  # no change after 原因
        "支出因故增加。",
    ) == [("债务还本支出", "increase", "四舍五入")]


def test_change_stated_as_a_large_fall_after_its_cause(tmp_path):
    """受…影响，我区…收入下降幅度较大: a change with no figure, its item without 我区."""
    assert found(
        tmp_path,
        "受减税、疫情“双叠加”影响，我区一般公共预算收入下降幅度较大，预计短收6919万元。",
        "受天气影响，工程进度明显较慢。",  # no change of a figure
    ) == [("一般公共预算收入", "decrease", "减税、疫情“双叠加”")]


def test_a_reason_ends_before_what_follows_it(tmp_path):
    """A reason ends before the balance (，加上…亿元), a share after ；, a (详见附表一) note, and a next sentence
    saying what the item is for or how it is used (该项经费主要用于… / 经费使用严格按照… / 本部分的…包括…)."""
    assert found(
        tmp_path,
        "2021年一般公共预算收入17.3亿元，比上年增长7.0%，收入增长主要是税收收入增加（详见附表一），加上上级补助收入"
        "9.02亿元、上年结转3.53亿元，收入合计29.85亿元（详见附表五）。",
        "税收收入1124万元，比上年减收207万元，下降15.58%，主要是增值税减收；税收收入占全部财政收入的比重为76.57%。",
        "公务接待费3.2万元，比上年增加0.5万元，增加原因主要是上级检查调研增多。该项经费主要用于接待上级单位业务指导。",
        "培训费2万元，比上年减少1万元，主要原因是压减培训班次。经费使用严格按照培训费管理办法执行。",
        "收入总计900万元，支出总计900万元，比上年减少60万元，主要原因是压减一般性支出。本部分的收入总计包括本年收入合计。",
    ) == [
        ("一般公共预算收入", "increase", "税收收入增加"),
        ("税收收入", "decrease", "增值税减收"),
        ("公务接待费", "increase", "上级检查调研增多"),
        ("培训费", "decrease", "压减培训班次"),
        ("支出总计", "decrease", "压减一般性支出"),
    ]


def test_both_sides_after_a_comparison_with_no_lead_in(tmp_path):
    # 一方面是…；另一方面… right after a change: one reason holding both sides
    assert found(
        tmp_path,
        "某部门解释，“三公”经费决算数小于预算数，一方面是厉行节约，压缩公务接待；另一方面，受天气影响，部分调研未能成行。",
        "会议费支出增加3万元，一方面用于召开专题会议，另一方面用于视频会议系统维护。",  # a use, not a reason
        "一方面加强预算管理，另一方面严格控制一般性支出。",  # no change before it
        "公务接待费比上年减少1万元，一方面是严格接待标准。",  # no other side
    ) == [
        ("“三公”经费", "under", "厉行节约，压缩公务接待；另一方面，受天气影响，部分调研未能成行"),
    ]


def test_cause_sentence_right_after_its_change(tmp_path):
    assert found(
        tmp_path,
        "增值税收入52000万元，较2022年增长12.3%。由于上年基数较低，经济稳步恢复，主要行业税收均有回升。",
        "公务接待费比上年减少2万元。受机构改革影响，上级来访检查批次不多。",
        "收入总计比上年增加10万元，支出总计比上年增加8万元。由于人员增加，工作任务加重。",  # two items
        "会议费比上年减少2万元。由于上述原因，会议费减少。",  # points back
        "培训费比上年减少2万元。由于工作需要，本单位新增培训基地1个。",  # a figure of its own
        "差旅费比上年减少1万元。本单位严格执行差旅规定。由于人员增加，工作任务加重。",  # not right after
        "本单位共有在编人员20人。由于工作需要，新设两个科室。",  # no change before it
    ) == [
        ("增值税收入", "increase", "上年基数较低，经济稳步恢复，主要行业税收均有回升"),
        ("公务接待费", "decrease", "受机构改革影响，上级来访检查批次不多"),
    ]


def test_factors_excluded_from_a_like_for_like_comparison(tmp_path):
    assert found(
        tmp_path,
        "全区一般公共预算支出38.2亿元，比上年下降2.7%，剔除不可比因素（剔除上年一次性债券资金2.5亿元），同比增长5.1%。",
        "税收收入96.4亿元，比上年增长1.8%，剔除留抵退税因素后，同口径增长7.9%。",
        "全省一般公共预算收入3120亿元，按自然口径计算同比下降6%，扣除留抵退税因素后增长2%。",
        "收入运行平稳。剔除上年一次性非税收入入库因素，同口径增幅高于预算。",  # no change before it
        "本年度剔除不合格项目3个，项目支出减少10万元。",  # not a like-for-like comparison
    ) == [
        ("全区一般公共预算支出", "decrease", "上年一次性债券资金2.5亿元"),
        ("税收收入", "increase", "留抵退税"),
        ("全省一般公共预算收入", "decrease", "留抵退税"),  # (not 按自然口径计算: how it is reckoned)
    ]


def test_qiyi_qier_number_a_list_of_reasons_and_a_plan_is_a_budgets_reason(tmp_path):
    """其一，… 。其二，… (a 湖南 budget): one reason per item; 将进一步加强… is the plan the budget states as its
    reason, not a measure that ends the reason (which left only 其一)."""
    assert found(
        tmp_path,
        "2017年“三公”经费预算数为8万元，比上年预算10万元减少2万元。2017年“三公”经费较上年减少的主要原因是：其一，将进一步"
        "加强接待费管理，公务接待费没有出现增长。其二，实施公务用车制度改革。",
    ) == [("“三公”经费", "decrease", "其一，将进一步加强接待费管理，公务接待费没有出现增长"),
          ("“三公”经费", "decrease", "实施公务用车制度改革")]


def test_a_measure_after_a_stated_reason_still_ends_it(tmp_path):
    assert found(
        tmp_path,
        "培训费比上年减少5万元，主要原因是部分培训改为线上开展，下一步将进一步加强培训管理。",
    ) == [("培训费", "decrease", "部分培训改为线上开展")]


def test_the_item_of_a_reason_holds_no_degree_word_and_no_figure(tmp_path):
    """市本级“三公”经费预算略有下降的原因主要是… (a 四川 budget); 收、支总计各减少1267.86,2570.97万元 (a 四川 final
    account): 略有 and the change with its figures are no part of the item's name."""
    assert found(
        tmp_path,
        "2021年市本级“三公”经费预算略有下降的原因主要是严格执行八项规定。",
        "与2021年相比，收、支总计各减少1267.86,2570.97万元，各下降23.51%、38.28%。主要变动原因是创建工作完成，项目收入减少。",
    ) == [("市本级“三公”经费预算", "decrease", "严格执行八项规定"),
          ("收、支总计", "decrease", "创建工作完成，项目收入减少")]


def test_a_heading_of_an_items_change_reasons_announces_its_paragraphs(tmp_path):
    """三、“三公”经费变动原因 ↵ 一是…；二是… (a 广西 final account): the paragraph is the reason of the 三公 change,
    its counts (3批共3人) part of the cause; a page's footer under it is none."""
    assert found(
        tmp_path,
        "2018年度“三公”经费决算支出51万元，与上年相比减少17万元。",
        "二、“三公”经费变动原因",
        "一是根据上级工作部署，新增3批共3人出国考察，因公出国（境）费用增加；二是按时完成公务用车改革，运行费减少。",
        "相关附件：",
    ) == [("“三公”经费", None, "根据上级工作部署，新增3批共3人出国考察，因公出国（境）费用增加；二是按时完成公务用车改革，运行费减少")]


def test_a_heading_naming_the_direction_gives_it(tmp_path):
    assert found(
        tmp_path,
        "2024年公务接待费3.2万元。",
        "（二）公务接待费减少原因",
        "由于严格执行接待标准，接待批次减少。",
    ) == [("公务接待费", "decrease", "由于严格执行接待标准，接待批次减少")]


def test_a_numbered_lists_later_reasons_explain_what_its_first_does(tmp_path):
    """区本级“三公”经费预算总额较上年减少的主要原因是：一是…。二是…。 (a 四川 budget): the second reason explains the
    same change as the first, though no figure of its sentence names it."""
    assert found(
        tmp_path,
        "2024年区本级“三公”经费预算总额较上年减少的主要原因是：一是严把预算关，实行源头控制。二是注重宣传，强化只减不增理念。",
    ) == [("区本级“三公”经费预算总额", "decrease", "一是严把预算关，实行源头控制"),
          ("区本级“三公”经费预算总额", "decrease", "注重宣传，强化只减不增理念")]
