"""Extraction errors the national labellers noted (corpus/reasons/national_labels.jsonl ``note``), each
written down with the report's own sentences (source and page in the test) and fixed in the extractor.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from narrative_extract import api
from narrative_extract.claims.extract import document_to_claims
from narrative_extract.model import Document, Location, Paragraph
from narrative_extract.reasons.records import ReasonRecord, claims_to_reason_records


def records(tmp_path: Path, title: str, *paragraphs: str) -> list[ReasonRecord]:
    path = tmp_path / "report.txt"
    path.write_text("\n".join((title, *paragraphs)) + "\n", encoding="utf-8")
    doc = api.read_document(str(path))
    return claims_to_reason_records(doc, document_to_claims(doc), None)


SUZHOU_07 = (  # suzhou_07.pdf p.40
    ("2.住房改革支出（款）提租补贴（项）支出1,504.64万元，与上年相比增加834.34万元，增长124.47%。主要原因是上年度在职人员"
    "提租补贴预算合并至购房补贴，未单独编列。本年度根据预算编制要求，单独编列在职人员提租补贴，相应提租补贴支出增加。"),
    ("3.住房改革支出（款）购房补贴（项）支出1,212.07万元，与上年相比减少753.17万元，减少38.32%。主要原因是上年度在职人员"
    "提租补贴预算合并至购房补贴编列。本年度根据预算编制要求，单独编列在职人员提租补贴，相应购房补贴支出减少。"),
)


def test_a_two_sentence_reason_is_not_cut_at_its_first_full_stop(tmp_path):
    found = records(tmp_path, "苏州市某局2026年部门预算", "一、一般公共预算支出情况", *SUZHOU_07)
    assert [(r.item, r.direction, r.text) for r in found] == [
        ("提租补贴", "increase", ("上年度在职人员提租补贴预算合并至购房补贴，未单独编列。本年度根据预算编制要求，"
                              "单独编列在职人员提租补贴，相应提租补贴支出增加")),
        ("购房补贴", "decrease", ("上年度在职人员提租补贴预算合并至购房补贴编列。本年度根据预算编制要求，"
                              "单独编列在职人员提租补贴，相应购房补贴支出减少")),
    ]


def test_a_reason_does_not_run_into_what_is_no_longer_its_explanation(tmp_path):
    found = records(
        tmp_path, "某局2024年度部门决算", "一、项目支出绩效情况",
        # liaoning l.240: the next step is no reason
        "项目全年预算数为139.97万元，执行数为0万元，完成预算的0%。发现的主要问题及原因：年中新增预算项目，指标下达时间较晚。"
        "下一步改进措施：加快维修改造进度和资金支付进度。",
        # putuo_planning_resources p.27: a component of the change restated
        "机关运行经费支出比上年减少2.5万元，主要原因是严格落实中央八项规定，勤俭节约，合理支出。较上一年度减少了培训费支出。",
        # shanghai_final_template_2024 p.17: a template's note and its next figures
        "“三公”经费支出决算数小于预算数，主要原因是XXXXXXXX。（如持平作持平表述）2024年度“三公”经费财政拨款支出决算数比2023年度"
        "减少（增加）XXX万元。",
    )
    assert [r.text for r in found] == ["年中新增预算项目，指标下达时间较晚", "严格落实中央八项规定，勤俭节约，合理支出",
                                       "XXXXXXXX"]


BEIJING_04 = (  # beijing_04.pdf p.2
    "2026度收入预算515,665.27万元，其中:一般公共预算收入19,828.57万元比2025年初预算数20,292.85万元减少464.27万元，降低"
    "2.29%；国有资本经营预算收入495,836.20万元比2025年初预算数56,831.85增加较多，主要原因是2026年初批复率提高，比2025年"
    "预算收入执行数483,923.17万元增加11,913.03万元，增长2.46%。"
)


def test_a_reason_after_a_change_stated_without_figure_explains_that_change_not_the_figure_before(tmp_path):
    (found,) = records(tmp_path, "北京市某局2026年部门预算", "二、收入预算情况说明", BEIJING_04)
    assert (found.item, found.direction, found.amount) == ("国有资本经营预算收入", "increase", None)


def test_a_reason_ends_before_the_comparison_that_restates_its_change(tmp_path):
    (found,) = records(tmp_path, "北京市某局2026年部门预算", "二、收入预算情况说明", BEIJING_04)
    assert found.text == "2026年初批复率提高"
    # a reason lead after the restated change keeps the whole (putuo_planning_resources p.20)
    (kept,) = records(tmp_path, "某局2024年度部门决算", "一、收入支出决算总体情况说明",
                      "2024年度收入总计3000.00万元，比上年增加1133.95万元，增长60.00%，主要原因是项目支出增加，较上一度增加"
                      "1133.95万元，主要由于某事务中心办公大楼装修。")
    assert kept.text == "项目支出增加，较上一度增加1133.95万元，主要由于某事务中心办公大楼装修"


def test_an_item_cut_at_its_own_bracket_is_the_full_function_name(tmp_path):
    (found,) = records(
        tmp_path, "苏州市数据局2026年部门预算", "一、一般公共预算支出情况",  # suzhou_04.pdf p.34
        "5.政府办公厅（室）及相关机构事务（款）其他政府办公厅（室）及相关机构事务支出（项）支出330.72万元，与上年相比减少"
        "53,675.55万元，减少99.39%。主要原因是市级电子化政务项目调整至科技条件与服务（款）其他科技条件与服务支出（项）。")
    assert (found.item, found.direction) == ("其他政府办公厅（室）及相关机构事务支出", "decrease")


def test_an_item_read_from_a_bracketed_note_is_the_figure_s_own_subject(tmp_path):
    (found,) = records(
        tmp_path, "烟台市某局2026年部门预算", "四、委托业务费情况",  # yantai_04.pdf p.35 (yantai_19 p.33 alike)
        "委托业务费指委托外单位办理业务而支付的各项资金。2026年本部门委托业务费财政拨款预算为2,196.52万元，比上年预算（注：上年"
        "3,468.18万元，公开时请删除注释）减少1271.66万元，下降36.67%。主要原因是局机关建筑业财税奖补资金项目、三城联创研究及工作"
        "推进项目等调减预算。")
    assert (found.item, found.direction, found.amount) == ("委托业务费", "decrease", Decimal("1271.66"))


def test_a_reason_after_a_paragraph_broken_mid_sentence_explains_the_change_before_the_break():
    # yantai_03.pdf p.29: the PDF's paragraph breaks inside 下降(增长)4.70%
    section = ("四、委托业务费情况",)
    texts = [("委托业务费指委托外单位办理业务而支付的各项资金。2026年本部门委托业务费财政拨款预算为649万元，比上年预计减少32万元，"
             "下降(增"),
             ("长)4.70%。主要原因，一是办公室政务运行保障经费中委托业务费减少;二是政务热线整合经费中委托业务费减少;三是推进政府"
             "职能转变优化营商环境工作经费中委托业务费减少。")]
    doc = Document("yantai_03.pdf", "pdf", kind="budget", year=2026,
                   paragraphs=[Paragraph(t, [(0, Location(page=29))], section) for t in texts])
    (found,) = claims_to_reason_records(doc, document_to_claims(doc), None)
    assert (found.item, found.direction, found.amount) == ("委托业务费", "decrease", Decimal(32))
    assert found.text.startswith("一是办公室政务运行保障经费中委托业务费减少")


def test_a_template_s_either_or_change_takes_the_way_the_figures_before_it_went(tmp_path):
    found = records(
        tmp_path, "烟台市某局2026年部门预算", "一、收支预算情况",  # yantai_17.pdf p.33
        "1.收入预算减少976.9万元。",
        "2.支出预算减少976.9万元，其中基本支出增加456.86万元，项目支出减少1,433.76万元。",
        "3.收支预算增加（减少）的主要原因，一是2026年较2025年人员工资经费增加，故收支预算增加；二是因按财政要求严格落实过紧日子"
        "原则，压缩项目经费，一般公共收入预算和项目支出预算减少；三是今年未安排单位资金，其他收入预算减少。")
    assert [(r.item, r.direction) for r in found] == [("收支", "decrease")]


def test_a_figure_of_the_reason_s_own_sentence_names_its_item_before_the_sentence_before_does(tmp_path):
    (found,) = records(
        tmp_path, "长春市某局2026年部门预算", "七、一般公共预算“三公”经费情况说明",  # changchun_01.pdf p.18
        "2026年“三公经费”预算数为7.61万元，2025年预算数为9.23万元，和2025年相比预算减少1.62万元。公务用车购置及运行费6.75万元，"
        "主要用于公务车的维修和加油。2026年公务接待费为0.86万元，和2025年相比预算减低0.27万元，主要原因是过紧日子。")
    assert (found.item, found.text) == ("公务接待费", "过紧日子")


def test_a_lead_in_typed_twice_is_one_lead_in(tmp_path):
    # 重庆 单位决算: 主要原因是主要原因较上年预算时减少了4名教师… — the reason starts after the second lead-in
    found = records(tmp_path, "某小学2023年度单位决算",
                    "2023年度财政拨款收、支总计603.13万元。与2022年相比，财政拨款收、支总计各减少79.44万元，下降11.6%。"
                    "主要原因是主要原因较上年预算时减少了4名教师，人员经费减少。",
                    "2023年度收入合计617.85万元，较上年增加6.03万元，主要是主要是人员经费调整后，财政拨入人员经费上调。")
    assert [r.text for r in found] == ["较上年预算时减少了4名教师，人员经费减少", "人员经费调整后，财政拨入人员经费上调"]
