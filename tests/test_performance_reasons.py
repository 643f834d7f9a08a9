"""Reasons of performance self-evaluations (绩效自评报告): why the budget's execution rate is under 100 %,
why an indicator or target was not met — basis ``performance``, the item the rate or indicator that fell
short, direction ``under`` (``over`` for a target surpassed); reasons under a heading that announces them;
a reason that ends before the measures taken. Sentences written for these tests in the style of the
self-evaluation reports of several provinces; each family has sentences that must give nothing."""

from __future__ import annotations

from pathlib import Path

from narrative_extract import api
from narrative_extract.claims.extract import document_to_claims
from narrative_extract.reasons.records import ReasonRecord, claims_to_reason_records


def records(tmp_path: Path, *lines: str, title: str = "某县2024年度学生资助项目支出绩效自评报告") -> list[ReasonRecord]:
    path = tmp_path / "report.txt"
    path.write_text("\n".join((title, "一、绩效目标完成情况", *lines)) + "\n", encoding="utf-8")
    doc = api.read_document(str(path))
    return claims_to_reason_records(doc, document_to_claims(doc), None)


def found(tmp_path: Path, *lines: str, **kw: str) -> list[tuple[str, str | None, str | None, str]]:
    return [(r.basis, r.item, r.direction, r.text) for r in records(tmp_path, *lines, **kw)]


def test_shortfall_stated_before_the_lead_in(tmp_path):
    assert found(
        tmp_path,
        "预算执行率未达到100%，主要原因是部分设备于12月底完成验收，尾款尚未支付。",
        "服务对象满意度指标未达到预期值，原因是部分乡镇政策宣传不到位。",
        "项目资金执行率为86.5%，未达到100%的原因：一是招标时间较长；二是部分资金年底才下达。",
        "数量指标中“农户培训人次”未完成年度目标，主要是受雨季影响，部分培训班未能开班。",
        "资金执行率偏低的原因是项目审批环节较多，开工时间推迟。",
        "本项目实际完成值超过年度目标，主要原因是申报人数增加。",
        "群众知晓率未达到预期值，原因是宣传不到位，时效指标未完成，主要是采购周期长。",
        "“农村道路硬化”指标未能完成的原因主要是受连续降雨影响，施工期缩短。",
        "部分效益指标未达到预期，主要是项目建成时间较短。",
        "全年预算数200.00万元，全年执行数150.00万元，资金执行率未达到100%的原因为部分项目未完成政府采购程序。",
    ) == [
        ("performance", "预算执行率", "under", "部分设备于12月底完成验收，尾款尚未支付"),
        ("performance", "服务对象满意度指标", "under", "部分乡镇政策宣传不到位"),
        ("performance", "项目资金执行率", "under", "一是招标时间较长；二是部分资金年底才下达"),
        ("performance", "农户培训人次", "under", "受雨季影响，部分培训班未能开班"),
        ("performance", "资金执行率", "under", "项目审批环节较多，开工时间推迟"),
        ("performance", "本项目实际完成值", "over", "申报人数增加"),
        ("performance", "群众知晓率", "under", "宣传不到位"),  # (two shortfalls, each with its reason)
        ("performance", "时效指标", "under", "采购周期长"),
        ("performance", "“农村道路硬化”指标", "under", "受连续降雨影响，施工期缩短"),
        ("performance", "部分效益指标", "under", "项目建成时间较短"),
        ("performance", "资金执行率", "under", "部分项目未完成政府采购程序"),
    ]


def test_performance_labels_as_lead_ins(tmp_path):
    # a label with a colon, and a table cell printed as a line and joined with its text (no colon)
    assert found(
        tmp_path,
        "偏差原因：受汛期影响，河道整治工程进度滞后。",
        "未完成原因：政府采购流程较长。",
        "扣分原因：项目档案资料不完整。",
        "执行进度滞后的原因是施工许可审批时间较长。",
        "偏差原因分析",
        "因土地征收未完成，部分工程未能开工。",
    ) == [
        ("performance", None, "under", "受汛期影响，河道整治工程进度滞后"),
        ("performance", None, "under", "政府采购流程较长"),
        ("performance", None, "under", "项目档案资料不完整"),
        ("performance", "执行进度", "under", "施工许可审批时间较长"),
        ("performance", None, "under", "因土地征收未完成，部分工程未能开工"),
    ]


def test_a_reason_ends_before_the_measures(tmp_path):
    assert found(
        tmp_path,
        "满意度指标未达到预期值，原因是部分学校宣传不到位，下一步将加强政策宣传。",
        "时效指标完成进度滞后的原因是设备采购周期较长。下一步我单位将提前开展采购。",
        "预算执行率未达到100%，主要原因是项目资金下达较晚，我单位将进一步加快支付进度。",
    ) == [
        ("performance", "满意度指标", "under", "部分学校宣传不到位"),
        ("performance", "时效指标完成进度", "under", "设备采购周期较长"),
        ("performance", "预算执行率", "under", "项目资金下达较晚"),
    ]


def test_reasons_announced_by_their_heading(tmp_path):
    rows = found(
        tmp_path,
        "二、偏差原因分析及改进措施",
        "（一）偏差原因分析",
        "1.项目资金下达较晚，导致支付进度滞后。",
        "2.部分学校宣传不到位，受助学生对政策了解不够。",
        "（二）改进措施",
        "1.提前谋划项目，加快支付进度。",
        "三、未完成原因",
        "本项目各项指标均已完成，无偏差。",
        "四、偏差原因分析及改进措施",
        "受汛期影响，工程进度滞后，部分工程款未能按期支付。",
        "下一步，我单位将加快工程进度。",
        "加强与施工单位的沟通。",
        "五、存在的问题及原因",
        "部分档案资料不完整。",
    )
    assert rows == [
        ("performance", None, "under", "项目资金下达较晚，导致支付进度滞后"),
        ("performance", None, "under", "部分学校宣传不到位，受助学生对政策了解不够"),
        ("performance", None, "under", "受汛期影响，工程进度滞后，部分工程款未能按期支付"),
    ]


def test_a_heading_of_performance_reasons_gives_its_reasons_that_basis(tmp_path):
    assert found(
        tmp_path,
        "二、存在的问题及原因",
        "项目支出较上年减少5.00万元，主要原因是培训班次减少。",
    ) == [("performance", "项目支出", "under", "培训班次减少")]


def test_ordinary_reasons_keep_their_basis(tmp_path):
    rows = found(
        tmp_path,
        "一般公共服务支出较上年减少10.00万元，主要原因是人员减少。",
        "公务用车运行维护费决算数为8.00万元，比年初预算减少2.00万元，主要原因是严格控制用车。",
        "公务接待费较上年减少2.00万元，主要原因是严格控制接待标准。今后将继续厉行节约。",
        title="某县教育局2024年度部门决算",
    )
    assert rows == [
        ("yoy", "一般公共服务支出", "decrease", "人员减少"),
        ("budget", "公务用车运行维护费", "under", "严格控制用车"),
        ("yoy", "公务接待费", "decrease", "严格控制接待标准"),
    ]


def test_no_reason_where_none_is_given(tmp_path):
    assert found(
        tmp_path,
        "预算执行率为100%。本项目未发现偏差。",
        "人员经费较低，主要是人员较少。",  # a soft lead-in after no change and no shortfall
        "偏差原因分析如下表所示。",
        "三、偏差原因分析",
        "本项目各项绩效指标均已全部完成。",
        "项目预算120.00万元，实际支出108.00万元。",
        "四、改进措施",
        "加强项目前期论证。",
    ) == []


def test_a_form_printed_one_cell_per_line(tmp_path):
    # a web page or Word form saved as text: the lines join with nothing between the cells
    rows = found(
        tmp_path,
        "项目名称",
        "农村饮水安全项目",
        "偏差原因分析",
        "受汛期影响，管网铺设进度",
        "滞后，部分工程款未支付",
        "改进措施",
        "加快管网铺设进度",
        "未完成原因：政府采购流程较长",
        "8",
        "偏差原因分析",
        "无",
        "得分",
        "90",
    )
    assert rows == [
        ("performance", None, "under", "受汛期影响，管网铺设进度滞后，部分工程款未支付"),
        ("performance", None, "under", "政府采购流程较长"),
    ]


def test_a_label_at_a_line_start_in_wrapped_prose_keeps_its_whole_reason(tmp_path):
    assert found(
        tmp_path,
        "本项目年度绩效目标基本完成。",
        "偏差原因：受汛期影响，河道整治工程",
        "进度滞后，部分资金未能在年内支付。改进措施：加快工程进度。",
    ) == [("performance", None, "under", "受汛期影响，河道整治工程进度滞后，部分资金未能在年内支付")]


def test_a_reason_naming_no_indicator_takes_the_project_of_its_heading(tmp_path):
    assert found(
        tmp_path,
        "（二）农村饮水安全项目",
        "偏差原因：受汛期影响，管网铺设进度滞后。",
        "3.“学生资助”项目绩效自评情况",
        "未完成原因：政府采购流程较长。",
        "四、项目绩效目标完成情况",
        "扣分原因：档案资料不完整。",  # (a heading naming no project)
    ) == [
        ("performance", "农村饮水安全项目", "under", "受汛期影响，管网铺设进度滞后"),
        ("performance", "学生资助", "under", "政府采购流程较长"),
        ("performance", None, "under", "档案资料不完整"),
    ]
