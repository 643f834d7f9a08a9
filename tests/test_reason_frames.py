"""Reasons announced in other provinces' ways (news pages and reports outside the corpus): a lead-in after
the change (是因为 / 这主要是 / 究其原因), the cause before the change (因… / 由于… / 受…影响 / 按照…要求), and
three partial defects (a list item of two sentences, 主要原因有三：, a composition after 主要是). The sentences
are written for these tests in the style of those pages."""

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
