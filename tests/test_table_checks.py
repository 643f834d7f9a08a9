"""Parent = sum of children when some child rows are printed without their code."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from narrative_extract.model import Amount, Cell, Location, Row, Table
from narrative_extract.reconcile.tables import children_sums, row_levels

from .conftest import check_text


def table(rows: list[tuple[str | None, str, str]]) -> Table:
    return Table(
        title="一般公共预算基本支出部门预算经济分类预算表", code=None, family="budget", standard_id="budget.general_basic",
        unit="元", header=["合计"], loc=Location(line=1),
        rows=[Row(code, name, [Cell(v, "合计", Amount(Decimal(v), "", 0))], Location(line=i + 2))
              for i, (code, name, v) in enumerate(rows)],
    )


def test_uncoded_rows_between_siblings_count_as_children():
    # wanli 2024 p.29: 津贴补贴 and 绩效工资 print no code between 30101 and 30108.
    t = table([("301", "工资福利支出", "100"), ("30101", "基本工资", "40"), (None, "津贴补贴", "30"),
               (None, "绩效工资", "20"), ("30108", "养老保险缴费", "10"), ("302", "商品和服务支出", "5"),
               ("30201", "办公费", "5")])
    assert row_levels(t) == [3, 5, 5, 5, 5, 3, 5]
    [parent, office] = children_sums(t)
    assert parent.subject == "工资福利支出" and parent.status == "consistent" and parent.expected == "100"
    assert office.subject == "商品和服务支出" and office.status == "consistent"


def test_uncoded_row_of_unknown_level_gives_no_verdict():
    # welfare home 2024 p.9: 事业单位医疗 (2101102) printed without code after 21011, before 221.
    t = table([("210", "卫生健康支出", "50"), ("21011", "行政事业单位医疗", "50"), (None, "事业单位医疗", "50"),
               ("221", "住房保障支出", "7"), ("22102", "住房改革支出", "7")])
    assert row_levels(t)[2] is None
    found = children_sums(t)
    assert [f.subject for f in found] == ["住房保障支出"] and found[0].status == "consistent"


def test_wrong_parent_is_still_caught_with_uncoded_children():
    t = table([("301", "工资福利支出", "110"), ("30101", "基本工资", "40"), (None, "津贴补贴", "30"),
               ("30108", "养老保险缴费", "30")])
    [f] = children_sums(t)
    assert f.status == "mismatch" and f.expected == "100"


def test_summary_tables_agree_in_liaoning_and_a_changed_total_is_caught():
    from narrative_extract import api
    from narrative_extract.reconcile.cross_tables import cross_table_findings

    from .conftest import corpus

    doc = api.read_document(corpus("liaoning_org_2024_final"))
    found = cross_table_findings(doc)
    assert Counter(f.kind for f in found) == {"table_agreement": 4, "table_cross_total": 1}
    assert {f.status for f in found} == {"consistent"}  # 4,363.99 + 712.96 = 5,076.95 vs 5,076.96: within rounding
    # Alter 03表 合计 本年支出合计 (10,169.39) as a misprint would.
    t03 = next(t for t in doc.tables if t.standard_id == "final.03")
    cell = next(r for r in t03.rows if r.name == "合计").cell("本年支出合计")
    cell.text, cell.amount = "10,196.39", Amount(Decimal("10196.39"), "", 2)
    [bad] = [f for f in cross_table_findings(doc) if f.status == "mismatch"]
    assert "本年支出合计 (01表) = 支出决算表 合计 (03表)" in bad.message and bad.expected == "10,196.39万元"
    assert [e.standard_id for e in bad.evidence] == ["final.01", "final.03"]


def test_budget_families_agree_in_dachang():
    from narrative_extract import api
    from narrative_extract.reconcile.cross_tables import cross_table_findings

    from .conftest import corpus

    found = cross_table_findings(api.read_document(corpus("dachang_org_2024_budget")))
    assert sorted(f.raw for f in found) == ["2243.87", "2243.87", "2243.87", "693.54"]
    assert {f.status for f in found} == {"consistent"}


BROKEN_05 = ("某局2025年度部门决算\n一、一般公共预算财政拨款支出决算情况说明\n"
             "“住房保障支出（类）住房改革支出（款）住房公积金（项）”403.71 万元。\n"
             "一般公共预算财政拨款支出决算表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
             "207\t文化旅游体育与传媒支出\t17127.62\t7374.19\t9753.43\n20701\t文化和旅游\t14758.06\t7374.19\t7383.87\n"
             "2070101\t行政运行\t457.86\t454.06\t3.79\n"
             "208\t社会保障和就业支出\t44.54\t44.54\t\n20805\t行政事业单位养老支出\t361.85\t361.85\t\n"
             "2080501\t行政单位离退休\t699.30\t699.30\t\n"
             "221\t住房保障支出\t4948.72\t4948.72\t\n22102\t住房改革支出\t595.64\t595.64\t\n"
             "2210201\t住房公积金\t457.86\t457.86\t\n2210203\t购房补贴\t3070.63\t3070.63\t\n"
             "合计\t\t1700.57\t1700.57\t\n")


def test_a_table_that_does_not_add_up_is_one_record_and_no_evidence(tmp_path):
    # 文旅 2025 05表 as read (rows of p.15 repeated on p.16): most parent sums fail. One record says so,
    # unverifiable: so many failures say the reading does not hold (长春 预算表6 reads 6 of 21 failing)
    # more likely than a report misprinting them all. The prose is not judged against its cells
    # (403.71 vs a 住房公积金 cell of 457.86 proves nothing)
    found = check_text(tmp_path, BROKEN_05)
    sums = [f for f in found if f.kind == "table_children_sum"]
    assert len(sums) == 1 and sums[0].status == "unverifiable" and "parent sums fail" in sums[0].message
    [fund] = [f for f in found if f.kind == "amount" and f.raw == "403.71 万元"]
    assert fund.status == "unverifiable" and "not trusted" in fund.message
